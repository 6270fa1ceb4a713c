"""`spbe-planner action-plan`: the scenario's steps and programmes as owners' work (rencana aksi)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from tui.cli.render import document_signature
from tui.core.errors import InputError
from tui.core.files.guarded import atomic_write
from tui.core.goal_seek.action_plan import build_action_plan
from tui.core.goal_seek.costs import Constraints, load_costs
from tui.core.numbers import shown
from tui.core.scoring.rubric import RubricSet
from tui.core.team.compare import load_column
from tui.presentation.action_plan_report import action_plan_reports
from tui.presentation.catalogue import t
from tui.presentation.report_formats import CSV_STYLES, FORMATS, check_output, emit_reports

EXIT_OK = 0


def add_parser(sub: Any, common: Any) -> None:
    p = sub.add_parser("action-plan", help="rencana aksi per pemilik (OPD) / action plan by owner")
    common(p)
    p.add_argument("file", type=Path, metavar="FILE.toml")
    p.add_argument("--format", choices=(*FORMATS, "ics"), required=True,
                   help="md, csv, xlsx, txt, docx, pdf; ics: kalender (satu entri per langkah dan bukti bertenggat)")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="'-' untuk stdout (md, csv, txt)")
    p.add_argument("--deadline", default=None, metavar="YYYY-MM-DD",
                   help="tandai langkah dan bukti dukung yang tenggatnya lewat tanggal ini")
    p.add_argument("--cost", default=None, metavar="FILE",
                   help="berkas biaya (bawaan: naik ke tingkat 2 = 1, 3 = 2, 4 = 3, 5 = 5)")
    p.add_argument("--csv-style", choices=CSV_STYLES, default=None,
                   help="excel-id: ';' dan koma desimal; plain: ',' dan titik. Bawaan mengikuti --lang")
    p.add_argument("--cohort", default=None, metavar="ID|FILE")
    p.add_argument("--force", action="store_true", help="timpa berkas yang ada / overwrite")


def deadline_from(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError("deadline_format", field="--deadline", got=shown(text.strip())) from None


def cmd_action_plan(args: argparse.Namespace, lang: str) -> int:
    check_output(args.output, args.format, args.csv_style, args.force)
    deadline = deadline_from(args.deadline)
    col = load_column(args.file, RubricSet(args.rubric), args.cohort)
    cons = load_costs(args.cost, col.rubric) if args.cost else Constraints()
    plan = build_action_plan(col.rubric, col.scenario, cons, deadline)
    if args.format == "ics":
        from tui.presentation.ics_writer import action_plan_ics

        text = action_plan_ics(col.scenario, col.rubric, plan, lang)
        if str(args.output) == "-":
            # As bytes: the calendar's CRLF line ends are the format's (its text holds no other
            # control character, tui.presentation.ics_writer), not to be shown as escapes.
            sys.stdout.flush()
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.buffer.flush()
        else:
            atomic_write(args.output, text.encode("utf-8"))
            print(t("ics_written", lang, path=args.output, n=text.count("BEGIN:VEVENT")))
        return EXIT_OK
    if emit_reports(args.output, args.format, action_plan_reports(col, plan, lang), lang, args.csv_style,
                    document_signature(col.scenario, args.format, lang)):
        print(t("ap_written", lang, path=args.output))
    return EXIT_OK


HANDLERS = {"action-plan": cmd_action_plan}
