"""Numbers and result words for people: language-aware numbers, ranks, "how long ago", and the
warning when a region is ranked among governments of another level."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from tui.core.numbers import format_number, hundredths_to_decimal, in_language, natural, round_half_up
from tui.core.scenario.scenario_file import Edition
from tui.core.scoring.cohort import Cohort, level_mismatch
from tui.core.scoring.ranking import Rank
from tui.core.scoring.rubric import Rubric
from tui.presentation.catalogue import localized, t


def n2(value: Decimal, lang: str, sign: bool = False) -> str:
    return format_number(value, lang, 2, sign=sign)


def n3(value: Fraction, lang: str, sign: bool = True) -> str:
    """Per-indicator contributions are small (1.3 % x 1 level = 0.013): three decimals show them."""
    return format_number(round_half_up(value, 3), lang, 3, sign=sign)


def index_name(rubric: Rubric, lang: str) -> str:
    """The index's own name ("Indeks SPBE" / "SPBE Index")."""
    return localized(rubric.meta.index_name, rubric.meta.index_name_en, lang)


def number_text(value_h: int, lang: str) -> str:
    """Hundredths as a person writes the number: 68,75 / 25 / 3,5 (point in English)."""
    return in_language(str(natural(hundredths_to_decimal(value_h))), lang)


def level_str(level_h: int, lang: str) -> str:
    return str(level_h // 100) if level_h % 100 == 0 else format_number(Decimal(level_h) / 100, lang)


def rank_pos(r: Rank) -> str:
    """A place, or the range of places where peers are only known by bounds: "3" or "3–5"."""
    return str(r.position) if r.certain else f"{r.position}–{r.position_worst}"


def rank_text(r: Rank | None, lang: str) -> str:
    return t("no_cohort", lang) if r is None else t("rank_of", lang, pos=rank_pos(r), of=r.of)


def rank_pair(base: Rank | None, scen: Rank | None, lang: str) -> str:
    if base is None or scen is None:
        return t("no_cohort", lang)
    return f"{rank_pos(base)} → {rank_text(scen, lang)}"


def since_text(ts: float | None, now: float) -> str:
    """How long ago a participant was last active: seconds, minutes, then the clock time."""
    if ts is None:
        return "—"
    seconds = max(0, int(now - ts))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    fmt = "%H:%M" if seconds < 20 * 3600 else "%Y-%m-%d %H:%M"
    return time.strftime(fmt, time.localtime(ts))


def cohort_warning(region: str, cohort: Cohort | None, lang: str) -> str | None:
    """A warning (never a refusal) when a province is ranked among regencies, or the reverse."""
    if cohort is None:
        return None
    mismatch = level_mismatch(region, cohort)
    if mismatch is None:
        return None
    mine, theirs = mismatch
    return t("cohort_level_warning", lang, region=region, id=cohort.id, mine=t(f"gov_{mine}_one", lang),
             theirs=t(f"gov_{theirs}", lang))


def shorten_middle(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, cut in the middle ("aceh-t…-baik.toml"): the end of
    a name (the year, the scenario, the file ending) is what tells similar names apart, so it
    keeps two thirds of the room. Screen only: no file or report is ever shortened."""
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    keep = width - 1
    tail = (keep * 2 + 2) // 3
    return text[:keep - tail] + "…" + text[len(text) - tail:]


def shorten_apart(names: list[str], width: int) -> list[str]:
    """Each of ``names`` in at most ``width`` characters, still telling them apart: cut in the
    middle; where that makes some alike ("aceh-…-baik.toml" for "…-target-baik" and
    "…-sangat-baik"), the start those names share gives way instead, all but a few letters."""
    out = [shorten_middle(n, width) for n in names]
    if width < 6:
        return out
    groups: dict[str, list[int]] = {}
    for k, short in enumerate(out):
        groups.setdefault(short, []).append(k)
    for members in groups.values():
        alike = [names[k] for k in members]
        if len(set(alike)) < 2:
            continue
        shared = len(os.path.commonprefix(alike))  # noqa: RUF071  (letters, not path parts)
        head = min(shared, max(1, width // 5))
        room = width - head - 1
        for k in members:
            rest = names[k][shared:]
            out[k] = names[k][:head] + "…" + (rest if len(rest) <= room else shorten_middle(rest, room))
    return out


def fit_middle(parts: list[str], room: int, floor: int = 6, weights: list[float] | None = None) -> list[str]:
    """Shorten the longest of ``parts`` in the middle until their lengths sum to at most ``room``:
    each part above a common cap (times its weight, 1 by default) is cut to it, never below
    ``floor`` characters. When even that does not fit, every part is at its floor and the caller
    cuts what is left."""
    total = sum(len(p) for p in parts)
    if total <= room or not parts:
        return list(parts)
    w = weights or [1.0] * len(parts)

    def allowed(cap: int) -> list[int]:
        return [min(len(p), max(floor, int(cap * k))) for p, k in zip(parts, w, strict=True)]

    lo, hi = 0, max(len(p) for p in parts)  # the largest cap whose total fits
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sum(allowed(mid)) <= room:
            lo = mid
        else:
            hi = mid - 1
    return [shorten_middle(p, n) for p, n in zip(parts, allowed(lo), strict=True)]


def short_name(name: str) -> str:
    """A region as charts and narrow bars name it: "Kab. Contoh", "Kota Kupang", "Jawa Barat"."""
    for long, short in (("Kabupaten ", "Kab. "), ("Provinsi ", ""), ("Kota ", "Kota ")):
        if name.startswith(long):
            return short + name[len(long):]
    return name


def comparison_note(columns_frameworks: Sequence[str], comparable: bool, lang: str) -> str | None:
    """Why only index, predikat and rank are compared, in the user's language (None: all is compared)."""
    if comparable:
        return None
    frameworks = ", ".join(sorted(set(columns_frameworks)))
    return t("compare_why", lang, reason=t("compare_frameworks_differ", lang, frameworks=frameworks))


def edition_words(edition: Edition, lang: str) -> str:
    """"edisi 2025, sementara — nilainya masih bisa berubah": where a published index comes from."""
    parts = [t("edition_of", lang, edition=edition.edition)] if edition.edition is not None else []
    parts.append(t(f"edition_{edition.status}", lang))
    text = ", ".join(parts)
    return f"{text} — {t('edition_moves', lang)}" if edition.provisional else text


def cost_unit(unit: str, lang: str) -> str:
    """The cost file's unit, or "satuan biaya": a cost is never a bare number."""
    return unit or t("cost_unit_default", lang)


def cost_text(amount: str, unit: str, lang: str) -> str:
    return t("cost_with_unit", lang, cost=amount, unit=cost_unit(unit, lang))
