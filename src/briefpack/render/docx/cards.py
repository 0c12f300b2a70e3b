"""Business cards in Word: a table of fixed-size cells, one card each, on a sheet centred for cutting.

Each row is exactly one card high (`hRule="exact"`) and may not break; the section's margins centre the
grid (see geometry.card_sheet; the grid itself is the resolve stage's), so the dashed cell borders
are the cut lines. Inside a card, a borderless two-column table puts the text beside its vCard QR
code. Text that does not fit is cut off, not shrunk: the PDF cards are the print product, these are
for editing a single card in Word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from briefpack.document.model import Card, CardGrid
from briefpack.document.sheets import SheetGeometry
from briefpack.layout.model import CardStyle
from briefpack.render.docx.images import picture_run, qr_png
from briefpack.render.docx.ooxml import TC_PR, TR_PR, el, set_child, twips
from briefpack.render.docx.styles import CARD_QR
from briefpack.render.vcard import qr_payload

if TYPE_CHECKING:
    from briefpack.render.docx.renderer import DocxRenderer

QR_MARGIN_MM = 0.5  # keeps the picture strictly narrower than its column, or Word wraps it


def _cell(width: int, children: list[etree._Element]) -> etree._Element:
    tcpr = el("w:tcPr")
    set_child(tcpr, el("w:tcW", {"w:w": width, "w:type": "dxa"}), TC_PR)
    return el("w:tc", None, tcpr, *children)


def _row(height_mm: float) -> etree._Element:
    trpr = el("w:trPr")
    set_child(trpr, el("w:cantSplit"), TR_PR)
    set_child(trpr, el("w:trHeight", {"w:val": twips(height_mm), "w:hRule": "exact"}), TR_PR)
    return el("w:tr", None, trpr)


class CardWriter:
    def __init__(self, renderer: DocxRenderer) -> None:
        self.r = renderer

    def grid(self, grid: CardGrid, sheet: SheetGeometry) -> list[etree._Element]:
        style = self.r.resolved.styles.card(grid.style)
        widths: list[int] = []
        for column in range(sheet.columns):
            if column and style.gutter:
                widths.append(twips(style.gutter))
            widths.append(twips(style.width))
        tbl = self.r.tables.new(self.r.styles.card_grid(grid.style, style), widths)
        for start in range(0, len(grid.cards), sheet.columns):
            row_on_sheet = (start // sheet.columns) % sheet.rows
            if row_on_sheet and style.gutter:  # gutters only between rows of one sheet
                gutter = _row(style.gutter)
                for w in widths:
                    gutter.append(_cell(w, [self.r.spacer_paragraph()]))
                tbl.append(gutter)
            row = _row(style.height)
            chunk = grid.cards[start : start + sheet.columns]
            for column in range(sheet.columns):
                if column and style.gutter:
                    row.append(_cell(twips(style.gutter), [self.r.spacer_paragraph()]))
                card = chunk[column] if column < len(chunk) else None
                content = self.card(card, style) if card else [self.r.spacer_paragraph()]
                row.append(_cell(twips(style.width), content))
            tbl.append(row)
        return [tbl]

    def card(self, card: Card, style: CardStyle) -> list[etree._Element]:
        lines = [p for line in card.lines for p in self.r.block(line, style.width - 2 * style.padding)]
        payload = qr_payload(card, style)
        if not payload:
            return lines
        inner = style.width - 2 * style.padding
        widths = [twips(inner - style.qr_size), twips(style.qr_size)]
        body = self.r.tables.new(self.r.styles.table("card-body"), widths)
        picture = picture_run(
            self.r.word.part,
            qr_png(payload, style.qr_size, quiet=False),  # the card's padding is the quiet zone
            style.qr_size - QR_MARGIN_MM,
            f"QR code: contact card of {card.label}" if card.label else "QR code: contact card",
            f"the QR code of {card.label or 'a card'}",
        )
        code = self.r.styled_paragraph(self.r.styles.style_id(CARD_QR))
        code.append(picture)
        row = el("w:tr")
        row.append(_cell(widths[0], lines or [self.r.spacer_paragraph()]))
        row.append(_cell(widths[1], [code]))
        body.append(row)
        return [body, self.r.spacer_paragraph()]
