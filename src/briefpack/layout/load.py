"""Find, merge and validate layouts.

A layout is a folder with `layout.yaml` and optional `text/*.j2` fragments. `extends: NAME|PATH`
starts from another layout; mappings merge key by key (so overriding one style's size keeps its
other settings), everything else is replaced. Errors point at the file that gave the value.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from briefpack.errors import Location, Problem, UserError, display_path
from briefpack.layout.model import Layout
from briefpack.layout.profiles import read_output_profile
from briefpack.load.yaml_source import SourceMap, load_yaml, read_text

#: Where `_resolve` keeps the bytes of the ICC profile a layout names (read from that layout's folder).
_PROFILE = "_output_profile"

#: The shipped layouts: package data, so a wheel install has them (see pyproject.toml).
LAYOUTS_DIR = Path(__file__).resolve().parents[1] / "layouts"


def project_layouts() -> Path:
    """The project's own layouts (`layouts/` in the working directory): found before the shipped ones,
    so a project can restyle `report-a4` by keeping a folder of that name."""
    return Path.cwd() / "layouts"


MAX_DEPTH = 8
MAX_FRAGMENT_BYTES = 256 * 1024  # a text fragment is a sentence or a paragraph, never a book


def layout_names(search: Path = LAYOUTS_DIR) -> list[str]:
    return sorted(p.parent.name for p in search.glob("*/layout.yaml"))


def find_layout(name_or_path: str | Path, search: Path = LAYOUTS_DIR, base: Path | None = None) -> Path:
    """A layout folder from a path (absolute, or relative to `base`, the folder of the layout that
    names it), or a name: the project's `layouts/NAME`, then the shipped `search/NAME`."""
    candidate = Path(name_or_path)
    tried = [(base / candidate) if base else candidate]
    if candidate.name == str(name_or_path):  # a bare name, not a path
        tried += [project_layouts() / candidate, search / candidate]
    for folder in tried:
        if (folder / "layout.yaml").is_file():
            return folder.resolve()
    names = sorted({*layout_names(search), *layout_names(project_layouts())})
    raise UserError(
        Problem(
            f"layout `{name_or_path}` not found",
            Location(display_path(base or Path.cwd())),
            hint="use one of " + ", ".join(names) + ", or a path to a folder with a layout.yaml "
            f"(looked in {', '.join(display_path(t) for t in tried)})",
        )
    )


@cache
def load_layout(name_or_path: str | Path, search: Path = LAYOUTS_DIR) -> Layout:
    raw, source = _resolve(find_layout(name_or_path, search), search, ())
    raw.pop("extends", None)
    profile: bytes | None = raw.pop(_PROFILE, None)
    try:
        layout = Layout.model_validate(raw)
    except ValidationError as err:
        from briefpack.model.validate import pydantic_problems

        raise UserError(pydantic_problems(err, source, Layout)) from None
    layout._text_origins.update({name: loc for name in layout.text if (loc := source.value(("text", name)))})
    if layout.press.output_profile is None:
        profile = None  # a layout extending one with a profile may set it back to none
    elif layout.print_colour != "cmyk":
        raise UserError(
            Problem(
                "an output profile makes the print edition PDF/X-4, which needs CMYK colours",
                source.value(("press", "output_profile")),
                hint="set `print_colour: cmyk` (with a CMYK value for every colour), or remove `output_profile`",
            )
        )
    layout._output_profile = profile
    layout._fingerprint = _fingerprint({**raw, _PROFILE: hashlib.sha256(profile).hexdigest() if profile else None})
    problems = _check_references(layout, source)
    if problems:
        raise UserError(problems)
    return layout


