"""Indicators scored from another agency's index: the index's value mapped onto a Pemdi value.

Pemdi indicators 5, 6, 7, 10, 12 and 18 take their value from SDI, SJIG, IPS/EPSS or IKASANDI,
and 11 reaches level 5 only through IKASANDI's Persandian area. The rubric gives, per indicator,
the index's band edges for each level; an index in the band of level L maps linearly onto the
value band of L (edges 1, 1.5, 2.5, 3.5, 4.0, 5.0 for Pemdi). That rule is inferred: it gives
the module's two worked examples exactly (SDI 25 -> 2.00, SDI 68.75 -> 3.75), and is an
assumption until the module's own table is found (the rubric's external_note says so).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from tui.core.errors import InputError
from tui.core.numbers import decimal_from_number, hundredths_to_decimal, natural, round_half_up, shown
from tui.core.scoring.rubric import External, Rubric

if TYPE_CHECKING:
    from tui.core.scenario.scenario_file import Edition


def source(rubric: Rubric, indicator_id: str, where: str | None = None) -> External:
    """The external index behind an indicator, or an InputError when it has none."""
    info = rubric.by_id.get(indicator_id)
    if info is None or info.external is None:
        raise InputError("not_external", field=where, id=indicator_id)
    return info.external


def check_index(ext: External, index_h: int, where: str | None = None) -> None:
    value = hundredths_to_decimal(index_h)
    if not ext.low <= value <= ext.high:
        raise InputError("external_off_scale", field=where, index=ext.index, lo=str(index_text(int(ext.low * 100))),
                         hi=str(index_text(int(ext.high * 100))), got=shown(index_text(index_h)))


def derived_value_h(rubric: Rubric, indicator_id: str, index_h: int, own_h: int | None = None) -> int:
    """The indicator's value (hundredths) for the index ``index_h`` (hundredths of the index).

    For an indicator whose index decides only its top levels (11), an index below those bands
    leaves the indicator's own value (``own_h``), capped below the gated levels.
    """
    ext = source(rubric, indicator_id)
    edges_v = [decimal_from_number(v) for v in rubric.meta.external_value_edges]
    index = Fraction(index_h, 100)
    edges = [Fraction(e) for e in ext.edges]
    for k, level in enumerate(ext.levels):
        lo, hi = edges[k], edges[k + 1]
        last = k == len(ext.levels) - 1
        if lo <= index < hi or (last and index == hi):
            v_lo = Fraction(edges_v[level - rubric.meta.scale_min])
            v_hi = Fraction(edges_v[level - rubric.meta.scale_min + 1])
            exact = v_lo + (index - lo) * (v_hi - v_lo) / (hi - lo)
            return int(round_half_up(exact) * 100)
    # Below the gated bands: the indicator's own value, but not into the levels the index gates.
    cap = int(edges_v[ext.levels[0] - rubric.meta.scale_min] * 100)
    own = own_h if own_h is not None else rubric.scale_min_h
    return min(own, cap)


def index_text(index_h: int) -> Decimal:
    """The index as a person writes it: 68.75, 25, 3.5."""
    return natural(hundredths_to_decimal(index_h))


def external_ids(rubric: Rubric) -> list[str]:
    """The indicators scored from another agency's index: goal seek leaves them alone unless told."""
    return [i.id for i in rubric.indicators if i.external is not None]


def external_json(rubric: Rubric, indices: dict[str, int], levels: dict[str, int],
                  editions: Mapping[str, Edition] | None = None) -> dict[str, dict[str, float | int | str | None]]:
    """``{"5": {"index": 68.75, "value": 3.75}}`` for every indicator given by its index, with
    ``edition`` and ``status`` where the file says them."""
    out: dict[str, dict[str, float | int | str | None]] = {}
    for ind, h in indices.items():
        out[ind] = {"index": float(index_text(h)), "value": levels[ind] / 100}
        if editions and ind in editions:
            out[ind].update({"edition": editions[ind].edition, "status": editions[ind].status})
    return out


def published_from_text(rubric: Rubric, indicator_id: str, text: str) -> tuple[int, Edition]:
    """``73,56``, ``73.56 2025`` or ``73,56 2025 sementara`` as typed for a published index: the
    index (hundredths, checked against its scale) and its edition. Errors name ``external``."""
    from tui.core.errors import Invalid, from_invalid
    from tui.core.numbers import parse_number
    from tui.core.scenario.scenario_file import EDITION_STATUSES

    where = f'external."{indicator_id}"'
    ext = source(rubric, indicator_id, where)
    words = text.split()
    if not words:
        raise InputError("external_typed", field=where, known=", ".join(EDITION_STATUSES))
    try:
        index_h = parse_number(words[0], ext.index)
    except Invalid as exc:
        raise from_invalid(exc, field=where) from None
    check_index(ext, index_h, where)
    edition: int | None = None
    status = "final"
    for word in words[1:]:
        if word.isdigit() and len(word) == 4 and 2000 <= int(word) <= 2100:
            edition = int(word)
        elif word.casefold() in EDITION_STATUSES:
            status = word.casefold()
        else:
            raise InputError("external_typed", field=where, known=", ".join(EDITION_STATUSES))
    from tui.core.scenario.scenario_file import Edition

    return index_h, Edition(edition, status)  # type: ignore[arg-type]  # checked against EDITION_STATUSES
