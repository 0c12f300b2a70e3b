"""Every piece of user text in an event, with its path: what the font check and script summary read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

Path_ = tuple[str | int, ...]


def iter_texts(data: BaseModel) -> Iterator[tuple[Path_, str]]:
    yield from _walk(data.model_dump(mode="python", exclude_none=True), ())


def _walk(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _walk(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _walk(child, (*path, i))
