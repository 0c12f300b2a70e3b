"""Converting .docx files to PDF with LibreOffice headless, the way the tests judge what a reader sees.

Plain code (no fixtures); import as `from render.docx.libreoffice import convert_with_libreoffice`.

LibreOffice is slow to start (seconds), so callers convert every document they need in one `soffice`
run, with a fresh profile and with `XDG_DATA_HOME` pointing at a folder holding the FontSet's font
files (how LibreOffice finds the Noto fonts without installing them; DESIGN.md section 5).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from briefpack.fonts import FontSet
from render.docx.docx_parts import require_tool


def convert_with_libreoffice(documents: dict[str, bytes], fonts: FontSet | None, work: Path) -> dict[str, Path]:
    """name -> .docx bytes, converted in one `soffice` run in `work`; returns name -> PDF path.

    With `fonts` None, LibreOffice gets no font besides the system's (a reader's machine without the
    region's fonts: only what the documents embed can draw them). Fails (with LibreOffice's output)
    when any document did not convert.
    """
    soffice = require_tool("soffice")
    fonts_dir = work / "xdg" / "fonts"
    fonts_dir.mkdir(parents=True, exist_ok=True)
    for face in fonts.drawn() if fonts is not None else ():  # the faces the documents were rendered with
        target = fonts_dir / face.path.name
        if not target.exists():
            target.symlink_to(face.path)
    for name, data in documents.items():
        (work / f"{name}.docx").write_bytes(data)
    env = {**os.environ, "XDG_DATA_HOME": str(work / "xdg"), "HOME": str(work)}
    command = [
        soffice,
        f"-env:UserInstallation=file://{work}/profile",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(work),
        *(str(work / f"{name}.docx") for name in documents),
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    pdfs = {name: work / f"{name}.pdf" for name in documents}
    missing = [name for name, pdf in pdfs.items() if not pdf.is_file()]
    assert not missing, f"LibreOffice did not convert {missing}: {result.stdout}\n{result.stderr}"
    return pdfs
