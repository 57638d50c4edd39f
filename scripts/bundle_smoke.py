"""Smoke-test the one-folder desktop bundle the way a user gets it: `make bundle-smoke`.

    python scripts/bundle_smoke.py [dist/pm-prep | dist/pm-prep-VERSION-linux-x86_64.tar.gz]

The bundle (or the release archive, unpacked) is copied to a temporary folder elsewhere and
run from yet another folder with an empty environment (`env -i`; the window runs add only
QT_QPA_PLATFORM or DISPLAY). Checked: size <= 200 MiB; the Qt plugins, QML modules,
resources and migrations it must carry, and none of what it must not (WebEngine, NSS,
translations); every library it links is in the bundle or in a system package that
packaging/README-linux.txt names; `--version`; `--exit-when-ready` on a fresh data folder;
`demo` and `stats --json` (seven skills, the demo's attempts); `validate-bank` on a shipped
bank; a database from a newer version refused and left byte for byte; one from the first
schema migrated (after a backup); the real window,
offscreen, for a few seconds with the chart drawn and no QML or plugin error on stderr; the
same under Xvfb (xcb) and Weston (Wayland) when those are installed. Linux only.
Exit 0 when every check passed. Standard library only, but for writing the old database,
which uses the source install's Alembic (run with .venv/bin/python, as `make` does).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import mmap
import os
import re
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MIB = 200
EXPECTED_SKILLS = 7
DEMO_ATTEMPTS = 300
WINDOW_SECONDS = 6.0
FUTURE_REVISION = "9999_from_a_newer_build"

# Files the bundle must carry, relative to _internal/ (globs). The window needs the first
# three platforms (desktop X11, Wayland, headless); the rest are what those load.
REQUIRED = [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-egl-integration.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/libqt-plugin-wayland-egl.so",
    "PySide6/Qt/plugins/wayland-decoration-client/libbradient.so",
    "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/lib/libQt6Graphs.so.6",
    "PySide6/Qt/lib/libQt6QuickWidgets.so.6",
    "PySide6/Qt/lib/libQt6XcbQpa.so.6",
    "PySide6/Qt/lib/libQt6WaylandClient.so.6",
    "PySide6/Qt/qml/QtGraphs/qmldir",
    "PySide6/Qt/qml/QtQuick/qmldir",
    "PySide6/Qt/qml/QtQml/qmldir",
    "PySide6/Qt/qml/QtQml/Models/qmldir",
    "PySide6/Qt/qml/QtQml/WorkerScript/qmldir",
    "PySide6/QtGraphs.abi3.so",
    "PySide6/QtQuickWidgets.abi3.so",
    "pm_prep/storage/migrations/env.py",
    "resources/skills.toml",
    "resources/rubrics.toml",
]
# What the bundle must not carry (regular expressions on paths under _internal/).
FORBIDDEN = [
    r"WebEngine",
    r"libnss3|libasound|libgtk-3|libpulse",
    r"Qt63D|Qt6Charts|Qt6DataVisualization|Qt6Pdf|Qt6Multimedia|Qt6Location|Qt6Test",
    r"Qt6QuickControls2|Qt6QuickDialogs|Qt6VirtualKeyboard|Qt6Labs|Qt6Core5Compat",
    r"/translations/",
    r"/qml/QtQuick/(Controls|Dialogs|VirtualKeyboard|Layouts)/",
]
# Libraries the bundle leaves to the system: the C library, the graphics stack (it has to
# match the machine's drivers) and what PyInstaller does not collect. Each names the Debian
# package that packaging/README-linux.txt tells a minimal system to install; the link check
# fails on any other library that is missing from the bundle.
SYSTEM_LIBRARIES = {
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
    "librt.so.1": "libc6",
    "libresolv.so.2": "libc6",
    "libutil.so.1": "libc6",
    "ld-linux-x86-64.so.2": "libc6",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
# stderr lines that mean a part of the bundle is missing or broken.
BAD_STDERR = re.compile(
    r"qml|QQuick|plugin|module .* is not installed|cannot load|could not load|"
    r"not found|no such file|error|traceback|failed",
    re.IGNORECASE,
)
# What stderr may say in an empty environment: Qt's note that it chose a UTF-8 locale.
ALLOWED_STDERR = re.compile(
    r'^(Detected locale "C"|Qt depends on a UTF-8 locale|If this causes problems, reconfigure|'
    r"for more information\.)"
)


class Smoke:
    def __init__(self, app: Path, internal: Path, work: Path) -> None:
        self.app, self.internal, self.work = app, internal, work
        self.passed: list[str] = []
        self.failed: list[str] = []
        self.mapped: dict[str, list[str]] = {}  # per window run: bundle files it mapped

    def check(self, name: str, fn: Callable[[], str | None]) -> None:
        start = time.perf_counter()
        try:
            detail = fn()
        except AssertionError as exc:
            self.failed.append(name)
            print(f"FAIL {name}: {exc}", flush=True)
            return
        except Exception as exc:  # a crash of the check itself is a failure too
            self.failed.append(name)
            print(f"FAIL {name}: {type(exc).__name__}: {exc}", flush=True)
            return
        self.passed.append(name)
        took = time.perf_counter() - start
        print(f"ok   {name} ({took:.1f} s){': ' + detail if detail else ''}", flush=True)

    def skip(self, name: str, why: str) -> None:
        print(f"skip {name}: {why}", flush=True)

    # -- running the bundle ------------------------------------------------------------------
    def run(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        """`env -i [env] pm-prep args`, from a folder that is neither the bundle nor the repo."""
        return subprocess.run(
            [str(self.app), *args],
            cwd=self.work,
            env=env or {},
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )

    def data_dir(self, name: str) -> Path:
        path = self.work / name
        shutil.rmtree(path, ignore_errors=True)
        return path


def _bad_lines(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and not ALLOWED_STDERR.match(line) and BAD_STDERR.search(line)
    ]


def _noise(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip() and not ALLOWED_STDERR.match(line)]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tree_size(folder: Path) -> tuple[int, int]:
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            files += 1
    return total, files


def _elf_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def _bundle_maps(pid: int, internal: Path) -> set[str]:
    """Files of the bundle mapped into process `pid` (Linux), relative to _internal/."""
    mapped = set()
    prefix = str(internal.resolve()) + os.sep
    with open(f"/proc/{pid}/maps", encoding="utf-8", errors="replace") as maps:
        for line in maps:
            fields = line.split(maxsplit=5)
            if len(fields) == 6 and fields[5].strip().startswith(prefix):
                mapped.add(fields[5].strip()[len(prefix) :])
    return mapped


def _open_window(
    smoke: Smoke, label: str, data: Path, env: dict[str, str], needs: Sequence[str]
) -> str | None:
    """Run the app's real window for WINDOW_SECONDS; check what it loaded and said."""
    ready = smoke.work / f"ready-{os.getpid()}-{time.monotonic_ns()}"
    env = {**env, "PM_PREP_READY_FILE": str(ready)}
    err_path = smoke.work / "window.stderr"
    with err_path.open("w") as err:
        proc = subprocess.Popen(
            [str(smoke.app), "--data-dir", str(data)],
            cwd=smoke.work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        try:
            deadline = time.monotonic() + 60
            while not ready.exists() and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
            if not ready.exists():
                said = _noise(err_path.read_text(errors="replace"))[-3:]
                raise AssertionError(f"the dashboard was never painted; stderr: {said}")
            time.sleep(WINDOW_SECONDS)  # the chart, the other pages and the backup load now
            assert proc.poll() is None, f"the app exited by itself ({proc.returncode})"
            mapped = _bundle_maps(proc.pid, smoke.internal)
            smoke.mapped[label] = sorted(mapped)
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
    stderr = err_path.read_text(errors="replace")
    bad = _bad_lines(stderr)
    assert not bad, "stderr: " + " | ".join(bad[:5])
    missing = [name for name in needs if not any(path.endswith(name) for path in mapped)]
    assert not missing, f"not loaded: {missing}"
    noise = _noise(stderr)
    return f"{len(mapped)} bundle files mapped" + (f"; stderr: {noise[:2]}" if noise else "")


# -- the checks ------------------------------------------------------------------------------
def check_readme(folder: Path) -> str:
    shipped = (folder / "README.txt").read_text(encoding="utf-8")
    source = (ROOT / "packaging/README-linux.txt").read_text(encoding="utf-8")
    assert shipped == source, "README.txt differs from packaging/README-linux.txt"
    return f"{folder.name}/README.txt"


def check_size(smoke: Smoke, folder: Path) -> str:
    total, files = _tree_size(folder)
    mib = total / 2**20
    assert mib <= BUDGET_MIB, f"{mib:.1f} MiB in {files} files, budget {BUDGET_MIB} MiB"
    return f"{mib:.1f} MiB in {files} files (budget {BUDGET_MIB} MiB)"


def check_contents(smoke: Smoke) -> str:
    missing = [pattern for pattern in REQUIRED if not list(smoke.internal.glob(pattern))]
    assert not missing, f"missing: {missing}"
    source_versions = sorted(
        p.name for p in (ROOT / "pm_prep/storage/migrations/versions").glob("*.py")
    )
    bundled = sorted(
        p.name for p in (smoke.internal / "pm_prep/storage/migrations/versions").glob("*.py")
    )
    assert bundled == source_versions, f"migrations {bundled}, source has {source_versions}"
    banks = sorted(p.name for p in (ROOT / "resources/question_banks").glob("*.toml"))
    shipped = sorted(p.name for p in (smoke.internal / "resources/question_banks").glob("*.toml"))
    assert shipped == banks, f"banks {shipped}, source has {banks}"
    paths = [str(p.relative_to(smoke.internal)) for p in smoke.internal.rglob("*")]
    unwanted = sorted({p for p in paths for rule in FORBIDDEN if re.search(rule, "/" + p)})
    assert not unwanted, f"should not be bundled: {unwanted[:8]}"
    return f"{len(REQUIRED)} required files, {len(bundled)} migrations, {len(shipped)} banks"


def check_links(smoke: Smoke) -> str:
    """Every library a bundled binary links is in the bundle or a named system package."""
    elves = _elf_files(smoke.internal.parent)
    inside = {path.name for path in smoke.internal.rglob("*")}
    outside: dict[str, str] = {}
    for path in elves:
        for name in _needed(path):
            if name not in inside:
                outside.setdefault(name, path.name)
    unknown = {n: f"needed by {user}" for n, user in outside.items() if n not in SYSTEM_LIBRARIES}
    assert not unknown, f"linked from outside the bundle and not in README-linux: {unknown}"
    readme = (ROOT / "packaging/README-linux.txt").read_text(encoding="utf-8")
    unnamed = sorted({SYSTEM_LIBRARIES[n] for n in outside} - set(re.findall(r"[\w.+-]+", readme)))
    assert not unnamed, f"packaging/README-linux.txt does not name {unnamed}"
    return f"{len(elves)} binaries; from the system: {' '.join(sorted(outside))}"


def _needed(path: Path) -> list[str]:
    """The DT_NEEDED names of a 64-bit little-endian ELF file (what it links against)."""
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if data[:6] != b"\x7fELF\x02\x01":
            return []
        (phoff,) = struct.unpack_from("<Q", data, 0x20)
        phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
        loads, dynamic = [], None
        for index in range(phnum):
            kind, _flags, offset, vaddr, _paddr, filesz, _memsz = struct.unpack_from(
                "<IIQQQQQ", data, phoff + index * phentsize
            )
            if kind == 1:  # PT_LOAD
                loads.append((vaddr, offset, filesz))
            elif kind == 2:  # PT_DYNAMIC
                dynamic = (offset, filesz)
        if dynamic is None:
            return []
        needed, strtab = [], None
        for at in range(dynamic[0], dynamic[0] + dynamic[1], 16):
            tag, value = struct.unpack_from("<qQ", data, at)
            if tag == 0:  # DT_NULL
                break
            if tag == 1:  # DT_NEEDED
                needed.append(value)
            elif tag == 5:  # DT_STRTAB, an address
                strtab = next(
                    off + value - vaddr
                    for vaddr, off, size in loads
                    if vaddr <= value < vaddr + size
                )
        assert strtab is not None, f"{path}: no string table"
        return [data[strtab + n : data.find(b"\0", strtab + n)].decode() for n in needed]


def check_version(smoke: Smoke) -> str:
    expected = re.search(r'__version__ = "([^"]+)"', (ROOT / "pm_prep/__init__.py").read_text())
    assert expected
    done = smoke.run("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"pm-prep {expected.group(1)}", done.stdout
    return done.stdout.strip()


def check_ready_fresh(smoke: Smoke) -> str | None:
    data = smoke.data_dir("fresh")
    done = smoke.run(
        "--exit-when-ready", "--data-dir", str(data), env={"QT_QPA_PLATFORM": "offscreen"}
    )
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr.strip()}"
    bad = _bad_lines(done.stderr)
    assert not bad, f"stderr: {bad}"
    assert (data / "pm_prep.sqlite3").is_file(), "no database was created"
    mode = (data.stat().st_mode) & 0o777
    assert mode == 0o700, f"data folder mode {oct(mode)}"
    return None


def check_demo_and_stats(smoke: Smoke) -> str:
    data = smoke.data_dir("demo")
    done = smoke.run(
        "--data-dir", str(data), "demo", "--attempts", str(DEMO_ATTEMPTS), "--days", "60"
    )
    assert done.returncode == 0, f"demo: exit {done.returncode}: {done.stderr.strip()}"
    done = smoke.run("--data-dir", str(data), "stats", "--json")
    assert done.returncode == 0, f"stats: exit {done.returncode}: {done.stderr.strip()}"
    stats = json.loads(done.stdout)
    assert len(stats["skills"]) == EXPECTED_SKILLS, f"skills: {sorted(stats['skills'])}"
    assert stats["attempts"] == DEMO_ATTEMPTS, f"attempts: {stats['attempts']}"
    assert 0 <= stats["overall"] <= 100, stats["overall"]
    return (
        f"overall {stats['overall']}, {stats['attempts']} attempts, {len(stats['skills'])} skills"
    )


def check_validate_bank(smoke: Smoke) -> str:
    bank = sorted((smoke.internal / "resources/question_banks").glob("*.toml"))[0]
    done = smoke.run("validate-bank", str(bank))
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr.strip()}"
    assert "valid" in done.stdout, done.stdout
    return done.stdout.strip().split(": ", 1)[-1]


