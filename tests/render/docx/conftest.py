"""Fixtures for the DOCX renderer tests: rendered documents, and their PDFs as LibreOffice makes them.

LibreOffice is the judge of what a reader sees. It is slow to start (seconds), so every document the
tests look at as a PDF is converted in one `soffice` run per session (render/docx/libreoffice.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefpack.fonts import FontSet
from briefpack.layout.load import load_layout
from briefpack.layout.model import Layout
from briefpack.render.docx import render_docx
from render.docx.docx_parts import Docx
from render.docx.libreoffice import convert_with_libreoffice
from render.docx.probes import make_reference, reference_probe_documents, script_probe_documents
from render.samples import every_block_document


@pytest.fixture(scope="session")
def layout() -> Layout:
    return load_layout("report-a4")


@pytest.fixture(scope="session")
def fonts(layout: Layout) -> FontSet:
    return FontSet.from_roles(layout.fonts, None)


@pytest.fixture(scope="session")
def every_block(layout: Layout, fonts: FontSet) -> Docx:
    """The specification document, rendered with the A4 report layout."""
    return Docx(render_docx(every_block_document(), layout, fonts))


@pytest.fixture(scope="session")
def booklet() -> Docx:
    """The specification document in the A5 facing-pages booklet layout."""
    layout = load_layout("booklet-a5")
    return Docx(render_docx(every_block_document(), layout, FontSet.from_roles(layout.fonts, None)))


@pytest.fixture(scope="session")
def script_probes(layout: Layout, fonts: FontSet) -> dict[str, Docx]:
    return {name: Docx(render_docx(doc, layout, fonts)) for name, doc in script_probe_documents().items()}


@pytest.fixture(scope="session")
def reference_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_reference(tmp_path_factory.mktemp("reference") / "reference.docx")


@pytest.fixture(scope="session")
def with_reference(reference_docx: Path, layout: Layout, fonts: FontSet) -> Docx:
    return Docx(render_docx(every_block_document(), layout, fonts, reference=reference_docx))


@pytest.fixture(scope="session")
def reference_probes(reference_docx: Path, layout: Layout, fonts: FontSet) -> dict[str, Docx]:
    return {
        name: Docx(render_docx(doc, layout, fonts, reference=reference_docx))
        for name, doc in reference_probe_documents().items()
    }


@pytest.fixture(scope="session")
def lo_pdfs(
    tmp_path_factory: pytest.TempPathFactory,
    fonts: FontSet,
    every_block: Docx,
    with_reference: Docx,
    script_probes: dict[str, Docx],
    reference_probes: dict[str, Docx],
    booklet: Docx,
) -> dict[str, Path]:
    """Every DOCX the tests judge, converted to PDF by LibreOffice in one run."""
    documents = {
        "every_block": every_block,
        "with_reference": with_reference,
        "booklet": booklet,
        **{f"script-{name}": probe for name, probe in script_probes.items()},
        **{f"reference-{name}": probe for name, probe in reference_probes.items()},
    }
    work = tmp_path_factory.mktemp("libreoffice")
    return convert_with_libreoffice({name: d.data for name, d in documents.items()}, fonts, work)
