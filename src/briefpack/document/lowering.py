"""Composite blocks expressed as plain tables, the same way for every renderer.

A schedule grid is a three-column table (time | session and detail | room) with highlighted rows,
and a key-value block a header-less two-column table. Lowering them here, once, keeps the PDF and
the DOCX of one document identical in structure; renderers only add what their format needs
(keeping rows together, borders).
"""

from __future__ import annotations

from dataclasses import replace

from briefpack.document.model import Block, Cell, KeyValue, Paragraph, Row, Run, ScheduleGrid, Table, cell, runs

SCHEDULE_WIDTHS = (1.3, 4.6, 1.6)
KEY_VALUE_WIDTHS = (1.0, 3.2)


def schedule_table(grid: ScheduleGrid, header_style: str, body_style: str) -> Table:
    header = Row(tuple(cell(label, style=header_style) for label in grid.labels))
    rows = []
    for item in grid.items:
        title = item.title
        if item.target:
            title = tuple(replace(r, target=item.target) if r.link is None and r.target is None else r for r in title)
        what: tuple[Block, ...] = (Paragraph(title, style=body_style),)
        if item.detail:
            what += (Paragraph(item.detail, style=body_style),)
        when = f"{item.start}\u2013{item.end}" if item.end else item.start
        rows.append(
            Row(
                (cell(when, style=body_style), Cell(what), cell(item.place, style=body_style)),
                highlight=item.highlight,
            )
        )
    return Table(SCHEDULE_WIDTHS, (header,), tuple(rows), style=grid.style, caption=grid.title or None)


def key_value_rows(block: KeyValue, key_style: str, value_style: str) -> tuple[Row, ...]:
    return tuple(
        Row((Cell((Paragraph(runs(Run(key)), style=key_style),)), Cell((Paragraph(value, style=value_style),))))
        for key, value in block.pairs
    )
