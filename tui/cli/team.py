"""Team commands: `compare` and `ls` (scenario files side by side), `import` (a baseline from a
spreadsheet) and `export` (a report in md, csv, xlsx or txt)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.cli.render import document_signature, flag_field
from tui.core.errors import InputError
from tui.core.files.guarded import check_output_target
from tui.core.scenario.scenario_file import save_scenario
from tui.core.scenario.sheet_import import REQUEST_FIELDS, ImportRequest, run_import
from tui.core.scoring.rubric import RubricSet
from tui.core.team.compare import Column, compare, compare_columns, load_column
from tui.core.team.listing import SORT_KEYS, scan, sort_entries
from tui.presentation.catalogue import t
from tui.presentation.errors import entry_error, kind_word
from tui.presentation.report import Report, comparison_report, scenario_report
from tui.presentation.report_formats import (
    CSV_STYLES,
    FORMATS,
    check_output,
    emit_reports,
    to_csv,
    to_markdown,
    to_text,
)
from tui.presentation.text import comparison_note, n2, rank_text

EXIT_OK = 0


def add_parsers(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("compare", help="bandingkan 2–12 berkas skenario / compare scenario files")
    common(p)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument("--markdown", action="store_true")
    out.add_argument("--csv", action="store_true")
    p.add_argument("--cohort", default=None, metavar="ID|FILE")

    p = sub.add_parser("ls", help="daftar berkas skenario dalam folder / list scenario files")
    common(p)
    p.add_argument("dir", nargs="?", type=Path, default=Path("."), metavar="DIR")
    p.add_argument("--sort", choices=SORT_KEYS, default="file")
    p.add_argument("--reverse", action="store_true")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("import", help="baseline dari lembar kerja .csv/.xlsx / baseline from a sheet")
    common(p)
    p.add_argument("file", type=Path, metavar="FILE.csv|FILE.xlsx")
    p.add_argument("--framework", default=None, metavar="ID",
                   help="wajib untuk lembar tingkat; laporan ekspor spbe-planner menyebutnya sendiri")
    p.add_argument("--region", default=None, metavar="NAME", help="wajib untuk lembar tingkat")
    p.add_argument("--year", type=int, default=None,
                   help="tahun skenario; bila beberapa kolom tingkat, kolom yang judulnya memuat tahun ini "
                        "(bawaan: tahun di judul kolom, else tahun terakhir kerangka)")
    p.add_argument("--column", default=None, metavar="TEXT|LETTER",
                   help="kolom tingkat: hurufnya (C) atau judulnya ('Nilai 2025'), bila ada beberapa")
    p.add_argument("--history-columns", action="store_true",
                   help="kolom tingkat dengan tahun lebih awal di judulnya: indeksnya masuk [history]")
    p.add_argument("--name", default="Baseline")
    p.add_argument("--cohort", default=None, metavar="ID")
    p.add_argument("--sheet", default=None, metavar="NAME", help="lembar xlsx (bawaan: yang pertama dengan header)")
    p.add_argument("--history", default=None, nargs="?", const="", metavar="YEAR=INDEX,…",
                   help="hasil terbit tahun-tahun sebelumnya, mis. '2023=1.88,2024=2.48'; tanpa nilai, saat "
                        "menimpa skenario (--force): baseline lamanya masuk [history]")
    p.add_argument("--source", default=None, metavar="TEXT",
                   help="asal baseline, mis. 'penilaian mandiri' (bawaan: 'hasil resmi' bila lembar memuat "
                        "indeks atau nilai aspek/domain)")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUT.toml")
    p.add_argument("--force", action="store_true")

    p = sub.add_parser("export", help="laporan skenario atau perbandingan / report of scenarios")
    common(p)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE.toml")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--csv-style", choices=CSV_STYLES, default=None,
                   help="excel-id: ';' dan koma desimal (Excel berbahasa Indonesia); plain: ',' dan titik. "
                        "Bawaan mengikuti --lang (id: excel-id)")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUT", help="'-' untuk stdout (bukan xlsx)")
    p.add_argument("--cohort", default=None, metavar="ID|FILE")
    p.add_argument("--force", action="store_true")


def cmd_compare(args: argparse.Namespace, lang: str) -> int:
    cmp = compare(args.files, RubricSet(args.rubric), args.cohort)
    report = comparison_report(cmp, lang)
    if args.json:
        sys.stdout.write(json.dumps(cmp.as_json(), ensure_ascii=False) + "\n")
    elif args.markdown:
        sys.stdout.write(to_markdown([report], lang))
    elif args.csv:
        sys.stdout.write(to_csv([report]).lstrip("\ufeff"))
    else:
        text = to_text([report], lang).rstrip("\n")
        why = comparison_note([c.rubric.id for c in cmp.columns], cmp.comparable, lang)
        notes = [why] if why else []
        if cmp.comparable and not cmp.indicators:
            notes.append(t("compare_same", lang))
        print("\n".join([text, "", *notes, t("compare_best", lang)]))
    return EXIT_OK


def cmd_ls(args: argparse.Namespace, lang: str) -> int:
    entries = sort_entries(scan(args.dir, RubricSet(args.rubric)), args.sort, args.reverse)
    if args.json:
        sys.stdout.write(json.dumps([e.as_json() for e in entries], ensure_ascii=False) + "\n")
        return EXIT_OK
    if not entries:
        print(t("ls_none", lang, dir=args.dir))
        return EXIT_OK
    width = min(40, max(len(e.path.name) for e in entries))
    print(f"{t('file', lang):<{width}}  {t('region', lang):<24} {t('framework', lang):<10} "
          f"{t('index', lang):>6}  {t('predikat', lang):<12} {t('rank', lang)}")
    for e in entries:
        name = e.path.name[:width]
        if e.column is None and e.error is None:  # another kind of file: said, not an error
            print(f"{name:<{width}}  ({kind_word(e.kind or '', lang)})")
            continue
        if e.column is None:
            print(f"{name:<{width}}  {t('error', lang)}: {entry_error(e, lang)}")
            continue
        c, o = e.column, e.column.summary.scenario
        print(f"{name:<{width}}  {c.scenario.meta.region[:24]:<24} {c.rubric.id:<10} "
              f"{n2(o.evaluation.index, lang):>6}  {o.evaluation.predikat:<12} {rank_text(o.rank, lang)}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, lang: str) -> int:
    check_output_target(args.output, args.force)
    rubrics = RubricSet(args.rubric)
    request = ImportRequest(args.file, framework=args.framework, region=args.region, year=args.year, name=args.name,
                            cohort=args.cohort, sheet=args.sheet, column=args.column,
                            history_columns=args.history_columns, history=args.history, source=args.source,
                            notes=t("imported_from", lang, name=args.file.name), replacing=args.output)
    try:
        if args.framework:  # the flags first: a typo in --framework should not wait for a large sheet
            rubrics.get(args.framework)
        done = run_import(request, rubrics)
    except InputError as exc:
        raise (flag_field(exc) if exc.field in REQUEST_FIELDS else exc) from None
    save_scenario(args.output, done.scenario)
    if done.given:
        print(t("imported_checked", lang, n=len(done.given),
                what=", ".join(t("index", lang) if g.key == "index" else g.key for g in done.given)))
    if done.whole:
        print(t("imported_whole", lang, n=len(done.scenario.target), e=len(done.scenario.evidence)))
        if done.left_out:
            print(t("imported_left_out", lang, parts=done.left_out))
    print(t("imported_scenario" if done.whole else "imported", lang, n=len(done.scenario.baseline), path=args.output))
    return EXIT_OK


def reports_for(columns: list[Column], lang: str) -> list[Report]:
    """One file: its report. Several: the comparison first, then each file's report."""
    singles = [scenario_report(c, lang) for c in columns]
    return singles if len(columns) == 1 else [comparison_report(compare_columns(columns), lang), *singles]


def cmd_export(args: argparse.Namespace, lang: str) -> int:
    check_output(args.output, args.format, args.csv_style, args.force)
    if len(args.files) > 12:
        raise InputError("export_count", limit=12, got=len(args.files))
    rubrics = RubricSet(args.rubric)
    columns = [load_column(f, rubrics, args.cohort) for f in args.files]
    reports = reports_for(columns, lang)
    if emit_reports(args.output, args.format, reports, lang, args.csv_style,
                    document_signature(columns[0].scenario, args.format, lang)):
        print(t("exported", lang, path=args.output))
    return EXIT_OK


HANDLERS = {"compare": cmd_compare, "ls": cmd_ls, "import": cmd_import, "export": cmd_export}
