"""Tagged PDF (issue 15): every screen PDF carries a structure tree built from the document model, and
its marked content is complete. Judged by an independent reader of the file (`tagged_reading`), by
poppler's text and by the `pdfua` checker, on the document that holds every block type."""

from __future__ import annotations

import collections
import itertools
import unicodedata
from pathlib import Path

import pikepdf
import pytest

from briefpack.layout.load import load_layout
from briefpack.render.pdf.renderer import render_pdf, render_pdf_editions
from render.pdf.pdf_reading import text
from render.pdf.tagged_reading import TaggedPdf, read_tagged
from render.samples import SCRIPT_LINES, every_block_document

#: What may contain what (ISO 32000-1, 14.8.4, and PDF/UA's use of it).
PARENTS = {
    "TR": {"Table", "THead", "TBody", "TFoot"},
    "TH": {"TR"},
    "TD": {"TR"},
    "THead": {"Table"},
    "TBody": {"Table"},
    "LI": {"L"},
    "Lbl": {"LI"},
    "LBody": {"LI"},
    "TOCI": {"TOC"},
    "Caption": {"Table", "Figure", "L"},
}
STANDARD = {
    "Document", "Part", "Sect", "Div", "P", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
    "Table", "THead", "TBody", "TR", "TH", "TD", "TOC", "TOCI", "Link", "Figure", "Caption", "Span",
}  # fmt: skip


def _words(value: str) -> collections.Counter[str]:
    """The words of a text. A lone hyphen is left out: poppler joins a hyphen that ends a line to
    the next line as a hyphenation and drops it, even when it stands alone ("school -")."""
    return collections.Counter(w for w in unicodedata.normalize("NFC", value).split() if w != "-")


@pytest.fixture(scope="module")
def tagged(booklet_screen: Path) -> TaggedPdf:
    return read_tagged(booklet_screen)


def test_every_text_and_image_operator_is_marked_content_or_an_artifact(tagged: TaggedPdf) -> None:
    assert sum(p.unmarked_text for p in tagged.pages) == 0
    assert sum(p.unmarked_paint for p in tagged.pages) == 0


def test_every_mcid_is_owned_by_exactly_one_element_and_the_parent_tree_agrees(tagged: TaggedPdf) -> None:
    owned: collections.Counter[tuple[int, int]] = collections.Counter()
    for element in tagged.elements:
        kids = element.obj.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int):
                owned[(tagged.page_index[element.obj.Pg.objgen], int(kid))] += 1
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                owned[(tagged.page_index[kid.Pg.objgen], int(kid.MCID))] += 1
    drawn = {(i, mcid) for i, page in enumerate(tagged.pages) for mcid in page.mcid_order}
    assert set(owned) == drawn and set(owned.values()) == {1}
    nums = tagged.pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for i, page in enumerate(tagged.pdf.pages):
        if tagged.pages[i].mcid_order:
            row = parents[int(page.obj.StructParents)]
            assert len(row) == len(tagged.pages[i].mcid_order)
            for mcid, element in enumerate(row):
                assert (i, mcid) in owned and element.get("/S") is not None


def test_elements_are_standard_and_nested_as_the_standard_says(tagged: TaggedPdf) -> None:
    for element in tagged.elements:
        role = element.role[1:]
        assert role in STANDARD, role
        if role in PARENTS:
            assert element.parent_role[1:] in PARENTS[role], (role, element.parent_role)
        if role.startswith("H") or role in ("P", "Lbl", "Caption"):
            assert element.all_text, f"empty {role}"


def test_headings_descend_one_level_at_a_time_in_reading_order(tagged: TaggedPdf) -> None:
    levels = [int(e.role[2]) for e in tagged.elements if len(e.role) == 3 and e.role.startswith("/H")]
    texts = [e.text.strip() for e in tagged.elements if len(e.role) == 3 and e.role.startswith("/H")]
    assert texts[:3] == ["Contents", "Scripts of the region", "Lists and key-values"]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


