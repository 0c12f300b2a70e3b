"""Where a path of the loaded data (`("people", 3, "email")`) leads in the event model: the model
class it points into, for messages that list the keys allowed there and for setting invalid values
aside (`repair.py`)."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel


def model_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that a path inside `root` points to, following lists and optionals."""
    current: Any = root
    for part in loc:
        current = unwrap(current)
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = current.model_fields[part].annotation
    current = unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def unwrap(annotation: Any) -> Any:
    """Strip `list[...]`, `X | None` and `Annotated[...]` down to the inner type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation
