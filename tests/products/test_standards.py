"""Both sample events, in every shipped layout, as their receivers judge them (issue 15): every screen
PDF is tagged so that the `pdfua` checker finds nothing and its structure holds exactly the text
poppler extracts, in every script; the print edition is PDF/X for the printing condition of its
paper size, with no annotations and a page count a saddle stitch takes."""

from __future__ import annotations

import collections
import unicodedata
from pathlib import Path

import pikepdf
import pytest

from briefpack.assemble.context import BuildOptions
from briefpack.assemble.run import run_build
from briefpack.model.validate import load_event
from briefpack.render.pdf.standards import standard_problems
from eventdirs import SAMPLES
from render.pdf.pdf_reading import text
from render.pdf.tagged_reading import read_tagged

pytestmark = pytest.mark.slow

#: The shipped layouts, product by product: each sample is built in the defaults and in the US ones.
LAYOUTS = {
    "iso": (),
    "us": (("booklet", "booklet-halfletter"), ("press-kit", "report-letter"), ("packets", "report-letter")),
}
CONDITION = {"iso": "FOGRA39", "us": "CGATS21_CRPC6"}


@pytest.fixture(scope="module", params=[(s, k) for s in SAMPLES for k in LAYOUTS], ids=lambda p: f"{p[0].name}-{p[1]}")
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    sample, kind = request.param
    out = tmp_path_factory.mktemp(f"standards-{sample.name}-{kind}")
    options = BuildOptions(jobs=2, formats=frozenset({"pdf"}), layouts=LAYOUTS[kind], cards="all")
    return sample, run_build(sample, out, options).folder, kind


def _screen_pdfs(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*.pdf")) if not p.name.endswith(("-print.pdf", "-imposed.pdf"))]


def _words(value: str) -> collections.Counter[str]:
    """The words of a text. A lone hyphen is left out: poppler joins a hyphen that ends a line to
    the next line as a hyphenation and drops it, even when it stands alone ("school -")."""
    return collections.Counter(w for w in unicodedata.normalize("NFC", value).split() if w != "-")


def test_pdfua_finds_nothing_in_any_screen_edition(built) -> None:
    from pdfua import validate

    _, folder, _ = built
    for pdf in _screen_pdfs(folder):
        report = validate(str(pdf))
        assert not report.findings, (pdf.name, [str(f) for f in report.findings])
        assert not report.skipped, (pdf.name, report.skipped)  # every check ran (none gave up on the file)


def test_every_screen_edition_reads_in_its_structure_exactly_as_poppler_extracts_it(built) -> None:
    _, folder, _ = built
    for pdf in _screen_pdfs(folder):
        tagged = read_tagged(pdf)
        assert sum(p.unmarked_text + p.unmarked_paint for p in tagged.pages) == 0, pdf.name
        tree, artifacts = _words(tagged.tree_text), _words(tagged.artifact_text)
        assert tree + artifacts == _words(text(pdf)), pdf.name
        # Artifacts only repeat what is read elsewhere (running heads, repeated header rows), or are
        # page numbers: nothing a reader needs is hidden from assistive technology.
        read = {w.casefold() for w in tree}
        hidden = [w for w in artifacts if w.casefold() not in read and not w.isdigit()]
        assert not hidden, (pdf.name, hidden)
        assert standard_problems(pdf.read_bytes()) == [], pdf.name


def test_every_native_name_in_a_packet_is_read_in_its_own_language(built) -> None:
    sample, folder, _ = built
    data = load_event(sample).data
    natives = {unicodedata.normalize("NFC", p.native_name) for p in data.people if p.native_name}
    spans: dict[str, set[str]] = collections.defaultdict(set)
    for pdf in sorted((folder / "delegations").glob("*/briefing.pdf")):
        for page in read_tagged(pdf).pages:
            for lang, value in page.languages:
                spans[" ".join(unicodedata.normalize("NFC", value).split())].add(lang)
    found = natives & set(spans)
    assert len(found) >= len(natives) // 2, sorted(natives - found)
    for name in found:
        assert all(not lang.startswith("en") for lang in spans[name]), (name, spans[name])


def test_the_print_edition_is_pdfx_and_folds_into_a_booklet(built) -> None:
    _, folder, kind = built
    printed = folder / "programme-booklet-print.pdf"
    pdf = pikepdf.open(printed)
    assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-1a:2003"
    assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == CONDITION[kind]
    assert len(pdf.pages) % 4 == 0 and not any("/Annots" in p.obj for p in pdf.pages)
    assert all("/TrimBox" in p.obj and "/BleedBox" in p.obj for p in pdf.pages)
    assert standard_problems(printed.read_bytes()) == []
    assert len(pikepdf.open(folder / "programme-booklet-imposed.pdf").pages) % 2 == 0
    screen = pikepdf.open(folder / "programme-booklet.pdf")
    assert len(pdf.pages) - len(screen.pages) < 4  # padded with Notes pages, no more than needed
