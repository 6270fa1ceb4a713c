"""Baseline and scenario outcomes side by side: what `score` prints and the app shows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.errors import InputError
from tui.core.scenario.scenario_file import Scenario
from tui.core.scoring.cohort import Cohort, Projection, load_cohort
from tui.core.scoring.evaluation import Evaluation, evaluate
from tui.core.scoring.ranking import Rank, check_framework, rank
from tui.core.scoring.rubric import Rubric


@dataclass(frozen=True, slots=True)
class Outcome:
    evaluation: Evaluation
    rank: Rank | None

    def as_json(self) -> dict[str, Any]:
        e = self.evaluation
        return {
            "index": float(e.index),
            "predikat": e.predikat,
            "domains": {k: float(v) for k, v in e.domains.items()},
            "aspects": {k: float(v) for k, v in e.aspects.items()},
            "rank": self.rank.as_json() if self.rank else None,
        }


@dataclass(frozen=True, slots=True)
class Summary:
    baseline: Outcome
    scenario: Outcome


def resolve_cohort(scenario: Scenario, rubric: Rubric, override: str | Path | None = None, *,
                   path: Path | str | None = None) -> Cohort | None:
    """The cohort named on the command line, else the one the scenario names, else none.

    ``path`` is the scenario's file: an unknown cohort named in it is reported as that file's
    ``scenario.cohort``, one given on the command line as ``--cohort``.
    """
    ref = override if override is not None else scenario.meta.cohort
    if not ref:
        return None
    try:
        cohort = load_cohort(ref)
        check_framework(cohort, rubric.id)
    except InputError as exc:
        if exc.path is not None:  # the cohort file itself is at fault: that file is named
            raise
        if override is not None:
            raise exc.with_field("cohort") from None
        raise exc.replaced(path=str(path) if path is not None else None, field="scenario.cohort") from None
    return cohort


def outcome(rubric: Rubric, levels: dict[str, int], cohort: Cohort | None, region: str,
            projection: Projection = "hold", target_year: int | None = None) -> Outcome:
    ev = evaluate(rubric, levels)
    r = None
    if cohort is not None:
        r = rank(ev.index, cohort, region=region, scale_min=rubric.meta.scale_min,
                 scale_max=rubric.meta.scale_max, projection=projection, target_year=target_year)
    return Outcome(ev, r)


def baseline_outcome(scenario: Scenario, rubric: Rubric, cohort: Cohort | None) -> Outcome:
    """The baseline where it stands: scored against the peers' published (not projected) values."""
    return outcome(rubric, scenario.baseline, cohort, scenario.meta.region)


def summarize(scenario: Scenario, rubric: Rubric, cohort: Cohort | None,
              projection: Projection = "hold", base: Outcome | None = None) -> Summary:
    """Score the baseline where it stands and the scenario against the projected peers.

    ``base`` is the baseline's outcome when the caller already has it.
    """
    if base is None:
        base = baseline_outcome(scenario, rubric, cohort)
    scen = outcome(rubric, scenario.levels(), cohort, scenario.meta.region, projection, scenario.target_year)
    return Summary(base, scen)


def evidence_outcomes(scenario: Scenario, rubric: Rubric, cohort: Cohort | None,
                      projection: Projection = "hold") -> tuple[Outcome, Outcome]:
    """The claimed and the verified outcome (tui.core.scenario.evidence): what the evidence uploaded, and
    what the evidence accepted, would score; an item expired on the evaluation date counts in
    neither."""
    from tui.core.scenario.evidence import CLAIMED, VERIFIED, accepted_levels, counted

    levels = scenario.levels()
    items = counted(scenario.evidence, scenario.evaluation_date, rubric.max_age)

    def scored(statuses: frozenset[str]) -> Outcome:
        accepted = accepted_levels(scenario.baseline, levels, items, statuses)
        return outcome(rubric, accepted, cohort, scenario.meta.region, projection, scenario.target_year)

    if not items:  # no evidence counts: both are the baseline's levels, scored once
        only = scored(CLAIMED)
        return only, only
    return scored(CLAIMED), scored(VERIFIED)
