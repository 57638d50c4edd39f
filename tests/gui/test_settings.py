"""The settings page through the real main window: saved at once, applied at once."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QSpinBox,
    QWidget,
)

from pm_prep.services.settings import load_settings
from pm_prep.storage.errors import DiskError
from pm_prep.ui import build_main_window, settings_page
from pm_prep.ui.settings_page import DEFAULT_LEAD_DAYS
from tests.gui.drive import child, choose, open_page, query


def _window_lightness() -> int:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness()


def _stored(data_dir: Path) -> dict[str, str]:
    return dict(query(data_dir / "pm_prep.sqlite3", "SELECT key, value FROM settings"))


def test_settings_are_saved_at_once_and_survive_a_restart(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path
) -> None:
    page = open_page(qtbot, main_window, "settingsPage")
    status = child(page, QLabel, "settingsStatus")

    choose(qtbot, child(page, QComboBox, "trackSetting"), "intern")
    assert "Saved" in status.text()
    assert _stored(data_dir)["track"] == "intern"

    no_date = child(page, QCheckBox, "noInterviewDateSetting")
    date_edit = child(page, QDateEdit, "interviewDateSetting")
    assert no_date.isChecked() and not date_edit.isEnabled()
    qtbot.mouseClick(no_date, Qt.MouseButton.LeftButton)
    assert date_edit.isEnabled()
    suggested = date.today() + timedelta(days=DEFAULT_LEAD_DAYS)
    assert _stored(data_dir)["interview_date"] == suggested.isoformat()
    # Arrow keys step the focused part of the date (the day, with this display format).
    date_edit.setFocus()
    qtbot.keyClick(date_edit, Qt.Key.Key_Up)
    assert _stored(data_dir)["interview_date"] == (suggested + timedelta(days=1)).isoformat()

    goal = child(page, QSpinBox, "dailyGoalSetting")
    goal.setFocus()
    goal.selectAll()
    qtbot.keyClicks(goal, "12")
    qtbot.keyClick(goal, Qt.Key.Key_Return)
    assert goal.value() == 12
    assert _stored(data_dir)["daily_goal"] == "12"

    choose(qtbot, child(page, QComboBox, "themeSetting"), "dark")
    assert _stored(data_dir)["theme"] == "dark"
    main_window.close()

    again = build_main_window(data_dir)
    qtbot.addWidget(again)
    try:
        page = again.settings_page
        assert child(page, QComboBox, "trackSetting").currentData() == "intern"
        assert child(page, QComboBox, "themeSetting").currentData() == "dark"
        assert child(page, QSpinBox, "dailyGoalSetting").value() == 12
        assert not child(page, QCheckBox, "noInterviewDateSetting").isChecked()
        shown = child(page, QDateEdit, "interviewDateSetting").date()
        assert (shown.year(), shown.month(), shown.day()) == (
            (suggested + timedelta(days=1)).year,
            (suggested + timedelta(days=1)).month,
            (suggested + timedelta(days=1)).day,
        )
        settings = load_settings(again.ws)
        assert (settings.track, settings.daily_goal, settings.theme) == ("intern", 12, "dark")
        assert _window_lightness() < 128  # the saved theme is applied at start
    finally:
        again.close()


def test_theme_applies_at_once(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, main_window, "settingsPage")
    theme_combo = child(page, QComboBox, "themeSetting")
    choose(qtbot, theme_combo, "dark")
    assert _window_lightness() < 128
    assert main_window.palette().color(QPalette.ColorRole.Window).lightness() < 128
    choose(qtbot, theme_combo, "light")
    assert _window_lightness() >= 128


def test_track_and_date_reach_practice_and_dashboard(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, main_window, "settingsPage")
    choose(qtbot, child(page, QComboBox, "trackSetting"), "intern")
    assert main_window.practice_page.track_filter.currentData() == "intern"
    qtbot.mouseClick(child(page, QCheckBox, "noInterviewDateSetting"), Qt.MouseButton.LeftButton)

    dashboard = open_page(qtbot, main_window, "dashboardPage")
    assert child(dashboard, QLabel, "dashboardTrack").text() == "Product intern track"
    # The intern track does not count product strategy or execution.
    assert set(dashboard.skills.displayed()) == {
        "analytical",
        "communication",
        "technical",
        "user_centric",
        "creativity",
    }
    countdown = child(dashboard, QLabel, "interviewCountdown").text()
    assert countdown.startswith(f"{DEFAULT_LEAD_DAYS} days to your interview")

    # Back to "no date": the dashboard asks for one again.
    page = open_page(qtbot, main_window, "settingsPage")
    qtbot.mouseClick(child(page, QCheckBox, "noInterviewDateSetting"), Qt.MouseButton.LeftButton)
    dashboard = open_page(qtbot, main_window, "dashboardPage")
    assert child(dashboard, QLabel, "interviewCountdown").text() == "No interview date set."
    assert child(dashboard, QWidget, "setInterviewDateButton").isVisible()


def test_a_storage_error_is_shown_plainly(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, main_window, "settingsPage")

    def disk_full(*_args: object) -> None:
        raise DiskError(f"Could not write to {data_dir}: disk is full. Nothing was changed.")

    # The tests run as root, for whom no file permission fails a write: inject the failure.
    monkeypatch.setattr(settings_page, "save_settings", disk_full)
    choose(qtbot, child(page, QComboBox, "trackSetting"), "intern")
    status = child(page, QLabel, "settingsStatus").text()
    assert status == f"Not saved: Could not write to {data_dir}: disk is full. Nothing was changed."
    assert _stored(data_dir).get("track", "pm") == "pm"
    # Nothing else acted on a setting that was not stored.
    assert main_window.practice_page.track_filter.currentData() == "pm"
