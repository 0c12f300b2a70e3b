"""The package: same input, same bytes; document properties; page setup; text that survives anything.

Byte-identical output lets a build tell "nothing changed" from "changed", and lets outputs be cached.
User text comes from spreadsheets and e-mails: markup characters, control characters and words longer
than a line must neither break the file nor change the text.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from briefpack.document.model import Document, Heading, Metadata, Paragraph, Run, Section, runs
from briefpack.errors import UserError
from briefpack.fonts import FontSet
from briefpack.layout.model import Layout
from briefpack.render.docx import render_docx
from briefpack.timestamps import zip_time
from render.docx.docx_parts import NS, Docx, paragraph_text, w
from render.samples import HOSTILE, every_block_document

HASH_SCRIPT = """
import hashlib, sys
sys.path.insert(0, "tests")
from briefpack.fonts import FontSet
from briefpack.layout.load import load_layout
from briefpack.render.docx import render_docx
from render.samples import every_block_document
layout = load_layout("report-a4")
data = render_docx(every_block_document(), layout, FontSet.from_roles(layout.fonts, None))
print(hashlib.sha256(data).hexdigest())
"""


def test_rendering_twice_gives_identical_bytes(every_block: Docx, layout: Layout, fonts: FontSet) -> None:
    assert render_docx(every_block_document(), layout, fonts) == every_block.data


def test_another_process_gives_identical_bytes(every_block: Docx) -> None:
    """A different hash seed reorders sets and dicts built from them: nothing may depend on that."""
    root = Path(__file__).parents[3]
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", HASH_SCRIPT], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == hashlib.sha256(every_block.data).hexdigest()


def test_zip_members_have_fixed_times_and_order(every_block: Docx) -> None:
    with zipfile.ZipFile(io.BytesIO(every_block.data)) as z:
        infos = z.infolist()
    assert {i.date_time for i in infos} == {zip_time()}  # SOURCE_DATE_EPOCH, else 2000-01-01 (test_hostile)
    names = [i.filename for i in infos]
    assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert names[2:] == sorted(names[2:])


def test_template_leftovers_are_gone(every_block: Docx) -> None:
    """No revision ids, no thumbnail of python-docx's sample, no stale Word 2010 style copy."""
    assert every_block.settings.find("w:rsids", NS) is None
    assert not any("thumbnail" in n or "stylesWithEffects" in n for n in every_block.members)
    assert b"<Application>briefpack</Application>" in every_block.members["docProps/app.xml"]


def test_core_properties_come_from_the_metadata(every_block: Docx) -> None:
    core = every_block.xml("docProps/core.xml")

    def value(tag: str) -> str | None:
        return core.findtext(tag, namespaces=NS)

    assert value("dc:title") == "Every block"
    assert value("dc:creator") == "briefpack tests"
    assert value("dc:subject") == "Renderer specification document"
    assert value("cp:keywords") == "test, scripts"
    assert value("dc:language") == "en"
    assert value("cp:lastModifiedBy") == "briefpack"
    assert value("cp:revision") == "1"
    assert value("dcterms:created") == value("dcterms:modified") == "2000-01-01T00:00:00Z"


