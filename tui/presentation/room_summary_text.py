"""The classroom's picture for people: bar lines that are their own text twin, and a report.

Each bar line carries its number, so the chart reads the same without colour, on a braille
display, or pasted into a chat.
"""

from __future__ import annotations

from decimal import Decimal

from tui.core.numbers import hundredths_to_decimal
from tui.core.room.room_summary import ClassSummary
from tui.core.scoring.rubric import Rubric
from tui.presentation.catalogue import t
from tui.presentation.goal_seek_text import amount_text, target_text
from tui.presentation.report import Report, Table, Value
from tui.presentation.text import n2

BAR_WIDTH = 24


def bar(n: int, most: int, width: int = BAR_WIDTH) -> str:
    filled = round(width * n / most) if most else 0
    return "█" * filled + "·" * (width - filled)


def _spread(q: dict[str, float] | None, lang: str) -> str:
    if q is None:
        return "—"
    return t("summary_spread", lang, **{k: n2(Decimal(str(v)), lang) for k, v in q.items()})


def left_out_text(s: ClassSummary, lang: str) -> str:
    why = {"none": t("summary_why_none", lang), "unreadable": t("summary_why_unreadable", lang)}
    return ", ".join(f"{u} ({why.get(w, w.removeprefix('framework:'))})" for u, w in s.left_out)


def summary_lines(s: ClassSummary, rubric: Rubric | None, lang: str, top: int = 10) -> list[str]:
    n = len(s.users)
    lines = [t("summary_title", lang, n=n, framework=s.framework or "—")]
    if s.left_out:
        lines.append(t("summary_left_out", lang, who=left_out_text(s, lang)))
    if not n:
        return lines
    lines += ["", t("summary_index", lang), "  " + t("baseline", lang) + ": " + _spread(s.baseline_index, lang),
              "  " + t("scenario", lang) + ": " + _spread(s.scenario_index, lang)]
    lines += ["", t("summary_predikat", lang)]
    most = max(m for _, _, m in s.moves)
    for a, b, m in s.moves:
        lines.append(f"  {a + ' → ' + b:<28} {bar(m, most)} {m}")
    lines += ["", t("summary_raised", lang, n=n)]
    if not s.raised:
        lines.append("  " + t("summary_none_raised", lang))
    for ind, m in s.raised[:top]:
        name = rubric.by_id[ind].short if rubric is not None and ind in rubric.by_id else ""
        lines.append(f"  {(ind + ' ' + name)[:28]:<28} {bar(m, n)} {m}")
    if len(s.raised) > top:
        lines.append("  " + t("summary_more", lang, n=len(s.raised) - top))
    if s.target is not None:
        lines += ["", t("summary_target", lang, target=target_text(s.target, lang), reached=s.reached, n=n)]
        if not s.plans:
            lines.append("  " + t("summary_no_plan", lang))
        for k, (plan, m) in enumerate(s.plans[:3]):
            steps = ", ".join(f"{i} {amount_text(a, lang)}→{amount_text(b, lang)}" for i, a, b in plan) or "—"
            lines.append(f"  {t('summary_plan', lang, k=k + 1, m=m, n=n)}: {steps}")
    return lines


def summary_report(s: ClassSummary, rubric: Rubric | None, lang: str, room: str) -> Report:
    facts: list[tuple[str, Value]] = [(t("summary_room", lang), room), (t("framework", lang), s.framework or "—"),
                                      (t("summary_participants", lang), len(s.users))]
    if s.left_out:
        facts.append((t("summary_left_out_short", lang), left_out_text(s, lang)))
    spread_rows: list[tuple[Value, ...]] = []
    for label, q in ((t("baseline", lang), s.baseline_index), (t("scenario", lang), s.scenario_index)):
        if q is not None:
            spread_rows.append((label, *(Decimal(str(q[k])) for k in ("min", "q1", "median", "q3", "max"))))
    tables = [
        Table("spread", t("summary_index", lang), ("", "min", "Q1", t("summary_median", lang), "Q3", "max"),
              spread_rows, {1: 2, 2: 2, 3: 2, 4: 2, 5: 2}),
        Table("predikat", t("summary_predikat", lang), (t("baseline", lang), t("scenario", lang),
                                                        t("summary_participants", lang)),
              [(a, b, m) for a, b, m in s.moves]),
        Table("raised", t("summary_raised", lang, n=len(s.users)),
              (t("col_id", lang), t("indicator", lang), t("summary_participants", lang)),
              [(i, rubric.by_id[i].short if rubric is not None and i in rubric.by_id else "", m)
               for i, m in s.raised]),
    ]
    if s.target is not None:
        tables.append(Table("plans", t("summary_target", lang, target=target_text(s.target, lang),
                                                             reached=s.reached, n=len(s.users)),
                            (t("summary_participants", lang), t("report_changes", lang)),
                            [(m, ", ".join(f"{i} {hundredths_to_decimal(a).normalize():f}→"
                                           f"{hundredths_to_decimal(b).normalize():f}" for i, a, b in plan))
                             for plan, m in s.plans]))
    return Report(t("summary_report_title", lang, room=room), facts, tables, sheet_name=t("summary_sheet", lang))
