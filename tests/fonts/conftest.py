"""Shared fixtures: one font cache per test session, since instancing variable fonts takes seconds."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import justmytype_intl_sea
import pytest
import rendercv_fonts
from fontTools.ttLib import TTFont

from briefpack.fonts import FontSet

# The chains a layout gives for body text; the fonts ship with briefpack's dependencies.
BODY_ROLES = {
    "body": {
        "default": ["Noto Sans"],
        "thai": ["Noto Sans Thai"],
        "lao": ["Noto Sans Lao"],
        "khmer": ["Noto Sans Khmer"],
        "han": ["Noto Sans SC"],
    }
}


@pytest.fixture(scope="session", autouse=True)
def font_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Derived fonts go to a session-private cache, never to the developer's ~/.cache."""
    cache = tmp_path_factory.mktemp("font-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFPACK_CACHE_DIR", str(cache))
        yield cache


@pytest.fixture(scope="session")
def body_fonts(font_cache: Path) -> FontSet:
    return FontSet.from_roles(BODY_ROLES, None)


@pytest.fixture(scope="session")
def body_roles() -> dict[str, dict[str, list[str]]]:
    return BODY_ROLES


# Fonts shipped by briefpack's font dependencies, used as real inputs.
RENDERCV = Path(rendercv_fonts.__file__).parent
SEA = Path(justmytype_intl_sea.__file__).parent / "fonts" / "ofl"
NOTO_SANS_REGULAR = RENDERCV / "Noto Sans" / "NotoSans-Regular.ttf"
NOTO_SANS_BOLD = RENDERCV / "Noto Sans" / "NotoSans-Bold.ttf"
FONTIN_CFF = RENDERCV / "Fontin" / "Fontin-Regular.otf"
LAO_VARIABLE = SEA / "notosanslao" / "NotoSansLao[wdth,wght].ttf"


@pytest.fixture(scope="session")
def shipped() -> SimpleNamespace:
    """Paths of real font files from the installed font packages."""
    return SimpleNamespace(
        noto_sans_regular=NOTO_SANS_REGULAR,
        noto_sans_bold=NOTO_SANS_BOLD,
        fontin_cff=FONTIN_CFF,
        lao_variable=LAO_VARIABLE,
    )


@pytest.fixture(scope="session")
def copy_font() -> Callable[..., Path]:
    """Copy a font, optionally renaming its family or changing its version (so its bytes differ)."""

    def copy(source: Path, target: Path, family: str | None = None, version: str | None = None) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        if family is None and version is None:
            shutil.copyfile(source, target)
            return target
        font = TTFont(source)
        if family is not None:
            for record in font["name"].names:
                if record.nameID in (1, 4, 16):
                    record.string = family
                elif record.nameID == 6:
                    record.string = family.replace(" ", "") + "-Regular"
        if version is not None:
            font["name"].setName(version, 5, 3, 1, 0x409)
        font.save(target)
        return target

    return copy
