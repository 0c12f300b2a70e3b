"""Layout text fragments: sandboxed, and bounded in time, size and reach (issue 12).

Each hostile fragment must end, quickly, with a message at the fragment's own file and line.
"""

from __future__ import annotations

import time

import pytest

from briefpack.errors import UserError
from briefpack.layout.load import load_layout
from briefpack.layout.model import Layout
from briefpack.layout.text import Fragments

HOSTILE = {
    "nested loops": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "range()"),
    "loops within range": ("{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}", "ran for"),
    "memory bomb": ("{{ ('a'*10**10)|length }}", "a text or list of 10,000,000,000 items"),
    "huge power": ("{{ 7 ** 100000 }}", "a power"),
    "include": ("{% include 'secrets.txt' %}", "`include`, `import` and `extends` are not available"),
    "import": ("{% import 'x' as y %}{{ y }}", "`include`, `import` and `extends` are not available"),
    "division by zero": ("line one\n{{ 1/0 }}", "ZeroDivisionError"),
    "filter on the wrong type": ("{{ 3|date }}", "AttributeError"),
    "recursion": ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}", "RecursionError"),
    "endless text": ("{% for i in range(9000) %}{{ 'x' * 100 }}{% endfor %}", "more than 200,000 characters"),
    "python internals": ("{{ ''.__class__.__mro__ }}", "not allowed in a layout fragment"),
}


@pytest.fixture(scope="module")
def base() -> Layout:
    return load_layout("base")


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_fragment_ends_quickly_with_a_located_message(base: Layout, case: str) -> None:
    template, expected = HOSTILE[case]
    layout = base.model_copy(update={"text": {**base.text, "cards_title": template}})
    layout._text_origins.update(base.text_origins)
    started = time.monotonic()
    with pytest.raises(UserError) as stopped:
        Fragments(layout).render("cards_title")
    assert time.monotonic() - started < 10
    [problem] = stopped.value.problems
    assert expected in problem.message and "`cards_title`" in problem.message
    assert problem.location is not None and problem.location.file.endswith("cards_title.j2")


def _event(**fields: str) -> dict:
    """An event as fragments see it: the validated model, dumped (derived fields such as `full_name` included)."""
    from briefpack.model.event import Event

    base = {
        "id": "forum",
        "start_date": "2026-01-05",
        "end_date": "2026-01-06",
        "city": "Hanoi",
        "country": "VN",
        "host": "h",
    }
    return Event.model_validate({**base, **fields}).model_dump()


def test_an_ordinary_fragment_still_renders(base: Layout) -> None:
    assert (
        Fragments(base).render("cards_title", event=_event(name="Forum", edition="2026"))
        == "Contact cards · Forum 2026"
    )
