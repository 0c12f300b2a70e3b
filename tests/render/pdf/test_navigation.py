"""Specification of the PDF's navigation: outline, contents, index and links all lead to the right page.

Every check reads a page number from the PDF (a printed number, an outline destination, a link
annotation) and then extracts the text of that page with `pdftotext -f N -l N`: the heading or
anchored text must be there. Page numbers count from the first page, as the footers print them.
"""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from render.pdf.pdf_reading import collapse, link_annotations, outline_entries, text, words_in
from render.samples import SCRIPT_LINES

OUTLINE = [
    ("Contents", 0),
    ("Scripts of the region", 0),
    ("Lists and key-values", 1),
    ("A table", 1),
    ("A schedule", 1),
    ("Index", 0),
]
# What each anchor of every_block_document() marks, as it reads on its page.
ANCHORED = {
    "scripts": "Scripts of the region",
    "lists": "Lists and key-values",
    "the-table": "A table",
    **{f"line-{name}": line for name, line in SCRIPT_LINES.items()},
}


def _on_page(pdf: Path, page: int, wanted: str) -> bool:
    return collapse(wanted) in collapse(text(pdf, page))


def _numbered_lines(pdf: Path, page: int) -> dict[str, list[int]]:
    """`entry ... 3, 7` lines of a contents or index page, as {entry: [3, 7]}."""
    entries = {}
    for line in text(pdf, page, layout=True).splitlines():
        match = re.fullmatch(r"\s*(.*?\S)\s{2,}(\d+(?:,\s*\d+)*)\s*", line)
        if match:
            entries[match.group(1)] = [int(n) for n in match.group(2).split(",")]
    return entries


def _page_with(pdf: Path, wanted: str, after: int = 0) -> int:
    """The first page after page `after` whose text contains `wanted`."""
    pages = len(PdfReader(pdf).pages)
    return next(p for p in range(after + 1, pages + 1) if _on_page(pdf, p, wanted))


def test_outline_nests_headings_and_each_entry_opens_its_page(booklet_screen: Path) -> None:
    outline = outline_entries(booklet_screen)
    assert [(title, depth) for title, depth, _ in outline] == OUTLINE  # "Kept together" has outline=False
    for title, _, page in outline:
        assert _on_page(booklet_screen, page, title), (title, page)


def test_contents_lists_outline_headings_with_the_pages_they_are_on(booklet_screen: Path) -> None:
    contents_page = _page_with(booklet_screen, "Contents")
    listed = _numbered_lines(booklet_screen, contents_page)
    assert list(listed) == [title for title, _ in OUTLINE[1:]]  # not the contents title itself
    for title, (page,) in listed.items():
        assert _on_page(booklet_screen, page, title), (title, page)


def test_contents_entries_and_numbers_link_to_their_pages(booklet_screen: Path) -> None:
    contents_page = _page_with(booklet_screen, "Contents")
    listed = _numbered_lines(booklet_screen, contents_page)
    links = [(rect, target) for page, target, rect in link_annotations(booklet_screen) if page == contents_page]
    assert len(links) == 2 * len(listed)  # the entry and its number
    for rect, target in links:
        label = words_in(booklet_screen, contents_page, rect)
        assert label, rect
        if label.isdigit():
            assert target == int(label)
        else:
            assert listed[label] == [target], label


def test_index_numbers_are_the_pages_of_the_entries_anchors(booklet_screen: Path) -> None:
    contents_page = _page_with(booklet_screen, "Contents")
    index_page = _page_with(booklet_screen, "Index\nDow")
    listed = _numbered_lines(booklet_screen, index_page)
    targets = {"Dow, Allan": ("lists", "the-table"), "Dương Thị Xuân": ("scripts",)}
    assert set(listed) == set(targets)
    for term, anchors in targets.items():
        expected = sorted({_page_with(booklet_screen, ANCHORED[a], after=contents_page) for a in anchors})
        assert listed[term] == expected, term  # distinct and sorted
        for page in listed[term]:
            assert any(_on_page(booklet_screen, page, ANCHORED[a]) for a in anchors)
    links = [
        (words_in(booklet_screen, index_page, rect), target)
        for page, target, rect in link_annotations(booklet_screen)
        if page == index_page
    ]
    assert sorted(links) == sorted((str(p), p) for pages in listed.values() for p in pages)


def test_internal_links_open_the_page_of_their_target(booklet_screen: Path) -> None:
    labelled = [
        (words_in(booklet_screen, page, rect), target) for page, target, rect in link_annotations(booklet_screen)
    ]
    to_table = [target for label, target in labelled if "internal link" in label]
    to_scripts = [target for label, target in labelled if label == "Session 1"]  # a timetable slot's target
    assert to_table and to_scripts
    assert all(_on_page(booklet_screen, page, "A table") for page in to_table)
    assert all(_on_page(booklet_screen, page, "Scripts of the region") for page in to_scripts)


def test_external_links_carry_their_uri(booklet_screen: Path) -> None:
    uris = {
        (words_in(booklet_screen, page, rect), target)
        for page, target, rect in link_annotations(booklet_screen)
        if isinstance(target, str)
    }
    assert uris == {
        ("web link,", "https://www.ilo.org/"),
        ("dow@ilo.org,", "mailto:dow@ilo.org"),
        ("+66 2 288 2057", "tel:+6622882057"),
        ("(66-2) 288 2057", "tel:+6622882057"),
        ("dow@ilo.org", "mailto:dow@ilo.org"),
    }
