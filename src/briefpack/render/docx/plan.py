"""Word bookmark names for what the resolve stage found: anchors, headings and their page guesses.

A contents list near the start names headings that come later, and a link may point forward, so the
names are fixed before the first paragraph is written. Pages are the resolve stage's guesses (hard
page starts only); the contents never shows them (see `fields.py`); an index does, since its
separated page lists cannot be left blank, and no shipped DOCX product has an index.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefpack.document.resolve import Resolved
from briefpack.render.docx.fields import bookmark_name, toc_bookmark


@dataclass(frozen=True)
class Plan:
    bookmarks: dict[str, str]  # anchor -> bookmark name
    headings: dict[int, str]  # heading number -> its bookmark name
    pages: dict[str, int]  # bookmark name -> estimated page


def plan_bookmarks(resolved: Resolved) -> Plan:
    bookmarks = {anchor: bookmark_name(anchor) for anchor in resolved.anchors}
    if len(set(bookmarks.values())) != len(bookmarks):
        raise ValueError("two anchors give the same Word bookmark name; make them differ in letters or digits")
    headings = {
        h.number: bookmarks[h.anchor] if h.anchor is not None else toc_bookmark(h.number) for h in resolved.headings
    }
    pages = {bookmarks[anchor]: page for anchor, page in resolved.anchors.items()}
    return Plan(bookmarks, headings, pages)
