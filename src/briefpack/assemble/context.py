"""Build options, and the per-process workshop every job makes its files with."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefpack.document.model import Document
from briefpack.errors import Problem
from briefpack.fonts.resolver import FontSet, font_advice
from briefpack.layout.load import load_layout
from briefpack.layout.model import Layout
from briefpack.layout.text import Fragments
from briefpack.load.yaml_source import SourceMap
from briefpack.model.event import EventData
from briefpack.model.texts import iter_texts
from briefpack.model.validate import LoadedEvent

if TYPE_CHECKING:
    from briefpack.render.pdf.renderer import RenderedPdf

FORMATS = ("pdf", "docx", "ics")


@dataclass(frozen=True)
class BuildOptions:
    layout: str | None = None  # overrides every product's default layout
    layouts: tuple[tuple[str, str], ...] = ()  # (product, layout) from the command line: win over `layout`
    event_layouts: tuple[tuple[str, str], ...] = ()  # (product, layout) the event's data names: lose to both
    reference_docx: Path | None = None
    embed_fonts: bool = True  # DOCX outputs carry subsets of their fonts
    only: frozenset[str] = frozenset()  # product names; empty means all
    formats: frozenset[str] = frozenset(FORMATS)
    delegations: tuple[str, ...] = ()  # build only these packets (ids or country names)
    cards: Literal["default", "all"] = "default"  # whose cards: see `compose.cards.card_people`
    jobs: int | None = None  # worker processes; None: the machine's cores
    force: bool = False  # ignore the cache
    preflight: str = "fail"  # a PDF with a preflight finding fails its job ("warn": reported, still written)
    project_fonts: Path | None = field(default_factory=lambda: Path.cwd() / "fonts")

    def wants(self, product: str) -> bool:
        return not self.only or product in self.only

    @property
    def workers(self) -> int:
        return max(1, self.jobs or os.cpu_count() or 1)


class Workshop:
    """Layouts, fonts and fragments, loaded once per process and shared by every job it runs."""

    def __init__(self, options: BuildOptions):
        self.options = options
        self._texts: dict[str, Fragments] = {}
        self.findings: dict[str, list[str]] = {}  # output name -> preflight findings, for the running job
        self.preflight_seconds = 0.0  # what those findings cost to find, for the running job

    def layout_for(self, product: str, default: str) -> Layout:
        """A product's layout: the command line's for that product, else the command line's for every
        product, else the one the event's data names for it, else the product's own."""
        options = self.options
        chosen = dict(options.layouts).get(product) or options.layout or dict(options.event_layouts).get(product)
        return load_layout(chosen or default)

    def fonts(self, layout: Layout) -> FontSet:
        return FontSet.from_roles(layout.fonts, self.options.project_fonts)

    def text(self, layout: Layout) -> Fragments:
        """Fragments compile their templates lazily and keep them: share one per layout."""
        if layout.name not in self._texts:
            self._texts[layout.name] = Fragments(layout)
        return self._texts[layout.name]

    def render(self, fmt: str, item: object, layout: Layout | None = None, name: str = "") -> bytes:
        """`item` written in format `fmt` (found in the renderer registry by name), as output `name`;
        a PDF is preflighted."""
        from briefpack.render.registry import RenderContext, format_named

        chosen = format_named(fmt)
        context = RenderContext(
            layout, self.fonts(layout) if layout else None, self.options.reference_docx, self.options.embed_fonts
        )
        written = chosen.render(item, context)
        return self.preflighted(name, written) if chosen.preflight else written

    def pdf_editions(self, document: Document, layout: Layout, names: tuple[str, str]) -> tuple[bytes, bytes]:
        """The screen and print PDFs of one document, paginated once, preflighted as outputs `names`."""
        from briefpack.render.pdf.renderer import render_pdf_editions

        screen, print_ready = render_pdf_editions(document, layout, self.fonts(layout), (False, True))
        return (
            self.preflighted(names[0], screen),
            self.preflighted(names[1], print_ready),
        )

    def preflighted(self, name: str, pdf: RenderedPdf | bytes) -> bytes:
        """The PDF's bytes, after recording what the preflight finds in it (see `render/pdf/preflight.py`).

        A `RenderedPdf` brings the renderer's record of the file; bare bytes (a file assembled from
        checked pages, such as the imposed booklet) get only the checks of the file's structure."""
        from briefpack.render.pdf.preflight import preflight

        started = time.perf_counter()
        if isinstance(pdf, bytes):
            data, ledger, missing = pdf, None, None
        else:
            data, ledger, missing = pdf.data, pdf.ledger, pdf.missing
        self.findings[name] = [str(finding) for finding in preflight(data, ledger, missing)]
        self.preflight_seconds += time.perf_counter() - started
        return data

    def take_findings(self) -> tuple[dict[str, list[str]], float]:
        """The findings of the job that just ran (every output it preflighted) and their cost in
        seconds, and a clean slate."""
        findings, seconds = self.findings, self.preflight_seconds
        self.findings, self.preflight_seconds = {}, 0.0
        return findings, seconds

    def check_fonts(self, loaded: LoadedEvent, layouts: list[Layout]) -> None:
        """Fail before rendering if any character of the data has no font: blank boxes are worse than an error."""
        problems = self.font_problems(loaded.data, loaded.source, layouts)
        return problems

    def font_problems(self, data: EventData, source: SourceMap, layouts: list[Layout]) -> list[Problem]:
        """Every text of the data with a character no font of `layouts` covers, at its place.

        All characters are checked at once; only when one is missing are the texts holding it located.
        """
        texts = list(iter_texts(data))
        characters = "".join(set("".join(text for _, text in texts)))
        problems = []
        seen: set[tuple[str, int, str]] = set()
        for layout in layouts:
            fonts = self.fonts(layout)
            if not fonts.uncovered(characters):
                continue
            for path, text in texts:
                missing = fonts.uncovered(text)
                where = source.value(path)
                key = (str(where), len(missing), text)
                if not missing or key in seen:
                    continue
                seen.add(key)
                shown = ", ".join(f"U+{ord(ch):04X} {ch!r}" for ch in missing)
                problems.append(
                    Problem(
                        f"no font installed here covers {shown} in `{text[:60]}`",
                        where,
                        hint=f"{font_advice(missing[0])}; briefpack then finds it by itself (`briefpack fonts` "
                        f"shows which it takes), or name its family in layout `{layout.name}`'s `fonts:`",
                    )
                )
        return problems
