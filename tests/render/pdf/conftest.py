"""Fixtures for the reportlab tests: static fonts for every script, and the one-page scripts document.

The Thai, Lao and Khmer Noto fonts ship as variable fonts; reportlab needs static TrueType, so the
session makes Regular instances (wght=400, wdth=100) itself rather than depending on
`briefpack.fonts`. The page itself is built by `render.pdf.scripts_page` (plain code, no fixtures).
"""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from render.pdf.scripts_page import build_scripts_pdf, register_fonts

# Depending on collection order, a nested conftest.py can become the `conftest` module that test modules
# import, hiding tests/conftest.py; re-export its helper so `from conftest import require_tool` always works.
require_tool = runpy.run_path(str(Path(__file__).parents[2] / "conftest.py"))["require_tool"]


@pytest.fixture(scope="session")
def script_fonts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Static TrueType fonts for every script, registered with reportlab; maps font key to file."""
    import justmytype_intl_sea
    import rendercv_fonts
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    noto = Path(rendercv_fonts.__file__).parent / "Noto Sans"
    sea = Path(justmytype_intl_sea.__file__).parent / "fonts" / "ofl"
    out = tmp_path_factory.mktemp("fonts")
    paths = {"latin": noto / "NotoSans-Regular.ttf", "sc": noto / "NotoSansSC-Regular.ttf"}
    for key, script in (("thai", "Thai"), ("lao", "Lao"), ("khmer", "Khmer")):
        (variable,) = (sea / f"notosans{key}").glob(f"NotoSans{script}[[]*.ttf")
        static = instancer.instantiateVariableFont(TTFont(variable), {"wght": 400, "wdth": 100}, static=True)
        paths[key] = out / f"NotoSans{script}-Regular.ttf"
        static.save(paths[key])
    register_fonts(paths)
    return paths


@pytest.fixture(scope="session")
def rl_fixed() -> None:
    """reportlab with briefpack's fixes applied (they stay applied for the rest of the session)."""
    from briefpack.render.pdf import rl_fixes

    rl_fixes.apply()


@pytest.fixture(scope="session")
def scripts_pdf(tmp_path_factory: pytest.TempPathFactory, script_fonts: dict[str, Path], rl_fixed: None) -> Path:
    """The scripts page rendered with the fixes applied."""
    out = tmp_path_factory.mktemp("scripts") / "scripts.pdf"
    build_scripts_pdf(out, script_fonts)
    return out
