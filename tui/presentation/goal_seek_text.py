"""Goal-seek results as text for people: the plan's lines, the sensitivity list, amounts.

Shared by `spbe-planner plan` and the app's planning screen.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from tui.core.goal_seek.costs import Constraints
from tui.core.goal_seek.margins import AssessorMargin
from tui.core.goal_seek.plan_request import PlanOutcome
from tui.core.goal_seek.planning import GoalSeekResult
from tui.core.goal_seek.programme_choice import ProgrammeVerdict
from tui.core.goal_seek.solver import Move
from tui.core.goal_seek.targets import Target
from tui.core.numbers import format_number, hundredths_to_decimal, is_whole, level_to_toml, round_half_up
from tui.core.scoring.rubric import Rubric
from tui.presentation.catalogue import t
from tui.presentation.text import cost_text, n2, rank_text


def amount_text(h: int, lang: str) -> str:
    """A level or a cost in hundredths as a person writes it: 3, 3,75 (id) or 3.75 (en)."""
    value = level_to_toml(h)
    return str(value) if isinstance(value, int) else format_number(hundredths_to_decimal(h), lang)


def target_text(target: Target, lang: str) -> str:
    if target.kind == "index":
        return t("plan_target_index", lang, value=n2(hundredths_to_decimal(int(target.value)), lang))
    if target.kind == "rank":
        return t("plan_target_rank", lang, n=target.value)
    return t("plan_target_predikat", lang, name=target.value)


def blockers_text(plan: GoalSeekResult, cons: Constraints, lang: str) -> str:
    words = {
        "scale": lambda: t("block_scale", lang),
        "rank": lambda: t("block_rank", lang),
        "locked": lambda: t("block_locked", lang, ids=", ".join(sorted(cons.locked, key=_id_order))),
        "max_step": lambda: t("block_max_step", lang, n=cons.max_step),
        "max_steps": lambda: t("block_max_steps", lang, n=cons.max_steps),
        "max_cost": lambda: t("block_max_cost", lang, n=cost_text(amount_text(cons.max_cost_h or 0, lang), cons.unit,
                                                                  lang)),
    }
    return "; ".join(words[b]() for b in plan.blockers)


def _id_order(ind: str) -> tuple[int, str]:
    return (int(ind), ind) if is_whole(ind) else (10**9, ind)


def _gain(g: Fraction, lang: str) -> str:
    return format_number(round_half_up(g, 3), lang, places=3, sign=True)


def plan_lines(plan: GoalSeekResult, rubric: Rubric, cons: Constraints, lang: str) -> list[str]:
    need = n2(hundredths_to_decimal(plan.required_h), lang) if plan.required_h is not None else None
    goal = t("plan_goal", lang, year=plan.year, target=target_text(plan.target, lang), need=need) if need else \
        t("plan_goal_none", lang, year=plan.year, target=target_text(plan.target, lang))
    lines = [goal]
    if plan.margin_h and plan.required_h is not None:
        lines.append("  " + t("plan_margin", lang, margin=n2(hundredths_to_decimal(plan.margin_h), lang),
                              need=n2(hundredths_to_decimal(plan.required_h + plan.margin_h), lang)))
    steps = sum(c.to_h // 100 - c.from_h // 100 for c in plan.changes)
    if plan.reachable and not plan.changes:
        lines.append("  " + t("plan_reached", lang))
    elif plan.reachable:
        lines.append("  " + t("plan_summary", lang, n=len(plan.changes), steps=steps,
                              cost=cost_text(amount_text(plan.total_cost_h, lang), cons.unit, lang)))
    else:
        lines.append("  " + t("plan_unreachable", lang,
                              cost=cost_text(amount_text(plan.total_cost_h, lang), cons.unit, lang)))
    if plan.changes:
        lines.append(f"  {t('indicator', lang):<34} {t('col_from', lang):>5} {t('col_to', lang):>4} "
                     f"{t('gain', lang):>9} {t('col_cost', lang):>6}")
        lifted = {i for p in plan.programmes for i in p.raises}
        for c in plan.changes:
            label = f"{c.indicator} {rubric.by_id[c.indicator].short}"
            # A step paid by a programme costs nothing on its own line: say where its cost is.
            paid = c.cost_h or c.indicator not in lifted
            cost = amount_text(c.cost_h, lang) if paid else t("plan_by_programme", lang)
            lines.append(f"  {label[:34]:<34} {amount_text(c.from_h, lang):>5} {amount_text(c.to_h, lang):>4} "
                         f"{_gain(c.gain, lang):>9} {cost:>6}")
    lines += programme_lines(plan, lang)
    e = plan.result.evaluation
    lines.append("  " + t("plan_result", lang, index=n2(e.index, lang), predikat=e.predikat,
                          rank=rank_text(plan.result.rank, lang)))
    lines += robust_lines(plan, lang)
    if not plan.reachable:
        lines.append("  " + t("plan_blocked", lang, what=blockers_text(plan, cons, lang)))
    return lines


def sensitivity_lines(moves: list[Move], rubric: Rubric, lang: str, top: int) -> list[str]:
    if not moves or top <= 0:
        return []
    lines = [t("sensitivity", lang)]
    for m in moves[:top]:
        label = f"{m.indicator} {rubric.by_id[m.indicator].short}"
        lines.append(f"  {label[:34]:<34} {amount_text(m.from_h, lang):>5} {amount_text(m.to_h, lang):>4} "
                     f"{_gain(m.gain, lang):>9} {amount_text(m.cost_h, lang):>6}")
    return lines


def programme_lines(plan: GoalSeekResult, lang: str) -> list[str]:
    if not plan.programmes:
        return []
    lines = ["  " + t("plan_programmes", lang)]
    for p in plan.programmes:
        raises = ", ".join(f"{i}→{amount_text(h, lang)}" for i, h in p.raises.items())
        owner = f" ({p.owner})" if p.owner else ""
        lines.append("    " + t("plan_programme", lang, id=p.id, name=p.name, owner=owner,
                                cost=amount_text(p.cost_h, lang), raises=raises))
    return lines


def robust_lines(plan: GoalSeekResult, lang: str) -> list[str]:
    """The worst case of a plan robust to K rejections: what is left and which steps it loses."""
    if plan.worst is None:
        return []
    w = plan.worst.evaluation
    lines = ["  " + t("plan_robust", lang, k=plan.rejected, index=n2(w.index, lang), predikat=w.predikat,
                      rank=rank_text(plan.worst.rank, lang))]
    if plan.worst_levels:
        moves = ", ".join(f"{i} {amount_text(plan.levels[i], lang)}→{amount_text(h, lang)}"
                          for i, h in sorted(plan.worst_levels.items(), key=lambda kv: _id_order(kv[0])))
        lines.append("    " + t("plan_robust_moves", lang, moves=moves))
    return lines


def why_not_lines(verdicts: list[ProgrammeVerdict], lang: str) -> list[str]:
    """Why each programme of the cost file is not in the plan, one line each."""
    if not verdicts:
        return []
    lines = [t("why_not_title", lang)]
    for v in verdicts:
        p = v.programme
        lines.append("  " + t(f"why_not_{v.reason}", lang, id=p.id, cost=amount_text(p.cost_h, lang),
                              replaced=amount_text(v.replaced_h, lang), needed=amount_text(v.needed_h, lang),
                              ids=", ".join(v.locked)))
    return lines


def margin_lines(m: AssessorMargin, lang: str) -> list[str]:
    """Where the "assessor" margin comes from: its rule, range and every observed case."""
    lines = [t("margin_assessor", lang, margin=amount_text(m.margin_h, lang), n=len(m.drops),
               low=amount_text(m.low_h, lang), high=amount_text(m.high_h, lang))]
    for d in m.drops:
        lines.append("  " + t("margin_drop", lang, region=d.region, framework=d.framework, year=d.year,
                              own=n2(Decimal(str(d.self_)), lang), assessor=n2(Decimal(str(d.assessor)), lang),
                              drop=amount_text(d.drop_h, lang), stage=d.stage, source=d.source))
    return lines


def outcome_lines(outcome: PlanOutcome, rubric: Rubric, lang: str, top: int, *, indent_note: bool = False) -> list[str]:
    """A plan as both front ends show it: the default-costs note, each year's plan, the roadmap's
    total, what pays most next, where an "assessor" margin comes from, and why programmes were
    left out (when asked)."""
    inputs, plans = outcome.inputs, outcome.plans
    cons = inputs.constraints
    lines: list[str] = []
    if inputs.default_costs:  # the default efforts apply: said, so nobody reads them as real costs
        lines.append(("  " if indent_note else "") + t("default_costs_note", lang))
    for plan in plans:
        lines += ["", *plan_lines(plan, rubric, cons, lang)]
    if len(plans) > 1:
        total = amount_text(sum(p.total_cost_h for p in plans), lang)
        lines += ["", t("roadmap_total", lang, years=len(plans), cost=cost_text(total, cons.unit, lang))]
    sens = sensitivity_lines(list(outcome.moves), rubric, lang, top)
    if sens:
        lines += ["", *sens]
    if inputs.margin_preset is not None:
        lines += ["", *margin_lines(inputs.margin_preset, lang)]
    if outcome.verdicts is not None:
        lines += ["", *(why_not_lines(list(outcome.verdicts), lang) or [t("why_not_none", lang)])]
    return lines

