"""Specification of static instances of variable fonts and of the font cache."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from fontTools.ttLib import TTCollection, TTFont

from briefpack.fonts import FontFace, FontSet
from briefpack.fonts.instancing import font_cache_dir, static_font

VARIABLE_FAMILIES = ["Noto Sans Thai", "Noto Sans Lao", "Noto Sans Khmer"]


def _face(fonts: FontSet, family: str, weight: int) -> FontFace:
    (face,) = [f for f in fonts.faces() if f.family == family and f.weight == weight]
    return face


@pytest.mark.parametrize("family", VARIABLE_FAMILIES)
@pytest.mark.parametrize(("weight", "style"), [(400, "Regular"), (700, "Bold")])
def test_variable_fonts_become_static_named_instances_in_the_cache(
    body_fonts: FontSet, font_cache: Path, family: str, weight: int, style: str
) -> None:
    face = _face(body_fonts, family, weight)
    assert face.path.parent == font_cache
    font = TTFont(face.path)
    assert "fvar" not in font
    assert "gvar" not in font
    assert font["OS/2"].usWeightClass == weight
    ps_name = family.replace(" ", "") + "-" + style
    assert face.face_name == ps_name
    names = font["name"]
    assert names.getDebugName(1) == family
    assert names.getDebugName(2) == style
    assert names.getDebugName(4) == f"{family} {style}"
    assert names.getDebugName(6) == ps_name
    is_bold = weight == 700
    assert bool(font["OS/2"].fsSelection & 0b100000) is is_bold
    assert bool(font["head"].macStyle & 1) is is_bold


def test_every_face_has_its_own_postscript_name(body_fonts: FontSet) -> None:
    faces = body_fonts.faces()
    assert len(faces) == 10  # five families, regular and bold
    names = [TTFont(face.path)["name"].getDebugName(6) for face in faces]
    assert len(set(names)) == len(names)
    assert names == [face.face_name for face in faces]


def test_instancing_is_deterministic(
    body_fonts: FontSet, shipped: SimpleNamespace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFPACK_CACHE_DIR", str(tmp_path))
    again = static_font(shipped.lao_variable, weight=700)
    assert again.parent == tmp_path
    first = _face(body_fonts, "Noto Sans Lao", 700).path
    assert again.read_bytes() == first.read_bytes()
    # The timestamp is the source's, not the time of writing.
    assert TTFont(again)["head"].modified == TTFont(shipped.lao_variable)["head"].modified


def test_a_cached_instance_is_reused_not_rewritten(shipped: SimpleNamespace, font_cache: Path) -> None:
    # Asks static_font itself: a FontSet made earlier in this worker may have been resolved under
    # another test directory's private cache (session fixtures of different folders share a worker).
    cached = static_font(shipped.lao_variable, weight=700)
    before = cached.stat().st_mtime_ns
    assert static_font(shipped.lao_variable, weight=700) == cached
    assert cached.stat().st_mtime_ns == before


def test_the_cache_holds_only_finished_fonts(body_fonts: FontSet, font_cache: Path) -> None:
    files = list(font_cache.iterdir())
    assert files
    assert all(f.suffix == ".ttf" and not f.name.startswith(".") for f in files)


def test_static_fonts_are_used_in_place(shipped: SimpleNamespace) -> None:
    assert static_font(shipped.noto_sans_bold) == shipped.noto_sans_bold


def test_a_font_is_extracted_from_a_collection(shipped: SimpleNamespace, tmp_path: Path) -> None:
    collection = TTCollection()
    collection.fonts = [TTFont(shipped.noto_sans_regular), TTFont(shipped.noto_sans_bold)]
    ttc = tmp_path / "NotoSans.ttc"
    collection.save(ttc)
    extracted = TTFont(static_font(ttc, subfont=1))
    assert extracted["name"].getDebugName(6) == "NotoSans-Bold"
    assert extracted.getBestCmap() == TTFont(shipped.noto_sans_bold).getBestCmap()


def test_cache_dir_follows_briefpack_then_xdg_then_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFPACK_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert font_cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("BRIEFPACK_CACHE_DIR")
    assert font_cache_dir() == tmp_path / "xdg" / "briefpack" / "fonts"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert font_cache_dir() == tmp_path / "home" / ".cache" / "briefpack" / "fonts"
