"""Safe YAML reading that keeps the file, line and column of every key and value.

PyYAML's loaders throw positions away. Here the file is composed into nodes (safe tags only), and
the node tree is walked into plain Python data while a `SourceMap` records where each path came
from, so later stages can point at the exact value that is wrong.

The scalar rules are YAML 1.2's core schema rather than PyYAML's 1.1 defaults: `NO` (Norway) stays a
string, `10:30` stays a string instead of the sexagesimal integer 630.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefpack.errors import Location, Problem, UserError, display_path
from briefpack.untrusted import read_bytes

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 500_000
MAX_DEPTH = 32  # levels of nesting; real event data has about six

Path_ = tuple[str | int, ...]


class _CoreSchemaLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml parses ~10x faster
    """SafeLoader with YAML 1.2 core-schema implicit typing."""


_CoreSchemaLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+0123456789."),
    ),
    ("tag:yaml.org,2002:timestamp", r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$", list("0123456789")),
):
    _CoreSchemaLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of the loaded data was written."""

    values: dict[Path_, Location] = field(default_factory=dict)
    keys: dict[Path_, Location] = field(default_factory=dict)

    def value(self, path: Path_) -> Location | None:
        """The location of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return None

    def key(self, path: Path_) -> Location | None:
        return self.keys.get(path) or self.value(path)

    def update(self, other: SourceMap) -> None:
        self.values.update(other.values)
        self.keys.update(other.keys)


def _location(name: str, mark: yaml.Mark) -> Location:
    return Location(name, mark.line + 1, mark.column + 1)


def read_text(path: Path, inside: Path | None = None, limit: int = MAX_FILE_BYTES, kind: str = "data files") -> str:
    """Read a data file as UTF-8, refusing what cannot be one before YAML sees it.

    The file must be a regular file of at most `limit` bytes and, when `inside` is given, really be in
    that folder (see `briefpack.untrusted`): a link out of it is refused before anything is read."""
    name = display_path(path)
    raw = read_bytes(path, limit=limit, what="file", inside=inside, kind=kind)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise UserError(
            Problem(
                f"not UTF-8: byte 0x{raw[err.start]:02x} cannot start a character",
                Location(name, line, column),
                hint="save the file as UTF-8 (in most editors: Save As, encoding UTF-8)",
            )
        ) from None
    return text.removeprefix("\ufeff")


def load_yaml(path: Path, inside: Path | None = None, kind: str = "data files") -> tuple[Any, SourceMap]:
    """Load one YAML file into plain data plus its source map; raise `UserError` for anything malformed."""
    name = display_path(path)
    text = read_text(path, inside, kind=kind)
    if not text.strip() or all(line.lstrip().startswith("#") for line in text.splitlines() if line.strip()):
        raise UserError(Problem("file is empty", Location(name), hint="add its section, or delete the file"))
    _refuse_control_characters(name, text)
    loader = _CoreSchemaLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise UserError(Problem("file is empty", Location(name), hint="add its section, or delete the file"))
        return _Walker(name, loader).walk(node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or str(err)
        if err.context:
            problem = f"{err.context}, {problem}" if err.problem else err.context
        raise UserError(
            Problem(
                f"not valid YAML: {problem}",
                _location(name, mark) if mark else Location(name),
                hint="check indentation and quoting on this line or the one before it; "
                "text containing ': ' or starting with a symbol needs quotes",
            )
        ) from None
    except yaml.YAMLError as err:
        raise UserError(Problem(f"not valid YAML: {err}", Location(name))) from None
    except RecursionError:
        raise UserError(
            Problem(f"values nested more than {MAX_DEPTH} levels deep", Location(name), hint="check the brackets")
        ) from None
    finally:
        loader.dispose()


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _refuse_control_characters(name: str, text: str) -> None:
    """YAML forbids control characters; say where one is (an editor shows none of them)."""
    found = _CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        raise UserError(
            Problem(
                f"invisible control character U+{ord(found.group()):04X} in the text",
                Location(name, line, column),
                hint="delete it (it often comes from copying out of a PDF or a word processor)",
            )
        )


class _Walker:
    """Turns a composed node tree into data, counting nodes so alias bombs stop early."""

    def __init__(self, name: str, loader: _CoreSchemaLoader):
        self.name = name
        self.loader = loader
        self.map = SourceMap()
        self.count = 0

    def walk(self, node: yaml.Node) -> tuple[Any, SourceMap]:
        return self._value(node, ()), self.map

    def _value(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise UserError(
                Problem(
                    f"the file expands to more than {MAX_NODES:,} values",
                    _location(self.name, node.start_mark),
                    hint="this usually means YAML anchors and aliases (&name / *name) that multiply; "
                    "write the values out instead",
                )
            )
        where = self.map.values[path] = _location(self.name, node.start_mark)
        if len(path) > MAX_DEPTH:
            raise UserError(
                Problem(
                    f"values nested more than {MAX_DEPTH} levels deep",
                    where,
                    hint="event data is a few levels deep (days > sessions > presentations); check the brackets",
                )
            )
        if isinstance(node, yaml.MappingNode):
            return dict(self._items(node, path))
        if isinstance(node, yaml.SequenceNode):
            return [self._value(child, (*path, i)) for i, child in enumerate(node.value)]
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError) as err:  # 2007-02-30, a 5,000-digit number
            text = str(node.value)
            if text.isdigit():
                what = f"a number of {len(text):,} digits"
            elif "day" in str(err) or "month" in str(err):
                what = "a date that does not exist"
            else:
                what = "not a usable value"
            raise UserError(
                Problem(
                    f"`{text[:40]}{'…' if len(text) > 40 else ''}` is {what}",
                    where,
                    hint="check the value; quote it if it is meant as text",
                )
            ) from None

    def _items(self, node: yaml.MappingNode, path: Path_) -> Iterator[tuple[str, Any]]:
        self.loader.flatten_mapping(node)
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            where = _location(self.name, key_node.start_mark)
            if not isinstance(key, str):
                raise UserError(
                    Problem(
                        f"a key must be a name, not {type(key).__name__ if key is not None else 'empty'}",
                        where,
                        hint="keys are words such as `name:`; quote it if it is meant as text",
                    )
                )
            if key in seen:
                first = _location(self.name, seen[key].start_mark)
                raise UserError(
                    Problem(
                        f"key `{key}` appears twice in the same mapping (first at line {first.line})",
                        where,
                        hint="YAML keeps only the last one; remove or rename one of them",
                    )
                )
            seen[key] = key_node
            self.map.keys[(*path, key)] = where
            yield key, self._value(value_node, (*path, key))
