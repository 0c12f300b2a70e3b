"""Does a PDF meet the standards it claims? Read from the file itself, with pikepdf.

A file claims PDF/UA when its XMP says `pdfuaid:part`, and PDF/X when its Info dictionary has
GTS_PDFXVersion. Whatever wrote those claims, the preflight checks them here, so a file that would
claim a standard it does not meet fails its build instead of a reader's or a printer's check:

- tagged (PDF/UA-1): MarkInfo, /Lang, a structure tree; every text-showing operator and every
  painted image or form inside marked content; every MCID of a page in the ParentTree pointing at
  an element that owns it; every link annotation the OBJR of a Link element; every page /Tabs /S.
- PDF/X (-1a:2003 or -4): the output intent with its condition (and, for X-4, its profile), Trapped,
  no annotations, a TrimBox inside the BleedBox inside the MediaBox on every page, and no RGB (or,
  for X-1a, any non-CMYK, non-grey) colour anywhere: colour operators, colour spaces and images.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator

import pikepdf
from pikepdf import Name

_SHOW = frozenset({"Tj", "TJ", "'", '"'})
_DEVICE_RGB = {"/DeviceRGB", "/CalRGB"}


def claims(pdf: pikepdf.Pdf) -> list[str]:
    """The standards the file declares: "PDF/UA-1", and its GTS_PDFXVersion."""
    found = []
    metadata = pdf.Root.get("/Metadata")
    if metadata is not None and b"pdfuaid:part" in metadata.read_bytes():
        found.append("PDF/UA-1")
    version = pdf.docinfo.get("/GTS_PDFXVersion")
    if version is not None:
        found.append(str(version))
    return found


def standard_problems(pdf: pikepdf.Pdf | bytes) -> list[tuple[int | None, str]]:
    """(page or None, what falls short) for every standard the PDF claims."""
    if isinstance(pdf, bytes):
        pdf = pikepdf.open(io.BytesIO(pdf))
    problems: list[tuple[int | None, str]] = []
    for claim in claims(pdf):
        check = _tagged if claim == "PDF/UA-1" else _pdfx
        problems += [(page, f"claims {claim} but {what}") for page, what in check(pdf, claim)]
    return problems


def _tagged(pdf: pikepdf.Pdf, claim: str) -> Iterator[tuple[int | None, str]]:
    root = pdf.Root
    if not root.get("/MarkInfo", {}).get("/Marked", False):
        yield None, "the catalog has no /MarkInfo /Marked true"
    if not str(root.get("/Lang", "")).strip():
        yield None, "the catalog has no /Lang"
    tree = root.get("/StructTreeRoot")
    if tree is None:
        yield None, "has no structure tree"
        return
    parents = _parent_tree(tree)
    for number, page in enumerate(pdf.pages, start=1):
        if page.obj.get("/Tabs") != Name.S:
            yield number, "the page's tab order is not the structure order (/Tabs /S)"
        mcids, loose = _marked_content(page)
        if loose:
            yield number, f"{loose} text or image operators are outside marked content"
        owners = parents.get(page.obj.get("/StructParents"))
        for mcid in mcids:
            owner = owners[mcid] if isinstance(owners, pikepdf.Array) and mcid < len(owners) else None
            if not isinstance(owner, pikepdf.Dictionary) or not _owns(owner, page.obj, mcid):
                yield number, f"marked content {mcid} belongs to no structure element"
        for annotation in page.obj.get("/Annots", ()):
            if annotation.get("/Subtype") != Name.Link:
                continue
            link = parents.get(annotation.get("/StructParent"))
            if not isinstance(link, pikepdf.Dictionary) or link.get("/S") != Name.Link:
                yield number, "a link annotation is not in the structure tree as a Link"
            elif not str(annotation.get("/Contents", "")).strip():
                yield number, "a link annotation has no description (/Contents)"


def _parent_tree(tree: pikepdf.Dictionary) -> dict[int, pikepdf.Object]:
    """The ParentTree's number tree, flattened (its leaves may sit under /Kids)."""
    found: dict[int, pikepdf.Object] = {}
    pending = [tree.get("/ParentTree")]
    while pending:
        node = pending.pop()
        if not isinstance(node, pikepdf.Dictionary):
            continue
        nums = node.get("/Nums", pikepdf.Array())
        for i in range(0, len(nums) - 1, 2):
            found[int(nums[i])] = nums[i + 1]
        pending.extend(node.get("/Kids", ()))
    return found


