"""Small text helpers shared by the app's widgets (language-aware numbers and rank strings)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from tui.core.numbers import format_number, round_half_up
from tui.core.ranking import Rank
from tui.i18n import t


def n2(value: Decimal, lang: str, sign: bool = False) -> str:
    return format_number(value, lang, 2, sign=sign)


def n3(value: Fraction, lang: str, sign: bool = True) -> str:
    """Per-indicator contributions are small (1.3 % x 1 level = 0.013): three decimals show them."""
    return format_number(round_half_up(value, 3), lang, 3, sign=sign)


def level_str(level_h: int, lang: str) -> str:
    return str(level_h // 100) if level_h % 100 == 0 else format_number(Decimal(level_h) / 100, lang)


def rank_pos(r: Rank) -> str:
    return str(r.position) if r.certain else f"{r.position}–{r.position_worst}"


def rank_pair(base: Rank | None, scen: Rank | None, lang: str) -> str:
    if base is None or scen is None:
        return t("no_cohort", lang)
    return f"{rank_pos(base)} → {t('rank_of', lang, pos=rank_pos(scen), of=scen.of)}"