def test_tables_have_column_headers_once_and_labels_head_their_rows(tagged: TaggedPdf) -> None:
    heads = [e for e in tagged.elements if e.role == "/TH"]
    column = [e.all_text for e in heads if e.obj.A.Scope == "/Column"]
    row = [e.all_text for e in heads if e.obj.A.Scope == "/Row"]
    # The 40-row table runs over pages and its header row is drawn again on each; the schedule has
    # its own header. Each header cell is content once; each repeat is an Artifact.
    assert column.count("Session") == 2 and column.count("Time") == 2
    assert row == ["Tel", "E-mail", "Address"]
    assert _words(tagged.artifact_text)["Session"] >= 1
    widths: dict[tuple[int, int], set[int]] = collections.defaultdict(set)  # every row of a table is as wide
    for row in (e for e in tagged.elements if e.role == "/TR"):
        table = row.obj.P if row.obj.P.S == "/Table" else row.obj.P.P
        widths[table.objgen].add(len(row.obj.K) if isinstance(row.obj.K, pikepdf.Array) else 1)
    assert len(widths) >= 3 and all(len(w) == 1 for w in widths.values()), widths


def test_the_tree_holds_exactly_the_text_poppler_extracts_besides_the_artifacts(
    tagged: TaggedPdf, booklet_screen: Path
) -> None:
    extracted = _words(text(booklet_screen))
    assert _words(tagged.tree_text) + _words(tagged.artifact_text) == extracted
    for line in SCRIPT_LINES.values():  # every script, in the tree itself
        for word in line.split():
            assert _words(tagged.tree_text)[unicodedata.normalize("NFC", word)] >= 1, word
    artifacts = set(_words(tagged.artifact_text))
    assert artifacts <= {"Renderer", "test", "Time", "Session", "Room"} | {str(n) for n in range(1, 100)}


def test_a_run_in_another_language_is_a_span_with_its_lang(tagged: TaggedPdf) -> None:
    spans = [(lang, value) for page in tagged.pages for lang, value in page.languages]
    assert ("lo-LA", "ສະຫະພັນ") in spans
    assert str(tagged.pdf.Root.Lang) == "en"


def test_links_are_link_elements_with_a_description(tagged: TaggedPdf) -> None:
    nums = tagged.pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    seen = 0
    for page in tagged.pdf.pages:
        for annotation in page.obj.get("/Annots", ()):
            link = parents[int(annotation.StructParent)]
            assert link.S == "/Link"
            kids = link.K if isinstance(link.K, pikepdf.Array) else [link.K]
            assert any(isinstance(k, pikepdf.Dictionary) and k.get("/Obj") == annotation for k in kids)
            assert str(annotation.Contents).strip()
            seen += 1
    assert seen > 10
    described = {str(a.Contents) for p in tagged.pdf.pages for a in p.obj.get("/Annots", ())}
    assert {"https://www.ilo.org/", "E-mail dow@ilo.org", "Telephone +6622882057"} <= described
    assert any(d.startswith("Scripts of the region, page ") for d in described)  # a contents entry


def test_qr_codes_are_figures_with_alternative_text(tagged: TaggedPdf) -> None:
    figures = [e for e in tagged.elements if e.role == "/Figure"]
    alts = [str(f.obj.Alt) for f in figures]
    assert "QR code" in alts
    assert sum(a.startswith("QR code: the contact card of ") for a in alts) == 12  # every card's code


def test_the_catalog_and_pages_declare_what_readers_need(tagged: TaggedPdf) -> None:
    root = tagged.pdf.Root
    assert root.MarkInfo.Marked is True and root.ViewerPreferences.DisplayDocTitle is True
    assert all(page.obj.Tabs == "/S" for page in tagged.pdf.pages)
    xmp = root.Metadata.read_bytes().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and ">Every block</rdf:li>" in xmp
    assert tagged.pdf.pdf_version >= "1.7"


def test_pdfua_finds_nothing_and_skips_no_check(booklet_screen: Path, report_screen: Path) -> None:
    from pdfua import validate

    for pdf in (booklet_screen, report_screen):
        report = validate(str(pdf))
        assert not report.findings and not report.skipped, [str(f) for f in report.findings]


def test_the_print_edition_is_untagged_and_every_edition_is_deterministic(render_fonts, booklet_layout) -> None:
    document = every_block_document()
    first = render_pdf_editions(document, booklet_layout, render_fonts)
    again = render_pdf_editions(every_block_document(), booklet_layout, render_fonts)
    assert [e.data for e in first] == [e.data for e in again]
    printed = pikepdf.open(__import__("io").BytesIO(first[1].data))
    assert "/StructTreeRoot" not in printed.Root
    assert first[0].data == render_pdf(document, booklet_layout, render_fonts)
    assert render_pdf(document, load_layout("report-a4"), render_fonts).startswith(b"%PDF-1.7")
