"""Every script of the region, with the shipped layouts (issue 14): Myanmar, and Han text in the face of
its language (Traditional Chinese, Japanese, Korean names are not set in the Simplified face).

The sample event gains a Myanmar delegation and delegations whose heads write Traditional Chinese,
Japanese and Korean; the pack must build with the shipped layouts and no extra font, every name must
extract exactly from the PDFs, and each must be drawn, and tagged in DOCX, as its language wants.
"""

from __future__ import annotations

import io
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

from briefpack.assemble.context import BuildOptions
from briefpack.assemble.run import run_build
from conftest import require_tool
from eventdirs import sample_event
from render.pdf.pdf_reading import collapse, text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# (country code, English name, native name, language, head's name, head's native name, the face it needs)
NEWCOMERS = [
    ("MM", "Myanmar", "မြန်မာ", "my-MM", "Khin Myo Aye", "ခင်မျိုးအေး", "NotoSansMyanmar"),
    ("HK", "Hong Kong, China", "中國香港", "zh-HK", "Chan Mei Ling", "陳美玲", "NotoSansTC"),
    ("JP", "Japan", "日本", "ja-JP", "Yamada Hanako", "山田花子", "NotoSansJP"),
    ("KR", "Republic of Korea", "대한민국", "ko-KR", "Kim Min Ji", "김민지", "NotoSansKR"),
]


def _add(path: Path, section: str, entries: list[dict]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[section] += entries
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = sample_event(tmp_path_factory.mktemp("region") / "event")
    _add(
        data / "event.yaml",
        "countries",
        [{"code": c, "name": n, "native_name": nn, "language": lang} for c, n, nn, lang, *_ in NEWCOMERS],
    )
    people = [
        {"id": f"{c.lower()}-head", "name": name, "native_name": native, "country": c, "title": "Head of delegation"}
        for c, _, _, _, name, native, _ in NEWCOMERS
    ]
    _add(data / "people.yaml", "people", people)
    _add(
        data / "delegations.yaml",
        "delegations",
        [{"id": c.lower(), "country": c, "head": f"{c.lower()}-head"} for c, *_ in NEWCOMERS],
    )
    out = tmp_path_factory.mktemp("region-out")
    return run_build(data, out, BuildOptions(jobs=2, only=frozenset({"booklet", "packets"}))).folder


def _fonts(pdf: Path) -> str:
    return subprocess.run([require_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


@pytest.mark.parametrize(("country", "english", "native", "lang", "name", "own", "face"), NEWCOMERS)
def test_each_newcomer_packet_prints_its_names_in_their_own_face_and_they_extract_exactly(
    built: Path, country: str, english: str, native: str, lang: str, name: str, own: str, face: str
) -> None:
    slug = english.lower().replace(",", "").replace(" ", "-")
    pdf = built / "delegations" / slug / "briefing.pdf"
    extracted = _nfc(collapse(text(pdf)))
    for value in (native, own):
        assert _nfc(value) in extracted, value
    assert face in _fonts(pdf)
    assert "NotoSansSC" not in _fonts(pdf)  # the Simplified face draws none of them


@pytest.mark.parametrize(("country", "english", "native", "lang", "name", "own", "face"), NEWCOMERS)
def test_each_newcomer_docx_tags_its_names_with_their_language_and_face(
    built: Path, country: str, english: str, native: str, lang: str, name: str, own: str, face: str
) -> None:
    slug = english.lower().replace(",", "").replace(" ", "-")
    body = zipfile.ZipFile(io.BytesIO((built / "delegations" / slug / "briefing.docx").read_bytes()))
    root = etree.fromstring(body.read("word/document.xml"))
    runs = [r for r in root.iter(f"{{{W}}}r") if own in "".join(t.text or "" for t in r.iter(f"{{{W}}}t"))]
    assert runs, own
    for run in runs:
        fonts = run.find(f"{{{W}}}rPr/{{{W}}}rFonts")
        language = run.find(f"{{{W}}}rPr/{{{W}}}lang")
        family = face.replace("NotoSans", "Noto Sans ")
        assert family in {fonts.get(f"{{{W}}}eastAsia"), fonts.get(f"{{{W}}}cs")}
        assert lang in set(language.attrib.values())


def test_the_booklet_draws_every_newcomer_in_its_face(built: Path) -> None:
    pdf = built / "programme-booklet.pdf"
    extracted = _nfc(collapse(text(pdf)))
    fonts = _fonts(pdf)
    for *_, own, face in NEWCOMERS:
        assert _nfc(own) in extracted
        assert face in fonts


def test_a_myanmar_only_event_builds_every_product_with_the_shipped_layouts(tmp_path: Path) -> None:
    from eventdirs import starter_event

    data = starter_event(tmp_path / "event")
    for name in ("event.yaml", "people.yaml", "programme.yaml"):
        path = data / name
        text_ = path.read_text(encoding="utf-8").replace("LA", "MM").replace("Lao PDR", "Myanmar")
        text_ = text_.replace("ສ.ປ.ປ ລາວ", "မြန်မာ").replace("lo-LA", "my-MM").replace("[en, lo]", "[en, my]")
        path.write_text(text_.replace("ນາງ ຕົວຢ່າງ", "ဒေါ်ခင်မျိုးအေး").replace("- id: la", "- id: mm"), "utf-8")
    folder = run_build(data, tmp_path / "out", BuildOptions(jobs=2)).folder
    pdfs = sorted(folder.rglob("*.pdf"))
    assert len(pdfs) >= 5
    booklet = _nfc(collapse(text(folder / "programme-booklet.pdf")))
    assert _nfc("ဒေါ်ခင်မျိုးအေး") in booklet and _nfc("မြန်မာ") in booklet
    assert "NotoSansMyanmar" in _fonts(folder / "programme-booklet.pdf")
