"""The products a pack is made of, and the outputs each one plans for a build."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from briefpack.build.context import BuildContext


@dataclass(frozen=True)
class Output:
    """One file of the pack: where it goes (relative to the event's folder) and how to make it."""

    path: str
    product: str
    format: str
    render: Callable[[], bytes]


class Product(Protocol):
    name: str

    def outputs(self, context: BuildContext) -> list[Output]: ...


PRODUCTS: list[Product] = []