def _owns(element: pikepdf.Dictionary, page: pikepdf.Dictionary, mcid: int) -> bool:
    """Whether `element` has marked content `mcid` of `page` among its kids (a number on its own page,
    an MCR on another: a paragraph split over two pages may have MCID 0 on both)."""
    kids = element.get("/K")
    own_page = element.get("/Pg")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, int):
            on = own_page if int(kid) == mcid else None
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == Name.MCR and int(kid.MCID) == mcid:
            on = kid.get("/Pg", own_page)
        else:
            continue
        if on is not None and on.objgen == page.objgen:
            return True
    return False


def _marked_content(page: pikepdf.Page) -> tuple[list[int], int]:
    """The page's MCIDs, and how many text, image and form operators lie outside marked content."""
    depth, loose, mcids = 0, 0, []
    for item in pikepdf.parse_content_stream(page, "BDC BMC EMC Tj TJ ' \" Do BI"):
        if isinstance(item, pikepdf.ContentStreamInlineImage):
            loose += depth == 0
            continue
        op = str(item.operator)
        if op in ("BDC", "BMC"):
            depth += 1
            props = item.operands[1] if op == "BDC" else None
            if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                mcids.append(int(props.MCID))
        elif op == "EMC":
            depth -= 1
        elif depth == 0 and (op in _SHOW or op == "Do"):
            loose += 1
    return mcids, loose


def _pdfx(pdf: pikepdf.Pdf, claim: str) -> Iterator[tuple[int | None, str]]:
    intents = [i for i in pdf.Root.get("/OutputIntents", ()) if i.get("/S") == Name.GTS_PDFX]
    if len(intents) != 1:
        yield None, f"has {len(intents)} PDF/X output intents, not one"
    elif not str(intents[0].get("/OutputConditionIdentifier", "")).strip():
        yield None, "its output intent names no printing condition"
    elif claim == "PDF/X-4" and "/DestOutputProfile" not in intents[0]:
        yield None, "its output intent embeds no ICC output profile"
    if pdf.docinfo.get("/Trapped") not in (Name("/True"), Name("/False")):
        yield None, "the Info dictionary has no Trapped True or False"
    if not str(pdf.docinfo.get("/Title", "")).strip():
        yield None, "the document has no title"
    for number, page in enumerate(pdf.pages, start=1):
        if page.obj.get("/Annots"):
            yield number, "the page has annotations (links)"
        boxes = [_box(page.obj.get(name)) for name in ("/MediaBox", "/BleedBox", "/TrimBox")]
        if boxes[2] is None:
            yield number, "the page has no TrimBox"
        elif not all(outer is None or _inside(inner, outer) for outer, inner in itertools.pairwise(boxes)):
            yield number, "the page's TrimBox is not inside its BleedBox and MediaBox"
        for what in _foreign_colour(page, claim):
            yield number, what


def _box(value: pikepdf.Object | None) -> tuple[float, ...] | None:
    return None if value is None else tuple(float(v) for v in value)


def _inside(inner: tuple[float, ...] | None, outer: tuple[float, ...]) -> bool:
    if inner is None:
        return True
    return all((i >= o - 0.01) if k < 2 else (i <= o + 0.01) for k, (i, o) in enumerate(zip(inner, outer, strict=True)))


def _foreign_colour(page: pikepdf.Page, claim: str) -> Iterator[str]:
    """Colour a printer's CMYK output intent cannot take: RGB anywhere (X-1a: anything but CMYK and grey)."""
    if next(iter(pikepdf.parse_content_stream(page, "rg RG")), None) is not None:
        yield "it sets an RGB colour"
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    spaces = list(resources.get("/ColorSpace", pikepdf.Dictionary()).values())
    images = [x.get("/ColorSpace") for x in resources.get("/XObject", {}).values() if x.get("/Subtype") == Name.Image]
    for space in spaces + images:
        family = str(space[0] if isinstance(space, pikepdf.Array) else space)
        if family in _DEVICE_RGB or (claim != "PDF/X-4" and family in ("/ICCBased", "/Lab", "/CalGray")):
            yield f"it uses the colour space {family[1:]}"
