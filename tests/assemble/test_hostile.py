"""Hostile and unlucky inputs to a build (issue 12): nothing lost, nothing leaked, nothing stuck.

Each case plants what an attacker or an accident would leave (a symlinked lock, a fragment linked to
a secret, a FIFO where a file should be, an interrupted build) and asserts the outcome: the message
and where it points, the exit status, the previous pack byte for byte, the secret absent from every
output, the run ending within a time bound.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assemble.test_build import snapshot
from briefpack.assemble import atomic
from briefpack.assemble.context import BuildOptions
from briefpack.assemble.run import STATE_DIR, run_build
from briefpack.errors import UserError
from briefpack.layout.load import load_layout
from eventdirs import edit, sample_event

pytestmark = pytest.mark.slow

EVENT = "mekong-womens-forum-2007"
SECRET = "s3cr3t-token-7f2a"
CARDS = {"only": frozenset({"cards"}), "jobs": 1}


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefpack", *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def _secret_file(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    return secret


def _every_output_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


# --- state the output folder holds --------------------------------------------------------------------


def test_a_symlinked_lock_is_refused_and_what_it_points_at_is_untouched(tmp_path: Path) -> None:
    data = sample_event(tmp_path / "data")
    people = (data / "people.yaml").read_bytes()
    state = tmp_path / "out" / EVENT / STATE_DIR
    state.mkdir(parents=True)
    (state / "lock").symlink_to(data / "people.yaml")
    done = _cli("build", str(data), "-o", str(tmp_path / "out"), "--only", "cards")
    assert done.returncode == 1
    assert "state file is a symbolic link" in done.stderr and "lock" in done.stderr
    assert "Traceback" not in done.stderr
    assert (data / "people.yaml").read_bytes() == people


def test_a_symlinked_folder_in_the_output_is_refused_not_written_through(tmp_path: Path) -> None:
    data = sample_event(tmp_path / "data")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out" / EVENT).mkdir(parents=True)
    (tmp_path / "out" / EVENT / "delegations").symlink_to(elsewhere)
    with pytest.raises(UserError, match="symbolic link"):
        run_build(data, tmp_path / "out", BuildOptions(only=frozenset({"packets"}), formats=frozenset({"pdf"})))
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("target", ["file", "/dev/null"])
def test_an_output_path_that_is_not_a_folder_is_a_message(tmp_path: Path, target: str) -> None:
    data = sample_event(tmp_path / "data")
    out = tmp_path / "a-file" if target == "file" else Path(target)
    if target == "file":
        out.write_text("keep me", encoding="utf-8")
    done = _cli("build", str(data), "-o", str(out), "--only", "cards")
    assert done.returncode == 1 and "the output folder is not a folder" in done.stderr
    assert "Traceback" not in done.stderr
    if target == "file":
        assert out.read_text(encoding="utf-8") == "keep me"


def test_an_interrupted_build_then_an_undone_edit_gives_exactly_the_original_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after one file was renamed into place and before the cache index was saved."""
    data = sample_event(tmp_path / "data")
    out = tmp_path / "out"
    options = BuildOptions(only=frozenset({"packets"}), formats=frozenset({"pdf"}), jobs=1)
    run_build(data, out, options)
    original = snapshot(out / EVENT)
    edit(data / "people.yaml", "email: dow@ilo.org", "email: allan.dow@ilo.org")
    real_rename = atomic._rename
    written: list[Path] = []

    def killed_after_first(tmp: str, path: Path) -> None:
        real_rename(tmp, path)
        written.append(path)
        raise KeyboardInterrupt  # as a kill: nothing after this point runs

    monkeypatch.setattr(atomic, "_rename", killed_after_first)
    with pytest.raises(KeyboardInterrupt):
        run_build(data, out, options)
    monkeypatch.undo()
    assert written and snapshot(out / EVENT) != original  # a mixed pack, as the kill left it
    edit(data / "people.yaml", "email: allan.dow@ilo.org", "email: dow@ilo.org")
    run_build(data, out, options)
    assert snapshot(out / EVENT) == original
    manifest = json.loads((out / EVENT / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["outputs"]:
        assert snapshot(out / EVENT)[entry["path"]] == entry["sha256"], entry["path"]


def test_killing_the_main_process_leaves_no_worker_holding_the_folder(tmp_path: Path) -> None:
    data = sample_event(tmp_path / "data")
    out = tmp_path / "out"
    build = _started_with_workers(data, out, "--force")
    workers = _children(build.pid)
    build.send_signal(signal.SIGTERM)  # the main process only, as `kill PID` or a closed terminal does
    build.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers), "workers outlived the build"
    started = time.monotonic()
    again = _cli("build", str(data), "-o", str(out), "--only", "cards", timeout=60)
    assert again.returncode == 0, again.stderr
    assert time.monotonic() - started < 30


def _started_with_workers(data: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    """A `briefpack build -j 2` in its own process, returned once both its workers are running."""
    build = subprocess.Popen(
        [sys.executable, "-m", "briefpack", "build", str(data), "-o", str(out), "-j", "2", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # As from a terminal: a test suite started in the background (`cmd &` in a script) has SIGINT
        # ignored, and a build rightly keeps an inherited SIG_IGN (nohup), so Ctrl-C would not reach it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_children(build.pid)) < 2:
        time.sleep(0.05)
    assert len(_children(build.pid)) >= 2, "the build never started its workers"
    return build


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(p) for p in found]


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


# --- layouts, fonts and reference documents are untrusted -------------------------------------------------


def _layout(tmp_path: Path) -> Path:
    layout = tmp_path / "my-layout"
    (layout / "text").mkdir(parents=True)
    (layout / "layout.yaml").write_text("name: my-layout\nextends: report-a4\n", encoding="utf-8")
    return layout


def test_a_fragment_linked_to_a_secret_is_refused_and_the_secret_is_nowhere(tmp_path: Path) -> None:
    data = sample_event(tmp_path / "data")
    layout = _layout(tmp_path)
    (layout / "text" / "cards_title.j2").symlink_to(_secret_file(tmp_path))
    with pytest.raises(UserError) as refused:
        run_build(data, tmp_path / "out", BuildOptions(layout=str(layout), **CARDS))
    message = refused.value.render()
    assert "cards_title.j2" in message and "link to a file outside" in message
    assert SECRET not in message
    out = tmp_path / "out"
    assert not out.exists() or SECRET.encode() not in _every_output_byte(out)


def test_a_data_file_linked_out_of_its_folder_is_refused_without_quoting_it(tmp_path: Path) -> None:
    data = sample_event(tmp_path / "data")
    outside = tmp_path / "outside.yaml"
    outside.write_text(f"exhibits: [{SECRET}\n", encoding="utf-8")  # broken YAML: its text would be quoted
    (data / "extra.yaml").symlink_to(outside)
    done = _cli("check", str(data))
    assert done.returncode == 1 and "link to a file outside" in done.stderr
    assert SECRET not in done.stderr + done.stdout


@pytest.mark.parametrize("where", ["fragment", "data", "reference", "font"])
def test_a_fifo_where_a_file_should_be_is_a_message_not_a_hang(tmp_path: Path, where: str) -> None:
    data = sample_event(tmp_path / "data")
    args = ["build", str(data), "-o", str(tmp_path / "out"), "--only", "press-kit", "--format", "docx", "-j", "1"]
    if where == "fragment":
        layout = _layout(tmp_path)
        os.mkfifo(layout / "text" / "cards_title.j2")
        args += ["--layout", str(layout)]
    elif where == "data":
        os.mkfifo(data / "more.yaml")
    elif where == "reference":
        os.mkfifo(tmp_path / "reference.docx")
        args += ["--reference-docx", str(tmp_path / "reference.docx")]
    else:
        fonts = tmp_path / "fonts"
        fonts.mkdir()
        os.mkfifo(fonts / "Brand-Regular.ttf")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "briefpack", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,  # the project's fonts/ folder is the working directory's
    )
    assert time.monotonic() - started < 30
    assert "Traceback" not in done.stderr
    if where == "font":
        assert done.returncode == 0, done.stderr  # a FIFO is no font: skipped, the build goes on
    else:
        assert done.returncode == 1 and "not a regular file" in done.stderr, done.stderr


def test_a_truncated_font_in_the_project_fonts_folder_is_skipped_with_its_reason(tmp_path: Path) -> None:
    from briefpack.fonts.discovery import FontIndex
    from briefpack.fonts.resolver import FontSet
    from briefpack.layout.load import load_layout

    fonts = tmp_path / "fonts"
    fonts.mkdir()
    some = FontSet.from_roles(load_layout("base").fonts, None).runs("body", "A")[0][0].path
    (fonts / "Broken-Regular.ttf").write_bytes(some.read_bytes()[:4000])
    index = FontIndex(fonts, system_dirs=())
    [skipped] = [s for s in index.skipped() if s.path.name == "Broken-Regular.ttf"]
    assert "truncated" in skipped.reason or "unreadable" in skipped.reason


# --- interruptions, dead workers, full disks -------------------------------------------------------------


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_build_says_so_and_changes_nothing(tmp_path: Path, sig: signal.Signals, status: int) -> None:
    data = sample_event(tmp_path / "data")
    out = tmp_path / "out"
    run_build(data, out, BuildOptions(jobs=2))
    before = snapshot(out / EVENT)
    build = _started_with_workers(data, out, "--force")
    time.sleep(0.3)
    build.send_signal(sig)
    _, err = build.communicate(timeout=60)
    assert build.returncode == status, err
    assert err.strip().splitlines()[-1] == "interrupted; previous outputs unchanged"
    assert "Traceback" not in err
    assert snapshot(out / EVENT) == before
    assert not list((out / EVENT).rglob(".briefpack-tmp-*"))


def test_a_worker_killed_by_the_system_is_a_message_and_nothing_is_written(tmp_path: Path) -> None:
    data = sample_event(tmp_path / "data")
    out = tmp_path / "out"
    build = _started_with_workers(data, out)
    os.kill(_children(build.pid)[0], signal.SIGKILL)  # as the out-of-memory killer does
    _, err = build.communicate(timeout=60)
    assert build.returncode == 1, err
    assert "a worker process died" in err and "Traceback" not in err
    assert not (out / EVENT / "manifest.json").exists()


@contextlib.contextmanager
def _tmpfs(mount: Path, options: str) -> Iterator[Path]:
    """A small tmpfs at `mount`, where the test may mount one (as root on Linux, as in CI, which must)."""
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"CI must be able to mount a tmpfs: {done.stderr!r}")
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with _tmpfs(tmp_path / "small-disk", "size=1m") as mount:
        yield mount


def test_a_full_disk_is_a_one_line_message_and_the_previous_pack_stays(tmp_path: Path, small_disk: Path) -> None:
    data = sample_event(tmp_path / "data")
    cards = ("build", str(data), "-o", str(small_disk), "--only", "cards", "-j", "1")
    first = _cli(*cards)
    assert first.returncode == 0, first.stderr
    before = snapshot(small_disk / EVENT)
    (small_disk / "filler").write_bytes(b"\0" * (os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize))
    edit(data / "people.yaml", "email: dow@ilo.org", "email: allan.dow@ilo.org")
    done = _cli(*cards)
    assert done.returncode == 1
    assert "cannot write the pack: No space left on device" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(small_disk / EVENT) == before
    assert not list((small_disk / EVENT).rglob(".briefpack-tmp-*"))


# --- determinism -------------------------------------------------------------------------------------------


def test_every_format_carries_source_date_epoch_or_the_fixed_date_never_the_clock(tmp_path: Path) -> None:
    import zipfile

    from pypdf import PdfReader

    data = sample_event(tmp_path / "data")
    seen = {}
    for epoch in (None, "1900000000"):  # 2030-03-17T17:46:40Z
        out = tmp_path / f"out-{epoch}"
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        if epoch:
            env["SOURCE_DATE_EPOCH"] = epoch
        done = subprocess.run(
            [sys.executable, "-m", "briefpack", "build", str(data), "-o", str(out), "-j", "2"],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        pack = out / EVENT
        pdf = PdfReader(pack / "press-kit.pdf").metadata["/CreationDate"]
        with zipfile.ZipFile(pack / "press-kit.docx") as kit:
            core = kit.read("docProps/core.xml").decode()
            docx_zip = kit.infolist()[0].date_time
        packet_zip = zipfile.ZipFile(pack / "delegations" / "viet-nam.zip").infolist()[0].date_time
        seen[epoch] = (pdf[2:10], core, docx_zip[:3], packet_zip[:3])
    assert seen[None][0] == "20000101" and "2000-01-01T00:00:00Z" in seen[None][1]
    assert seen[None][2] == seen[None][3] == (2000, 1, 1)
    assert seen["1900000000"][0] == "20300317" and "2030-03-17T17:46:40Z" in seen["1900000000"][1]
    assert seen["1900000000"][2] == seen["1900000000"][3] == (2030, 3, 17)


def test_an_unusable_source_date_epoch_is_a_message(tmp_path: Path) -> None:
    data = sample_event(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "briefpack", "build", str(data), "-o", str(tmp_path / "out"), "--only", "cards"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "yesterday"},
    )
    assert done.returncode == 1 and "SOURCE_DATE_EPOCH is `yesterday`" in done.stderr


def test_the_font_fingerprint_is_the_fonts_content_not_their_paths_or_times(tmp_path: Path) -> None:
    """Two machines with the same fonts in other places, copied at other times, key outputs alike."""
    import shutil

    from briefpack.assemble.cache import BuildCache
    from briefpack.assemble.context import Workshop
    from briefpack.assemble.products import PRODUCTS
    from briefpack.model.validate import load_event

    loaded = load_event(sample_event(tmp_path / "data"))
    source = Workshop(BuildOptions(project_fonts=None)).fonts(load_layout("report-a4")).runs("body", "A")[0][0].path
    keys = []
    for n, machine in enumerate(("machine-a/fonts", "elsewhere/b/fonts")):
        fonts = tmp_path / machine
        fonts.mkdir(parents=True)
        copy = fonts / source.name
        shutil.copyfile(source, copy)
        os.utime(copy, ns=(10**18 + n, 10**18 + n * 10**12))
        options = BuildOptions(project_fonts=fonts)
        job = PRODUCTS["cards"].plan(loaded.data, options)[0]
        shop = Workshop(options)
        used = {Path(path) for _, _, path, _ in shop.fonts(shop.layout_for("cards", "report-a4")).identity()}
        assert copy in used, "the copy is not used"
        keys.append(BuildCache(tmp_path / f"cache-{n}.json", tmp_path).key(job, shop))
    assert keys[0] == keys[1]


def test_a_read_only_output_folder_is_a_one_line_message(tmp_path: Path) -> None:
    data = sample_event(tmp_path / "data")
    with _tmpfs(tmp_path / "read-only", "ro,size=1m") as mount:
        built = _cli("build", str(data), "-o", str(mount), "--only", "cards")
    assert built.returncode == 1 and "Read-only file system" in built.stderr, built.stderr
    assert "Traceback" not in built.stderr


def test_watch_with_its_output_inside_the_data_folder_builds_once_not_for_ever(tmp_path: Path) -> None:
    from briefpack.assemble.watch import watch_and_build

    data = sample_event(tmp_path / "data")
    lines: list[str] = []
    options = BuildOptions(only=frozenset({"press-kit"}), jobs=1)
    watch_and_build(data, data / "out", options, interval=0.05, cycles=8, echo=lines.append)
    assert sum("built" in line for line in lines) == 1, lines
