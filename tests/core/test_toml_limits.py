"""The structure limits' quick test never lets through what the exact scan refuses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.errors import InputError
from tui.core.files.toml_limits import MAX_DEPTH, MAX_KEY_PARTS, _scan, check_structure, plainly_within

# Text made mostly of what the limits look at, with strings, comments and header-looking lines.
PIECES = st.sampled_from(["[", "]", "[[", "]]", "{", "}", ".", "=", ",", "\n", "a", "1", "_", " ", '"', "'",
                          '"""', "#", "\n[a.b]\n", "\n[[c]]\n", "x = [", "k.k.k", "12345", '"[["', "'..'"])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=120))
def test_quick_yes_means_the_scan_agrees(pieces: list[str]) -> None:
    text = "".join(pieces)
    if plainly_within(text):
        _scan(text, "x.toml")  # must not raise


@pytest.mark.parametrize(("text", "code"), [
    ("a" + ".a" * MAX_KEY_PARTS + " = 1\n", "toml_key_too_long"),
    ("x = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n", "toml_too_deep"),
    ("x = [\n" + "[a]\n" * 3 + "[" * MAX_DEPTH + "\n", "toml_too_deep"),
    ("x = " + "1" * 401 + "\n", "number_too_long"),
    ("x = " + "1_" * 201 + "\n", "number_too_long"),
    ("x = { " + "a.\n" * MAX_KEY_PARTS + "b = 1 }\n", "toml_key_too_long"),
])
def test_what_the_scan_refuses_is_refused(text: str, code: str) -> None:
    assert not plainly_within(text)
    with pytest.raises(InputError) as err:
        check_structure(text, "x.toml")
    assert err.value.code == code


def test_an_ordinary_scenario_passes_quickly() -> None:
    text = '[scenario]\nname = "Baseline"\nyear = 2025\n\n[baseline]\n"1" = 2.5\n"2" = 3\n\n[[evidence]]\nx = 1\n'
    assert plainly_within(text)
