"""What every product of one build shares: the validated event, options, layouts and fonts."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from briefpack.errors import Problem, UserError
from briefpack.fonts.resolver import FontSet
from briefpack.layout.load import load_layout
from briefpack.layout.model import Layout
from briefpack.model.catalogue import Catalogue
from briefpack.model.texts import iter_texts
from briefpack.model.validate import LoadedEvent

FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class BuildOptions:
    layout: str | None = None  # overrides every product's default layout
    reference_docx: Path | None = None
    only: frozenset[str] = frozenset()  # product names; empty means all
    formats: frozenset[str] = frozenset(FORMATS)
    project_fonts: Path | None = field(default_factory=lambda: Path.cwd() / "fonts")

    def wants(self, product: str) -> bool:
        return not self.only or product in self.only


class BuildContext:
    def __init__(self, loaded: LoadedEvent, options: BuildOptions):
        self.loaded = loaded
        self.data = loaded.data
        self.options = options
        self.notes: list[str] = []

    @cached_property
    def catalogue(self) -> Catalogue:
        return Catalogue(self.data)

    def layout(self, default: str) -> Layout:
        return load_layout(self.options.layout or default)

    def fonts(self, layout: Layout) -> FontSet:
        return FontSet.from_roles(layout.fonts, self.options.project_fonts)

    def check_fonts(self, layout_names: tuple[str, ...] = ("base",)) -> None:
        """Fail before rendering if any character of the data has no font: blank boxes are worse than an error."""
        problems = []
        for name in layout_names:
            fonts = self.fonts(self.layout(name))
            for path, text in iter_texts(self.data):
                missing = fonts.uncovered(text)
                if missing:
                    shown = ", ".join(f"U+{ord(ch):04X} {ch!r}" for ch in missing)
                    problems.append(
                        Problem(
                            f"no font covers {shown} in `{text[:60]}`",
                            self.loaded.source.value(path),
                            hint="install a font for this script (e.g. a `fontpkg-noto-sans-*` package, or a .ttf "
                            "in the project's fonts/ folder) and add its family to the layout's `fonts:` chains",
                        )
                    )
        if problems:
            raise UserError(problems)
