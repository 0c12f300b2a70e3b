"""QR codes drawn as vector squares: a vCard on a card, a link in a booklet.

All dark modules go into one filled path, so viewers show no hairline seams between them.

Error correction is level M (15 %) when the modules then stay at least `MIN_MODULE` wide at the
printed size, else level L (7 %): a vCard of 500+ bytes in an 18 mm square is already dense, and a
phone reads larger modules with less correction more reliably than tiny ones with more.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from briefpack.render.pdf.ledger import record_picture
from briefpack.render.pdf.tagging import Node, tagged
from briefpack.render.qr import QUIET_ZONE, Matrix, qr_modules

MIN_MODULE = 0.3 * mm


def qr_matrix(payload: str, size: float, quiet: bool = True) -> tuple[Matrix, float]:
    """The modules to draw in a square of `size` points, and the module width (see module docstring)."""
    border = 2 * QUIET_ZONE if quiet else 0
    modules = qr_modules(payload, "M")
    if size / (len(modules) + border) < MIN_MODULE:
        modules = qr_modules(payload, "L")
    return modules, size / (len(modules) + border)


def draw_qr(canv: Canvas, payload: str, x: float, y: float, size: float, colour: Any, quiet: bool = True) -> None:
    """Draw the code in the square (x, y, size).

    With `quiet`, the white quiet zone of four modules is inside the square; without, the code fills
    the square and the caller guarantees four modules of white around it (card padding does).
    """
    modules, unit = qr_matrix(payload, size, quiet)
    count = len(modules)
    margin = QUIET_ZONE if quiet else 0
    path = canv.beginPath()
    for r, row in enumerate(modules):
        top = y + size - (margin + r) * unit
        c = 0
        while c < count:
            if row[c]:
                start = c
                while c < count and row[c]:
                    c += 1
                path.rect(x + (margin + start) * unit, top - unit, (c - start) * unit, unit)
            else:
                c += 1
    canv.saveState()
    canv.setFillColor(colour)
    canv.drawPath(path, stroke=0, fill=1)
    canv.restoreState()
    record_picture(canv)


class QrFlowable(Flowable):
    """A square QR code of `size` points in the text flow."""

    tag: Node | None = None  # its Figure

    def __init__(self, payload: str, size: float, colour: Any, h_align: str = "LEFT") -> None:
        super().__init__()
        self.payload = payload
        self.largest = size
        self.size = size
        self.colour = colour
        self.hAlign = h_align
        qr_modules(payload)  # a payload too long for any QR version fails here, not mid-layout

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.size = max(0.0, min(self.largest, availWidth))  # a narrow cell shrinks it for this wrap only
        return (self.size, self.size)

    def draw(self) -> None:
        with tagged(self.canv, self.tag):
            draw_qr(self.canv, self.payload, 0, 0, self.size, self.colour)
