"""Pictures in the DOCX: raster images as given, QR codes drawn as crisp PNGs, each with alt text.

The QR module matrix comes from the encoder the PDF uses, so both formats encode alike; the PNG is
written here with zlib, one byte-identical file per payload. That avoids renderPM (it needs a C
extension or rlPyCairo, neither a dependency) and Pillow's encoder-version differences.
"""

from __future__ import annotations

import functools
import io
import math
import struct
import zlib

from docx.image.exceptions import UnrecognizedImageError
from docx.oxml.ns import qn
from docx.parts.story import StoryPart
from docx.shared import Emu
from lxml import etree

from briefpack.errors import Problem, UserError
from briefpack.render.docx.ooxml import EMU_PER_MM, el, xml_text
from briefpack.render.qr import QUIET_ZONE, qr_modules

TARGET_DPI = 600


@functools.lru_cache(maxsize=4096)
def qr_png(payload: str, width_mm: float, quiet: bool = True) -> bytes:
    """A 1-bit black-on-white PNG of the code (level M), whole pixels per module so no scaler blurs the edges.

    With `quiet`, the four modules of white the standard asks for are inside the picture; without,
    the code fills it and the caller leaves the white around it (a card's padding). Cached: packets,
    press kits and card sheets of one build show the same vCards again.
    """
    matrix = qr_modules(payload, "M")
    zone = QUIET_ZONE if quiet else 0
    modules = len(matrix) + 2 * zone
    scale = max(1, math.ceil(width_mm / 25.4 * TARGET_DPI / modules))
    size = modules * scale
    padding = "1" * (-size % 8)  # rows end on a whole byte
    quiet_row = _png_row("1" * size + padding, scale)
    margin = "1" * (zone * scale)
    rows = [quiet_row] * zone
    for row in matrix:
        bits = margin + "".join(("0" if dark else "1") * scale for dark in row) + margin + padding
        rows.append(_png_row(bits, scale))
    rows += [quiet_row] * zone
    dots_per_metre = round(size / (width_mm / 1000))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0))
        + chunk(b"pHYs", struct.pack(">IIB", dots_per_metre, dots_per_metre, 1))
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def _png_row(bits: str, repeat: int) -> bytes:
    """`repeat` PNG scanlines (filter byte 0) of the 1-bit pixels in `bits` ("1" is white)."""
    line = b"\x00" + int(bits, 2).to_bytes(len(bits) // 8, "big")
    return line * repeat


def picture_run(part: StoryPart, data: bytes, width_mm: float, alt: str, what: str) -> etree._Element:
    """A run holding an inline picture `width_mm` wide, its alt text in `wp:docPr/@descr`.

    `what` names the picture in the error raised for bytes that are not PNG, JPEG, GIF, BMP or TIFF.
    """
    try:
        inline = part.new_pic_inline(io.BytesIO(data), width=Emu(round(width_mm * EMU_PER_MM)))
    except UnrecognizedImageError:
        raise UserError(Problem(f"{what} is not an image Word can show", hint="use a PNG or JPEG file")) from None
    doc_pr = inline.find(qn("wp:docPr"))
    doc_pr.set("descr", xml_text(alt))
    return el("w:r", None, el("w:drawing", None, inline))
