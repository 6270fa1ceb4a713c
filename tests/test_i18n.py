"""The text catalogue: both languages complete, with the same placeholders."""

from __future__ import annotations

import string

from tui.i18n import TEXT, current_lang, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_entry_has_both_languages_with_the_same_placeholders() -> None:
    for key, (id_text, en_text) in TEXT.items():
        assert id_text.strip() and en_text.strip(), key
        assert _fields(id_text) == _fields(en_text), key


def test_the_result_marker_word_is_the_same_in_both_languages() -> None:
    assert t("index", "id") == t("index", "en") == "Indeks"


def test_language_choice(monkeypatch) -> None:
    monkeypatch.delenv("SPBE_PLANNER_LANG", raising=False)
    assert current_lang() == "id"
    assert current_lang("en") == "en"
    monkeypatch.setenv("SPBE_PLANNER_LANG", "fr")
    assert current_lang() == "id"
