"""How pages are built, hear about changes, forget a restored database, time and filter."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QPlainTextEdit, QPushButton, QWidget

from pm_prep.services.changes import Changes
from pm_prep.storage import backup
from tests.gui.drive import child, open_page, query

CTRL = Qt.KeyboardModifier.ControlModifier


def _db(data_dir: Path) -> Path:
    return data_dir / "pm_prep.sqlite3"


def _submit(
    qtbot, page: QWidget, text: str = "Clarify the goal, then segment by platform."
) -> None:  # type: ignore[no-untyped-def]
    editor = child(page, QPlainTextEdit, "answerEditor")
    editor.setFocus()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)


def test_every_page_is_listed_at_once_and_built_when_first_shown(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    nav = child(main_window, QListWidget, "navigation")
    names = [nav.item(row).data(Qt.ItemDataRole.UserRole) for row in range(nav.count())]
    assert names == main_window.pages.names
    assert {"dashboardPage", "practicePage", "settingsPage"} <= set(names)
    assert main_window.findChild(QWidget, "practicePage") is None  # not built before it is needed
    page = open_page(qtbot, main_window, "practicePage")
    assert page.isVisible() and main_window.pages.is_built("practicePage")


def test_the_rest_is_built_in_idle_time(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    main_window.pages.build_rest_when_idle()
    qtbot.waitUntil(lambda: all(main_window.pages.is_built(n) for n in main_window.pages.names))
    assert main_window.pages.current_name() == "dashboardPage"


def test_a_hidden_dashboard_never_refreshes_and_catches_up_when_shown(  # type: ignore[no-untyped-def]
    qtbot, main_window, practise
) -> None:
    dashboard = main_window.dashboard_page
    before = dashboard.refresh_count
    practise(main_window, 4, skill="analytical")  # a submit and a rating, dashboard hidden
    assert dashboard.refresh_count == before
    assert dashboard.stale
    open_page(qtbot, main_window, "dashboardPage")
    assert dashboard.refresh_count == before + 1
    assert dashboard.report.attempts == 1
    assert child(dashboard, QWidget, "overallReadiness").value() > 0


def test_a_submitted_answer_alone_reaches_the_dashboard(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    page = open_page(qtbot, main_window, "practicePage")
    _submit(qtbot, page)
    with patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.No):
        dashboard = open_page(qtbot, main_window, "dashboardPage")  # "rate it later"
    assert dashboard.view.summary.unrated == 1
    assert dashboard.findChild(QWidget, "dashboardEmptyState").done()[1]  # "answer" step done


def test_after_a_restore_a_rating_is_never_written_into_the_restored_data(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path
) -> None:
    empty_backup = backup.make_backup(data_dir, _db(data_dir), reason="manual")
    page = open_page(qtbot, main_window, "practicePage")
    old_question = page.question
    _submit(qtbot, page)
    assert page.attempt_id is not None
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    with (
        patch.object(QFileDialog, "getOpenFileName", return_value=(str(empty_backup), "")),
        patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes),
        patch.object(QMessageBox, "information"),
    ):
        main_window.restore_action.trigger()
    assert page.attempt_id is None
    save = child(page, QPushButton, "saveRatingButton")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.keyClick(page, Qt.Key.Key_S, CTRL)
    assert query(_db(data_dir), "SELECT COUNT(*) FROM attempts") == [(0,)]
    assert query(_db(data_dir), "SELECT COUNT(*) FROM criterion_scores") == [(0,)]
    assert page.question is not None  # a question of the restored data, freshly loaded
    assert not child(page, QPlainTextEdit, "answerEditor").isReadOnly()
    assert old_question is not None


def test_the_timer_counts_only_while_the_question_is_on_screen(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path
) -> None:
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    page = open_page(qtbot, main_window, "practicePage")
    now = [1000.0]
    page._pause_clock()
    page._clock = lambda: now[0]
    page._counted = 0.0
    page._sync_clock()
    now[0] += 5
    assert page._elapsed() == 5
    open_page(qtbot, main_window, "dashboardPage")
    now[0] += 600  # ten minutes on the dashboard do not count
    page = open_page(qtbot, main_window, "practicePage")
    now[0] += 2
    assert page._elapsed() == 7
    _submit(qtbot, page, "Short.")
    rows = query(_db(data_dir), "SELECT duration_s FROM attempts")
    assert rows == [(7,)]


def test_filters_set_from_code_choose_the_question_as_a_click_does(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, main_window, "practicePage")
    skill = child(page, QComboBox, "skillFilter")
    track = child(page, QComboBox, "trackFilter")
    mode = child(page, QComboBox, "modeFilter")
    for skill_id in ("creativity", "technical", "analytical"):
        skill.setCurrentIndex(skill.findData(skill_id))
        assert page.question is not None and page.question.skill == skill_id
    track.setCurrentIndex(track.findData("intern"))
    assert "intern" in page.question.tracks and page.question.skill == "analytical"
    mode.setCurrentIndex(mode.findData("random"))
    assert page.question.skill == "analytical" and "intern" in page.question.tracks


def test_changes_reach_every_built_page(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    settings = open_page(qtbot, main_window, "settingsPage")
    dashboard = main_window.dashboard_page
    before = (settings.refresh_count, dashboard.refresh_count)
    main_window.runner.changed.emit(Changes.DRAFTS)  # concerns neither page
    assert (settings.refresh_count, dashboard.refresh_count) == before
    main_window.runner.changed.emit(Changes.SETTINGS)
    assert settings.refresh_count == before[0] + 1  # on screen: at once
    assert dashboard.refresh_count == before[1] and dashboard.stale  # hidden: later


def test_leaving_an_unrated_answer_offers_to_rate_it_now(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    page = open_page(qtbot, main_window, "practicePage")
    _submit(qtbot, page)
    nav = child(main_window, QListWidget, "navigation")
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    with patch.object(QMessageBox, "question", return_value=yes) as asked:
        nav.setCurrentRow(main_window.pages.names.index("dashboardPage"))
    assert asked.called and "not rated yet" in asked.call_args.args[2]
    assert main_window.pages.current_name() == "practicePage"  # stayed to rate it
    assert nav.currentRow() == main_window.pages.names.index("practicePage")
    with patch.object(QMessageBox, "question", return_value=no):
        nav.setCurrentRow(main_window.pages.names.index("dashboardPage"))
    assert main_window.pages.current_name() == "dashboardPage"  # rated later, from History
