"""Render the pictures in docs/screenshots/ from demo data, the way a user sees them.

    python scripts/render_screenshots.py [--out DIR] [--offscreen]

Fills a temporary data folder with `pm-prep demo`'s synthetic history (600 attempts over 120
days, seed 7) and an interview date, opens the real main window at 1280x860 and saves the
dashboard in the light and dark themes and the practice page after a submitted answer.

By default the window is a real X11 window drawn by Qt's default OpenGL scene graph, as on
a desktop, and the pictures are grabbed from the screen: on $DISPLAY if there is one, else
on a private Xvfb the script starts (and stops). With --offscreen, or when neither is
available, it falls back to Qt's offscreen platform and the software scene graph.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path


def _start_xvfb() -> subprocess.Popen[bytes] | None:
    """A private X server on a free display number, or None if Xvfb is not installed."""
    if shutil.which("Xvfb") is None:
        return None
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        return None
    os.environ["DISPLAY"] = f":{number}"
    return server


def _choose_platform(offscreen: bool) -> subprocess.Popen[bytes] | None:
    """Set up Qt's platform before Qt is imported; returns the Xvfb started, if any."""
    os.environ.setdefault("QT_SCALE_FACTOR", "1")
    server = None
    if not offscreen and not os.environ.get("DISPLAY"):
        server = _start_xvfb()
    if offscreen or not os.environ.get("DISPLAY"):
        # No display, no GPU, and the same pixels on every machine.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["QT_QUICK_BACKEND"] = "software"
    else:
        # A real window with Qt Quick's default (OpenGL) scene graph, as a user gets.
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        os.environ.pop("QT_QUICK_BACKEND", None)
    return server


_ARGS = argparse.ArgumentParser(description=__doc__.splitlines()[0])
_ARGS.add_argument("--out", type=Path)
_ARGS.add_argument(
    "--offscreen", action="store_true", help="use the offscreen platform and software drawing"
)
_XVFB = _choose_platform(_ARGS.parse_known_args()[0].offscreen) if __name__ == "__main__" else None

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget  # noqa: E402

from pm_prep.domain.content import Question  # noqa: E402
from pm_prep.services.demo import fill_demo_history  # noqa: E402
from pm_prep.services.settings import Settings, save_settings  # noqa: E402
from pm_prep.services.workspace import open_workspace  # noqa: E402

SIZE = (1280, 860)
DEMO = {"attempts": 600, "days": 120, "seed": 7}


def _answer_to(question: Question) -> str:
    """A plausible answer that follows the question's framework and most of its points."""
    steps = "\n".join(
        f"{i}. {step}: {point.point.rstrip('.')}."
        for i, (step, point) in enumerate(
            zip(question.framework.steps, question.talking_points[:-1], strict=False), start=1
        )
    )
    return (
        f"I would use {question.framework.name} here.\n\n{steps}\n\n"
        "I would go through these in order and stop as soon as one explains the change, "
        "then share what I found with the team the same day, with 2 or 3 charts."
    )


def _settle(app: QApplication, until: Callable[[], bool], timeout_s: float = 20.0) -> None:
    """Run the event loop until `until()` holds, then a little longer for the last paint."""
    deadline = time.monotonic() + timeout_s
    while not until():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the window to be ready")
        app.processEvents()
        time.sleep(0.01)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)


def _save(window: QMainWindow, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if QGuiApplication.platformName() == "xcb":
        # What the screen shows: Qt Quick's content as its OpenGL scene graph drew it.
        screen = window.screen()
        picture = screen.grabWindow(window.winId())
    else:
        picture = window.grab()
    if not picture.save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def render(out: Path) -> None:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    from pm_prep.ui import build_main_window
    from pm_prep.ui.theme import apply_theme

    with tempfile.TemporaryDirectory(prefix="pm-prep-screens-") as tmp:
        data_dir = Path(tmp) / "data"
        ws = open_workspace(data_dir)
        try:
            fill_demo_history(ws, **DEMO)
            # A goal of 5 a day shows every shade of the heatmap with this much practice.
            save_settings(
                ws,
                Settings(
                    track="pm",
                    interview_date=date.today() + timedelta(days=23),
                    daily_goal=5,
                    theme="light",
                ),
            )
        finally:
            ws.close()

        window = build_main_window(data_dir)
        try:
            window.resize(*SIZE)
            window.show()
            dashboard = window.dashboard_page  # type: ignore[attr-defined]
            _settle(app, lambda: dashboard.chart.loaded)
            # Three months of the demo's history show more of the curves than the default month.
            dashboard.chart.set_days(90)
            _settle(app, lambda: dashboard.chart.loaded)
            print(f"on {QGuiApplication.platformName()}: {_scene_graph(dashboard.chart)}")
            _save(window, out / "dashboard-light.png")

            # Switched while running, as the Settings page does, so the live re-theming shows.
            apply_theme(app, "dark")
            _settle(app, lambda: True)
            _save(window, out / "dashboard-dark.png")

            apply_theme(app, "light")
            practice = window.practice_page  # type: ignore[attr-defined]
            window.show_page("practicePage")  # type: ignore[attr-defined]
            practice.preselect("analytical", "new")
            practice.editor.setPlainText(_answer_to(practice.question))
            practice.submit_button.click()
            _settle(app, lambda: practice.review_panel.isVisible())
            selectors = [
                w for w in practice.findChildren(QWidget) if w.objectName().startswith("criterion_")
            ]
            for selector, level in zip(selectors, (4, 3, 4, 5), strict=False):
                selector.setValue(level)
            practice.editor.setFocus(Qt.FocusReason.OtherFocusReason)
            _settle(app, lambda: True)
            _save(window, out / "practice.png")
        finally:
            from unittest.mock import patch

            from PySide6.QtWidgets import QMessageBox

            # The answer on Practice is not rated: closing asks whether to rate it now.
            with patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.No):
                window.close()


def _scene_graph(chart: QWidget) -> str:
    """Which graphics API the chart's Qt Quick scene is drawn with (OpenGL or Software)."""
    view = chart.graphs().view  # type: ignore[attr-defined]
    return f"Qt Quick draws with {view.quickWindow().rendererInterface().graphicsApi().name}"


def main(argv: list[str] | None = None) -> int:
    args = _ARGS.parse_args(argv)
    try:
        render((args.out or ROOT / "docs" / "screenshots").resolve())
    finally:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:
            app.shutdown()  # before the X server goes, or Qt's exit writes to a closed display
        if _XVFB is not None:
            _XVFB.terminate()
            _XVFB.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
