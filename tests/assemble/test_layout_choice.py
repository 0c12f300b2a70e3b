"""A layout per product (issue 14): from the command line (`--layout booklet=...`) or from the event's
data (`event.layouts`), so changing one product's look does not mean forking every layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from briefpack.assemble.context import BuildOptions
from briefpack.assemble.run import run_build
from briefpack.cli import main
from briefpack.errors import UserError
from eventdirs import edit, sample_event

MM = 72 / 25.4
BOOKLET_AND_PRESS_KIT = frozenset({"booklet", "press-kit"})


def _width_mm(pdf: Path) -> float:
    return round(float(PdfReader(pdf).pages[1].mediabox.width) / MM)


def _build(data: Path, out: Path, **options: object) -> Path:
    chosen = BuildOptions(only=BOOKLET_AND_PRESS_KIT, formats=frozenset({"pdf"}), jobs=1, **options)  # type: ignore[arg-type]
    return run_build(data, out, chosen).folder


def _name_layouts(data: Path, lines: str) -> None:
    edit(data / "event.yaml", "\nevent:\n", f"\nevent:\n  layouts:\n{lines}")


def test_the_command_line_can_change_one_products_layout(tmp_path: Path) -> None:
    folder = _build(sample_event(tmp_path / "e"), tmp_path / "out", layouts=(("booklet", "booklet-halfletter"),))
    assert _width_mm(folder / "programme-booklet.pdf") == 140  # half letter, 5.5 in
    assert _width_mm(folder / "press-kit.pdf") == 210  # the press kit keeps A4


def test_the_event_can_name_a_layout_per_product_and_the_command_line_still_wins(tmp_path: Path) -> None:
    data = sample_event(tmp_path / "e")
    _name_layouts(data, "    booklet: booklet-halfletter\n")
    assert _width_mm(_build(data, tmp_path / "a") / "programme-booklet.pdf") == 140
    folder = _build(data, tmp_path / "b", layouts=(("booklet", "booklet-a5"),))
    assert _width_mm(folder / "programme-booklet.pdf") == 148


def test_a_layout_folder_inside_the_event_folder_is_used(tmp_path: Path) -> None:
    data = sample_event(tmp_path / "e")
    (data / "looks" / "ours").mkdir(parents=True)
    (data / "looks" / "ours" / "layout.yaml").write_text(
        "name: ours\nextends: booklet-a5\npage:\n  size: A4\n", encoding="utf-8"
    )
    _name_layouts(data, "    booklet: looks/ours\n")
    assert _width_mm(_build(data, tmp_path / "out") / "programme-booklet.pdf") == 210


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("    bookelt: booklet-a5\n", "no product named `bookelt`"),
        ("    booklet: ../../elsewhere\n", "layout folder `../../elsewhere` is outside the event folder"),
        ("    booklet: no-such-layout\n", "no-such-layout"),
        ("    booklet: ..\n", "`..` is not a layout name"),  # never a folder above the working directory
    ],
)
def test_a_wrong_layout_in_the_data_is_a_located_problem_that_check_reports(
    tmp_path: Path, lines: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = sample_event(tmp_path / "e")
    _name_layouts(data, lines)
    with pytest.raises(UserError) as caught:
        _build(data, tmp_path / "out")
    assert any(message in p.message for p in caught.value.problems), caught.value.problems
    assert main(["check", str(data)]) == 1
    assert message in capsys.readouterr().err


def test_an_unknown_product_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["build", str(sample_event(tmp_path / "e")), "--layout", "bookelt=booklet-a5"]) == 2


def test_a_layout_named_by_the_data_cannot_extend_one_outside_its_folder(tmp_path: Path) -> None:
    data = sample_event(tmp_path / "e")
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "layout.yaml").write_text("name: secret\nextends: booklet-a5\n", encoding="utf-8")
    (data / "looks" / "ours").mkdir(parents=True)
    (data / "looks" / "ours" / "layout.yaml").write_text("name: ours\nextends: ../../secret\n", encoding="utf-8")
    _name_layouts(data, "    booklet: looks/ours\n")
    with pytest.raises(UserError, match="leads out of the folder holding the layout"):
        _build(data, tmp_path / "out")
