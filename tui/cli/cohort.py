"""`spbe-planner cohort import` (a cohort file from a published results table) and `cohort show`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tui.cli.render import flag_field, from_flag
from tui.core.errors import InputError
from tui.core.files.guarded import atomic_write, check_output_target
from tui.core.numbers import decimal_from_number
from tui.core.scoring.cohort import load_cohort
from tui.core.scoring.ranking import rank
from tui.core.scoring.rubric import RubricSet
from tui.core.team.cohort_import import cohort_id, cohort_toml, peers_level, read_peers, validated_cohort
from tui.presentation.catalogue import localized, t
from tui.presentation.text import n2, rank_text

EXIT_OK = 0


def add_parsers(sub: Any, common: Any) -> None:
    p = sub.add_parser("cohort", help="kohort dari tabel hasil / a cohort from a results table")
    actions = p.subcommands("cohort_command", metavar="ACTION", required=True)
    imp = actions.add_parser("import", help="buat berkas kohort dari .csv/.xlsx / make a cohort file")
    common(imp)
    imp.add_argument("file", type=Path, metavar="FILE.csv|FILE.xlsx|FILE.json")
    imp.add_argument("--framework", required=True, metavar="ID")
    imp.add_argument("--year", required=True, type=int, metavar="Y")
    imp.add_argument("--name", required=True, metavar="NAME")
    imp.add_argument("-o", "--output", required=True, type=Path, metavar="OUT.toml")
    imp.add_argument("--id", default=None, metavar="ID", help="bawaan: dari --name")
    imp.add_argument("--population", type=int, default=None, metavar="N", help="jumlah seluruh daerah")
    imp.add_argument("--source", default="", metavar="TEXT", help="sumber tabel (keputusan, tautan)")
    imp.add_argument("--sheet", default=None, metavar="NAME")
    imp.add_argument("--force", action="store_true")
    show = actions.add_parser("show", help="tampilkan kohort berperingkat / print a ranked cohort")
    common(show)
    show.add_argument("cohort", metavar="FILE|ID")


def cmd_cohort(args: argparse.Namespace, lang: str) -> int:
    return cmd_import(args, lang) if args.cohort_command == "import" else cmd_show(args, lang)


def cmd_import(args: argparse.Namespace, lang: str) -> int:
    check_output_target(args.output, args.force)
    rubric = from_flag("--framework", lambda: RubricSet(args.rubric).get(args.framework))
    peers = read_peers(args.file, rubric, args.sheet, args.year)
    text = cohort_toml(cid=args.id or cohort_id(args.name), name=args.name, framework=rubric.id, year=args.year,
                       peers=peers, population=args.population, source=args.source, level=peers_level(peers))
    # The flags are checked like a cohort file's own fields, before anything is written.
    try:
        validated_cohort(text, args.output)
    except InputError as exc:
        raise flag_field(exc.replaced(path=None)) from None
    atomic_write(args.output, text)
    print(t("cohort_written", lang, n=len(peers), path=args.output))
    return EXIT_OK


def cmd_show(args: argparse.Namespace, lang: str) -> int:
    cohort = load_cohort(args.cohort)
    rubric = RubricSet(args.rubric).get(cohort.meta.framework)
    lo, hi = rubric.meta.scale_min, rubric.meta.scale_max
    print(f"{cohort.id} · {localized(cohort.meta.name, cohort.meta.name_en, lang)} · {cohort.meta.framework}")
    rows = []
    for peer in cohort.file.peer:
        if peer.index is None:
            continue
        value = decimal_from_number(peer.index)
        rows.append((value, peer.name, rank(value, cohort, region=peer.name, scale_min=lo, scale_max=hi)))
    rows.sort(key=lambda r: (-r[0], r[1]))
    for value, name, r in rows:
        print(f"{rank_text(r, lang):>12}  {n2(value, lang):>5}  {name}")
    unknown = cohort.size - len(rows)
    if unknown:
        print(t("cohort_unknown", lang, n=unknown))
    return EXIT_OK


HANDLERS = {"cohort": cmd_cohort}
