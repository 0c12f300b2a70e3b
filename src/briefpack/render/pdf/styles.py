"""The layout's named styles as reportlab objects: colours, fonts, paragraph styles.

Everything a PDF looks like comes from the layout by name, so an unknown name is the layout's (or the
composer's) problem and is reported naming the style and the layout rather than guessed at. Colours
are CMYK in a CMYK print variant (the canvas then refuses any RGB colour) and RGB otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle as RLParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefpack.document.styles import style_sheet, unknown
from briefpack.errors import Problem, UserError
from briefpack.fonts import FontFace, FontSet
from briefpack.layout.model import CardStyle, CharacterStyle, Colour, Layout, ParagraphStyle, TableStyle

ALIGNMENTS = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER, "justify": TA_JUSTIFY}


_registered: set[str] = set()


def register_face(face: FontFace) -> None:
    """Register a face with reportlab, once per process, under its unique `face_name`, when it is
    first used: a layout names a dozen faces (four CJK ones among them, 80 ms each to parse), and
    most documents draw with a few.

    reportlab keeps fonts in a process-wide registry keyed by name; `FontSet` guarantees a name is
    never shared by two different files, so "already registered" means "this very file".
    """
    if face.face_name not in _registered:
        if face.face_name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(face.face_name, str(face.path)))
        _registered.add(face.face_name)


#: Joins a face's name and a BCP 47 language tag in the name a language's text is set under.
LANGUAGE_MARK = "|"


def language_face(face: FontFace, lang: str) -> str:
    """The name to set `face` under for text in language `lang`: an alias of the registered face (the
    same font object, so the same subsets are embedded), which tells the text writer to mark the text
    with its language (`rl_fixes` (c): a ``/Span <</Lang ...>>`` in tagged PDF). reportlab's
    paragraphs keep no attribute of a run but its font, so the language travels in the name.
    """
    register_face(face)
    name = f"{face.face_name}{LANGUAGE_MARK}{lang}"
    if name not in _registered:
        # What reportlab's own registerFont does for a second name of a registered face (pdfmetrics.py).
        pdfmetrics._fonts[name] = pdfmetrics.getFont(face.face_name)
        pdfmetrics.registerFontFamily(name)  # paragraphs look a face up through its family
        _registered.add(name)
    return name


_shared_books: dict[tuple[int, int, bool], StyleBook] = {}  # holds its layout and fonts, so the ids stay theirs


def _named_colour(name: str, layout: Layout) -> Colour:
    try:
        return layout.colours[name]
    except KeyError:
        raise UserError(unknown("colour", name, layout, list(layout.colours), "colours")) from None


#: A colour with at least this much black (percent) counts as black for small text (`Palette.text`).
NEAR_BLACK_K = 85


class PrintsBlack(colors.Color):
    """A screen colour of small text that the print edition sets in black ink alone."""


class Palette:
    """Layout colours by name, in the colour model of the output."""

    def __init__(self, layout: Layout, cmyk: bool) -> None:
        self.layout = layout
        self.cmyk = cmyk

    def _spec(self, name: str) -> Colour:
        return _named_colour(name, self.layout)

    def colour(self, name: str) -> colors.Color:
        spec = self._spec(name)
        if self.cmyk:
            if spec.cmyk is None:  # load_layout refuses this for print_colour: cmyk; keep the message anyway
                raise UserError(Problem(f"colour `{name}` of layout `{self.layout.name}` has no CMYK value for print"))
            return colors.PCMYKColor(*spec.cmyk)
        if spec.rgb is not None:
            return colors.HexColor(spec.rgb)
        c, m, y, k = (v / 100 for v in spec.cmyk or (0, 0, 0, 100))
        return colors.Color(*colors.cmyk2rgb((c, m, y, k)))

    def text(self, name: str, size: float) -> colors.Color:
        """The colour of text `size` points high: near-black text below the layout's `pure_black_below`
        prints in black ink alone (a screened or four-colour black breaks up fine type on press).
        On screen it is the colour itself, marked so that a print edition laid out from the screen
        edition's flowables still prints it black (`renderer.cmyk_twins`)."""
        colour = self.colour(name)
        spec = self._spec(name)
        if spec.cmyk is None or spec.cmyk[3] < NEAR_BLACK_K or size >= self.layout.press.pure_black_below:
            return colour
        if self.cmyk:
            return self.pure_black
        return PrintsBlack(colour.red, colour.green, colour.blue, colour.alpha)

    def markup(self, name: str) -> str:
        """The colour as a paragraph-markup attribute value (`pcmyk(...)` or `#rrggbb`)."""
        colour = self.colour(name)
        if isinstance(colour, colors.CMYKColor):
            c, m, y, k = (round(v * 100, 3) for v in (colour.cyan, colour.magenta, colour.yellow, colour.black))
            return f"pcmyk({c:g},{m:g},{y:g},{k:g})"
        return "#" + colour.hexval()[2:]

    @property
    def pure_black(self) -> colors.Color:
        """Black ink alone (0/0/0/100)."""
        return colors.PCMYKColor(0, 0, 0, 100)

    @property
    def black(self) -> colors.Color:
        """Solid black for QR codes and cut marks: a scanner needs full contrast, not the text grey."""
        return colors.PCMYKColor(0, 0, 0, 100) if self.cmyk else colors.Color(0, 0, 0)

    @property
    def registration(self) -> colors.Color:
        """Crop marks print on every plate in CMYK output (registration colour); black on screen."""
        return colors.PCMYKColor(100, 100, 100, 100) if self.cmyk else colors.Color(0, 0, 0)

    @property
    def white(self) -> colors.Color:
        return colors.PCMYKColor(0, 0, 0, 0) if self.cmyk else colors.Color(1, 1, 1)


