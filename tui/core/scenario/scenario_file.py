"""Scenario files: the TOML format teams keep in folders and git.

    schema = 1
    [scenario]        name, framework, region, year, and optional cohort, target_year,
                      evaluation_date, notes, author
    [baseline]        every indicator of the framework, by id: "1" = 3
    [target]          only the indicators that change: "12" = 4
    [indicator_notes] optional free text per indicator

Files are read with tomllib and validated with pydantic, then against the framework's rubric.
They are written in a fixed order (rubric order for indicators), so saving twice gives identical
bytes and two versions diff line by line; saves are atomic.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError

from tui.core.errors import InputError, Invalid, Where, from_invalid, from_validation
from tui.core.files.file_kinds import expect_kind
from tui.core.files.guarded import atomic_write, read_toml_with_bytes
from tui.core.numbers import FileNumber, decimal_point, level_to_toml, shown, to_hundredths
from tui.core.report_settings import ReportSettings
from tui.core.scenario.evidence import EvidenceItem
from tui.core.scenario.programme import Programme, ProgrammeFile, build_programmes
from tui.core.scoring.rubric import Rubric, RubricSet

SCENARIO_SCHEMA = 2  # 2 adds [[evidence]] and [[programme]]; schema-1 files still open and are written as 2
Number = FileNumber


# The evaluation's interview stage falls in mid-October (SPBE 2024: interviews from 15 October;
# results decreed late December): evidence must still be valid then.
EVALUATION_DAY = (10, 15)
MAX_NOTE = 4000  # characters in one note: a few paragraphs, never a pasted document


class ScenarioMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    name: Annotated[str, Field(max_length=200)] = "Skenario"
    framework: Annotated[str, Field(min_length=1, max_length=40)]
    region: Annotated[str, Field(min_length=1, max_length=200)]
    year: Annotated[int, Field(ge=2000, le=2100)]
    target_year: Annotated[int, Field(ge=2000, le=2100)] | None = None
    cohort: Annotated[str, Field(min_length=1)] | None = None
    # The day the assessor reads the evidence (expired items stop counting on it); by default
    # EVALUATION_DAY of the target year.
    evaluation_date: date | None = None
    # Where the baseline comes from, e.g. "hasil resmi" (an official result, imported).
    source: Annotated[str, Field(max_length=200)] = ""
    notes: Annotated[str, Field(max_length=MAX_NOTE)] = ""
    author: str = ""
    created: str = ""
    updated: str = ""


EditionStatus = Literal["final", "sementara", "sanggah"]
EDITION_STATUSES: tuple[EditionStatus, ...] = ("final", "sementara", "sanggah")


class ExternalEntry(BaseModel):
    """``"5" = { index = 73.56, edition = 2025, status = "sementara" }``: another agency's index with
    the edition it comes from and whether it is final, provisional or under appeal (sanggah)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    index: Number
    edition: Annotated[int, Field(ge=2000, le=2100)] | None = None
    status: EditionStatus = "final"


def _external_kind(value: Any) -> str:
    return "external-table" if isinstance(value, dict | ExternalEntry) else "external-number"


# A plain number, or a table with the edition: told apart by shape, so that an error names the
# table's own key (status, edition) instead of "must be a number".
ExternalValue = Annotated[Annotated[Number, Tag("external-number")] | Annotated[ExternalEntry, Tag("external-table")],
                          Discriminator(_external_kind)]


@dataclass(frozen=True, slots=True)
class Edition:
    """Where a published external index comes from: its edition (year) and status."""

    edition: int | None = None
    status: EditionStatus = "final"

    @property
    def provisional(self) -> bool:
        return self.status != "final"


class ScenarioFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    schema_: int = Field(alias="schema")
    scenario: ScenarioMeta
    baseline: dict[str, Number]
    target: dict[str, Number] = {}
    indicator_notes: dict[str, Annotated[str, Field(max_length=MAX_NOTE)]] = {}
    # Another agency's index for an externally scored indicator, instead of its value: the
    # published one ([external]) and a what-if ([external_target]).
    external: dict[str, ExternalValue] = {}
    external_target: dict[str, Number] = {}
    # The region's own published results of earlier years: "2023" = 1.88, and optionally their
    # domain or aspect indices ([history_groups."2023"] D1 = 2.10).
    history: dict[str, Number] = {}
    history_groups: dict[str, dict[str, Number]] = {}
    evidence: Annotated[list[EvidenceItem], Field(max_length=5000)] = []
    # The programmes a plan took (written by `plan --apply` from a cost file's [[programme]]).
    programme: Annotated[list[ProgrammeFile], Field(max_length=500)] = []
    report: ReportSettings | None = None  # place, date and signers of its Word/PDF documents


@dataclass(frozen=True)
class Scenario:
    """A scenario in memory. Levels are integer hundredths (3 -> 300, 3.75 -> 375).

    Immutable: every edit returns a new Scenario, which is what makes undo/redo and the app's
    reactive state simple.
    """

    meta: ScenarioMeta
    baseline: dict[str, int]
    target: dict[str, int] = field(default_factory=dict)
    indicator_notes: dict[str, str] = field(default_factory=dict)
    external: dict[str, int] = field(default_factory=dict)  # source index, hundredths, baseline side
    external_target: dict[str, int] = field(default_factory=dict)  # … and the what-if
    editions: dict[str, Edition] = field(default_factory=dict)  # the published index's edition, when said
    history: dict[int, int] = field(default_factory=dict)  # year -> published index, hundredths
    history_groups: dict[int, dict[str, int]] = field(default_factory=dict)  # year -> group id -> index
    evidence: tuple[EvidenceItem, ...] = ()  # bukti dukung per indicator and level
    programmes: tuple[Programme, ...] = ()  # programmes the plan takes, with their owners
    cycle_years: int = 1  # the framework's years between evaluations (RubricMeta.cycle_years)
    report: ReportSettings | None = None  # [report]: the signature block of its documents

    @property
    def framework(self) -> str:
        return self.meta.framework

    @property
    def target_year(self) -> int:
        """The year the targets are for: as the file says, else the next evaluation's year."""
        return self.meta.target_year or self.meta.year + self.cycle_years

    @property
    def evaluation_date(self) -> date:
        """The day evidence must be valid on: as the file says, else 15 October of the target year."""
        return self.meta.evaluation_date or date(self.target_year, *EVALUATION_DAY)

    def levels(self) -> dict[str, int]:
        """Baseline levels with the targets laid over them."""
        return {**self.baseline, **self.target}

    def level(self, indicator_id: str) -> int:
        return self.target.get(indicator_id, self.baseline[indicator_id])

    def with_level(self, rubric: Rubric, indicator_id: str, level_h: int) -> Scenario:
        """Set one indicator's target; a target equal to the baseline is dropped."""
        check_level(rubric, indicator_id, level_h, f'target."{indicator_id}"')
        target = dict(self.target)
        if level_h == self.baseline[indicator_id]:
            target.pop(indicator_id, None)
        else:
            target[indicator_id] = level_h
        changed = replace(self, target=_ordered(rubric, target))
        if indicator_id in self.external_target:
            # A value set directly (a plan with --unlock-external) replaces the what-if index,
            # unless it is the very value that index gives.
            from tui.core.scenario.external import derived_value_h

            index_h = self.external_target[indicator_id]
            if derived_value_h(rubric, indicator_id, index_h, level_h) != level_h:
                rest = {k: v for k, v in self.external_target.items() if k != indicator_id}
                changed = replace(changed, external_target=rest)
        return changed

    def with_external_target(self, rubric: Rubric, indicator_id: str, index_h: int | None) -> Scenario:
        """Set (or with None drop) a what-if value of the index behind an external indicator; its
        target value follows from it."""
        from tui.core.scenario.external import check_index, derived_value_h, source

        where = f'external_target."{indicator_id}"'
        ext = source(rubric, indicator_id, where)
        wanted = dict(self.external_target)
        if index_h is None:
            wanted.pop(indicator_id, None)
            moved = replace(self, external_target=_ordered(rubric, wanted))
            return moved.with_level(rubric, indicator_id, self.baseline[indicator_id])
        check_index(ext, index_h, where)
        wanted[indicator_id] = index_h
        value = derived_value_h(rubric, indicator_id, index_h, self.level(indicator_id))
        moved = replace(self, external_target=_ordered(rubric, wanted))
        return moved.with_level(rubric, indicator_id, value)

    def with_external(self, rubric: Rubric, indicator_id: str, index_h: int,
                      edition: Edition | None = None) -> Scenario:
        """Set the published index behind an external indicator (``[external]``), with its edition:
        the baseline value follows from it; a target equal to the new baseline is dropped."""
        from tui.core.scenario.external import check_index, derived_value_h, source

        where = f'external."{indicator_id}"'
        ext = source(rubric, indicator_id, where)
        check_index(ext, index_h, where)
        value = derived_value_h(rubric, indicator_id, index_h, self.baseline[indicator_id])
        editions = {k: v for k, v in self.editions.items() if k != indicator_id}
        if edition is not None and (edition.edition is not None or edition.provisional):
            editions[indicator_id] = edition
        target = {k: v for k, v in self.target.items() if not (k == indicator_id and v == value)}
        return replace(self, external=_ordered(rubric, {**self.external, indicator_id: index_h}),
                       baseline={**self.baseline, indicator_id: value}, target=target,
                       editions={k: editions[k] for k in rubric.indicator_ids if k in editions})

    def with_meta(self, **changes: Any) -> Scenario:
        """New name, notes, …: validated as the file's [scenario] table would be."""
        return replace(self, meta=make_meta(**{**self.meta.model_dump(), **changes}))

    def with_indicator_note(self, rubric: Rubric, indicator_id: str, note: str) -> Scenario:
        """Set (or, when blank, drop) one indicator's note, kept in the rubric's order."""
        if indicator_id not in rubric.by_id:
            raise InputError("unknown_indicator_short", field=f'indicator_notes."{indicator_id}"', id=indicator_id)
        if len(note) > MAX_NOTE:
            raise InputError("text_too_long", field=f'indicator_notes."{indicator_id}"', limit=MAX_NOTE)
        notes = dict(self.indicator_notes)
        if note.strip():
            notes[indicator_id] = note.strip()
        else:
            notes.pop(indicator_id, None)
        return replace(self, indicator_notes={i: notes[i] for i in rubric.indicator_ids if i in notes})

    def with_evidence(self, rubric: Rubric, items: tuple[EvidenceItem, ...]) -> Scenario:
        """The scenario with these evidence items, checked as a file's would be."""
        _check_evidence(rubric, list(items))
        return replace(self, evidence=items)

    def with_targets(self, rubric: Rubric, targets: Mapping[str, int]) -> Scenario:
        s = self
        for ind, level_h in targets.items():
            s = s.with_level(rubric, ind, level_h)
        return s

