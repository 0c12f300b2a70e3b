"""Runs: every script in a run of its own, marked so Word and LibreOffice pick the intended font.

Setting only a font name lets LibreOffice substitute fonts that break Lao marks and Khmer coengs, so
each run names its face in all four `w:rFonts` slots and says what script and language it holds.
"""

from __future__ import annotations

import pytest

from briefpack.fonts import Script
from briefpack.render.docx.runs import language_attrs
from render.docx.docx_parts import NS, Docx, runs_with, w
from render.samples import SCRIPT_LINES

SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def only_run(every_block: Docx, text: str) -> tuple:
    paragraph = every_block.paragraph_with(text)
    (run,) = runs_with(paragraph, text)
    return run, run.find("w:rPr", NS)


@pytest.mark.parametrize(
    ("line", "family", "language"),
    [
        ("thai", "Noto Sans Thai", "th-TH"),
        ("lao", "Noto Sans Lao", "lo-LA"),
        ("khmer", "Noto Sans Khmer", "km-KH"),
    ],
)
def test_thai_lao_and_khmer_runs_are_complex_script_runs_in_their_noto_face(
    every_block: Docx, line: str, family: str, language: str
) -> None:
    _, rpr = only_run(every_block, SCRIPT_LINES[line])
    fonts = rpr.find("w:rFonts", NS)
    assert [fonts.get(w(slot)) for slot in SLOTS] == [family] * 4
    assert fonts.get(w("hint")) == "cs"
    assert rpr.find("w:cs", NS) is not None
    assert rpr.find("w:szCs", NS).get(w("val")) == "20"  # the body style's 10 pt, restated for cs text
    assert rpr.find("w:lang", NS).get(w("bidi")) == language


def test_chinese_runs_are_east_asian_runs_in_noto_sans_sc(every_block: Docx) -> None:
    _, rpr = only_run(every_block, SCRIPT_LINES["chinese"])
    fonts = rpr.find("w:rFonts", NS)
    assert [fonts.get(w(slot)) for slot in SLOTS] == ["Noto Sans SC"] * 4
    assert fonts.get(w("hint")) == "eastAsia"
    assert rpr.find("w:lang", NS).get(w("eastAsia")) == "zh-CN"
    assert rpr.find("w:cs", NS) is None


def test_vietnamese_is_a_latin_run_in_the_document_language(every_block: Docx) -> None:
    _, rpr = only_run(every_block, SCRIPT_LINES["vietnamese"])
    fonts = rpr.find("w:rFonts", NS)
    assert [fonts.get(w(slot)) for slot in SLOTS] == ["Noto Sans"] * 4
    assert fonts.get(w("hint")) is None
    assert rpr.find("w:lang", NS).get(w("val")) == "en"


def test_a_mixed_line_is_cut_into_one_run_per_script(every_block: Docx) -> None:
    paragraph = every_block.paragraph_with("Dương Thị Xuân (")
    families = [r.find("w:rPr/w:rFonts", NS).get(w("ascii")) for r in paragraph.iterfind("w:r", NS)]
    assert families == ["Noto Sans", "Noto Sans SC", "Noto Sans Thai", "Noto Sans Lao", "Noto Sans Khmer"]
    joined = "".join(t.text for t in paragraph.iterfind(".//w:t", NS))
    assert joined == SCRIPT_LINES["mixed"]


def test_a_runs_own_language_tags_it(every_block: Docx) -> None:
    """`Run(..., lang="lo-LA")` inside an English list item keeps its language."""
    paragraph = every_block.paragraph_with("second aim")
    (lao,) = runs_with(paragraph, "ສະຫະພັນ")
    assert lao.find("w:rPr/w:lang", NS).get(w("bidi")) == "lo-LA"


def test_bold_complex_script_text_is_bold_for_cs_too(script_probes: dict[str, Docx]) -> None:
    """Word draws Thai with the cs properties: a bold Thai run needs `w:bCs`, not only the style's `w:b`."""
    script_probe = script_probes["thai-bold"]
    paragraph = script_probe.paragraphs()[0]
    rpr = paragraph.find("w:r/w:rPr", NS)
    assert rpr.find("w:rStyle", NS).get(w("val")) == "Strong"
    assert rpr.find("w:bCs", NS) is not None
    strong = script_probe.style("Strong").find("w:rPr", NS)
    assert strong.find("w:b", NS) is not None and strong.find("w:bCs", NS) is not None


@pytest.mark.parametrize(
    ("script", "run_lang", "expected"),
    [
        (Script.THAI, None, {"w:bidi": "th-TH"}),
        (Script.KHMER, "km", {"w:bidi": "km"}),
        (Script.KHMER, "en", {"w:bidi": "km-KH"}),  # a tag of another language does not fit the script
        (Script.HAN, "zh-TW", {"w:eastAsia": "zh-TW"}),
        (Script.HAN, None, {"w:eastAsia": "zh-CN"}),
        (Script.LATIN, "vi", {"w:val": "vi"}),
        (Script.COMMON, None, {"w:val": "en"}),
    ],
)
def test_language_attributes_by_script(script: Script, run_lang: str | None, expected: dict[str, str]) -> None:
    assert language_attrs(script, run_lang, "en") == expected
