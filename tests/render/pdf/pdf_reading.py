"""Reading PDFs the way readers and printers do: poppler's text, pypdf's objects, content-stream geometry.

Plain functions (no fixtures) shared by the renderer tests. Coordinates are PDF points in default
user space (origin bottom left); `words` converts poppler's top-left boxes to that space.
"""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

from conftest import require_tool

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def squash(text: str) -> str:
    """NFC text without any whitespace: what must survive line breaks, even inside a broken word."""
    return "".join(unicodedata.normalize("NFC", text).split())


def collapse(text: str) -> str:
    """NFC text with every run of whitespace made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def text(pdf: Path, page: int | None = None, *, layout: bool = False) -> str:
    """`pdftotext` of the whole file or of one 1-based page."""
    args = [require_tool("pdftotext"), "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    if layout:
        args.append("-layout")
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def outline_entries(pdf: Path) -> list[tuple[str, int, int]]:
    """(title, depth from 0, 1-based page) of every outline entry (bookmark), in order."""
    reader = PdfReader(pdf)
    found: list[tuple[str, int, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((item.title, depth, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def words(pdf: Path, page: int) -> list[Word]:
    """Words of a page with their boxes (from `pdftotext -bbox`), in PDF coordinates."""
    out = subprocess.run(
        [require_tool("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', out).group(1))
    found = []
    pattern = r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>'
    for x0, y0, x1, y1, word in re.findall(pattern, out):
        found.append(Word(html.unescape(word), float(x0), height - float(y1), float(x1), height - float(y0)))
    return found


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: cm concatenates the new matrix before the CTM)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


@dataclass
class PageOps:
    """What a page's content stream does, in absolute coordinates."""

    operators: list[str]
    segments: list[tuple[tuple[float, float], tuple[float, float]]]  # straight lines stroked (m/l)
    font_sizes: list[float]  # Tf operands (before any scaling)


def page_ops(pdf: Path, page: int) -> PageOps:
    """Operators, stroked line segments and font sizes of a 1-based page (q/Q/cm tracked)."""
    reader = PdfReader(pdf)
    p = reader.pages[page - 1]
    stream = ContentStream(p.get_contents(), reader)
    ctm, stack = IDENTITY, []
    current: tuple[float, float] | None = None
    pending: list[tuple[tuple[float, float], tuple[float, float]]] = []
    ops = PageOps([], [], [])
    for operands, operator in stream.operations:
        op = operator.decode("latin-1")
        ops.operators.append(op)
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop()
        elif op == "cm":
            ctm = multiply(tuple(float(v) for v in operands), ctm)
        elif op == "m":
            current = _apply(ctm, float(operands[0]), float(operands[1]))
        elif op == "l" and current is not None:
            point = _apply(ctm, float(operands[0]), float(operands[1]))
            pending.append((current, point))
            current = point
        elif op in ("S", "s"):
            ops.segments.extend(pending)
            pending = []
        elif op in ("n", "f", "F", "f*", "B", "B*", "b", "b*"):
            pending = []
        elif op == "Tf":
            ops.font_sizes.append(float(operands[1]))
    return ops


def raw_box(pdf: Path, page: int, name: str) -> list[float] | None:
    """A page box exactly as written in the page dictionary (no inheritance, no MediaBox fallback).

    pypdf's `page.trimbox` silently returns the MediaBox when /TrimBox is missing, which would make a
    missing box pass a test; the raw dictionary lookup does not.
    """
    page = PdfReader(pdf).pages[page - 1]
    value = page.get(f"/{name}")
    return None if value is None else [float(v) for v in value.get_object()]


def link_annotations(pdf: Path) -> list[tuple[int, str | int, tuple[float, ...]]]:
    """(page, target, rect) of every link: target is a URI, or the 1-based page an internal link opens."""
    reader = PdfReader(pdf)
    found: list[tuple[int, str | int, tuple[float, ...]]] = []
    for number, page in enumerate(reader.pages, start=1):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            rect = tuple(float(v) for v in annot["/Rect"])
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                found.append((number, str(action["/URI"]), rect))
                continue
            dest = annot.get("/Dest")
            if isinstance(dest, str) or (dest is not None and not isinstance(dest, list)):
                dest = reader.named_destinations[str(dest)]
                found.append((number, reader.get_destination_page_number(dest) + 1, rect))
            else:
                found.append((number, reader.get_page_number(dest[0].get_object()) + 1, rect))
    return found


def words_in(pdf: Path, page: int, rect: tuple[float, ...]) -> str:
    """The words of a page whose centres lie inside `rect` (x0, y0, x1, y1), in reading order."""
    x0, y0, x1, y1 = rect
    inside = [
        w for w in words(pdf, page) if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and y0 - 1 <= (w.y0 + w.y1) / 2 <= y1 + 1
    ]
    return " ".join(w.text for w in inside)


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def page_lines(pdf: Path) -> list[tuple[float, float, list[Line]]]:
    """(width, height, lines) of every page, from poppler's `-bbox-layout` (top-left coordinates)."""
    out = subprocess.run(
        [require_tool("pdftotext"), "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        lines = []
        for m in re.finditer(
            r'<line xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</line>', page[3], re.S
        ):
            text = " ".join(html.unescape(w) for w in re.findall(r"<word [^>]*>([^<]*)</word>", m[5]))
            lines.append(Line(text, *(float(v) for v in m.groups()[:4])))
        pages.append((float(page[1]), float(page[2]), lines))
    return pages


def overprinted_lines(pdf: Path, share: float = 0.4) -> list[str]:
    """Pairs of text lines poppler finds drawn over each other: sharing more than `share` of the
    shorter line's height and more than 1 pt of width (an independent judge of the preflight's check)."""
    found = []
    for number, (_, _, lines) in enumerate(page_lines(pdf), start=1):
        for i, a in enumerate(lines):
            for b in lines[i + 1 :]:
                dx = min(a.x1, b.x1) - max(a.x0, b.x0)
                dy = min(a.y1, b.y1) - max(a.y0, b.y0)
                height = min(a.y1 - a.y0, b.y1 - b.y0)
                if dx > 1 and height > 0 and dy > share * height:
                    found.append(f"page {number}: {a.text[:40]!r} over {b.text[:40]!r}")
    return found


def words_past_the_edge(pdf: Path) -> list[str]:
    """Words whose box leaves the trim box (the media box on screen editions)."""
    reader = PdfReader(pdf)
    found = []
    for number, (_, _, lines) in enumerate(page_lines(pdf), start=1):
        page = reader.pages[number - 1]
        x0, y0, x1, y1 = (float(v) for v in page.get("/TrimBox", page.mediabox))
        media_top = float(page.mediabox[3])
        for line in lines:
            top, bottom = media_top - line.y0, media_top - line.y1  # to PDF space
            if line.x0 < x0 - 0.5 or line.x1 > x1 + 0.5 or bottom < y0 - 0.5 or top > y1 + 0.5:
                found.append(f"page {number}: {line.text[:40]!r} at {line.x0:.0f},{bottom:.0f}-{line.x1:.0f},{top:.0f}")
    return found
