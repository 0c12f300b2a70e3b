"""Shared test helpers (import as `from conftest import require_tool`; tests/ is on the path).

Real tools judge the outputs (poppler, qpdf, LibreOffice, zbar). On a developer machine without one
of them the tests that need it skip; under CI (env CI set) a missing tool is a failure, because CI
installs them all and a skip there would hide a broken install step.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


def require_tool(name: str) -> str:
    """The path of an external tool; skip (or, under CI, fail) when it is not installed."""
    path = shutil.which(name)
    if path:
        return path
    message = f"`{name}` is not installed (see .ci/run for the Debian package)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def require_file(path: Path, package: str) -> Path:
    """A file a Debian package installs (a test fixture briefpack cannot ship); skip, or under CI fail."""
    if path.is_file():
        return path
    message = f"{path} is missing: install the Debian package `{package}` (see .ci/run)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden files from the current output, then review",
    )
