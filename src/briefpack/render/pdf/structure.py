"""Tagged PDF, the file's half: the structure tree written into a rendered PDF with pikepdf.

The renderer marked every page's content (`tagging.py`); this writes what a reader of the tags
needs: the StructTreeRoot with one element per node that shows anything (elements of nothing, such
as a paragraph left empty, are left out; table cells never are, so rows keep their columns), each
element's marked content (an MCID on the element's page, an MCR on any other), the ParentTree from
every page's MCIDs and every link annotation back to its element, each link annotation as the OBJR of
a Link element with a /Contents description, /Tabs /S on every page, and the catalog's /MarkInfo,
/Lang and XMP metadata claiming PDF/UA-1. The output is as deterministic as the input.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf
from pikepdf import Array, Dictionary, Name

from briefpack.render.pdf.tagging import LinkMade, Node, Tagger, Tree
from briefpack.render.pdf.xmp import xmp_packet

#: Structure attributes written as text entries of the element itself; the others go in its /A.
_TEXT_ENTRIES = ("Lang", "Alt", "ActualText", "E")
_TABLE_ATTRIBUTES = {"Scope": Name, "ColSpan": int, "RowSpan": int}
_CELLS = frozenset({"TH", "TD"})


def info_of(pdf: pikepdf.Pdf) -> dict[str, str]:
    """The document information dictionary as text."""
    return {str(key)[1:]: str(value) for key, value in pdf.docinfo.items()}


def set_metadata(pdf: pikepdf.Pdf, claims: list[tuple[str, str, str]]) -> None:
    """XMP from the Info dictionary and the claimed standards, as the catalog's /Metadata."""
    stream = pikepdf.Stream(pdf, xmp_packet(info_of(pdf), claims))
    stream.Type, stream.Subtype = Name.Metadata, Name.XML
    pdf.Root.Metadata = pdf.make_indirect(stream)


def tag_pdf(data: bytes, tree: Tree, tagger: Tagger) -> bytes:
    """`data` with the structure `tree` whose content `tagger` recorded while the pages were drawn."""
    pdf = pikepdf.open(io.BytesIO(data))
    pages = [page.obj for page in pdf.pages]
    if len(pages) != len(tagger.pages):
        raise ValueError(f"the tagger saw {len(tagger.pages)} pages, the PDF has {len(pages)}")
    writer = _StructureWriter(pdf, pages, tagger)
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    root.K = Array([writer.element(tree.root, root)])
    nums: list[object] = []
    for index, elements in enumerate(writer.parents):
        if elements:
            pages[index].StructParents = index
            nums += [index, Array(elements)]
        pages[index].Tabs = Name.S
    for key, element in writer.annotation_parents:
        nums += [key, element]
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    root.ParentTreeNextKey = writer.next_key
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = pikepdf.String(tree.language)
    preferences = pdf.Root.get("/ViewerPreferences", Dictionary())
    preferences.DisplayDocTitle = True
    pdf.Root.ViewerPreferences = preferences
    set_metadata(pdf, [("pdfuaid", "part", "1")])
    out = io.BytesIO()
    pdf.save(
        out,
        min_version="1.7",
        deterministic_id=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    return out.getvalue()


class _StructureWriter:
    """Turns nodes into structure elements, collecting the ParentTree as it goes."""

    def __init__(self, pdf: pikepdf.Pdf, pages: list[pikepdf.Dictionary], tagger: Tagger) -> None:
        self.pdf = pdf
        self.pages = pages
        self.parents: list[list[object]] = [[None] * len(marked) for marked in tagger.pages]
        self.annotation_parents: list[tuple[int, object]] = []
        self.next_key = len(pages)
        self.marks: dict[int, list[tuple[int, int]]] = {}
        for index, marked in enumerate(tagger.pages):
            for mcid, node in enumerate(marked):
                self.marks.setdefault(id(node), []).append((index, mcid))
        self.links: dict[int, list[tuple[int, pikepdf.Dictionary, LinkMade]]] = {}
        for index, made in enumerate(tagger.links):
            annotations = [a for a in pages[index].get("/Annots", ()) if a.get("/Subtype") == Name.Link]
            if len(annotations) != len(made):
                raise ValueError(f"page {index + 1}: {len(annotations)} link annotations, {len(made)} links recorded")
            for annotation, link in zip(annotations, made, strict=True):
                if link.owner is None:
                    raise ValueError(f"page {index + 1}: a link was drawn outside any tagged content")
                self.links.setdefault(id(link.owner), []).append((index, annotation, link))
        self._shows: dict[int, bool] = {}
        self._describe = _Destinations(pdf, pages)

    def shows(self, node: Node) -> bool:
        """Whether the node, or anything in it, put content or a link on a page."""
        known = self._shows.get(id(node))
        if known is None:
            known = id(node) in self.marks or id(node) in self.links or any(self.shows(k) for k in node.kids)
            self._shows[id(node)] = known
        return known

    def element(self, node: Node, parent: object) -> pikepdf.Dictionary:
        element = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent))
        _attributes(element, node)
        kids: list[object] = []
        own = self.marks.get(id(node), ())
        if own:
            element.Pg = self.pages[own[0][0]]
        for index, mcid in own:
            if index == own[0][0]:
                kids.append(mcid)
            else:
                kids.append(Dictionary(Type=Name.MCR, Pg=self.pages[index], MCID=mcid))
            self.parents[index][mcid] = element
        keep_cells = node.role == "TR"
        for kid in node.kids:
            if self.shows(kid) or (keep_cells and kid.role in _CELLS):
                kids.append(self.element(kid, element))
        previous: tuple[str | None, str | None] | None = None
        for index, annotation, link in self.links.get(id(node), ()):
            reference = Dictionary(Type=Name.OBJR, Obj=annotation, Pg=self.pages[index])
            holder = element
            if node.role == "Link":  # the node is the link (a contents entry): the annotation is its own
                kids.append(reference)
            elif (link.url, link.dest) == previous:  # the same link going on over another line
                holder = kids[-1]
                holder.K.append(reference)
            else:  # a link inside a paragraph: a Link element of its own
                holder = self.pdf.make_indirect(
                    Dictionary(Type=Name.StructElem, S=Name.Link, P=element, Pg=self.pages[index], K=Array([reference]))
                )
                kids.append(holder)
            previous = (link.url, link.dest)
            annotation.StructParent = self.next_key
            annotation.Contents = pikepdf.String(self._describe(link, annotation, node.text))
            self.annotation_parents.append((self.next_key, holder))
            self.next_key += 1
        element.K = kids[0] if len(kids) == 1 else Array(kids)
        return element


def _attributes(element: pikepdf.Dictionary, node: Node) -> None:
    table: dict[str, object] = {}
    for key, value in node.attrs.items():
        if key in _TEXT_ENTRIES:
            element[Name("/" + key)] = pikepdf.String(value)
        elif key in _TABLE_ATTRIBUTES:
            kind = _TABLE_ATTRIBUTES[key]
            table[key] = Name("/" + value) if kind is Name else int(value)
        else:
            raise ValueError(f"structure attribute {key!r} has no PDF form")
    if table:
        element.A = Dictionary(O=Name.Table, **table)


class _Destinations:
    """Link descriptions: what an external link opens, or the page an internal one goes to (reportlab
    resolves named destinations into each annotation's /Dest)."""

    def __init__(self, pdf: pikepdf.Pdf, pages: list[pikepdf.Dictionary]) -> None:
        self._page_of = {page.objgen: number for number, page in enumerate(pages, start=1)}

    def __call__(self, link: LinkMade, annotation: pikepdf.Dictionary, text: str) -> str:
        if link.url is not None:
            return _describe_url(link.url)
        target = annotation.get("/Dest")
        page = self._page_of.get(target[0].objgen) if isinstance(target, pikepdf.Array) and len(target) else None
        where = f"page {page}" if page else "elsewhere in this document"
        return f"{text}, {where}" if text else where[0].upper() + where[1:]


_SCHEMES: dict[str, Callable[[str], str]] = {
    "mailto:": lambda rest: f"E-mail {rest}",
    "tel:": lambda rest: f"Telephone {rest}",
}


def _describe_url(url: str) -> str:
    for scheme, describe in _SCHEMES.items():
        if url.lower().startswith(scheme):
            return describe(url[len(scheme) :])
    return url
