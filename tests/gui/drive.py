"""Small helpers for driving the real main window in GUI tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QMainWindow, QWidget


def open_page(qtbot: Any, window: QMainWindow, object_name: str) -> QWidget:
    """Click the navigation entry whose page has `object_name`; returns the page.

    Pages are built when first shown, so the page is looked up after the click.
    """
    nav = window.findChild(QListWidget, "navigation")
    assert nav is not None
    for row in range(nav.count()):
        item = nav.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == object_name:
            rect = nav.visualItemRect(item)
            qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            break
    else:
        raise AssertionError(f"{object_name} is not in the navigation")
    page = window.findChild(QWidget, object_name)
    assert page is not None, f"no page {object_name}"
    qtbot.waitUntil(lambda: page.isVisible())
    return page


def child(window: QWidget, cls: type, name: str) -> Any:
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def query(db_path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Read the database through a separate sqlite3 connection, as another process would."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def choose(qtbot: Any, combo: QComboBox, data: str) -> None:
    """Pick the entry holding `data` with the arrow keys, as a user would."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0, f"{combo.objectName()} has no entry {data!r}"
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def demo_folder(parent: Path, *, attempts: int, days: int, seed: int) -> Path:
    """A data folder with `attempts` demo attempts over `days` days: make it once a module."""
    from pm_prep.services.demo import fill_demo_history
    from pm_prep.services.workspace import open_workspace

    folder = parent / "data"
    ws = open_workspace(folder)
    try:
        fill_demo_history(ws, attempts=attempts, days=days, seed=seed)
    finally:
        ws.close()
    return folder


def copy_of(folder: Path, data_dir: Path) -> Path:
    """A test's own copy of a module's demo folder (without its lock)."""
    import shutil

    from pm_prep.storage.lock import LOCK_NAME

    shutil.copytree(folder, data_dir, ignore=shutil.ignore_patterns(LOCK_NAME))
    return data_dir
