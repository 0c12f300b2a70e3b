"""What a layout may say: page geometry, fonts per role and script, colours, named styles.

Layouts are shared between organisations, so they are validated as strictly as event data
(unknown keys are errors at their line). Lengths are millimetres, type sizes points.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from briefpack.errors import Location
from briefpack.fonts.resolver import CHAIN_KEYS

PAGE_SIZES_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "A6": (105.0, 148.0),
    "Letter": (215.9, 279.4),
    "HalfLetter": (139.7, 215.9),
    "Legal": (215.9, 355.6),
}

Mm = Annotated[float, Field(ge=0, le=2000)]
MIN_PAGE_MM = 50.0  # smaller than a business card's long side is no page
MIN_TEXT_MM = 20.0  # the least text area the margins may leave
Pt = Annotated[float, Field(gt=0, le=400)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Margins(Strict):
    """Margins in mm. With facing pages, `inner`/`outer` replace `left`/`right`."""

    top: Mm = 15
    bottom: Mm = 15
    left: Mm | None = None
    right: Mm | None = None
    inner: Mm | None = None
    outer: Mm | None = None

    def sides(self, right_hand_page: bool) -> tuple[float, float]:
        """(left, right) margins of a page; a right-hand (recto) page has its inner margin on the left."""
        inner = self.inner if self.inner is not None else (self.left if self.left is not None else 15)
        outer = self.outer if self.outer is not None else (self.right if self.right is not None else 15)
        if self.inner is None and self.outer is None:
            return (self.left if self.left is not None else 15, self.right if self.right is not None else 15)
        return (inner, outer) if right_hand_page else (outer, inner)


class Page(Strict):
    size: Literal["A4", "A5", "A6", "Letter", "HalfLetter", "Legal"] | tuple[Mm, Mm] = "A4"
    landscape: bool = False
    margins: Margins = Margins()
    facing: bool = Field(False, description="Facing pages: mirror inner/outer margins and running heads.")
    bleed: Mm = Field(0, le=10, description="Bleed in mm added around the trim for print output.")
    crop_marks: bool = Field(False, description="Draw crop marks outside the bleed in print output.")

    @model_validator(mode="after")
    def _text_area_left(self) -> Page:
        """A page must be a page (A7 and up) with room for text inside its margins."""
        w, h = self.size_mm
        if min(w, h) < MIN_PAGE_MM:
            raise ValueError(f"a page of {w:g} x {h:g} mm is too small; pages are at least {MIN_PAGE_MM:g} mm a side")
        left, right = self.margins.sides(True)
        if w - left - right < MIN_TEXT_MM or h - self.margins.top - self.margins.bottom < MIN_TEXT_MM:
            raise ValueError(f"the margins leave less than {MIN_TEXT_MM:g} mm of text area on a {w:g} x {h:g} mm page")
        return self

    @property
    def text_width_mm(self) -> float:
        """The width of the text frame: what composers size a grid's columns against."""
        left, right = self.margins.sides(True)
        return self.size_mm[0] - left - right

    @property
    def imposition_sheet_mm(self) -> tuple[float, float]:
        """The landscape sheet two pages are imposed on: A5 on A4, half-letter on Letter, else two pages wide."""
        pairs = {"A5": "A4", "A6": "A5", "HalfLetter": "Letter"}
        if isinstance(self.size, str) and self.size in pairs and not self.landscape:
            w, h = PAGE_SIZES_MM[pairs[self.size]]
            return (h, w)
        w, h = self.size_mm
        return (2 * w, h)

    @property
    def size_mm(self) -> tuple[float, float]:
        w, h = PAGE_SIZES_MM[self.size] if isinstance(self.size, str) else self.size
        return (h, w) if self.landscape else (w, h)


