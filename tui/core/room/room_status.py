"""What the coach sees: every participant, their scenario files scored, unsaved work, activity.

Unsaved work is read from the participant's recovery files (the app keeps them under the
workspace's HOME while they edit), so the coach sees a what-if before it is saved.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.errors import InputError
from tui.core.files.guarded import MAX_BYTES, decode_text, parse_toml, read_guarded
from tui.core.room.folder import Participant, Room
from tui.core.scenario.recovery import HEADER
from tui.core.scenario.scenario_file import parse_scenario
from tui.core.scenario.summary import resolve_cohort, summarize
from tui.core.scoring.evaluation import require_scorable
from tui.core.scoring.rubric import RubricSet
from tui.core.team.compare import Column
from tui.core.team.listing import Entry, scan

RECOVERY_SUBDIR = Path(".local/state/spbe-planner/recovery")


@dataclass(frozen=True, slots=True)
class ParticipantStatus:
    participant: Participant
    files: list[Entry]
    unsaved: list[Entry]

    @property
    def best(self) -> Entry | None:
        """The file with the highest scenario index, the one a coach looks at first."""
        scored = [(e.column.summary.scenario.evaluation.index, k, e)
                  for k, e in enumerate([*self.files, *self.unsaved]) if e.column is not None]
        return max(scored, key=lambda x: (x[0], -x[1]))[2] if scored else None

    def as_json(self, now: float) -> dict[str, Any]:
        p = self.participant
        code = p.code.state(now) if p.code else None
        return {"user": p.user, "online": p.online, "keys": p.keys, "code": code,
                "last_activity": p.last_activity,
                "idle_s": round(now - p.last_activity) if p.last_activity else None,
                "files": [e.as_json() for e in self.files],
                "unsaved": [e.as_json() for e in self.unsaved]}


def unsaved_entries(workspace: Path, rubrics: RubricSet) -> list[Entry]:
    folder = workspace / RECOVERY_SUBDIR
    if not folder.is_dir():
        return []
    out: list[Entry] = []
    for path in sorted(folder.glob("*.toml")):
        if path.is_symlink():
            continue
        try:
            text = decode_text(read_guarded(path, max_bytes=MAX_BYTES), path)  # once: header line, then TOML
            first = text.split("\n", 1)[0]
            source = first.removeprefix(HEADER).strip() if first.startswith(HEADER) else path.name
            s, rubric = parse_scenario(parse_toml(text, path), rubrics, path)
            require_scorable(rubric)
            summary = summarize(s, rubric, resolve_cohort(s, rubric))
            shown = Path(Path(source).name if source != "(baru)" else s.meta.name)
            out.append(Entry(shown, Column(shown, s, rubric, summary), None))
        except InputError as exc:
            out.append(Entry(path, None, exc))
    return out


def participant_status(room: Room, user: str, rubrics: RubricSet) -> ParticipantStatus:
    ws = room.workspace(user)
    files = scan(ws, rubrics) if ws.is_dir() else []
    files = [e for e in files if not e.path.is_symlink()]
    return ParticipantStatus(room.participant(user), files, unsaved_entries(ws, rubrics) if ws.is_dir() else [])


def room_status(room: Room, rubrics: RubricSet | None = None) -> list[ParticipantStatus]:
    if not room.dir.is_dir():
        raise InputError("not_room", path=room.dir)
    rubrics = rubrics or RubricSet()
    return [participant_status(room, u, rubrics) for u in room.users()]


def status_json(rows: list[ParticipantStatus], now: float | None = None) -> list[dict[str, Any]]:
    now = time.time() if now is None else now
    return [r.as_json(now) for r in rows]
