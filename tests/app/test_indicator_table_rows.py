"""A changed table row repaints the columns whose cells changed, and every cell that changed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.style import Style

from tui.app.widgets.diff_lines import cells_of
from tui.app.widgets.indicator_table import COLUMN_X, WIDTHS, _changed_columns, _segments

texts = st.text(alphabet="ab1,→●·▶ 界", max_size=30)  # 界 is two cells wide
styles = st.sampled_from(["", "muted", "changed"])
STYLES = {"": None, "muted": Style(dim=True), "changed": Style(bold=True, color="yellow")}
rows = st.tuples(*[st.tuples(texts, styles) for _ in WIDTHS])


@given(rows, rows)
def test_every_changed_cell_is_inside_a_repainted_run(before, after) -> None:  # type: ignore[no-untyped-def]
    old, new = cells_of(_segments(before, STYLES)), cells_of(_segments(after, STYLES))
    assert len(old) == len(new) == sum(w + 1 for w in WIDTHS)  # fixed columns, whatever the text
    runs = _changed_columns(before, after)
    for x, (a, b) in enumerate(zip(old, new, strict=True)):
        if a != b:
            assert any(start <= x < start + width for start, width in runs), x


def test_runs_are_the_changed_columns_merged_when_adjacent() -> None:
    row = (("1", ""), ("Kebijakan", ""), ("1,30", "muted"), ("2", ""), ("·", ""), ("", ""))
    assert _changed_columns(row, row) == []
    target = (*row[:4], ("→ 3", "changed"), ("+0,013", "changed"))
    x = COLUMN_X[4]
    assert _changed_columns(row, target) == [(x, WIDTHS[4] + 1 + WIDTHS[5] + 1)]
    marked = (("1", "changed"), *row[1:4], ("→ 3", "changed"), row[5])
    assert _changed_columns(row, marked) == [(0, WIDTHS[0] + 1), (x, WIDTHS[4] + 1)]