class Colour(Strict):
    """A colour for print (CMYK percentages) and for screen (RGB hex). Print output uses `cmyk`."""

    cmyk: tuple[float, float, float, float] | None = None
    rgb: str | None = None

    @field_validator("cmyk")
    @classmethod
    def _percent(cls, value: tuple[float, float, float, float] | None) -> tuple[float, float, float, float] | None:
        if value is not None and not all(0 <= v <= 100 for v in value):
            raise ValueError("CMYK values are percentages from 0 to 100")
        return value

    @field_validator("rgb")
    @classmethod
    def _hex(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError("an RGB colour is written #rrggbb, e.g. #1f4e79")
        return value

    @model_validator(mode="after")
    def _some(self) -> Colour:
        if self.cmyk is None and self.rgb is None:
            raise ValueError("give `cmyk` (for print) and/or `rgb` (for screen)")
        return self


class ParagraphStyle(Strict):
    font: str = Field("body", description="A font role from `fonts`.")
    size: Pt = 10
    leading: Pt | None = Field(None, description="Line spacing in points; default 1.3 x size.")
    bold: bool = False
    italic: bool = False
    colour: str = "ink"
    align: Literal["left", "right", "center", "justify"] = "left"
    space_before: float = Field(0, ge=0, le=200)
    space_after: float = Field(0, ge=0, le=200)
    indent: Mm = 0
    first_line_indent: float = Field(0, ge=-100, le=100)
    keep_with_next: bool = False
    background: str | None = None
    uppercase: bool = False

    @property
    def line_height(self) -> float:
        return self.leading if self.leading is not None else round(self.size * 1.3, 2)


class CharacterStyle(Strict):
    bold: bool | None = None
    italic: bool | None = None
    size: Pt | None = None
    colour: str | None = None
    underline: bool | None = None
    background: str | None = None


class TableStyle(Strict):
    header_style: str = "table-head"
    body_style: str = "table-body"
    header_background: str | None = "rule"
    rule: str = "rule"
    rule_width: float = Field(0.5, gt=0, le=10)
    highlight_background: str = "highlight"
    padding: Annotated[float, Field(ge=0, le=10, description="Cell padding in mm.")] = 1.5
    zebra: str | None = None
    space_after: float = Field(5, ge=0, le=100, description="Space below the table, in points.")


class CardStyle(Strict):
    """Business cards N-up: the grid is computed from card size, gutter and sheet margins."""

    width: Mm = 85
    height: Mm = 55
    gutter: Mm = 0
    sheet: Literal["A4", "Letter"] = "A4"
    sheet_margin: Mm = 10
    padding: Mm = 4
    crop_mark_length: Mm = 5
    qr_size: Annotated[
        float, Field(ge=10, le=60, description="Side of the QR code in mm; phones read none below 10.")
    ] = 22
    qr_module: Annotated[
        float,
        Field(
            ge=0.2,
            le=2,
            description="Smallest side of one QR module in mm: a code whose contact needs more modules "
            "leaves fields out (0.33 mm reads from across a table).",
        ),
    ] = 0.33
    min_font_size: Pt = Field(6, ge=3)
    shrink_step: Pt = Field(0.5, ge=0.1, description="Points a line shrinks by per try (at most a few dozen tries).")

    @model_validator(mode="after")
    def _room_for_text(self) -> CardStyle:
        if self.width < 20 or self.height < 15:
            raise ValueError(f"a card of {self.width:g} x {self.height:g} mm is too small (at least 20 x 15 mm)")
        if 2 * self.padding >= min(self.width, self.height):
            raise ValueError(f"the padding ({self.padding:g} mm each side) leaves no room inside the card")
        return self


class RunningHead(Strict):
    style: str = "running-head"
    show_page_numbers: bool = True
    rule: bool = True


#: Registered printing conditions (ICC characterization data, color.org) and their descriptions.
OUTPUT_CONDITIONS = {
    "FOGRA39": "Coated FOGRA39 (ISO 12647-2:2004), offset, coated paper",
    "FOGRA51": "PSO Coated v3 (ISO 12647-2:2013), offset, coated paper",
    "FOGRA52": "PSO Uncoated v3 (ISO 12647-2:2013), offset, uncoated paper",
    "FOGRA47": "PSO Uncoated ISO12647 (ISO 12647-2:2004), offset, uncoated paper",
    "CGATS21_CRPC6": "GRACoL 2013 (CGATS 21-2, CRPC6), offset, coated #1 paper",
    "CGATS21_CRPC5": "SWOP 2013 (CGATS 21-2, CRPC5), web offset, coated #3 paper",
    "JC200103": "Japan Color 2001 Coated (ISO 12647-2), offset, coated paper",
}
#: The condition a print edition declares when its layout names none: what printers of that paper
#: size most often print to (ISO sizes: European offset; US sizes: GRACoL).
DEFAULT_CONDITIONS = {"Letter": "CGATS21_CRPC6", "HalfLetter": "CGATS21_CRPC6", "Legal": "CGATS21_CRPC6"}


class Press(Strict):
    """What the print edition declares to the printer: PDF/X-1a:2003, or PDF/X-4 with an ICC profile."""

    output_condition: str | None = Field(
        None,
        description="The printing condition the CMYK values were made for, by its registered name "
        f"({', '.join(OUTPUT_CONDITIONS)}); default FOGRA39, or CGATS21_CRPC6 on US paper sizes.",
    )
    output_profile: str | None = Field(
        None,
        description="An ICC output profile (CMYK) from the printer, a file in the layout's folder: "
        "the print edition embeds it and declares PDF/X-4 instead of PDF/X-1a:2003.",
    )
    pure_black_below: float = Field(
        12.0,
        ge=0,
        le=72,
        description="Text smaller than this (pt) in a near-black colour (K 85% or more) prints in "
        "black ink alone (0/0/0/100), so fine type is not screened or misregistered; 0 turns it off.",
    )

    @field_validator("output_condition")
    @classmethod
    def _registered(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_ .()-]{1,64}", value):
            raise ValueError("name the condition as it is registered, e.g. FOGRA39 or CGATS21_CRPC6")
        return value


class Layout(Strict):
    """A complete layout after `extends` has been resolved."""

    name: str
    description: str = ""
    page: Page = Page()
    fonts: dict[str, dict[str, list[str]]] = Field(
        description="Font roles: role -> script -> fallback chain of family names. "
        "Scripts: default, latin, greek, cyrillic, thai, lao, myanmar, khmer, han."
    )
    colours: dict[str, Colour]
    paragraph_styles: dict[str, ParagraphStyle]
    character_styles: dict[str, CharacterStyle] = Field(default_factory=dict)
    table_styles: dict[str, TableStyle] = Field(default_factory=dict)
    card_styles: dict[str, CardStyle] = Field(default_factory=dict)
    running_head: RunningHead = RunningHead()
    print_colour: Literal["cmyk", "rgb"] = Field(
        "rgb", description="Colour model of print variants; `cmyk` makes any RGB-only colour an error."
    )
    press: Press = Press()
    text: dict[str, str] = Field(default_factory=dict, description="Jinja2 text fragments by name.")
    _text_origins: dict[str, Location] = PrivateAttr(default_factory=dict)
    _fingerprint: str = PrivateAttr(default="")
    _output_profile: bytes | None = PrivateAttr(default=None)

    @property
    def output_profile(self) -> bytes | None:
        """The ICC profile `press.output_profile` names, as checked and read when the layout loaded."""
        return self._output_profile

    @property
    def output_condition(self) -> str:
        """The printing condition the print edition declares."""
        if self.press.output_condition:
            return self.press.output_condition
        size = self.page.size if isinstance(self.page.size, str) else ""
        return DEFAULT_CONDITIONS.get(size, "FOGRA39")

    @property
    def fingerprint(self) -> str:
        """Digest of the resolved settings and text; the build cache keys outputs on it."""
        return self._fingerprint

    @property
    def text_origins(self) -> dict[str, Location]:
        """Where each text fragment was written, for located template errors."""
        return self._text_origins

    @field_validator("fonts")
    @classmethod
    def _scripts(cls, value: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, list[str]]]:
        for role, chains in value.items():
            unknown = set(chains) - set(CHAIN_KEYS)
            if unknown:
                raise ValueError(
                    f"font role `{role}` names unknown script(s) {sorted(unknown)}; use {', '.join(CHAIN_KEYS)}"
                )
            if "default" not in chains:
                raise ValueError(f"font role `{role}` needs a `default` chain")
        return value
