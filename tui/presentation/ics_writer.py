"""The action plan as a calendar the OPDs already use (iCalendar, RFC 5545): one all-day entry per
dated step and per dated evidence item, and the deadline. Google Calendar and Outlook import it.

Written by hand (the format is small): CRLF line ends, lines folded at 75 octets, text escaped,
every entry with a stable UID (the same entry keeps its UID when the plan is exported again, so a
re-import updates instead of duplicating).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from tui.core.goal_seek.action_plan import ActionPlan
from tui.core.scenario.scenario_file import Scenario
from tui.core.scoring.rubric import Rubric
from tui.presentation.action_plan_report import owner_name, status_word
from tui.presentation.catalogue import t

PRODID = "-//spbe-planner//rencana aksi//ID"


# RFC 5545 allows no control character in a TEXT value but the tab; a name from a file may hold one
# and a bidirectional override could turn text around where the calendar goes to a terminal: each
# becomes a space.
_CONTROLS = {c: " " for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
             if c not in (0x09, 0x0A, 0x0D)}


def escaped(text: str) -> str:
    """TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11), other
    control characters replaced."""
    return (text.translate(_CONTROLS).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def folded(line: str) -> str:
    """A content line folded at 75 octets (continuations start with a space), never inside a character."""
    out: list[str] = []
    current = b""
    for ch in line:
        piece = ch.encode("utf-8")
        limit = 75 if not out else 74  # a continuation line's leading space counts
        if len(current) + len(piece) > limit:
            out.append(current.decode("utf-8"))
            current = b""
        current += piece
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _event(uid: str, day: date, summary: str, description: str, stamp: str, categories: str = "") -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}", f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
             f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}", f"SUMMARY:{escaped(summary)}",
             f"DESCRIPTION:{escaped(description)}", "TRANSP:TRANSPARENT"]
    if categories:
        lines.append(f"CATEGORIES:{escaped(categories)}")
    return [*lines, "END:VEVENT"]


def _uid(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32] + "@spbe-planner"


def action_plan_ics(scenario: Scenario, rubric: Rubric, plan: ActionPlan, lang: str,
                    now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    region = scenario.meta.region
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escaped(t('ics_calendar', lang, region=region, name=scenario.meta.name))}"]
    for step in plan.steps:
        if step.due is None:
            continue
        info = rubric.by_id[step.indicator]
        owner = owner_name(step.owner, lang)
        summary = t("ics_step", lang, id=step.indicator, name=info.short, level=step.level, owner=owner)
        items = [f"- {it.item} ({status_word(it.status, lang)})" for it in step.items]
        description = "\n".join([t("ics_step_body", lang, region=region, id=step.indicator, name=info.name,
                                   level=step.level, owner=owner),
                                 *([t("ap_evidence", lang) + ":", *items] if items else [t("ap_no_evidence", lang)]),
                                 rubric.level_text(step.indicator, step.level)])
        lines += _event(_uid(region, "step", step.indicator, str(step.level)), step.due, summary, description, stamp,
                        owner)
    for it in scenario.evidence:
        if it.due is None:
            continue
        owner = owner_name(it.owner, lang)
        summary = t("ics_item", lang, id=it.indicator, level=it.level, item=it.item, owner=owner)
        description = "\n".join(x for x in (t("ics_item_body", lang, region=region, status=status_word(it.status, lang),
                                                  code=it.code or "—"), it.link, it.note) if x)
        lines += _event(_uid(region, "item", it.indicator, str(it.level), it.item), it.due, summary, description,
                        stamp, owner)
    if plan.deadline is not None:
        lines += _event(_uid(region, "deadline"), plan.deadline, t("ics_deadline", lang, region=region),
                        t("ics_deadline_body", lang, n=len(plan.steps), late=len(plan.late_steps())), stamp)
    lines.append("END:VCALENDAR")
    return "".join(folded(line) + "\r\n" for line in lines)
