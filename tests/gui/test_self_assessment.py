"""The self-assessment page through the real main window, against a real database file."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QPushButton, QTableView, QWidget

from pm_prep import cli
from pm_prep.services import self_assessment
from pm_prep.services.calibration import CACHE_NAME
from pm_prep.services.demo import fill_demo_history
from pm_prep.services.self_assessment import load_self_assessment, record_self_assessment
from pm_prep.services.workspace import cache_dir, database_path, open_workspace
from pm_prep.storage.errors import DiskError
from tests.gui.conftest import LEVEL_KEYS
from tests.gui.drive import child, choose, open_page, query

STATEMENTS = load_self_assessment()


def _rate_statements(qtbot, page: QWidget, skill: str, levels: list[int]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Focus each statement in turn and press its level key, as a user would."""
    chosen = {}
    for statement, level in zip(STATEMENTS.for_skill(skill), levels, strict=True):
        selector = child(page, QWidget, f"statement_{statement.id}")
        selector.setFocus()
        qtbot.waitUntil(selector.hasFocus)
        qtbot.keyClick(selector, LEVEL_KEYS[level])
        assert selector.value() == level
        chosen[statement.id] = level
    return chosen


def _save(qtbot, page: QWidget) -> str:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(child(page, QPushButton, "saveAssessmentButton"), Qt.MouseButton.LeftButton)
    return child(page, QLabel, "assessmentStatus").text()


