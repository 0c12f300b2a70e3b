"""Fixtures for renderer tests: the layout fonts, and PDFs rendered once per session.

Fonts come from `load_layout("report-a4").fonts` through `briefpack.fonts`, in a session-private
font cache (instancing the variable Thai/Lao/Khmer fonts takes a few seconds, once). Every shipped
layout extends `base`, so these are the fonts of the booklet layouts too.
"""

from __future__ import annotations

import runpy
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefpack.fonts import FontSet
from briefpack.layout.load import load_layout
from briefpack.layout.model import Layout
from render.samples import every_block_document

# With several conftest.py files, `from conftest import require_tool` must keep meaning tests/conftest.py.
require_tool = runpy.run_path(str(Path(__file__).parents[1] / "conftest.py"))["require_tool"]


@pytest.fixture(scope="session")
def render_fonts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FontSet]:
    """The FontSet of the shipped layouts, built in a private font cache."""
    cache = tmp_path_factory.mktemp("render-font-cache")
    with pytest.MonkeyPatch.context() as patch:  # only while resolving: other folders' tests share the worker
        patch.setenv("BRIEFPACK_CACHE_DIR", str(cache))
        fonts = FontSet.from_roles(load_layout("report-a4").fonts, None)
    yield fonts


@pytest.fixture(scope="session")
def booklet_layout() -> Layout:
    """A5, facing pages, 3 mm bleed, crop marks, CMYK print colour."""
    return load_layout("booklet-a5")


@pytest.fixture(scope="session")
def booklet_screen(tmp_path_factory: pytest.TempPathFactory, render_fonts: FontSet, booklet_layout: Layout) -> Path:
    """`every_block_document()` on booklet-a5, screen variant."""
    from briefpack.render.pdf.renderer import render_pdf

    path = tmp_path_factory.mktemp("pdf") / "booklet-screen.pdf"
    path.write_bytes(render_pdf(every_block_document(), booklet_layout, render_fonts))
    return path


@pytest.fixture(scope="session")
def booklet_print(tmp_path_factory: pytest.TempPathFactory, render_fonts: FontSet, booklet_layout: Layout) -> Path:
    """`every_block_document()` on booklet-a5, print-ready variant (bleed, marks, boxes, CMYK)."""
    from briefpack.render.pdf.renderer import render_pdf

    path = tmp_path_factory.mktemp("pdf") / "booklet-print.pdf"
    path.write_bytes(render_pdf(every_block_document(), booklet_layout, render_fonts, print_ready=True))
    return path


@pytest.fixture(scope="session")
def report_screen(tmp_path_factory: pytest.TempPathFactory, render_fonts: FontSet) -> Path:
    """`every_block_document()` on report-a4: single-sided A4, RGB."""
    from briefpack.render.pdf.renderer import render_pdf

    path = tmp_path_factory.mktemp("pdf") / "report-screen.pdf"
    path.write_bytes(render_pdf(every_block_document(), load_layout("report-a4"), render_fonts))
    return path
