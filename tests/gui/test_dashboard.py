"""The readiness dashboard through the real main window, against a real database file."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QToolButton, QWidget

from pm_prep import cli
from pm_prep.domain.readiness import (
    ScoredAttempt,
    SkillInputs,
    attempt_score,
    overall_readiness,
    skill_readiness,
)
from pm_prep.services import practice
from pm_prep.services.readiness import (
    current_readiness,
    questions_in_track,
    readiness_trend,
    retention_by_skill,
)
from pm_prep.services.self_assessment import record_self_assessment
from pm_prep.ui.readiness_text import plain_tooltip
from tests.gui.drive import child, open_page

pytestmark = pytest.mark.usefixtures("qtbot")


def _dashboard(qtbot, window):  # type: ignore[no-untyped-def]
    page = open_page(qtbot, window, "dashboardPage")
    return page


def _wait_chart(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.chart.loaded, timeout=10_000)


def _same_points(
    got: dict[str, list[tuple[float, float]]], want: dict[str, list[tuple[float, float]]]
) -> bool:
    """Equal skills and x values; y values equal to float rounding."""
    if got.keys() != want.keys():
        return False
    for skill, points in got.items():
        if len(points) != len(want[skill]):
            return False
        for (x, y), (wx, wy) in zip(points, want[skill], strict=True):
            if x != wx or y != pytest.approx(wy, abs=1e-9):
                return False
    return True


def test_dashboard_is_the_first_page_and_opens_at_start(main_window) -> None:  # type: ignore[no-untyped-def]
    assert main_window.pages.currentWidget().objectName() == "dashboardPage"
    assert main_window.navigation.item(0).text() == "Dashboard"
    names = [main_window.navigation.item(r).text() for r in range(main_window.navigation.count())]
    assert names.index("Dashboard") < names.index("Practice") < names.index("Settings")


def test_empty_state_guides_a_new_user(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    page = _dashboard(qtbot, main_window)
    empty = child(page, QWidget, "dashboardEmptyState")
    assert empty.isVisible()
    assert not child(page, QWidget, "progressChart").isVisible()
    assert not child(page, QWidget, "activityHeatmap").isVisible()
    texts = " ".join(label.text() for label in empty.findChildren(QLabel))
    for step in ("interview date and track", "Answer a first question", "Rate it"):
        assert step in texts
    assert child(page, QWidget, "overallReadiness").text() == "0/100 not ready"
    assert set(page.skills.displayed().values()) == {"not started"}
    assert "No interview date set" in child(page, QLabel, "interviewCountdown").text()

    # The recommendation still works: the first required skill, as new questions.
    button = child(page, QPushButton, "recommendButton")
    assert button.text() == "Practise Analytical"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    practice_page = main_window.practice_page
    assert main_window.pages.currentWidget() is practice_page
    assert child(practice_page, QComboBox, "skillFilter").currentData() == "analytical"
    assert child(practice_page, QComboBox, "modeFilter").currentData() == "new"
    assert practice_page.question.skill == "analytical"

    # The empty state's own buttons lead to Settings and to a first question.
    page = _dashboard(qtbot, main_window)
    qtbot.mouseClick(child(page, QPushButton, "emptySettingsButton"), Qt.MouseButton.LeftButton)
    assert main_window.pages.currentWidget().objectName() == "settingsPage"


def test_figures_follow_attempts_saved_on_the_practice_page(  # type: ignore[no-untyped-def]
    qtbot, main_window, practise
) -> None:
    ws = main_window.ws
    page = _dashboard(qtbot, main_window)
    assert page.skills.displayed()["analytical"] == "not started"

    question_id = practise(main_window, 4, skill="analytical")
    page = _dashboard(qtbot, main_window)
    assert not child(page, QWidget, "dashboardEmptyState").isVisible()

    # Expected from the domain model itself: one attempt of all 4s, no self-assessment.
    now = datetime.now(UTC)
    track = ws.catalog.tracks["pm"]
    per_track = questions_in_track(ws, "pm")
    rubric = ws.catalog.rubric_for(ws.catalog.questions[question_id])
    score = attempt_score([4] * len(rubric.criteria))
    assert score == 75.0
    retention = retention_by_skill(ws, now)
    expected = skill_readiness(
        SkillInputs(
            skill="analytical",
            attempts=[ScoredAttempt(question_id, "analytical", now - timedelta(seconds=1), score)],
            questions_in_track=per_track["analytical"],
            self_assessment=None,
            retention=retention["analytical"],
        ),
        now,
    )
    assert page.skills.displayed()["analytical"] == f"{expected.readiness:.0f}"
    others = {s: v for s, v in page.skills.displayed().items() if s != "analytical"}
    assert set(others.values()) == {"not started"}
    skills = {"analytical": expected}
    overall = overall_readiness(skills, track.weights, track.required)
    gauge = child(page, QWidget, "overallReadiness")
    assert gauge.value() == pytest.approx(overall.score, abs=0.01)
    assert gauge.text() == f"{overall.score:.0f}/100 {overall.band}"
    # Not-started required skills count as 0, so the weakest-skill cap holds overall at 25.
    assert overall.score <= 25.0

    # A second, better answer to another analytical question moves the figures again.
    practise(main_window, 5, skill="analytical")
    page = _dashboard(qtbot, main_window)
    report = current_readiness(ws, "pm")
    assert report.skills["analytical"].attempts == 2
    assert page.skills.displayed()["analytical"] == f"{report.skills['analytical'].readiness:.0f}"
    assert page.report.skills["analytical"].readiness > expected.readiness


def test_clicking_a_skill_explains_its_inputs(qtbot, main_window, practise) -> None:  # type: ignore[no-untyped-def]
    practise(main_window, 3, skill="communication")
    main_window.runner.run(
        record_self_assessment, main_window.ws, "communication", {"a": 5, "b": 5}
    )
    page = _dashboard(qtbot, main_window)
    row = child(page, QWidget, "skillRow_communication")
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert page.skills.selected() == "communication"
    detail = child(page, QWidget, "skillDetail")
    words = "\n".join(label.text() for label in detail.findChildren(QLabel) if label.isVisible())
    target = min(12, questions_in_track(main_window.ws, "pm")["communication"])
    assert f"1 of {target} questions in the last 60 days" in words
    assert "Performance" in words and "50/100" in words
    assert "Self-assessment" in words and "100/100" in words
    assert "Retention" in words
    assert "Weights" in words and "performance 0.6, self-assessment 0.2, retention 0.2" in words
    # Self-assessment 100 against performance 50: the dashboard says they disagree.
    gap = child(page, QLabel, "skillDisagreement")
    assert gap.isVisible() and "50 points above" in gap.text()
    # Hovering shows the same inputs: the tooltip is the explanation, escaped as plain text.
    assert "1 of" in row.toolTip() and row.toolTip().startswith("<qt>")
    # The keyboard moves between skills too.
    qtbot.keyClick(row, Qt.Key.Key_Down)
    assert page.skills.selected() == "technical"


def test_overall_score_explains_itself(qtbot, main_window, practise) -> None:  # type: ignore[no-untyped-def]
    practise(main_window, 4, skill="technical")
    page = _dashboard(qtbot, main_window)
    gauge = child(page, QWidget, "overallReadiness")
    explanation = child(page, QLabel, "overallExplanation")
    assert not explanation.isVisible()
    qtbot.mouseClick(gauge, Qt.MouseButton.LeftButton)
    assert explanation.isVisible()
    assert "Weighted mean of skill readiness" in explanation.text()
    # One skill at 3 of 7: the weighted mean is far below the cap (weakest required + 25).
    assert "does not lower it" in explanation.text()
    assert "Weighted mean" in gauge.toolTip()
    qtbot.mouseClick(child(page, QPushButton, "overallExplainButton"), Qt.MouseButton.LeftButton)
    assert not explanation.isVisible()


def test_chart_series_hold_the_trend_of_the_model(qtbot, main_window, practise) -> None:  # type: ignore[no-untyped-def]
    practise(main_window, 4, skill="analytical")
    practise(main_window, 2, skill="user_centric")
    page = _dashboard(qtbot, main_window)
    chart = child(page, QWidget, "progressChart")
    _wait_chart(qtbot, page)
    assert chart.days == 30

    def expected() -> dict[str, list[tuple[float, float]]]:
        """The model's trend from each skill's first rated answer on; nothing before it."""
        dates, values = readiness_trend(main_window.ws, "pm", chart.days, now=chart.evaluated_at)
        with main_window.ws.db.raw() as conn:
            rows = conn.execute(
                "SELECT skill_id, MIN(submitted_at) FROM attempts WHERE score IS NOT NULL "
                "GROUP BY skill_id"
            ).fetchall()
        first = {s: datetime.fromisoformat(at).replace(tzinfo=UTC) for s, at in rows}
        return {
            s: [
                (d.timestamp() * 1000.0, v)
                for d, v in zip(dates, values[s], strict=True)
                if s in first and d >= first[s]
            ]
            for s in chart.series_points()
        }

    points = chart.series_points()
    assert set(points) == set(main_window.ws.catalog.tracks["pm"].weights)
    assert _same_points(points, expected())
    assert len(chart.trend_dates()) == 30
    # The last point is what the skill list shows; the line starts at the first rated
    # answer (today), and a skill not started has no line at all.
    assert f"{points['analytical'][-1][1]:.0f}" == page.skills.displayed()["analytical"]
    assert [x for x, _y in points["analytical"]] == [chart.trend_dates()[-1].timestamp() * 1000]
    assert points["communication"] == []
    assert "communication" in chart.not_started()

    with qtbot.waitSignal(chart.updated, timeout=10_000):
        qtbot.mouseClick(child(chart, QToolButton, "range90"), Qt.MouseButton.LeftButton)
    assert chart.days == 90
    assert len(chart.trend_dates()) == 90
    assert _same_points(chart.series_points(), expected())

    # Saving another attempt reloads the chart without a restart: the skill gets its line.
    practise(main_window, 5, skill="communication")
    page = _dashboard(qtbot, main_window)
    _wait_chart(qtbot, page)
    assert chart.series_points()["communication"][-1][1] > 0
    assert "communication" not in chart.not_started()
    assert _same_points(chart.series_points(), expected())


def test_legend_hides_and_shows_a_skill(qtbot, main_window, practise) -> None:  # type: ignore[no-untyped-def]
    practise(main_window, 4, skill="analytical")
    page = _dashboard(qtbot, main_window)
    _wait_chart(qtbot, page)
    legend = child(page, QToolButton, "legend_analytical")
    assert legend.isChecked()
    qtbot.mouseClick(legend, Qt.MouseButton.LeftButton)
    assert not page.chart._series["analytical"].isVisible()
    qtbot.mouseClick(legend, Qt.MouseButton.LeftButton)
    assert page.chart._series["analytical"].isVisible()


def test_recommendation_opens_practice_on_the_weakest_skill(  # type: ignore[no-untyped-def]
    qtbot, main_window, practise
) -> None:
    practise(main_window, 5, skill="analytical")
    page = _dashboard(qtbot, main_window)
    weakest = practice.weakest_skill(main_window.ws, "pm")
    assert weakest == "communication"  # analytical is started, communication is next in line
    assert page.recommendation == ("communication", "new")
    button = child(page, QPushButton, "recommendButton")
    assert button.text() == "Practise Communication"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    practice_page = main_window.practice_page
    assert main_window.pages.currentWidget() is practice_page
    assert child(practice_page, QComboBox, "skillFilter").currentData() == "communication"
    assert practice_page.question.skill == "communication"

    # Once every required skill is started, the weakest one is practised in "weakest" mode.
    for skill in ("communication", "technical", "user_centric", "product_strategy"):
        practise(main_window, 5, skill=skill)
    practise(main_window, 2, skill="execution")
    page = _dashboard(qtbot, main_window)
    assert practice.weakest_skill(main_window.ws, "pm") == "execution"
    assert page.recommendation == ("execution", "weakest")
    assert (
        "Execution is your weakest required skill" in child(page, QLabel, "recommendReason").text()
    )
    qtbot.mouseClick(child(page, QPushButton, "recommendButton"), Qt.MouseButton.LeftButton)
    assert child(practice_page, QComboBox, "modeFilter").currentData() == "weakest"
    assert practice_page.question.skill == "execution"


def test_heatmap_shows_todays_attempts_and_streak(qtbot, main_window, practise) -> None:  # type: ignore[no-untyped-def]
    practise(main_window, 3, skill="analytical")
    practise(main_window, 3, skill="analytical")
    page = _dashboard(qtbot, main_window)
    heatmap = child(page, QWidget, "activityHeatmap")
    assert heatmap.isVisible()
    assert heatmap.streak_text() == "Current streak: 1 day · Longest streak: 1 day"
    grid = heatmap.grid
    today = datetime.now().date()
    rect = grid.cell_rect(today)
    assert rect is not None
    weekday = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[today.weekday()]
    month = today.strftime("%b")
    assert grid.tooltip_at(rect.center()) == f"{weekday} {today.day} {month}: 2 attempts"
    assert grid.tooltip_at(QPoint(0, 0)) is None
    assert child(heatmap, QLabel, "activity_week").text() == "2"


def test_stats_json_reports_what_the_dashboard_shows(  # type: ignore[no-untyped-def]
    qtbot, main_window, practise, data_dir: Path, capsys
) -> None:
    practise(main_window, 4, skill="analytical")
    practise(main_window, 2, skill="technical")
    practise(main_window, 5, skill="creativity")
    page = _dashboard(qtbot, main_window)
    capsys.readouterr()
    assert cli.main(["--data-dir", str(data_dir), "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    report = page.report
    assert stats["overall"] == pytest.approx(report.overall.score, abs=0.01)
    assert child(page, QWidget, "overallReadiness").text().startswith(f"{stats['overall']:.0f}/")
    shown = page.skills.displayed()
    for skill, values in stats["skills"].items():
        assert values["readiness"] == pytest.approx(report.skills[skill].readiness, abs=0.01)
        if skill in shown:
            expected = f"{values['readiness']:.0f}" if values["attempts"] else "not started"
            assert shown[skill] == expected
    assert stats["attempts"] == 3


def test_plain_tooltip_never_interprets_markup() -> None:
    assert (
        plain_tooltip("<b>bold</b> & co\nnext")
        == "<qt>&lt;b&gt;bold&lt;/b&gt; &amp; co<br>next</qt>"
    )
