"""Exact arithmetic for indices.

Weights and levels carry at most two decimals, so they are held as integers in hundredths and
every index is an exact fraction of integers. Rounding happens once, half-up to two decimals, on
the way out; the predikat is decided on that rounded value, as the published results are.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

HUNDRED = 100
_EPS = 1e-6


def to_hundredths(value: int | float, what: str = "value") -> int:
    """Convert a TOML number with at most two decimals to an integer count of hundredths.

    Raises ValueError (with a message for users) for more decimals, NaN, infinities or booleans.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number, got {type(value).__name__}")
    if isinstance(value, int):
        return value * HUNDRED
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{what} must be a finite number")
    scaled = value * HUNDRED
    whole = round(scaled)
    if abs(scaled - whole) > _EPS:
        raise ValueError(f"{what} {value} has more than 2 decimals")
    return whole


def round_half_up(exact: Fraction, places: int = 2) -> Decimal:
    """Round a non-negative exact value half-up: 2.675 -> 2.68, 2.594 -> 2.59."""
    scale = 10**places
    num, den = exact.numerator * scale, exact.denominator
    q = (2 * num + den) // (2 * den)
    return Decimal(q).scaleb(-places)


def hundredths_to_decimal(h: int) -> Decimal:
    return Decimal(h).scaleb(-2)


def decimal_from_number(value: int | float) -> Decimal:
    """A TOML number as the Decimal a person wrote (1.3 stays 1.3, not 1.3000000000000000444)."""
    return hundredths_to_decimal(to_hundredths(value))


def format_number(value: Decimal | float, lang: str = "id", places: int = 2, sign: bool = False) -> str:
    """Format for people: Bahasa Indonesia uses the decimal comma (2,59), English the point."""
    text = f"{Decimal(value):+.{places}f}" if sign else f"{Decimal(value):.{places}f}"
    return text.replace(".", ",") if lang == "id" else text


def level_to_toml(h: int) -> int | float:
    """A level in hundredths back to the number a person would write: 3 or 3.75."""
    return h // HUNDRED if h % HUNDRED == 0 else h / HUNDRED
