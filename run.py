#!/usr/bin/env python3
"""One entry point for a fresh checkout: set up a private environment, then build or test.

    python3 run.py pack     # build the sample events' whole packs into out/
    python3 run.py test     # ruff check, ruff format --check, then the test suite

Needs only Python 3.11+ and network access to PyPI; no root. The environment lives in
`.venv/` and is refreshed whenever `pyproject.toml` changes, so the two commands stay
correct as dependencies are added.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".briefpack-installed"
SAMPLES = ROOT / "data"  # every folder in it is an event: the Mekong forum 2007 and the Bangkok consultation 2026


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _ensure_env() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py itself must start on an older Python to say so
        sys.exit(f"briefpack needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    python = _venv_python()
    if python.exists() and STAMP.exists() and STAMP.read_text() == want:
        return python
    if not python.exists():
        print("run.py: creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("run.py: installing briefpack and its test tools into .venv ...", flush=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f"{ROOT}[test]"],
        check=True,
    )
    STAMP.write_text(want)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"pack", "test", "briefpack"}:
        print(__doc__)
        return 2
    python = _ensure_env()
    command, rest = argv[0], argv[1:]
    if command == "pack":
        for event in sorted(p for p in SAMPLES.iterdir() if p.is_dir()):
            built = subprocess.run(
                [str(python), "-m", "briefpack", "build", str(event), "-o", str(ROOT / "out"), *rest]
            )
            if built.returncode:
                return built.returncode
        return 0
    elif command == "test":
        if not rest:  # the whole suite: the house rules first, in seconds (CI fails on either)
            for rule in (["check"], ["format", "--check"]):
                lint = subprocess.run([str(python), "-m", "ruff", *rule, "src", "tests", "bench", "run.py"], cwd=ROOT)
                if lint.returncode:
                    return lint.returncode
        args = [str(python), "-m", "pytest", *rest]
    else:
        args = [str(python), "-m", "briefpack", *rest]
    return subprocess.run(args, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
