"""Where the app reaches past Textual's and plotext's public API: in one place, each use naming
the upstream code it mirrors, each with a fallback to the public behaviour.

What is here is used only on the versions it was verified on (``VERIFIED_TEXTUAL``); on any other
version, or with ``SPBE_PLANNER_NO_SEAM=1``, the stock behaviour runs and the app still works:
partial updates resend whole lines, the theme is set the public way, an error in served mode is
reported by Textual's own handler, footer keys start with Textual's defaults and each app parses
its own CSS. ``docs/upstream/`` holds the compositor change as a patch that could be proposed to
Textual, so this part of the seam can go the day Textual takes it, and describes the other changes
we would propose.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator, Sequence
from functools import cache
from importlib import metadata
from itertools import pairwise
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.control import Control
from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.geometry import Region
from textual.strip import Strip
from textual.theme import Theme

VERIFIED_TEXTUAL = ("8.2.8",)
VERIFIED_PLOTEXT = ("5.3.2",)
DISABLE_ENV = "SPBE_PLANNER_NO_SEAM"


def _verified(package: str, versions: tuple[str, ...]) -> bool:
    if os.environ.get(DISABLE_ENV) == "1":
        return False
    try:
        return metadata.version(package) in versions
    except metadata.PackageNotFoundError:
        return False


@cache
def seam_active() -> bool:
    """True when Textual is a version this module was verified on and the seam is not disabled."""
    return _verified("textual", VERIFIED_TEXTUAL)


@cache
def plotext_seam_active() -> bool:
    return _verified("plotext", VERIFIED_PLOTEXT)


# -- 1. partial updates that write only the cells that changed ---------------------------------
#
# Textual 8.2.8 crops a partial update at the right end of each changed span but always starts
# writing at the left edge of the widget ("TODO: crop to x extents" in ChopsUpdate, in
# textual/_compositor.py). A one-digit change at the end of a line thus resends the whole line;
# over SSH, and for the terminal that parses it, those bytes are most of a keystroke's cost. The
# compositor below crops both ends, and renders a widget only on the rows a change crosses.

def start_cell(strip: Strip, offset: int) -> int:
    """``offset``, moved left by one if it falls on the right half of a wide character.

    Writing from the right half of a CJK character or an emoji would leave half a glyph on screen.
    """
    x = 0
    for segment in strip:
        width = cell_len(segment.text)
        if x + width <= offset:
            x += width
            continue
        for ch in segment.text:
            w = cell_len(ch)
            if x + w > offset:
                return x
            x += w
        break
    return offset


def _runs(rows: list[int]) -> list[range]:
    """Sorted row numbers as ranges of consecutive rows: [3, 4, 5, 9] -> [range(3, 6), range(9, 10)]."""
    out: list[range] = []
    for y in rows:
        if out and out[-1].stop == y:
            out[-1] = range(out[-1].start, y + 1)
        else:
            out.append(range(y, y + 1))
    return out


@cache
def tight_compositor_class() -> type[Any]:
    """A subclass of Textual's private Compositor (textual/_compositor.py, 8.2.8)."""
    from textual._compositor import ChopsUpdate, Compositor

    class TightChopsUpdate(ChopsUpdate):
        def render_segments(self, console: Console) -> str:
            # Mirrors ChopsUpdate.render_segments, with each chop cropped to [x1, x2).
            out: list[str] = []
            append = out.append
            move_to = Control.move_to
            last_y = self.spans[-1][0]
            for y, x1, x2 in self.spans:
                for end, (x, strip) in zip(self.chop_ends[y], self.chops[y].items(), strict=False):
                    if strip is None or x > x2 or end <= x1:
                        continue
                    start = start_cell(strip, max(x, x1) - x)
                    append(move_to(x + start, y).segment.text)
                    append(strip.crop(start, min(end, x2) - x).render(console))
                if y != last_y:
                    append("\n")
            return "".join(out)

    class TightCompositor(Compositor):
        update_class: type[ChopsUpdate] = TightChopsUpdate  # for tests: the upstream patch's checks

        def render_partial_update(self) -> ChopsUpdate | None:
            # Mirrors Compositor.render_partial_update (its _dirty_regions, _regions_to_spans, cuts).
            regions = [r for r in (d.intersection(self.size.region) for d in self._dirty_regions) if r]
            self._dirty_regions.clear()
            if not regions:
                return None
            spans = list(self._regions_to_spans(regions))
            chops = self._render_spans(spans)
            return TightChopsUpdate(chops, spans, [cut_set[1:] for cut_set in self.cuts])

        def _render_spans(self, spans: list[tuple[int, int, int]]) -> list[dict[int, Strip | None]]:
            """Render only the pieces of the screen that changed, for every widget under them.

            Textual renders every line of every widget overlapping the bounding box of all changes,
            which on a keystroke touching the top bar and the detail panel is the whole screen. Here
            a widget is rendered only on the rows where a changed span crosses its columns, in runs
            of consecutive rows. Relies on visible_widgets being ordered front to back.
            """
            cuts = self.cuts
            chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
            needed: dict[int, list[int]] = {}
            for y, x1, x2 in spans:
                row = cuts[y]
                needed.setdefault(y, []).extend(c for c, nxt in pairwise(row) if c < x2 and nxt > x1)
            for widget, (region, clip) in self.visible_widgets.items():  # front to back: first wins
                visible = region.intersection(clip)
                if not visible:
                    continue
                first_cut, last_cut = visible.column_span
                mine = [y for y in range(visible.y, visible.bottom) if y in needed
                        and any(chops[y][cut] is None for cut in needed[y] if first_cut <= cut < last_cut)]
                for run in _runs(mine):
                    self._paint(widget, region, visible, run, chops)
            return chops

        def _paint(self, widget: Any, region: Region, visible: Region, rows: range,
                   chops: list[dict[int, Strip | None]]) -> None:
            """Render ``rows`` of ``widget`` and file the pieces under the cuts they fall in."""
            first_cut, last_cut = visible.column_span
            area = Region(visible.x, rows.start, visible.width, len(rows))
            strips = widget.render_lines(area.translate((-region.x, -region.y)))
            for y, strip in zip(rows, strips, strict=False):
                line = chops[y]
                final_cuts = [cut for cut in self.cuts[y] if last_cut >= cut >= first_cut]
                for cut, piece in zip(final_cuts, strip.divide([c - area.x for c in final_cuts[1:]]), strict=False):
                    if line.get(cut) is None:
                        line[cut] = piece

    return TightCompositor


