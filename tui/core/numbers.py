"""Exact arithmetic for indices.

Weights and levels carry at most two decimals, so they are held as integers in hundredths and
every index is an exact fraction of integers. Rounding happens once, half-up to two decimals, on
the way out; the predikat is decided on that rounded value, as the published results are.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Annotated

from pydantic import AfterValidator

from tui.core.errors import Invalid

HUNDRED = 100
_EPS = 1e-6


# Far beyond any scale, weight or cost; refusing here keeps ×100 and float formatting finite.
MAX_MAGNITUDE = 10**9


def is_whole(text: str) -> bool:
    """ASCII digits only, at most nine: str.isdigit alone also accepts '²' and '٣', which int() refuses."""
    return text.isascii() and text.isdigit() and len(text) <= 9


def shown(value: object) -> str:
    """A number as a user wrote it, shortened when absurdly long (a 300-digit level)."""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text if len(text) <= 24 else text[:20] + "…"


def to_hundredths(value: int | float, what: str = "value") -> int:
    """Convert a TOML number with at most two decimals to an integer count of hundredths.

    Raises Invalid (a ValueError with a message code) for more decimals, NaN, infinities,
    booleans and magnitudes far outside any scale.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Invalid("number_type", what=what, got=type(value).__name__)
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        raise Invalid("not_finite")
    if abs(value) > MAX_MAGNITUDE:
        raise Invalid("number_out_of_range", what=what, value=shown(value))
    if isinstance(value, int):
        return value * HUNDRED
    scaled = value * HUNDRED
    whole = round(scaled)
    if abs(scaled - whole) > _EPS:
        raise Invalid("too_many_decimals", what=what, value=shown(value))
    return whole


def decimal_point(text: str) -> str:
    """A number as people type it, with a decimal comma or point ("3,75", " 3.75 "), as Python reads
    it ("3.75"). The one place that rule is written for input."""
    return text.strip().replace(",", ".")


def in_language(text: str, lang: str) -> str:
    """A number written with a point, as readers of ``lang`` write it: the decimal comma in Bahasa
    Indonesia (2,59), the point in English. The one place that rule is written for output."""
    return text.replace(".", ",") if lang == "id" else text


def parse_number(text: str, what: str = "value") -> int:
    """A number typed by a person ("3,75", "3.75", " 20 ") as hundredths; Invalid when it is none."""
    cleaned = decimal_point(text)
    try:
        value = float(cleaned)
    except ValueError:
        raise Invalid("number_type", what=what, got=shown(text.strip()) or "''") from None
    return to_hundredths(int(value) if value.is_integer() and abs(value) < MAX_MAGNITUDE else value, what)


def round_half_up(exact: Fraction, places: int = 2) -> Decimal:
    """Round a non-negative exact value half-up: 2.675 -> 2.68, 2.594 -> 2.59."""
    scale = 10**places
    num, den = exact.numerator * scale, exact.denominator
    q = (2 * num + den) // (2 * den)
    return Decimal(q).scaleb(-places)


def hundredths_to_decimal(h: int) -> Decimal:
    return Decimal(h).scaleb(-2)


def natural(value: Decimal) -> Decimal:
    """3.00 -> 3, 3.50 -> 3.5, 3.75 -> 3.75: a number as a person writes it."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def decimal_from_number(value: int | float) -> Decimal:
    """A TOML number as the Decimal a person wrote (1.3 stays 1.3, not 1.3000000000000000444)."""
    return hundredths_to_decimal(to_hundredths(value))


def format_number(value: Decimal | float, lang: str = "id", places: int = 2, sign: bool = False) -> str:
    """Format for people: Bahasa Indonesia uses the decimal comma (2,59), English the point."""
    text = f"{Decimal(value):+.{places}f}" if sign else f"{Decimal(value):.{places}f}"
    return in_language(text, lang)


def level_to_toml(h: int) -> int | float:
    """A level in hundredths back to the number a person would write: 3 or 3.75."""
    return h // HUNDRED if h % HUNDRED == 0 else h / HUNDRED


def _checked(value: int | float) -> int | float:
    to_hundredths(value)
    return value


# A number in a file: finite, within MAX_MAGNITUDE, at most two decimals. Checked by pydantic at
# load time, so nothing downstream ever multiplies or formats an infinity or a 300-digit value.
FileNumber = Annotated[int | float, AfterValidator(_checked)]
