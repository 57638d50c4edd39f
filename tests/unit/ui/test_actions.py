"""The action runner: environment errors become messages, bugs a dialog, writes announce changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from unittest.mock import patch

import pytest

from pm_prep.services.changes import Changes, writes
from pm_prep.storage.errors import DiskError
from pm_prep.ui import actions
from pm_prep.ui.actions import ActionRunner, environment_message


@writes(Changes.RATINGS)
def _rate(value: int) -> int:
    return value * 2


@writes(Changes.RATINGS)
def _full_disk() -> None:
    raise DiskError("The disk is full. Nothing was changed.")


def _bug() -> None:
    raise KeyError("a bug")


@pytest.fixture
def runner(qtbot, tmp_path: Path) -> ActionRunner:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    return ActionRunner(parent, lambda: tmp_path / "pm_prep.sqlite3")


def test_a_write_announces_what_it_changed(qtbot, runner: ActionRunner) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(runner.changed) as blocker:
        outcome = runner.run(_rate, 21)
    assert outcome.ok and outcome.value == 42
    assert blocker.args == [Changes.RATINGS]


def test_an_environment_error_is_a_plain_message_and_announces_nothing(  # type: ignore[no-untyped-def]
    qtbot, runner: ActionRunner
) -> None:
    with qtbot.assertNotEmitted(runner.changed):
        outcome = runner.run(_full_disk, quiet=True)
    assert outcome.error == "The disk is full. Nothing was changed."
    assert not outcome.bug


def test_a_bug_opens_the_bug_dialog_with_the_traceback(runner: ActionRunner) -> None:
    with patch.object(actions, "show_bug") as shown:
        outcome = runner.run(_bug, quiet=True)
    assert outcome.bug and not outcome.ok
    kind, exc = shown.call_args.args[1:3]
    assert kind is KeyError and "a bug" in str(exc)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (sqlite3.SQLITE_FULL, "is full"),
        (sqlite3.SQLITE_READONLY, "cannot be written"),
        (sqlite3.SQLITE_IOERR_WRITE, "Could not read or write"),
        (sqlite3.SQLITE_CORRUPT, "is damaged"),
        (sqlite3.SQLITE_NOTADB, "is damaged"),
        (sqlite3.SQLITE_BUSY, "is busy"),
    ],
)
def test_sqlite_errors_are_sorted_by_their_code_not_their_text(code: int, expected: str) -> None:
    error = sqlite3.OperationalError("words that say nothing useful")
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    message = environment_message(error, Path("/data/pm_prep.sqlite3"))
    assert message is not None and expected in message


def test_an_sqlite_error_of_no_known_code_is_a_bug() -> None:
    error = sqlite3.OperationalError("disk is full")  # the text alone decides nothing
    error.sqlite_errorcode = sqlite3.SQLITE_ERROR  # type: ignore[attr-defined]
    assert environment_message(error, Path("/data/pm_prep.sqlite3")) is None


def test_every_service_write_says_what_it_changes() -> None:
    from pm_prep.services import bank_import, practice, self_assessment, settings, workspace
    from pm_prep.services.changes import changes_of

    for function, expected in (
        (practice.save_draft, Changes.DRAFTS),
        (practice.submit_answer, Changes.ATTEMPTS),
        (practice.rate_attempt, Changes.RATINGS),
        (settings.save_settings, Changes.SETTINGS),
        (self_assessment.record_self_assessment, Changes.SELF_ASSESSMENT),
        (bank_import.import_bank, Changes.CATALOG),
        (workspace.reopen_after_restore, Changes.EVERYTHING),
    ):
        assert changes_of(function) == expected, function.__name__
