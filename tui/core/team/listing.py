"""The scenario files of a folder with their results; files that cannot be read are listed with why."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.errors import InputError
from tui.core.files.guarded import is_temporary
from tui.core.scoring.rubric import RubricSet
from tui.core.team.compare import Column, load_column

SORT_KEYS: tuple[str, ...] = ("file", "region", "framework", "index", "predikat", "rank")


@dataclass(frozen=True, slots=True)
class Entry:
    path: Path
    column: Column | None
    error: InputError | None
    kind: str | None = "scenario"  # what the file is (tui.core.files.file_kinds); None when unreadable

    def as_json(self) -> dict[str, Any]:
        if self.column is None:
            # JSON is for programs: the English text (stable) and the code to look it up by.
            return {"file": str(self.path), "kind": self.kind, "error": str(self.error) if self.error else None,
                    "error_code": self.error.code if self.error else None}
        c = self.column
        o = c.summary.scenario
        return {"file": str(self.path), "kind": "scenario", "name": c.scenario.meta.name,
                "region": c.scenario.meta.region,
                "framework": c.rubric.id, "year": c.scenario.meta.year, "index": float(o.evaluation.index),
                "predikat": o.evaluation.predikat, "rank": o.rank.as_json() if o.rank else None, "error": None}


def user_files(folder: Path, suffixes: tuple[str, ...] = (".toml",)) -> list[Path]:
    """The files a user keeps in ``folder`` with one of ``suffixes``, in name order.

    Hidden files are left out, and with them the temporaries a killed save may leave behind
    (``.NAME.xxxx.tmp``); special files are kept, so that a FIFO named ``x.toml`` is listed with
    its error instead of silently missing.
    """
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [folder / n for n in names if not n.startswith(".") and not is_temporary(n)
            and n.casefold().endswith(suffixes) and not (folder / n).is_dir()]


def scenario_files(folder: Path) -> list[Path]:
    """The ``*.toml`` files in ``folder`` that may be scenarios: cost files, cohorts, rubrics and
    the like kept beside them (told by content) are left out of what the app offers to open."""
    from tui.core.files.file_kinds import head_kind

    return [p for p in user_files(folder) if head_kind(p) in (None, "scenario")]


def scan(folder: Path, rubrics: RubricSet | None = None) -> list[Entry]:
    """Every ``*.toml`` directly in ``folder``, scored, in file-name order."""
    if not folder.is_dir():
        raise InputError("not_a_folder", path=folder)
    rubrics = rubrics or RubricSet()
    entries: list[Entry] = []
    for path in user_files(folder):
        try:
            entries.append(Entry(path, load_column(path, rubrics), None))
        except InputError as exc:
            if exc.code == "wrong_kind":  # a cost file or cohort kept beside the scenarios: not broken
                entries.append(Entry(path, None, None, str(exc.params["kind"]).removeprefix("kind_")))
                continue
            entries.append(Entry(path, None, exc.with_path(path) if exc.path is None else exc, None))
    return entries


def sort_entries(entries: list[Entry], key: str, reverse: bool = False) -> list[Entry]:
    """Sort by a column; unreadable files always come last, in file order."""
    if key not in SORT_KEYS:
        raise InputError("sort_key", field="sort", got=key, known=", ".join(SORT_KEYS))
    good = [e for e in entries if e.column is not None]
    bad = [e for e in entries if e.column is None]

    def value(e: Entry) -> tuple[Any, ...]:
        c = e.column
        assert c is not None
        o = c.summary.scenario
        by: dict[str, Any] = {
            "file": e.path.name.casefold(),
            "region": c.scenario.meta.region.casefold(),
            "framework": c.rubric.id,
            "index": o.evaluation.index,
            "predikat": c.rubric.bands.index(o.evaluation.band),
            "rank": o.rank.position if o.rank else 10**9,
        }
        return (by[key], e.path.name)

    # Best first for index and predikat (what people look for); rank 1 first; names A→Z.
    descending = key in ("index", "predikat")
    ordered = sorted(good, key=value, reverse=descending != reverse)
    return ordered + bad
