"""Whatever a layout's author (or a layout shared by someone else) holds, building ends in a pack or in
the project's own user errors: never a traceback (issue 12).

Hypothesis mutates a layout that extends `report-a4` (values replaced, keys invented, fragments
rewritten), loads it, and renders a small document with cards to PDF and DOCX with it.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from briefpack.document.contacts import Contact, Localised
from briefpack.document.model import (
    Card,
    CardGrid,
    Document,
    Heading,
    Metadata,
    Paragraph,
    Row,
    Section,
    Table,
    TableOfContents,
    cell,
    runs,
)
from briefpack.errors import UserError
from briefpack.fonts import FontSet
from briefpack.layout.load import load_layout
from briefpack.layout.text import Fragments
from briefpack.render.docx import render_docx
from briefpack.render.pdf.renderer import render_pdf

pytestmark = pytest.mark.slow

SETTINGS = {
    "page": {"size": "A5", "margins": {"top": 18, "bottom": 18, "left": 20, "right": 20}, "bleed": 3},
    "paragraph_styles": {"body": {"size": 10, "leading": 14}, "heading1": {"size": 18, "colour": "accent"}},
    "character_styles": {"strong": {"bold": True, "size": 12}},
    "table_styles": {"table": {"padding": 1.5, "rule_width": 0.5}},
    "card_styles": {"card": {"width": 85, "height": 55, "qr_size": 18, "min_font_size": 6, "shrink_step": 0.5}},
    "colours": {"accent": {"cmyk": [100, 45, 0, 30], "rgb": "#0b5d99"}},
    "text": {"cards_title": "Cards · {{ event.name }}"},
}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5000),
    st.floats(allow_nan=False, allow_infinity=True, width=32),
    st.text(max_size=20),
    st.sampled_from(
        ["", "A4", "Letter", "heading", "ink", "missing-colour", "#zzzzzz", "{{ 1/0 }}", "{% include 'x' %}", "x" * 200]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, child in node.items():
            found += _paths(child, (*path, key))
    return found


PATHS = _paths(SETTINGS)
DOCUMENT = Document(
    Metadata("layout property test"),
    (
        Section((TableOfContents("Contents"), Heading(runs("A heading"), 1), Paragraph(runs("Some body text.")))),
        Section(
            (Table((1, 2), (Row((cell("Head"), cell("x"))),), tuple(Row((cell("a"), cell("b"))) for _ in range(5))),)
        ),
        Section(
            (
                CardGrid(
                    (Card((Paragraph(runs("Name"), style="card-name"),), Contact("urn:uuid:0", (Localised("Name"),))),)
                ),
            ),
            "cards",
        ),
    ),
)
_counter = itertools.count()


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet.from_roles(load_layout("report-a4").fonts, None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(PATHS), value=values)
def test_a_mutated_layout_builds_or_gives_user_errors(
    tmp_path_factory: pytest.TempPathFactory, fonts: FontSet, path: tuple, value: Any
) -> None:
    folder = tmp_path_factory.mktemp(f"layout{next(_counter)}")
    settings_ = yaml.safe_load(yaml.safe_dump(SETTINGS))
    node = settings_
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    text = settings_.pop("text")
    (folder / "text").mkdir()
    for name, fragment in text.items() if isinstance(text, dict) else []:
        if isinstance(name, str) and name.isidentifier():
            (folder / "text" / f"{name}.j2").write_text(str(fragment), encoding="utf-8")
    (folder / "layout.yaml").write_text(
        yaml.safe_dump({"name": "mutant", "extends": "report-a4", **settings_}), encoding="utf-8"
    )
    try:
        layout = load_layout(folder)
        Fragments(layout).render("cards_title", event={"name": "Forum", "edition": None})
        render_pdf(DOCUMENT, layout, fonts)
        render_pdf(DOCUMENT, layout, fonts, print_ready=True)
        render_docx(DOCUMENT, layout, fonts)
        event("rendered")
    except UserError as err:
        event("user error")
        assert all(p.message for p in err.problems)
