"""The house theme. Colours live here and in .tcss through theme variables only."""

from __future__ import annotations

from textual.theme import Theme

HOUSE = Theme(
    name="spbe",
    primary="#3B82C4",
    secondary="#2E9E6B",
    accent="#E0A43A",
    warning="#E0A43A",
    error="#E05252",
    success="#3FAE6A",
    foreground="#E6E9EE",
    background="#11161C",
    surface="#18202A",
    panel="#243041",
    dark=True,
)
