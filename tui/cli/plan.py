"""`spbe-planner plan`: goal seek from the command line, and the plain-text words the app reuses."""

from __future__ import annotations

import argparse
import json
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

from tui.core.errors import InputError, Invalid, from_invalid
from tui.core.files.guarded import check_output_target
from tui.core.goal_seek.costs import Constraints, load_costs
from tui.core.goal_seek.margins import AssessorMargin, parse_margin
from tui.core.goal_seek.planning import GoalSeekResult, apply_plan, evaluation_steps, roadmap, roadmap_joint
from tui.core.goal_seek.programme_choice import ProgrammeVerdict, unchosen
from tui.core.goal_seek.solve_limits import solve_limits
from tui.core.goal_seek.solver import Move, sensitivity
from tui.core.goal_seek.targets import Target, index_target, parse_target, predikat_target, rank_target
from tui.core.numbers import (
    is_whole,
    level_to_toml,
    parse_number,
    shown,
)
from tui.core.scenario.external import external_ids
from tui.core.scenario.scenario_file import Scenario, load_scenario, save_scenario
from tui.core.scenario.summary import resolve_cohort
from tui.core.scoring.cohort import Projection
from tui.core.scoring.evaluation import require_scorable
from tui.core.scoring.rubric import Rubric, RubricSet
from tui.presentation.catalogue import t
from tui.presentation.goal_seek_text import (
    amount_text,
    margin_lines,
    plan_lines,
    sensitivity_lines,
    target_text,
    why_not_lines,
)
from tui.presentation.text import cohort_warning, cost_text, index_name

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


def _nonnegative(value: int | None, flag: str) -> int | None:
    if value is not None and value < 0:
        raise InputError("not_below_zero", field=flag, got=value)
    return value


def constraints_from(args: argparse.Namespace, rubric: Rubric) -> Constraints:
    base = load_costs(args.cost, rubric) if args.cost else Constraints()
    max_cost = None
    if args.max_cost is not None:
        try:
            max_cost = parse_number(args.max_cost, "cost")
        except Invalid as exc:
            raise from_invalid(exc, field="--max-cost") from None
        if max_cost < 0:
            raise InputError("not_below_zero", field="--max-cost", got=shown(args.max_cost.strip()))
    for ind in args.lock:
        if ind not in rubric.by_id:
            raise InputError("unknown_indicator", field="--lock", id=ind, framework=rubric.id,
                             first=rubric.indicator_ids[0], last=rubric.indicator_ids[-1])
    # Indicators scored by another agency's index are not the region's to plan, unless asked.
    external = [] if args.unlock_external else external_ids(rubric)
    return base.with_overrides(max_step=_nonnegative(args.max_step, "--max-step"),
                               max_steps=_nonnegative(args.max_steps, "--max-steps"),
                               max_cost_h=max_cost, locked=[*args.lock, *external])


def margin_from(text: str | None) -> tuple[int, AssessorMargin | None]:
    """--margin X as hundredths of an index point (decimal point or comma), or ``assessor``."""
    if text is None:
        return 0, None
    try:
        return parse_margin(text)
    except InputError as exc:
        raise exc.with_field("--margin") if exc.field == "margin" else exc from None


def targets_from(args: argparse.Namespace, s: Scenario, rubric: Rubric, cohort: Any) -> list[tuple[int, Target]]:
    if args.predikat is not None:
        return [(s.target_year, predikat_target(rubric, args.predikat))]
    if args.index is not None:
        return [(s.target_year, index_target(rubric, args.index.replace(",", ".")))]
    if args.rank is not None:
        return [(s.target_year, rank_target(args.rank, cohort))]
    steps: list[tuple[int, Target]] = []
    for item in args.roadmap:
        year, sep, goal = item.partition("=")
        if not sep or not is_whole(year.strip()):
            raise InputError("roadmap_item", field="--roadmap", got=shown(item))
        steps.append((int(year), parse_target(rubric, goal.strip(), cohort)))
    return steps


def _move_json(m: Move) -> dict[str, Any]:
    return {"indicator": m.indicator, "from": level_to_toml(m.from_h), "to": level_to_toml(m.to_h),
            "cost": level_to_toml(m.cost_h), "gain": round(float(m.gain), 4)}


def plans_json(plans: list[GoalSeekResult], moves: list[Move], top: int) -> dict[str, Any]:
    if len(plans) == 1:
        out = plans[0].as_json()
    else:
        # Keep the documented top-level fields for a roadmap: the whole way from start to the last year.
        last, first = plans[-1], plans[0]
        out = last.as_json()
        out["reachable"] = all(p.reachable for p in plans)
        out["total_cost"] = level_to_toml(sum(p.total_cost_h for p in plans))
        moved = [i for i in first.start if last.levels[i] != first.start[i]]
        out["changes"] = [{"indicator": i, "from": level_to_toml(first.start[i]), "to": level_to_toml(last.levels[i]),
                           "cost": level_to_toml(sum(c.cost_h for p in plans for c in p.changes if c.indicator == i)),
                           "gain": round(float(sum((c.gain for p in plans for c in p.changes if c.indicator == i),
                                                   Fraction(0))), 4)} for i in moved]
        out["years"] = [p.as_json() for p in plans]
    out["sensitivity"] = [_move_json(m) for m in moves[:top]]
    return out


