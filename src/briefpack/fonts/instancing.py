"""Turning fonts reportlab cannot use as they are into static single-font files, once, in a user cache.

reportlab embeds the default outlines of a variable font and ignores its variations, so Bold would print
as Regular; it also wants one font per file. Derived files are content-addressed (source sha256, recipe,
fontTools version) and written atomically, so any number of processes may share the cache, and they are
byte-for-byte deterministic so PDFs built from them are reproducible.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile
from pathlib import Path

import fontTools
from fontTools.ttLib import TTFont

from briefpack.fonts.discovery import family_name, postscript_safe

# Bump when the derivation below changes, so stale cached files are not reused.
_RECIPE = 1

_WEIGHT_NAMES = {
    100: "Thin",
    200: "ExtraLight",
    300: "Light",
    400: "Regular",
    500: "Medium",
    600: "SemiBold",
    700: "Bold",
    800: "ExtraBold",
    900: "Black",
}


def font_cache_dir() -> Path:
    """Where derived fonts live: never inside the repository, since they are machine-specific artefacts."""
    if explicit := os.environ.get("BRIEFPACK_CACHE_DIR"):
        return Path(explicit)
    if (xdg := os.environ.get("XDG_CACHE_HOME")) and Path(xdg).is_absolute():
        return Path(xdg) / "briefpack" / "fonts"
    return Path.home() / ".cache" / "briefpack" / "fonts"


@functools.cache
def _digest(path: Path, mtime_ns: int, size: int) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def file_digest(path: Path) -> str:
    """sha256 of a file, computed once per process for each version of the file."""
    stat = path.stat()
    return _digest(path.resolve(), stat.st_mtime_ns, stat.st_size)


def _set_names(font: TTFont, names: dict[int, str]) -> None:
    """Replace name records on both platforms reportlab reads (Windows Unicode, and Mac Roman if ASCII)."""
    table = font["name"]
    for name_id, value in names.items():
        table.removeNames(nameID=name_id)
        table.setName(value, name_id, 3, 1, 0x409)
        if value.isascii():
            table.setName(value, name_id, 1, 0, 0)


def _style(weight: int, italic: bool) -> tuple[str, str]:
    """The weight's style name and the full subfamily, e.g. ("Bold", "Bold Italic")."""
    style = _WEIGHT_NAMES[min(max(round(weight / 100) * 100, 100), 900)]
    if not italic:
        return style, style
    return style, "Italic" if style == "Regular" else f"{style} Italic"


def _instance_ps_name(font: TTFont, weight: int) -> str:
    prefix = font["name"].getDebugName(25) or family_name(font) or "Font"
    _, subfamily = _style(weight, bool(font["OS/2"].fsSelection & 1))
    return postscript_safe(f"{prefix}-{subfamily.replace(' ', '')}")


def _instance(font: TTFont, weight: int) -> None:
    """Pin every axis (wght at `weight`, wdth at 100 where possible) and name the result as its own face.

    `weight` must lie on the wght axis; axes other than wght and wdth stay at their defaults. Each weight
    gets distinct family/full/PostScript names because reportlab caches faces by PostScript name: two
    instances keeping the variable font's names would both be drawn with whichever was registered first.
    """
    family = family_name(font) or "Font"
    ps_name = _instance_ps_name(font, weight)
    italic = bool(font["OS/2"].fsSelection & 1)
    limits: dict[str, float] = {}
    for axis in font["fvar"].axes:
        limits[axis.axisTag] = axis.defaultValue
        if axis.axisTag == "wght":
            limits["wght"] = weight
        elif axis.axisTag == "wdth" and axis.minValue <= 100 <= axis.maxValue:
            limits["wdth"] = 100
    from fontTools.varLib import instancer  # 0.15 s to import, needed only on a cache miss

    instancer.instantiateVariableFont(font, limits, inplace=True, static=True)

    style, subfamily = _style(weight, italic)
    bold = style == "Bold"
    names = {3: f"{ps_name};briefpack", 4: f"{family} {subfamily}", 6: ps_name}
    if style in ("Regular", "Bold"):  # the styles legacy (name ID 1/2) families can express
        names |= {1: family, 2: subfamily}
    else:
        names |= {1: f"{family} {style}", 2: "Italic" if italic else "Regular", 16: family, 17: subfamily}
    for stale in (16, 17, 25):  # typographic names and the variations PostScript prefix
        font["name"].removeNames(nameID=stale)
    _set_names(font, names)
    font["name"].removeUnusedNames(font)

    os2 = font["OS/2"]
    os2.usWeightClass = weight
    # fsSelection bits: 0 italic, 5 bold, 6 regular; macStyle bits: 0 bold, 1 italic.
    os2.fsSelection = (os2.fsSelection & ~0b1100001) | italic | (bold << 5) | ((not bold and not italic) << 6)
    font["head"].macStyle = bold | (italic << 1)


def static_font(source: Path, *, subfont: int = 0, weight: int | None = None, ps_name: str | None = None) -> Path:
    """A single static TrueType file reportlab can embed, derived from `source` only if necessary.

    `weight` instances a variable font (it must lie on its wght axis); `subfont` extracts one font of a
    .ttc collection; `ps_name` renames a font whose PostScript name another file already holds in this
    process. With none of these the source itself is returned.
    """
    is_collection = source.suffix.lower() == ".ttc"
    if weight is None and ps_name is None and not is_collection:
        return source
    font_number = subfont if is_collection else -1
    recipe = f"{file_digest(source)}|{subfont}|{weight}|{ps_name}|{fontTools.version}|{_RECIPE}"
    key = hashlib.sha256(recipe.encode()).hexdigest()[:20]
    target = font_cache_dir() / f"{_file_stem(source, font_number, weight, ps_name)}-{key}.ttf"
    if target.is_file():
        return target

    font = TTFont(source, fontNumber=font_number, recalcTimestamp=False)
    created, modified = font["head"].created, font["head"].modified
    if weight is not None:
        _instance(font, weight)
    if ps_name is not None:
        _set_names(font, {3: f"{ps_name};briefpack", 6: ps_name})
    # The source's timestamps, not the time of writing, keep the output identical from run to run.
    font["head"].created, font["head"].modified = created, modified
    _write_atomically(font, target)
    return target


def _file_stem(source: Path, font_number: int, weight: int | None, ps_name: str | None) -> str:
    """The derived file's PostScript name, so a person looking into the cache sees what each file is."""
    if ps_name is None:
        header = TTFont(source, fontNumber=font_number, lazy=True)
        ps_name = _instance_ps_name(header, weight) if weight is not None else header["name"].getDebugName(6)
    return postscript_safe(ps_name or source.stem)


def _write_atomically(font: TTFont, target: Path) -> None:
    """Write via a temporary file and os.replace, so a concurrent reader never sees a partial font."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o644)  # mkstemp's 0600 would hide a shared cache from other users
            font.save(fh)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
