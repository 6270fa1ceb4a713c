"""`spbe-planner recap`: every region at once (the province desk), a plan for the whole province
(--plan) and one region's self-assessments consolidated (--consolidate)."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from tui.cli.render import document_signature, flag_field
from tui.core.errors import InputError, Invalid, from_invalid
from tui.core.files.guarded import check_output_target
from tui.core.goal_seek.costs import Constraints, load_costs
from tui.core.goal_seek.province_plan import ProvincePlan, RegionStart, plan_mean, plan_regions
from tui.core.goal_seek.solve_limits import solve_limits
from tui.core.goal_seek.targets import index_target, predikat_target
from tui.core.numbers import parse_number
from tui.core.scenario.external import external_ids
from tui.core.scenario.scenario_file import save_scenario
from tui.core.scoring.cohort import load_cohort
from tui.core.scoring.national import national_values
from tui.core.scoring.rubric import RubricSet
from tui.core.team.compare import Column
from tui.core.team.recap import RecapInput, build_recap, recap_files, recap_json
from tui.presentation.catalogue import t
from tui.presentation.errors import error_text
from tui.presentation.recap_report import recap_reports, recap_text
from tui.presentation.report_formats import CSV_STYLES, FORMATS, check_output, emit_reports
from tui.presentation.text import cost_text, level_str, n2

EXIT_OK, EXIT_UNREACHED = 0, 3


def add_parser(sub: Any, common: Any) -> None:
    p = sub.add_parser("recap", help="rekap semua daerah sekaligus / every region at once (the province desk)")
    common(p)
    p.add_argument("paths", nargs="+", type=Path, metavar="DIR|FILE")
    p.add_argument("--cohort", default=None, metavar="ID|FILE",
                   help="kohort: daerah tanpa berkas dihitung dari nilai terbitnya, yang tidak ikut sebagai "
                        "'tidak mengikuti'")
    p.add_argument("--national", default=None, metavar="YEAR|FILE",
                   help="nilai nasional pembanding (bawaan: tahun rekap, dari data terbundel)")
    p.add_argument("--side", choices=("baseline", "scenario"), default="baseline")
    p.add_argument("--json", action="store_true")
    p.add_argument("--format", choices=FORMATS, default=None)
    p.add_argument("--csv-style", choices=CSV_STYLES, default=None)
    p.add_argument("-o", "--output", default=None, metavar="OUT")
    p.add_argument("--force", action="store_true")
    p.add_argument("--consolidate", choices=("mean", "median", "min"), default=None,
                   help="gabungkan penilaian mandiri satu daerah (per OPD) menjadi satu skenario (-o OUT.toml)")
    p.add_argument("--plan", action="store_true", help="rencana provinsi: biaya total termurah lintas daerah")
    p.add_argument("--predikat", default=None, metavar="P")
    p.add_argument("--index", default=None, metavar="X")
    goal = p.add_mutually_exclusive_group()
    goal.add_argument("--regions", type=int, default=None, metavar="K", help="sedikitnya K daerah mencapai target")
    goal.add_argument("--all", action="store_true", help="semua daerah mencapai target")
    goal.add_argument("--mean", default=None, metavar="X", help="rata-rata indeks daerah mencapai X")
    p.add_argument("--cost", type=Path, default=None, metavar="FILE")
    p.add_argument("--max-steps-per-region", type=int, default=None, metavar="N")
    p.add_argument("--budget", default=None, metavar="X", help="biaya total paling banyak X")
    p.add_argument("--lock-region", action="append", default=[], metavar="NAME",
                   help="daerah yang tidak direncanakan (tetap seperti sekarang)")


def load_columns(paths: list[Path], rubrics: RubricSet, cohort: str | None, lang: str) -> RecapInput:
    """Every readable scenario; an unreadable one is said on stderr and left out."""
    found = recap_files(paths, rubrics, cohort)
    for exc in found.errors:
        print(f"spbe-planner: {t('recap_skipped', lang, reason=error_text(exc, lang))}", file=sys.stderr)
    return found


def _hundredths(text: str, flag: str, what: str) -> int:
    """A typed number (--budget, --mean) as the core reads numbers everywhere: decimal comma or
    point, finite, at most two decimals."""
    try:
        return parse_number(text, what)
    except Invalid as exc:
        raise from_invalid(exc, field=flag) from None


def cmd_recap(args: argparse.Namespace, lang: str) -> int:
    if args.output not in (None, "-") and not args.consolidate:
        check_output(args.output, args.format or "txt", args.csv_style, args.force)
    if args.format and args.output is None:
        raise InputError("recap_needs_output", field="--output")
    rubrics = RubricSet(args.rubric)
    found = load_columns(list(args.paths), rubrics, args.cohort, lang)
    columns = found.columns
    if args.consolidate:
        if len(columns) < 2:
            raise InputError("consolidate_count", got=len(columns))
        return _consolidate(args, columns, lang)
    cohort = load_cohort(args.cohort) if args.cohort else None
    if not columns and cohort is None:
        raise InputError("recap_empty", field="paths")
    recap = build_recap(columns, args.side, cohort, _national(args, columns) if columns else {}, found.labels)
    if args.plan:
        if not columns:
            raise InputError("recap_empty", field="paths")
        return _plan(args, columns, lang)
    if args.json:
        sys.stdout.write(json.dumps(recap_json(recap), ensure_ascii=False) + "\n")
    elif args.format:
        sign = document_signature(columns[0].scenario, args.format, lang) if columns else None
        if emit_reports(args.output, args.format, recap_reports(recap, lang), lang, args.csv_style, sign):
            print(t("recap_written", lang, path=args.output))
    else:
        print(recap_text(recap, lang))
    return EXIT_OK


def _national(args: argparse.Namespace, columns: list[Column]) -> dict[str, Decimal]:
    rubric = columns[0].rubric
    year = columns[0].scenario.meta.year if args.side == "baseline" else columns[0].scenario.target_year
    if args.national is None:
        return national_values(rubric.id, year)
    text = str(args.national).strip()
    if text.isdigit() and len(text) == 4:
        return national_values(rubric.id, int(text))
    return national_values(rubric.id, year, Path(text))


def _consolidate(args: argparse.Namespace, columns: list[Column], lang: str) -> int:
    from tui.core.team.consolidate import consolidate, disagreements

    if args.output in (None, "-"):
        raise InputError("consolidate_needs_output", field="--output")
    check_output_target(args.output, args.force)
    names = ", ".join(c.path.name for c in columns)
    merged = consolidate(columns, args.consolidate, t("consolidated_name", lang, method=args.consolidate),
                         t("consolidated_notes", lang, method=args.consolidate, files=names))
    save_scenario(args.output, merged)
    print(t("consolidated", lang, n=len(columns), method=args.consolidate, path=args.output))
    for ind, low, high in disagreements(columns):
        who = ", ".join(f"{c.path.stem} {level_str(c.scenario.baseline[ind], lang)}" for c in columns)
        print("  " + t("consolidated_disagree", lang, id=ind, name=columns[0].rubric.by_id[ind].short,
                       low=level_str(int(low * 100), lang), high=level_str(int(high * 100), lang), who=who))
    return EXIT_OK


def _plan(args: argparse.Namespace, columns: list[Column], lang: str) -> int:
    rubric = columns[0].rubric
    if (args.predikat is None) == (args.index is None) and args.mean is None:
        raise InputError("province_goal", field="--plan")
    if args.mean is None and args.regions is None and not args.all:
        raise InputError("province_goal", field="--plan")
    base = load_costs(args.cost, rubric) if args.cost else Constraints()
    cons = base.with_overrides(max_steps=args.max_steps_per_region, locked=external_ids(rubric))
    starts = [RegionStart(_label(c, columns), c.scenario.baseline if args.side == "baseline" else c.scenario.levels())
              for c in columns]
    known = {s.name for s in starts}
    for name in args.lock_region:
        if name not in known:
            raise InputError("province_locked", field="--lock-region", got=name)
    budget = _hundredths(args.budget, "--budget", "cost") if args.budget is not None else None
    year = columns[0].scenario.target_year
    with solve_limits():
        if args.mean is not None:
            mean = Decimal(_hundredths(args.mean, "--mean", "index")) / 100
            plan = plan_mean(rubric, starts, mean, cons, frozenset(args.lock_region), budget)
        else:
            try:
                target = predikat_target(rubric, args.predikat) if args.predikat else index_target(rubric, args.index)
            except InputError as exc:
                raise flag_field(exc.with_field("--predikat" if args.predikat else "--index")) from None
            plan = plan_regions(rubric, starts, target, cons, year, k=None if args.all else args.regions,
                                budget_h=budget, locked_regions=frozenset(args.lock_region))
    if args.json:
        sys.stdout.write(json.dumps(province_json(plan), ensure_ascii=False) + "\n")
    else:
        print(province_text(plan, cons.unit, lang))
    return EXIT_OK if plan.reached else EXIT_UNREACHED


def _label(col: Column, columns: list[Column]) -> str:
    """The region's name, or its file's name where two files are of one region."""
    same = [c for c in columns if c.scenario.meta.region == col.scenario.meta.region]
    return col.scenario.meta.region if len(same) == 1 else f"{col.scenario.meta.region} ({col.path.stem})"


def province_json(plan: ProvincePlan) -> dict[str, object]:
    return {"goal": plan.goal, "wanted": float(plan.wanted) if isinstance(plan.wanted, Decimal) else plan.wanted,
            "reached": plan.reached, "total_cost": plan.cost_h / 100, "mean_after": float(plan.mean_after),
            "blockers": list(plan.blockers), "coach_first": [r.name for r in plan.coach_first],
            "regions": [{"region": r.name, "chosen": r.chosen, "reachable": r.reachable, "cost": r.cost_h / 100,
                         "index_before": float(r.index_before), "index_after": float(r.index_after),
                         "changes": [{"indicator": c.indicator, "from": c.from_h / 100, "to": c.to_h / 100,
                                      "cost": c.cost_h / 100} for c in r.changes]} for r in plan.regions]}


def province_text(plan: ProvincePlan, unit: str, lang: str) -> str:
    from tui.presentation.goal_seek_text import amount_text

    goal = {"regions": t("province_goal_regions", lang, k=plan.wanted),
            "all": t("province_goal_all", lang),
            "mean": t("province_goal_mean", lang, x=n2(Decimal(plan.wanted), lang))}[plan.goal]
    state = t("province_reached", lang) if plan.reached else t("province_unreached", lang)
    lines = [f"{goal}: {state}",
             "  " + t("province_total", lang, cost=cost_text(amount_text(plan.cost_h, lang), unit, lang),
                      mean=n2(plan.mean_after, lang))]
    if plan.blockers:
        words = [t("province_block_budget", lang) if b == "budget" else
                 t("province_block_regions", lang) if b == "regions" else b for b in plan.blockers]
        lines.append("  " + t("province_blocked", lang, what=", ".join(words)))
    first = plan.coach_first
    if first:
        lines.append("  " + t("province_coach_first", lang, names=", ".join(r.name for r in first)))
    lines.append("")
    width = min(36, max(len(r.name) for r in plan.regions))
    for r in plan.regions:
        mark = "●" if r.chosen else ("—" if r.reachable else "✗")
        steps = ", ".join(f"{c.indicator} {amount_text(c.from_h, lang)}→{amount_text(c.to_h, lang)}"
                          for c in r.changes)
        lines.append(f"  {mark} {r.name[:width]:<{width}} {n2(r.index_before, lang)} → {n2(r.index_after, lang)}  "
                     f"{amount_text(r.cost_h, lang):>6}  {steps}")
    return "\n".join(lines)


HANDLERS = {"recap": cmd_recap}
