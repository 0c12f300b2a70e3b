"""Links, bookmarks and fields: working hyperlinks, a contents list that is never empty, page numbers.

A Word table of contents that says "No table of contents entries found" until someone presses F9 is a
known complaint; the TOC field here arrives filled with the headings, and Word refreshes it on opening.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from briefpack.render.docx.fields import bookmark_name
from render.docx.docx_parts import NS, Docx, paragraph_text, w

OUTLINE_TO_LEVEL_2 = ["Scripts of the region", "Lists and key-values", "A table", "A schedule", "Index"]


def instructions(story) -> list[str]:
    return [t.text.strip() for t in story.iterfind(".//w:instrText", NS)]


def bookmarks(docx: Docx) -> dict[str, str]:
    """Bookmark name -> text of the paragraph it marks."""
    return {b.get(w("name")): paragraph_text(b.getparent()) for b in docx.document.iterfind(".//w:bookmarkStart", NS)}


def test_external_links_are_hyperlinks_with_external_relationships(every_block: Docx) -> None:
    targets = {}
    for link in every_block.document.iterfind(".//w:hyperlink[@r:id]", NS):
        rel = every_block.relationships[link.get(f"{{{NS['r']}}}id")]
        assert rel.get("TargetMode") == "External"
        assert rel.get("Type").endswith("/hyperlink")
        targets[rel.get("Target")] = paragraph_text(link)
        for run in link.iterfind("w:r", NS):
            assert run.find("w:rPr/w:rStyle", NS).get(w("val")) == "Hyperlink"
    assert targets["mailto:dow@ilo.org"] == "dow@ilo.org"
    assert targets["https://www.ilo.org/"] == "web link"
    assert targets["tel:+6622882057"] in ("+66 2 288 2057", "(66-2) 288 2057")


def test_internal_links_point_at_bookmarks_on_their_targets(every_block: Docx) -> None:
    marks = bookmarks(every_block)
    link = next(
        h
        for h in every_block.document.iterfind(".//w:hyperlink[@w:anchor]", NS)
        if "internal link" in paragraph_text(h)
    )
    assert marks[link.get(w("anchor"))] == "A table"
    for anchor in {h.get(w("anchor")) for h in every_block.document.iterfind(".//w:hyperlink[@w:anchor]", NS)}:
        assert anchor in marks


def test_bookmark_ids_pair_up_and_are_unique(every_block: Docx) -> None:
    starts = [b.get(w("id")) for b in every_block.document.iterfind(".//w:bookmarkStart", NS)]
    ends = [b.get(w("id")) for b in every_block.document.iterfind(".//w:bookmarkEnd", NS)]
    assert len(starts) == len(set(starts)) == len(ends)
    assert set(starts) == set(ends)


def test_the_toc_field_arrives_filled_with_the_outline_headings(every_block: Docx) -> None:
    body = every_block.document
    assert 'TOC \\o "1-2" \\h \\z \\u' in instructions(body)
    entries = [
        p for p in body.iterfind(".//w:p", NS) if re.fullmatch(r"TOC\d", p.find("w:pPr/w:pStyle", NS).get(w("val")))
    ]
    assert [p.find("w:pPr/w:pStyle", NS).get(w("val")) for p in entries] == [
        "TOC1",
        "TOC2",
        "TOC2",
        "TOC2",
        "TOC1",
    ]
    titles = [paragraph_text(p.find("w:hyperlink", NS)) for p in entries]
    assert titles == OUTLINE_TO_LEVEL_2
    marks = bookmarks(every_block)
    for p in entries:
        link = p.find("w:hyperlink", NS)
        assert marks[link.get(w("anchor"))] in OUTLINE_TO_LEVEL_2
    # One field spanning the entries: begin in the first paragraph, end in the last; no field inside.
    kinds = [c.get(w("fldCharType")) for p in entries for c in p.iterfind(".//w:fldChar", NS)]
    assert kinds == ["begin", "separate", "end"]
    toc_title = entries[0].getprevious()
    assert toc_title.find("w:pPr/w:pStyle", NS).get(w("val")) == "TOCHeading"
    assert paragraph_text(toc_title) == "Contents"


def test_contents_entries_are_linked_headings_without_page_numbers(every_block: Docx) -> None:
    """A guess could be wrong, and LibreOffice evaluates page references before its layout is done."""
    entry = every_block.paragraph_with("Scripts of the region")
    assert paragraph_text(entry) == "Scripts of the region"
    [link] = entry.findall("w:hyperlink", NS)
    assert link.get(w("anchor")) in bookmarks(every_block)
    assert not [i for i in instructions(entry) if i.startswith("PAGEREF ")]


def test_word_updates_fields_on_opening(every_block: Docx) -> None:
    update = every_block.settings.find("w:updateFields", NS)
    assert update is not None and update.get(w("val")) == "true"


def test_index_entries_refer_to_the_pages_of_their_targets(every_block: Docx) -> None:
    marks = bookmarks(every_block)
    entry = every_block.paragraph_with("Dow, Allan")
    links = entry.findall("w:hyperlink", NS)
    assert [marks[link.get(w("anchor"))] for link in links] == ["Lists and key-values", "A table"]
    assert [instructions(link) for link in links] == [[f"PAGEREF {link.get(w('anchor'))} \\h"] for link in links]
    assert entry.find("w:pPr/w:pStyle", NS).get(w("val")) == "Index1"


def test_body_pages_number_themselves_in_the_running_head(every_block: Docx) -> None:
    texts = {name: paragraph_text(h) for name, h in every_block.headers().items()}
    running = [name for name, text in texts.items() if "Renderer test" in text]
    assert len(running) == 1
    assert instructions(every_block.headers()[running[0]]) == ["PAGE"]
    # The cover and the card sheets have headers of their own, empty, so they inherit nothing.
    assert sorted(texts.values()) == ["", "", "Renderer test\t1"]


@given(st.text(min_size=1, max_size=120))
def test_bookmark_names_are_always_valid_and_stable(anchor: str) -> None:
    name = bookmark_name(anchor)
    assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", name)
    assert bookmark_name(anchor) == name


def test_bookmark_names_keep_distinct_anchors_distinct() -> None:
    anchors = [
        "the-table",
        "the_table",
        "the table",
        "session-1",
        "session-1" + "x" * 60,
        "session-1" + "y" * 60,
    ]
    assert len({bookmark_name(a) for a in anchors}) == len(anchors)
    assert bookmark_name("scripts") == "scripts"  # already valid: kept readable


def test_the_index_is_sorted_as_in_the_pdf_whatever_order_the_composer_gave(render_fonts) -> None:
    import io
    import zipfile

    from lxml import etree

    from briefpack.document.model import Document, Index, IndexEntry, Metadata, Paragraph, Section, runs
    from briefpack.layout.load import load_layout
    from briefpack.render.docx.renderer import render_docx

    index = Index(tuple(IndexEntry(runs(term), ("p",)) for term in ("mekong", "Ánh", "Bangkok")))
    document = Document(Metadata("i"), (Section((Paragraph(runs("x"), anchor="p"), index)),))
    data = render_docx(document, load_layout("report-a4"), render_fonts)
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    terms = [paragraph_text(p).split("\u2002")[0] for p in body.iterfind(".//w:p", NS) if "\u2002" in paragraph_text(p)]
    assert terms == ["Ánh", "Bangkok", "mekong"]
