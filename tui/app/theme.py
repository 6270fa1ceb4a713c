"""The house theme. Colours live here and in .tcss through theme variables only."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from textual.app import App
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


def theme_style(app: App[Any], variable: str, *, bold: bool = False, reverse: bool = False) -> Style:
    """A Rich style in the colour of the current theme's ``$variable`` (success, error, warning…),
    for text built in Python; cached per theme, since a keystroke asks for it every time."""
    key = (app.theme, variable, bold, reverse)
    style = _STYLES.get(key)
    if style is None:
        colour = app.get_css_variables().get(variable, "")
        style = _STYLES[key] = Style(color=colour[:7] if colour.startswith("#") else None, bold=bold,
                                     reverse=reverse)
    return style


def _rgb(variables: dict[str, str], variable: str) -> tuple[int, int, int]:
    """A theme's ``$variable`` as an RGB triple, the form plotext takes a colour in."""
    colour = variables.get(variable, "#808080")
    text = colour[1:7] if colour.startswith("#") and len(colour) >= 7 else "808080"
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


# The chart series, by theme variable: baseline, scenario, peers, then more files in a comparison.
CHART_COLOURS = ("primary", "warning", "foreground-muted", "success", "error", "secondary", "accent", "panel-lighten-3")


def chart_palette(app: App[Any]) -> tuple[tuple[int, int, int], ...]:
    # Once per theme: Textual derives all of a theme's variables on every get_css_variables call
    # (about 0.7 ms), and every chart build asked for eight of them.
    palette = _PALETTES.get(app.theme)
    if palette is None:
        variables = app.get_css_variables()
        palette = _PALETTES[app.theme] = tuple(_rgb(variables, v) for v in CHART_COLOURS)
    return palette


_PALETTES: dict[str, tuple[tuple[int, int, int], ...]] = {}


_STYLES: dict[tuple[str, str, bool, bool], Style] = {}
