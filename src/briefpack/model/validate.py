"""Turn loaded data into an `EventData`, or into problems pinned to lines an organiser can fix.

Pydantic does the type checking; this module translates its errors into plain sentences with the
expected form and a hint, using the `SourceMap` to find the line. Cross-reference checks follow in
`checks.py`; both run on every load so that one run reports everything.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from briefpack.errors import Problem, UserError
from briefpack.load.folder import load_folder
from briefpack.load.yaml_source import SourceMap
from briefpack.model.checks import cross_check
from briefpack.model.event import COUNTRY_PATTERN, SLUG_PATTERN, EventData
from briefpack.model.paths import model_at
from briefpack.model.repair import without_invalid

_PATTERN_NAMES = {
    SLUG_PATTERN: ("not a valid id", "lowercase letters, digits and hyphens, e.g. `vn-womens-union`"),
    COUNTRY_PATTERN: ("not a country code", "two capital letters (ISO 3166-1), e.g. `VN`"),
}
_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "list_type": "a list (lines starting with `- `)",
    "model_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "date_type": "a date such as 2007-07-12",
    "date_from_datetime_parsing": "a date such as 2007-07-12",
    "date_parsing": "a date such as 2007-07-12",
    "time_type": 'a time such as "09:30" (quoted)',
    "time_parsing": 'a time such as "09:30" (quoted)',
    "bool_type": "true or false",
}


@dataclass(frozen=True)
class LoadedEvent:
    """A validated event with the source map that locates its values (for later, render-time checks)."""

    data: EventData
    source: SourceMap
    folder: Path


@dataclass(frozen=True)
class Inspection:
    """What a look at an event folder found: every problem, and the data that validated, with any
    invalid values left out (None when nothing could be; see `repair.py`), located by `source`."""

    data: EventData | None
    source: SourceMap
    folder: Path
    problems: list[Problem]


def inspect_event(folder: Path) -> Inspection:
    """Every problem of an event folder at once: field problems, then the cross-reference and timing
    problems of the rest of the data. (A file that cannot be read or parsed raises `UserError`.)"""
    raw, source, cells = load_folder(folder)
    data, source, problems = _inspect(raw, source)
    return Inspection(data, source, folder, cells + problems)


def load_event(folder: Path) -> LoadedEvent:
    """Load, validate and cross-check an event folder; raise `UserError` listing every problem."""
    found = inspect_event(folder)
    if found.problems or found.data is None:
        raise UserError(found.problems)
    return LoadedEvent(found.data, found.source, folder)


def validate(raw: dict[str, Any], source: SourceMap) -> EventData:
    data, _, problems = _inspect(raw, source)
    if problems or data is None:
        raise UserError(problems)
    return data


def _inspect(raw: dict[str, Any], source: SourceMap) -> tuple[EventData | None, SourceMap, list[Problem]]:
    try:
        data = EventData.model_validate(raw)
    except ValidationError as err:
        problems = pydantic_problems(err, source, EventData)
        repaired = without_invalid(raw, (tuple(e["loc"]) for e in err.errors()), EventData, source)
        if repaired is None:
            return None, source, problems
        try:
            rest = EventData.model_validate(repaired.data)
        except ValidationError:  # leaving entries out broke something else: the field problems alone
            return None, source, problems
        return rest, repaired.source, problems + cross_check(rest, repaired.source, broken=repaired.broken)
    return data, source, cross_check(data, source)


def pydantic_problems(err: ValidationError, source: SourceMap, root: type[BaseModel]) -> list[Problem]:
    """Pydantic's errors as located problems; shared by event data and layouts."""
    problems = []
    for item in err.errors(include_url=False):
        loc = tuple(item["loc"])
        problems.append(_problem(item, loc, source, root))
    return problems


def _problem(item: Any, loc: tuple[str | int, ...], source: SourceMap, root: type[BaseModel]) -> Problem:
    kind: str = item["type"]
    value = item.get("input")
    field = loc[-1] if loc else ""
    if kind == "missing":
        parent = loc[:-1]
        return Problem(
            f"missing required key `{field}`" + (f" in `{_dotted(parent)}`" if parent else ""),
            source.value(parent),
            expected=_description(root, loc),
            hint=f"add `{field}:` here",
        )
    if kind == "extra_forbidden":
        allowed = sorted(_fields_at(root, loc[:-1]))
        close = difflib.get_close_matches(str(field), allowed, n=1, cutoff=0.6)
        return Problem(
            f"unknown key `{field}`",
            source.key(loc),
            expected="one of " + ", ".join(f"`{name}`" for name in allowed),
            hint=f"did you mean `{close[0]}`?" if close else "remove it, or check its indentation",
        )
    where = source.value(loc)
    shown = _shown(value)
    if kind == "string_pattern_mismatch":
        pattern = item.get("ctx", {}).get("pattern", "")
        what, expected = _PATTERN_NAMES.get(pattern, ("not in the expected form", f"text matching {pattern}"))
        return Problem(f"{shown} is {what}", where, expected=expected)
    if kind == "literal_error":
        choices = [c.strip().strip("'") for c in item["ctx"]["expected"].replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
        return Problem(
            f"{shown} is not an allowed value for `{field}`",
            where,
            expected="one of " + ", ".join(f"`{c}`" for c in choices),
            hint=f"did you mean `{close[0]}`?" if close else None,
        )
    if kind == "value_error":
        reason = str(item.get("ctx", {}).get("error", item["msg"]))
        if isinstance(value, dict):  # a check of a whole mapping (a page, a card style): its reason says it all
            return Problem(f"`{_dotted(loc)}`: {reason}", where)
        return Problem(f"{shown} is {reason}", where, expected=_description(root, loc))
    if kind in _TYPE_WORDS:
        hint = None
        if kind.startswith("time") and isinstance(value, int):
            hint = 'write times in quotes, e.g. "10:30"'
        return Problem(f"{shown} is not {_TYPE_WORDS[kind]}", where, expected=_TYPE_WORDS[kind], hint=hint)
    if kind == "string_too_short":
        return Problem(f"`{field}` is empty", where, hint="give it a value, or remove the key")
    if kind == "string_too_long":
        return Problem(
            f"`{field}` is {len(value):,} characters long; at most {item['ctx']['max_length']:,} are allowed here",
            where,
            hint="no real event needs this much here: check that it is the text you meant",
        )
    if kind == "too_short":
        return Problem(f"`{field}` needs at least {item['ctx']['min_length']} entry", where)
    return Problem(f"`{field}`: {item['msg']} (got {shown})", where, expected=_description(root, loc))


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    text = "".join(ch if ch.isprintable() or ch == " " else f"\\x{ord(ch):02x}" for ch in str(value)[:61])
    return f"`{text[:60]}…`" if len(text) > 60 else f"`{text}`"


def _dotted(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _fields_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    model = model_at(root, loc)
    return list(model.model_fields) if model else []


def _description(root: type[BaseModel], loc: tuple[str | int, ...]) -> str | None:
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return None
    parent = model_at(root, loc[: max(i for i, p in enumerate(loc) if isinstance(p, str))])
    field = parent.model_fields.get(names[-1]) if parent else None
    return field.description if field else None