def check_newer_database(smoke: Smoke) -> str:
    source = smoke.work / "demo" / "pm_prep.sqlite3"
    data = smoke.data_dir("newer")
    data.mkdir(mode=0o700)
    database = data / "pm_prep.sqlite3"
    src, dst = sqlite3.connect(source), sqlite3.connect(database)
    try:
        src.backup(dst)
        with dst:
            dst.execute("UPDATE alembic_version SET version_num = ?", (FUTURE_REVISION,))
    finally:
        src.close()
        dst.close()
    before, files_before = _sha256(database), set(os.listdir(data))
    for args, env in (
        (("stats", "--json"), {}),
        (("--exit-when-ready",), {"QT_QPA_PLATFORM": "offscreen"}),
    ):
        done = smoke.run("--data-dir", str(data), *args, env=env)
        assert done.returncode == 1, f"{args}: exit {done.returncode}, expected 1"
        assert "newer version" in done.stderr, f"{args}: {done.stderr.strip()}"
        assert "Traceback" not in done.stderr, done.stderr
    assert _sha256(database) == before, "the newer database was changed"
    added = set(os.listdir(data)) - files_before
    assert added <= {"pm_prep.lock", "pm_prep.sqlite3-wal", "pm_prep.sqlite3-shm"}, added
    assert not (data / "backups").exists() or not any((data / "backups").iterdir()), "backed up"
    return "refused, exit 1, file unchanged"