def use_tight_updates(screen: Any) -> bool:
    """Give a freshly made screen the cropping compositor (before it is mounted); False when the
    seam is off and the screen keeps Textual's own."""
    if not seam_active():
        return False
    screen._compositor = tight_compositor_class()()  # Screen._compositor, textual/screen.py 8.2.8
    return True


# -- 2. key bindings in the user's language, one class for every language -------------------

def localize_bindings(node: Any, bindings: Sequence[Binding | tuple[str, str] | tuple[str, str, str]]) -> None:
    """Give one screen, dialog or app its bindings in the user's language.

    Textual keeps a node's bindings in DOMNode._bindings, copied from the class's BINDINGS in
    DOMNode.__init__ (textual/dom.py 8.2.8), and applies the keymap to it when keys are looked up;
    descriptions (what the footer and the help show) have no public setter. So instead of a
    subclass per language, each instance gets its own map, built from the action table. Off the
    seam the class's bindings (in Bahasa Indonesia, the default language) stay.
    """
    if not seam_active():
        return
    # The class's map holds the base classes' bindings too (tab on every screen, ctrl+p, ctrl+q):
    # only the keys of the action table get their localized bindings.
    local = node._bindings.copy()
    for key, localized in BindingsMap(bindings).key_to_bindings.items():
        local.key_to_bindings[key] = localized
    node._bindings = local


# -- 3. the house theme before the stylesheet is first parsed ----------------------------------

def set_theme_early(app: App[Any], theme: Theme) -> None:
    """Select ``theme`` in App.__init__, before the first stylesheet parse.

    Setting App.theme once running re-parses every stylesheet (about 2 % of start-up). This does
    the part of App._watch_theme (textual/app.py 8.2.8) that matters before the first parse: the
    reactive's value, the -theme- class and the CSS variables. The theme must be dark, like
    Textual's default, so the -dark-mode class the app starts with still holds. Off the seam, the
    public way: set App.theme once the app is running.
    """
    app.register_theme(theme)
    if not seam_active():
        app.call_later(setattr, app, "theme", theme.name)
        return
    app.set_reactive(App.theme, theme.name)
    app.set_class(True, f"-theme-{theme.name}", update=False)
    app.stylesheet.set_variables(app.get_css_variables())


