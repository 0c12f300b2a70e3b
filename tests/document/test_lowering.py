"""Composite blocks lowered to plain tables once, for every renderer (`briefpack.document.lowering`)."""

from __future__ import annotations

from briefpack.document.lowering import KEY_VALUE_WIDTHS, SCHEDULE_WIDTHS, key_value_rows, schedule_table
from briefpack.document.model import KeyValue, Paragraph, Run, ScheduleGrid, ScheduleItem, runs


def _texts(cell) -> list[str]:
    return ["".join(r.text for r in block.content) for block in cell.content if isinstance(block, Paragraph)]


def test_a_schedule_is_a_three_column_table_with_its_labels_as_header_and_highlights_kept() -> None:
    grid = ScheduleGrid(
        runs("Thursday 12 July 2007"),
        (
            ScheduleItem("09:00", "10:30", runs("Opening"), runs("Main Hall speeches"), "Hall A", target="s-open"),
            ScheduleItem("10:30", "", runs("Break"), highlight=True),
        ),
    )
    table = schedule_table(grid, "table-head", "table-body")
    assert table.widths == SCHEDULE_WIDTHS and table.caption == runs("Thursday 12 July 2007")
    [header] = table.header
    assert [_texts(c) for c in header.cells] == [["Time"], ["Session"], ["Room"]]
    first, second = table.rows
    assert [_texts(c) for c in first.cells] == [["09:00\u201310:30"], ["Opening", "Main Hall speeches"], ["Hall A"]]
    assert first.cells[1].content[0].content[0].target == "s-open"  # the title links to its session
    assert _texts(second.cells[0]) == ["10:30"] and second.highlight and not first.highlight


def test_a_title_that_already_links_elsewhere_keeps_its_own_link() -> None:
    item = ScheduleItem("09:00", "10:00", (Run("Site", link="https://example.org"),), target="s-1")
    [row] = schedule_table(ScheduleGrid(runs("Day"), (item,)), "h", "b").rows
    assert row.cells[1].content[0].content[0].link == "https://example.org"
    assert row.cells[1].content[0].content[0].target is None


def test_key_values_are_one_row_each_in_the_two_columns() -> None:
    rows = key_value_rows(KeyValue((("Tel", runs("+66 2 288 2057")), ("E-mail", runs("dow@ilo.org")))), "key", "value")
    assert [[_texts(c) for c in row.cells] for row in rows] == [
        [["Tel"], ["+66 2 288 2057"]],
        [["E-mail"], ["dow@ilo.org"]],
    ]
    assert len(KEY_VALUE_WIDTHS) == 2
