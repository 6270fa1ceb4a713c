"""The evidence screen (key b, palette "Bukti dukung"): bukti dukung per level, owner and due date.

Three views of the scenario's ``[[evidence]]`` items:
- the focused indicator's items, level by level, with what each level still lacks;
- one owner's (OPD's) items across all indicators, sorted by due date (``o`` moves to the next owner);
- the late ones: due before today and not yet accepted (``l``).

Every edit goes through the EditSession, so it is undoable, marks the file unsaved and reaches the
recovery file like any other change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.app.actions import EVIDENCE_ACTIONS, ActionCommands, bindings
from tui.app.textual_seam import localize_bindings
from tui.app.widgets.key_footer import KeyFooter
from tui.core.errors import InputError
from tui.core.scenario.edit_session import EditSession
from tui.core.scenario.evidence import EvidenceItem, is_late, missing_levels, next_status
from tui.presentation.action_plan_report import owner_name, status_word, validity_mark
from tui.presentation.catalogue import t
from tui.presentation.errors import error_message
from tui.presentation.text import level_str

View = Literal["indicator", "owner", "late"]


class EvidenceScreen(Screen[None]):
    DEFAULT_CSS = """
    EvidenceScreen { layout: vertical; }
    EvidenceScreen #ev-title { height: 1; background: $panel; padding: 0 1; }
    EvidenceScreen #ev-summary { height: auto; max-height: 6; padding: 0 1; }
    EvidenceScreen DataTable { height: 1fr; }
    """
    ACTIONS = EVIDENCE_ACTIONS
    BINDINGS = bindings(EVIDENCE_ACTIONS, "id")
    COMMANDS = {ActionCommands}

    def __init__(self, session: EditSession, indicator: str, lang: str, today: date | None = None,
                 export_sheet: Callable[[], None] | None = None,
                 import_sheet: Callable[[Callable[[], object]], None] | None = None) -> None:
        super().__init__()
        self.export_sheet = export_sheet  # the document's evidence export (it knows the file's name)
        self.import_sheet = import_sheet  # … and its merge of the portal's sheet
        localize_bindings(self, bindings(self.ACTIONS, lang))
        self.session, self.indicator, self.lang = session, indicator, lang
        self.today = today or date.today()
        self.view: View = "indicator"
        self.owner = ""
        self.shown: list[int] = []  # positions in scenario.evidence, in the table's order

    def compose(self) -> ComposeResult:
        yield Static("", id="ev-title", markup=False)
        yield Static("", id="ev-summary", markup=False)
        yield DataTable(id="ev-table", cursor_type="row", zebra_stripes=False)
        yield KeyFooter(fit=True)

    def on_mount(self) -> None:
        self.fill()
        self.query_one(DataTable).focus()

    # -- what is shown ------------------------------------------------------------------------
    @property
    def items(self) -> tuple[EvidenceItem, ...]:
        return self.session.scenario.evidence

    def _rows(self) -> list[int]:
        items, order = self.items, {ind: k for k, ind in enumerate(self.session.rubric.indicator_ids)}
        if self.view == "indicator":
            picked = [k for k, it in enumerate(items) if it.indicator == self.indicator]
            return sorted(picked, key=lambda k: (items[k].level, k))
        if self.view == "owner":
            picked = [k for k, it in enumerate(items) if it.owner.strip() == self.owner]
        else:  # late, expired on the evaluation date, or soon to expire: what needs doing now
            picked = [k for k, it in enumerate(items) if is_late(it, self.today) or self._mark(it)]
        return sorted(picked, key=lambda k: (items[k].due is None, items[k].due or date.max,
                                             order.get(items[k].indicator, 0), items[k].level, k))

    def fill(self, keep: int | None = None) -> None:
        lang = self.lang
        table = self.query_one(DataTable)
        row = table.cursor_row if keep is None else keep
        table.clear(columns=True)
        self.shown = self._rows()
        cells: list[list[str | Text]] = []
        for k in self.shown:
            it = self.items[k]
            late = is_late(it, self.today)
            due = (it.due.isoformat() + (" !" if late else "")) if it.due else "—"
            status = _status_cell(it.status, lang)
            mark = self._mark(it)
            if mark:  # a word, so that it reads without colour too
                status.append(f" · {mark}", style="bold")
            cells.append([it.indicator, str(it.level), status, owner_name(it.owner, lang),
                         due, Text(it.item, no_wrap=True, overflow="ellipsis")])
        # The short columns first, each as wide as its widest cell; the item text takes what is
        # left and is elided on screen only (the file and every report keep it whole).
        heads = [t("ev_col_indicator", lang), t("level", lang), t("ev_col_status", lang), t("ap_owner", lang),
                 t("ap_due", lang)]
        widths = [max([len(h), *(len(str(c[n])) for c in cells)]) for n, h in enumerate(heads)]
        for head, width in zip(heads, widths, strict=True):
            table.add_column(head, width=width)
        table.add_column(t("ev_col_item", lang), width=self._item_width(widths))
        for line in cells:
            table.add_row(*line)
        if self.shown:
            table.move_cursor(row=min(max(row, 0), len(self.shown) - 1))
        self.query_one("#ev-title", Static).update(self._title())
        self.query_one("#ev-summary", Static).update(self._summary())

    def _mark(self, item: EvidenceItem) -> str:
        """Expired or soon expiring on the scenario's evaluation date (empty otherwise)."""
        s = self.session
        return validity_mark(item, s.scenario.evaluation_date, s.rubric.max_age, self.lang)

    def _item_width(self, widths: list[int]) -> int:
        """What the screen has left for the item text once the short columns are laid out."""
        table = self.query_one(DataTable)
        room = (table.size.width or self.app.size.width) - 2  # the vertical scrollbar
        used = sum(widths) + 2 * table.cell_padding * (len(widths) + 1)
        return max(12, room - used)

    def on_resize(self) -> None:
        if self.is_mounted:
            self.fill()

    def _title(self) -> str:
        lang, s = self.lang, self.session
        if self.view == "owner":
            return t("ev_title_owner", lang, owner=owner_name(self.owner, lang), n=len(self.shown))
        if self.view == "late":
            return t("ev_title_late", lang, today=self.today.isoformat(), on=s.scenario.evaluation_date.isoformat(),
                     n=len(self.shown))
        info = s.rubric.by_id[self.indicator]
        return t("ev_title", lang, id=self.indicator, name=info.short,
                 base=level_str(s.scenario.baseline[self.indicator], lang),
                 target=level_str(s.scenario.level(self.indicator), lang))

    def _summary(self) -> str:
        lang, s = self.lang, self.session
        if self.view != "indicator":
            return t("ev_hint_other", lang) if self.shown else t("ev_none_here", lang)
        mine = [it for it in self.items if it.indicator == self.indicator]
        base, target = s.scenario.baseline[self.indicator], s.scenario.level(self.indicator)
        missing = missing_levels(base, target, mine)
        lines = []
        if target <= base:
            lines.append(t("ev_no_target", lang))
        elif missing:
            lines.append(t("ev_missing", lang, levels=", ".join(map(str, missing))))
        else:
            lines.append(t("ev_complete", lang))
        lines.append(t("ev_hint", lang) if mine else t("ev_hint_empty", lang))
        # The indicator's note: after `convert`, where its value came from and what becomes of its
        # SPBE evidence (reused, to update, or new).
        note = s.scenario.indicator_notes.get(self.indicator, "").strip()
        if note:
            lines.insert(0, f"{t('detail_your_note', lang)}: {note}")
        return "\n".join(lines)

    def _focused(self) -> int | None:
        table = self.query_one(DataTable)
        if not self.shown:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

    # -- edits ---------------------------------------------------------------------------------
    def _store(self, items: tuple[EvidenceItem, ...], focus: int | None = None) -> None:
        """Keep the items (undoably); the cursor stays, or goes to item number ``focus``."""
        try:
            self.session.set_evidence(items)
        except InputError as exc:
            self.notify(error_message(exc, self.lang), severity="error", timeout=6)
            return
        rows = self._rows()
        self.fill(rows.index(focus) if focus in rows else None)

    def _change(self, k: int, **fields: Any) -> None:
        items = list(self.items)
        items[k] = items[k].model_copy(update=fields)
        self._store(tuple(items))

    def _ask(self, title: str, value: str, check: Callable[[str], object] | None,
             done: Callable[[str], None]) -> None:
        from tui.app.dialogs.common import TextDialog

        def chosen(text: str | None) -> None:
            if text is not None:
                done(text)

        self.app.push_screen(TextDialog(title, value, self.lang, check), chosen)

    def action_add(self) -> None:
        """From the rubric's list for the first level still lacking evidence; else one typed item."""
        s, lang = self.session, self.lang
        k = self._focused()
        ind = self.items[k].indicator if k is not None and self.view != "indicator" else self.indicator
        mine = [it for it in self.items if it.indicator == ind]
        missing = missing_levels(s.scenario.baseline[ind], s.scenario.level(ind), mine)
        listed = s.rubric.level_evidence(ind, missing[0]) if missing else []
        if listed:
            new = tuple(EvidenceItem(indicator=ind, level=missing[0], item=text[:300]) for text in listed)
            self._store(self.items + new, focus=len(self.items))
            self.notify(t("ev_added_from_rubric", lang, n=len(new), level=missing[0]), timeout=4)
            return
        level = self.items[k].level if k is not None else (missing[0] if missing else
                                                            min(s.rubric.meta.scale_max,
                                                                -(-s.scenario.level(ind) // 100)))

        def add(text: str) -> None:
            self._store((*self.items, EvidenceItem(indicator=ind, level=level, item=text)), focus=len(self.items))

        self._ask(t("ev_add_title", lang, id=ind, level=level), "", _nonempty, add)

    def action_cycle_status(self) -> None:
        k = self._focused()
        if k is not None:
            self._change(k, status=next_status(self.items[k].status))

    def action_edit_item(self) -> None:
        k = self._focused()
        if k is not None:
            self._ask(t("ev_item_title", self.lang), self.items[k].item, _nonempty,
                      lambda text: self._change(k, item=text))

    def action_edit_owner(self) -> None:
        k = self._focused()
        if k is not None:
            self._ask(t("ev_owner_title", self.lang), self.items[k].owner, _short,
                      lambda text: self._change(k, owner=text))

    def action_edit_due(self) -> None:
        k = self._focused()
        if k is not None:
            it = self.items[k]
            self._ask(t("ev_due_title", self.lang), it.due.isoformat() if it.due else "", _date_or_empty,
                      lambda text: self._change(k, due=date.fromisoformat(text) if text else None))

    def action_shift_level(self, delta: int) -> None:
        """Move the focused item to the level above or below (within the framework's scale)."""
        k = self._focused()
        if k is None:
            return
        meta = self.session.rubric.meta
        level = self.items[k].level + delta
        if meta.scale_min <= level <= meta.scale_max:
            items = list(self.items)
            items[k] = items[k].model_copy(update={"level": level})
            self._store(tuple(items), focus=k)

    def action_remove(self) -> None:
        k = self._focused()
        if k is not None:
            self._store(tuple(it for n, it in enumerate(self.items) if n != k))
            self.notify(t("ev_removed", self.lang), timeout=3)

    # -- views ---------------------------------------------------------------------------------
    def action_by_owner(self) -> None:
        """The next owner's items (the focused item's owner first); after the last, the indicator."""
        owners = sorted({it.owner.strip() for it in self.items}, key=lambda o: (o == "", o.casefold()))
        if not owners:
            self.notify(t("ev_none_yet", self.lang), timeout=3)
            return
        k = self._focused()
        if self.view != "owner":
            self.owner = self.items[k].owner.strip() if k is not None else owners[0]
            self.view = "owner"
        elif self.owner in owners and owners.index(self.owner) + 1 < len(owners):
            self.owner = owners[owners.index(self.owner) + 1]
        else:
            self.view = "indicator"
        self.fill(keep=0)

    def action_late(self) -> None:
        self.view = "indicator" if self.view == "late" else "late"
        self.fill(keep=0)

    def action_import_sheet(self) -> None:
        """The portal's statuses merged in, through the editor's document (undo, save and the
        recovery file work as for any change); the table is redrawn after."""
        if self.import_sheet is not None:
            self.import_sheet(self.fill)

    def action_export_sheet(self) -> None:
        if self.export_sheet is not None:
            self.export_sheet()

    def action_back(self) -> None:
        self.dismiss(None)


def _status_cell(status: str, lang: str) -> Text:
    # A word as well as a style: with NO_COLOR the word is what tells them apart.
    style = {"diterima": "bold", "ditolak": "reverse", "revisi": "italic"}.get(status, "")
    return Text(status_word(status, lang), style=style)


def _nonempty(text: str) -> None:
    if not text.strip():
        raise InputError("item_empty")
    if len(text) > 300:
        raise InputError("text_too_long", limit=300)


def _short(text: str) -> None:
    if len(text) > 300:
        raise InputError("text_too_long", limit=300)


def _date_or_empty(text: str) -> None:
    if text:
        try:
            date.fromisoformat(text)
        except ValueError:
            raise InputError("deadline_format", got=text[:24]) from None

