"""`spbe-planner evidence import|export`: the portal's evidence statuses into a scenario, and the
scenario's evidence back out in the same shape."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tui.cli.render import flag_field
from tui.core.errors import InputError
from tui.core.files.guarded import check_output_target
from tui.core.scenario.evidence_sheet import evidence_sheet_format, import_evidence
from tui.core.scenario.scenario_file import load_scenario, save_scenario
from tui.core.scoring.rubric import RubricSet
from tui.presentation.catalogue import t
from tui.presentation.report import evidence_sheet_report
from tui.presentation.report_formats import CSV_STYLES, write_report

EXIT_OK = 0


def add_parsers(sub: Any, common: Any) -> None:
    p = sub.add_parser("evidence", help="status bukti dukung dari/ke lembar portal / evidence statuses in and out")
    actions = p.add_subparsers(dest="evidence_command", metavar="import|export", required=True)
    q = actions.add_parser("import", help="gabungkan lembar bukti dukung ke skenario / merge an evidence sheet")
    common(q)
    q.add_argument("sheet", type=Path, metavar="SHEET.csv|SHEET.xlsx")
    q.add_argument("scenario", type=Path, metavar="SCENARIO.toml")
    q.add_argument("-o", "--output", type=Path, default=None, metavar="OUT.toml",
                   help="tulis ke berkas lain (bawaan: skenario itu sendiri, ditulis atomik)")
    q.add_argument("--sheet", dest="sheet_name", default=None, metavar="NAME", help="lembar xlsx (bawaan: yang pertama "
                   "dengan tabel bukti dukung)")
    q.add_argument("--json", action="store_true", help="ringkasan sebagai JSON / the counts as JSON")
    q.add_argument("--force", action="store_true", help="timpa -o yang ada / overwrite -o")
    q = actions.add_parser("export", help="bukti dukung skenario sebagai lembar / the scenario's evidence as a sheet")
    common(q)
    q.add_argument("scenario", type=Path, metavar="SCENARIO.toml")
    q.add_argument("-o", "--output", type=Path, required=True, metavar="SHEET.xlsx|SHEET.csv")
    q.add_argument("--csv-style", choices=CSV_STYLES, default=None,
                   help="excel-id: ';' dan koma desimal; plain: ',' dan titik. Bawaan mengikuti --lang")
    q.add_argument("--force", action="store_true", help="timpa berkas yang ada / overwrite")


def cmd_evidence(args: argparse.Namespace, lang: str) -> int:
    return cmd_import(args, lang) if args.evidence_command == "import" else cmd_export(args, lang)


def cmd_import(args: argparse.Namespace, lang: str) -> int:
    out = args.output or args.scenario
    if args.output is not None:
        check_output_target(args.output, args.force)
    scenario, rubric = load_scenario(args.scenario, RubricSet(args.rubric))
    merged, report = import_evidence(args.sheet, scenario, rubric, args.sheet_name)
    changed = merged != scenario or args.output is not None
    if changed:
        save_scenario(out, merged)
    if args.json:
        sys.stdout.write(json.dumps({**report.as_json(), "written": str(out) if changed else None}) + "\n")
    else:
        key = "evidence_merged" if changed else "evidence_merged_none"
        print(t(key, lang, sheet=args.sheet.name, path=out, **report.as_json()))
    return EXIT_OK


def cmd_export(args: argparse.Namespace, lang: str) -> int:
    try:
        fmt = evidence_sheet_format(args.output)
    except InputError as exc:
        raise flag_field(exc) from None
    check_output_target(args.output, args.force)
    scenario, _ = load_scenario(args.scenario, RubricSet(args.rubric))
    write_report(args.output, fmt, [evidence_sheet_report(scenario, lang)], lang, args.csv_style)
    print(t("evidence_exported", lang, n=len(scenario.evidence), path=args.output))
    return EXIT_OK


HANDLERS = {"evidence": cmd_evidence}
