"""QR module matrices, one encoder for both formats so a vCard scans the same from paper and from Word.

The payload is always encoded as UTF-8 bytes in byte mode with no ECI header: phone scanners read
that as UTF-8, while a text mode choice (Kanji, or an ECI they ignore) would be read differently.
Encoding is zxing-cpp's C++ writer (about 2 ms a code); a pure-Python encoder took 50-150 ms per
vCard and was the largest single cost of a build with cards.
"""

from __future__ import annotations

import functools

import zxingcpp

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
Matrix = tuple[tuple[bool, ...], ...]


@functools.lru_cache(maxsize=4096)
def qr_modules(payload: str, level: str = "M") -> Matrix:
    """The module matrix (True = dark) for `payload` at error correction `level` ("L", "M", "Q", "H").

    Raises ValueError when the payload is empty or longer than the largest QR code holds.
    """
    data = payload.encode("utf-8")
    if not data:
        raise ValueError("a QR code needs some text")
    try:
        code = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level=level)
    except ValueError:
        raise ValueError(f"QR payload of {len(data)} bytes is too long for a QR code") from None
    image = memoryview(code.to_image(scale=1, add_quiet_zones=False))
    size = image.shape[0]
    pixels = image.tobytes()
    return tuple(tuple(pixels[r * size + c] == 0 for c in range(size)) for r in range(size))
