"""Names shortened for the screen: cut in the middle, their ends kept, within the room given."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.presentation.text import fit_middle, shorten_apart, shorten_middle

names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=60)


@given(names, st.integers(min_value=2, max_value=80))
def test_shorten_middle_keeps_both_ends_within_the_width(text: str, width: int) -> None:
    out = shorten_middle(text, width)
    assert len(out) <= max(width, 0)
    if len(text) <= width:
        assert out == text
    else:
        assert "…" in out and text.startswith(out.split("…")[0]) and text.endswith(out.split("…")[-1])
        assert len(out.split("…")[-1]) >= len(out.split("…")[0])  # the end keeps more


@given(st.lists(names, min_size=1, max_size=4), st.integers(min_value=0, max_value=200))
def test_fit_middle_fits_the_room_whenever_the_floors_allow(parts: list[str], room: int) -> None:
    floor = 6
    out = fit_middle(parts, room, floor=floor, weights=[1.0 + k / 2 for k in range(len(parts))])
    assert len(out) == len(parts)
    if sum(min(len(p), floor) for p in parts) <= room:
        assert sum(len(p) for p in out) <= room, (parts, room, out)
    for before, after in zip(parts, out, strict=True):
        assert after == before or (len(after) >= min(len(before), floor) - 0 and "…" in after)


def test_similar_file_names_stay_apart() -> None:
    files = [f"aceh-tengah-2025-target-{x}.toml" for x in ("baik", "cukup", "sangat-baik")]
    assert len({shorten_middle(f, 16) for f in files}) == 2  # cut in the middle alone, two look alike
    shown = shorten_apart(files, 16)
    assert len(set(shown)) == 3 and all(len(x) <= 16 for x in shown), shown
    assert shown[0].endswith("baik.toml") and shown[1].endswith("cukup.toml")


@given(st.lists(names, min_size=1, max_size=6, unique=True), st.integers(min_value=6, max_value=40))
def test_shorten_apart_stays_within_the_width(files: list[str], width: int) -> None:
    shown = shorten_apart(files, width)
    assert all(len(x) <= width for x in shown) and len(shown) == len(files)
