"""Specification of page breaking: headings stay with what follows, tables split between rows, nothing loops.

Each scenario is repeated with more and more filler text before it, one section (so one fresh page)
per repetition, so that somewhere the page ends right where it matters; the page of every piece is
then read back with `pdftotext`.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from reportlab.platypus import Paragraph as RLParagraph

from briefpack.document.model import (
    Block,
    Document,
    Heading,
    KeepTogether,
    KeyValue,
    Metadata,
    Paragraph,
    Row,
    Section,
    Table,
    cell,
    runs,
)
from briefpack.fonts import FontSet
from briefpack.layout.model import Layout
from briefpack.render.pdf.breaking import PageTable
from briefpack.render.pdf.renderer import render_pdf
from render.pdf.pdf_reading import page_count, text

FILLERS = range(18, 34)  # lines of filler: the A5 booklet page holds about 28 body paragraphs


def _render(tmp_path: Path, fonts: FontSet, layout: Layout, scenario: list[Block]) -> Path:
    sections = tuple(
        Section(
            tuple(Paragraph(runs(f"filler {k}.{i}")) for i in range(k)) + tuple(_tag(b, k) for b in scenario),
            running_head="Breaking",
        )
        for k in FILLERS
    )
    pdf = tmp_path / "breaking.pdf"
    pdf.write_bytes(render_pdf(Document(Metadata("breaking"), sections), layout, fonts))
    return pdf


def _tag(block: Block, k: int) -> Block:
    """The scenario block with its texts numbered by repetition, so each can be found."""
    if isinstance(block, Heading):
        return Heading(runs(f"{block.text} {k}"), block.level)
    if isinstance(block, KeepTogether):
        return KeepTogether(tuple(_tag(b, k) for b in block.blocks))
    if isinstance(block, Paragraph):
        return Paragraph(runs(f"{block.content[0].text} {k}"), block.style)
    if isinstance(block, Table):
        return Table(
            block.widths,
            block.header,
            tuple(Row((cell(f"row {i} of {k}"), cell("x"))) for i in range(len(block.rows))),
        )
    return block


def _pages(pdf: Path) -> list[str]:
    return [text(pdf, n) for n in range(1, page_count(pdf) + 1)]


def _page_of(pages: list[str], wanted: str) -> int:
    return next(n for n, page in enumerate(pages, start=1) if wanted in page.splitlines())


def test_a_heading_stays_on_the_page_of_the_kept_block_after_it(
    tmp_path: Path, render_fonts: FontSet, booklet_layout: Layout
) -> None:
    scenario: list[Block] = [
        Heading(runs("Contact"), 2),
        KeepTogether(
            (
                Paragraph(runs("Name line")),
                *(Paragraph(runs(f"Address line {i}")) for i in range(4)),
                KeyValue((("Tel", runs("+66 2 288 2057")), ("E-mail", runs("dow@ilo.org")))),
            )
        ),
    ]
    pages = _pages(_render(tmp_path, render_fonts, booklet_layout, scenario))
    moved = 0
    for k in FILLERS:
        heading, first, last = (_page_of(pages, f"{t} {k}") for t in ("Contact", "Name line", "Address line 3"))
        tel = next(n for n, p in enumerate(pages, start=1) if f"Address line 3 {k}" in p and "+66 2 288 2057" in p)
        assert heading == first == last == tel, k
        moved += heading != _page_of(pages, f"filler {k}.0")
    assert moved, "no repetition reached the foot of a page: the scenario tests nothing"


def test_a_heading_stays_with_the_first_rows_of_a_long_table_which_splits_under_it(
    tmp_path: Path, render_fonts: FontSet, booklet_layout: Layout
) -> None:
    scenario: list[Block] = [
        Heading(runs("Timetable"), 2),
        Table((1, 1), (Row((cell("Head"), cell("x"))),), tuple(Row(()) for _ in range(30))),
    ]
    pages = _pages(_render(tmp_path, render_fonts, booklet_layout, scenario))
    under_the_text = 0
    for k in FILLERS:
        heading = _page_of(pages, f"Timetable {k}")
        first_row = next(n for n, p in enumerate(pages, start=1) if f"row 0 of {k}" in p)
        assert heading == first_row, k
        filler_end = next(n for n, p in enumerate(pages, start=1) if f"filler {k}.{k - 1}" in p.splitlines())
        under_the_text += heading == filler_end
    # The table is taller than any page; kept together with its heading it would always start a fresh
    # page and leave the rest of the previous one empty. It starts under the text whenever rows fit.
    assert under_the_text >= len(FILLERS) // 2


def test_a_table_at_the_very_foot_of_a_page_moves_instead_of_splitting_nothing_off() -> None:
    """With a sliver of room, reportlab's in-row split makes an empty first part and loops forever."""
    from reportlab.lib.styles import ParagraphStyle

    style = ParagraphStyle("t", fontName="Helvetica", fontSize=9, leading=11)
    table = PageTable(
        [[RLParagraph(f"name {i}", style), RLParagraph("value", style)] for i in range(7)],
        colWidths=(100, 100),
        splitInRow=PageTable.MIN_PIECE,
    )
    table._frame = SimpleNamespace(_height=500.0)
    assert table.split(200, 3.3) == []
    assert len(table.split(200, 40)) == 2  # room for rows: split between rows


