"""The format-neutral document: what composers build and renderers consume.

It is the seam that lets one composed booklet, press kit or packet become both a PDF and a DOCX
with the same look. Styles are referred to by name only; what a name looks like is the layout's
business. Nothing here knows about events, reportlab or python-docx.

All blocks are frozen dataclasses holding tuples, so a document can be hashed, cached and shared
between jobs safely.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefpack.document.contacts import Contact


@dataclass(frozen=True)
class Run:
    """A stretch of text with one character style, optionally a link.

    `link` is an external URL (`https:`, `mailto:`, `tel:`); `target` is the `anchor` of a block in
    the same document. At most one of the two is set. `style` names a character style in the
    layout (`strong`, `emphasis`, `small`, `highlight`, ...) or is None for the paragraph's own.
    `lang` is a BCP 47 tag for text in another language than the document's (native-script names).
    """

    text: str
    style: str | None = None
    link: str | None = None
    target: str | None = None
    lang: str | None = None


Inline = tuple[Run, ...]


def runs(*parts: str | Run) -> Inline:
    """Build an inline from plain strings and runs; empty strings are dropped."""
    return tuple(p if isinstance(p, Run) else Run(p) for p in parts if p)


@dataclass(frozen=True)
class Paragraph:
    content: Inline
    style: str = "body"
    anchor: str | None = None
    keep_with_next: bool = False


@dataclass(frozen=True)
class Heading:
    """A heading; levels 1-3. `outline` puts it in bookmarks and the table of contents."""

    content: Inline
    level: int = 1
    anchor: str | None = None
    outline: bool = True
    style: str | None = None  # defaults to `heading1`..`heading3`

    @property
    def style_name(self) -> str:
        return self.style or f"heading{self.level}"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.content)


@dataclass(frozen=True)
class BulletList:
    items: tuple[Inline, ...]
    ordered: bool = False
    style: str = "list"


@dataclass(frozen=True)
class Cell:
    content: tuple[Block, ...]
    span: int = 1  # columns this cell spans
    highlight: bool = False  # shaded like a highlighted row (a delegation's own slot in a room grid)


def cell(*parts: str | Run, style: str = "table-body") -> Cell:
    return Cell((Paragraph(runs(*parts), style=style),))


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    highlight: bool = False  # e.g. a delegation's own slot in the full timetable


@dataclass(frozen=True)
class Table:
    """A table whose header rows repeat on every page it continues onto.

    `widths` are relative column widths (they are scaled to the frame). `style` names a table
    style in the layout (borders, header shading, highlight colour).
    """

    widths: tuple[float, ...]
    header: tuple[Row, ...]
    rows: tuple[Row, ...]
    style: str = "table"
    caption: Inline | None = None


@dataclass(frozen=True)
class KeyValue:
    """Label/value pairs such as a contact's phone and e-mail, kept together on one page."""

    pairs: tuple[tuple[str, Inline], ...]
    style: str = "key-value"


@dataclass(frozen=True)
class ScheduleItem:
    start: str  # "09:00"
    end: str
    title: Inline
    detail: Inline = ()
    place: str = ""
    highlight: bool = False
    target: str | None = None  # anchor the title links to


@dataclass(frozen=True)
class ScheduleGrid:
    """One day's timetable: time, what, where; highlighted slots stand out."""

    title: Inline
    items: tuple[ScheduleItem, ...]
    labels: tuple[str, str, str] = ("Time", "Session", "Room")
    style: str = "schedule"


@dataclass(frozen=True)
class Image:
    """A raster (PNG/JPEG bytes) or a QR code payload, drawn at a width in millimetres."""

    width_mm: float
    data: bytes | None = None
    qr: str | None = None
    alt: str = ""


@dataclass(frozen=True)
class Card:
    """One business card: lines of text (styled) and, optionally, the contact its QR code holds."""

    lines: tuple[Paragraph, ...]
    contact: Contact | None = None
    label: str = ""  # who the card is for, used in error messages


@dataclass(frozen=True)
class CardGrid:
    """Cards laid N-up on sheets; sheet geometry comes from the layout's card style."""

    cards: tuple[Card, ...]
    style: str = "card"


@dataclass(frozen=True)
class KeepTogether:
    """Blocks that must not be split across pages (e.g. a presentation's title and presenter)."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class TableOfContents:
    """A contents list with page numbers (PDF) or a real, pre-filled TOC field (DOCX)."""

    title: str
    levels: int = 2


@dataclass(frozen=True)
class IndexEntry:
    term: Inline
    targets: tuple[str, ...]  # anchors; the renderer turns them into page numbers and links
    sort_key: str = ""


@dataclass(frozen=True)
class Index:
    """An alphabetical index whose page numbers are resolved by the renderer."""

    entries: tuple[IndexEntry, ...]
    style: str = "index"


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Spacer:
    height_mm: float


Block = (
    Paragraph
    | Heading
    | BulletList
    | Table
    | KeyValue
    | ScheduleGrid
    | Image
    | CardGrid
    | KeepTogether
    | TableOfContents
    | Index
    | PageBreak
    | Spacer
)


@dataclass(frozen=True)
class Section:
    """A run of pages sharing one page template and running head.

    `template` names a page template of the layout (`cover`, `body`, ...). Each section starts on
    a new page; `recto` starts it on a right-hand page in facing-page layouts.
    """

    blocks: tuple[Block, ...]
    template: str = "body"
    running_head: str = ""
    recto: bool = False


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    language: str = "en"


@dataclass(frozen=True)
class Document:
    """`filler`, when given, is a page the print edition repeats at its end until its page count is a
    multiple of four, as a saddle-stitched booklet must be (a "Notes" page, in the layout's words)."""

    metadata: Metadata
    sections: tuple[Section, ...]
    filler: Section | None = None

    def blocks(self) -> tuple[Block, ...]:
        return tuple(b for s in self.sections for b in s.blocks)
