"""The preflight every PDF passes before it is written: what a print shop or a reader would reject.

Two sources, each used for what it knows best:
- the renderer's `Ledger` (what it drew, where, on which page) for the geometry: two lines of text
  drawn over each other, text outside the area it may occupy, a heading left at the foot of a page,
  characters drawn without a glyph, pages left empty that nobody meant to leave empty;
- the finished bytes (pikepdf, qpdf's C++ object model: pypdf reads object streams in Python and
  took 0.4 s for each of these checks of a 115-page booklet) for the file's structure: every font
  embedded, every internal link and bookmark pointing at a destination that exists, and
  (`standards.py`) every standard the file claims, PDF/UA or PDF/X, met.

A finding names the page, the text and what is wrong. The build fails the job on any finding
(or, with `--preflight warn`, reports it and writes the file).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pikepdf

from briefpack.render.pdf.geometry import Box
from briefpack.render.pdf.ledger import DrawnLine, Ledger
from briefpack.render.pdf.standards import standard_problems

#: Two lines overprint when their glyph boxes share this much of the shorter line's height (and
#: more than `MIN_SHARED_WIDTH` of width). Consecutive lines of one paragraph set tighter than the
#: font's own height touch by a little; text drawn over text shares most of its height.
OVERLAP_SHARE = 0.4
MIN_SHARED_WIDTH = 1.0
#: Descenders and accents may reach this share of a line's height past the text frame, as in any
#: typeset page; a line further out has left its frame. Furniture must stay inside the safe area.
SPILL_SHARE = 0.3


@dataclass(frozen=True)
class Finding:
    page: int | None
    what: str
    text: str = ""

    def __str__(self) -> str:
        where = f"page {self.page}: " if self.page is not None else ""
        shown = f": `{_short(self.text)}`" if self.text else ""
        return f"{where}{self.what}{shown}"


def preflight(data: bytes, ledger: Ledger | None, missing: Mapping[str, str] | None = None) -> list[Finding]:
    """Every finding for one PDF; `ledger` is None for a file the renderer did not lay out itself (the
    imposed booklet, made of pages that were checked when they were drawn)."""
    pdf = pikepdf.open(io.BytesIO(data))
    findings = []
    if ledger is not None:
        if len(ledger.pages) != len(pdf.pages):
            findings.append(
                Finding(None, f"the renderer drew {len(ledger.pages)} pages, the file has {len(pdf.pages)}")
            )
        for record in ledger.pages.values():
            findings += _overprints(record.number, record.lines)
            findings += _outside(record.number, record.lines, record.live, record.safe)
            if not record.has_content and not record.blank_by_design:
                findings.append(Finding(record.number, "the page is empty"))
            findings += _stranded(record.number, record.lines)
        findings += _missing_glyphs(ledger, missing or {})
    findings += _fonts_not_embedded(pdf)
    findings += _dangling_links(pdf)
    findings += [Finding(page, what) for page, what in standard_problems(pdf)]
    return findings


def _overprints(page: int, lines: list[DrawnLine]) -> list[Finding]:
    found = []
    ordered = sorted(lines, key=lambda line: line.box[1])
    for i, a in enumerate(ordered):
        ax0, ay0, ax1, ay1 = a.box
        for b in ordered[i + 1 :]:
            bx0, by0, bx1, by1 = b.box
            if by0 >= ay1:
                break
            shared_h = min(ay1, by1) - max(ay0, by0)
            shared_w = min(ax1, bx1) - max(ax0, bx0)
            if shared_w > MIN_SHARED_WIDTH and shared_h > OVERLAP_SHARE * min(ay1 - ay0, by1 - by0):
                upper, lower = (a, b) if ay1 >= by1 else (b, a)
                found.append(Finding(page, f"text drawn over text: `{_short(upper.text)}` over", lower.text))
    return found


def _stranded(page: int, lines: list[DrawnLine]) -> list[Finding]:
    """A heading (or a line kept with what follows) that is the last text on its page."""
    body = [line for line in lines if not line.furniture]
    if not body:
        return []
    last = min(body, key=lambda line: (line.box[1], -line.box[0]))
    if not last.binds:
        return []
    return [Finding(page, "a heading ends the page, apart from what it introduces", last.text)]


def _outside(page: int, lines: list[DrawnLine], live: Box, safe: Box) -> list[Finding]:
    found = []
    for line in lines:
        x0, y0, x1, y1 = line.box
        if line.furniture:
            area, spill, where = safe, 0.0, "outside the safe area inside the trim"
        else:
            area, spill, where = live, SPILL_SHARE * (y1 - y0), "outside the text area (past the margins)"
        ax0, ay0, ax1, ay1 = area
        if x0 < ax0 - 0.5 or x1 > ax1 + 0.5 or y0 < ay0 - spill - 0.5 or y1 > ay1 + spill + 0.5:
            found.append(Finding(page, f"text {where}", line.text))
    return found


def _missing_glyphs(ledger: Ledger, missing: Mapping[str, str]) -> list[Finding]:
    found = []
    for text, chars in missing.items():
        shown = ", ".join(f"U+{ord(ch):04X}" for ch in chars)
        found.append(
            Finding(
                _page_of(ledger, text, chars), f"no glyph for {shown} in the font drawing it (it prints as a box)", text
            )
        )
    return found


def _page_of(ledger: Ledger, text: str, chars: str) -> int | None:
    """The first page with a line holding the longest stretch of `text` free of the missing `chars`
    (those are drawn as whatever the font makes of them, so the line's text does not hold them)."""
    pieces = [text]
    for ch in chars:
        pieces = [part for piece in pieces for part in piece.split(ch)]
    probe = max((" ".join(p.split()) for p in pieces), key=len, default="")[:20]
    if not probe:
        return None
    return next((r.number for r in ledger.pages.values() for line in r.lines if probe in line.text), None)


def _fonts_not_embedded(pdf: pikepdf.Pdf) -> list[Finding]:
    found: dict[str, int] = {}
    for number, page in enumerate(pdf.pages, start=1):
        for name, font in _fonts(page.obj.get("/Resources")):
            if not _embedded(font):
                found.setdefault(name, number)
    return [Finding(page, "font not embedded", name) for name, page in found.items()]


def _fonts(resources: object, seen: set[tuple[int, int]] | None = None) -> Iterable[tuple[str, pikepdf.Dictionary]]:
    """(base font name, font dictionary) of every font a page or its forms use."""
    seen = seen if seen is not None else set()
    if not isinstance(resources, pikepdf.Dictionary):
        return
    fonts = resources.get("/Font")
    if isinstance(fonts, pikepdf.Dictionary):
        for font in fonts.values():
            if isinstance(font, pikepdf.Dictionary):
                yield str(font.get("/BaseFont", "/?")).lstrip("/"), font
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, pikepdf.Dictionary):
        for form in xobjects.values():
            key = form.objgen
            if key in seen or not isinstance(form, pikepdf.Stream) or form.get("/Subtype") != pikepdf.Name.Form:
                continue
            seen.add(key)
            yield from _fonts(form.get("/Resources"), seen)


