"""`spbe-planner plan`: goal seek from the command line, and the plain-text words the app reuses."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tui.core.errors import InputError
from tui.core.files.guarded import check_output_target
from tui.core.goal_seek.plan_request import (
    PlanFieldErrors,
    PlanOutcome,
    PlanRequest,
    plan_json,
    read_plan_request,
    solve_plan,
)
from tui.core.goal_seek.planning import apply_plan
from tui.core.goal_seek.solve_limits import solve_limits
from tui.core.scenario.scenario_file import Scenario, load_scorable_scenario, save_scenario
from tui.core.scenario.summary import resolve_cohort
from tui.core.scoring.cohort import Projection
from tui.core.scoring.rubric import Rubric, RubricSet
from tui.presentation.catalogue import t
from tui.presentation.goal_seek_text import (
    outcome_lines,
    target_text,
)
from tui.presentation.text import cohort_warning, index_name

EXIT_OK, EXIT_INPUT, EXIT_UNREACHED = 0, 2, 3


def add_parser(sub: Any, common: Any) -> None:
    p = sub.add_parser("plan", help="rencana termurah menuju target / cheapest plan to reach a target")
    common(p)
    p.add_argument("file", type=Path, metavar="FILE")
    goal = p.add_mutually_exclusive_group(required=True)
    goal.add_argument("--predikat", metavar="P", help="mis. baik, 'Sangat Baik', sangat-baik")
    goal.add_argument("--index", metavar="X", help="indeks minimal, mis. 3.0")
    goal.add_argument("--rank", type=int, metavar="N", help="peringkat N atau lebih baik dalam kohort")
    goal.add_argument("--roadmap", action="append", metavar="YEAR=TARGET",
                      help="target tahunan, diulang: 2027=baik 2028='sangat baik' 2029=rank:3 2030=3.6")
    p.add_argument("--roadmap-mode", choices=("yearly", "joint"), default="yearly",
                   help="yearly: termurah tiap tahun, berurutan (bawaan); joint: biaya total termurah seluruh tahun")
    p.add_argument("--cost", type=Path, metavar="FILE", help="berkas biaya dan batasan (TOML)")
    p.add_argument("--max-step", type=int, metavar="N", help="naik paling banyak N tingkat per indikator")
    p.add_argument("--max-steps", type=int, metavar="N", help="paling banyak N langkah seluruhnya")
    p.add_argument("--max-cost", metavar="X", help="biaya total paling banyak X")
    p.add_argument("--lock", action="append", default=[], metavar="ID", help="indikator yang tidak diubah")
    p.add_argument("--unlock-external", action="store_true",
                   help="rencanakan juga indikator yang dinilai instansi lain (bawaan: dikunci)")
    p.add_argument("--robust", type=int, default=0, metavar="K",
                   help="rencana yang tetap mencapai target bila K langkah mana pun ditolak")
    p.add_argument("--margin", default=None, metavar="X|assessor",
                   help="indeks sedikitnya X di atas ambang target; 'assessor': median penurunan penilaian "
                        "mandiri ke nilai asesor yang teramati")
    p.add_argument("--cohort", default=None, metavar="ID|FILE")
    p.add_argument("--projection", choices=("hold", "trend"), default="hold")
    p.add_argument("--top", type=int, default=5, metavar="N", help="jumlah langkah paling berdaya yang ditampilkan")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.add_argument("--why-not", action="store_true",
                   help="sebutkan program berkas biaya yang tidak dipilih dan alasannya (biaya lawan langkah)")
    p.add_argument("--apply", action="store_true", help="tulis rencana sebagai target skenario (perlu -o)")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.toml")
    p.add_argument("--name", default=None, metavar="NAME",
                   help="nama skenario hasil --apply (bawaan: dari target, mis. 'Rencana predikat Baik 2023')")
    p.add_argument("--force", action="store_true", help="timpa berkas yang ada / overwrite")


def request_from(args: argparse.Namespace) -> PlanRequest:
    """The command line's flags as the plan use case's request (tui.core.goal_seek.plan_request)."""
    return PlanRequest(predikat=args.predikat, index=args.index, rank=args.rank, roadmap=tuple(args.roadmap or ()),
                       roadmap_mode=args.roadmap_mode, cost_file=args.cost, max_step=args.max_step,
                       max_steps=args.max_steps, max_cost=args.max_cost, lock=tuple(args.lock),
                       unlock_external=args.unlock_external, robust=args.robust, margin=args.margin)


def cmd_plan(args: argparse.Namespace, lang: str) -> int:
    with solve_limits():  # every search of this command together, within SOLVE_SECONDS
        return _plan(args, lang)


def _plan(args: argparse.Namespace, lang: str) -> int:
    if args.apply and args.output is None:
        raise InputError("apply_needs_output", field="--apply")
    if args.name is not None and not args.apply:
        raise InputError("name_needs_apply", field="--name")
    if args.name is not None and not args.name.strip():
        raise InputError("name_empty", field="--name")
    if args.output is not None:
        check_output_target(args.output, args.force)
    s, rubric = load_scorable_scenario(args.file, RubricSet(args.rubric))
    # Flag errors name the flag (--predikat: …); cost and cohort file errors name their file.
    cohort = resolve_cohort(s, rubric, args.cohort, path=args.file)
    warning = cohort_warning(s.meta.region, cohort, lang)
    if warning:
        print(f"{args.file}: {warning}", file=sys.stderr)
    try:
        inputs = read_plan_request(request_from(args), s, rubric, cohort)
    except PlanFieldErrors as exc:
        raise exc.first from None  # the first wrong flag, as the CLI says one error at a time
    if inputs.skipped_years:  # a framework that evaluates every few years has nothing to reach in between
        print(t("roadmap_skipped", lang, years=", ".join(map(str, inputs.skipped_years)),
                cycle=rubric.meta.cycle_years), file=sys.stderr)
    projection: Projection = args.projection
    outcome = solve_plan(inputs, s, rubric, cohort=cohort, projection=projection, why_not=args.why_not)
    if args.json:
        sys.stdout.write(json.dumps(plan_json(outcome, args.top), ensure_ascii=False) + "\n")
    else:
        _print_text(args, s, rubric, outcome, lang)
    if args.apply:
        plans = list(outcome.plans)
        if not outcome.reachable:
            print(t("plan_not_written", lang), file=sys.stderr)
            return EXIT_UNREACHED
        planned = apply_plan(s, rubric, plans)
        last = plans[-1]
        name = args.name.strip() if args.name else t("plan_scenario_name", lang, target=target_text(last.target, lang),
                                                     year=last.year)
        try:
            planned = planned.with_meta(name=name)
        except InputError as exc:
            raise exc.with_field("--name") from None
        save_scenario(args.output, planned)
        if not args.json:
            print(t("plan_written", lang, path=args.output))
    return EXIT_OK


def _print_text(args: argparse.Namespace, s: Scenario, rubric: Rubric, outcome: PlanOutcome, lang: str) -> None:
    start = t("plan_from", lang) if s.target else t("plan_from_baseline", lang)
    head = [f"{args.file}", f"  {s.meta.region} · {index_name(rubric, lang)} ({rubric.id}) · {start}"]
    print("\n".join([*head, *outcome_lines(outcome, rubric, lang, args.top, indent_note=True)]))
