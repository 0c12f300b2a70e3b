"""Fonts inside the .docx, as Word's "Embed fonts in the file" writes them (ECMA-376 Part 1, 17.8).

A press kit is opened on machines briefpack never sees; without the region's fonts there, Thai,
Khmer and Chinese come out as boxes. So every family the package names (in runs, styles, numbering,
headers and footers) that the FontSet has a file for is embedded, regular and bold:

- subset to the characters each family may draw (its runs, bullets and numbering, digits and space
  for page numbers) by HarfBuzz's subsetter (uharfbuzz, already the shaper of the PDF renderer),
  which keeps the glyphs the font's own layout features make of them, so Word and LibreOffice still
  shape Thai, Lao, Khmer and Myanmar from the embedded copy; about 1 ms a face where fontTools'
  subsetter took 0.1-0.9 s (a 10 MB CJK font's layout tables are decompiled in Python);
- obfuscated as the standard says: the first 32 bytes XORed with the font key (a GUID, here derived
  from the subset's bytes, so the output stays deterministic), stored as `word/fonts/fontN.odttf`;
- listed in `fontTable.xml` with `w:embedRegular`/`w:embedBold` and the key, its charset, and its
  Unicode and code-page signature from the font's OS/2 table; `settings.xml` gets
  `w:embedTrueTypeFonts` and `w:saveSubsetFonts`.

A font whose licence forbids embedding (OS/2 fsType "restricted") is not embedded. The font table
lists only the families used, replacing python-docx's template list (MS Mincho, Cambria...).
"""

from __future__ import annotations

import functools
import hashlib
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb
from fontTools.ttLib import TTFont
from lxml import etree

from briefpack.fonts import FontFace, FontSet

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
#: The parts whose runs, styles and numbering name fonts and show characters.
_TEXT_PARTS = re.compile(r"word/(document|styles|numbering|header\d*|footer\d*|footnotes|endnotes)\.xml")
_FONT_ATTRIBUTES = tuple(f"{{{W}}}{slot}" for slot in ("ascii", "hAnsi", "eastAsia", "cs"))
#: Always in a subset: what fields (page numbers, contents) may show after Word updates them.
_FIELD_CHARACTERS = frozenset(" 0123456789.,:-–…")
#: OS/2 code-page bits and the Windows charset (fontTable's `w:charset`) they stand for, by precedence:
#: Thai (874), Simplified Chinese (GB2312), Traditional Chinese (Big5), Japanese (JIS), Korean.
_CHARSETS = ((16, "DE"), (18, "86"), (20, "88"), (17, "80"), (19, "81"))
_RESTRICTED = 0x0002  # OS/2 fsType: no embedding of any kind


@dataclass(frozen=True)
class EmbeddedFont:
    family: str
    bold: bool
    key: str  # "{GUID}"
    data: bytes  # obfuscated subset


def embed_fonts(members: dict[str, bytes], fonts: FontSet) -> None:
    """Embed the package's fonts into `members` (zip member name -> bytes), in place."""
    parts = {name: etree.fromstring(data) for name, data in members.items() if _TEXT_PARTS.fullmatch(name)}
    shown = _characters_by_family(parts)
    faces = {(face.family, face.weight >= 600): face for face in fonts.faces_of(shown)}
    embedded = [
        font
        for family, characters in shown.items()
        for bold in (False, True)
        if (face := faces.get((family, bold))) is not None and (font := _embedded(face, bold, characters)) is not None
    ]
    members["word/fontTable.xml"] = _font_table(list(shown), embedded, faces)
    rels = "".join(
        f'<Relationship Id="rIdFont{i}" Type="{FONT_RELATIONSHIP}" Target="fonts/font{i}.odttf"/>'
        for i in range(1, len(embedded) + 1)
    )
    members["word/_rels/fontTable.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
    ).encode()
    for i, font in enumerate(embedded, start=1):
        members[f"word/fonts/font{i}.odttf"] = font.data
    if embedded:
        members["[Content_Types].xml"] = _with_font_type(members["[Content_Types].xml"])


def _characters_by_family(parts: Mapping[str, etree._Element]) -> dict[str, set[str]]:
    """Each family the package names, with the characters it may have to draw: those of the runs (and
    numbering levels) that name it, and those of runs naming no font, which fall to the fonts of the
    styles; plus what fields show. A CJK font so embeds its Chinese, not every Latin letter it has."""
    by_family: dict[str, set[str]] = {}
    unassigned: set[str] = set()
    for root in parts.values():
        for holder in (*root.iter(f"{{{W}}}r"), *root.iter(f"{{{W}}}lvl")):
            if holder.tag == f"{{{W}}}r":
                text = "".join(t.text or "" for t in holder.iter(f"{{{W}}}t", f"{{{W}}}instrText"))
            else:
                text = "".join(t.get(f"{{{W}}}val", "") for t in holder.iter(f"{{{W}}}lvlText"))
            named = _named(holder.find(f"{{{W}}}rPr/{{{W}}}rFonts"))
            for family in named:
                by_family.setdefault(family, set()).update(text)
            if not named:
                unassigned.update(text)
    styles = parts.get("word/styles.xml")
    for fonts in styles.iter(f"{{{W}}}rFonts") if styles is not None else ():
        for family in _named(fonts):
            by_family.setdefault(family, set()).update(unassigned)
    for characters in by_family.values():
        characters.update(_FIELD_CHARACTERS)
    return by_family


