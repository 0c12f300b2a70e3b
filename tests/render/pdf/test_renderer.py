"""Specification of `render_pdf`: what any PDF briefpack writes must be, judged by real tools.

The document is `every_block_document()` (every block type, every script of the region, hostile
text); the layout is the A5 booklet, as screen and as print-ready variant. Text is judged by
`pdftotext`, fonts by `pdffonts`, structure by `qpdf --check`, metadata by pypdf.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefpack.document.model import (
    Cell,
    Document,
    Heading,
    Index,
    Metadata,
    Paragraph,
    Row,
    Run,
    Section,
    Table,
    cell,
    runs,
)
from briefpack.errors import UserError
from briefpack.fonts import FontSet
from briefpack.layout.model import Layout
from briefpack.render.pdf import navigation
from briefpack.render.pdf.pages import BriefDocTemplate
from briefpack.render.pdf.renderer import render_pdf, render_pdf_editions
from conftest import require_tool
from render.pdf.pdf_reading import collapse, squash, text, words
from render.samples import HOSTILE, SCRIPT_LINES, every_block_document

BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


@pytest.fixture(params=["screen", "print"])
def booklet(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(f"booklet_{request.param}")


def test_every_script_line_comes_back_from_the_text_layer(booklet: Path) -> None:
    extracted = collapse(text(booklet))
    for name, line in SCRIPT_LINES.items():
        assert collapse(line) in extracted, name


def test_hostile_text_comes_back_literally(booklet: Path) -> None:
    """Markup characters are text: `AT&T` stays `AT&T`, `<b>` is printed, the 100-letter word is whole."""
    extracted = text(booklet)
    assert collapse("AT&T <b>not bold</b> \"quoted\" 'single'") in collapse(extracted)
    assert squash(HOSTILE) in squash(extracted)  # the long word is broken across lines, never cut


def test_every_font_is_embedded_and_none_is_a_base14_font(booklet: Path) -> None:
    out = subprocess.run([require_tool("pdffonts"), str(booklet)], check=True, capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert emb == "yes", row
        assert not any(base in name for base in BASE14), row
    listed = " ".join(rows)
    for family in (
        "NotoSans-Regular",
        "NotoSans-Bold",
        "NotoSansThai",
        "NotoSansLao",
        "NotoSansKhmer",
        "NotoSansSC",
    ):
        assert family in listed


def test_qpdf_finds_nothing_wrong(booklet: Path) -> None:
    result = subprocess.run([require_tool("qpdf"), "--check", str(booklet)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_the_same_input_gives_the_same_bytes(
    booklet_print: Path, render_fonts: FontSet, booklet_layout: Layout
) -> None:
    again = render_pdf(every_block_document(), booklet_layout, render_fonts, print_ready=True)
    assert again == booklet_print.read_bytes()


def test_editions_paginated_once_are_the_editions_rendered_alone(
    booklet_screen: Path,
    booklet_print: Path,
    render_fonts: FontSet,
    booklet_layout: Layout,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    passes: list[bool] = []
    original = BriefDocTemplate.build

    def counting(self: BriefDocTemplate, *args: object, **kwargs: object) -> None:
        passes.append(True)
        original(self, *args, **kwargs)

    monkeypatch.setattr(BriefDocTemplate, "build", counting)
    screen, print_ready = (
        r.data for r in render_pdf_editions(every_block_document(), booklet_layout, render_fonts, (False, True))
    )
    assert screen == booklet_screen.read_bytes()
    assert print_ready == booklet_print.read_bytes()
    assert len(passes) == 3, "screen: two passes (contents, index); print: one, seeded with the screen's pages"


def test_a_wrong_seed_costs_passes_not_correctness(
    booklet_print: Path, render_fonts: FontSet, booklet_layout: Layout, monkeypatch: pytest.MonkeyPatch
) -> None:
    def shifted(story: list[object]) -> navigation.Pagination:
        found = navigation.pagination(story)
        return tuple(
            {anchor: page + 1 for anchor, page in state.items()}
            if isinstance(state, dict)
            else tuple(type(entry)(entry.level, entry.content, entry.page + 1, entry.dest) for entry in state)
            for state in found
        )

    monkeypatch.setattr("briefpack.render.pdf.renderer.pagination", shifted)
    _, print_ready = (
        r.data for r in render_pdf_editions(every_block_document(), booklet_layout, render_fonts, (False, True))
    )
    assert print_ready == booklet_print.read_bytes()


def test_the_sketch_pass_is_never_the_last_even_when_nothing_moves(
    render_fonts: FontSet, booklet_layout: Layout, tmp_path: Path
) -> None:
    """An empty index finds nothing, so its first pass looks final already; it must still be drawn in full."""
    document = _doc(Paragraph(runs("Ms. Dương Thị Xuân opens the forum.")), Index(()))
    path = tmp_path / "empty-index.pdf"
    path.write_bytes(render_pdf(document, booklet_layout, render_fonts))
    assert "Ms. Dương Thị Xuân opens the forum." in collapse(text(path))


def test_document_metadata(booklet_screen: Path) -> None:
    reader = PdfReader(booklet_screen)
    meta = reader.metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.subject) == (
        "Every block",
        "briefpack tests",
        "Renderer specification document",
    )
    assert meta["/Keywords"] == "test, scripts"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])  # a pypdf BooleanObject


def _doc(*blocks: object, **section: object) -> Document:
    return Document(Metadata("edge cases"), (Section(tuple(blocks), **section),))  # type: ignore[arg-type]


def test_long_words_empty_runs_and_a_row_taller_than_a_page(
    tmp_path: Path, render_fonts: FontSet, booklet_layout: Layout
) -> None:
    """Nothing raises, nothing is lost, and no word sticks out of the text block."""
    word = "W" * 100
    tall = "\n".join(f"line {i}" for i in range(120))
    doc = _doc(
        Paragraph(()),
        Paragraph(runs(Run(""))),
        Paragraph(runs(word)),
        Heading(runs(""), level=1),
        Table(
            (1, 1),
            (Row((cell("a"), cell("b"))),),
            (Row((cell(word), cell(tall))), Row((Cell((), span=2),)), Row(())),
        ),
        running_head="Edge cases",
    )
    pdf = tmp_path / "edge.pdf"
    pdf.write_bytes(render_pdf(doc, booklet_layout, render_fonts))
    extracted = text(pdf)
    assert squash(word) in squash(extracted)
    assert all(f"line {i}" in extracted for i in range(120))
    assert len(PdfReader(pdf).pages) >= 3  # the tall row was split, not dropped
    a5_width = 148 / 25.4 * 72
    for page in range(1, len(PdfReader(pdf).pages) + 1):
        for w in words(pdf, page):
            assert w.x0 >= 13 / 25.4 * 72 - 1 and w.x1 <= a5_width - 13 / 25.4 * 72 + 1, (page, w)


@pytest.mark.parametrize(
    ("block", "kind", "name"),
    [
        (Paragraph(runs("x"), style="no-such-style"), "paragraph style", "no-such-style"),
        (Paragraph(runs(Run("x", style="sparkle"))), "character style", "sparkle"),
        (Table((1,), (), (Row((cell("x"),)),), style="fancy"), "table style", "fancy"),
        (Heading(runs("x"), style="banner"), "paragraph style", "banner"),
    ],
)
def test_an_unknown_style_is_a_user_error_naming_it_and_the_layout(
    block: object, kind: str, name: str, render_fonts: FontSet, booklet_layout: Layout
) -> None:
    with pytest.raises(UserError) as raised:
        render_pdf(_doc(block), booklet_layout, render_fonts)
    message = str(raised.value)
    assert f"{kind} `{name}`" in message
    assert "booklet-a5" in message


def test_an_unknown_page_template_is_a_user_error(render_fonts: FontSet, booklet_layout: Layout) -> None:
    with pytest.raises(UserError, match="page template `poster`"):
        render_pdf(_doc(Paragraph(runs("x")), template="poster"), booklet_layout, render_fonts)


def test_a_link_to_a_missing_anchor_is_a_composer_bug(render_fonts: FontSet, booklet_layout: Layout) -> None:
    with pytest.raises(ValueError, match="nowhere"):
        render_pdf(_doc(Paragraph(runs(Run("x", target="nowhere")))), booklet_layout, render_fonts)


def test_a_column_too_narrow_for_its_longest_word_widens(
    tmp_path: Path, render_fonts: FontSet, booklet_layout: Layout
) -> None:
    """Times like "08:00–08:30" must not break mid-word: the column takes room from the wide ones."""
    times = [f"{h:02d}:00–{h:02d}:30" for h in range(8, 12)]
    doc = _doc(
        Table(
            (1, 12),
            (Row((cell("Time"), cell("Session"))),),
            tuple(Row((cell(t), cell("A session"))) for t in times),
        )
    )
    pdf = tmp_path / "narrow.pdf"
    pdf.write_bytes(render_pdf(doc, booklet_layout, render_fonts))
    lines = text(pdf, layout=True)
    assert all(any(t in line for line in lines.splitlines()) for t in times), lines


def test_table_header_rows_repeat_on_every_page_the_table_continues_onto(booklet_screen: Path) -> None:
    pages = [text(booklet_screen, n) for n in range(1, len(PdfReader(booklet_screen).pages) + 1)]
    with_rows = [page for page in pages if "Main Hall" in page and "Row " in page]
    assert len(with_rows) >= 2  # the 40-row table continues onto another page
    for page in with_rows:
        assert {"Time", "Session", "Room"} <= set(page.split())


def test_raster_images_are_placed_at_their_width_and_bad_data_is_a_user_error(
    tmp_path: Path, render_fonts: FontSet, booklet_layout: Layout
) -> None:
    import io

    from PIL import Image as PILImage

    from briefpack.document.model import Image

    png = io.BytesIO()
    PILImage.new("RGB", (60, 30), (200, 30, 30)).save(png, format="PNG")
    pdf = tmp_path / "image.pdf"
    pdf.write_bytes(render_pdf(_doc(Image(width_mm=40, data=png.getvalue(), alt="logo")), booklet_layout, render_fonts))
    listed = subprocess.run(
        [require_tool("pdfimages"), "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert len(listed) == 1 and listed[0].split()[3:5] == ["60", "30"]
    ppi = float(listed[0].split()[12])
    assert 60 / ppi * 25.4 == pytest.approx(40, abs=0.5)  # drawn 40 mm wide
    with pytest.raises(UserError, match="logo"):
        render_pdf(_doc(Image(width_mm=40, data=b"not an image", alt="logo")), booklet_layout, render_fonts)


def test_colours_alike_on_screen_but_not_in_print_make_the_print_edition_afresh(booklet_layout: Layout) -> None:
    from reportlab.lib import colors

    from briefpack.render.pdf.renderer import cmyk_twins

    twin = cmyk_twins(booklet_layout)
    assert twin is not None
    name, spec = next(iter(booklet_layout.colours.items()))
    printed = twin(colors.HexColor(spec.rgb))
    assert isinstance(printed, colors.CMYKColor)
    inks = (printed.cyan, printed.magenta, printed.yellow, printed.black)
    assert [round(100 * v, 3) for v in inks] == list(spec.cmyk)
    clash = {**booklet_layout.colours, f"{name}-alike": spec.model_copy(update={"cmyk": (1.0, 2.0, 3.0, 4.0)})}
    assert cmyk_twins(booklet_layout.model_copy(update={"colours": clash})) is None


def test_the_print_edition_has_no_annotations_and_keeps_its_bookmarks(
    booklet_screen: Path, booklet_print: Path
) -> None:
    """A printer's preflight flags every annotation (PDF/X allows none inside the bleed): the print
    edition draws the same text as the screen edition, without its links."""
    from pypdf import PdfReader

    screen, printed = PdfReader(booklet_screen), PdfReader(booklet_print)
    assert sum(len(page.get("/Annots") or []) for page in screen.pages) > 0
    assert all(not page.get("/Annots") for page in printed.pages)
    assert len(printed.outline) == len(screen.outline) > 0
