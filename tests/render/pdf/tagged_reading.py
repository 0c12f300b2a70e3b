"""Reading a tagged PDF the way assistive technology does, independently of the renderer's own record.

Page content is decoded with each font's ToUnicode map (and `/ActualText` where a span gives one),
and every piece of text is assigned to what encloses it: an MCID, an Artifact, or nothing. The
structure tree is walked from the StructTreeRoot in reading order, each element with the text of
the marked content it owns. Only pikepdf is used; nothing here imports briefpack.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

_SHOW = {"Tj", "TJ", "'", '"'}
_BREAK = {"T*", "Td", "TD", "Tm", "'", '"', "ET"}


@dataclass
class PageMarks:
    """The text of a page by what holds it."""

    mcids: dict[int, str] = field(default_factory=dict)
    artifact: list[str] = field(default_factory=list)
    unmarked_text: int = 0  # text-showing operators outside any marked content
    unmarked_paint: int = 0  # images and forms painted outside any marked content
    mcid_order: list[int] = field(default_factory=list)
    languages: list[tuple[str, str]] = field(default_factory=list)  # (Lang of a span, its text)


@dataclass
class Element:
    role: str
    depth: int
    obj: pikepdf.Dictionary
    text: str  # of its own marked content, in order
    parent_role: str
    all_text: str = ""  # of its own and its descendants' marked content, in reading order


def _cmap(font: pikepdf.Dictionary) -> tuple[dict[bytes, str], int]:
    """ToUnicode of a font: code bytes -> text, and the code length in bytes."""
    width = 2 if font.get("/Subtype") == "/Type0" else 1
    table: dict[bytes, str] = {}
    stream = font.get("/ToUnicode")
    if stream is None:
        return table, width
    data = stream.read_bytes().decode("latin-1")

    def hex_text(h: str) -> str:
        return bytes.fromhex(h).decode("utf-16-be")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            table[bytes.fromhex(src)] = hex_text(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for src, end, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            lo, hi = int(src, 16), int(end, 16)
            size = len(src) // 2
            if dst.startswith("["):
                for i, item in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", dst)):
                    table[(lo + i).to_bytes(size, "big")] = hex_text(item)
            else:
                base = bytes.fromhex(dst[1:-1])
                start = int.from_bytes(base, "big")
                for i in range(hi - lo + 1):
                    table[(lo + i).to_bytes(size, "big")] = (start + i).to_bytes(len(base), "big").decode("utf-16-be")
    return table, width


def _decode(raw: bytes, cmap: tuple[dict[bytes, str], int]) -> str:
    table, width = cmap
    return "".join(table.get(raw[i : i + width], "\ufffd") for i in range(0, len(raw), width))


def page_marks(page: pikepdf.Page) -> PageMarks:
    marks = PageMarks()
    fonts = page.obj.get("/Resources", {}).get("/Font", {})
    cmaps: dict[str, tuple[dict[bytes, str], int]] = {}
    font: tuple[dict[bytes, str], int] = ({}, 1)
    stack: list[tuple[str, int | None, bool]] = []  # (tag, mcid, replaced by ActualText)
    pieces: dict[int, list[str]] = defaultdict(list)
    artifact: list[str] = []
    spans: list[tuple[int, str, list[str]]] = []  # open Lang spans: (depth opened at, Lang, text)

    def emit(target: list[str], text: str) -> None:
        target.append(text)
        for _, _, collected in spans:
            collected.append(text)

    def sink() -> list[str] | None:
        if any(tag == "/Artifact" for tag, _, _ in stack):
            return artifact
        for _, mcid, _ in reversed(stack):
            if mcid is not None:
                return pieces[mcid]
        return None

    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            if not stack:
                marks.unmarked_paint += 1
            continue
        operands, op = instruction.operands, str(instruction.operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            props = operands[1] if op == "BDC" else None
            mcid = None
            actual = None
            if isinstance(props, pikepdf.Dictionary):
                if "/MCID" in props:
                    mcid = int(props.MCID)
                    marks.mcid_order.append(mcid)
                if "/ActualText" in props:
                    actual = str(props.ActualText)
            if actual is not None:
                target = sink()
                if target is not None:
                    emit(target, actual)
            if isinstance(props, pikepdf.Dictionary) and "/Lang" in props:
                spans.append((len(stack), str(props.Lang), []))
            stack.append((tag, mcid, actual is not None))
        elif op == "EMC":
            stack.pop()
            if spans and spans[-1][0] == len(stack):
                _, lang, collected = spans.pop()
                marks.languages.append((lang, "".join(collected)))
        elif op == "Tf":
            name = str(operands[0])
            if name not in cmaps:
                cmaps[name] = _cmap(fonts[name])
            font = cmaps[name]
        elif op == "Do" and not stack:
            marks.unmarked_paint += 1
        if op in _BREAK:
            target = sink()
            if target is not None:
                emit(target, " ")
        if op in _SHOW:
            target = sink()
            if target is None:
                marks.unmarked_text += 1
                continue
            if any(replaced for _, _, replaced in stack):
                continue
            strings = operands[0] if op == "TJ" else [operands[-1]]
            for item in strings:
                if isinstance(item, pikepdf.String):
                    emit(target, _decode(bytes(item), font))
    marks.mcids = {mcid: "".join(parts) for mcid, parts in pieces.items()}
    for mcid in marks.mcid_order:
        marks.mcids.setdefault(mcid, "")
    marks.artifact = ["".join(artifact)]
    return marks


@dataclass
class TaggedPdf:
    pdf: pikepdf.Pdf
    pages: list[PageMarks]
    elements: list[Element]
    page_index: dict[tuple[int, int], int]

    @property
    def tree_text(self) -> str:
        return " ".join(e.text for e in self.elements if e.text.strip())

    @property
    def artifact_text(self) -> str:
        return " ".join(t for page in self.pages for t in page.artifact)


def read_tagged(path: Path) -> TaggedPdf:
    pdf = pikepdf.open(path)
    pages = [page_marks(page) for page in pdf.pages]
    index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    elements: list[Element] = []
    root = pdf.Root.get("/StructTreeRoot")

    def kids_of(obj: pikepdf.Object) -> list[pikepdf.Object]:
        k = obj.get("/K")
        if k is None:
            return []
        return list(k) if isinstance(k, pikepdf.Array) else [k]

    def walk(obj: pikepdf.Dictionary, depth: int, parent_role: str) -> str:
        role = str(obj.S)
        own: list[str] = []
        for kid in kids_of(obj):
            if isinstance(kid, int):
                own.append(pages[index[obj.Pg.objgen]].mcids.get(int(kid), "\0missing"))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                own.append(pages[index[kid.Pg.objgen]].mcids.get(int(kid.MCID), "\0missing"))
        element = Element(role, depth, obj, " ".join(own), parent_role)
        elements.append(element)
        below = [
            walk(kid, depth + 1, role)
            for kid in kids_of(obj)
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR")
        ]
        element.all_text = " ".join(" ".join([element.text, *below]).split())
        return element.all_text

    if root is not None:
        for top in kids_of(root):
            walk(top, 0, "")
    return TaggedPdf(pdf, pages, elements, index)


def words(text: str) -> list[str]:
    return sorted(text.split())
