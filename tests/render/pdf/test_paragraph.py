"""Specification of `briefpack.render.pdf.paragraph`: memoised line breaking changes no line."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as RLParagraph

from briefpack.render.pdf.paragraph import Paragraph
from render.pdf import scripts_page

TEXT = (
    "The Forum, with its theme “Women’s Solidarity &amp; Empowerment in Action against Human Trafficking”, "
    "brings <b>ស្ត្រី</b> together from Cambodia, China, Lao PDR, Thailand and Viet Nam."
)


@pytest.fixture
def style(script_fonts: dict[str, Path], rl_fixed: None) -> ParagraphStyle:
    return ParagraphStyle("memo", fontName=scripts_page.FONT_NAMES["latin"], fontSize=10, leading=13, shaping=1)


@pytest.mark.parametrize("widths", [(300, 120, 300), (120, 300, 120, 90)])
def test_wrapping_at_widths_already_seen_gives_what_a_fresh_paragraph_gives(
    style: ParagraphStyle, widths: tuple[float, ...]
) -> None:
    memo = Paragraph(TEXT, style)
    for width in widths:
        size = memo.wrap(width, 1000)
        fresh = RLParagraph(TEXT, style)
        assert size == fresh.wrap(width, 1000)
        assert memo.height == fresh.height and memo.width == fresh.width == width
        assert len(memo.blPara.lines) == len(fresh.blPara.lines)
        assert [line.extraSpace for line in memo.blPara.lines] == pytest.approx(
            [line.extraSpace for line in fresh.blPara.lines]
        )


def test_a_split_paragraph_breaks_its_lines_again(style: ParagraphStyle) -> None:
    para = Paragraph(TEXT, style)
    _, height = para.wrap(120, 1000)
    first, rest = para.split(120, height / 2)
    assert isinstance(first, Paragraph) and isinstance(rest, Paragraph)
    assert "_wrapped" not in para.__dict__
    assert para.wrap(120, 1000)[1] == height


def test_a_width_too_small_for_any_text_is_not_remembered(style: ParagraphStyle) -> None:
    para = Paragraph(TEXT, style)
    assert para.wrap(0, 1000) == (0, 0x7FFFFFFF)
    assert para.wrap(300, 1000)[1] > 0


def test_a_paragraph_parsed_before_gets_its_own_copy_of_the_fragments(style: ParagraphStyle) -> None:
    first = Paragraph(TEXT, style)
    second = Paragraph(TEXT, style)
    fresh = RLParagraph(TEXT, style)
    assert [f.text for f in second.frags] == [f.text for f in fresh.frags]
    assert [f.fontName for f in second.frags] == [f.fontName for f in fresh.frags]
    assert not {id(f) for f in first.frags} & {id(f) for f in second.frags}
    first.frags[0].text = "changed"
    assert Paragraph(TEXT, style).frags[0].text == fresh.frags[0].text


def test_the_same_markup_in_another_style_is_parsed_in_that_style(style: ParagraphStyle) -> None:
    bigger = ParagraphStyle("bigger", parent=style, fontSize=14, leading=17)
    assert {f.fontSize for f in Paragraph(TEXT, style).frags} == {10}
    assert {f.fontSize for f in Paragraph(TEXT, bigger).frags} == {14}
