"""Run a build: validate, plan every output, render them all, and only then write them.

Rendering everything before writing anything means a build that fails (bad data, a text no font
covers, a card that cannot fit) leaves the previous good pack exactly as it was. Each file is then
written atomically, so even a kill during the write phase leaves whole files only.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from briefpack import __version__
from briefpack.build.atomic import remove_stale_temporaries, write_atomic
from briefpack.build.context import BuildContext, BuildOptions
from briefpack.build.products import PRODUCTS, Output
from briefpack.errors import display_path
from briefpack.model.validate import load_event


@dataclass
class BuildResult:
    folder: Path
    written: list[tuple[Output, bytes]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary_lines(self) -> list[str]:
        lines = [f"built {len(self.written)} file(s) into {display_path(self.folder)} in {self.seconds:.2f} s"]
        lines += [f"  {output.path}  ({len(data) / 1024:.0f} KiB)" for output, data in self.written]
        lines += [f"note: {note}" for note in self.notes]
        return lines


def run_build(data_dir: Path, out_dir: Path, options: BuildOptions | None = None) -> BuildResult:
    started = time.perf_counter()
    options = options or BuildOptions()
    loaded = load_event(data_dir)
    context = BuildContext(loaded, options)
    context.check_fonts()
    folder = out_dir / loaded.data.event.id
    outputs = [output for product in PRODUCTS if options.wants(product.name) for output in product.outputs(context)]
    rendered = [(output, output.render()) for output in outputs]
    remove_stale_temporaries(folder)
    for output, data in rendered:
        write_atomic(folder / output.path, data)
    write_atomic(folder / "manifest.json", _manifest(loaded.folder, rendered))
    result = BuildResult(folder, rendered, context.notes)
    result.seconds = time.perf_counter() - started
    return result


def _manifest(data_dir: Path, rendered: list[tuple[Output, bytes]]) -> bytes:
    inputs = sorted(p for p in data_dir.iterdir() if p.is_file() and p.suffix in {".yaml", ".yml"})
    manifest = {
        "briefpack": __version__,
        "inputs": {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs},
        "outputs": [
            {
                "path": output.path,
                "product": output.product,
                "format": output.format,
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
            for output, data in rendered
        ],
    }
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
