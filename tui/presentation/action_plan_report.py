"""The action plan as reports: a summary, then one report per owner (one xlsx sheet each).

Reuses tui.presentation.report_formats, so md, txt, csv (both CSV styles) and xlsx follow the
same rules as `export`.
"""

from __future__ import annotations

from datetime import date

from tui.core.goal_seek.action_plan import ActionPlan, ActionStep, OwnerGroup
from tui.core.numbers import hundredths_to_decimal
from tui.core.scenario.evidence import STATUSES, EvidenceItem, MaxAge, expires_soon, is_expired, valid_through
from tui.core.team.compare import Column
from tui.presentation.catalogue import t
from tui.presentation.report import Report, Table, Value, cohort_groups_table, evidence_table, scenario_facts
from tui.presentation.text import cost_unit


def owner_name(owner: str, lang: str) -> str:
    return owner or t("ap_no_owner", lang)


def status_word(status: str, lang: str) -> str:
    return t(f"ev_status_{status}", lang) if status in STATUSES else status


def _due(d: date | None) -> date | str:
    """A date cell (a date in xlsx, ISO text elsewhere), or a dash when there is none."""
    return d if d else "—"


def validity_mark(item: EvidenceItem, on: date, max_age: MaxAge | None, lang: str) -> str:
    """"kedaluwarsa" for an item expired on the evaluation date, "segera kedaluwarsa …" for one whose
    validity ends within 60 days after it; empty otherwise."""
    if is_expired(item, on, max_age):
        return t("ev_expired", lang)
    if expires_soon(item, on, max_age):
        end = valid_through(item, max_age)
        return t("ev_expires_soon", lang, date=end.isoformat() if end else "")
    return ""


def _evidence_text(step: ActionStep, lang: str, deadline: date | None, on: date | None = None,
                   max_age: MaxAge | None = None) -> str:
    if not step.items:
        return t("ap_no_evidence", lang)
    parts = []
    for it in step.items:
        late = " ⚠" if deadline and it.due and it.due > deadline else ""
        mark = validity_mark(it, on, max_age, lang) if on else ""
        parts.append(f"{it.item} ({status_word(it.status, lang)}, {it.due.isoformat() if it.due else '—'}{late}"
                     f"{', ' + mark if mark else ''})")
    return "; ".join(parts)


def _step_row(col: Column, step: ActionStep, lang: str, deadline: date | None) -> tuple[Value, ...]:
    info = col.rubric.by_id[step.indicator]
    flag = t("ap_late", lang) if step.late(deadline) else ""
    return (step.indicator, info.short, hundredths_to_decimal(step.from_h), hundredths_to_decimal(step.to_h),
            _due(step.due), flag, step.programme or "", hundredths_to_decimal(step.cost_h),
            _evidence_text(step, lang, deadline, col.scenario.evaluation_date, col.rubric.max_age))


def _cost_head(unit: str, lang: str) -> str:
    return t("col_cost_in", lang, unit=cost_unit(unit, lang))


def owner_report(col: Column, group: OwnerGroup, lang: str, deadline: date | None, unit: str = "") -> Report:
    name = owner_name(group.owner, lang)
    header = (t("col_id", lang), t("indicator", lang), t("col_from", lang), t("col_to", lang), t("ap_due", lang),
              t("ap_flag", lang), t("ap_programme", lang), _cost_head(unit, lang), t("ap_evidence", lang))
    steps = Table("steps", t("ap_steps", lang), header,
                  [_step_row(col, s, lang, deadline) for s in group.steps])
    tables = [steps]
    if group.programmes:
        tables.append(programmes_table(group, lang, deadline, unit))
    facts: list[tuple[str, Value]] = [(t("ap_owner", lang), name),
                                      (t("ap_cost_total", lang, unit=cost_unit(unit, lang)),
                                       hundredths_to_decimal(group.cost_h))]
    return Report(f"{t('ap_title', lang)} — {name}", facts, tables, sheet_name=name)


def programmes_table(group: OwnerGroup, lang: str, deadline: date | None, unit: str = "") -> Table:
    rows: list[tuple[Value, ...]] = []
    for p in group.programmes:
        late = t("ap_late", lang) if deadline and p.due and p.due > deadline else ""
        raises = ", ".join(f"{i}→{hundredths_to_decimal(h).normalize():f}" for i, h in p.raises.items())
        rows.append((p.id, p.name, _due(p.due), late, hundredths_to_decimal(p.cost_h), raises))
    return Table("programmes", t("ap_programmes", lang),
                 (t("col_id", lang), t("report_name", lang), t("ap_due", lang), t("ap_flag", lang),
                  _cost_head(unit, lang), t("ap_raises", lang)), rows)


def summary_report(col: Column, plan: ActionPlan, lang: str) -> Report:
    s = col.scenario
    facts: list[tuple[str, Value]] = [*scenario_facts(col, lang), (t("ap_steps_total", lang), len(plan.steps))]
    if plan.deadline:
        facts.append((t("ap_deadline", lang), plan.deadline))
        facts.append((t("ap_late_total", lang), len(plan.late_steps())))
    owners = Table("owners", t("ap_owners", lang),
                   (t("ap_owner", lang), t("ap_steps", lang), t("ap_programmes", lang), _cost_head(plan.unit, lang),
                    t("ap_first_due", lang)),
                   [(owner_name(g.owner, lang), len(g.steps), len(g.programmes), hundredths_to_decimal(g.cost_h),
                     _due(min((st.due for st in g.steps if st.due), default=None)))
                    for g in plan.groups]
                   + [(t("ap_total", lang), len(plan.steps), sum(len(g.programmes) for g in plan.groups),
                       hundredths_to_decimal(plan.cost_h), "")])
    tables = [evidence_table(col, lang), owners]
    beside = cohort_groups_table(col, lang)
    if beside.rows:  # where the cohort gives group values: the aspects beside the peers'
        tables.append(beside)
    return Report(f"{t('ap_title', lang)} — {s.meta.name} — {s.meta.region}", facts, tables,
                  sheet_name=t("ap_summary_sheet", lang))


def action_plan_reports(col: Column, plan: ActionPlan, lang: str) -> list[Report]:
    return [summary_report(col, plan, lang),
            *(owner_report(col, g, lang, plan.deadline, plan.unit) for g in plan.groups)]
