"""Files and folders through the real main window: the data folder, restore, file dialogs."""

from __future__ import annotations

import os
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
)

from pm_prep.storage import backup
from pm_prep.ui import build_main_window, file_dialogs
from pm_prep.ui.data_folder import _LauncherWatch
from tests.gui.drive import child, choose, open_page, query

REPO = Path(__file__).resolve().parents[2]
YES = QMessageBox.StandardButton.Yes
NO = QMessageBox.StandardButton.No


def _db(data_dir: Path) -> Path:
    return data_dir / "pm_prep.sqlite3"


def _restore(window: Any, source: Path, answer: QMessageBox.StandardButton = YES) -> list[str]:
    """File > Restore backup with `source` chosen; returns the texts of the questions asked."""
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_rest: object) -> Any:
        asked.append(text)
        return answer

    with (
        patch.object(QFileDialog, "getOpenFileName", return_value=(str(source), "")),
        patch.object(QMessageBox, "question", side_effect=question),
        patch.object(QMessageBox, "information"),
    ):
        window.restore_action.trigger()
    return asked


def _folder_dialog(window: Any) -> Any:
    dialog = window.findChild(QDialog, "dataFolderDialog")
    return dialog if dialog is not None and dialog.isVisible() else None


# -- File > Open data folder ---------------------------------------------------------------------
def test_open_data_folder_without_a_file_manager_shows_the_path_to_copy(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty_bin = tmp_path / "no-tools"
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))  # no xdg-open on this system
    with patch.object(QDesktopServices, "openUrl", return_value=False) as open_url:
        main_window.open_folder_action.trigger()
    open_url.assert_called_once()
    assert open_url.call_args.args[0].toLocalFile() == str(data_dir)
    dialog = _folder_dialog(main_window)
    assert dialog is not None, "the failure was silent"
    assert str(data_dir) in dialog.text()
    assert "could not show your data folder" in dialog.text()
    path_field = dialog.findChild(QLabel, "dataFolderMessage").buddy()
    assert path_field.text() == str(data_dir) and path_field.isReadOnly()
    assert path_field.selectedText() == str(data_dir)  # selected, ready to copy
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(child(dialog, QPushButton, "copyDataFolderPath"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == str(data_dir)
    qtbot.mouseClick(child(dialog, QPushButton, "closeDataFolderDialog"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _folder_dialog(main_window) is None)


def _fake_xdg_open(folder: Path, exit_status: int) -> Path:
    """An xdg-open that writes the folder it was asked to open, then exits with `status`."""
    folder.mkdir()
    script = folder / "xdg-open"
    log = folder / "asked.txt"
    script.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{log}"\nexit {exit_status}\n')
    script.chmod(0o700)
    return log


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xdg-open is the Linux launcher")
def test_open_data_folder_says_so_when_xdg_open_fails(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _fake_xdg_open(tmp_path / "bin", exit_status=3)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    main_window.open_folder_action.trigger()
    qtbot.waitUntil(lambda: _folder_dialog(main_window) is not None, timeout=5000)
    assert log.read_text() == str(data_dir)
    text = _folder_dialog(main_window).text()
    assert "exit status 3" in text
    assert str(data_dir) in text


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xdg-open is the Linux launcher")
def test_open_data_folder_shows_nothing_more_when_it_worked(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _fake_xdg_open(tmp_path / "bin", exit_status=0)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    main_window.open_folder_action.trigger()
    assert main_window.findChildren(_LauncherWatch)
    qtbot.waitUntil(lambda: not main_window.findChildren(_LauncherWatch), timeout=5000)
    assert log.read_text() == str(data_dir)
    assert _folder_dialog(main_window) is None


# -- File > Restore backup -----------------------------------------------------------------------
def test_restore_from_a_folder_leaves_only_the_backup_there(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "my backups"
    source = backup.backup_database(_db(data_dir), folder / "before-the-trip.sqlite3")
    os.utime(source, (datetime(2026, 3, 14, 15, 9, tzinfo=UTC).timestamp(),) * 2)

    asked = _restore(main_window, source)

    assert sorted(p.name for p in folder.iterdir()) == ["before-the-trip.sqlite3"]
    assert len(asked) == 1
    moment = datetime(2026, 3, 14, 15, 9, tzinfo=UTC).astimezone()
    assert "before-the-trip.sqlite3" in asked[0]
    assert moment.strftime("%d %b %Y, %H:%M") in asked[0]  # the file's date
    safety = backup.list_backups(data_dir)
    assert [p for p in safety if "pre-restore" in p.name]


def test_the_restore_confirmation_names_a_pm_prep_backup_and_when_it_was_taken(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path
) -> None:
    made = backup.make_backup(data_dir, _db(data_dir), reason="daily")
    named = made.with_name("pm_prep-20260102-030405-000000-daily.sqlite3")
    made.rename(named)

    asked = _restore(main_window, named, answer=NO)

    assert len(asked) == 1
    text = asked[0]
    taken = datetime(2026, 1, 2, 3, 4, tzinfo=UTC).astimezone()
    assert named.name in text
    assert taken.strftime("%a %d %b %Y, %H:%M") in text
    assert "the daily backup" in text
    # What the current data becomes, and where its safety backup goes.
    assert "replaced" in text
    assert f"safety backup of your current data is saved in {backup.backup_dir(data_dir)}" in text
    assert not [p for p in backup.list_backups(data_dir) if "pre-restore" in p.name]


@pytest.mark.parametrize("shown", ["on screen", "hidden"])
def test_settings_show_the_restored_data_and_forget_saved_at(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path, shown: str
) -> None:
    earlier = backup.make_backup(data_dir, _db(data_dir), reason="manual")  # track "pm"
    page = open_page(qtbot, main_window, "settingsPage")
    status = child(page, QLabel, "settingsStatus")
    track = child(page, QComboBox, "trackSetting")
    choose(qtbot, track, "intern")
    assert status.text().startswith("✓ Saved at")
    if shown == "hidden":
        open_page(qtbot, main_window, "dashboardPage")

    _restore(main_window, earlier)

    if shown == "hidden":
        open_page(qtbot, main_window, "settingsPage")
    assert query(_db(data_dir), "SELECT value FROM settings WHERE key = 'track'") == []
    assert track.currentData() == "pm"
    assert status.text() == ""


# -- file dialogs remember their folder ----------------------------------------------------------
class _Dialogs:
    """QFileDialog's static functions, answering with prepared paths and noting where they start."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.answers: list[str] = []

    def __call__(self, _parent: object, _title: str, directory: str, *_rest: object) -> Any:
        self.started.append(directory)
        return (self.answers.pop(0) if self.answers else "", "")


def test_the_second_dialog_starts_where_the_first_ended_even_after_a_restart(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path, tmp_path: Path
) -> None:
    exports = tmp_path / "interview prep" / "exports"
    exports.mkdir(parents=True)
    home = Path.home()
    dialogs = _Dialogs()
    dialogs.answers = [str(exports / "answers.md")]
    with patch.object(QFileDialog, "getSaveFileName", side_effect=dialogs):
        main_window.export_action.trigger()  # File > Export answers
        assert (exports / "answers.md").exists()
        history = open_page(qtbot, main_window, "historyPage")
        qtbot.mouseClick(
            child(history, QPushButton, "historyExportButton"), Qt.MouseButton.LeftButton
        )  # cancelled
    assert dialogs.started == [
        str(home / "pm-prep-answers.md"),
        str(exports / "pm-prep-history.md"),
    ]
    main_window.close()

    again = build_main_window(data_dir)
    qtbot.addWidget(again)
    try:
        with patch.object(QFileDialog, "getSaveFileName", side_effect=dialogs):
            again.export_action.trigger()
        assert dialogs.started[-1] == str(exports / "pm-prep-answers.md")
    finally:
        again.close()


def test_question_files_and_backups_each_have_their_own_folder(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path, tmp_path: Path
) -> None:
    banks = tmp_path / "banks"
    banks.mkdir()
    bank = shutil.copy(REPO / "docs" / "examples" / "example-bank.toml", banks / "mine.toml")
    kept = tmp_path / "kept"
    source = backup.backup_database(_db(data_dir), kept / "copy.sqlite3")
    backup.make_backup(data_dir, _db(data_dir))  # the data folder's backups/ exists
    opened = _Dialogs()
    opened.answers = [str(bank), str(source)]
    saved = _Dialogs()
    with (
        patch.object(QFileDialog, "getOpenFileName", side_effect=opened),
        patch.object(QFileDialog, "getSaveFileName", side_effect=saved),
        patch.object(QMessageBox, "question", return_value=NO),
        patch.object(QMessageBox, "information"),  # "Questions imported"
    ):
        main_window.import_action.trigger()  # File > Import question bank
        qtbot.waitUntil(lambda: bool(main_window.ws.loaded.own))
        main_window.restore_action.trigger()  # chosen, then "No"
        main_window.restore_action.trigger()  # cancelled
        page = open_page(qtbot, main_window, "bankPage")
        qtbot.mouseClick(
            child(page, QPushButton, "exportQuestionsButton"), Qt.MouseButton.LeftButton
        )
        qtbot.mouseClick(
            child(page, QPushButton, "importQuestionsButton"), Qt.MouseButton.LeftButton
        )
    assert opened.started == [
        str(Path.home()),  # nothing remembered yet
        str(backup.backup_dir(data_dir)),  # the data folder's own backups at first
        str(kept),
        str(banks),  # the bank page's import: where File > Import ended
    ]
    assert saved.started == [str(banks / "my-pm-questions.toml")]


def test_a_folder_that_is_gone_falls_back_to_the_default(  # type: ignore[no-untyped-def]
    qtbot, main_window, tmp_path: Path
) -> None:
    gone = tmp_path / "usb stick"
    gone.mkdir()
    ws, runner = main_window.ws, main_window.runner
    file_dialogs.remember(runner, ws, file_dialogs.DEBRIEFS, gone / "debrief.md")
    assert file_dialogs.start_folder(ws, file_dialogs.DEBRIEFS) == gone
    gone.rmdir()
    assert file_dialogs.start_folder(ws, file_dialogs.DEBRIEFS) == Path.home()
    with pytest.raises(ValueError):
        file_dialogs.start_folder(ws, "pictures")