def _resolve(folder: Path, search: Path, chain: tuple[Path, ...]) -> tuple[dict[str, Any], SourceMap]:
    path = folder / "layout.yaml"
    if folder in chain or len(chain) > MAX_DEPTH:
        raise UserError(
            Problem(
                "layouts extend each other in a loop: " + " -> ".join(p.name for p in (*chain, folder)),
                Location(display_path(path)),
                hint="remove one `extends:`",
            )
        )
    data, source = load_yaml(path, inside=folder, kind="layout files")
    if not isinstance(data, dict):
        raise UserError(Problem("a layout must be a mapping of settings", source.value(())))
    press = data.get("press")
    if isinstance(press, dict) and isinstance(press.get("output_profile"), str):
        where = source.value(("press", "output_profile"))
        data[_PROFILE] = read_output_profile(folder, press["output_profile"], where)  # from the folder naming it
    text = {
        p.stem: read_text(p, inside=folder, limit=MAX_FRAGMENT_BYTES, kind="text fragments")
        for p in sorted((folder / "text").glob("*.j2"))
    }
    for stem in text:
        source.values[("text", stem)] = Location(display_path(folder / "text" / f"{stem}.j2"), 1, 1)
    parent = data.get("extends")
    if parent is None:
        return {**data, "text": {**data.get("text", {}), **text}}, source
    if not isinstance(parent, str):
        raise UserError(Problem("`extends` must name a layout", source.value(("extends",))))
    found = find_layout(parent, search, base=folder.parent)
    shelf = (chain[0] if chain else folder).parent.resolve()  # the folder holding the first layout
    known = (search.resolve(), project_layouts().resolve())
    if not any(found.is_relative_to(top) for top in (shelf, *known)):
        raise UserError(
            Problem(
                f"`extends: {parent}` leads out of the folder holding the layout",
                source.value(("extends",)),
                hint="extend a layout by name (`extends: booklet-a5`), or one beside this layout",
            )
        )
    base_data, base_source = _resolve(found, search, (*chain, folder))
    merged = _merge(base_data, data)
    merged["text"] = {**base_data.get("text", {}), **data.get("text", {}), **text}
    base_source.update(source)
    return merged, base_source


def _fingerprint(merged: dict[str, Any]) -> str:
    """A digest of the resolved layout: every value that can change an output, whichever file it came from."""
    payload = json.dumps(merged, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _check_references(layout: Layout, source: SourceMap) -> list[Problem]:
    """Style names that point at colours and font roles must exist; print CMYK needs CMYK colours."""
    problems = []
    colours = set(layout.colours)

    def need_colour(name: str | None, path: tuple[str | int, ...]) -> None:
        if name is not None and name not in colours:
            problems.append(
                Problem(
                    f"no colour named `{name}`",
                    source.value(path),
                    hint="define it under `colours:` or use one of " + ", ".join(sorted(colours)),
                )
            )

    for name, style in layout.paragraph_styles.items():
        base = ("paragraph_styles", name)
        need_colour(style.colour, (*base, "colour"))
        need_colour(style.background, (*base, "background"))
        if style.font not in layout.fonts:
            problems.append(
                Problem(
                    f"no font role named `{style.font}`",
                    source.value((*base, "font")),
                    hint="font roles are defined under `fonts:`: " + ", ".join(sorted(layout.fonts)),
                )
            )
    for name, char in layout.character_styles.items():
        need_colour(char.colour, ("character_styles", name, "colour"))
        need_colour(char.background, ("character_styles", name, "background"))
    for name, table in layout.table_styles.items():
        for attr in ("header_background", "rule", "highlight_background", "zebra"):
            need_colour(getattr(table, attr), ("table_styles", name, attr))
        for attr in ("header_style", "body_style"):
            if getattr(table, attr) not in layout.paragraph_styles:
                problems.append(
                    Problem(
                        f"no paragraph style named `{getattr(table, attr)}`",
                        source.value(("table_styles", name, attr)),
                    )
                )
    if layout.print_colour == "cmyk":
        for name, colour in layout.colours.items():
            if colour.cmyk is None:
                problems.append(
                    Problem(
                        f"colour `{name}` has no CMYK value, but this layout prints in CMYK",
                        source.value(("colours", name)),
                        expected="cmyk: [C, M, Y, K] in percent, e.g. [100, 45, 0, 30]",
                        hint="add a `cmyk` value, or set `print_colour: rgb`",
                    )
                )
    return problems
