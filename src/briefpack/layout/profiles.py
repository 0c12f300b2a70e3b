"""ICC output profiles a layout names for PDF/X-4: read from the layout's own folder and checked to be
what a printer's profile is (an ICC output-device profile for CMYK) before a print edition embeds one.

The check reads the 128-byte ICC header (ICC.1:2010, 7.2): the declared size, the `acsp` signature,
the device class and the colour space. A PDF/X-4 OutputIntent must carry an output profile of the
print's colour space; anything else (an RGB monitor profile, a renamed file) is refused here, where
the layout's author can fix it, instead of by the printer's preflight.
"""

from __future__ import annotations

from pathlib import Path

from briefpack.errors import Location, Problem, UserError
from briefpack.untrusted import read_bytes

MAX_PROFILE_BYTES = 32 * 1024 * 1024  # press profiles are 0.5-5 MB
_HINT = "use the ICC output profile (CMYK, .icc) your printer supplies, saved in the layout's folder"


def read_output_profile(folder: Path, name: str, where: Location | None) -> bytes:
    path = folder / name
    if Path(name).is_absolute() or not path.is_file():
        raise UserError(Problem(f"`output_profile: {name}`: no such file in the layout's folder", where, hint=_HINT))
    data = read_bytes(path, limit=MAX_PROFILE_BYTES, what="ICC profile", inside=folder, kind="ICC profiles")
    why = _not_a_press_profile(data)
    if why:
        raise UserError(Problem(f"`output_profile: {name}` {why}", where, hint=_HINT))
    return data


def _not_a_press_profile(data: bytes) -> str | None:
    if len(data) < 132 or data[36:40] != b"acsp":
        return "is not an ICC profile"
    if int.from_bytes(data[0:4], "big") != len(data):
        return "is a damaged ICC profile (its header gives another size than the file has)"
    if data[12:16] != b"prtr":
        return f"is a {data[12:16].decode('latin-1').strip()!r} profile, not an output (printer) profile"
    if data[16:20] != b"CMYK":
        return f"is for {data[16:20].decode('latin-1').strip()} colour, not CMYK"
    return None
