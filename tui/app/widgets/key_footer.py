"""Textual's Footer, rebuilt only when the keys it shows change.

Textual 8's Footer rebuilds all its keys after every bindings update of its screen, and a screen
sends one for each focus move and each mount, whether or not the keys changed: at start-up the
editor's footer was built three times with the same nine keys. Each FooterKey also starts
``compact=True`` and is then bound to the footer's value, so every key restyled twice on mount.
Fixing both took the server's CPU for 100 joining at once from 30 s to 22–25 s. The first fix uses
only public API; the second reaches FooterKey, which Textual does not export, through the seam.
Both could go upstream as they are.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

from tui.app.textual_seam import seam_active, start_footer_key

Shown = tuple[object, ...]


# Below this many columns a sub-screen's footer drops the space between keys, so that every key
# it shows (and F1) still fits an 80-column terminal.
COMPACT_BELOW = 100


class KeyFooter(Footer):
    """A Footer that keeps its keys while the bindings they show are unchanged.

    ``fit=True``: compact whenever the terminal is narrower than ``COMPACT_BELOW`` columns, on
    every resize (the editor decides for itself, with its chart-less layout).
    """

    _shown: Shown | None = None

    def __init__(self, *, compact: bool = False, fit: bool = False) -> None:
        super().__init__(compact=compact)
        self.fit = fit

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        if self.fit:
            self.compact = self.app.size.width < COMPACT_BELOW

    def _bindings_shown(self) -> Shown:
        """What compose would draw from: every active binding and how it looks."""
        app = self.app
        keys = tuple(
            (binding.key, app.get_key_display(binding), binding.description, binding.action, binding.show,
             binding.group, binding.tooltip, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values())
        return keys, self.show_command_palette, self.combine_groups, app.ENABLE_COMMAND_PALETTE

    def compose(self) -> ComposeResult:
        shown = self._bindings_shown() if self.is_attached else None
        built = False
        for widget in super().compose():
            built = True
            # Keys start with the footer's compact value, so the binding that follows changes nothing.
            start_footer_key(widget, self.compact)
            yield widget
        # Nothing built means the bindings were not ready yet: the next update must build.
        self._shown = shown if built else None

    async def recompose(self) -> None:
        # What Footer.compose reads is verified on the seam's Textual versions; on others, stock.
        if seam_active() and self._shown is not None and self.is_attached and self._bindings_shown() == self._shown:
            return
        await super().recompose()
