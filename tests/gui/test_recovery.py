"""Bad days: a damaged database at start, and a disk that refuses a save."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPlainTextEdit

from pm_prep.services import practice
from pm_prep.services.workspace import database_path, open_workspace
from pm_prep.storage import backup
from pm_prep.storage.errors import DatabaseDamagedError, DiskError
from pm_prep.ui import app as app_module
from tests.gui.drive import child, open_page, query

CTRL = Qt.KeyboardModifier.ControlModifier


def _folder_with_one_attempt(data_dir: Path) -> str:
    ws = open_workspace(data_dir)
    try:
        question = ws.catalog.questions_for("technical")[0]
        now = datetime.now(UTC)
        practice.submit_answer(
            ws, question.id, "Kept safe in a backup", started_at=now, duration_s=60, hints_used=0
        )
        backup.make_backup(data_dir, database_path(data_dir), reason="test")
    finally:
        ws.close()
    return question.id


def _damage(data_dir: Path) -> None:
    path = database_path(data_dir)
    path.write_bytes(b"this is not an SQLite database at all" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def test_damaged_database_is_moved_aside_and_the_backup_restored(
    qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    question_id = _folder_with_one_attempt(data_dir)
    _damage(data_dir)
    asked: list[str] = []

    def answer_yes(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    with pytest.raises(DatabaseDamagedError) as damaged:
        open_workspace(data_dir).close()
    ws = app_module._recover_damaged(data_dir, damaged.value, quiet=False)
    assert ws is not None
    assert "moved aside, not deleted" in asked[0]
    moved = list(data_dir.glob("pm_prep.sqlite3.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes().startswith(b"this is not")
    rows = query(database_path(data_dir), "SELECT question_id, answer_text FROM attempts")
    assert rows == [(question_id, "Kept safe in a backup")]
    ws.close()


def test_damaged_database_without_backup_starts_empty_and_says_so(
    qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    open_workspace(data_dir).close()
    _damage(data_dir)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(str(args[2])))
    with pytest.raises(DatabaseDamagedError) as damaged:
        open_workspace(data_dir).close()
    ws = app_module._recover_damaged(data_dir, damaged.value, quiet=False)
    assert ws is not None
    assert "No good backup" in warned[0]
    assert query(database_path(data_dir), "SELECT COUNT(*) FROM attempts") == [(0,)]
    assert list(data_dir.glob("pm_prep.sqlite3.corrupt-*"))
    ws.close()


def test_a_refused_save_keeps_the_answer_and_says_why(
    qtbot, main_window, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, main_window, "practicePage")
    editor = child(page, QPlainTextEdit, "answerEditor")
    editor.setFocus()
    qtbot.keyClicks(editor, "An answer the disk would not take")

    def disk_full(*_args: object, **_kwargs: object) -> int:
        raise DiskError("Could not write to the database: disk is full. Nothing was changed.")

    monkeypatch.setattr(practice, "submit_answer", disk_full)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    message = child(page, QLabel, "practiceMessage").text()
    assert "Not submitted" in message and "disk is full" in message
    assert editor.toPlainText() == "An answer the disk would not take"
    assert not editor.isReadOnly()

    monkeypatch.undo()  # the disk has room again: the same answer goes through
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    assert query(database_path(data_dir), "SELECT answer_text FROM attempts") == [
        ("An answer the disk would not take",)
    ]
