"""Plain-text rendering of results for the terminal (no colour, no UI library)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from tui.core.errors import REQUEST_FIELDS, InputError
from tui.core.scenario.scenario_file import Scenario
from tui.core.scenario.summary import Summary
from tui.core.scoring.rubric import Rubric
from tui.presentation.catalogue import t
from tui.presentation.document_parts import Signature
from tui.presentation.text import index_name, n2, rank_text

T = TypeVar("T")


def flag_field(exc: InputError) -> InputError:
    """Values typed as flags (--year, --region, --name) are named as the flag, not the file key."""
    name = exc.field if isinstance(exc.field, str) else None
    return exc.with_field(f"--{name.rsplit('.', 1)[-1].replace('_', '-')}") if name else exc


def as_flags(exc: InputError) -> InputError:
    """The error as the command line says it: a request field (tui.core.errors.REQUEST_FIELDS),
    which the core names by its own name ("predikat"), named as its flag (--predikat). Only the
    CLI turns one into the other."""
    return flag_field(exc) if isinstance(exc.field, str) and exc.field in REQUEST_FIELDS else exc


def from_flag(flag: str, load: Callable[[], T]) -> T:
    """What a flag names (a framework id, a cohort id or file), its errors named as the flag.

    An error inside a named file keeps naming that file and its key instead.
    """
    try:
        return load()
    except InputError as exc:
        raise (exc if exc.path is not None else exc.with_field(flag)) from None


def document_signature(scenario: Scenario, fmt: str, lang: str) -> Signature | None:
    """The signature block of a Word/PDF document: the scenario's [report] over the config's."""
    if fmt not in ("docx", "pdf"):
        return None
    from tui.core.config import load_config
    from tui.core.report_settings import report_settings
    from tui.presentation.document_parts import signature

    return signature(report_settings(scenario.report, load_config().report), lang)


def _row(label: str, a: str, b: str, extra: str = "", width: int = 34) -> str:
    return f"{label[:width]:<{width}} {a:>12} {b:>12}  {extra}".rstrip()


def score_text(path: str, s: Scenario, rubric: Rubric, summary: Summary, lang: str) -> str:
    b, c = summary.baseline, summary.scenario
    be, ce = b.evaluation, c.evaluation
    lines = [
        f"{path}",
        f"  {s.meta.region} · {index_name(rubric, lang)} ({rubric.id}) · {t('year', lang).lower()} {s.meta.year}"
        f" · {s.meta.name}",
        _row("", t("baseline", lang), t("scenario", lang)),
        _row(t("index", lang), n2(be.index, lang), n2(ce.index, lang), n2(ce.index - be.index, lang, sign=True)),
        _row(t("predikat", lang), be.predikat, ce.predikat),
        _row(t("rank", lang), rank_text(b.rank, lang), rank_text(c.rank, lang),
             f"({c.rank.cohort})" if c.rank else ""),
    ]
    for d in rubric.domains:
        lines.append(_row(f"{d.id} {d.name}", n2(be.domains[d.id], lang), n2(ce.domains[d.id], lang)))
    for a in rubric.aspects:
        lines.append(_row(f"{a.id} {a.name}", n2(be.aspects[a.id], lang), n2(ce.aspects[a.id], lang)))
    return "\n".join(lines)
