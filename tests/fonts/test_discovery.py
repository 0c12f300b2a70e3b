"""Specification of font discovery: where fonts are searched, in which order, and what is refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from fontTools.ttLib import TTCollection, TTFont

from briefpack.fonts.discovery import FontIndex

DEFAULT_FAMILIES = ["Noto Sans", "Noto Sans Thai", "Noto Sans Lao", "Noto Sans Khmer", "Noto Sans SC"]


@pytest.fixture
def no_system(tmp_path: Path) -> list[Path]:
    """A system font folder list with nothing in it, as on a bare CI image or container."""
    return [tmp_path / "no-system-fonts"]


@pytest.mark.parametrize("family", DEFAULT_FAMILIES)
def test_default_families_come_from_installed_packages_without_system_fonts(family: str, no_system: list[Path]) -> None:
    files = FontIndex(None, no_system).find(family)
    assert files
    assert {f.source for f in files} == {"package"}
    assert {f.family for f in files} == {family}


def test_family_lookup_ignores_case_and_spacing(no_system: list[Path]) -> None:
    assert FontIndex(None, no_system).find("  noto   SANS thai ")[0].family == "Noto Sans Thai"


def test_variable_and_static_fonts_are_told_apart(no_system: list[Path]) -> None:
    index = FontIndex(None, no_system)
    (thai,) = index.find("Noto Sans Thai")
    assert thai.is_variable
    assert thai.wght_range == (100, 900)
    weights = {f.weight: f for f in index.find("Noto Sans") if not f.italic}
    assert set(weights) == {400, 700}
    assert not weights[700].is_variable
    assert weights[700].wght_range is None
    assert weights[700].ps_name == "NotoSans-Bold"


def test_project_font_of_a_packaged_family_wins_over_the_package(
    tmp_path: Path, no_system: list[Path], shipped: SimpleNamespace, copy_font: Callable[..., Path]
) -> None:
    brand = copy_font(shipped.noto_sans_regular, tmp_path / "fonts" / "brand" / "NotoSans-Regular.ttf")
    files = FontIndex(tmp_path / "fonts", no_system).find("Noto Sans")
    # The whole family comes from the project, so its weights are never mixed with the package's.
    assert [(f.path, f.source) for f in files] == [(brand, "project")]


def test_packages_are_searched_before_system_folders(
    tmp_path: Path, shipped: SimpleNamespace, copy_font: Callable[..., Path]
) -> None:
    system = tmp_path / "system"
    copy_font(shipped.noto_sans_regular, system / "NotoSans-Regular.ttf")
    only_here = copy_font(shipped.noto_sans_regular, system / "sub" / "T.ttf", family="Briefpack Test Sans")
    index = FontIndex(None, [system])
    assert {f.source for f in index.find("Noto Sans")} == {"package"}
    assert [(f.path, f.source) for f in index.find("Briefpack Test Sans")] == [(only_here, "system")]


def test_cff_font_in_project_is_skipped_with_a_reason(
    tmp_path: Path, no_system: list[Path], shipped: SimpleNamespace, copy_font: Callable[..., Path]
) -> None:
    otf = copy_font(shipped.fontin_cff, tmp_path / "fonts" / "Fontin-Regular.otf")
    index = FontIndex(tmp_path / "fonts", no_system)
    assert index.find("Fontin") == ()
    reasons = {s.path: s.reason for s in index.skipped("Fontin")}
    assert "CFF" in reasons[otf]
    assert "reportlab" in reasons[otf]


def test_damaged_and_foreign_files_do_not_stop_discovery(
    tmp_path: Path, no_system: list[Path], shipped: SimpleNamespace, copy_font: Callable[..., Path]
) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "broken.ttf").write_bytes(b"not a font at all")
    (fonts / "README.txt").write_text("licence")
    good = copy_font(shipped.noto_sans_regular, fonts / "Good.ttf", family="Briefpack Good Sans")
    index = FontIndex(fonts, no_system)
    assert [f.path for f in index.find("Briefpack Good Sans")] == [good]
    skipped_here = [(s.path.name, s.reason.split(" ")[0]) for s in index.skipped() if s.path.parent == fonts]
    assert skipped_here == [("broken.ttf", "unreadable")]


def test_each_font_of_a_collection_is_indexed(tmp_path: Path, no_system: list[Path], shipped: SimpleNamespace) -> None:
    collection = TTCollection()
    collection.fonts = [TTFont(shipped.noto_sans_regular), TTFont(shipped.noto_sans_bold)]
    ttc = tmp_path / "fonts" / "NotoSans.ttc"
    ttc.parent.mkdir()
    collection.save(ttc)
    files = FontIndex(ttc.parent, no_system).find("Noto Sans")
    assert [(f.path, f.subfont, f.weight) for f in files] == [(ttc, 0, 400), (ttc, 1, 700)]
