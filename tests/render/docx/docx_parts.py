"""Reading a .docx the way Word does: its zip members, parsed XML, styles by id, text of elements.

Plain helpers (no fixtures) for the DOCX renderer tests; import as `from render.docx.docx_parts import ...`.
"""

from __future__ import annotations

import io
import re
import runpy
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

# tests/conftest.py's helper, loaded by path: a nested conftest.py can shadow it as the `conftest` module.
require_tool = runpy.run_path(str(Path(__file__).parents[2] / "conftest.py"))["require_tool"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W_NS,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}


def w(name: str) -> str:
    """Clark name of a `w:` attribute or tag, for `element.get(w("val"))`."""
    return f"{{{W_NS}}}{name}"


@dataclass
class Docx:
    data: bytes

    @cached_property
    def members(self) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(self.data)) as z:
            return {info.filename: z.read(info) for info in z.infolist()}

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.members[name])

    @cached_property
    def document(self) -> etree._Element:
        return self.xml("word/document.xml")

    @cached_property
    def styles(self) -> etree._Element:
        return self.xml("word/styles.xml")

    @cached_property
    def settings(self) -> etree._Element:
        return self.xml("word/settings.xml")

    @cached_property
    def numbering(self) -> etree._Element:
        return self.xml("word/numbering.xml")

    @cached_property
    def relationships(self) -> dict[str, etree._Element]:
        rels = self.xml("word/_rels/document.xml.rels")
        return {rel.get("Id"): rel for rel in rels.iterfind("pr:Relationship", NS)}

    def style(self, style_id: str) -> etree._Element:
        found = self.styles.find(f"w:style[@w:styleId='{style_id}']", NS)
        assert found is not None, f"no style with id {style_id}"
        return found

    def style_named(self, name: str) -> etree._Element | None:
        for style in self.styles.iterfind("w:style", NS):
            if style.find("w:name", NS).get(w("val")).lower() == name.lower():
                return style
        return None

    def headers(self) -> dict[str, etree._Element]:
        return {n: self.xml(n) for n in self.members if re.fullmatch(r"word/header\d+\.xml", n)}

    def paragraphs(self) -> list[etree._Element]:
        return self.document.findall(".//w:p", NS)

    def paragraph_with(self, text: str, style: str | None = None) -> etree._Element:
        """The first body paragraph whose visible text contains `text` (and has style id `style`)."""
        for p in self.paragraphs():
            if text in paragraph_text(p) and (style is None or paragraph_style(p) == style):
                return p
        raise AssertionError(f"no paragraph contains {text!r}")


def paragraph_style(p: etree._Element) -> str | None:
    found = p.find("w:pPr/w:pStyle", NS)
    return found.get(w("val")) if found is not None else None


def paragraph_text(p: etree._Element) -> str:
    """Visible text of a paragraph or other element, tabs and breaks included, field instructions not."""
    parts = []
    for node in p.iter(w("t"), w("tab"), w("br")):
        if node.tag == w("t"):
            parts.append(node.text or "")
        elif node.getparent().tag == w("r"):  # a tab in a run, not a tab stop definition
            parts.append("\t" if node.tag == w("tab") else "\n")
    return "".join(parts)


def runs_with(p: etree._Element, text: str) -> list[etree._Element]:
    return [r for r in p.iterfind(".//w:r", NS) if text in "".join(t.text or "" for t in r.iterfind("w:t", NS))]


def canonical(text: str) -> str:
    """Text as compared with what pdftotext extracts: NFC, no whitespace, marks sorted within a cluster.

    pdftotext splits lines and inserts or drops spaces around positioned marks (Lao, Khmer) and between
    runs, and may list two marks of one Khmer cluster in drawing order rather than typed order; none of
    that is a fault of the document. Every character must still be there, in its cluster, in order.
    """
    out: list[str] = []
    marks: list[str] = []
    for ch in unicodedata.normalize("NFC", "".join(text.split())):
        if unicodedata.category(ch).startswith("M"):
            marks.append(ch)
            continue
        out.extend(sorted(marks))
        marks = []
        out.append(ch)
    out.extend(sorted(marks))
    return "".join(out)


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    command = [require_tool("pdftotext"), *pages, str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdf_fonts(pdf: Path, page: int | None = None) -> set[str]:
    """Base names of the fonts a PDF (or one page of it) uses, subset prefixes removed."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    command = [require_tool("pdffonts"), *pages, str(pdf)]
    lines = subprocess.run(command, capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return {line.split()[0].split("+")[-1] for line in lines if line.strip()}
