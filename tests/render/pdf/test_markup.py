"""Specification of paragraph markup: user text is escaped completely and every script gets its own face."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph as RLParagraph

from briefpack.document.model import Run, runs
from briefpack.fonts import FontSet
from briefpack.layout.model import Layout
from briefpack.render.pdf.markup import InlineMarkup, dest_name, escape
from briefpack.render.pdf.styles import Palette, StyleBook


@pytest.fixture(scope="module")
def markup(render_fonts: FontSet, booklet_layout: Layout) -> InlineMarkup:
    return InlineMarkup(StyleBook(booklet_layout, render_fonts, Palette(booklet_layout, cmyk=False)), render_fonts)


def test_escape_leaves_no_markup_character() -> None:
    assert escape("""AT&T <b>"x" 'y'</b>""") == "AT&amp;T &lt;b&gt;&quot;x&quot; &#39;y&#39;&lt;/b&gt;"


def test_escaped_text_reads_back_literally_through_reportlab(markup: InlineMarkup) -> None:
    text = """AT&T <b>not bold</b> "quoted" 'single' &amp; &#39;"""
    para = RLParagraph(markup.paragraph("body", runs(text)), markup.styles.paragraph("body"))
    assert "".join(frag.text for frag in para.frags) == text


def test_each_script_run_gets_the_face_of_its_script(markup: InlineMarkup) -> None:
    out = markup.paragraph("body", runs("Xuân 云南 สตรี"))
    faces = [part.split('"')[0] for part in out.split('<font face="')[1:]]
    assert faces == ["NotoSans-Regular", "NotoSansSC-Regular", "NotoSansThai-Regular"]


def test_bold_character_style_uses_the_bold_faces(markup: InlineMarkup) -> None:
    out = markup.paragraph("body", (Run("strong ສະຫະພັນ", style="strong"),))
    assert 'face="NotoSans-Bold"' in out and 'face="NotoSansLao-Bold"' in out


def test_links_only_for_schemes_a_reader_can_follow(markup: InlineMarkup) -> None:
    assert '<a href="https://x.org/?a=1&amp;b=2">' in markup.paragraph(
        "body", (Run("w", link="https://x.org/?a=1&b=2"),)
    )
    assert "<a " not in markup.paragraph("body", (Run("js", link="javascript:alert(1)"),))
    assert f'<a href="#{dest_name("a")}">' in markup.paragraph("body", (Run("in", target="a"),))
    # a link to an anchor no block has: tests/document/test_resolve.py


def test_empty_runs_make_empty_markup(markup: InlineMarkup) -> None:
    assert markup.paragraph("body", (Run(""), Run("\x00"))) == ""


def test_destination_names_are_distinct_and_safe() -> None:
    assert dest_name("line-thai") == "bp.line-thai"
    assert len({dest_name("a b"), dest_name("a_b"), dest_name("a_20_b")}) == 3
    assert all(ch.isascii() for ch in dest_name("ສະຫະພັນ"))


def test_character_styles_set_size_colour_background_and_underline(
    render_fonts: FontSet, booklet_layout: Layout
) -> None:
    from briefpack.layout.model import CharacterStyle

    layout = booklet_layout.model_copy(
        update={
            "character_styles": {
                **booklet_layout.character_styles,
                "loud": CharacterStyle(size=14, colour="accent", background="highlight", underline=True),
            }
        }
    )
    markup = InlineMarkup(StyleBook(layout, render_fonts, Palette(layout, cmyk=True)), render_fonts)
    out = markup.paragraph("body", (Run("loud", style="loud"),))
    assert out.startswith('<u><font size="14" color="pcmyk(100,45,0,30)" backColor="pcmyk(0,10,60,0)">')
    half = markup.paragraph("body", (Run("loud", style="loud"),), size=4.5)  # a card line shrunk to half
    assert 'size="7"' in half
