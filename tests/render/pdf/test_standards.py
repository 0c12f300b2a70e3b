"""A PDF that claims a standard it does not meet fails the preflight (issue 15): each claim is checked
from the file itself, so a tagged or PDF/X file spoilt after rendering is caught, whoever spoilt it."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from briefpack.render.pdf.preflight import preflight
from briefpack.render.pdf.standards import claims, standard_problems


def _spoilt(path: Path, change: Callable[[pikepdf.Pdf], None]) -> bytes:
    pdf = pikepdf.open(path)
    change(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _add_content(pdf: pikepdf.Pdf, code: bytes) -> None:
    page = pdf.pages[2]
    page.contents_add(pikepdf.Stream(pdf, code), prepend=False)


def test_the_renderers_own_files_claim_what_they_are_and_meet_it(booklet_screen: Path, booklet_print: Path) -> None:
    assert claims(pikepdf.open(booklet_screen)) == ["PDF/UA-1"]
    assert claims(pikepdf.open(booklet_print)) == ["PDF/X-1a:2003"]
    assert standard_problems(booklet_screen.read_bytes()) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda pdf: pdf.Root.__delattr__("MarkInfo"), "no /MarkInfo /Marked true"),
        (lambda pdf: pdf.Root.__delattr__("StructTreeRoot"), "has no structure tree"),
        (lambda pdf: _add_content(pdf, b"BT /F1 9 Tf (loose) Tj ET"), "operators are outside marked content"),
        (lambda pdf: _add_content(pdf, b"/P <</MCID 99>> BDC EMC"), "marked content 99 belongs to no structure"),
        (lambda pdf: pdf.pages[1].obj.__delattr__("Tabs"), "tab order"),
    ],
    ids=["no-markinfo", "no-tree", "loose-text", "orphan-mcid", "no-tabs"],
)
def test_a_tagged_file_that_falls_short_is_a_finding(booklet_screen: Path, change, expected: str) -> None:
    found = [str(f) for f in preflight(_spoilt(booklet_screen, change), None)]
    assert any("claims PDF/UA-1 but" in f and expected in f for f in found), found


def _link_on_page(pdf: pikepdf.Pdf) -> None:
    annotation = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 9, 9])
    )
    pdf.pages[1].obj.Annots = pikepdf.Array([annotation])


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda pdf: pdf.Root.__delattr__("OutputIntents"), "0 PDF/X output intents"),
        (lambda pdf: pdf.docinfo.__delitem__("/Trapped"), "no Trapped"),
        (_link_on_page, "page 2: claims PDF/X-1a:2003 but the page has annotations"),
        (lambda pdf: _add_content(pdf, b"1 0 0 rg 0 0 5 5 re f"), "sets an RGB colour"),
        (
            lambda pdf: pdf.pages[4].obj.__delattr__("TrimBox"),
            "page 5: claims PDF/X-1a:2003 but the page has no TrimBox",
        ),
    ],
    ids=["no-intent", "no-trapped", "annotation", "rgb", "no-trimbox"],
)
def test_a_pdfx_file_that_falls_short_is_a_finding(booklet_print: Path, change, expected: str) -> None:
    found = [str(f) for f in preflight(_spoilt(booklet_print, change), None)]
    assert any(expected in f for f in found), found


def test_a_paragraph_over_two_pages_owns_mcid_0_on_both(render_fonts, booklet_layout) -> None:
    from briefpack.document.model import Document, Metadata, Paragraph, Section, runs
    from briefpack.render.pdf.renderer import render_pdf

    long = Paragraph(runs(" ".join(["The forum's delegations met over two days."] * 120)))
    data = render_pdf(Document(Metadata(title="Long"), (Section((long,)),)), booklet_layout, render_fonts)
    pdf = pikepdf.open(io.BytesIO(data))
    paragraph = pdf.Root.StructTreeRoot.K[0].K.K  # Document > Sect > P
    kids = list(paragraph.K)
    assert len(pdf.pages) >= 2 and kids[0] == 0 and kids[1].MCID == 0  # MCID 0 here and on the next page
    assert standard_problems(data) == []
