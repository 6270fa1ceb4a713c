"""Goal-seek results as text for people: the plan's lines, the sensitivity list, amounts.

Shared by `spbe-planner plan` and the app's planning screen.
"""

from __future__ import annotations

from fractions import Fraction

from tui.core.costs import Constraints
from tui.core.goal_seek import GoalSeekResult
from tui.core.numbers import format_number, hundredths_to_decimal, is_whole, level_to_toml, round_half_up
from tui.core.rubric import Rubric
from tui.core.solver import Move
from tui.core.targets import Target
from tui.presentation.catalogue import t
from tui.presentation.text import n2, rank_text


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
        "max_cost": lambda: t("block_max_cost", lang, n=amount_text(cons.max_cost_h or 0, lang)),
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
    steps = sum(c.to_h // 100 - c.from_h // 100 for c in plan.changes)
    if plan.reachable and not plan.changes:
        lines.append("  " + t("plan_reached", lang))
    elif plan.reachable:
        lines.append("  " + t("plan_summary", lang, n=len(plan.changes), steps=steps,
                              cost=amount_text(plan.total_cost_h, lang)))
    else:
        lines.append("  " + t("plan_unreachable", lang, cost=amount_text(plan.total_cost_h, lang)))
    if plan.changes:
        lines.append(f"  {t('indicator', lang):<34} {t('col_from', lang):>5} {t('col_to', lang):>4} "
                     f"{t('gain', lang):>9} {t('col_cost', lang):>6}")
        for c in plan.changes:
            label = f"{c.indicator} {rubric.by_id[c.indicator].short}"
            lines.append(f"  {label[:34]:<34} {amount_text(c.from_h, lang):>5} {amount_text(c.to_h, lang):>4} "
                         f"{_gain(c.gain, lang):>9} {amount_text(c.cost_h, lang):>6}")
    e = plan.result.evaluation
    lines.append("  " + t("plan_result", lang, index=n2(e.index, lang), predikat=e.predikat,
                          rank=rank_text(plan.result.rank, lang)))
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
