"""The check before Qt opens a window on X11: missing system libraries are named in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pm_prep import platform_check
from pm_prep.cli import main
from pm_prep.platform_check import XCB_LIBRARIES, display_problem, needs_xcb

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({"DISPLAY": ":0"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb:nograb;wayland"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"DISPLAY": ":1", "WAYLAND_DISPLAY": "w-0", "QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({}, "linux", False),  # no X display: not the xcb plugin's problem
        ({"DISPLAY": ":0"}, "darwin", False),
        ({"DISPLAY": ":0"}, "win32", False),
    ],
)
def test_the_check_runs_only_when_qt_is_about_to_use_xcb(
    environ: dict[str, str], platform: str, expected: bool
) -> None:
    assert needs_xcb(environ, platform) is expected


def test_a_missing_library_is_named_by_its_debian_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platform_check.sys, "platform", "linux")
    monkeypatch.setattr(
        platform_check, "library_found", lambda name: name not in {"libxcb-cursor.so.0"}
    )
    problem = display_problem({"DISPLAY": ":0"})
    assert problem == (
        "Qt needs these system packages to open a window: libxcb-cursor0 "
        "(Debian/Ubuntu: sudo apt install libxcb-cursor0)"
    )
    monkeypatch.setattr(platform_check, "library_found", lambda name: "xkb" not in name)
    problem = display_problem({"DISPLAY": ":0"})
    assert problem is not None
    assert problem.endswith(
        "(Debian/Ubuntu: sudo apt install libxkbcommon0 libxkbcommon-x11-0 libxcb-xkb1)"
    )
    monkeypatch.setattr(platform_check, "library_found", lambda name: True)
    assert display_problem({"DISPLAY": ":0"}) is None


def test_pm_prep_prints_one_line_and_exits_1_instead_of_qt_aborting(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setattr(platform_check.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(platform_check, "library_found", lambda name: name != "libxcb-cursor.so.0")

    code = main(["--data-dir", str(data_dir)])

    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err == (
        "pm-prep: Qt needs these system packages to open a window: libxcb-cursor0 "
        "(Debian/Ubuntu: sudo apt install libxcb-cursor0)\n"
    )
    assert not data_dir.exists()  # the app never started


def test_library_found_asks_the_real_loader() -> None:
    if not platform_check.sys.platform.startswith("linux"):
        pytest.skip("Linux shared libraries")
    assert platform_check.library_found("libc.so.6")
    assert not platform_check.library_found("libpm-prep-no-such-library.so.0")


def test_the_readme_lists_every_package_the_check_knows() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for package in XCB_LIBRARIES.values():
        assert package in readme, package