def test_a_row_taller_than_any_page_is_cut_where_it_starts_when_room_is_left() -> None:
    """Such a row must be cut somewhere; waiting for a fresh page failed whenever a heading kept with
    the table took the top of that page (reportlab then raised "too large")."""
    from reportlab.lib.styles import ParagraphStyle

    style = ParagraphStyle("t", fontName="Helvetica", fontSize=9, leading=11)
    tall = "<br/>".join(f"line {i}" for i in range(80))  # 880 pt
    table = PageTable(
        [[RLParagraph("head", style)], [RLParagraph(tall, style)]],
        colWidths=(200,),
        repeatRows=1,
        splitInRow=PageTable.MIN_PIECE,
    )
    table._frame = SimpleNamespace(_height=500.0)
    assert table.split(200, 40) == []  # a sliver of room: move on
    for room in (300, 500):
        parts = table.split(200, room)
        assert len(parts) == 2
        assert PageTable.MIN_PIECE <= parts[0].wrap(200, room)[1] <= room
        assert parts[1].wrap(200, 500)[1] >= PageTable.MIN_PIECE


@pytest.mark.parametrize("rows", [0, 1])
def test_tiny_and_empty_tables_render(rows: int, tmp_path: Path, render_fonts: FontSet, booklet_layout: Layout) -> None:
    doc = Document(
        Metadata("t"),
        (Section((Table((1,), (), tuple(Row((cell("only"),)) for _ in range(rows))), KeyValue(()))),),
    )
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(render_pdf(doc, booklet_layout, render_fonts))
    assert ("only" in text(pdf)) == bool(rows)


