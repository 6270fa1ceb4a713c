"""One table of actions per screen: its keys, the footer, the help screen and the command palette.

Each ``Action`` says once what a key does: the binding id (for the keymap in config.toml), the
keys, the action it runs, the catalogue key of its description (footer and help), the catalogue
key of its palette title (None: not in the palette), and whether the footer shows it. Bindings,
help rows and palette entries are all built from these tables, in the user's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.presentation.catalogue import t

# What Textual's BINDINGS class variable holds.
BindingList = list[Binding | tuple[str, str] | tuple[str, str, str]]


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    keys: str  # Textual key names, comma-separated; "" for a palette-only action
    action: str
    text: str  # catalogue key: what the footer and the help screen say
    palette: str | None = None  # catalogue key of the palette title
    footer: bool = False
    display: str | None = None  # how the keys are shown ("+" for plus,equals_sign)
    priority: bool = False
    n: int | None = None  # the number in "set level n"
    short: str | None = None  # catalogue key of a shorter footer label (the help keeps ``text``)

    def description(self, lang: str) -> str:
        return t(self.text, lang, n=self.n) if self.n is not None else t(self.text, lang)

    def footer_label(self, lang: str) -> str:
        return t(self.short, lang) if self.short is not None else self.description(lang)


APP_ACTIONS = (
    Action("quit", "q", "app.quit", "key_quit", "cmd_quit", footer=True),
    Action("help", "f1,question_mark", "app.help", "key_help", "cmd_help", footer=True, display="F1"),
)

EDITOR_ACTIONS = (
    Action("raise", "plus,equals_sign", "raise", "key_raise", "cmd_raise", display="+"),
    Action("lower", "minus", "lower", "key_lower", "cmd_lower", display="-"),
    *(Action(f"level-{n}", str(n), f"set_level({n})", "key_set", n=n) for n in range(1, 6)),
    # Digits above every framework's scale: said, not silently ignored (not in the help's rows).
    *(Action(f"level-{n}", str(n), f"beyond_scale({n})", "key_set", n=n) for n in range(6, 10)),
    Action("reset", "0", "reset", "key_reset", "cmd_reset"),
    Action("value", "v", "type_value", "key_value", "cmd_value"),
    Action("baseline-index", "V", "type_baseline_index", "key_baseline_index", "cmd_baseline_index"),
    Action("note", "n", "edit_note", "key_note", "cmd_note", footer=True),
    Action("scenario-notes", "N", "edit_scenario_notes", "key_scenario_notes", "cmd_scenario_notes"),
    Action("rename", "", "rename", "cmd_rename", "cmd_rename"),
    # Not on the footer: at 80 columns it has room for seven keys, and u is in F1 and the palette.
    Action("undo", "u", "undo", "key_undo", "cmd_undo"),
    Action("redo", "ctrl+y", "redo", "key_redo", "cmd_redo"),
    Action("save", "s", "save", "key_save", "cmd_save", footer=True),
    Action("save-as", "S", "save_as", "key_save_as", "cmd_save_as"),
    Action("open", "o", "open", "key_open", "cmd_open", footer=True),
    Action("filter", "slash", "filter", "key_filter", "cmd_filter", footer=True, display="/"),
    Action("chart", "g", "chart", "key_chart", "cmd_chart", footer=True),
    Action("projection", "t", "projection", "key_projection", "cmd_projection"),
    Action("plan", "p", "plan", "key_plan", "cmd_plan", footer=True),
    Action("compare", "c", "compare", "key_compare", "cmd_compare"),
    Action("evidence", "b", "evidence", "key_evidence", "cmd_evidence"),
    Action("export", "e", "export", "key_export", "cmd_export"),
    Action("evidence-import", "", "evidence_import", "cmd_evidence_import", "cmd_evidence_import"),
    Action("evidence-export", "", "evidence_export", "cmd_evidence_export", "cmd_evidence_export"),
    Action("action-plan", "", "action_plan", "cmd_action_plan", "cmd_action_plan"),
    Action("roadmap", "", "roadmap", "cmd_roadmap", "cmd_roadmap"),
    Action("recap", "", "recap", "cmd_recap", "cmd_recap"),
    Action("convert", "", "convert", "cmd_convert", "cmd_convert"),
    Action("clear-filter", "escape", "clear_filter", "cancel", display="Esc"),
)

GOAL_SEEK_ACTIONS = (
    # q types a q into the form's fields; outside them it goes back, like Esc.
    Action("plan-back", "escape,q", "back", "key_back", "cmd_back", footer=True, display="Esc"),
    # A function key: no text field edits with it, so it applies from anywhere on the screen.
    Action("plan-apply", "f2", "apply", "key_apply_plan", "cmd_apply_plan", footer=True, display="F2",
           priority=True),
    Action("plan-why-not", "f3", "why_not", "plan_key_why_not", "plan_key_why_not", display="F3", priority=True),
)

COMPARE_ACTIONS = (
    # On a sub-screen q goes back to the main screen; only there (or with ctrl+q) does it quit.
    Action("compare-back", "escape,q", "back", "key_back", "cmd_back", footer=True, display="Esc"),
    Action("compare-edit", "e", "edit", "key_edit_file", "key_edit_file", footer=True),
)

RECAP_ACTIONS = (
    Action("recap-back", "escape,q", "back", "key_back", "cmd_back", footer=True, display="Esc"),
    Action("recap-sort", "s", "sort", "recap_key_sort", "recap_key_sort", footer=True),
    Action("recap-side", "v", "side", "recap_key_side", "recap_key_side", footer=True),
    Action("recap-filter", "slash", "filter", "recap_key_filter", "recap_key_filter", footer=True, display="/"),
    # Priority: the table would take ← → for its own cursor; here they move the window of regions.
    Action("recap-left", "left", "regions(-1)", "recap_key_left", display="←", priority=True),
    Action("recap-right", "right", "regions(1)", "recap_key_right", display="→", priority=True),
)

EVIDENCE_ACTIONS = (
    Action("evidence-back", "escape,q", "back", "key_back", "cmd_back", footer=True, display="Esc"),
    # Short footer labels: all six keys, q and F1 fit 80 columns (the help says each in full).
    Action("evidence-add", "a", "add", "ev_key_add", "ev_key_add", footer=True, short="ev_foot_add"),
    Action("evidence-status", "space", "cycle_status", "ev_key_status", "ev_key_status", footer=True,
           display="spasi", short="ev_foot_status"),
    Action("evidence-item", "enter,e", "edit_item", "ev_key_item", "ev_key_item"),
    Action("evidence-owner", "w", "edit_owner", "ev_key_owner", "ev_key_owner"),
    Action("evidence-due", "d", "edit_due", "ev_key_due", "ev_key_due"),
    Action("evidence-remove", "x,delete", "remove", "ev_key_remove", "ev_key_remove"),
    Action("evidence-level-up", "plus,equals_sign", "shift_level(1)", "ev_key_level_up", "ev_key_level_up",
           display="+"),
    Action("evidence-level-down", "minus", "shift_level(-1)", "ev_key_level_down", "ev_key_level_down",
           display="-"),
    Action("evidence-by-owner", "o", "by_owner", "ev_key_by_owner", "ev_key_by_owner", footer=True),
    Action("evidence-late", "l", "late", "ev_key_late", "ev_key_late", footer=True),
    Action("evidence-sheet-in", "i", "import_sheet", "ev_key_import", "cmd_evidence_import"),
    Action("evidence-sheet-out", "E", "export_sheet", "ev_key_export", "cmd_evidence_export"),
)

ROOM_ACTIONS = (
    Action("room-open", "enter", "open_row", "room_key_open", "room_key_open", footer=True),
    Action("room-mark", "space", "mark", "room_key_mark", footer=True),
    Action("room-compare", "c", "compare", "key_compare", "key_compare", footer=True),
    Action("room-refresh", "r", "refresh", "room_key_refresh", "room_key_refresh", footer=True),
    Action("room-watch", "l", "watch", "room_key_watch", "room_key_watch", footer=True),
    Action("room-class", "g", "toggle_class", "room_key_class", "room_key_class", footer=True),
)

DIALOG_ACTIONS = (Action("dialog-cancel", "escape", "dismiss_none", "cancel"),)
OPEN_ACTIONS = (
    Action("open-cancel", "escape", "dismiss_none", "cancel_plain", footer=True, display="Esc"),
    # From the path field ↓ moves into the list (a priority binding: Input would take ↓ itself);
    # in the list ↓ is the list's own (the dialog's check_action stands aside).
    Action("open-to-list", "down", "to_list", "open_key_list", footer=True, display="↓", priority=True),
    # A modal screen hides the app's bindings, F1 among them: the dialog has its own.
    Action("open-help", "f1", "help", "key_help", footer=True, display="F1"),
)
NOTE_ACTIONS = (*DIALOG_ACTIONS, Action("note-keep", "f2", "keep", "save", priority=True))
HELP_ACTIONS = (Action("help-close", "escape,f1,question_mark,q", "dismiss_none", "key_close"),)


def binding_ids() -> frozenset[str]:
    """Every id a ``[keymap]`` entry in config.toml may name."""
    tables = (APP_ACTIONS, EDITOR_ACTIONS, GOAL_SEEK_ACTIONS, COMPARE_ACTIONS, EVIDENCE_ACTIONS, ROOM_ACTIONS,
              RECAP_ACTIONS, DIALOG_ACTIONS, OPEN_ACTIONS, NOTE_ACTIONS, HELP_ACTIONS)
    return frozenset(a.id for table in tables for a in table if a.keys)


def unknown_keymap_entries(keymap: dict[str, str]) -> list[str]:
    """The entries of a keymap that would change nothing: an unknown id, or no key named."""
    known = binding_ids()
    return sorted(k for k, keys in keymap.items() if k not in known or not keys.strip())


def keymap_hint(entry: str) -> str:
    """An entry as the warning names it, with the id it was probably meant to be ("sve → save?")."""
    import difflib

    near = difflib.get_close_matches(entry, sorted(binding_ids()), n=1)
    return f"{entry} → {near[0]}?" if near and near[0] != entry else entry


def bindings(actions: Iterable[Action], lang: str) -> BindingList:
    return [Binding(a.keys, a.action.removeprefix("app."), a.footer_label(lang), show=a.footer, id=a.id,
                    key_display=a.display, priority=a.priority)
            for a in actions if a.keys and not a.action.startswith("app.")]


def app_bindings(lang: str) -> BindingList:
    keys: BindingList = [Binding(a.keys, a.action.removeprefix("app."), a.footer_label(lang), show=a.footer,
                                 id=a.id, key_display=a.display) for a in APP_ACTIONS]
    # Textual adds its own palette binding, labelled "palette" in English, unless the app has one:
    # ours says it in the user's language (public API: App looks for the action among the bindings).
    keys.append(Binding("ctrl+p", "command_palette", t("palette_key", lang), show=False, key_display="^p",
                        priority=True, tooltip=t("key_palette", lang)))
    return keys


def help_rows(actions: Sequence[Action], lang: str, modal: bool = False) -> list[tuple[str, str]]:
    """Every key of a screen and of the app, one row per action (the five level keys as one).

    ``modal``: a dialog's keys alone; Textual shows none of the app's keys over a modal screen."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for a in [*actions, *(() if modal else APP_ACTIONS)]:
        if not a.keys or a.action in seen:
            continue
        seen.add(a.action)
        if a.n is not None:
            if a.n == 1:  # one row for the level keys; 6-9 only say that there is no such level
                rows.append(("1 … 5", t("key_set", lang, n="1–5")))
            continue
        rows.append((a.display or a.keys.replace(",", " "), a.description(lang)))
    if not modal:
        rows.append(("ctrl+p", t("key_palette", lang)))
    return rows


class ActionCommands(Provider):
    """The palette's entries for the screen it was opened on: that screen's actions, then the app's."""

    def _entries(self) -> list[tuple[str, Any]]:
        screen: Any = self.screen
        lang = getattr(self.app, "lang", "id")
        out: list[tuple[str, Any]] = []
        for a in [*getattr(screen, "ACTIONS", ()), *APP_ACTIONS]:
            if a.palette is None:
                continue
            target = self.app if a.action.startswith("app.") else screen
            out.append((t(a.palette, lang), partial(target.run_action, a.action.removeprefix("app."))))
        return out

    async def discover(self) -> Hits:
        for title, run in self._entries():
            yield DiscoveryHit(title, run)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, run in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, text=title)