_OLD_DATABASE = """
import sys
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

path, scripts, revision = sys.argv[1:]
engine = sa.create_engine(f"sqlite:///{path}")
with engine.begin() as connection:
    config = Config()
    config.set_main_option("script_location", scripts)
    config.attributes["connection"] = connection
    command.upgrade(config, revision)
engine.dispose()
"""


def _revisions() -> list[str]:
    """This build's migrations, oldest first (from the source tree's version scripts)."""
    parents: dict[str, str | None] = {}
    for script in (ROOT / "pm_prep/storage/migrations/versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revision = re.search(r'^revision = "([^"]+)"', text, re.M)
        down = re.search(r'^down_revision = (?:"([^"]+)"|None)', text, re.M)
        if revision and down:
            parents[revision.group(1)] = down.group(1)
    ordered, current = [], next((r for r, d in parents.items() if d is None), None)
    while current is not None:
        ordered.append(current)
        current = next((r for r, d in parents.items() if d == current), None)
    return ordered


def check_older_database(smoke: Smoke) -> str:
    """A database from the first release is migrated by the bundle's Alembic, after a backup."""
    revisions = _revisions()
    data = smoke.data_dir("older")
    data.mkdir(mode=0o700)
    database = data / "pm_prep.sqlite3"
    scripts = str(ROOT / "pm_prep/storage/migrations")
    subprocess.run(
        [sys.executable, "-c", _OLD_DATABASE, str(database), scripts, revisions[0]],
        check=True,
        capture_output=True,
    )
    done = smoke.run("--data-dir", str(data), "stats", "--json")
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr.strip()}"
    with sqlite3.connect(database) as conn:
        (now,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    conn.close()
    assert now == revisions[-1], f"schema {now}, expected {revisions[-1]}"
    backups = list((data / "backups").glob("*")) if (data / "backups").is_dir() else []
    assert backups, "no backup before the migration"
    return f"{revisions[0]} -> {now}, backup made"


def check_window_offscreen(smoke: Smoke) -> str | None:
    needs = ["platforms/libqoffscreen.so", "libQt6Graphs.so.6", "libQt6QuickWidgets.so.6"]
    env = {"QT_QPA_PLATFORM": "offscreen"}
    return _open_window(smoke, "offscreen", smoke.work / "demo", env, needs)


def _free_display() -> int:
    for number in range(90, 200):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise RuntimeError("no free X display number")


def check_window_xcb(smoke: Smoke) -> str | None:
    number = _free_display()
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x860x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            assert server.poll() is None and time.monotonic() < deadline, "Xvfb did not start"
            time.sleep(0.1)
        needs = ["platforms/libqxcb.so", "libQt6XcbQpa.so.6", "libQt6Graphs.so.6"]
        return _open_window(smoke, "xcb", smoke.work / "demo", {"DISPLAY": f":{number}"}, needs)
    finally:
        server.terminate()
        server.wait(10)


def check_window_wayland(smoke: Smoke) -> str | None:
    runtime = Path(tempfile.mkdtemp(prefix="pm-prep-wl-"))
    runtime.chmod(0o700)
    socket = "pm-prep-smoke"
    server = subprocess.Popen(
        ["weston", "--backend=headless-backend.so", f"--socket={socket}", "--idle-time=0"],
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while not (runtime / socket).exists():
            assert server.poll() is None and time.monotonic() < deadline, "weston did not start"
            time.sleep(0.1)
        env = {
            "QT_QPA_PLATFORM": "wayland",
            "WAYLAND_DISPLAY": socket,
            "XDG_RUNTIME_DIR": str(runtime),
        }
        needs = ["platforms/libqwayland.so", "libxdg-shell.so", "libQt6Graphs.so.6"]
        return _open_window(smoke, "wayland", smoke.work / "demo", env, needs)
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(runtime, ignore_errors=True)


def _write_loaded_report(path: Path, smoke: Smoke) -> None:
    """What the window runs loaded, to compare with what the bundle carries (docs/bundle.md)."""
    libraries = sorted(
        str(p.relative_to(smoke.internal)) for p in _elf_files(smoke.internal) if ".so" in p.name
    )
    loaded = set().union(*smoke.mapped.values()) if smoke.mapped else set()
    never = [name for name in libraries if name not in loaded]
    report = {"runs": smoke.mapped, "bundled_libraries": libraries, "never_loaded": never}
    path.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"loaded report: {path} ({len(libraries)} libraries, {len(never)} loaded by no run)")


def _place(target: Path, scratch: Path) -> Path:
    """Copy the bundle folder, or unpack the release archive, into `scratch`."""
    if target.is_dir():
        destination = scratch / "copied" / target.name
        shutil.copytree(target, destination, symlinks=True)
        return destination
    with tarfile.open(target) as archive:
        archive.extractall(scratch / "unpacked", filter="tar")
        top = {Path(name).parts[0] for name in archive.getnames()}
    assert len(top) == 1, f"the archive has {len(top)} top-level entries: {sorted(top)[:5]}"
    return scratch / "unpacked" / top.pop()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", nargs="?", type=Path, default=ROOT / "dist" / "pm-prep")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument(
        "--loaded-report",
        type=Path,
        help="write the bundle files each window run mapped, and the libraries none did (JSON)",
    )
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        print("bundle smoke: runs on Linux only (reads /proc and ldd)", file=sys.stderr)
        return 2
    target = args.target.resolve()
    if not target.exists():
        print(f"bundle smoke: {target} does not exist (make bundle)", file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="pm-prep-smoke-"))
    try:
        folder = _place(target, scratch)
        work = scratch / "elsewhere"
        work.mkdir()
        smoke = Smoke(folder / "pm-prep", folder / "_internal", work)
        print(f"bundle smoke: {target.name}, run from a copy in a temporary folder", flush=True)
        if target.is_file():
            smoke.check("archive README", lambda: check_readme(folder))
        smoke.check("size", lambda: check_size(smoke, folder))
        smoke.check("contents", lambda: check_contents(smoke))
        smoke.check("links", lambda: check_links(smoke))
        smoke.check("--version", lambda: check_version(smoke))
        smoke.check("--exit-when-ready, fresh folder", lambda: check_ready_fresh(smoke))
        smoke.check("demo + stats --json", lambda: check_demo_and_stats(smoke))
        smoke.check("validate-bank", lambda: check_validate_bank(smoke))
        smoke.check("newer database refused", lambda: check_newer_database(smoke))
        if len(_revisions()) < 2:
            smoke.skip("older database migrated", "one migration only")
        elif importlib.util.find_spec("alembic") is None:
            smoke.skip("older database migrated", "no Alembic here to write an old database")
        else:
            smoke.check("older database migrated", lambda: check_older_database(smoke))
        smoke.check("window, offscreen", lambda: check_window_offscreen(smoke))
        if shutil.which("Xvfb"):
            smoke.check("window, xcb (Xvfb)", lambda: check_window_xcb(smoke))
        else:
            smoke.skip("window, xcb", "Xvfb is not installed")
        if shutil.which("weston"):
            smoke.check("window, Wayland (weston)", lambda: check_window_wayland(smoke))
        else:
            smoke.skip("window, Wayland", "weston is not installed")
        if args.loaded_report:
            _write_loaded_report(args.loaded_report, smoke)
    finally:
        if args.keep:
            print(f"scratch folder kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"bundle-smoke: {len(smoke.passed)} passed, {len(smoke.failed)} failed")
    return 1 if smoke.failed else 0


if __name__ == "__main__":
    sys.exit(main())