class StyleBook:
    """The layout's styles by name, converted once; unknown names raise a `UserError`."""

    @classmethod
    def shared(cls, layout: Layout, fonts: FontSet, cmyk: bool) -> StyleBook:
        """One book per layout, font set and colour model in a process, so every document a worker renders
        uses the very same style objects (the paragraph parse memo in paragraph.py keys on them)."""
        key = (id(layout), id(fonts), cmyk)
        book = _shared_books.get(key)
        if book is None or book.layout is not layout or book.fonts is not fonts:
            book = _shared_books[key] = cls(layout, fonts, Palette(layout, cmyk=cmyk))
        return book

    def __init__(self, layout: Layout, fonts: FontSet, palette: Palette) -> None:
        self.layout = layout
        self.sheet = style_sheet(layout)  # the layout's styles and the derived ones (document/styles.py)
        self.fonts = fonts
        self.palette = palette
        self._paragraphs: dict[tuple[str, float], RLParagraphStyle] = {}

    @property
    def looks(self) -> Mapping[str, ParagraphStyle]:
        return self.sheet.paragraphs

    def look(self, name: str) -> ParagraphStyle:
        return self.sheet.paragraph(name)

    def character(self, name: str) -> CharacterStyle:
        return self.sheet.character(name)

    def table(self, name: str) -> TableStyle:
        return self.sheet.table(name)

    def card(self, name: str) -> CardStyle:
        return self.sheet.card(name)

    def face(self, role: str, bold: bool = False) -> FontFace:
        """The face a role draws Latin text (and digits) with: the first face of its default chain."""
        try:
            face = self.fonts.runs(role, "0", bold=bold)[0][0]
            register_face(face)
            return face
        except KeyError:
            raise UserError(unknown("font role", role, self.layout, list(self.layout.fonts), "fonts")) from None

    def paragraph(self, name: str, size: float | None = None) -> RLParagraphStyle:
        """A reportlab paragraph style for a layout style, optionally at another size (card text).

        `shaping=1` makes uharfbuzz shape Thai, Lao, Khmer and Vietnamese; long words are broken
        rather than allowed to run out of the frame; `autoLeading="max"` lets a larger inline size
        grow its line instead of overprinting the line above. A paragraph split across pages keeps at
        least two lines on each side.
        """
        look = self.look(name)
        key = (name, size if size is not None else look.size)
        if key not in self._paragraphs:
            scale = key[1] / look.size
            self._paragraphs[key] = RLParagraphStyle(
                f"{name}@{key[1]:g}",
                fontName=self.face(look.font, look.bold).face_name,
                fontSize=key[1],
                leading=look.line_height * scale,
                textColor=self.palette.text(look.colour, key[1]),
                backColor=self.palette.colour(look.background) if look.background else None,
                alignment=ALIGNMENTS[look.align],
                spaceBefore=look.space_before,
                spaceAfter=look.space_after,
                leftIndent=look.indent * mm,
                firstLineIndent=look.first_line_indent,
                keepWithNext=int(look.keep_with_next),
                bulletFontName=self.face(look.font).face_name,
                shaping=1,
                splitLongWords=1,
                autoLeading="max",
                allowOrphans=0,  # no first line alone at a page foot ...
                allowWidows=0,  # ... and no last line alone at a page top (DOCX: w:widowControl)
            )
        return self._paragraphs[key]

    def number(self, name: str) -> RLParagraphStyle:
        """Page numbers of contents and index: the entry's type, right-aligned, without its indent."""
        base = self.paragraph(name)
        return RLParagraphStyle(
            f"{base.name}/number",
            parent=base,
            alignment=TA_RIGHT,
            leftIndent=0,
            firstLineIndent=0,
            backColor=None,
        )

    def aligned(self, name: str, alignment: str) -> RLParagraphStyle:
        """A layout style with another alignment (running heads on the outer side, page numbers)."""
        base = self.paragraph(name)
        return RLParagraphStyle(f"{base.name}/{alignment}", parent=base, alignment=ALIGNMENTS[alignment])
