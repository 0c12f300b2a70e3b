"""Styles: the layout's named styles as real Word styles, used by every paragraph and table.

A press officer restyles the kit in Word by changing styles, which only works when the content uses
them: no paragraph may go without a named style, and headings must be Word's own so the navigation
pane and TOC field find them.
"""

from __future__ import annotations

from briefpack.layout.model import Layout
from briefpack.render.docx.styles import display_name
from render.docx.docx_parts import NS, Docx, paragraph_text, w


def style_ids(docx: Docx, kind: str) -> set[str]:
    return {s.get(w("styleId")) for s in docx.styles.iterfind(f"w:style[@w:type='{kind}']", NS)}


def test_every_paragraph_names_an_existing_paragraph_style(every_block: Docx) -> None:
    paragraph_styles = style_ids(every_block, "paragraph")
    stories = [every_block.document, *every_block.headers().values()]
    paragraphs = [p for story in stories for p in story.iter(f"{{{NS['w']}}}p")]
    assert len(paragraphs) > 100
    for p in paragraphs:
        style = p.find("w:pPr/w:pStyle", NS)
        assert style is not None, f"paragraph without a style: {paragraph_text(p)!r}"
        assert style.get(w("val")) in paragraph_styles


def test_every_table_names_an_existing_table_style(every_block: Docx) -> None:
    table_styles = style_ids(every_block, "table")
    tables = every_block.document.findall(".//w:tbl", NS)
    assert len(tables) >= 4 + 12  # table, timetable, key-values, card grid, one text|QR table per card
    for table in tables:
        assert table.find("w:tblPr/w:tblStyle", NS).get(w("val")) in table_styles


def test_every_run_style_is_an_existing_character_style(every_block: Docx) -> None:
    character_styles = style_ids(every_block, "character")
    used = {s.get(w("val")) for s in every_block.document.iterfind(".//w:rStyle", NS)}
    assert used >= {"Strong", "Emphasis", "Hyperlink"}
    assert used <= character_styles


#: Layout styles that become Word's built-in styles (so Word features work); others get readable names.
BUILTIN = {
    "body": "Body Text",
    "title": "Title",
    "subtitle": "Subtitle",
    "heading1": "heading 1",
    "heading2": "heading 2",
    "heading3": "heading 3",
    "quote": "Quote",
    "toc1": "toc 1",
    "toc2": "toc 2",
    "index": "index 1",
    "running-head": "header",
}


def word_name(layout_style: str) -> str:
    return BUILTIN.get(layout_style) or display_name(layout_style)


def test_each_layout_style_becomes_a_word_style(every_block: Docx, layout: Layout) -> None:
    """Built-in counterparts where Word has one (so Word features work), readable names otherwise."""
    for name in layout.paragraph_styles:
        expected = word_name(name)
        style = every_block.style_named(expected)
        assert style is not None, f"no Word style for layout style {name!r} (looked for {expected!r})"
        assert style.get(w("type")) == "paragraph"
    assert every_block.style_named("Table Head") is not None
    for name, character in (("strong", "Strong"), ("emphasis", "Emphasis"), ("link", "Hyperlink")):
        assert every_block.style_named(character).get(w("type")) == "character", name
    for name in layout.table_styles:
        assert every_block.style_named(display_name(name)).get(w("type")) == "table"


def test_every_layout_paragraph_style_keeps_two_lines_on_each_side_of_a_page_break(
    every_block: Docx, layout: Layout
) -> None:
    """`w:widowControl` on each style, as the PDF renderer's no-widow, no-orphan rule."""
    for name in layout.paragraph_styles:
        style = every_block.style_named(word_name(name))
        assert style.find("w:pPr/w:widowControl", NS) is not None, name


def test_headings_are_words_heading_styles_with_outline_levels(every_block: Docx) -> None:
    for level in (1, 2, 3):
        style = every_block.style(f"Heading{level}")
        assert style.find("w:name", NS).get(w("val")) == f"heading {level}"
        assert style.find("w:pPr/w:outlineLvl", NS).get(w("val")) == str(level - 1)
    assert every_block.paragraph_with("Scripts of the region", style="Heading1") is not None


def test_a_heading_left_out_of_the_outline_is_body_text_level(every_block: Docx) -> None:
    """`Heading(outline=False)` keeps its look but stays out of the TOC and navigation pane."""
    kept = every_block.paragraph_with("Kept together")
    assert kept.find("w:pPr/w:pStyle", NS).get(w("val")) == "Heading3"
    assert kept.find("w:pPr/w:outlineLvl", NS).get(w("val")) == "9"


def test_style_definitions_follow_the_layout(every_block: Docx, layout: Layout) -> None:
    """Heading 1: the layout's size, colour, weight and font replace python-docx's template look."""
    look = layout.paragraph_styles["heading1"]
    rpr = every_block.style("Heading1").find("w:rPr", NS)
    assert rpr.find("w:sz", NS).get(w("val")) == str(round(look.size * 2))
    assert rpr.find("w:szCs", NS).get(w("val")) == str(round(look.size * 2))
    assert rpr.find("w:color", NS).get(w("val")) == layout.colours[look.colour].rgb[1:].upper()
    assert rpr.find("w:b", NS) is not None and rpr.find("w:bCs", NS) is not None
    assert rpr.find("w:rFonts", NS).get(w("ascii")) == "Noto Sans"
    assert rpr.find("w:rFonts", NS).get(w("asciiTheme")) is None
    spacing = every_block.style("Heading1").find("w:pPr/w:spacing", NS)
    assert spacing.get(w("after")) == str(round(look.space_after * 20))
    assert spacing.get(w("lineRule")) == "atLeast"  # tall Khmer stacks grow the line, never clipped


def test_running_head_style_draws_its_rule_and_right_tab(every_block: Docx) -> None:
    ppr = every_block.style("Header").find("w:pPr", NS)
    assert ppr.find("w:pBdr/w:bottom", NS) is not None
    tab = ppr.find("w:tabs/w:tab", NS)
    assert tab.get(w("val")) == "right"
    assert int(tab.get(w("pos"))) == round((210 - 40) * 1440 / 25.4)


def test_table_styles_carry_rules_padding_and_header_shading(every_block: Docx, layout: Layout) -> None:
    table = every_block.style_named("Table")
    borders = table.find("w:tblPr/w:tblBorders", NS)
    assert borders.find("w:insideH", NS).get(w("val")) == "single"
    assert borders.find("w:insideV", NS).get(w("val")) == "nil"
    first_row = table.find("w:tblStylePr[@w:type='firstRow']/w:tcPr/w:shd", NS)
    assert first_row.get(w("fill")) == layout.colours["rule"].rgb[1:].upper()
    key_value = every_block.style_named("Key Value")
    assert {b.get(w("val")) for b in key_value.find("w:tblPr/w:tblBorders", NS)} == {"nil"}


def test_display_names() -> None:
    assert display_name("table-head") == "Table Head"
    assert display_name("card_name") == "Card Name"
    assert display_name("key") == "Key"
