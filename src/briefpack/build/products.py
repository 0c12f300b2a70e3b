"""The products a pack is made of, and the outputs each one plans for a build.

A product composes its document(s) once and renders each to the formats asked for. Output
renders are closures so the build can run them (or skip them) independently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from briefpack.build.context import BuildContext

POINTS_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Output:
    """One file of the pack: where it goes (relative to the event's folder) and how to make it."""

    path: str
    product: str
    format: str
    render: Callable[[], bytes]


class Product(Protocol):
    name: str

    def outputs(self, context: BuildContext) -> list[Output]: ...


class Booklet:
    """The programme booklet, its print-ready variant and its saddle-stitch imposition."""

    name = "booklet"
    layout = "booklet-a5"

    def outputs(self, context: BuildContext) -> list[Output]:
        if "pdf" not in context.options.formats:
            return []
        from briefpack.compose.booklet import compose_booklet
        from briefpack.layout.text import Fragments
        from briefpack.render.pdf.impose import impose_saddle_stitch
        from briefpack.render.pdf.renderer import render_pdf

        layout = context.layout(self.layout)
        fonts = context.fonts(layout)
        document = compose_booklet(context.data, Fragments(layout))

        @cache
        def screen() -> bytes:
            return render_pdf(document, layout, fonts)

        def imposed() -> bytes:
            sheet = tuple(v * POINTS_PER_MM for v in layout.page.imposition_sheet_mm)
            return impose_saddle_stitch(screen(), sheet)

        return [
            Output("programme-booklet.pdf", self.name, "pdf", screen),
            Output(
                "programme-booklet-print.pdf",
                self.name,
                "pdf",
                lambda: render_pdf(document, layout, fonts, print_ready=True),
            ),
            Output("programme-booklet-imposed.pdf", self.name, "pdf", imposed),
        ]


PRODUCTS: list[Product] = [Booklet()]
