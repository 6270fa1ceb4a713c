"""The text catalogue: both languages complete, with the same placeholders."""

from __future__ import annotations

import string

from tui.presentation.catalogue import TEXT, current_lang, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_entry_has_both_languages_with_the_same_placeholders() -> None:
    for key, (id_text, en_text) in TEXT.items():
        assert id_text.strip() and en_text.strip(), key
        assert _fields(id_text) == _fields(en_text), key


def test_english_says_index_and_indonesian_indeks() -> None:
    from tui.core.scoring.rubric import RubricSet
    from tui.presentation.text import index_name

    assert (t("index", "id"), t("index", "en")) == ("Indeks", "Index")
    rubric = RubricSet().get("spbe-2020")
    assert (index_name(rubric, "id"), index_name(rubric, "en")) == ("Indeks SPBE", "SPBE Index")


def test_language_choice(monkeypatch) -> None:
    monkeypatch.delenv("SPBE_PLANNER_LANG", raising=False)
    assert current_lang() == "id"
    assert current_lang("en") == "en"
    monkeypatch.setenv("SPBE_PLANNER_LANG", "fr")
    assert current_lang() == "id"


def test_every_error_code_has_both_languages_with_the_same_placeholders() -> None:
    import string

    from tui.core.messages import MESSAGES
    from tui.presentation.errors import ERRORS_ID

    assert set(ERRORS_ID) == set(MESSAGES)

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for code, english in MESSAGES.items():
        allowed = fields(english) | {"reason"}  # not_scorable: each language has its own reason text
        assert fields(ERRORS_ID[code]) <= allowed | {"reason_en"}, code
        assert fields(english) - {"reason_en"} <= fields(ERRORS_ID[code]) | {"reason"}, code


def test_every_error_code_raised_in_the_code_exists() -> None:
    import re
    from pathlib import Path

    from tui.core.messages import MESSAGES

    raised: set[str] = set()
    for path in Path(__file__).resolve().parents[1].joinpath("tui").rglob("*.py"):
        raised |= set(re.findall(r'(?:InputError|Invalid)\(\s*f?"([a-z0-9_]+)"', path.read_text("utf-8")))
    raised |= {f"toml_{hint}" for hint in ("duplicate", "expected_equals", "unclosed", "bad_value",
                                           "bad_character", "syntax")}
    assert raised - set(MESSAGES) == set()
    unused = set(MESSAGES) - raised - {"missing_key", "unknown_key", "want_int", "want_number", "want_text",
                                       "want_bool", "want_table", "want_list", "not_finite", "text_pattern",
                                       "text_too_short", "text_too_long", "list_too_short", "list_too_long",
                                       "number_min", "number_above", "number_max", "number_below", "invalid_value",
                                       "want_one_of"}
    assert unused == set(), f"codes nobody raises: {sorted(unused)}"


def test_every_reason_word_has_both_languages_and_every_one_raised_is_known() -> None:
    """A reason is a word the presentation translates: never an exception's name or the OS's English."""
    import re
    from pathlib import Path

    from tui.core.files.guarded import _ERRNO_REASONS
    from tui.core.messages import REASONS_EN
    from tui.presentation.errors import REASONS_ID

    assert set(REASONS_EN) == set(REASONS_ID)
    source = "\n".join(p.read_text("utf-8") for p in Path("tui").rglob("*.py"))
    raised = set(re.findall(r'reason="(\w+)"', source)) - {"NUL"}
    assert raised <= set(REASONS_EN), raised - set(REASONS_EN)
    assert set(_ERRNO_REASONS.values()) <= set(REASONS_EN)
    assert "reason=type(" not in source and "reason=exc.strerror" not in source
