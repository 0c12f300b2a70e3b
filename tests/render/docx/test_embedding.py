"""Fonts embedded in the DOCX as Word embeds them (issue 16, ECMA-376 Part 1, 17.8): read back from the
package, deobfuscated with the key the font table gives, and opened with fontTools."""

from __future__ import annotations

import io
import uuid
from dataclasses import replace

import docx
from fontTools.ttLib import TTFont

from briefpack.document.model import Paragraph, Run, runs
from briefpack.render.docx import render_docx
from render.docx.docx_parts import NS, Docx, w
from render.samples import every_block_document

R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"


def _deobfuscated(part: bytes, key: str) -> TTFont:
    """The standard's own inverse, written here from the text of 17.8.1, not from briefpack's code."""
    reverse = uuid.UUID(key.strip("{}")).bytes[::-1]
    head = bytes(b ^ reverse[i % 16] for i, b in enumerate(part[:32]))
    return TTFont(io.BytesIO(head + part[32:]))


def _embedded(package: Docx) -> dict[tuple[str, str], TTFont]:
    """(family, embedRegular|embedBold) -> the font, through the font table's relationships."""
    rels = package.xml("word/_rels/fontTable.xml.rels")
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    fonts = {}
    for font in package.xml("word/fontTable.xml").iterfind("w:font", NS):
        for embed in font:
            if embed.tag in (w("embedRegular"), w("embedBold")):
                part = package.members["word/" + targets[embed.get(R_ID)]]
                fonts[(font.get(w("name")), embed.tag.split("}")[1])] = _deobfuscated(part, embed.get(w("fontKey")))
    return fonts


def _text(package: Docx) -> str:
    parts = [n for n in package.members if n.startswith("word/") and n.endswith(".xml")]
    return "".join(t.text or "" for n in parts for t in package.xml(n).iter(w("t")))


def test_every_family_the_package_names_is_embedded_regular_and_bold_as_a_valid_font(every_block: Docx) -> None:
    slots = [w(slot) for slot in ("ascii", "hAnsi", "eastAsia", "cs")]
    parts = ("word/document.xml", "word/styles.xml", "word/numbering.xml", *every_block.headers())
    named = {f.get(s) for p in parts for f in every_block.xml(p).iter(w("rFonts")) for s in slots if f.get(s)}
    fonts = _embedded(every_block)
    table = {f.get(w("name")) for f in every_block.xml("word/fontTable.xml").iterfind("w:font", NS)}
    assert table == named  # the families used, and no leftovers of python-docx's template (Cambria, MS Mincho)
    noto = {family for family in named if family.startswith("Noto Sans")}
    assert {family for family, _ in fonts} == noto  # what briefpack has files for: the Noto faces
    assert all((family, "embedBold") in fonts for family in noto)
    for font in fonts.values():
        assert font["glyf"] and font["cmap"].getBestCmap()


def test_each_font_holds_the_characters_of_its_script_that_the_document_shows(every_block: Docx) -> None:
    text = _text(every_block)
    fonts = _embedded(every_block)
    for family, sample in (("Noto Sans Khmer", "ស្ត្រី"), ("Noto Sans Lao", "ສະຫະພັນ"), ("Noto Sans SC", "云南省")):
        cmap = fonts[(family, "embedRegular")]["cmap"].getBestCmap()
        assert all(ord(ch) in cmap for ch in sample if ch in text), family
    # a subset, not the font: the CJK face holds the document's Chinese, not its 30,000 characters
    assert len(fonts[("Noto Sans SC", "embedRegular")]["cmap"].getBestCmap()) < 200
    bullets = {level.get(w("val")) for level in every_block.numbering.iter(w("lvlText"))}
    latin = fonts[("Noto Sans", "embedRegular")]["cmap"].getBestCmap()
    assert all(ord(ch) in latin for b in bullets for ch in b if not ch.startswith("%") and ch.isprintable())


def test_the_package_declares_its_embedded_fonts(every_block: Docx) -> None:
    types = every_block.members["[Content_Types].xml"].decode()
    assert f'Extension="odttf" ContentType="{OBFUSCATED}"' in types
    assert every_block.settings.find("w:embedTrueTypeFonts", NS) is not None
    assert every_block.settings.find("w:saveSubsetFonts", NS) is not None
    rels = every_block.members["word/_rels/fontTable.xml.rels"].decode()
    assert "<Relationships xmlns=" in rels  # the default namespace: LibreOffice ignores a prefixed one
    for font in every_block.xml("word/fontTable.xml").iterfind("w:font", NS):
        if font.get(w("name")).startswith("Noto"):  # a family briefpack has the file of: its OS/2 signature
            sig = font.find("w:sig", NS)
            assert sig is not None and len(sig.get(w("usb0"))) == 8
    charsets = {
        f.get(w("name")): f.find("w:charset", NS).get(w("val"))
        for f in every_block.xml("word/fontTable.xml").iterfind("w:font", NS)
    }
    assert charsets["Noto Sans Thai"] == "DE" and charsets["Noto Sans SC"] == "86" and charsets["Noto Sans"] == "00"
    docx.Document(io.BytesIO(every_block.data))  # python-docx still opens it


def test_the_theme_languages_follow_the_document(layout, fonts) -> None:
    document = every_block_document()
    cover, body, *rest = document.sections
    taiwan = Paragraph(runs("Taipei: ", Run("臺北市", lang="zh-TW")))
    document = replace(document, sections=(cover, replace(body, blocks=(*body.blocks, taiwan)), *rest))
    package = Docx(render_docx(document, layout, fonts))
    theme = package.settings.find("w:themeFontLang", NS)
    assert theme.get(w("val")) == "en" and theme.get(w("eastAsia")) == "zh-TW"
    defaults = package.styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert defaults.get(w("eastAsia")) == "zh-TW" and defaults.get(w("bidi")) == "lo-LA"  # its first Lao run


def test_without_embedding_nothing_is_embedded_and_both_ways_are_deterministic(layout, fonts) -> None:
    plain = Docx(render_docx(every_block_document(), layout, fonts, embed_fonts=False))
    assert not [n for n in plain.members if n.startswith("word/fonts/")]
    assert plain.settings.find("w:embedTrueTypeFonts", NS) is None
    assert render_docx(every_block_document(), layout, fonts) == render_docx(every_block_document(), layout, fonts)


def test_the_embedded_package_stays_small(every_block: Docx) -> None:
    assert len(every_block.data) < 400_000
