"""Renderers as translators: one method per block type, registered per format.

A document format's renderer is a `Translator`: each of its methods marked `@translates(SomeBlock)`
turns that block type into the format's own objects (flowables, WordprocessingML elements). The
methods are found by block type, so there is no `if isinstance` ladder to forget a case in, and
`missing()` lets a test fail the day a block type is added to the model without a translation in
every format.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, get_args

from briefpack.document.model import Block

F = TypeVar("F", bound=Callable[..., Any])


def translates(block_type: type) -> Callable[[F], F]:
    """Mark a method as the translation of `block_type`."""

    def mark(method: F) -> F:
        method._translates = block_type  # type: ignore[attr-defined]
        return method

    return mark


class Translator:
    format: ClassVar[str]
    translations: ClassVar[dict[type, Callable[..., Any]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        table: dict[type, Callable[..., Any]] = {}
        for klass in reversed(cls.__mro__):
            for attribute in vars(klass).values():
                block_type = getattr(attribute, "_translates", None)
                if block_type is not None:
                    table[block_type] = attribute
        cls.translations = table

    def translate(self, block: Block, *args: Any) -> Any:
        method = self.translations.get(type(block))
        if method is None:
            raise TypeError(f"the {self.format} renderer has no translation for {type(block).__name__}")
        return method(self, block, *args)

    @classmethod
    def missing(cls) -> list[str]:
        """Block types of the document model this translator has no method for."""
        return [t.__name__ for t in get_args(Block) if t not in cls.translations]
