"""A loop survives the process being killed: the next start offers to resume it, every word
typed and the time left as they were. The loop runs in a real child process, killed with
SIGKILL once its draft is on disk."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QPlainTextEdit

from pm_prep.ui import build_main_window
from tests.gui.drive import child, query

TYPED = "Clarify the goal first. "
PASTED = "Then retention 📈 for سلام and שלום users."
USED_S = 83  # seconds of the round used before the kill (the child's clock says so)

CHILD = """
import sqlite3, sys
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QPlainTextEdit, QPushButton
app = QApplication(sys.argv[:1])
from pm_prep.ui import build_main_window
data_dir = Path(sys.argv[1])
window = build_main_window(data_dir)
page = window.show_page("mockPage")
now = [5000.0]
page.clock = lambda: now[0]
combo = page.findChild(QComboBox, "mockTemplate")
combo.setCurrentIndex(combo.findData("pm-analytical"))
QTest.mouseClick(page.findChild(QPushButton, "startMockButton"), Qt.MouseButton.LeftButton)
now[0] += float(sys.argv[2])
editor = page.findChild(QPlainTextEdit, "answerEditor")
editor.setFocus()
QTest.keyClicks(editor, sys.argv[3])
editor.insertPlainText(sys.argv[4])
expected = editor.toPlainText()

def saved():
    conn = sqlite3.connect(f"file:{data_dir / 'pm_prep.sqlite3'}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT text FROM mock_rounds WHERE round_index = 0").fetchone()
    finally:
        conn.close()
    if row is not None and row[0] == expected:
        print("saved", flush=True)  # the parent kills this process now
    else:
        QTimer.singleShot(50, saved)

QTimer.singleShot(0, saved)
app.exec()
"""


def _wait_for_line(process: subprocess.Popen[str], timeout: float) -> str:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    if not ready:
        process.kill()
        raise AssertionError("the child never said its draft was saved")
    return process.stdout.readline().strip()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_loop_is_offered_for_resume_with_every_word_and_the_time_left(  # type: ignore[no-untyped-def]
    qtbot, data_dir: Path
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software"}
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), str(USED_S), TYPED, PASTED],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert _wait_for_line(process, 90) == "saved"
    finally:
        os.kill(process.pid, signal.SIGKILL)  # no goodbye: no close event, no flush
        process.wait(30)
        assert process.stdout is not None
        process.stdout.close()
    assert process.returncode == -signal.SIGKILL
    db = data_dir / "pm_prep.sqlite3"
    assert query(db, "SELECT state, round_elapsed_s FROM mock_sessions") == [("running", USED_S)]

    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    assert not window.pages.is_built("mockPage")  # nothing of the mock page before the offer
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    with patch.object(QMessageBox, "question", side_effect=answer):
        window.load_rest_when_idle()  # what the first paint of the dashboard calls
        qtbot.waitUntil(lambda: window.pages.current_name() == "mockPage", timeout=10_000)
        page = window.pages.page("mockPage")
        assert len(asked) == 1
        left = 5 * 60 - USED_S
        assert f"{left // 60}:{left % 60:02d} left in the round" in asked[0]
        editor = child(page, QPlainTextEdit, "answerEditor")
        assert editor.isVisible()
        assert editor.toPlainText() == TYPED + PASTED
        assert child(page, QLabel, "mockProgress").text() == "Round 1 of 4 · Introduction"
        assert USED_S <= page.loop.round_elapsed() < USED_S + 2
        assert (
            child(page, QLabel, "mockTimer")
            .text()
            .startswith(("Round 3:37 left", "Round 3:36 left"))
        )
        # The other pages are built in idle time meanwhile; let them finish before closing.
        qtbot.waitUntil(lambda: all(window.pages.is_built(n) for n in window.pages.names))
        window.close()  # asks again (answered Yes): the loop stays for the next start
    assert query(db, "SELECT state FROM mock_sessions") == [("running",)]


def test_ending_a_killed_loop_from_the_offer_keeps_what_was_written(  # type: ignore[no-untyped-def]
    qtbot, data_dir: Path
) -> None:
    import random

    from pm_prep.services import mock
    from pm_prep.services.workspace import open_workspace

    ws = open_workspace(data_dir)
    try:
        state = mock.start_mock(ws, "pm-analytical", rng=random.Random(5))
        mock.save_round_draft(
            ws, state.session_id, 0, "Left behind", round_elapsed_s=30, loop_elapsed_s=30
        )
    finally:
        ws.close()  # as good as a kill for the database: the loop is still running
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    with patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.No):
        window.load_rest_when_idle()
        db = data_dir / "pm_prep.sqlite3"
        qtbot.waitUntil(lambda: query(db, "SELECT state FROM mock_sessions") == [("ended",)])
    assert window.pages.current_name() == "dashboardPage"
    assert query(db, "SELECT answer_text FROM attempts") == [("Left behind",)]
    qtbot.waitUntil(lambda: all(window.pages.is_built(n) for n in window.pages.names))
    assert query(db, "SELECT status FROM mock_rounds ORDER BY round_index") == [
        ("answered",),
        ("skipped",),
        ("skipped",),
        ("skipped",),
    ]
    window.close()