# -- 4. served mode: no traceback on a participant's screen ------------------------------------

class QuietServedErrors:
    """Mixed into the App: in served mode an unhandled exception shows one line, not a traceback.

    Textual has no public hook between "an exception escaped" and "print a Rich traceback (with
    locals) at exit", so this overrides its private App._handle_exception (textual/app.py 8.2.8).
    The App supplies ``served_error_line(error) -> str | None``: None means "not served, behave as
    Textual does".
    """

    def served_error_line(self, error: Exception) -> str | None:
        return None

    def _handle_exception(self, error: Exception) -> None:
        line = self.served_error_line(error) if seam_active() else None
        if line is None:
            super()._handle_exception(error)  # type: ignore[misc]  # App's, next in the MRO
            return
        app: Any = self
        app._return_code = 1  # as Textual's own handler: App.return_code reads it
        if app._exception is None:  # Pilot re-raises the first exception in tests
            app._exception = error
            app._exception_event.set()
        app.panic(line)  # public: exits and prints the line after the terminal is restored


# -- 4a. NO_COLOR means no colour ----------------------------------------------------------------

def honour_no_color(app: App[Any]) -> bool:
    """With NO_COLOR set, write no colour at all (bold, dim and reverse stay).

    Textual reads NO_COLOR too, but unless the terminal's own ANSI palette is in use it maps every
    colour to a grey (the Monochrome filter in App._filters, textual/app.py 8.2.8): a monochrome
    terminal then shows the two chart series, or a tick and no tick, as two near-identical greys.
    On the seam the Monochrome filter is swapped for Textual's own NoColor filter; off it the
    greys stay. Upstream, this would be a choice between the two filters. True when swapped.
    """
    from textual.filter import Monochrome, NoColor

    if not (app.no_color and seam_active()):
        return False
    filters = getattr(app, "_filters", None)
    if not isinstance(filters, list):
        return False
    swapped = [NoColor() if isinstance(f, Monochrome) else f for f in filters]
    filters[:] = swapped
    return True


# -- 4b. the command palette in the user's language --------------------------------------------

def localized_palette(placeholder: str, no_matches: str) -> Any:
    """The command palette with our placeholder (public) and our "no matches" line.

    Textual takes the placeholder as a constructor argument but writes "No matches found" inside
    CommandPalette._start_no_matches_countdown (textual/command.py 8.2.8). On the seam a subclass
    replaces that method with one that adds the same option (same timer, same id) in our words;
    off the seam only the placeholder is ours. Upstream,
    this would be a ``no_matches`` argument beside ``placeholder``.
    """
    from textual.command import CommandList, CommandPalette

    if not seam_active():
        return CommandPalette(placeholder=placeholder, id="--command-palette")

    class LocalizedPalette(CommandPalette):
        def _start_no_matches_countdown(self, search_value: str) -> None:
            self._stop_no_matches_countdown()  # private, verified
            marker = self._NO_MATCHES

            def show() -> None:
                if not search_value:
                    self._list_visible = False
                    return
                from rich.align import Align
                from rich.text import Text
                from textual.widgets.option_list import Option

                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(no_matches, style="not bold")), disabled=True, id=marker))
                self._list_visible = True

            self._no_matches_timer = self.set_timer(
                self._NO_MATCHES_COUNTDOWN, show)

    return LocalizedPalette(placeholder=placeholder, id="--command-palette")


# -- 4c. footer keys that start in their footer's style ------------------------------------------

def start_footer_key(widget: Any, compact: bool) -> None:
    """Give a FooterKey its footer's ``compact`` value before it mounts.

    FooterKey (textual/widgets/_footer.py 8.2.8, not exported) declares ``compact = reactive(True)``
    and Footer.compose then binds it to the footer's value: every key on a wide screen restyles
    twice as it mounts (class added by the default, removed by the binding). Set first, the
    binding finds the value already there and changes nothing. The command palette's key is not
    bound (Footer.compose leaves it at FooterKey's default), so it is left as it is. Off the seam
    keys start as stock.
    Upstream, this would be a ``compact`` argument to FooterKey passed by Footer.compose.
    """
    if not seam_active():
        return
    from textual.widgets._footer import FooterKey

    if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
        widget.set_reactive(FooterKey.compact, compact)
        widget.set_class(compact, "-compact", update=False)


