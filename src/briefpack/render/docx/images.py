"""Pictures in the DOCX: raster images as given, QR codes drawn as crisp PNGs, each with alt text.

reportlab's QR encoder (the one the PDF uses, so both formats encode alike) gives the module matrix;
the PNG is written here with zlib, one byte-identical file per payload. That avoids renderPM (it needs
a C extension or rlPyCairo, neither a dependency) and Pillow's encoder-version differences.
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

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
TARGET_DPI = 600


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR code's dark modules, row by row, with error correction level M (survives a smudge)."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    return [[bool(module) for module in row] for row in code.modules]


@functools.lru_cache(maxsize=4096)
def qr_png(payload: str, width_mm: float) -> bytes:
    """A black-on-white PNG of the code, whole pixels per module so no scaler blurs the edges.

    Cached: encoding takes ~50 ms in pure Python, and packets, press kits and card sheets of one build
    encode the same vCards again.
    """
    matrix = qr_matrix(payload)
    modules = len(matrix) + 2 * QUIET_ZONE
    scale = max(1, math.ceil(width_mm / 25.4 * TARGET_DPI / modules))
    size = modules * scale
    blank = [False] * QUIET_ZONE
    rows = []
    for row in (
        [[False] * (modules - 2 * QUIET_ZONE)] * QUIET_ZONE + matrix + [[False] * len(matrix)] * QUIET_ZONE
    ):
        bits = [dark for dark in blank + row + blank for _ in range(scale)]
        packed = bytearray()
        for i in range(0, size, 8):
            byte = 0
            for j, dark in enumerate(bits[i : i + 8]):
                if not dark:  # 1-bit greyscale: 1 is white
                    byte |= 0x80 >> j
            packed.append(byte)
        rows.extend([b"\x00" + bytes(packed)] * scale)
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


def picture_run(part: StoryPart, data: bytes, width_mm: float, alt: str, what: str) -> etree._Element:
    """A run holding an inline picture `width_mm` wide, its alt text in `wp:docPr/@descr`.

    `what` names the picture in the error raised for bytes that are not PNG, JPEG, GIF, BMP or TIFF.
    """
    try:
        inline = part.new_pic_inline(io.BytesIO(data), width=Emu(round(width_mm * EMU_PER_MM)))
    except UnrecognizedImageError:
        raise UserError(
            Problem(f"{what} is not an image Word can show", hint="use a PNG or JPEG file")
        ) from None
    doc_pr = inline.find(qn("wp:docPr"))
    doc_pr.set("descr", xml_text(alt))
    return el("w:r", None, el("w:drawing", None, inline))
