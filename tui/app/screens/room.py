"""The coach's room screen (`spbe-planner --room DIR`): every participant, refreshed live.

One row per scenario file (and per unsaved what-if, read from the participant's recovery file):
index, predikat, rank and last activity. Enter opens the row's scenario read-only; space marks
rows and ``c`` compares them side by side. The room is re-read off the UI thread every few seconds,
so the screen never waits on the disk.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui.app.actions import ROOM_ACTIONS, ActionCommands, bindings
from tui.app.textual_seam import localize_bindings
from tui.app.theme import theme_style
from tui.app.widgets.key_footer import KeyFooter
from tui.core.errors import InputError
from tui.core.room.folder import Room
from tui.core.room.presence import read_presence
from tui.core.room.room_status import ParticipantStatus, room_status
from tui.core.room.room_summary import ClassSummary, class_recap, summarise_class
from tui.core.scoring.rubric import RubricSet
from tui.core.served_contract import online_dir
from tui.core.team.listing import Entry
from tui.core.team.recap import Recap
from tui.presentation.catalogue import t
from tui.presentation.errors import error_text, kind_word
from tui.presentation.text import n2, rank_text, since_text

REFRESH_S = 3.0


class RoomScreen(Screen[None]):
    if TYPE_CHECKING:
        from tui.app.app import PlannerApp

        app: PlannerApp  # the screen only ever runs in the planner app

    DEFAULT_CSS = """
    RoomScreen { layout: vertical; }
    RoomScreen #room-title { height: 1; background: $panel; padding: 0 1; }
    RoomScreen #room-note { height: auto; padding: 0 1; color: $text-muted; }
    RoomScreen DataTable { height: 1fr; }
    RoomScreen #room-class { height: 45%; display: none; border-top: solid $panel; padding: 0 1; }
    RoomScreen.-class #room-class { display: block; }
    """

    ACTIONS = ROOM_ACTIONS
    BINDINGS = bindings(ROOM_ACTIONS, "id")
    COMMANDS = {ActionCommands}

    def __init__(self, room: Room, rubrics: RubricSet, lang: str) -> None:
        super().__init__()
        localize_bindings(self, bindings(self.ACTIONS, lang))
        self.room, self.rubrics, self.lang = room, rubrics, lang
        self.rows: dict[str, tuple[Path, bool]] = {}  # row key -> (file, is it unsaved work)
        self.marked: set[str] = set()
        self.status: list[ParticipantStatus] = []
        self.presence: dict[str, list[dict[str, object]]] = {}  # user -> live sessions' records
        self.show_class = False

    def compose(self) -> ComposeResult:
        yield Static(Text(t("room_title", self.lang, room=self.room.dir), style="bold"), id="room-title")
        yield DataTable(id="room-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="room-class"):
            yield Static("", id="room-class-text", markup=False)
        yield Static(t("room_help", self.lang), id="room-note")
        yield KeyFooter(fit=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        lang = self.lang
        for key, label, width in (("mark", " ", 1), ("user", t("room_user", lang), 14),
                                  ("file", t("room_file", lang), 26), ("index", t("index", lang), 6),
                                  ("predikat", t("predikat", lang), 11), ("rank", t("rank", lang), 14),
                                  ("last", t("room_last", lang), 9)):
            table.add_column(label, key=key, width=width)
        table.focus()
        self.action_refresh()
        self.set_interval(REFRESH_S, self.action_refresh)

    # -- live refresh ---------------------------------------------------------------------------
    def action_refresh(self) -> None:
        self.run_worker(self._scan, thread=True, exclusive=True, group="room-scan", exit_on_error=False)

    def _scan(self) -> None:
        try:
            status = room_status(self.room, self.rubrics)
        except InputError as exc:
            self.app.call_from_thread(self.notify, error_text(exc, self.lang), severity="error", timeout=8)
            return
        online = online_dir(self.room.dir)
        presence = {ps.participant.user: read_presence(online, ps.participant.user) for ps in status
                    if ps.participant.online}
        summary = self._class_summary(status) if self.show_class else None
        matrix = class_recap(status) if self.show_class else None
        self.app.call_from_thread(self._show, status, presence, summary, matrix)

    def _class_summary(self, status: list[ParticipantStatus]) -> ClassSummary:
        from tui.core.goal_seek.targets import parse_target

        first = summarise_class(status)
        rubric = self.rubrics.get(first.framework) if first.framework else None
        if rubric is None or not rubric.scorable:
            return first
        return summarise_class(status, parse_target(rubric, "baik", None)) if any(
            b.name.casefold() == "baik" for b in rubric.bands) else first

    def _show(self, status: list[ParticipantStatus], presence: dict[str, list[dict[str, object]]],
              summary: ClassSummary | None = None, matrix: Recap | None = None) -> None:
        self.status, self.presence = status, presence
        if summary is not None:
            self._show_class(summary, matrix)
        table = self.query_one(DataTable)
        keep = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value if table.row_count else None
        table.clear()
        self.rows.clear()
        now = time.time()
        for ps in status:
            p = ps.participant
            entries = [(e, False) for e in ps.files] + [(e, True) for e in ps.unsaved]
            live = presence.get(p.user, [])
            doors = "/".join(sorted({str(r.get("door", "ssh")) for r in live}))
            user = Text(p.user + (f" ●{doors}" if doors else " ●" if p.online else ""),
                        style="bold" if p.online else "")
            open_now = {str(r.get("file")): r for r in live if r.get("file")}
            last = since_text(p.last_activity, now)
            if not entries and not live:
                table.add_row(" ", user, Text(t("room_no_files", self.lang), style="dim"), "", "", "", last,
                              key=f"{p.user}:")
                continue
            shown_live: set[int] = set()
            for i, (e, unsaved) in enumerate(entries):
                key = f"{p.user}:{'~' if unsaved else ''}{e.path.name}"
                self.rows[key] = (e.path, unsaved)
                cells = self._cells(e, unsaved)
                record = open_now.get(e.path.name) if not unsaved else None
                if record is not None:  # open in the participant's app now: its live index
                    shown_live.add(id(record))
                    cells[0] = Text("▶ " + e.path.name, style="bold")
                    cells[1] = self._live_index(record)
                    cells[2] = str(record.get("predikat", cells[2]))
                table.add_row("✓" if key in self.marked else " ", user if i == 0 else "",
                              *cells, last if i == 0 else "", key=key)
            # What is open but is no file of the workspace (a bundled sample, a new scenario, an
            # import): a row of its own, so the coach sees ▶ and the * of unsaved work there too.
            for n, record in enumerate(r for r in live if id(r) not in shown_live):
                first = not entries and n == 0
                table.add_row(" ", user if first else "", *self._live_cells(record), last if first else "",
                              key=f"{p.user}:▶{n}")
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))

    def _cells(self, e: Entry, unsaved: bool) -> list[str | Text]:
        name = e.path.name + (f" ({t('room_unsaved', self.lang)})" if unsaved else "")
        if e.column is None and e.error is None:  # a cost file or cohort kept in the workspace
            return [name, "", kind_word(e.kind or "", self.lang), ""]
        if e.column is None:
            bad = theme_style(self.app, "error")
            return [Text(name, style=bad), "", Text(t("room_unreadable", self.lang), style=bad), ""]
        o = e.column.summary.scenario
        return [Text(name, style="italic" if unsaved else ""), n2(o.evaluation.index, self.lang),
                o.evaluation.predikat, rank_text(o.rank, self.lang)]

    def _live_cells(self, record: dict[str, object]) -> list[str | Text]:
        """An open scenario that is not a workspace file: its name, marked as a sample or new."""
        lang = self.lang
        if record.get("file"):
            name = str(record["file"]) + (f" ({t('room_sample', lang)})" if record.get("sample") else "")
        else:
            name = f"{record.get('name', '')} ({t('room_new', lang)})"
        return [Text("▶ " + name, style="bold"), self._live_index(record), str(record.get("predikat", "")), ""]

    def _live_index(self, record: dict[str, object]) -> str:
        from decimal import Decimal, InvalidOperation

        try:
            return n2(Decimal(str(record.get("index"))), self.lang) + ("*" if record.get("unsaved") else "")
        except InvalidOperation:
            return "—"

    def _show_class(self, summary: ClassSummary, matrix: Recap | None = None) -> None:
        from tui.presentation.recap_report import recap_text
        from tui.presentation.room_summary_text import summary_lines

        rubric = self.rubrics.get(summary.framework) if summary.framework else None
        lines = summary_lines(summary, rubric, self.lang)
        if matrix is not None:  # who to learn from, row by row: the province desk's recap over the class
            lines += ["", recap_text(matrix, self.lang)]
        self.query_one("#room-class-text", Static).update("\n".join(lines))

    def action_toggle_class(self) -> None:
        """The classroom's picture under the table (recomputed with each refresh while shown)."""
        self.show_class = not self.show_class
        self.set_class(self.show_class, "-class")
        if self.show_class:
            self.query_one("#room-class-text", Static).update(t("room_class_working", self.lang))
            self.action_refresh()

    def action_watch(self) -> None:
        """Lihat layar: the highlighted participant's screen, read-only, in this terminal."""
        from tui.serve.watch_client import connect, mirror

        key = self._current_key()
        if key is None:
            return
        user = key.partition(":")[0]
        try:
            sock, _ = connect(self.room.dir, user)
        except InputError as exc:
            self.notify(error_text(exc, self.lang), severity="warning", timeout=6)
            return
        with self.app.suspend():
            mirror(sock)
        self.notify(t("watch_ended", self.lang, user=user), timeout=3)

    # -- actions --------------------------------------------------------------------------------
    def _current_key(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _entry(self, key: str) -> Entry | None:
        user, _, name = key.partition(":")
        for ps in self.status:
            if ps.participant.user == user:
                pool = ps.unsaved if name.startswith("~") else ps.files
                return next((e for e in pool if e.path.name == name.lstrip("~")), None)
        return None

    def action_mark(self) -> None:
        key = self._current_key()
        if key is None or key not in self.rows:
            return
        self.marked ^= {key}
        table = self.query_one(DataTable)
        table.update_cell(key, "mark", "✓" if key in self.marked else " ")
        table.action_cursor_down()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # The table takes Enter for itself (row selected); that is our "open".
        event.stop()
        self.action_open_row()

    def action_open_row(self) -> None:
        """Enter: open the scenario read-only; for someone online, first ask: open, or "Lihat layar"."""
        key = self._current_key()
        if key is None:
            return
        user = key.partition(":")[0]
        entry = self._entry(key)
        can_open = entry is not None and entry.column is not None
        if not self.presence.get(user):
            if can_open and entry is not None and entry.column is not None:
                self.app.open_read_only(user, entry.column)
            return
        from tui.app.dialogs.common import ConfirmDialog

        def chosen(choice: str | None) -> None:
            if choice == "watch":
                self.action_watch()
            elif choice == "open" and entry is not None and entry.column is not None:
                self.app.open_read_only(user, entry.column)

        choices = ([("open", t("room_key_open", self.lang))] if can_open else []) + \
            [("watch", t("room_key_watch", self.lang))]
        self.app.push_screen(ConfirmDialog(t("room_choose", self.lang, user=user), choices, self.lang), chosen)

    def action_compare(self) -> None:
        from tui.app.screens.compare import CompareScreen

        files = [self.room.workspace(k.partition(":")[0]) / name for k, (path, unsaved) in self.rows.items()
                 if not unsaved for name in [path.name]]
        ticked = {self.room.workspace(k.partition(":")[0]) / self.rows[k][0].name for k in self.marked
                  if k in self.rows and not self.rows[k][1]}
        screen = CompareScreen(None, self.rubrics, self.lang, files=files, ticked=ticked)
        self.app.push_screen(screen, self._compared)

    def _compared(self, path: Path | None) -> None:
        if path is None:
            return
        entry = next((e for ps in self.status for e in ps.files
                      if e.column is not None and e.path.resolve() == path.resolve()), None)
        if entry is not None and entry.column is not None:
            self.app.open_read_only(path.parent.name, entry.column)
