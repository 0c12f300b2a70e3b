"""The PDF renderer: a composed `Document` and a `Layout` in, PDF bytes out.

Page geometry (all lengths in points; the layout gives millimetres)::

    media box  +--------------------------------------------+   print-ready only: the page grows
               |  crop marks (registration colour)          |   on every side by the bleed plus,
               |    +-- bleed box -------------------------+ |   with crop marks, room for them
               |    |  +-- trim box (finished page) ----+  | |   (offset = bleed + 1 mm gap +
               |    |  |  top margin: running head,     |  | |   5 mm mark + 1 mm margin).
               |    |  |  its rule just above the text  |  | |
               |    |  |  +-- text frame -----------+   |  | |   On screen the media box IS the
               |    |  |  | inner | ... | outer      |   |  | |   trim box and offset is 0; no
               |    |  |  +--------------------------+   |  | |   boxes or marks are written.
               |    |  |  bottom margin: page number    |  | |
               |    |  +--------------------------------+  | |
               |    +--------------------------------------+ |
               +--------------------------------------------+

- Everything is drawn in trim coordinates shifted by `offset`: content is never scaled (reportlab's
  own `cropMarks.bleedWidth` scales it, and its `cropMarks` writes no TrimBox/BleedBox, so neither is
  used). Every print-ready page carries /TrimBox = (offset, offset, offset + w, offset + h) and
  /BleedBox = the trim box grown by the bleed, set through the page templates.
- Facing pages: page numbers count from 1 on the first page; odd pages are recto (right-hand).
  A recto page has the inner margin on the left; the running head and page number sit on the
  outer side (right on recto, left on verso). Without facing pages, left/right margins apply
  and heads sit on the right. `Section.recto` inserts a blank verso when needed.
- Cover pages have no running head or number; their accent band touches the trim on three sides
  and so extends into the bleed.
- Card sheets (template `cards`) are pages of the card style's sheet size (A4/Letter), drawn as
  they are (no bleed, no crop marks: they carry their own cut marks); in print they get
  TrimBox = BleedBox = the sheet.
- A CMYK print variant uses only the layout's CMYK values and runs the canvas with
  `enforceColorSpace="cmyk"`, so a stray RGB colour raises instead of reaching the printer.

Output is deterministic (`invariant=1`, no clocks, no random ids): the same input gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import NextPageTemplate, PageBreak, PageTemplate
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus.flowables import Flowable

from briefpack.document.model import CardGrid, Document, Section
from briefpack.document.resolve import Resolved, resolve
from briefpack.fonts import FontSet
from briefpack.layout.model import PAGE_SIZES_MM, Layout
from briefpack.render.pdf import rl_fixes
from briefpack.render.pdf.breaking import HeadingKeep
from briefpack.render.pdf.flowables import BlockConverter, CardsContext
from briefpack.render.pdf.geometry import PageGeometry
from briefpack.render.pdf.ledger import Ledger
from briefpack.render.pdf.markup import InlineMarkup, plain
from briefpack.render.pdf.navigation import ContentsEntry, Pagination, pagination, provisional, seed
from briefpack.render.pdf.pages import (
    BriefDocTemplate,
    CardsTemplate,
    RectoBreak,
    SectionTemplate,
    template_kind,
)
from briefpack.render.pdf.pdfx import declare_pdfx
from briefpack.render.pdf.structure import tag_pdf
from briefpack.render.pdf.styles import Palette, PrintsBlack, StyleBook
from briefpack.render.pdf.tagging import TaggedCanvas, Tree

__all__ = ["RenderedPdf", "render_pdf", "render_pdf_editions"]

CREATOR = "briefpack"


def render_pdf(document: Document, layout: Layout, fonts: FontSet, *, print_ready: bool = False) -> bytes:
    """Render `document` with `layout`'s styles; `print_ready` adds bleed, marks, boxes (and CMYK).

    Raises `UserError` for what the layout's author can fix (an unknown style name, a card whose
    text cannot fit); a `ValueError` means the composer built an inconsistent document (a link to
    an anchor no block has, a repeated anchor).
    """
    return _render(resolve(document, layout), layout, fonts, print_ready, None)[0].data


@dataclass(frozen=True)
class RenderedPdf:
    """A PDF and the renderer's record of it, for the preflight: what it drew where (`ledger`), and
    the texts set in a face lacking some of their characters (`missing`, text -> characters)."""

    data: bytes
    ledger: Ledger
    missing: Mapping[str, str]


def render_pdf_editions(
    document: Document, layout: Layout, fonts: FontSet, editions: Sequence[bool] = (False, True)
) -> list[RenderedPdf]:
    """The document once per edition (`print_ready` False: screen, True: print), laid out once.

    Every edition after the first starts from the page numbers the first one found (see
    `navigation.seed`), which saves the contents/index pass of each. A print edition after a screen
    edition also reuses the screen edition's flowables, their parsed and broken lines included,
    when every screen colour has exactly one print twin (`cmyk_twins`): the canvas swaps each colour
    as it is set. The bytes are exactly those `render_pdf` gives for that edition.
    """
    resolved = resolve(document, layout)
    found: Pagination | None = None
    story: _Story | None = None
    pages: int | None = None
    out = []
    for print_ready in editions:
        filler = _filler_pages(document, pages) if print_ready else 0
        rendered, paginated, story = _render(resolved, layout, fonts, print_ready, found, story, filler)
        found = found or paginated
        pages = pages or len(rendered.ledger.pages)
        out.append(rendered)
    return out


def _filler_pages(document: Document, pages: int | None) -> int:
    """How many filler pages the print edition gets: up to a multiple of four pages (a saddle-stitched
    booklet is folded sheets of four). Known only from an edition laid out before it."""
    if document.filler is None or pages is None:
        return 0
    return -pages % 4


@dataclass(frozen=True)
class _Story:
    """Flowables made for one edition, and the colour model they were made in."""

    flowables: list[Flowable]
    cmyk: bool
    missing: Mapping[str, str]  # what the markup that made the flowables found lacking a glyph
    contents: list[ContentsEntry]  # the resolved contents entries, with the destinations they were given
    tree: Tree  # the structure the flowables are tagged with


def cmyk_twins(layout: Layout) -> Callable[[Any], Any] | None:
    """What a CMYK canvas does with the screen colours of `layout`: each becomes its print twin.

    None when two colours look alike on screen but print differently (their screen value cannot tell
    which to print). Small near-black text is marked on screen (`Palette.text`) and prints black.
    Colours that are no layout colour go through reportlab's own CMYK rule: greys become black ink,
    anything else raises, as in a print edition made from scratch.
    """
    screen, printed = Palette(layout, cmyk=False), Palette(layout, cmyk=True)
    pairs = [(screen.colour(name), printed.colour(name)) for name in layout.colours]
    pairs += [(screen.black, printed.black), (screen.white, printed.white)]
    twins: dict[tuple[float, ...], Any] = {}
    for rgb, ink in pairs:
        key = (rgb.red, rgb.green, rgb.blue, rgb.alpha)
        if twins.setdefault(key, ink) != ink:
            return None

    def twin(colour: Any) -> Any:
        if isinstance(colour, PrintsBlack):
            return printed.pure_black
        if isinstance(colour, colors.Color) and not isinstance(colour, colors.CMYKColor):
            ink = twins.get((colour.red, colour.green, colour.blue, colour.alpha))
            if ink is not None:
                return ink
        return colors._enforceCMYK(colour)

    return twin


def _render(
    resolved: Resolved,
    layout: Layout,
    fonts: FontSet,
    print_ready: bool,
    seeded: Pagination | None,
    story: _Story | None = None,
    filler: int = 0,
) -> tuple[RenderedPdf, Pagination, _Story]:
    """One edition; `story`, another edition's flowables, is laid out again when its colours map onto
    this edition's, else the flowables are made afresh; `filler` copies of the document's filler page
    follow. Returns the flowables it laid out (without the filler)."""
    rl_fixes.apply()  # before any paragraph is wrapped: shaping happens when lines are broken
    rl_config.useA85 = 0  # binary streams: a fifth smaller than ASCII85 text, and no encoding pass
    cmyk = print_ready and layout.print_colour == "cmyk"
    styles = StyleBook.shared(layout, fonts, cmyk)
    document = resolved.document
    markup = InlineMarkup(styles, fonts)
    geometry = PageGeometry.of(layout, print_ready)
    templates = [
        _template(i, section, resolved, markup, geometry, print_ready) for i, section in enumerate(document.sections)
    ]
    if not templates:
        templates.append(SectionTemplate("empty", "cover", geometry, markup, running_head="", print_ready=print_ready))
    enforce: Any = "cmyk" if cmyk else None
    if story is not None and story.cmyk != cmyk:
        twins = cmyk_twins(layout) if cmyk else None  # print flowables never turn back into screen ones
        story, enforce = (story, twins) if twins is not None else (None, enforce)
    if story is None:
        flowables, contents, tree = _flowables(resolved, templates, markup, geometry, layout)
        story = _Story(flowables, cmyk, markup.missing, contents, tree)
    laid_out = story.flowables
    if filler and document.filler is not None:
        templates.append(_template(len(templates), document.filler, resolved, markup, geometry, print_ready))
        x0, _, x1, _ = geometry.text_block(1)
        converter = BlockConverter(markup, resolved, text_width=x1 - x0)
        laid_out = list(laid_out)
        for _ in range(filler):  # fresh flowables for every page: reportlab keeps layout state on them
            laid_out += [NextPageTemplate(templates[-1].id), PageBreak(), *converter.blocks(document.filler.blocks)]

    meta = document.metadata
    body_role = layout.paragraph_styles["body"].font if "body" in layout.paragraph_styles else next(iter(layout.fonts))
    out = io.BytesIO()
    doc = BriefDocTemplate(
        out,
        pagesize=geometry.media,
        pageTemplates=templates,
        invariant=1,
        pageCompression=1,
        title=plain(meta.title),
        author=plain(meta.author),
        subject=plain(meta.subject),
        keywords=[plain(k) for k in meta.keywords],
        creator=CREATOR,
        lang=meta.language,
        displayDocTitle=1,
        initialFontName=styles.face(body_role).face_name,  # a TTF: Helvetica is never referenced
        enforceColorSpace=enforce,
        keepTogetherClass=HeadingKeep,
    )
    doc.tagged = not print_ready
    if seeded is not None:
        seed(story.flowables, seeded)
        doc.seeded = True
    else:
        provisional(story.flowables, story.contents)
    doc.multiBuild(laid_out, canvasmaker=PrintCanvas if print_ready else TaggedCanvas)
    data = out.getvalue()
    if doc.tagger is not None:
        data = tag_pdf(data, story.tree, doc.tagger)
    elif cmyk:
        data = declare_pdfx(data, layout)
    rendered = RenderedPdf(data, doc.ledger, {**story.missing, **markup.missing})
    return rendered, pagination(story.flowables), story


def _flowables(
    resolved: Resolved, templates: list[PageTemplate], markup: InlineMarkup, geometry: PageGeometry, layout: Layout
) -> tuple[list[Flowable], list[ContentsEntry], Tree]:
    """The story, its contents entries, and its structure tree: one `Sect` per section."""
    x0, _, x1, _ = geometry.text_block(1)
    converter = BlockConverter(markup, resolved, text_width=x1 - x0)
    story: list[Flowable] = []
    for i, (section, template) in enumerate(zip(resolved.document.sections, templates, strict=False)):
        if i:
            story += [NextPageTemplate(template.id), PageBreak()]
        if section.recto and layout.page.facing:
            story.append(RectoBreak())
        with converter.tree.element("Sect"):
            if isinstance(template, CardsTemplate):
                story += converter.blocks(section.blocks, CardsContext(template.frame_height))
            else:
                story += converter.blocks(section.blocks)
    contents = [ContentsEntry(h.level, h.content, 0, converter.dests[h.number]) for h in resolved.contents(levels=3)]
    return story or [RLSpacer(1, 1)], contents, converter.tree


def _template(
    index: int,
    section: Section,
    resolved: Resolved,
    markup: InlineMarkup,
    geometry: PageGeometry,
    print_ready: bool,
) -> PageTemplate:
    kind = template_kind(section.template, resolved.styles.layout.name)
    template_id = f"s{index}.{kind}"
    if kind != "cards":
        return SectionTemplate(
            template_id, kind, geometry, markup, running_head=section.running_head, print_ready=print_ready
        )
    grids = [b for b in section.blocks if isinstance(b, CardGrid)]
    sheets = {resolved.sheets[g.style] for g in grids}
    if len({sheet.sheet for sheet in sheets}) > 1:
        raise ValueError("the card grids of one `cards` section must share a sheet size")
    sheet = next(iter(sheets), None)
    size = sheet.sheet if sheet else PAGE_SIZES_MM["A4"]
    margin = resolved.styles.card(grids[0].style).sheet_margin if grids else 10.0
    return CardsTemplate(template_id, (size[0] * mm, size[1] * mm), margin * mm, print_ready=print_ready)


class PrintCanvas(Canvas):
    """The print edition's canvas: text is drawn as on screen, but links make no annotations. A
    printer's preflight flags every annotation (PDF/X allows none inside the bleed), and paper
    cannot follow a link anyway; bookmarks, which are no annotations, stay."""

    def linkAbsolute(self, *args: Any, **kwargs: Any) -> None:
        return None

    def linkRect(self, *args: Any, **kwargs: Any) -> None:
        return None

    def linkURL(self, *args: Any, **kwargs: Any) -> None:
        return None
