"""On start-up, after the dashboard's first paint: offer to resume a loop left running.

Cheap when there is nothing to resume: one query through the plain sqlite3 connection, and
neither the mock services nor the page are imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from pm_prep.ui.main_window import MainWindow


def running_session(window: MainWindow) -> tuple[int, str] | None:
    """(session id, template id) of a loop left running, if any."""
    with window.ws.db.raw() as conn:
        row = conn.execute(
            "SELECT id, template_id FROM mock_sessions WHERE state = 'running' "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def offer_resume_when_idle(window: MainWindow) -> None:
    """Ask once the event loop is idle (the first frame is on screen by then)."""
    QTimer.singleShot(0, lambda: offer_resume(window))


def offer_resume(window: MainWindow) -> None:
    """A loop was running when the app last stopped: resume it (time left as it was) or end it."""
    if window._ws is None:  # closed before the idle turn came
        return
    found = running_session(window)
    if found is None:
        return
    from PySide6.QtWidgets import QMessageBox

    from pm_prep.services import mock

    state = mock.running_mock(window.ws)
    if state is None:
        return
    from pm_prep.domain.insights import format_duration

    text = (
        f"Your mock interview “{state.template_name}” was still running when PM Prep last "
        f"stopped, in {state.round_label(state.current_round)} with "
        f"{format_duration(state.round_left_s)} left in the round and "
        f"{format_duration(state.loop_left_s)} in the interview.\n\n"
        "Yes: resume it now, with every word you typed and the time left as it was.\n"
        "No: end it now and keep what you wrote for the debrief.\n"
        "Cancel: decide later (it waits on the Mock interview page)."
    )
    answer = QMessageBox.question(
        window,
        "Resume your mock interview?",
        text,
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Yes,
    )
    if answer == QMessageBox.StandardButton.Yes:
        window.show_page("mockPage")
    elif answer == QMessageBox.StandardButton.No:
        page = window.pages.page("mockPage")
        end = getattr(page, "end_running", None)
        if callable(end):
            end()
