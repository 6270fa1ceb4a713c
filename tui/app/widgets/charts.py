"""plotext charts built off the UI thread, debounced and cached.

The screen hands the panel a ``ChartData`` (plain values, computed on the UI thread in
microseconds). Building the plot costs tens of milliseconds, so it happens in a thread worker at
most once per 120 ms of quiet, only when the chart is visible; ``render`` returns the cached frame.
plotext is imported inside the worker so it never delays start-up or a keystroke. Every charted
number is also shown as text under the plot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widget import Widget

from tui.app.textual_seam import plot_figure
from tui.app.theme import chart_palette
from tui.app.widgets.diff_lines import DiffLines, ScrollingLines
from tui.presentation.catalogue import t
from tui.presentation.text import n2

MODES = ("groups", "bands", "ladder", "trajectory", "off")
DEBOUNCE_S = 0.12
MIN_W, MIN_H = 30, 8
RGB = tuple[int, int, int]
# Until the view sets the theme's (see ChartView.request); index 0 baseline, 1 scenario, 2 peers.
NO_PALETTE: tuple[RGB, ...] = ((90, 140, 200), (224, 164, 58), (128, 128, 128))


@dataclass(frozen=True)
class ChartData:
    lang: str
    group_title: str
    labels: tuple[str, ...]
    base: tuple[Decimal, ...]
    scen: tuple[Decimal, ...]
    bands: tuple[tuple[str, Decimal, Decimal], ...]
    base_index: Decimal
    scen_index: Decimal
    scale: tuple[int, int]
    ladder_title: str = ""
    # (label, value, kind) best first: kind "peer", "range" (peers known only as a range, the label
    # says which), "base" and "scen" (the region's own two places)
    ladder: tuple[tuple[str, Decimal, str], ...] = field(default_factory=tuple)
    palette: tuple[RGB, ...] = NO_PALETTE  # series colours from the theme
    # (year, index, kind) in year order: kind "history" (published), "base" or "scen"
    trajectory: tuple[tuple[int, Decimal, str], ...] = field(default_factory=tuple)


# Series differ by glyph as well as colour: with NO_COLOR (or a monochrome terminal, or a
# colour-blind reader) the colours are gone or alike, the shading is not.
BASE_MARK, SCEN_MARK, PEER_MARK = "▒", "█", "░"
SERIES_MARKS = ("█", "▒", "░", "▓")  # the compare chart's files, in order


def scale_ticks(fig: Any, scale: tuple[int, int], lang: str, axis: str) -> None:
    """The index axis over the whole scale, its ticks written in the user's language (2,50 in
    Indonesian): plotext would print its own ticks with the decimal point."""
    lo, hi = scale
    values = [lo + (hi - lo) * k / 4 for k in range(5)]
    labels = [n2(Decimal(str(v)), lang) for v in values]
    if axis == "y":
        fig.ylim(lo, hi)
        fig.yticks(values, labels)
    else:
        fig.xlim(lo, hi)
        fig.xticks(values, labels)


# -- plot builders (run in a worker thread; each uses its own figure, no shared plotext state) ----

def build_groups(d: ChartData, w: int, h: int) -> str:
    with plot_figure(w, h) as fig:
        fig.multiple_bar(list(d.labels), [[float(v) for v in d.base], [float(v) for v in d.scen]],
                         labels=[t("legend_baseline", d.lang), t("legend_scenario", d.lang)],
                         color=[d.palette[0], d.palette[1]], marker=[BASE_MARK, SCEN_MARK])
        scale_ticks(fig, d.scale, d.lang, "y")
        fig.title(d.group_title)
        return str(fig.build())


def build_bands(d: ChartData, w: int, h: int) -> str:
    with plot_figure(w, h) as fig:
        # One series per bar with its own colour: plotext's per-bar colour lists are not stable.
        fig.bar([1], [float(d.base_index)], color=d.palette[0], width=0.4, label=t("legend_baseline", d.lang),
                marker=BASE_MARK)
        fig.bar([2], [float(d.scen_index)], color=d.palette[1], width=0.4, label=t("legend_scenario", d.lang),
                marker=SCEN_MARK)
        fig.xticks([1, 2], [t("legend_baseline", d.lang), t("legend_scenario", d.lang)])
        for name, low, _high in d.bands:
            if low > d.scale[0]:
                fig.hline(float(low), d.palette[2])
            fig.text(name, 2.45, float(low) + 0.08, color=d.palette[2], alignment="right")
        scale_ticks(fig, d.scale, d.lang, "y")
        fig.title(t("chart_bands", d.lang))
        return str(fig.build())


def build_ladder(d: ChartData, w: int, h: int) -> str:
    with plot_figure(w, h) as fig:
        rows = list(d.ladder)
        room = max(3, h - 4)
        if len(rows) > room:  # keep the window that holds the region's own places
            mine = [i for i, r in enumerate(rows) if r[2] != "peer"]
            start = max(0, min(min(mine) - 1, len(rows) - room)) if mine else 0
            rows = rows[start:start + room]
        colors = {"peer": d.palette[2], "base": d.palette[0], "scen": d.palette[1]}
        marks = {"peer": PEER_MARK, "base": BASE_MARK, "scen": SCEN_MARK}
        positions = list(range(len(rows), 0, -1))  # best at the top
        for kind, color in colors.items():  # one series per colour: per-bar colour lists are not stable
            picked = [(p, float(r[1])) for p, r in zip(positions, rows, strict=True)
                      if r[2] == kind or (kind == "peer" and r[2] == "range")]
            if picked:
                fig.bar([p for p, _ in picked], [v for _, v in picked], orientation="h", color=color, width=0.6,
                        marker=marks[kind])
        fig.yticks(positions, [r[0][:18] for r in rows])
        scale_ticks(fig, d.scale, d.lang, "x")
        # plotext drops a title wider than the plot: the legend fits, the cohort's name is in the text.
        fig.title(t("ladder_legend", d.lang)[:w])
        return str(fig.build())


def build_trajectory(d: ChartData, w: int, h: int) -> str:
    with plot_figure(w, h) as fig:
        points = list(d.trajectory)
        years = [y for y, _, _ in points]
        history = [(y, float(v)) for y, v, kind in points if kind == "history"]
        if history:
            fig.plot([y for y, _ in history], [v for _, v in history], color=d.palette[2], marker=PEER_MARK,
                     label=t("history_published", d.lang))
        for kind, mark, color, label in (("base", "◆", d.palette[0], t("legend_baseline", d.lang)),
                                         ("scen", "★", d.palette[1], t("legend_scenario", d.lang))):
            picked = [(y, float(v)) for y, v, k in points if k == kind]
            if picked:
                fig.scatter([y for y, _ in picked], [v for _, v in picked], color=color, marker=mark, label=label)
        for _name, low, _high in d.bands:
            if low > d.scale[0]:
                fig.hline(float(low), d.palette[2])
        lo_year, hi_year = min(years), max(years)
        fig.xlim(lo_year - 0.5, hi_year + 0.5)
        fig.xticks(list(range(lo_year, hi_year + 1)), [str(y) for y in range(lo_year, hi_year + 1)])
        scale_ticks(fig, d.scale, d.lang, "y")
        fig.title(t("chart_trajectory", d.lang)[:w])
        return str(fig.build())


@dataclass(frozen=True)
class CompareChart:
    """Domain (or aspect) indices of several scenarios, one bar series per file."""

    lang: str
    title: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[Decimal, ...]], ...]
    scale: tuple[int, int]
    ladder: tuple[()] = ()
    palette: tuple[RGB, ...] = NO_PALETTE


def build_compare(d: CompareChart, w: int, h: int) -> str:
    with plot_figure(w, h) as fig:
        palette = d.palette
        fig.multiple_bar(list(d.labels), [[float(v) for v in values] for _, values in d.series],
                         labels=[name[:16] for name, _ in d.series],
                         color=[palette[k % len(palette)] for k in range(len(d.series))],
                         marker=[SERIES_MARKS[k % len(SERIES_MARKS)] for k in range(len(d.series))])
        scale_ticks(fig, d.scale, d.lang, "y")
        fig.title(d.title)
        return str(fig.build())


BUILDERS: dict[str, Callable[[Any, int, int], str]] = {
    "groups": build_groups, "bands": build_bands, "ladder": build_ladder, "trajectory": build_trajectory,
    "compare": build_compare}


def chart_text(d: ChartData, mode: str) -> str:
    """The charted numbers as text, for small screens, screen readers and copy-paste."""
    lang = d.lang
    if mode == "groups":
        return " · ".join(f"{lab} {n2(b, lang)}→{n2(s, lang)}" for lab, b, s in zip(d.labels, d.base, d.scen,
                                                                                      strict=True))
    if mode == "bands":
        bands = " · ".join(f"{n} {n2(lo, lang)}" for n, lo, _ in d.bands)
        return f"{t('index', lang)} {n2(d.base_index, lang)} → {n2(d.scen_index, lang)} | {bands}"
    if mode == "ladder":
        if not d.ladder:
            return t("chart_no_cohort", lang)
        places = " · ".join(lab if kind == "range" else f"{lab} {n2(v, lang)}" for lab, v, kind in d.ladder)
        return f"{d.ladder_title} ({t('ladder_legend', lang)})\n{places}"
    if mode == "trajectory":
        if not any(kind == "history" for _, _, kind in d.trajectory):
            return t("chart_no_history", lang)
        marks = {"history": "", "base": "◆ ", "scen": "★ "}
        bands = " · ".join(f"{n} {n2(lo, lang)}" for n, lo, _ in d.bands)
        path = " → ".join(f"{marks[kind]}{year} {n2(v, lang)}" for year, v, kind in d.trajectory)
        return f"{path} | {bands}"
    return t("chart_off", lang)


class ChartView(Widget):
    """Shows the last built frame; rebuilds are requested, debounced and done in a thread."""

    DEFAULT_CSS = "ChartView { height: 1fr; max-height: 18; min-height: 8; }"

    def __init__(self, **kw: Any) -> None:  # Widget's own keyword arguments
        super().__init__(**kw)
        self._frame = Text("")
        self._data: ChartData | CompareChart | None = None
        self._mode = "groups"
        self._timer: Timer | None = None
        self._seq = 0
        self.builds = 0  # how many plots were actually built (tests: none while hidden)

    def request(self, data: ChartData | CompareChart, mode: str) -> None:
        self._data, self._mode = replace(data, palette=chart_palette(self.app)), mode
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_S, self._rebuild)

    def build_now(self, data: ChartData | CompareChart, mode: str) -> None:
        """Build at once (the caller has already debounced)."""
        if self._timer is not None:
            self._timer.stop()
        self._data, self._mode = replace(data, palette=chart_palette(self.app)), mode
        self._rebuild()

    def on_resize(self) -> None:
        # Debounced like an edit: dragging a window edge, or the filter box opening, resizes
        # many times in a row and only the last size is worth a build.
        if self._data is not None:
            if self._timer is not None:
                self._timer.stop()
            self._timer = self.set_timer(DEBOUNCE_S, self._rebuild)

    def _visible(self) -> bool:
        return self.display and self.size.width >= MIN_W and self.size.height >= MIN_H

    def _rebuild(self) -> None:
        self._timer = None
        if self._data is None or self._mode == "off" or not self._visible():
            return
        if self._mode == "ladder" and not self._data.ladder:
            self._show(Text(t("chart_no_cohort", self._data.lang)), self._seq)
            return
        if self._mode == "trajectory" and isinstance(self._data, ChartData) and \
                not any(k == "history" for _, _, k in self._data.trajectory):
            self._show(Text(t("chart_no_history", self._data.lang)), self._seq)
            return
        self._seq += 1
        seq, data, mode, (w, h) = self._seq, self._data, self._mode, self.size
        self.builds += 1

        def work() -> None:
            frame = Text.from_ansi(BUILDERS[mode](data, w, h))
            self.app.call_from_thread(self._show, frame, seq)

        self.run_worker(work, thread=True, exclusive=True, group="chart", exit_on_error=False)

    def _show(self, frame: Text, seq: int) -> None:
        if seq == self._seq:  # a newer build supersedes an older one that finished late
            self._frame = frame
            self.refresh()

    def render(self) -> Text:
        return self._frame


class ChartPanel(Vertical):
    """The plot and, under it, the same numbers as text; both follow an edit together.

    The text waits for the same debounce as the plot so that the two never disagree, and so that a
    keystroke repaints only what the keystroke itself changed.
    """

    DEFAULT_CSS = """
    ChartPanel { height: 1fr; }
    ChartPanel #chart-data { height: 4; color: $text-muted; }  /* fixed: the plot keeps its size */
    """

    def __init__(self, **kw: Any) -> None:  # Widget's own keyword arguments
        super().__init__(**kw)
        self._pending: tuple[Callable[[], ChartData], str] | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield ChartView(id="chart-view")
        yield ScrollingLines(id="chart-data")  # a long ladder scrolls; nothing is cut

    def show(self, make: Callable[[], ChartData], mode: str, immediate: bool = False) -> None:
        """Chart what ``make`` returns once edits pause (its data is gathered then, not per key)."""
        self._pending = (make, mode)
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if immediate:
            self._apply()
        else:
            self._timer = self.set_timer(DEBOUNCE_S, self._apply)

    def _apply(self) -> None:
        self._timer = None
        if self._pending is None:
            return
        make, mode = self._pending
        data = make()
        view = self.query_one(ChartView)
        view.display = mode != "off"
        self.query_one("#chart-data", DiffLines).set_text(Text(chart_text(data, mode)))
        if mode != "off":
            view.build_now(data, mode)
