"""Specification of FontSet: which face draws which part of a line, coverage, and font errors."""

from __future__ import annotations

import io
import itertools
import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Literal

import pytest
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont
from reportlab.pdfgen.canvas import Canvas

from briefpack.fonts import FontError, FontFace, FontSet, Script, discovery
from briefpack.fonts.scripts import is_mark

Roles = dict[str, dict[str, list[str]]]

MIXED_LINE = "Dương Thị Xuân (云南) สตรี/ສະຫະພັນ/ស្ត្រី"

REGION_CHARS = list(
    "AaĐđƯưỆệ\u0301\u0323กสตรี\u0e34\u0e48๑ສະຫພັນ\u0ec8໑ស្ត្រី\u17d2១។云南、。0123456789 \n()/-.,\u00a0\u200b→😀ཀ"
)


@pytest.fixture
def no_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No system fonts at all, as on a bare CI image: everything must come from packages or fonts/."""
    monkeypatch.setattr(discovery, "default_system_dirs", lambda: (tmp_path / "no-system-fonts",))


def _families(runs: list[tuple[FontFace, str]]) -> list[tuple[str, str]]:
    return [(face.family, text) for face, text in runs]


def test_each_script_of_a_mixed_line_gets_its_noto_family(body_fonts: FontSet) -> None:
    assert _families(body_fonts.runs("body", MIXED_LINE)) == [
        ("Noto Sans", "Dương Thị Xuân ("),
        ("Noto Sans SC", "云南) "),
        ("Noto Sans Thai", "สตรี/"),
        ("Noto Sans Lao", "ສະຫະພັນ/"),
        ("Noto Sans Khmer", "ស្ត្រី"),
    ]


def test_bold_runs_use_the_bold_faces_of_the_same_families(body_fonts: FontSet) -> None:
    regular = body_fonts.runs("body", MIXED_LINE)
    bold = body_fonts.runs("body", MIXED_LINE, bold=True)
    assert _families(bold) == _families(regular)
    assert {face.weight for face, _ in bold} == {700}
    assert {face.weight for face, _ in regular} == {400}


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_vietnamese_stays_one_latin_run(body_fonts: FontSet, form: Literal["NFC", "NFD"]) -> None:
    name = unicodedata.normalize(form, "Dương Thị Xuân")
    assert _families(body_fonts.runs("body", name)) == [("Noto Sans", name)]


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("១២៣ ។", "Noto Sans Khmer"),
        ("໑໒໓", "Noto Sans Lao"),
        ("๑๒๓", "Noto Sans Thai"),
        ("2007", "Noto Sans"),
    ],
)
def test_digits_and_punctuation_follow_their_script(body_fonts: FontSet, text: str, family: str) -> None:
    assert _families(body_fonts.runs("body", text)) == [(family, text)]


def test_a_symbol_the_run_font_lacks_is_drawn_by_another_chain(body_fonts: FontSet) -> None:
    # Noto Sans has no arrows; Noto Sans SC has, so only the arrow changes font: the letters stay in
    # Noto Sans although Noto Sans SC could draw the whole line.
    runs = body_fonts.runs("body", "Hà Nội → Vientiane")
    assert "".join(text for _, text in runs) == "Hà Nội → Vientiane"
    assert [(family, text.strip()) for family, text in _families(runs)] == [
        ("Noto Sans", "Hà Nội"),
        ("Noto Sans SC", "→"),
        ("Noto Sans", "Vientiane"),
    ]


def test_a_script_without_a_chain_falls_back_to_the_roles_other_chains(no_system: None) -> None:
    roles = {"body": {"default": ["Noto Sans Thai"], "latin": ["Noto Sans"], "han": ["Noto Sans SC"]}}
    fonts = FontSet.from_roles(roles, None)
    # Greek has no chain and the default font has no Greek: the first chain that has it wins.
    assert _families(fonts.runs("body", "Αθήνα")) == [("Noto Sans", "Αθήνα")]


def test_empty_text_has_no_runs(body_fonts: FontSet) -> None:
    assert body_fonts.runs("body", "") == []


def _clusters(text: str) -> list[str]:
    clusters: list[str] = []
    for ch in text:
        if clusters and is_mark(ch):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from(REGION_CHARS)))
def test_runs_rebuild_the_text_and_each_face_has_its_characters(body_fonts: FontSet, text: str) -> None:
    runs = body_fonts.runs("body", text)
    assert "".join(piece for _, piece in runs) == text
    assert all(a != b for (a, _), (b, _) in itertools.pairwise(runs))
    faces = body_fonts.faces()
    for face, piece in runs:
        for cluster in _clusters(piece):
            drawable = cluster.strip().replace("\u200b", "")
            # A cluster only lands in a face lacking it when no face at all has the whole cluster.
            assert face.covers(drawable) or not any(f.covers(drawable) for f in faces)


def test_uncovered_reports_characters_no_font_has_once_each(body_roles: dict) -> None:
    fonts = FontSet.from_roles(body_roles, None, system_dirs=())  # only the fonts briefpack installs
    text = "Smile 😀 and ཀ, again 😀\n\t"
    assert fonts.uncovered(text) == ["😀", "ཀ"]
    assert fonts.uncovered(MIXED_LINE + "\n") == []


def test_report_names_the_face_serving_each_script(body_fonts: FontSet) -> None:
    uses = body_fonts.report([MIXED_LINE, "ཀ"])
    served = {use.script: (use.face.family if use.face else None) for use in uses}
    assert served == {
        Script.LATIN: "Noto Sans",
        Script.HAN: "Noto Sans SC",
        Script.THAI: "Noto Sans Thai",
        Script.LAO: "Noto Sans Lao",
        Script.KHMER: "Noto Sans Khmer",
        Script.OTHER: None,
    }
    samples = {use.script: use.sample for use in uses}
    assert samples[Script.KHMER] == "ស្ត្រី"
    assert "Dương" in samples[Script.LATIN]
    assert {use.role for use in uses} == {"body"}


def test_faces_lists_regular_and_bold_of_every_family_once(body_fonts: FontSet) -> None:
    faces = body_fonts.faces()
    assert len(set(faces)) == len(faces)
    assert {(f.family, f.weight) for f in faces} == {
        (family, weight)
        for family in ("Noto Sans", "Noto Sans Thai", "Noto Sans Lao", "Noto Sans Khmer", "Noto Sans SC")
        for weight in (400, 700)
    }


def test_reportlab_embeds_every_face(body_fonts: FontSet) -> None:
    from pypdf import PdfReader

    from briefpack.render.pdf.preflight import preflight

    for face in body_fonts.faces():
        pdfmetrics.registerFont(ReportlabTTFont(face.face_name, str(face.path)))
    out = io.BytesIO()
    canvas = Canvas(out, initialFontName=body_fonts.faces()[0].face_name)  # else Helvetica is referenced
    used = []
    for y, (face, text) in enumerate(body_fonts.runs("body", MIXED_LINE, bold=True)):
        canvas.setFont(face.face_name, 12)
        canvas.drawString(72, 720 - 20 * y, text)
        used.append(face.face_name)
    canvas.save()
    fonts = PdfReader(io.BytesIO(out.getvalue())).pages[0]["/Resources"]["/Font"]
    written = {str(f.get_object()["/BaseFont"]).split("+")[-1] for f in fonts.values()}
    assert set(used) <= written, (used, written)  # every face drawn with is in the file ...
    assert [str(f) for f in preflight(out.getvalue(), None)] == []  # ... and embedded, with its outlines


def test_the_fontset_is_built_once_per_roles_and_project(
    body_fonts: FontSet, body_roles: Roles, tmp_path: Path
) -> None:
    assert FontSet.from_roles(body_roles, None) is body_fonts
    assert FontSet.from_roles({k: dict(v) for k, v in body_roles.items()}, None) is body_fonts
    assert FontSet.from_roles(body_roles, tmp_path / "fonts") is not body_fonts


def test_fonts_are_found_with_no_system_fonts(no_system: None, body_roles: Roles, tmp_path: Path) -> None:
    fonts = FontSet.from_roles(body_roles, tmp_path / "fonts")
    assert fonts.uncovered(MIXED_LINE) == []
    assert not any(face.path.is_relative_to("/usr/share/fonts") for face in fonts.faces())


def test_project_fonts_replace_a_packaged_family(
    no_system: None,
    body_roles: Roles,
    tmp_path: Path,
    shipped: SimpleNamespace,
    copy_font: Callable[..., Path],
) -> None:
    regular = copy_font(shipped.noto_sans_regular, tmp_path / "fonts" / "NotoSans-Regular.ttf")
    bold = copy_font(shipped.noto_sans_bold, tmp_path / "fonts" / "NotoSans-Bold.ttf")
    fonts = FontSet.from_roles(body_roles, tmp_path / "fonts")
    (latin, _text), *_ = fonts.runs("body", "Xin chào")
    assert latin.path == regular
    assert fonts.runs("body", "Xin chào", bold=True)[0][0].path == bold


def test_a_different_font_under_a_taken_postscript_name_is_renamed(
    body_fonts: FontSet,
    no_system: None,
    body_roles: Roles,
    tmp_path: Path,
    shipped: SimpleNamespace,
    copy_font: Callable[..., Path],
) -> None:
    # A brand build of Noto Sans with the packaged file's PostScript name but different bytes: reportlab
    # would silently draw it with whichever face registered that name first, so it gets its own name.
    copy_font(shipped.noto_sans_regular, tmp_path / "fonts" / "NotoSans-Regular.ttf", version="Brand 1.0")
    fonts = FontSet.from_roles({"body": {"default": ["Noto Sans"]}}, tmp_path / "fonts")
    packaged = next(f for f in body_fonts.faces() if f.family == "Noto Sans" and f.weight == 400)
    brand = next(f for f in fonts.faces() if f.weight == 400)
    assert packaged.face_name == "NotoSans-Regular"
    assert brand.face_name.startswith("NotoSans-Regular-")
    assert TTFont(brand.path)["name"].getDebugName(6) == brand.face_name


def test_an_unknown_family_says_where_it_looked_and_what_to_install(no_system: None, tmp_path: Path) -> None:
    roles = {"body": {"default": ["Noto Sans"], "thai": ["Briefpack Missing Thai"]}}
    with pytest.raises(FontError) as caught:
        FontSet.from_roles(roles, tmp_path / "fonts")
    error = caught.value
    assert "Briefpack Missing Thai" in error.message
    assert str(tmp_path / "fonts") in error.message
    assert "no-system-fonts" in error.message
    assert error.hint is not None
    assert "pip install fontpkg-briefpack-missing-thai" in error.hint
    assert str(tmp_path / "fonts") in error.hint


def test_a_family_with_only_cff_fonts_is_refused_with_the_reason(no_system: None) -> None:
    with pytest.raises(FontError, match=r"Fontin.*CFF"):
        FontSet.from_roles({"body": {"default": ["Fontin"]}}, None)


@pytest.mark.parametrize(
    ("roles", "complaint"),
    [
        ({}, "No font roles"),
        ({"body": {"thai": ["Noto Sans Thai"]}}, 'no "default" chain'),
        ({"body": {"default": ["Noto Sans"], "klingon": ["Noto Sans"]}}, "klingon"),
        ({"body": {"default": ["Noto Sans"], "lao": ["DejaVu Sans"]}}, "DejaVu Sans"),
        ({"body": {"default": ["Noto Sans"], "thai": ["Kurinto Sans"]}}, "Kurinto Sans"),
    ],
)
def test_unusable_roles_are_refused(roles: Roles, complaint: str) -> None:
    with pytest.raises(FontError, match=complaint):
        FontSet.from_roles(roles, None)


def test_an_unknown_role_is_a_programming_error(body_fonts: FontSet) -> None:
    with pytest.raises(KeyError, match="caption"):
        body_fonts.runs("caption", "text")


# --- fonts that find themselves (issue 14) -----------------------------------------------------------


def test_text_of_a_script_the_layout_names_no_font_for_takes_an_installed_font_that_covers_it() -> None:
    fonts = FontSet.from_roles({"body": {"default": ["Noto Sans"]}}, None, system_dirs=())
    [(face, text)] = fonts.runs("body", "မြန်မာ")
    assert face.family == "Noto Sans Myanmar" and text == "မြန်မာ"
    assert fonts.uncovered("Khin Myo Aye · ခင်မျိုးအေး") == []
    [use] = [u for u in fonts.report(["ခင်မျိုးအေး"]) if u.script.name == "MYANMAR"]
    assert use.face is not None and use.face.family == "Noto Sans Myanmar"  # what `briefpack fonts` prints


def test_a_character_nothing_installed_covers_is_reported_with_what_to_install() -> None:
    from briefpack.fonts.resolver import font_advice

    fonts = FontSet.from_roles({"body": {"default": ["Noto Sans"]}}, None, system_dirs=())
    assert fonts.uncovered("\U0001d11e") == ["\U0001d11e"]  # a musical G clef: in no font briefpack ships
    assert "pip install justmytype-intl-sea" in font_advice("မ")
    assert "pip install justmytype-intl-cjk" in font_advice("陳")