# -- 4d. served: CSS parsed once in the fork server, not once per participant --------------------

_PARSED_CSS: dict[tuple[object, ...], Any] = {}
_PARSED_CSS_MAX = 512
# Each distinct set of CSS variables (a theme) as a small number, so that keys stay cheap to hash;
# looked up by the identity of the Stylesheet's variables dict, which set_variables replaces.
_VARIABLE_SETS: dict[tuple[tuple[str, str], ...], int] = {}
_VARIABLES_SEEN: dict[int, tuple[dict[str, str], int]] = {}


def _variables_token(variables: dict[str, str]) -> int:
    seen = _VARIABLES_SEEN.get(id(variables))
    if seen is not None and seen[0] is variables:
        return seen[1]
    token = _VARIABLE_SETS.setdefault(tuple(sorted(variables.items())), len(_VARIABLE_SETS))
    if len(_VARIABLES_SEEN) >= 64:
        _VARIABLES_SEEN.clear()
    _VARIABLES_SEEN[id(variables)] = (variables, token)  # holding the dict keeps its id unique
    return token


def share_parsed_css() -> bool:
    """Let every Stylesheet in this process reuse the rules another one parsed from the same CSS.

    Textual caches parsed rules per Stylesheet (Stylesheet._parse_rules, textual/css/stylesheet.py
    8.2.8: an LRU keyed by the CSS, where it was read from, whether it is a widget's default CSS,
    its tie-breaker and scope). Every App has its own Stylesheet, so every app a fork server starts
    parsed the same CSS again (with it shared, a served app's CPU to its first frame went from 167
    to 125 ms, paired runs). Here the key also holds
    the variables the rules were parsed with (the theme), and the cache belongs to the process: the
    fork server fills it once (tui.app.main.warm_for_fork) and its children find it there. Rules are
    not changed after parsing; Textual's own cache already hands the same ones out again. Upstream,
    this would be a class-level cache in Stylesheet. Off the seam, each Stylesheet parses its own.
    Returns whether the cache is in place.
    """
    if not seam_active():
        return False
    from textual.css.stylesheet import Stylesheet

    parse = Stylesheet._parse_rules
    if getattr(parse, "shared_across_stylesheets", False):
        return True

    def parse_rules(self: Any, css: str, read_from: Any, is_default_rules: bool = False,
                    tie_breaker: int = 0, scope: str = "") -> Any:
        key = (css, read_from, is_default_rules, tie_breaker, scope, _variables_token(self._variables))
        rules = _PARSED_CSS.get(key)
        if rules is None:
            rules = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
            if len(_PARSED_CSS) >= _PARSED_CSS_MAX:
                _PARSED_CSS.clear()
            _PARSED_CSS[key] = rules
        return rules

    parse_rules.shared_across_stylesheets = True  # type: ignore[attr-defined]
    Stylesheet._parse_rules = parse_rules  # type: ignore[method-assign]
    return True


# -- 5. plotext: one figure per chart build -----------------------------------------------------

_SHARED_FIGURE = threading.Lock()


@contextlib.contextmanager
def plot_figure(width: int, height: int) -> Iterator[Any]:
    """A plotext figure of exactly ``width`` × ``height`` for one chart build (in a worker thread).

    plotext's public API draws on one module-level figure; charts are built off the UI thread, so
    each build gets its own private figure (plotext._figure._figure_class, plotext 5.3.2) and sets
    its size past the terminal-size cap (_set_size). Off the seam: the public module under a lock,
    capped at the terminal's size.
    """
    if plotext_seam_active():
        from plotext._figure import _figure_class

        fig = _figure_class()
        fig.plotsize(width, height)
        fig._set_size(width, height)
        fig.theme("clear")
        yield fig
        return
    import plotext

    with _SHARED_FIGURE:
        plotext.clear_figure()
        plotext.plotsize(width, height)
        plotext.theme("clear")
        yield plotext