def margin_json(m: AssessorMargin) -> dict[str, Any]:
    return {"preset": "assessor", "margin": level_to_toml(m.margin_h), "rule": "median",
            "range": [level_to_toml(m.low_h), level_to_toml(m.high_h)],
            "drops": [{"region": d.region, "framework": d.framework, "year": d.year, "self": d.self_,
                       "assessor": d.assessor, "stage": d.stage, "source": d.source} for d in m.drops]}


def verdict_json(v: ProgrammeVerdict) -> dict[str, Any]:
    return {"id": v.programme.id, "cost": level_to_toml(v.programme.cost_h), "reason": v.reason,
            "replaced_cost": level_to_toml(v.replaced_h), "needed_cost": level_to_toml(v.needed_h),
            "locked": list(v.locked)}


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
    s, rubric = load_scenario(args.file, RubricSet(args.rubric))
    try:
        require_scorable(rubric)
    except InputError as exc:
        raise exc.replaced(path=str(args.file), field="scenario.framework") from None
    # Flag errors name the flag (--predikat: …); cost and cohort file errors name their file.
    cohort = resolve_cohort(s, rubric, args.cohort, path=args.file)
    warning = cohort_warning(s.meta.region, cohort, lang)
    if warning:
        print(f"{args.file}: {warning}", file=sys.stderr)
    cons = constraints_from(args, rubric)
    rejected = _nonnegative(args.robust, "--robust") or 0
    margin_h, preset = margin_from(args.margin)
    steps, skipped = evaluation_steps(s, rubric, targets_from(args, s, rubric, cohort))
    if skipped:  # a framework that evaluates every few years has nothing to reach in between
        print(t("roadmap_skipped", lang, years=", ".join(map(str, skipped)), cycle=rubric.meta.cycle_years),
              file=sys.stderr)
    if not steps:
        raise InputError("roadmap_no_evaluation", field="--roadmap", cycle=rubric.meta.cycle_years,
                         year=s.meta.year)
    projection: Projection = args.projection
    if args.roadmap_mode == "joint":
        if args.roadmap is None:
            raise InputError("joint_needs_roadmap", field="--roadmap-mode")
        if rejected:
            raise InputError("joint_robust", field="--robust")
        plans = roadmap_joint(s, rubric, steps, cons, cohort=cohort, projection=projection, margin_h=margin_h)
    else:
        plans = roadmap(s, rubric, steps, cons, cohort=cohort, projection=projection, rejected=rejected,
                        margin_h=margin_h)
    # What pays most *after* the plan: a step the plan already takes is no advice.
    moves = sensitivity(rubric, plans[-1].levels, cons)
    verdicts = unchosen(plans[0].start, plans[-1].levels, cons, tuple(p for x in plans for p in x.programmes)) \
        if args.why_not else []
    if args.json:
        out = plans_json(plans, moves, args.top)
        out["default_costs"] = args.cost is None
        out["cost_unit"] = cons.unit or None  # None: cost units (the default scale, or a file naming none)
        if preset is not None:
            out["margin_source"] = margin_json(preset)
        out["skipped_years"] = skipped
        if args.why_not:
            out["not_chosen"] = [verdict_json(v) for v in verdicts]
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    else:
        _print_text(args, s, rubric, plans, moves, cons, lang)
        if preset is not None:
            print("\n" + "\n".join(margin_lines(preset, lang)))
        if args.why_not:
            print("\n".join(["", *(why_not_lines(verdicts, lang) or [t("why_not_none", lang)])]))
    if args.apply:
        if not all(p.reachable for p in plans):
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


def _print_text(args: argparse.Namespace, s: Scenario, rubric: Rubric, plans: list[GoalSeekResult], moves: list[Move],
                cons: Constraints, lang: str) -> None:
    start = t("plan_from", lang) if s.target else t("plan_from_baseline", lang)
    out = [f"{args.file}", f"  {s.meta.region} · {index_name(rubric, lang)} ({rubric.id}) · {start}"]
    if args.cost is None:
        out.append(f"  {t('default_costs_note', lang)}")
    for p in plans:
        out += ["", *plan_lines(p, rubric, cons, lang)]
    if len(plans) > 1:
        out += ["", t("roadmap_total", lang, years=len(plans),
                      cost=cost_text(amount_text(sum(p.total_cost_h for p in plans), lang), cons.unit, lang))]
    sens = sensitivity_lines(moves, rubric, lang, args.top)
    if sens:
        out += ["", *sens]
    print("\n".join(out))
