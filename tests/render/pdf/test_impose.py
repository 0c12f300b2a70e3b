"""Saddle-stitch imposition: folded and stapled, the printed stack reads 1, 2, 3, ... in order."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, A5, LETTER, landscape
from reportlab.pdfgen.canvas import Canvas

from briefpack.render.pdf.impose import booklet_order, impose_saddle_stitch
from conftest import require_tool

HALF_LETTER = (LETTER[1] / 2, LETTER[0])
SHEET_OF = {A5: landscape(A4), HALF_LETTER: landscape(LETTER)}


def numbered_pages(count: int, size: tuple[float, float] = A5) -> bytes:
    """A PDF whose page n shows only the word `pageN`, so extracted text names the page."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size, invariant=1)
    for n in range(1, count + 1):
        canvas.drawString(72, 72, f"page{n}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_eight_pages_impose_as_printers_expect() -> None:
    assert booklet_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


@pytest.mark.parametrize("pages, padded", [(4, 4), (8, 8), (12, 12), (13, 16), (1, 4)])
def test_every_page_appears_once_and_blanks_pad_to_a_multiple_of_four(pages: int, padded: int) -> None:
    order = booklet_order(pages)
    assert len(order) * 2 == padded
    placed = [n for side in order for n in side if n is not None]
    assert sorted(placed) == list(range(1, pages + 1))
    assert sum(n is None for side in order for n in side) == padded - pages


@pytest.mark.parametrize("pages", [4, 8, 12, 13])
def test_folded_stack_reads_in_order(pages: int) -> None:
    """Simulate the fold: reading each sheet's front right, back left, back right, front left..."""
    order = booklet_order(pages)
    sheets = [(order[i], order[i + 1]) for i in range(0, len(order), 2)]
    first_half = [n for front, back in sheets for n in (front[1], back[0])]
    second_half = [n for front, back in reversed(sheets) for n in (back[1], front[0])]
    reading = [n for n in first_half + second_half if n is not None]
    assert reading == list(range(1, pages + 1))


@pytest.mark.parametrize("size", [A5, HALF_LETTER], ids=["A5-on-A4", "half-letter-on-Letter"])
@pytest.mark.parametrize("pages", [4, 8, 12, 13])
def test_imposed_pdf_places_pages_in_booklet_order(pages: int, size: tuple[float, float], tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    imposed = impose_saddle_stitch(numbered_pages(pages, size), SHEET_OF[size])
    reader = PdfReader(io.BytesIO(imposed))
    assert len(reader.pages) == len(booklet_order(pages))
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(SHEET_OF[size])
    width, height = size
    assert (2 * width, height) == pytest.approx(SHEET_OF[size], abs=3)  # two pages fill one sheet
    target = tmp_path / "imposed.pdf"
    target.write_bytes(imposed)
    for side, (left, right) in enumerate(booklet_order(pages), start=1):
        text = subprocess.run(
            [pdftotext, "-layout", "-f", str(side), "-l", str(side), str(target), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        assert text == [f"page{n}" for n in (left, right) if n is not None]
