"""`spbe-planner roadmap`: the Peta Rencana (a target level per indicator per year, the programme and
owner, the index and cost per year) and, with --quarters, the Perjanjian Kinerja's quarterly targets."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tui.cli.render import document_signature
from tui.core.goal_seek.peta_rencana import plan_roadmap
from tui.core.goal_seek.plan_request import PlanFieldErrors
from tui.core.goal_seek.solve_limits import solve_limits
from tui.core.scenario.scenario_file import load_scorable_scenario
from tui.core.scenario.summary import resolve_cohort
from tui.core.scoring.rubric import RubricSet
from tui.presentation.catalogue import t
from tui.presentation.report_formats import CSV_STYLES, FORMATS, check_output, emit_reports
from tui.presentation.roadmap_report import roadmap_report

EXIT_OK = 0


def add_parser(sub: Any, common: Any) -> None:
    p = sub.add_parser("roadmap", help="Peta Rencana: target tingkat per indikator per tahun / roadmap document")
    common(p)
    p.add_argument("file", type=Path, metavar="FILE.toml")
    p.add_argument("--roadmap", action="extend", nargs="+", required=True, metavar="YEAR=TARGET",
                   help="target per tahun: 2026=baik 2027=3,0 2028=rank:3 (solver yang sama dengan plan --roadmap)")
    p.add_argument("--cost", type=Path, default=None, metavar="FILE", help="berkas biaya (program, pemilik, satuan)")
    p.add_argument("--cohort", default=None, metavar="ID|FILE")
    p.add_argument("--quarters", action="store_true",
                   help="target triwulanan tahun rencana pertama (Perjanjian Kinerja), dari tenggat bukti dukung")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--csv-style", choices=CSV_STYLES, default=None)
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="'-' untuk stdout (md, csv, txt)")
    p.add_argument("--force", action="store_true", help="timpa berkas yang ada / overwrite")


def cmd_roadmap(args: argparse.Namespace, lang: str) -> int:
    check_output(args.output, args.format, args.csv_style, args.force)
    s, rubric = load_scorable_scenario(args.file, RubricSet(args.rubric))
    cohort = resolve_cohort(s, rubric, args.cohort, path=args.file)
    try:
        with solve_limits():
            peta, quarters = plan_roadmap(s, rubric, cohort, list(args.roadmap), args.cost, quarters=args.quarters)
    except PlanFieldErrors as exc:
        raise exc.first from None  # a request field (roadmap) shows as its flag; a cost file's names the file
    report = roadmap_report(s, rubric, peta, lang, quarters)
    if emit_reports(args.output, args.format, [report], lang, args.csv_style,
                    document_signature(s, args.format, lang)):
        print(t("pr_written", lang, path=args.output))
    return EXIT_OK


HANDLERS = {"roadmap": cmd_roadmap}
