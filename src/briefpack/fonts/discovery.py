"""Finding font files by family name: in the project's fonts/ folder, installed font packages, system folders.

The layers are searched in that order and the first layer holding a family supplies all of it, so a
brand font in fonts/ replaces a packaged one completely instead of being mixed with its other weights.
Discovery only opens each file's table directory and its small name, OS/2 and fvar tables: outlines
and character maps are read later, and only for the fonts actually chosen.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import re
import stat
import struct
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import uharfbuzz
from fontTools.ttLib import TTCollection, TTFont, TTLibError

# Distributions whose fonts are searched: a trailing "-" marks a name prefix, anything else an exact name.
FONT_PACKAGES: tuple[str, ...] = ("fontpkg-", "justmytype-", "rendercv-fonts")
FONT_SUFFIXES: frozenset[str] = frozenset({".ttf", ".otf", ".ttc"})

Source = Literal["project", "package", "system"]


def default_system_dirs() -> tuple[Path, ...]:
    """The usual Linux font folders; read directly so no fontconfig/fc-list is needed."""
    home = Path.home()
    return (
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local/share/fonts",
        home / ".fonts",
    )


def normalize_family(family: str) -> str:
    """Family names are matched ignoring case and spacing, as people type them in layouts."""
    return " ".join(family.split()).casefold()


@dataclass(frozen=True)
class FontFile:
    """One usable font found during discovery: TrueType (glyf) outlines and embedding allowed.

    Fonts with CFF outlines never become a FontFile; they are SkippedFont entries saying so.
    """

    path: Path
    subfont: int  # index inside a .ttc collection, 0 for single fonts
    family: str  # see family_name
    ps_name: str
    weight: int  # OS/2 usWeightClass
    italic: bool
    is_variable: bool
    wght_range: tuple[float, float] | None  # the wght axis of a variable font, if it has one
    source: Source


@dataclass(frozen=True)
class SkippedFont:
    """A font file discovery cannot use, with the reason, so errors can say why a family was not taken."""

    path: Path
    reason: str
    family: str | None  # None when the file could not even be read


@dataclass(frozen=True)
class FontLayer:
    """The fonts of one search location (project, packages or system) and what it skipped there."""

    source: Source
    where: str  # human description of what was searched, for error messages
    fonts: tuple[FontFile, ...]
    skipped: tuple[SkippedFont, ...]

    def family(self, family: str) -> tuple[FontFile, ...]:
        wanted = normalize_family(family)
        return tuple(f for f in self.fonts if normalize_family(f.family) == wanted)


def _name(font: TTFont, *name_ids: int) -> str | None:
    table = font["name"]
    for name_id in name_ids:
        value: str | None = table.getDebugName(name_id)
        if value and value.strip():
            return value.strip()
    return None


def family_name(font: TTFont) -> str | None:
    """The typographic family (name ID 16), which groups every weight, else the legacy family (ID 1).

    Legacy families hold at most Regular/Bold/Italic/Bold Italic, so other weights get their own
    (e.g. "Noto Sans Thai SemiBold"); preferring ID 16 keeps them in the family a layout names.
    """
    return _name(font, 16, 1)


def postscript_safe(text: str) -> str:
    """`text` reduced to what a PostScript name may contain: printable ASCII without delimiters."""
    return re.sub(r"[^!-~]|[\[\](){}<>/%]", "", text)[:63]


def _describe(font: TTFont, path: Path, subfont: int, source: Source) -> FontFile | SkippedFont:
    family = family_name(font)
    if family is None:
        return SkippedFont(path, "has no family name", None)
    if "glyf" not in font:
        kind = "CFF (PostScript)" if ("CFF " in font or "CFF2" in font) else "no vector"
        reason = f"{kind} outlines; reportlab can only embed TrueType (glyf) outlines"
        return SkippedFont(path, reason, family)
    os2 = font.get("OS/2")
    # Mirrors reportlab's own check, which refuses these fonts only when a document is written.
    if os2 is not None and (os2.fsType == 0x0002 or os2.fsType & 0x0300):
        return SkippedFont(path, f"its licence forbids embedding (OS/2 fsType {os2.fsType:#06x})", family)
    wght_range = None
    if "fvar" in font:
        for axis in font["fvar"].axes:
            if axis.axisTag == "wght":
                wght_range = (axis.minValue, axis.maxValue)
    return FontFile(
        path=path,
        subfont=subfont,
        family=family,
        ps_name=_name(font, 6) or postscript_safe(family),
        weight=os2.usWeightClass if os2 is not None else 400,
        italic=bool(os2.fsSelection & 1) if os2 is not None else bool(font["head"].macStyle & 2),
        is_variable="fvar" in font,
        wght_range=wght_range,
        source=source,
    )


@functools.cache
def _read(path: Path, mtime_ns: int, size: int, source: Source) -> tuple[FontFile | SkippedFont, ...]:
    """Describe every font in one file; keyed by mtime and size so an edited file is read again."""
    try:
        is_collection = path.suffix.lower() == ".ttc"
        fonts = TTCollection(path, lazy=True).fonts if is_collection else [TTFont(path, lazy=True)]
        for font in fonts:
            _check_tables_fit(font, size)
        return tuple(_describe(font, path, i, source) for i, font in enumerate(fonts))
    except (TTLibError, OSError, KeyError, AssertionError, ValueError, EOFError, struct.error) as exc:
        # fontTools signals damaged files with a variety of exceptions; none should stop discovery.
        return (SkippedFont(path, f"unreadable ({exc.__class__.__name__}: {exc})", None),)


def _check_tables_fit(font: TTFont, size: int) -> None:
    """A truncated file opens lazily and fails only when reportlab embeds it, mid-build: every table
    the directory lists must lie inside the file."""
    for tag, entry in font.reader.tables.items():
        if entry.offset + entry.length > size:
            raise TTLibError(f"table {tag!r} runs past the end of the file (truncated?)")


def _scan(source: Source, where: str, files: Iterable[Path], inside: Path | None = None) -> FontLayer:
    """Describe the font files; with `inside` (the project's own fonts/ folder, which users share and
    unzip), a link out of that folder is skipped rather than read."""
    fonts: list[FontFile] = []
    skipped: list[SkippedFont] = []
    for path in files:
        try:
            info = path.stat()
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block the build forever
            skipped.append(SkippedFont(path, "not a regular file", None))
            continue
        if inside is not None and not path.resolve().is_relative_to(inside.resolve()):
            skipped.append(SkippedFont(path, f"a link to a file outside {inside}", None))
            continue
        for item in _read(path, info.st_mtime_ns, info.st_size, source):
            if isinstance(item, FontFile):
                fonts.append(item)
            else:
                skipped.append(item)
    return FontLayer(source, where, tuple(fonts), tuple(skipped))


def _font_files_under(root: Path) -> list[Path]:
    """Font files below `root`, following symlinked folders (common in font trees) but never in a loop."""
    found: list[Path] = []
    seen: set[str] = set()
    for folder, dirs, names in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs.clear()
            continue
        seen.add(real)
        found.extend(Path(folder, n) for n in names if Path(n).suffix.lower() in FONT_SUFFIXES)
    return sorted(found)


def _is_font_package(name: str) -> bool:
    return any(name == p or (p.endswith("-") and name.startswith(p)) for p in FONT_PACKAGES)


def _font_packages() -> list[tuple[str, list[Path]]]:
    """Installed font distributions in name order, each with its font files.

    Name order makes the choice between two packages shipping one family stable: dedicated fontpkg-*
    packages come before bundles. A distribution seen twice on sys.path counts once, as Python imports it.
    """
    packages: dict[str, list[Path]] = {}
    for dist in importlib.metadata.distributions():
        name = re.sub(r"[-_.]+", "-", dist.metadata["Name"] or "").lower()
        if not _is_font_package(name) or name in packages:
            continue
        fonts = (f for f in dist.files or () if f.suffix.lower() in FONT_SUFFIXES)
        packages[name] = sorted(p for p in (Path(str(dist.locate_file(f))) for f in fonts) if p.is_file())
    return sorted(packages.items())


class FontIndex:
    """Family lookup over the three layers, scanning each layer only when an earlier one lacks a family.

    With the default fonts all found in packages, system folders are never scanned at all.
    """

    def __init__(self, project_fonts: Path | None, system_dirs: Sequence[Path] | None = None) -> None:
        self._project_fonts = project_fonts
        self._system_dirs = tuple(default_system_dirs() if system_dirs is None else system_dirs)
        self._layers: list[FontLayer] = []

    @property
    def project_fonts(self) -> Path | None:
        return self._project_fonts

    @property
    def system_dirs(self) -> tuple[Path, ...]:
        return self._system_dirs

    def _project_layer(self) -> FontLayer:
        root = self._project_fonts
        if root is None:
            return FontLayer("project", "project fonts folder: none given", (), ())
        return _scan("project", f"project fonts folder {root}", _font_files_under(root), inside=root)

    def _package_layer(self) -> FontLayer:
        packages = _font_packages()
        wanted = ", ".join(p + "*" if p.endswith("-") else p for p in FONT_PACKAGES)
        where = f"installed font packages: {', '.join(n for n, _ in packages) or 'none'} (searched {wanted})"
        return _scan("package", where, (p for _, files in packages for p in files))

    def _system_layer(self) -> FontLayer:
        where = "system font folders " + ", ".join(str(d) for d in self._system_dirs)
        return _scan("system", where, (p for d in self._system_dirs for p in _font_files_under(d)))

    def layers(self) -> Iterator[FontLayer]:
        """The layers in search order, each scanned on first use and then kept."""
        for number, scan in enumerate((self._project_layer, self._package_layer, self._system_layer)):
            if number == len(self._layers):
                self._layers.append(scan())
            yield self._layers[number]

    def find(self, family: str) -> tuple[FontFile, ...]:
        """All usable files of `family` from the first layer that has any; empty if none has."""
        for layer in self.layers():
            files = layer.family(family)
            if files:
                return files
        return ()

    def skipped(self, family: str | None = None) -> list[SkippedFont]:
        """Files every layer skipped (scanning all layers), optionally only those of one family."""
        wanted = None if family is None else normalize_family(family)
        return [
            s
            for layer in self.layers()
            for s in layer.skipped
            if wanted is None or (s.family is not None and normalize_family(s.family) == wanted)
        ]


@functools.cache
def codepoints(path: Path, subfont: int = 0) -> frozenset[int]:
    """The characters a font maps. harfbuzz reads the cmap in C: fontTools took a quarter of a second
    for a CJK font (it names every glyph first), a cost every build paid before its first job."""
    return frozenset(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path)), subfont).unicodes)


@functools.cache
def postscript_name(path: Path) -> str | None:
    """Name ID 6 of a single font file: reportlab keys its font registry on it."""
    return _name(TTFont(path, lazy=True), 6)
