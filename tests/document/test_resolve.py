"""The resolve stage (`briefpack.document.resolve`): what every renderer needs, computed once."""

from __future__ import annotations

import pytest

from briefpack.document.model import (
    Card,
    CardGrid,
    Cell,
    Document,
    Heading,
    Index,
    IndexEntry,
    KeepTogether,
    Metadata,
    PageBreak,
    Paragraph,
    Row,
    Run,
    ScheduleGrid,
    ScheduleItem,
    Section,
    Table,
    runs,
)
from briefpack.document.resolve import resolve
from briefpack.document.sheets import SheetGeometry
from briefpack.document.styles import style_sheet
from briefpack.errors import UserError
from briefpack.layout.load import load_layout
from briefpack.layout.model import CardStyle, ParagraphStyle


def _doc(*sections: tuple, language: str = "en") -> Document:
    return Document(Metadata("t", language=language), tuple(Section(tuple(blocks)) for blocks in sections))


def test_anchors_are_found_everywhere_with_the_page_their_hard_page_starts_give() -> None:
    in_cell = Table((1,), (), (Row((Cell((Paragraph(runs("c"), anchor="in-cell"),)),)),))
    doc = _doc(
        [Heading(runs("A"), anchor="a"), KeepTogether((Paragraph(runs("k"), anchor="kept"),)), PageBreak(), in_cell],
        [Paragraph(runs("second section"), anchor="later")],
    )
    assert resolve(doc, load_layout("base")).anchors == {"a": 1, "kept": 1, "in-cell": 2, "later": 3}


def test_a_repeated_anchor_is_one_message_wherever_the_second_one_is() -> None:
    card = CardGrid((Card((Paragraph(runs("x"), style="card-name", anchor="twice"),)),))
    with pytest.raises(ValueError, match="anchor 'twice' is used by two blocks"):
        resolve(_doc([Paragraph(runs("a"), anchor="twice")], [card]), load_layout("base"))


@pytest.mark.parametrize(
    "block",
    [
        Paragraph((Run("x", target="nowhere"),)),
        Index((IndexEntry(runs("term"), ("nowhere",)),)),
        ScheduleGrid(runs("Day"), (ScheduleItem("09:00", "10:00", runs("s"), target="nowhere"),)),
    ],
)
def test_a_link_to_an_anchor_no_block_has_is_refused_before_any_renderer_runs(block) -> None:
    with pytest.raises(ValueError, match="link to anchor 'nowhere'"):
        resolve(_doc([block]), load_layout("base"))


def test_headings_are_numbered_in_reading_order_and_blank_or_unlisted_ones_stay_out_of_the_contents() -> None:
    doc = _doc(
        [Heading(runs("One"), level=1), Heading(runs("   "), level=2), Heading(runs("Hidden"), level=2, outline=False)],
        [Heading(runs("Deep"), level=3, anchor="deep")],
    )
    resolved = resolve(doc, load_layout("base"))
    assert [h.number for h in resolved.headings] == [1, 2, 3, 4]
    assert [("".join(r.text for r in h.content), h.level) for h in resolved.contents(3)] == [("One", 1), ("Deep", 3)]
    assert [h.anchor for h in resolved.contents(2)] == [None]


def test_an_index_is_sorted_case_and_accent_insensitively_with_each_anchor_once() -> None:
    index = Index(
        (
            IndexEntry(runs("mekong"), ("p1", "p2", "p1")),
            IndexEntry(runs("Ánh"), ("p2",), sort_key="anh"),
            IndexEntry(runs("Bangkok"), ("p1",)),
        )
    )
    doc = _doc([Paragraph(runs("x"), anchor="p1"), Paragraph(runs("y"), anchor="p2"), index])
    terms = resolve(doc, load_layout("base")).index(index)
    assert [t.term[0].text for t in terms] == ["Ánh", "Bangkok", "mekong"]
    assert terms[2].targets == ("p1", "p2")


def test_every_unknown_style_of_a_document_is_reported_at_once_naming_the_layout() -> None:
    doc = _doc(
        [
            Paragraph(runs("a"), style="no-such-paragraph"),
            Paragraph((Run("b", style="no-such-character"),)),
            Table((1,), (), (), style="no-such-table"),
            CardGrid((), style="no-such-card"),
        ]
    )
    with pytest.raises(UserError) as caught:
        resolve(doc, load_layout("base"))
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 4
    for kind, name in (
        ("paragraph style", "no-such-paragraph"),
        ("character style", "no-such-character"),
        ("table style", "no-such-table"),
        ("card style", "no-such-card"),
    ):
        assert any(f"{kind} `{name}`, which layout `base` does not define" in m for m in messages), messages


def test_the_style_sheet_derives_what_a_layout_leaves_out_the_same_for_every_format() -> None:
    base = load_layout("base")
    bare = base.model_copy(
        update={
            "paragraph_styles": {k: v for k, v in base.paragraph_styles.items() if not k.startswith("toc")},
            "character_styles": {k: v for k, v in base.character_styles.items() if k != "link"},
        }
    )
    sheet = style_sheet(bare)
    body = bare.paragraph_styles["body"]
    assert sheet.paragraph("toc1") == body
    assert sheet.paragraph("toc2").indent == body.indent + 5 and not sheet.paragraph("toc2").bold
    assert sheet.paragraph("toc3").indent == body.indent + 10
    assert sheet.paragraph("toc-heading") == bare.paragraph_styles["heading1"]
    assert sheet.paragraph("caption").keep_with_next
    assert sheet.character("link").underline and sheet.character("link").colour == "accent"
    own = base.model_copy(update={"paragraph_styles": {**base.paragraph_styles, "toc3": ParagraphStyle(size=7)}})
    assert style_sheet(own).paragraph("toc3").size == 7  # a layout's own style is never replaced


def test_languages_are_the_documents_then_every_tagged_run() -> None:
    doc = _doc([Paragraph((Run("Hà Nội", lang="vi"), Run(" / "), Run("中国", lang="zh-CN"), Run("Huế", lang="vi")))])
    assert resolve(doc, load_layout("base")).languages == ("en", "vi", "zh-CN")


def test_card_sheets_are_resolved_per_card_style_used_in_millimetres() -> None:
    doc = _doc([CardGrid((Card((Paragraph(runs("x"), style="card-name"),)),))])
    sheet = resolve(doc, load_layout("report-letter")).sheets["card"]
    assert (sheet.sheet, sheet.card, sheet.columns, sheet.rows) == ((215.9, 279.4), (88.9, 50.8), 2, 5)
    assert sheet.origin == pytest.approx(((215.9 - 2 * 88.9) / 2, (279.4 - 5 * 50.8) / 2))


def test_sheet_geometry_scales_to_points_exactly() -> None:
    grid = SheetGeometry.of(CardStyle(gutter=3), "card", "base")
    points = grid.scaled(72 / 25.4)
    assert points.card_box(3) == pytest.approx(tuple(v * 72 / 25.4 for v in grid.card_box(3)))
    assert len(points.cut_marks()) == len(grid.cut_marks())