def _stats(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert cli.main(["--data-dir", str(data_dir), "stats", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _detail_words(page: QWidget) -> str:
    detail = child(page, QWidget, "skillDetail")
    return "\n".join(label.text() for label in detail.findChildren(QLabel) if label.isVisible())


def _wait_calibrated(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: page.calibration_data is not None and not page.analysing and page.chart.loaded,
        timeout=30_000,
    )


def test_rating_with_keys_and_saving_reaches_the_dashboard_and_stats(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path, practise, capsys
) -> None:
    practise(main_window, 3, skill="analytical")  # a started skill shows its inputs
    dashboard = open_page(qtbot, main_window, "dashboardPage")
    dashboard.skills.select("analytical")
    assert "not taken (weight goes to performance)" in _detail_words(dashboard)
    assert _stats(data_dir, capsys)["skills"]["analytical"]["self_assessment"] is None

    page = open_page(qtbot, main_window, "selfAssessmentPage")
    choose(qtbot, child(page, QComboBox, "assessmentSkill"), "analytical")
    levels = _rate_statements(qtbot, page, "analytical", [4, 4, 5, 3, 4])
    assert child(page, QLabel, "assessmentStatus").text() == "Changed, not saved yet."
    status = _save(qtbot, page)
    assert status.startswith("Saved at ") and "Analytical 75/100 (4/5)" in status

    # Committed before the page said so: read through a separate connection.
    rows = query(
        database_path(data_dir), "SELECT skill_id, score, answers_json FROM self_assessments"
    )
    assert [(r[0], r[1], json.loads(r[2])) for r in rows] == [("analytical", 75.0, levels)]
    history = child(page, QTableView, "assessmentHistory")
    assert history.model().rowCount() == 1
    assert history.model().index(0, 1).data() == "75 (4/5)"

    # The dashboard's self-assessment input and `stats --json` change at once.
    dashboard = open_page(qtbot, main_window, "dashboardPage")
    assert dashboard.report.skills["analytical"].self_assessment == pytest.approx(75.0)
    dashboard.skills.select("analytical")
    assert "75/100" in _detail_words(dashboard)
    assert _stats(data_dir, capsys)["skills"]["analytical"]["self_assessment"] == 75.0


def test_the_reminder_opens_the_page_and_goes_once_every_skill_is_assessed(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path
) -> None:
    dashboard = open_page(qtbot, main_window, "dashboardPage")
    reminder = child(dashboard, QWidget, "assessmentReminder")
    assert reminder.isVisible()
    due = [d.skill for d in dashboard.view.assessments_due]
    assert reminder.skill == due[0]
    assert "Self-assessment due for" in child(reminder, QLabel, "assessmentReminderText").text()

    for expected in due:
        qtbot.mouseClick(
            child(reminder, QPushButton, "assessmentReminderButton"), Qt.MouseButton.LeftButton
        )
        page = child(main_window, QWidget, "selfAssessmentPage")
        qtbot.waitUntil(page.isVisible)
        assert child(page, QComboBox, "assessmentSkill").currentData() == expected
        assert _save(qtbot, page).startswith("Saved")
        dashboard = open_page(qtbot, main_window, "dashboardPage")
    assert not reminder.isVisible()
    assert {
        r[0] for r in query(database_path(data_dir), "SELECT skill_id FROM self_assessments")
    } >= set(due)

    # Fifteen days on, the oldest assessment is due again.
    with main_window.ws.db.raw() as conn:
        conn.execute(
            "UPDATE self_assessments SET taken_at = ? WHERE skill_id = ?",
            ((datetime.now(UTC) - timedelta(days=15)).strftime("%Y-%m-%d %H:%M:%S.%f"), due[1]),
        )
        conn.commit()
    dashboard.refresh()
    assert reminder.isVisible() and reminder.skill == due[1]
    text = child(reminder, QLabel, "assessmentReminderText").text()
    assert "self-assessment is 15 days old" in text


def test_the_note_says_where_ratings_and_evidence_disagree(  # type: ignore[no-untyped-def]
    qtbot, main_window, practise
) -> None:
    # Three answers with little content, each rated 5 on every criterion.
    for _ in range(3):
        practise(main_window, 5, skill="technical")
    page = open_page(qtbot, main_window, "selfAssessmentPage")
    choose(qtbot, child(page, QComboBox, "assessmentSkill"), "technical")
    _rate_statements(qtbot, page, "technical", [5, 5, 5, 5, 5])
    _save(qtbot, page)
    _wait_calibrated(qtbot, page)
    note = child(page, QLabel, "calibrationNote").text()
    evidence = page.calibration_data.calibration().evidence
    assert evidence is not None and evidence < 50
    assert note.startswith(
        "You assess yourself at 5/5 and rate your Technical answers 5/5 on average, but they "
        f"cover {evidence:.0f}% of the talking points"
    )
    points = page.chart.series_points()
    assert [y for _, y in points["self"]][-1] == 100.0
    assert [y for _, y in points["ratings"]] == [100.0]
    assert [y for _, y in points["evidence"]] == [pytest.approx(evidence)]


def test_a_new_skill_says_what_is_missing(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, main_window, "selfAssessmentPage")
    choose(qtbot, child(page, QComboBox, "assessmentSkill"), "execution")
    _wait_calibrated(qtbot, page)
    note = child(page, QLabel, "calibrationNote").text()
    assert note == (
        "Too little to compare yet: take this self-assessment, then answer and rate 3 "
        "Execution questions."
    )
    assert child(page, QTableView, "assessmentHistory").model().rowCount() == 0
    assert "No assessments of Execution yet" in child(page, QLabel, "assessmentHistoryEmpty").text()


def test_levels_changed_on_another_skill_are_kept_until_saved(qtbot, main_window, data_dir) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, main_window, "selfAssessmentPage")
    combo = child(page, QComboBox, "assessmentSkill")
    choose(qtbot, combo, "analytical")
    _rate_statements(qtbot, page, "analytical", [1, 2, 3, 4, 5])
    choose(qtbot, combo, "communication")
    open_page(qtbot, main_window, "dashboardPage")
    page = open_page(qtbot, main_window, "selfAssessmentPage")
    choose(qtbot, combo, "analytical")
    ids = [s.id for s in STATEMENTS.for_skill("analytical")]
    assert [child(page, QWidget, f"statement_{i}").value() for i in ids] == [1, 2, 3, 4, 5]
    assert page.has_unsaved()
    assert query(database_path(data_dir), "SELECT COUNT(*) FROM self_assessments") == [(0,)]
    # Ctrl+S saves here too; the next visit starts from the saved levels.
    qtbot.keyClick(
        child(page, QWidget, f"statement_{ids[0]}"),
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier,
    )
    assert not page.has_unsaved()
    (row,) = query(database_path(data_dir), "SELECT answers_json FROM self_assessments")
    assert json.loads(row[0]) == dict(zip(ids, [1, 2, 3, 4, 5], strict=True))
    assert (
        child(page, QLabel, "assessmentBaseline")
        .text()
        .startswith("Starting from your last assessment")
    )


def test_closing_with_unsaved_levels_asks_and_can_save(  # type: ignore[no-untyped-def]
    qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pm_prep.ui import build_main_window

    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    page = open_page(qtbot, window, "selfAssessmentPage")
    choose(qtbot, child(page, QComboBox, "assessmentSkill"), "analytical")
    _rate_statements(qtbot, page, "analytical", [5, 5, 5, 5, 4])
    asked = []

    def answer(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Save

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.close()
    assert asked and "self-assessment of Analytical" in asked[0]
    rows = query(database_path(data_dir), "SELECT skill_id, score FROM self_assessments")
    assert rows == [("analytical", 95.0)]


def test_a_refused_save_keeps_the_levels_and_says_why(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, main_window, "selfAssessmentPage")
    choose(qtbot, child(page, QComboBox, "assessmentSkill"), "analytical")
    levels = _rate_statements(qtbot, page, "analytical", [2, 2, 2, 2, 2])

    def disk_full(*_args: object, **_kwargs: object) -> float:
        raise DiskError("Could not write to the database: disk is full. Nothing was changed.")

    monkeypatch.setattr(self_assessment, "record_self_assessment", disk_full)
    status = _save(qtbot, page)
    assert status.startswith("Not saved: Could not write") and "still here" in status
    assert page.has_unsaved()
    monkeypatch.undo()
    assert _save(qtbot, page).startswith("Saved")
    (row,) = query(database_path(data_dir), "SELECT answers_json FROM self_assessments")
    assert json.loads(row[0]) == levels


def test_a_restore_forgets_the_old_databases_assessments(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path
) -> None:
    page = open_page(qtbot, main_window, "selfAssessmentPage")
    choose(qtbot, child(page, QComboBox, "assessmentSkill"), "analytical")
    _rate_statements(qtbot, page, "analytical", [1, 1, 1, 1, 1])  # unsaved
    from pm_prep.services.changes import Changes

    page.notify(Changes.EVERYTHING)
    assert not page.has_unsaved()
    assert [
        child(page, QWidget, f"statement_{s.id}").value()
        for s in STATEMENTS.for_skill("analytical")
    ] == [3] * 5


def test_thousands_of_attempts_open_fast_and_the_evidence_is_cached(  # type: ignore[no-untyped-def]
    qtbot, data_dir: Path
) -> None:
    from pm_prep.ui import build_main_window

    ws = open_workspace(data_dir)
    try:
        fill_demo_history(ws, attempts=3000, days=120, seed=7)
        record_self_assessment(ws, "analytical", {"an-sa-1": 4}, now=datetime.now(UTC))
    finally:
        ws.close()
    for visit in ("first", "again"):
        window = build_main_window(data_dir)
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        page = window.pages.page("selfAssessmentPage")  # built, as in idle time
        started = time.perf_counter()
        open_page(qtbot, window, "selfAssessmentPage")
        opened = time.perf_counter() - started
        choose(qtbot, child(page, QComboBox, "assessmentSkill"), "analytical")
        _wait_calibrated(qtbot, page)
        data = page.calibration_data
        weeks = len(data.performance)
        assert weeks >= 17
        points = page.chart.series_points()
        assert len(points["ratings"]) == weeks and len(points["evidence"]) >= weeks - 1
        assert len(data.sampled) <= 10 * weeks  # a sample, not every answer
        note = child(page, QLabel, "calibrationNote").text()
        assert "Compared over your latest 10 answers." in note
        if visit == "again":
            assert not data.pending and opened < 2.0  # generous: a shared machine
        window.close()
    assert (cache_dir(data_dir) / CACHE_NAME).exists()
