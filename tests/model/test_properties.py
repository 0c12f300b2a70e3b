"""Whatever an organiser does to the files, loading ends in a valid event or in located user errors.

Hypothesis mutates the starter event (values replaced, keys removed or invented, raw text edited)
and checks that nothing but `UserError` escapes, and that every problem it reports has a location.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefpack.errors import UserError
from briefpack.model.validate import load_event
from eventdirs import starter_event

FILES = ["event.yaml", "people.yaml", "programme.yaml"]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = starter_event(tmp_path_factory.mktemp("starter") / "event")
    assert sorted(p.name for p in folder.glob("*.yaml")) == FILES
    return folder


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10_000),
    st.floats(allow_nan=False),
    st.dates().map(str),
    st.text(max_size=30),
    st.sampled_from(["", "AT&T <b>", "10:30", "NO", "host-org", "keynote-speaker", "LA", "x" * 300]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(node, dict):
        for key, child in node.items():
            found += _paths(child, (*path, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            found += _paths(child, (*path, i))
    return found


def _load_or_user_error(folder: Path) -> None:
    try:
        load_event(folder)
    except UserError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.location is not None, problem.render()
            assert problem.location.file.endswith(".yaml") or problem.location.file.endswith("event")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_values_give_user_errors_only(
    data: st.DataObject, template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("mut") / "event"
    shutil.copytree(template, folder)
    name = data.draw(st.sampled_from(FILES))
    tree = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(_paths(tree)[1:]))
    parent = tree
    for part in path[:-1]:
        parent = parent[part]
    action = data.draw(st.sampled_from(["replace", "delete", "add-key"]))
    if action == "replace":
        parent[path[-1]] = data.draw(values)
    elif action == "delete":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[data.draw(st.text(min_size=1, max_size=10))] = data.draw(values)
    (folder / name).write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    _load_or_user_error(folder)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_text_gives_user_errors_only(
    data: st.DataObject, template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("txt") / "event"
    shutil.copytree(template, folder)
    name = data.draw(st.sampled_from(FILES))
    raw = (folder / name).read_bytes()
    at = data.draw(st.integers(0, len(raw)))
    cut = data.draw(st.integers(0, 20))
    insert = data.draw(st.binary(max_size=12) | st.sampled_from([b"&a", b"*a", b": :", b"\t", b"- ", b"\xff", b"{"]))
    (folder / name).write_bytes(raw[:at] + insert + raw[at + cut :])
    _load_or_user_error(folder)
