"""Tagged PDF, the renderer's half: the structure tree, and marked content written as pages are drawn.

reportlab has no structure-tree API, so the work is split where the knowledge is:

- The block converter builds the tree (`Node`s, in reading order) from the document model while it
  makes flowables, and gives every flowable that shows content the node it belongs to (`tag`).
- While a page is drawn (`Tagger`, one per layout pass, on the document template like the ledger),
  everything is an Artifact by default: each page opens ``/Artifact BMC``, and a flowable drawing
  its node's content closes it, writes ``/P <</MCID n>> BDC ... EMC`` and reopens it. So running
  heads, page numbers, rules, table shading and crop marks are Artifacts without naming each one,
  and nothing on a page is left unmarked. Every link annotation made while a node is drawn is
  recorded against that node, in the order reportlab adds it to the page.
- `structure.tag_pdf` then writes the tree, the ParentTree and the links' OBJRs with pikepdf.

A node's content may be drawn on several pages (a paragraph split across a page break): each part
gets its own MCID on its page. A node marked `repeats` (header rows, repeated at the top of every
page a table continues on) is content only where it is first drawn; its repeats are Artifacts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from briefpack.document.model import Inline


class Node:
    """A structure element: a standard PDF structure type and its attributes (`Lang`, `Alt`, `Scope`).

    `text`, when given, describes a link made inside the node (a contents entry's heading).
    """

    __slots__ = ("attrs", "kids", "repeats", "role", "text")

    def __init__(self, role: str, attrs: dict[str, str] | None = None, *, repeats: bool = False) -> None:
        self.role = role
        self.attrs = attrs or {}
        self.kids: list[Node] = []
        self.repeats = repeats
        self.text = ""

    def add(self, role: str, attrs: dict[str, str] | None = None) -> Node:
        node = Node(role, attrs, repeats=self.repeats)
        self.kids.append(node)
        return node

    def __repr__(self) -> str:
        return f"Node({self.role}, {len(self.kids)} kids)"


class Tree:
    """The document's structure, built in reading order: elements open and close around their content."""

    def __init__(self, language: str) -> None:
        self.language = language  # the document's: the catalog's /Lang
        self.root = Node("Document")
        self._open = [self.root]

    def text(self, role: str, content: Inline, parent: Node | None = None) -> Node | None:
        """An element of text runs (in the open element, or in `parent`), with `/Lang` when all its words
        are in one other language (a name in its own script); mixed runs keep the document's language.
        None for runs without any text: an empty paragraph is nothing to read, so it stays an Artifact."""
        languages = {run.lang or self.language for run in content if run.text.strip()}
        if not languages:
            return None
        attrs = {}
        if len(languages) == 1 and (lang := languages.pop()) != self.language:
            attrs["Lang"] = lang
        return (parent or self.current).add(role, attrs)

    @property
    def current(self) -> Node:
        return self._open[-1]

    def add(self, role: str, attrs: dict[str, str] | None = None) -> Node:
        return self.current.add(role, attrs)

    def open(self, role: str, attrs: dict[str, str] | None = None, *, repeats: bool = False) -> Node:
        """An element that holds what is added until it is closed (a table row, a list item)."""
        node = self.add(role, attrs)
        node.repeats = node.repeats or repeats
        self._open.append(node)
        return node

    def close(self) -> None:
        self._open.pop()

    @contextmanager
    def element(self, role: str, attrs: dict[str, str] | None = None) -> Iterator[Node]:
        node = self.open(role, attrs)
        try:
            yield node
        finally:
            self.close()


@dataclass
class LinkMade:
    """A link annotation, in page order, and the node it was made in."""

    owner: Node | None
    url: str | None  # an external link's target
    dest: str | None  # an internal link's destination name


@dataclass
class Tagger:
    """What one layout pass marked: per page, the node of each MCID, and the links made."""

    pages: list[list[Node]] = field(default_factory=list)
    links: list[list[LinkMade]] = field(default_factory=list)
    _open: Node | None = None
    _page_open: bool = False
    _first_page: dict[int, int] = field(default_factory=dict)  # id(repeating node) -> page index first drawn on

    def start_page(self, canv: Canvas) -> None:
        self.pages.append([])
        self.links.append([])
        canv._code.append("/Artifact BMC")
        self._page_open = True

    def end_page(self, canv: Canvas) -> None:
        if self._page_open:
            canv._code.append("EMC")
            self._page_open = False

    @contextmanager
    def content(self, canv: Canvas, node: Node | None) -> Iterator[None]:
        """Mark what is drawn inside as `node`'s content; without a node (or inside another node's
        content, or a header row drawn again) it stays in the page's Artifact."""
        if node is None or self._open is not None or not self._page_open or self._repeated(node):
            yield
            return
        page = self.pages[-1]
        canv._code.append(f"EMC /{node.role} <</MCID {len(page)}>> BDC")
        page.append(node)
        self._open = node
        try:
            yield
        finally:
            self._open = None
            canv._code.append("EMC /Artifact BMC")

    def _repeated(self, node: Node) -> bool:
        """A header row's node drawn again on a later page (only such nodes are remembered)."""
        if not node.repeats:
            return False
        return self._first_page.setdefault(id(node), len(self.pages) - 1) != len(self.pages) - 1

    def link(self, url: str | None = None, dest: str | None = None) -> None:
        if self.links:
            self.links[-1].append(LinkMade(self._open, url, dest))


def tagger_of(canv: Any) -> Tagger | None:
    return getattr(getattr(canv, "_doctemplate", None), "tagger", None)


@contextmanager
def tagged(canv: Any, node: Node | None) -> Iterator[None]:
    """Draw inside as `node`'s content when the canvas is tagging; a no-op otherwise."""
    tagger = tagger_of(canv)
    if tagger is None:
        yield
        return
    with tagger.content(canv, node):
        yield


class TaggedCanvas(Canvas):
    """The screen edition's canvas: pages close their Artifact, and links are recorded for the tree."""

    def showPage(self) -> None:
        tagger = tagger_of(self)
        if tagger is not None:
            tagger.end_page(self)
        super().showPage()

    def linkRect(self, contents: Any, destinationname: Any, *args: Any, **kwargs: Any) -> Any:
        made = super().linkRect(contents, destinationname, *args, **kwargs)
        tagger = tagger_of(self)
        addtopage = args[1] if len(args) > 1 else kwargs.get("addtopage", 1)
        if tagger is not None and addtopage:
            tagger.link(dest=str(destinationname))
        return made

    def linkURL(self, url: str, rect: Any, *args: Any, **kwargs: Any) -> Any:
        made = super().linkURL(url, rect, *args, **kwargs)
        tagger = tagger_of(self)
        if tagger is not None:
            tagger.link(url=url)
        return made
