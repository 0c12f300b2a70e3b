"""The data without its invalid values, so one `check` run can also cross-check everything else.

A bad e-mail address stops the event model from being built, and with it every cross-reference
check: an organiser would fix the address only to learn of a misspelt presenter id next. So after
field errors, the invalid values are set aside and the rest is validated and cross-checked too:

- an invalid optional value (an e-mail, a phone number, a website) is left out;
- an entry whose required value is invalid or missing (a person without a name, a session with a
  bad time) is left out whole, and references to its id are not reported as dangling: it exists,
  it is only broken;
- what cannot be left out (the event itself) means only the field problems are reported.

Leaving list entries out moves the ones after them; `ShiftedSource` maps the repaired data's paths
back to the organiser's files, so every problem still points at its own line.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from briefpack.errors import Location
from briefpack.load.yaml_source import SourceMap
from briefpack.model.paths import model_at

Path_ = tuple[str | int, ...]

#: The kind of id an entry of a section has, for references to entries that were left out.
_ENTRY_KINDS = {"people": "person", "organisations": "organisation", "countries": "country", "sessions": "session"}


@dataclass
class Repaired:
    data: dict[str, Any]
    source: SourceMap
    broken: dict[str, set[str]] = field(default_factory=dict)  # kind -> ids of entries left out


def without_invalid(
    raw: dict[str, Any], errors: Iterable[Path_], root: type[BaseModel], source: SourceMap
) -> Repaired | None:
    """`raw` without the values at `errors` (pydantic error locations), or None when an error lies
    outside any list entry and cannot be set aside."""
    data = copy.deepcopy(raw)
    drop_entries: dict[Path_, set[int]] = {}
    broken: dict[str, set[str]] = {}
    for loc in errors:
        if _drop_optional(data, loc, root):
            continue
        entry = _entry_of(data, loc)
        if entry is None:
            return None
        parent, index = entry
        drop_entries.setdefault(parent, set()).add(index)
        item = _at(data, (*parent, index))
        kind = _ENTRY_KINDS.get(str(parent[-1]))
        if kind and isinstance(item, dict):
            ident = item.get("code" if kind == "country" else "id")
            if isinstance(ident, str):
                broken.setdefault(kind, set()).add(ident)
    for parent in sorted(drop_entries, key=len, reverse=True):  # inner lists first: outer indices stay valid
        items = _at(data, parent)
        items[:] = [item for i, item in enumerate(items) if i not in drop_entries[parent]]
    return Repaired(data, ShiftedSource(source, drop_entries), broken)


def _at(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _drop_optional(data: dict[str, Any], loc: Path_, root: type[BaseModel]) -> bool:
    """Leave out an invalid value whose field may be absent; False when it is required or not a field."""
    if not loc or not isinstance(loc[-1], str):
        return False
    model = model_at(root, loc[:-1])
    info = model.model_fields.get(loc[-1]) if model else None
    if info is None or info.is_required():
        return False
    try:
        parent = _at(data, loc[:-1])
    except (KeyError, IndexError, TypeError):
        return False
    if not isinstance(parent, dict) or loc[-1] not in parent:
        return False
    del parent[loc[-1]]
    return True


def _entry_of(data: dict[str, Any], loc: Path_) -> tuple[Path_, int] | None:
    """The innermost list entry holding `loc`, as (the list's path, the entry's index)."""
    for end in range(len(loc), 0, -1):
        part = loc[end - 1]
        if not isinstance(part, int):
            continue
        try:
            holder = _at(data, loc[: end - 1])
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(holder, list) and 0 <= part < len(holder):
            return loc[: end - 1], part
    return None


class ShiftedSource(SourceMap):
    """A source map for data some list entries were taken out of: paths of the shortened lists are
    turned back into the paths of the files before lookup."""

    def __init__(self, source: SourceMap, dropped: dict[Path_, set[int]]) -> None:
        super().__init__(source.values, source.keys)
        self._dropped = {parent: sorted(indices) for parent, indices in dropped.items()}

    def _original(self, path: Path_) -> Path_:
        out: list[str | int] = []
        for part in path:
            dropped = self._dropped.get(tuple(out))
            if dropped and isinstance(part, int):
                for index in dropped:
                    if index <= part:
                        part += 1
            out.append(part)
        return tuple(out)

    def value(self, path: Path_) -> Location | None:
        return super().value(self._original(path))

    def key(self, path: Path_) -> Location | None:
        return super().key(self._original(path))
