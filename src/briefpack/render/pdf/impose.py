"""Saddle-stitch imposition: booklet pages two-up on sheets that read in order once folded.

An office printer prints the imposed file duplex (flip on the short edge); the stack is folded in
half and stapled on the fold. For n pages (padded with blanks to a multiple of four), sheet k's
front carries pages (n - 2k, 2k + 1) and its back (2k + 2, n - 2k - 1), counting from 1 — for
eight pages: 8,1 / 2,7 / 6,3 / 4,5.

Each source page becomes one form XObject (its content stream as is, its resources copied), drawn
on the sheet with a translation: nothing is re-rendered and no content stream is parsed, which
made pypdf's `merge_transformed_page` the slowest step of a booklet build. Links are not carried:
on a sheet meant for the printer they would point at pages the imposed file does not have.
"""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, IndirectObject, NameObject

Spread = tuple[int | None, int | None]  # 1-based page numbers; None is a blank


def booklet_order(pages: int) -> list[Spread]:
    """The left/right page of every imposed side, front then back of each sheet, blanks as None."""
    padded = -(-pages // 4) * 4 if pages else 0

    def real(number: int) -> int | None:
        return number if number <= pages else None

    sides: list[Spread] = []
    for k in range(padded // 4):
        sides.append((real(padded - 2 * k), real(2 * k + 1)))
        sides.append((real(2 * k + 2), real(padded - 2 * k - 1)))
    return sides


def impose_saddle_stitch(pdf: bytes, sheet: tuple[float, float] | None = None) -> bytes:
    """Place a booklet's pages two-up in booklet order, the spread centred on `sheet` (points).

    Without `sheet` the side is exactly two pages wide. A5 pages go on A4 and half-letter on
    Letter, which are a millimetre or so wider than two pages: centring splits that evenly, so
    the fold stays on the sheet's centre line.
    """
    reader = PdfReader(io.BytesIO(pdf))
    first = reader.pages[0]
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    sheet_width, sheet_height = sheet or (2 * width, height)
    x0, y0 = (sheet_width - 2 * width) / 2, (sheet_height - height) / 2
    writer = PdfWriter()
    forms: dict[int, IndirectObject] = {}
    for left, right in booklet_order(len(reader.pages)):
        placed = [(number, x) for number, x in ((left, x0), (right, x0 + width)) if number is not None]
        for number, _ in placed:
            if number not in forms:
                forms[number] = _page_form(reader.pages[number - 1], writer)
        side = PageObject.create_blank_page(width=sheet_width, height=sheet_height)
        side[NameObject("/Resources")] = DictionaryObject(
            {
                NameObject("/XObject"): DictionaryObject(
                    {NameObject(f"/P{number}"): forms[number] for number, _ in placed}
                )
            }
        )
        content = DecodedStreamObject()
        content.set_data(" ".join(f"q 1 0 0 1 {x:.4f} {y0:.4f} cm /P{number} Do Q" for number, x in placed).encode())
        side[NameObject("/Contents")] = writer._add_object(content)
        writer.add_page(side)
    writer.add_metadata({k: v for k, v in (reader.metadata or {}).items() if isinstance(v, str)})
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _page_form(page: PageObject, writer: PdfWriter) -> IndirectObject:
    """The page as a form XObject in `writer`: its content, its resources, its media box as the bounding box."""
    form = DecodedStreamObject()
    form.set_data(page.get_contents().get_data() if page.get_contents() is not None else b"")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(FloatObject(v) for v in page.mediabox),
            NameObject("/Resources"): page.get("/Resources", DictionaryObject()).clone(writer),
        }
    )
    return writer._add_object(form.flate_encode())
