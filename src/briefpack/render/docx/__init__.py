"""DOCX output: the composed document as a Word file with real styles, fields and per-script fonts."""

from briefpack.render.docx.renderer import render_docx

__all__ = ["render_docx"]