def _ordered(rubric: Rubric, levels: Mapping[str, int]) -> dict[str, int]:
    return {i: levels[i] for i in rubric.indicator_ids if i in levels}


def check_level(rubric: Rubric, indicator_id: str, level_h: int, where: Where) -> None:
    meta = rubric.meta
    if indicator_id not in rubric.by_id:
        raise InputError("unknown_indicator", field=where, id=indicator_id, framework=rubric.id,
                         first=rubric.indicator_ids[0], last=rubric.indicator_ids[-1])
    if meta.integer_levels and level_h % 100:
        raise InputError("level_whole", field=where, lo=meta.scale_min, hi=meta.scale_max, framework=rubric.id,
                         value=shown(level_h / 100))
    if not rubric.scale_min_h <= level_h <= rubric.scale_max_h:
        raise InputError("level_off_scale", field=where, value=shown(level_h / 100), lo=meta.scale_min,
                         hi=meta.scale_max)


def _levels(rubric: Rubric, raw: Mapping[str, Number], table: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for key, value in raw.items():
        where = f'{table}."{key}"'
        try:
            level_h = to_hundredths(value, "level")
        except Invalid as exc:
            raise from_invalid(exc, field=where) from None
        check_level(rubric, key, level_h, where)
        out[key] = level_h
    return _ordered(rubric, out)


def check_schema(raw: Mapping[str, Any]) -> None:
    version = raw.get("schema")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCENARIO_SCHEMA:
        raise InputError("newer_schema", field="schema", version=version, known=SCENARIO_SCHEMA)


def parse_scenario(raw: Mapping[str, Any], rubrics: RubricSet,
                   path: Path | str | None = None) -> tuple[Scenario, Rubric]:
    """Validate a parsed scenario file against its format and its framework's rubric."""
    expect_kind(raw, "scenario", path)
    try:
        check_schema(raw)
        try:
            data = ScenarioFile.model_validate(raw)
        except ValidationError as exc:
            raise from_validation(exc, path) from None
        try:
            rubric = rubrics.get(data.scenario.framework)
        except InputError as exc:
            if exc.path:  # the rubric file itself is broken: report that file
                raise
            raise exc.with_field("scenario.framework") from None
        baseline = _levels(rubric, data.baseline, "baseline")
        # An externally scored indicator may be given by its index alone.
        missing = [i for i in rubric.indicator_ids if i not in baseline and i not in data.external]
        if missing:
            listed = ", ".join(missing[:8]) + (" …" if len(missing) > 8 else "")
            raise InputError("missing_indicators", field="baseline", ids=listed, n=len(missing))
        target = _levels(rubric, data.target, "target")
        editions = {k: Edition(v.edition, v.status) for k, v in data.external.items()
                    if isinstance(v, ExternalEntry) and (v.edition is not None or v.status != "final")}
        plain = {k: v.index if isinstance(v, ExternalEntry) else v for k, v in data.external.items()}
        external = _external(rubric, plain, "external")
        external_target = _external(rubric, data.external_target, "external_target")
        for ind, value in _derived(rubric, external, baseline, data.baseline, "baseline").items():
            baseline[ind] = value
        for ind, value in _derived(rubric, external_target, {**baseline, **target}, data.target, "target").items():
            target[ind] = value
        history, history_groups = _history(rubric, data.history, data.history_groups)
        _check_evidence(rubric, data.evidence)
        programmes = build_programmes(rubric, data.programme)
        for key in data.indicator_notes:
            if key not in rubric.by_id:
                raise InputError("unknown_indicator_short", field=f'indicator_notes."{key}"', id=key)
    except InputError as exc:
        raise exc.with_path(path) if path is not None and exc.path is None else exc from None
    target = {k: v for k, v in target.items() if v != baseline[k]}
    notes = {i: data.indicator_notes[i] for i in rubric.indicator_ids if data.indicator_notes.get(i)}
    return Scenario(meta=data.scenario, baseline=_ordered(rubric, baseline), target=_ordered(rubric, target),
                    indicator_notes=notes, external=external, external_target=external_target,
                    editions={k: editions[k] for k in external if k in editions},
                    history=history, history_groups=history_groups, evidence=tuple(data.evidence),
                    programmes=programmes, cycle_years=rubric.meta.cycle_years, report=data.report), rubric


# An [[evidence]] item's keys in the order they are written.
EVIDENCE_KEYS = ("code", "indicator", "level", "item", "status", "revision", "owner", "due", "dated", "valid_until",
                 "link", "note")


def _check_evidence(rubric: Rubric, items: list[EvidenceItem]) -> None:
    from tui.core.scenario.evidence import code_parts

    for k, it in enumerate(items, start=1):
        if it.indicator not in rubric.by_id:
            raise InputError("unknown_indicator_short", field=f"evidence[{k}].indicator", id=it.indicator)
        if not rubric.meta.scale_min <= it.level <= rubric.meta.scale_max:
            raise InputError("level_off_scale", field=f"evidence[{k}].level", value=it.level,
                             lo=rubric.meta.scale_min, hi=rubric.meta.scale_max)
        parts = code_parts(it.code) if it.code else None
        if parts is not None and parts != (it.indicator, it.level):
            raise InputError("evidence_code_mismatch", field=f"evidence[{k}].code", item_code=it.code,
                             indicator=it.indicator, level=it.level)
        if it.revision is not None and it.status != "revisi":
            raise InputError("evidence_revision_status", field=f"evidence[{k}].revision", status=it.status)
        if it.dated and it.valid_until and it.valid_until < it.dated:
            raise InputError("evidence_valid_before_dated", field=f"evidence[{k}].valid_until")


def history_from_text(rubric: Rubric, text: str, where: str = "history") -> dict[int, int]:
    """``2023=1.88,2024=2,48``-style text (a flag) as checked history."""
    raw: dict[str, Number] = {}
    for item in [p for p in re.split(r"[;,](?=\s*\d{4}\s*=)", text) if p.strip()]:
        year, sep, value = item.partition("=")
        if not sep:
            raise InputError("history_item", field=where, got=shown(item.strip()))
        try:
            raw[year.strip()] = float(decimal_point(value))
        except ValueError:
            raise InputError("history_item", field=where, got=shown(item.strip())) from None
    try:
        return _history(rubric, raw, {})[0]
    except InputError as exc:
        raise exc.with_field(where) from None


def _year(key: str, where: str) -> int:
    if not (key.isascii() and key.isdigit() and len(key) == 4 and 2000 <= int(key) <= 2100):
        raise InputError("history_year", field=where, got=shown(key))
    return int(key)


def _scaled(rubric: Rubric, value: Number, where: str) -> int:
    try:
        value_h = to_hundredths(value, "index")
    except Invalid as exc:
        raise from_invalid(exc, field=where) from None
    if not rubric.scale_min_h <= value_h <= rubric.scale_max_h:
        raise InputError("index_off_scale", field=where, lo=rubric.meta.scale_min, hi=rubric.meta.scale_max,
                         got=shown(value))
    return value_h


def _history(rubric: Rubric, raw: Mapping[str, Number], groups: Mapping[str, Mapping[str, Number]]
             ) -> tuple[dict[int, int], dict[int, dict[str, int]]]:
    """Published results of earlier years, checked like any index: a year, a value on the scale."""
    history = {_year(k, f'history."{k}"'): _scaled(rubric, v, f'history."{k}"') for k, v in raw.items()}
    known = {*rubric.domain_by_id, *rubric.aspect_by_id}
    by_year: dict[int, dict[str, int]] = {}
    for k, values in groups.items():
        year = _year(k, f'history_groups."{k}"')
        for gid, v in values.items():
            where = f'history_groups."{k}".{gid}'
            if gid not in known:
                raise InputError("unknown_group", field=where, id=gid, framework=rubric.id)
            by_year.setdefault(year, {})[gid] = _scaled(rubric, v, where)
    return dict(sorted(history.items())), dict(sorted(by_year.items()))


def _external(rubric: Rubric, raw: Mapping[str, Number], table: str) -> dict[str, int]:
    """Source indices (hundredths), each checked against its indicator's external index."""
    from tui.core.scenario.external import check_index, source

    out: dict[str, int] = {}
    for key, value in raw.items():
        where = f'{table}."{key}"'
        ext = source(rubric, key, where)
        try:
            index_h = to_hundredths(value, "index")
        except Invalid as exc:
            raise from_invalid(exc, field=where) from None
        check_index(ext, index_h, where)
        out[key] = index_h
    return _ordered(rubric, out)


def _derived(rubric: Rubric, indices: Mapping[str, int], own: Mapping[str, int], given: Mapping[str, Number],
             table: str) -> dict[str, int]:
    """The values the indices give; a value also written in ``table`` must agree with its index."""
    from tui.core.scenario.external import derived_value_h, index_text, source

    out: dict[str, int] = {}
    for ind, index_h in indices.items():
        value = derived_value_h(rubric, ind, index_h, own.get(ind))
        if ind in given and own.get(ind) is not None and own[ind] != value:
            raise InputError("external_conflict", field=f'{table}."{ind}"', value=shown(own[ind] / 100),
                             derived=shown(value / 100), index=source(rubric, ind).index,
                             got=str(index_text(index_h)))
        out[ind] = value
    return out


def load_scenario(path: Path | str, rubrics: RubricSet | None = None) -> tuple[Scenario, Rubric]:
    return load_scenario_and_digest(path, rubrics)[:2]


def _read_scenario_toml(path: Path | str) -> tuple[dict[str, Any], bytes]:
    try:
        return read_toml_with_bytes(path)
    except InputError as exc:
        # A sheet where a scenario was expected: say so and how to import it, not "save as UTF-8".
        from tui.core.scenario.sheet_detection import sheet_instead

        raise sheet_instead(path, exc) from None


def load_scenario_and_digest(path: Path | str, rubrics: RubricSet | None = None) -> tuple[Scenario, Rubric, str]:
    """As load_scenario, and the SHA-256 of exactly the bytes parsed (to notice later outside edits)."""
    raw, data = _read_scenario_toml(path)
    scenario, rubric = parse_scenario(raw, rubrics or RubricSet(), path)
    return scenario, rubric, hashlib.sha256(data).hexdigest()


def load_scorable_scenario(path: Path | str, rubrics: RubricSet | None = None) -> tuple[Scenario, Rubric]:
    """A scenario whose framework can be scored, as every planning command needs: one that cannot
    is refused naming the file and its framework key."""
    from tui.core.scoring.evaluation import require_scorable

    scenario, rubric = load_scenario(path, rubrics)
    try:
        require_scorable(rubric)
    except InputError as exc:
        raise exc.replaced(path=str(path), field="scenario.framework") from None
    return scenario, rubric


def make_meta(**values: Any) -> ScenarioMeta:
    """Scenario facts typed on a command line or in a dialog, validated like a file's."""
    try:
        return ScenarioMeta(**values)
    except ValidationError as exc:
        raise from_validation(exc, None) from None


def new_scenario(rubric: Rubric, *, region: str, year: int, name: str = "Baseline",
                 cohort: str | None = None, level: int | None = None) -> Scenario:
    """A baseline with every indicator at one level (the scale minimum unless given)."""
    start = (level if level is not None else rubric.meta.scale_min) * 100
    meta = make_meta(name=name, framework=rubric.id, region=region, year=year, cohort=cohort)
    return Scenario(meta=meta, baseline={i: start for i in rubric.indicator_ids}, cycle_years=rubric.meta.cycle_years)


def _key(k: str) -> str:
    return tomli_w.dumps({k: 0}).split(" = ", 1)[0]


# tomli_w's escapes for a basic string (quote, backslash and every control character but tab), as a
# translation table: a scenario with 5,000 evidence items writes ~40,000 values, and a dumps() call
# per value took most of a save. The bytes are the same as tomli_w writes.
_ESCAPES = {**{c: f"\\u{c:04x}" for c in [*range(0x20), 0x7F] if c != 0x09},
            0x08: "\\b", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}


def _value(v: Any) -> str:
    if isinstance(v, str):
        return f'"{v.translate(_ESCAPES)}"'
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, date) and not isinstance(v, datetime):
        return v.isoformat()
    return tomli_w.dumps({"v": v}).split(" = ", 1)[1].rstrip("\n")


