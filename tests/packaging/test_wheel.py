"""The package installs whole (issue 13): a wheel, installed into a fresh environment, builds the sample
and a `briefpack new` event from another folder, with the shipped layouts found inside the package."""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from briefpack.layout.load import LAYOUTS_DIR
from eventdirs import ROOT, SAMPLE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `briefpack` command of a fresh venv holding only the wheel; its dependencies come from this
    environment's site-packages through a .pth file (no network, no second download of reportlab)."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", "out", ".git", "__pycache__", "*.egg-info"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(work), str(src)],
        check=True,
        capture_output=True,
    )
    [wheel] = work.glob("briefpack-*.whl")
    env = work / "env"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(purelib) / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True)
    return env / "bin" / "briefpack"


def test_the_wheel_carries_the_layouts_and_the_starter(installed: Path, tmp_path: Path) -> None:
    python = installed.parent / "python"
    where = subprocess.run(
        [str(python), "-c", "import briefpack.layout.load as m; print(m.LAYOUTS_DIR)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert Path(where).is_relative_to(installed.parents[1]), where  # the wheel's copy, not the checkout's
    assert sorted(p.name for p in Path(where).iterdir()) == sorted(p.name for p in LAYOUTS_DIR.iterdir())
    done = subprocess.run(
        [str(installed), "fonts", str(SAMPLE), "--layout", "booklet-a5"], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr


def test_an_installed_wheel_builds_the_sample_and_a_new_event_from_another_folder(
    installed: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copytree(SAMPLE, elsewhere / "sample")
    built = subprocess.run(
        [str(installed), "build", "sample", "-o", "out", "-j", "2"], cwd=elsewhere, capture_output=True, text=True
    )
    assert built.returncode == 0, built.stderr
    assert (elsewhere / "out" / "mekong-womens-forum-2007" / "programme-booklet.pdf").is_file()
    made = subprocess.run([str(installed), "new", "mine"], cwd=elsewhere, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    built = subprocess.run(
        [str(installed), "build", "mine", "-o", "out2", "--only", "booklet"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    assert list((elsewhere / "out2").rglob("programme-booklet.pdf"))