def _embedded(font: pikepdf.Dictionary) -> bool:
    if font.get("/Subtype") == pikepdf.Name.Type3:
        return True
    if font.get("/Subtype") == pikepdf.Name.Type0:
        descendants = font.get("/DescendantFonts")
        if not isinstance(descendants, pikepdf.Array) or not len(descendants):
            return False
        font = descendants[0]
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, pikepdf.Dictionary) and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def _dangling_links(pdf: pikepdf.Pdf) -> list[Finding]:
    names = _destination_names(pdf)
    pages = {page.obj.objgen for page in pdf.pages}
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        for annot in page.obj.get("/Annots", ()):
            if not isinstance(annot, pikepdf.Dictionary) or annot.get("/Subtype") != pikepdf.Name.Link:
                continue
            target = _target(annot)
            if target is not _EXTERNAL and not _resolves(target, names, pages):
                found.append(Finding(number, "a link points to no destination", _describe(target)))
    outlines = pdf.Root.get("/Outlines")
    item = outlines.get("/First") if isinstance(outlines, pikepdf.Dictionary) else None
    stack = [item] if item is not None else []
    while stack:
        item = stack.pop()
        if not isinstance(item, pikepdf.Dictionary):
            continue
        target = _target(item)
        if target is not _EXTERNAL and not _resolves(target, names, pages):
            found.append(Finding(None, "a bookmark points to no destination", str(item.get("/Title", ""))))
        for key in ("/Next", "/First"):
            if key in item:
                stack.append(item[key])
    return found


def _destination_names(pdf: pikepdf.Pdf) -> set[str]:
    """Named destinations, from the catalog's name tree and from the old /Dests dictionary."""
    names: set[str] = set()
    tree = pdf.Root.get("/Names", pikepdf.Dictionary()).get("/Dests")
    if tree is not None:
        names.update(str(key) for key in pikepdf.NameTree(tree))
    old = pdf.Root.get("/Dests")
    if isinstance(old, pikepdf.Dictionary):
        names.update(str(key).lstrip("/") for key in old)
    return names


_EXTERNAL = object()  # a URI or other action that leaves the document: not the preflight's business


def _target(item: pikepdf.Dictionary) -> object:
    if "/Dest" in item:
        return item["/Dest"]
    action = item.get("/A")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") == pikepdf.Name.GoTo:
        return action.get("/D")
    return _EXTERNAL


def _resolves(target: object, names: set[str], pages: set[tuple[int, int]]) -> bool:
    if isinstance(target, pikepdf.String | pikepdf.Name | str):
        return str(target).lstrip("/") in names or str(target) in names
    if isinstance(target, pikepdf.Array) and len(target):
        page = target[0]
        return isinstance(page, pikepdf.Dictionary) and page.objgen in pages
    return False


def _describe(target: object) -> str:
    return str(target) if isinstance(target, pikepdf.String | pikepdf.Name | str) else "an explicit destination"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."