def test_page_size_and_margins_come_from_the_layout(every_block: Docx) -> None:
    body = every_block.document.findall(".//w:pPr/w:sectPr", NS)[1]  # the second section: body pages
    size, margins = body.find("w:pgSz", NS), body.find("w:pgMar", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")  # A4
    mm = {k: round(int(margins.get(w(k))) * 25.4 / 1440, 1) for k in ("top", "bottom", "left", "right")}
    assert mm == {"top": 18, "bottom": 18, "left": 20, "right": 20}
    assert body.find("w:type", NS).get(w("val")) == "nextPage"


def test_facing_layouts_mirror_margins_and_running_heads(booklet: Docx) -> None:
    assert booklet.settings.find("w:mirrorMargins", NS) is not None
    assert booklet.settings.find("w:evenAndOddHeaders", NS) is not None
    body = booklet.document.findall(".//w:pPr/w:sectPr", NS)[1]
    assert (body.find("w:pgSz", NS).get(w("w")), body.find("w:pgSz", NS).get(w("h"))) == (
        "8391",
        "11906",
    )  # A5
    margins = body.find("w:pgMar", NS)
    assert (margins.get(w("left")), margins.get(w("right"))) == (
        str(round(17 * 1440 / 25.4)),
        str(round(13 * 1440 / 25.4)),
    )
    kinds = {ref.get(w("type")) for ref in body.iterfind("w:headerReference", NS)}
    assert kinds == {"default", "even"}
    heads = [paragraph_text(h) for h in booklet.headers().values()]
    assert "Renderer test\t1" in heads and "1\tRenderer test" in heads  # page number outside on both pages


def test_hostile_text_comes_back_literally(layout: Layout, fonts: FontSet) -> None:
    controls = "bell\x07 null\x00 escape\x1b form\x0c end"
    tricky = "Tab\tand line\nbreak, <w:t> & ]]> \U0001f600"
    document = Document(
        Metadata(title="AT&T <title> \x01", author='"Quoted" & <tagged>'),
        (
            Section(
                (
                    Heading(runs(HOSTILE), anchor="<&>"),
                    Paragraph(runs(controls)),
                    Paragraph(runs(tricky, Run("link", target="<&>"), Run("mail", link="mailto:a&b@example.org"))),
                )
            ),
        ),
    )
    data = render_docx(document, layout, fonts)
    read = docx.Document(io.BytesIO(data))  # parses: the XML is well formed
    texts = [p.text for p in read.paragraphs]
    assert texts[0] == HOSTILE
    assert texts[1] == "bell null escape form end"
    assert texts[2].startswith("Tab\tand line\nbreak, <w:t> & ]]> \U0001f600")
    assert read.core_properties.title == "AT&T <title> "
    assert read.core_properties.author == '"Quoted" & <tagged>'
    rels = Docx(data).relationships.values()
    assert "mailto:a&b@example.org" in {r.get("Target") for r in rels}


def test_unsafe_link_schemes_stay_plain_text(layout: Layout, fonts: FontSet) -> None:
    document = Document(Metadata(title="t"), (Section((Paragraph(runs(Run("click", link="javascript:alert(1)"))),)),))
    out = Docx(render_docx(document, layout, fonts))
    assert out.document.find(".//w:hyperlink", NS) is None
    assert paragraph_text(out.paragraph_with("click")) == "click"


def test_a_link_to_a_missing_anchor_is_a_bug_not_a_silent_dead_link(layout: Layout, fonts: FontSet) -> None:
    document = Document(Metadata(title="t"), (Section((Paragraph(runs(Run("x", target="nowhere"))),)),))
    with pytest.raises(ValueError, match="nowhere"):
        render_docx(document, layout, fonts)


def test_an_unknown_paragraph_style_is_a_layout_problem(layout: Layout, fonts: FontSet) -> None:
    document = Document(Metadata(title="t"), (Section((Paragraph(runs("x"), style="no-such-style"),)),))
    with pytest.raises(UserError, match="no-such-style"):
        render_docx(document, layout, fonts)


def test_an_empty_document_is_still_a_document(layout: Layout, fonts: FontSet) -> None:
    read = docx.Document(io.BytesIO(render_docx(Document(Metadata(title="Empty"), ()), layout, fonts)))
    assert len(read.sections) == 1


def test_metadata_of_a_big_event_is_cut_to_what_word_keeps(layout: Layout, fonts: FontSet) -> None:
    countries = tuple(f"Country {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(60))
    document = Document(
        Metadata(title="Forum " * 60, author="Organisers", keywords=countries),
        (Section((Paragraph(runs("Sixty delegations.")),)),),
    )
    read = docx.Document(io.BytesIO(render_docx(document, layout, fonts))).core_properties
    assert len(read.title) <= 255 and read.title.endswith(" Forum…")
    kept = read.keywords.split(", ")
    assert len(read.keywords) <= 255 and kept == list(countries[: len(kept)]) and len(kept) > 10
