"""What the editor asks the user to type: a target value, another agency's index, a note, a name.

A mixin of the editor screen (tui/app/screens/editor.py), kept apart so that screen holds layout,
refreshing and key routing only. Each action opens a dialog; what comes back becomes one
undoable change of the editing session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui.core.errors import InputError
from tui.presentation.catalogue import t
from tui.presentation.errors import error_text
from tui.presentation.text import level_str

if TYPE_CHECKING:
    from tui.app.widgets.indicator_table import IndicatorTable
    from tui.core.scenario.edit_session import EditSession


class TypedEdits:
    if TYPE_CHECKING:  # provided by the editor screen
        lang: str
        app: Any

        @property
        def session(self) -> EditSession: ...
        @property
        def table(self) -> IndicatorTable: ...
        def _after_change(self) -> None: ...
        def notify(self, message: str, **kw: Any) -> Any: ...

    def action_type_value(self) -> None:
        """A target typed in (2,5 or 2.5): how Pemdi's decimal values are reached exactly."""
        from tui.app.dialogs.common import TextDialog

        ind = self.table.current_indicator()
        if ind is None:
            self.notify(t("pick_indicator", self.lang), severity="warning", timeout=3)
            return
        if self.session.rubric.by_id[ind].external is not None:
            self._ask_external(ind)
            return
        s, lang = self.session, self.lang
        meta = s.rubric.meta
        now, base = s.scenario.level(ind), s.scenario.baseline[ind]
        step = t("value_step_whole" if meta.integer_levels else "value_step_decimal", lang)
        title = t("value_title", lang, id=ind, lo=meta.scale_min, hi=meta.scale_max, step=step,
                  now=level_str(now, lang), base=level_str(base, lang))

        def check(text: str) -> int:
            return self._typed_level(ind, text)

        def chosen(text: str | None) -> None:
            if text is not None and s.set_level(ind, self._typed_level(ind, text)):
                self._after_change()

        self.app.push_screen(TextDialog(title, level_str(now, lang), lang, check), chosen)

    def action_type_baseline_index(self) -> None:
        """The index another agency published (the baseline side, ``[external]``), with its edition
        and status: the baseline value follows from it."""
        from tui.app.dialogs.common import TextDialog
        from tui.core.scenario.external import published_from_text
        from tui.presentation.text import edition_words, number_text

        ind = self.table.current_indicator()
        if ind is None:
            self.notify(t("pick_indicator", self.lang), severity="warning", timeout=3)
            return
        s, lang = self.session, self.lang
        ext = s.rubric.by_id[ind].external
        if ext is None:
            self.notify(t("baseline_index_not_external", lang, id=ind), severity="warning", timeout=5)
            return
        current = s.scenario.external.get(ind)
        edition = s.scenario.editions.get(ind)
        now = number_text(current, lang) if current is not None else "—"
        if edition is not None:
            now += f" ({edition_words(edition, lang)})"

        def check(text: str) -> tuple[int, Any]:
            return published_from_text(s.rubric, ind, text)

        def chosen(text: str | None) -> None:
            if text is None:
                return
            index_h, typed = check(text)
            if s.apply(s.scenario.with_external(s.rubric, ind, index_h, typed)):
                self._after_change()
            self.notify(t("baseline_index_set", lang, index=ext.index, got=number_text(index_h, lang), id=ind,
                          value=level_str(s.scenario.baseline[ind], lang)), timeout=4)

        title = t("baseline_index_title", lang, index=ext.index, id=ind, lo=number_text(int(ext.low * 100), lang),
                  hi=number_text(int(ext.high * 100), lang), now=now)
        start = "" if current is None else " ".join(
            [number_text(current, lang)] + ([str(edition.edition)] if edition and edition.edition else [])
            + ([edition.status] if edition and edition.provisional else []))
        self.app.push_screen(TextDialog(title, start, lang, check), chosen)

    def _ask_external(self, ind: str) -> None:
        """Ask for the index the other agency is expected to publish; the value follows from it."""
        from tui.app.dialogs.common import TextDialog
        from tui.core.errors import Invalid, from_invalid
        from tui.core.numbers import parse_number
        from tui.core.scenario.external import check_index, source
        from tui.presentation.text import number_text

        s, lang = self.session, self.lang
        ext = source(s.rubric, ind)
        current = s.scenario.external_target.get(ind, s.scenario.external.get(ind))
        now = number_text(current, lang) if current is not None else "—"

        def read(text: str) -> int:
            try:
                index_h = parse_number(text, ext.index)
            except Invalid as exc:
                raise from_invalid(exc) from None
            check_index(ext, index_h)
            return index_h

        def chosen(text: str | None) -> None:
            if text is None:
                return
            index_h = read(text)
            if s.apply(s.scenario.with_external_target(s.rubric, ind, index_h)):
                self._after_change()
            self.notify(t("external_set", lang, index=ext.index, got=number_text(index_h, lang), id=ind,
                          value=level_str(s.scenario.level(ind), lang)), timeout=4)

        title = t("external_title", lang, index=ext.index, id=ind, lo=number_text(int(ext.low * 100), lang),
                  hi=number_text(int(ext.high * 100), lang), now=now)
        self.app.push_screen(TextDialog(title, "" if current is None else number_text(current, lang), lang,
                                        read), chosen)

    def _typed_level(self, ind: str, text: str) -> int:
        """The typed value in hundredths, checked against the rubric (raises InputError)."""
        from tui.core.errors import Invalid, from_invalid
        from tui.core.numbers import parse_number
        from tui.core.scenario.scenario_file import check_level

        try:
            level_h = parse_number(text, "level")
        except Invalid as exc:
            raise from_invalid(exc) from None
        check_level(self.session.rubric, ind, level_h, ind)
        return level_h

    def action_edit_note(self) -> None:
        ind = self.table.current_indicator()
        if ind is None:
            self.action_edit_scenario_notes()  # on a group row, n edits the scenario's notes
            return
        s = self.session
        self._edit_note(t("note_title", self.lang, id=ind, name=s.rubric.by_id[ind].name),
                        s.scenario.indicator_notes.get(ind, ""), lambda text: s.set_indicator_note(ind, text))

    def action_edit_scenario_notes(self) -> None:
        s = self.session
        self._edit_note(t("scenario_notes_title", self.lang, name=s.scenario.meta.name), s.scenario.meta.notes,
                        lambda text: s.set_notes(text.strip()))

    def _edit_note(self, title: str, text: str, keep: Callable[[str], bool]) -> None:
        """The note dialog; ``keep`` stores the edited text in the session (one undoable change)."""
        from tui.app.dialogs.common import NoteDialog

        def chosen(edited: str | None) -> None:
            if edited is None:
                return
            try:
                changed = keep(edited)
            except InputError as exc:  # longer than a note may be
                self.notify(error_text(exc, self.lang), severity="error", timeout=8)
                return
            if changed:
                self._after_change()
                self.notify(t("note_saved" if edited.strip() else "note_removed", self.lang), timeout=3)

        self.app.push_screen(NoteDialog(title, text, self.lang), chosen)

    def action_rename(self) -> None:
        from tui.app.dialogs.common import TextDialog

        s = self.session

        def check(text: str) -> None:
            if not text:
                raise InputError("name_empty")
            s.scenario.with_meta(name=text)  # the same checks as the file's [scenario].name

        def chosen(text: str | None) -> None:
            if text is not None and s.rename(text):
                self._after_change()
                self.notify(t("renamed", self.lang, name=text), timeout=3)

        self.app.push_screen(TextDialog(t("rename_title", self.lang), s.scenario.meta.name, self.lang, check), chosen)

