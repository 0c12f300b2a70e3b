"""Word fields (PAGE, PAGEREF, TOC) and bookmarks, the targets of internal links and page references.

A field is begin / instruction / separate / result / end. Its result is what a reader sees until the
field is updated. The contents' result lists the real headings, each a link, and no page numbers:
those depend on the reader's fonts and printer, so any briefpack wrote could only be a guess, and
LibreOffice shows field results as they are (it showed 2, 3, 4, 5, 6 for parts on pages 2, 4, 5, 7,
10). A wrong number is worse than none. Word regenerates the whole contents, numbers included, when
it updates the TOC field (`w:updateFields`, see package.py, asks on opening; F9 does it any time);
nothing depends on that.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from lxml import etree

from briefpack.render.docx.ooxml import el, xml_text

MAX_BOOKMARK = 40  # Word silently drops longer bookmark names


def bookmark_name(anchor: str) -> str:
    """A valid Word bookmark name for a document anchor, the same every time.

    Word accepts at most 40 characters of [A-Za-z0-9_], starting with a letter. An anchor that already
    is one is kept (readable in Word's bookmark dialog); any other gets its cleaned form shortened, plus a
    hash of the original so that anchors differing only in dropped characters stay distinct.
    """
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", anchor):
        return anchor
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
    if not cleaned[:1].isalpha():
        cleaned = "a" + cleaned
    digest = hashlib.sha1(anchor.encode()).hexdigest()[:8]
    return f"{cleaned[: MAX_BOOKMARK - 9]}_{digest}"


def toc_bookmark(ordinal: int) -> str:
    """A hidden bookmark (leading underscore, as Word's own `_Toc` ones) for a heading without an anchor."""
    return f"_Toc{ordinal:09d}"


class BookmarkIds:
    """Sequential `w:id`s for bookmark pairs: ids must be unique in the document, and stable."""

    def __init__(self) -> None:
        self._next = 0

    def wrap(self, paragraph: etree._Element, names: list[str]) -> None:
        """Bookmark the whole content of `paragraph` under each name."""
        ppr = paragraph.find(el("w:pPr").tag)
        for name in names:
            ident = str(self._next)
            self._next += 1
            start = el("w:bookmarkStart", {"w:id": ident, "w:name": name})
            if ppr is not None:
                ppr.addnext(start)
            else:
                paragraph.insert(0, start)
            paragraph.append(el("w:bookmarkEnd", {"w:id": ident}))


RunMaker = Callable[[str], etree._Element]


def field_begin(instruction: str, make_run: RunMaker) -> list[etree._Element]:
    """The runs opening a field up to its result: begin, instruction, separate.

    `make_run(text)` gives a formatted run (text '' for a bare run that will hold a field marker).
    A field may span paragraphs (a TOC does): its end can go into a later paragraph.
    """
    instr = make_run("")
    text = el("w:instrText")
    text.text = f" {instruction} "
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.append(text)
    return [_marker("begin", make_run), instr, _marker("separate", make_run)]


def field_end(make_run: RunMaker) -> etree._Element:
    return _marker("end", make_run)


def _marker(kind: str, make_run: RunMaker) -> etree._Element:
    run = make_run("")
    run.append(el("w:fldChar", {"w:fldCharType": kind}))
    return run


def field(instruction: str, result: str, make_run: RunMaker) -> list[etree._Element]:
    """A whole field as runs, with `result` shown until Word updates it."""
    return [*field_begin(instruction, make_run), make_run(xml_text(result)), field_end(make_run)]


def toc_instruction(levels: int) -> str:
    """Outline levels 1..N (`\\o`), hyperlinked entries (`\\h`), no page numbers on the web (`\\z`),
    and paragraphs with an outline level too (`\\u`), so headings in other styles are listed."""
    return f'TOC \\o "1-{max(1, min(levels, 9))}" \\h \\z \\u'
