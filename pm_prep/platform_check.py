"""Before Qt opens a window on X11: are the system libraries its xcb platform plugin needs there?

Without them Qt prints "could not load the Qt platform plugin xcb" and aborts. `pm-prep` asks
first and names the Debian/Ubuntu packages to install in one line. The list is what PySide6's
`plugins/platforms/libqxcb.so` and `lib/libQt6Gui.so.6` link against (`readelf -d`), beyond
the C and C++ runtime; `libxcb-cursor0` is the one most often missing (Qt 6.5 and later).

It runs before the first paint, so it is cheap: one `stat` per library in the usual library
folders (about 0.1 ms), and `dlopen` only for a library not found there, to be sure before
saying it is missing. No PySide6 import.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

# soname -> the Debian/Ubuntu package that ships it.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
}


def _library_dirs(environ: Mapping[str, str]) -> list[str]:
    triplet = getattr(sys.implementation, "_multiarch", None) or f"{os.uname().machine}-linux-gnu"
    extra = [d for d in environ.get("LD_LIBRARY_PATH", "").split(":") if d]
    return [
        *extra,
        f"/usr/lib/{triplet}",
        f"/lib/{triplet}",
        "/usr/lib64",
        "/lib64",
        "/usr/lib",
        "/lib",
        "/usr/local/lib",
    ]


def _loadable(name: str) -> bool:
    """The dynamic loader's own answer (ld.so.cache and all): only asked when a stat missed."""
    import ctypes

    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def library_found(name: str, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the dynamic loader can find the shared library `name`."""
    for folder in _library_dirs(environ):
        if os.path.exists(os.path.join(folder, name)):
            return True
    return _loadable(name)


def needs_xcb(environ: Mapping[str, str] = os.environ, platform: str | None = None) -> bool:
    """True when Qt is about to use its xcb plugin: Linux, an X display, xcb asked or implied."""
    if not (platform or sys.platform).startswith("linux") or not environ.get("DISPLAY"):
        return False
    asked = environ.get("QT_QPA_PLATFORM", "")
    if asked:
        return asked.split(";")[0].split(":")[0].strip() == "xcb"
    # Unset: on a Wayland session Qt may use its wayland plugin instead; do not guess.
    return not environ.get("WAYLAND_DISPLAY")


def missing_packages(found: Callable[[str], bool] | None = None) -> list[str]:
    """The Debian/Ubuntu packages of the xcb plugin's libraries that cannot be found."""
    lookup = found or library_found
    return [package for name, package in XCB_LIBRARIES.items() if not lookup(name)]


def display_problem(environ: Mapping[str, str] = os.environ) -> str | None:
    """One line naming the missing system packages, or None when Qt can open its window.

    `pm-prep` prints it after "pm-prep: " and exits 1.
    """
    if not needs_xcb(environ):
        return None
    missing = missing_packages()
    if not missing:
        return None
    names = " ".join(missing)
    return (
        f"Qt needs these system packages to open a window: {', '.join(missing)} "
        f"(Debian/Ubuntu: sudo apt install {names})"
    )