def dump_scenario(s: Scenario) -> str:
    """Serialise in a fixed order. Indicator ids are always quoted ("1" = 3), as people write them."""
    meta = s.meta.model_dump(exclude_defaults=True)
    meta = {"name": s.meta.name, **meta}
    order = ["name", "framework", "region", "year", "target_year", "evaluation_date", "cohort", "source", "author",
             "created", "updated", "notes"]
    lines = [f"schema = {SCENARIO_SCHEMA}", "", "[scenario]"]
    lines += [f"{_key(k)} = {_value(meta[k])}" for k in order if k in meta]
    lines += ["", "[baseline]"]
    lines += [f'"{k}" = {_value(level_to_toml(v))}' for k, v in s.baseline.items()]
    lines += ["", "[target]"]
    lines += [f'"{k}" = {_value(level_to_toml(v))}' for k, v in s.target.items()]
    if s.indicator_notes:
        lines += ["", "[indicator_notes]"]
        lines += [f'"{k}" = {_value(v)}' for k, v in s.indicator_notes.items()]
    if s.history:
        lines += ["", "[history]"]
        lines += [f'"{y}" = {_value(level_to_toml(v))}' for y, v in s.history.items()]
    for year, groups in s.history_groups.items():
        lines += ["", f'[history_groups."{year}"]']
        lines += [f"{_key(g)} = {_value(level_to_toml(v))}" for g, v in groups.items()]
    for it in s.evidence:
        lines += ["", "[[evidence]]"]
        item = it.model_dump(exclude_defaults=True)
        item.setdefault("status", it.status)  # always written: it is what the item is about
        for key in EVIDENCE_KEYS:
            if key in item:
                lines.append(f"{key} = {_value(item[key])}")
    for p in s.programmes:
        lines += ["", "[[programme]]", f"id = {_value(p.id)}", f"name = {_value(p.name)}",
                  f"cost = {_value(level_to_toml(p.cost_h))}",
                  "raises = { " + ", ".join(f'"{i}" = {level_to_toml(h)}' for i, h in p.raises.items()) + " }"]
        if p.owner:
            lines.append(f"owner = {_value(p.owner)}")
        if p.due:
            lines.append(f"due = {_value(p.due)}")
    if s.report is not None:
        lines += _report_lines(s.report)
    for table, indices in (("external", s.external), ("external_target", s.external_target)):
        if indices:  # the value each gives is in [baseline] / [target] too, so any reader sees it
            lines += ["", f"[{table}]"]
            lines += [f'"{k}" = {_external_value(v, s.editions.get(k) if table == "external" else None)}'
                      for k, v in indices.items()]
    return "\n".join(lines) + "\n"


def _report_lines(report: ReportSettings) -> list[str]:
    lines = ["", "[report]"]
    if report.place:
        lines.append(f"place = {_value(report.place)}")
    if report.date:
        lines.append(f"date = {_value(report.date)}")
    for signer in report.signer:
        lines += ["", "[[report.signer]]"]
        lines += [f"{k} = {_value(v)}" for k, v in (("role", signer.role), ("name", signer.name), ("nip", signer.nip))
                  if v]
    return lines


def _external_value(index_h: int, edition: Edition | None) -> str:
    value = _value(level_to_toml(index_h))
    if edition is None:
        return value
    parts = [f"index = {value}"]
    if edition.edition is not None:
        parts.append(f"edition = {edition.edition}")
    parts.append(f"status = {_value(edition.status)}")
    return "{ " + ", ".join(parts) + " }"


def save_scenario(path: Path | str, s: Scenario) -> None:
    atomic_write(path, dump_scenario(s))