def _named(fonts: etree._Element | None) -> list[str]:
    if fonts is None:
        return []
    return list(dict.fromkeys(value for slot in _FONT_ATTRIBUTES if (value := fonts.get(slot))))


@dataclass(frozen=True)
class _Os2:
    """What the font table and the licence check read from a font's OS/2 table."""

    embedding: int  # fsType
    unicode_ranges: tuple[int, int, int, int]
    code_pages: tuple[int, int]


def _os2(path: Path) -> _Os2:
    """Read once per font file (as it is now) and process: every DOCX of a build names the same faces."""
    return _read_os2(path, _version(path))


def _version(path: Path) -> tuple[int, int]:
    """A font file's size and modification time: a file replaced under `--watch` is read afresh."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


@functools.cache
def _read_os2(path: Path, version: tuple[int, int]) -> _Os2:
    table = TTFont(path, lazy=True)["OS/2"]
    ranges = (table.ulUnicodeRange1, table.ulUnicodeRange2, table.ulUnicodeRange3, table.ulUnicodeRange4)
    pages = (getattr(table, "ulCodePageRange1", 0), getattr(table, "ulCodePageRange2", 0))
    return _Os2(int(table.fsType), ranges, pages)


@functools.cache
def _read_face(path: Path, version: tuple[int, int]) -> hb.Face:
    return hb.Face(hb.Blob.from_file_path(str(path)))


def _embedded(face: FontFace, bold: bool, characters: Iterable[str]) -> EmbeddedFont | None:
    if _os2(face.path).embedding & 0x000F == _RESTRICTED:
        return None
    font = _read_face(face.path, _version(face.path))
    request = hb.SubsetInput()
    covered = font.unicodes
    for ch in characters:
        if ord(ch) in covered:
            request.unicode_set.add(ord(ch))
    if not len(request.unicode_set):
        return None
    # Layout closure is HarfBuzz's default: the glyphs the font's GSUB makes of these characters stay, so
    # Word and LibreOffice shape Thai, Lao, Khmer and Myanmar from the embedded copy. Hinting is dropped:
    # it is much of a font's bytes, and no reader of these documents needs it.
    request.flags = hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.NOTDEF_OUTLINE
    data = bytes(hb.subset(font, request).blob.data)
    key = uuid.UUID(bytes=hashlib.sha256(data).digest()[:16], version=4)
    return EmbeddedFont(face.family, bold, "{" + str(key).upper() + "}", obfuscate(data, key))


def obfuscate(data: bytes, key: uuid.UUID) -> bytes:
    """ECMA-376 Part 1, 17.8.1: the first 32 bytes XORed with the key's 16 bytes in reverse order.
    Its own inverse: applied to an .odttf it gives the font back."""
    reverse = key.bytes[::-1]
    head = bytes(b ^ reverse[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def _font_table(
    families: list[str],
    embedded: list[EmbeddedFont],
    faces: Mapping[tuple[str, bool], FontFace],
) -> bytes:
    by_family: dict[str, list[tuple[int, EmbeddedFont]]] = {}
    for i, font in enumerate(embedded, start=1):
        by_family.setdefault(font.family, []).append((i, font))
    root = etree.Element(f"{{{W}}}fonts", nsmap={"w": W, "r": R})
    for family in families:
        entry = etree.SubElement(root, f"{{{W}}}font", {f"{{{W}}}name": family})
        face = faces.get((family, False)) or faces.get((family, True))
        etree.SubElement(entry, f"{{{W}}}charset", {f"{{{W}}}val": _charset(face)})
        etree.SubElement(entry, f"{{{W}}}family", {f"{{{W}}}val": "swiss"})
        etree.SubElement(entry, f"{{{W}}}pitch", {f"{{{W}}}val": "variable"})
        if face is not None:
            etree.SubElement(entry, f"{{{W}}}sig", _signature(face))
        for i, font in by_family.get(family, ()):
            tag = "embedBold" if font.bold else "embedRegular"
            etree.SubElement(entry, f"{{{W}}}{tag}", {f"{{{R}}}id": f"rIdFont{i}", f"{{{W}}}fontKey": font.key})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _charset(face: FontFace | None) -> str:
    """The Windows charset a family is for, from the code pages its OS/2 table claims: Thai, then the
    East Asian ones; any other font is ANSI ("00")."""
    if face is None:
        return "00"
    pages = _os2(face.path).code_pages[0]
    return next((charset for bit, charset in _CHARSETS if pages & (1 << bit)), "00")


def _signature(face: FontFace) -> dict[str, str]:
    os2 = _os2(face.path)
    names = ("usb0", "usb1", "usb2", "usb3", "csb0", "csb1")
    values = os2.unicode_ranges + os2.code_pages
    return {f"{{{W}}}{name}": f"{value:08X}" for name, value in zip(names, values, strict=True)}


def _with_font_type(types: bytes) -> bytes:
    if b'Extension="odttf"' in types:
        return types
    default = f'<Default Extension="odttf" ContentType="{OBFUSCATED_FONT}"/>'.encode()
    return types.replace(b"</Types>", default + b"</Types>")
