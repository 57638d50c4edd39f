"""Test setup: Qt runs offscreen, and every standard directory points into tmp_path."""

from __future__ import annotations

import os

# Set before PySide6 is imported anywhere, so no test can open a real window or use a GPU.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_QUICK_BACKEND"] = "software"
os.environ.setdefault("QT_SCALE_FACTOR", "1")

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the real user's data: HOME, XDG dirs and the data dir go to tmp."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.setenv("PM_PREP_DATA_DIR", str(tmp_path / "default-data"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def workspace(data_dir: Path) -> Iterator[object]:
    """An opened workspace on a fresh database in tmp_path."""
    from pm_prep.services.workspace import open_workspace

    ws = open_workspace(data_dir)
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture
def main_window(qtbot, data_dir: Path):  # type: ignore[no-untyped-def]
    """The real main window on a fresh database, closed (and the database released) after."""
    from unittest.mock import patch

    from PySide6.QtWidgets import QMessageBox, QWidget

    from pm_prep.ui import build_main_window

    def answer(_parent: object, title: str, *_rest: object) -> QMessageBox.StandardButton:
        # "Rate your answer now?" -> No (later); any other "close anyway?" -> Yes.
        if title.startswith("Rate your answer"):
            return QMessageBox.StandardButton.No
        return QMessageBox.StandardButton.Yes

    def close_answering(widget: QWidget) -> None:
        # A test may end with an answer submitted but not rated, or a mock loop running:
        # closing then asks, and offscreen an unanswered modal dialog waits forever.
        with patch.object(QMessageBox, "question", side_effect=answer):
            widget.close()

    window = build_main_window(data_dir)
    qtbot.addWidget(window, before_close_func=close_answering)
    qtbot.waitExposed(window)
    yield window
    close_answering(window)  # a no-op when pytest-qt's teardown closed it first
