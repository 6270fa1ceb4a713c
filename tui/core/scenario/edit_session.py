"""An editing session: one scenario being edited, with undo/redo, dirty tracking and its file.

Textual-free, so the app's behaviour (every edit undoable, unsaved work tracked, overwrite checks)
is plain Python that tests can drive directly.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.errors import InputError
from tui.core.files.guarded import atomic_write, read_guarded
from tui.core.resources import scenarios_dir
from tui.core.scenario.evidence import EvidenceItem
from tui.core.scenario.scenario_file import Scenario, dump_scenario
from tui.core.scenario.summary import Outcome, Summary, baseline_outcome, summarize
from tui.core.scoring.cohort import Cohort, Projection
from tui.core.scoring.rubric import Rubric

UNDO_LIMIT = 500


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_guarded(path)).hexdigest()
    except InputError:
        return None


def changed_indicators(before: Scenario, after: Scenario) -> frozenset[str]:
    """Indicators whose level differs: only the targets need comparing while the baseline stays."""
    if before.baseline != after.baseline:
        return frozenset(i for i in after.baseline if before.level(i) != after.level(i))
    return frozenset(i for i in before.target.keys() | after.target.keys() if before.level(i) != after.level(i))


def is_bundled(path: Path | None) -> bool:
    """Bundled samples are read-only templates: saving them means "save as"."""
    if path is None:
        return False
    try:
        return path.resolve().is_relative_to(scenarios_dir().resolve())
    except OSError:
        return False


@dataclass
class EditSession:
    scenario: Scenario
    rubric: Rubric
    cohort: Cohort | None = None
    path: Path | None = None
    projection: Projection = "hold"
    saved: Scenario | None = None  # what is on disk (None: never saved)
    disk_digest: str | None = None  # the file's bytes when opened/saved, to notice outside edits
    # The indicators whose level the last change (edit, undo, redo) moved: what the screen redraws.
    last_changed: frozenset[str] = frozenset()
    _undo: list[Scenario] = field(default_factory=list)
    _redo: list[Scenario] = field(default_factory=list)
    # The baseline's outcome, reused while baseline, region, rubric and cohort stay the same: it is
    # half of every keystroke's scoring and edits never change it.
    _base: tuple[tuple[object, ...], Outcome] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def opened(cls, scenario: Scenario, rubric: Rubric, cohort: Cohort | None, path: Path | None, *,
               digest: str | None = None) -> EditSession:
        """A session on a scenario just read from ``path``; ``digest`` is the checksum of the bytes read."""
        if digest is None and path is not None:
            digest = file_digest(path)
        return cls(scenario=scenario, rubric=rubric, cohort=cohort, path=path,
                   saved=scenario if path else None, disk_digest=digest)

    # -- state -------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self.scenario != self.saved

    @property
    def can_save_in_place(self) -> bool:
        return self.path is not None and not is_bundled(self.path)

    def summary(self) -> Summary:
        s = self.scenario
        key = (s.baseline, s.meta.region, self.rubric, self.cohort)
        if self._base is None or self._base[0] != key:
            self._base = (key, baseline_outcome(s, self.rubric, self.cohort))
        return summarize(s, self.rubric, self.cohort, self.projection, base=self._base[1])

    def switch_projection(self) -> None:
        self.projection = "trend" if self.projection == "hold" else "hold"

    # -- edits ---------------------------------------------------------------------------------
    def apply(self, new: Scenario) -> bool:
        """Make ``new`` the current scenario (undoable). Returns False when nothing changed."""
        if new == self.scenario:
            return False
        self._undo.append(self.scenario)
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()
        self._become(new)
        return True

    def _become(self, new: Scenario) -> None:
        self.last_changed = changed_indicators(self.scenario, new)
        self.scenario = new

    def set_level(self, indicator_id: str, level_h: int) -> bool:
        return self.apply(self.scenario.with_level(self.rubric, indicator_id, level_h))

    def step(self, indicator_id: str, direction: int) -> bool:
        """Move a target to the next whole level up or down, stopping at the baseline on the way:
        a decimal baseline (1,75) is one of the stops, so + then - returns to it exactly."""
        current = self.scenario.level(indicator_id)
        base = self.scenario.baseline[indicator_id]
        if direction > 0:
            new = min(self.rubric.scale_max_h, (current // 100 + 1) * 100)
            if current < base < new:
                new = base
        else:
            new = max(self.rubric.scale_min_h, (-(-current // 100) - 1) * 100)
            if new < base < current:
                new = base
        return self.set_level(indicator_id, new)

    def rename(self, name: str) -> bool:
        """Give the scenario a new name (undoable); the name is checked like a file's."""
        return self.apply(self.scenario.with_meta(name=name))

    def set_notes(self, notes: str) -> bool:
        return self.apply(self.scenario.with_meta(notes=notes))

    def set_indicator_note(self, indicator_id: str, note: str) -> bool:
        return self.apply(self.scenario.with_indicator_note(self.rubric, indicator_id, note))

    def set_evidence(self, items: tuple[EvidenceItem, ...]) -> bool:
        return self.apply(self.scenario.with_evidence(self.rubric, items))

    def reset(self, indicator_id: str) -> bool:
        if indicator_id in self.scenario.external_target:  # the what-if index goes with the value
            return self.apply(self.scenario.with_external_target(self.rubric, indicator_id, None))
        return self.set_level(indicator_id, self.scenario.baseline[indicator_id])

    def undo(self) -> bool:
        return self._shift(self._undo, self._redo)

    def redo(self) -> bool:
        return self._shift(self._redo, self._undo)

    def _shift(self, source: list[Scenario], dest: list[Scenario]) -> bool:
        """Move one step through the history: the current scenario goes to ``dest``."""
        if not source:
            return False
        dest.append(self.scenario)
        self._become(source.pop())
        return True

    # -- files -----------------------------------------------------------------------------------
    def changed_on_disk(self) -> bool:
        """True when the file was edited by someone else since we opened or saved it."""
        if self.path is None or self.disk_digest is None:
            return False
        return file_digest(self.path) != self.disk_digest

    def save(self, path: Path | None = None) -> Path:
        target = path or self.path
        if target is None:
            raise ValueError("no file name to save to")
        text = dump_scenario(self.scenario)
        atomic_write(target, text)
        self.path = target
        self.saved = self.scenario
        self.disk_digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return target