def test_a_long_table_measured_only_to_the_page_end_breaks_pages_as_one_measured_whole(
    tmp_path: Path, render_fonts: FontSet, booklet_layout: Layout, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PageTable stops measuring rows once a page is full; reportlab 5.1.0 measures them all."""
    from reportlab.platypus import Table as RLTable

    rows = tuple(Row((cell(f"entry {i}"), cell("long " * (i % 7)))) for i in range(400))
    document = Document(
        Metadata("long table"), (Section((Table((1, 2), (Row((cell("Name"), cell("Note"))),), rows),)),)
    )
    measured_early = render_pdf(document, booklet_layout, render_fonts)
    monkeypatch.setattr(PageTable, "_calc_height", RLTable._calc_height)
    measured_whole = render_pdf(document, booklet_layout, render_fonts)
    assert measured_early == measured_whole
    path = tmp_path / "long.pdf"
    path.write_bytes(measured_early)
    assert page_count(path) > 8


def test_a_print_edition_laid_out_from_the_screen_story_breaks_where_a_fresh_one_does(
    render_fonts: FontSet, booklet_layout: Layout
) -> None:
    """The second edition reuses the first's flowables: what reportlab changed on them while laying out
    the first (headings it grouped with what follows, flowables it postponed) must not carry over."""
    from briefpack.render.pdf.renderer import render_pdf_editions

    scenario: list[Block] = [
        Heading(runs("Contact"), 2),
        KeepTogether((Paragraph(runs("Name line")), *(Paragraph(runs(f"Address line {i}")) for i in range(4)))),
        Heading(runs("Timetable"), 2),
        Table((1, 1), (Row((cell("Head"), cell("x"))),), tuple(Row(()) for _ in range(30))),
    ]
    sections = tuple(
        Section(tuple(Paragraph(runs(f"filler {k}.{i}")) for i in range(k)) + tuple(_tag(b, k) for b in scenario))
        for k in FILLERS
    )
    document = Document(Metadata("editions"), sections)
    _, print_from_screen = (r.data for r in render_pdf_editions(document, booklet_layout, render_fonts, (False, True)))
    assert print_from_screen == render_pdf(document, booklet_layout, render_fonts, print_ready=True)


def test_a_split_paragraph_keeps_two_lines_on_each_page(
    tmp_path: Path, render_fonts: FontSet, booklet_layout: Layout
) -> None:
    """Paragraphs of 3 to 6 lines after growing fillers: wherever one splits, neither part is a single line."""
    sections = tuple(
        Section(
            tuple(Paragraph(runs(f"filler {k}.{i}")) for i in range(k))
            + tuple(Paragraph(runs(" ".join([f"p{k}x{n}"] * (14 * n)))) for n in (3, 4, 5, 6))
        )
        for k in FILLERS
    )
    pdf = tmp_path / "widows.pdf"
    pdf.write_bytes(render_pdf(Document(Metadata("widows"), sections), booklet_layout, render_fonts))
    pages = _pages(pdf)
    split = 0
    for k in FILLERS:
        for n in (3, 4, 5, 6):
            counts = [sum(f"p{k}x{n}" in line for line in page.splitlines()) for page in pages]
            on = [c for c in counts if c]
            assert sum(on) >= n, (k, n, on)
            if len(on) > 1:
                split += 1
                assert min(on) >= 2, (k, n, on)
    assert split, "no paragraph reached a page break: the scenario tests nothing"


@pytest.mark.parametrize("rows", [3, 5, 30])
def test_a_table_never_leaves_one_row_alone_and_repeats_its_header(
    rows: int, tmp_path: Path, render_fonts: FontSet, booklet_layout: Layout
) -> None:
    """Three rows cannot be shared between two pages without leaving one alone: such a table moves."""
    scenario: list[Block] = [Table((1, 1), (Row((cell("Head"), cell("x"))),), tuple(Row(()) for _ in range(rows)))]
    pages = _pages(_render(tmp_path, render_fonts, booklet_layout, scenario))
    split = moved = 0
    for k in FILLERS:
        counts = [sum(bool(re.fullmatch(rf"row \d+ of {k}", line)) for line in page.splitlines()) for page in pages]
        on = [(n, c) for n, c in enumerate(counts) if c]
        assert sum(c for _, c in on) == rows, k
        moved += on[0][0] != _page_of(pages, f"filler {k}.{k - 1}") - 1
        if len(on) > 1:
            split += 1
            assert min(c for _, c in on) >= 2, (k, on)
            assert all("Head" in pages[n].splitlines() for n, _ in on), k
    if rows == 3:
        assert split == 0 and moved, "a three-row table must move whole, and some repetition must make it"
    else:
        assert split, "no table reached a page break: the scenario tests nothing"
