"""`spbe-planner convert`: a Pemdi 2026 baseline estimate from a PermenPANRB 59/2020 scenario."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tui.core.errors import InputError
from tui.core.files.guarded import check_output_target
from tui.core.scenario.convert import Converted, converts_from
from tui.core.scenario.scenario_file import load_scenario, save_scenario
from tui.core.scoring.rubric import RubricSet
from tui.presentation.catalogue import t
from tui.presentation.estimate import estimate, range_text

EXIT_OK = 0


def add_parser(sub: Any, common: Any) -> None:
    p = sub.add_parser("convert", help="perkiraan baseline Pemdi dari skenario SPBE 2020 / estimate a Pemdi baseline")
    common(p)
    p.add_argument("file", type=Path, metavar="FILE.toml")
    p.add_argument("--to", required=True, metavar="ID", help="kerangka tujuan, mis. pemdi-2026")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUT.toml")
    p.add_argument("--force", action="store_true", help="timpa berkas yang ada / overwrite")
    p.add_argument("--json", action="store_true", help="cetak pemetaan yang dipakai (JSON)")


def converted_from(path: Path, target_id: str, rubrics: RubricSet, lang: str) -> Converted:
    """The estimate, with its notes in the user's language (also what the app's palette runs)."""
    scenario, source = load_scenario(path, rubrics)
    try:
        target = rubrics.get(target_id)
    except InputError as exc:
        raise exc.with_field("--to") from None
    try:
        return estimate(scenario, source, target, path.name, lang)
    except InputError as exc:
        if exc.code != "convert_pair":
            raise
        # No way from the file's framework at all: the file is at fault; else the --to asked.
        raise (exc.with_field("--to") if converts_from(source.id) else
               exc.replaced(path=str(path), field="scenario.framework")) from None


def cmd_convert(args: argparse.Namespace, lang: str) -> int:
    check_output_target(args.output, args.force)
    result = converted_from(args.file, args.to, RubricSet(args.rubric), lang)
    save_scenario(args.output, result.scenario)
    if args.json:
        sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False) + "\n")
        return EXIT_OK
    print(t("converted", lang, path=args.output, n=len(result.sources)))
    if result.range is not None:  # the point estimate never alone: what real pairs say beside it
        print(range_text(result.range, lang))
    if result.needs_external:
        print(t("convert_needs_external", lang, ids=", ".join(result.needs_external)))
    print(t("convert_unofficial", lang))
    return EXIT_OK


HANDLERS = {"convert": cmd_convert}
