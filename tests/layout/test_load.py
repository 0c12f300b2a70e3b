"""Loading a layout someone else wrote (issue 12): impossible geometry is a located message, never a
division by zero or a build that shrinks text forever."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefpack.errors import UserError
from briefpack.layout.load import load_layout

CASES = {
    "page: {size: [0, 0]}": "`page`: a page of 0 x 0 mm is too small",
    "page: {margins: {top: 150, bottom: 150}}": "`page`: the margins leave less than 20 mm of text area",
    "card_styles: {card: {width: 0}}": "`card_styles.card`: a card of 0 x 55 mm is too small",
    "card_styles: {card: {padding: 30}}": "`card_styles.card`: the padding (30 mm each side) leaves no room",
    "card_styles: {card: {shrink_step: 0.00001}}": "`shrink_step`",
}


@pytest.mark.parametrize("setting", list(CASES))
def test_impossible_geometry_is_a_message_at_its_line(tmp_path: Path, setting: str) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "layout.yaml").write_text(f"name: mine\nextends: report-a4\n{setting}\n", encoding="utf-8")
    with pytest.raises(UserError) as refused:
        load_layout(folder)
    [problem] = refused.value.problems
    assert CASES[setting] in problem.message
    assert problem.location is not None and problem.location.line == 3
    assert problem.location.file.endswith("layout.yaml")
