"""A whole mock interview through the real widgets, against a real database file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QWidget,
)

from pm_prep.services import stats
from pm_prep.services.mock_templates import round_candidates
from pm_prep.ui import theme
from tests.gui.drive import child, choose, open_page, query

CTRL = Qt.KeyboardModifier.ControlModifier
MIXED = "Numbers first 📈 then سلام and שלום ✓"


class FakeClock:
    """Monotonic seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def _closing_mid_loop_is_answered() -> Iterator[None]:
    """Closing the window with a loop running asks; offscreen an unanswered box never returns.

    Set up before `main_window`, so it still answers when that fixture closes the window.
    Tests that check the question patch it again themselves.
    """
    with patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes):
        yield


def _db(data_dir: Path) -> Path:
    return data_dir / "pm_prep.sqlite3"


def _start(qtbot, window, template_id: str = "pm-analytical"):  # type: ignore[no-untyped-def]
    page = open_page(qtbot, window, "mockPage")
    clock = FakeClock()
    page.clock = clock
    choose(qtbot, child(page, QComboBox, "mockTemplate"), template_id)
    qtbot.mouseClick(child(page, QPushButton, "startMockButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: child(page, QPlainTextEdit, "answerEditor").isVisible())
    return page, clock


def _type(qtbot, page: QWidget, text: str) -> QPlainTextEdit:  # type: ignore[no-untyped-def]
    editor = child(page, QPlainTextEdit, "answerEditor")
    editor.setFocus()
    qtbot.keyClicks(editor, text)
    return editor


def test_a_whole_loop_then_the_debrief(qtbot, main_window, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, main_window, "mockPage")
    combo = child(page, QComboBox, "mockTemplate")
    # The user's track (pm) first; the intern loops after it, marked with their track.
    entries = [
        (str(combo.itemData(i)), combo.itemText(i))
        for i in range(combo.count())
        if combo.itemData(i)
    ]
    tracks = [i.split("-")[0] for i, _ in entries]
    assert tracks == sorted(tracks, key=lambda t: t != "pm") and "intern" in tracks
    intern = main_window.ws.catalog.tracks["intern"].name
    assert all(f"({intern} track)" in text for i, text in entries if i.startswith("intern"))
    assert not any("track)" in text for i, text in entries if i.startswith("pm"))
    page, clock = _start(qtbot, main_window)
    description = child(page, QLabel, "mockDescription")
    assert "45-minute" in description.text() and "Metric diagnosis: 20 min" in description.text()
    db = _db(data_dir)
    ((session_id, state),) = query(db, "SELECT id, state FROM mock_sessions")
    assert state == "running"
    plan = [r[0] for r in query(db, "SELECT question_id FROM mock_rounds ORDER BY round_index")]
    assert len(plan) == 4 == len(set(plan))
    catalog = main_window.ws.catalog
    progress = child(page, QLabel, "mockProgress")
    prompt = child(page, QLabel, "questionPrompt")
    timer = child(page, QLabel, "mockTimer")
    follow_up = child(page, QLabel, "followUpPrompt")
    next_button = child(page, QPushButton, "nextRoundButton")
    assert progress.text() == "Round 1 of 4 · Introduction"
    assert prompt.text() == catalog.questions[plan[0]].prompt
    assert timer.text() == "Round 5:00 left · Loop 45:00 left"
    # Nothing that would help during the loop.
    for name in ("hintButton", "answerInsights", "sampleOutline", "debriefOutline"):
        found = page.findChild(QWidget, name)
        assert found is None or not found.isVisible(), name

    # Round 1: typed, on disk within 2 s, submitted with Ctrl+Enter.
    editor = _type(qtbot, page, "I am a PM who ships. ")
    editor.insertPlainText(MIXED)
    intro = editor.toPlainText()
    clock.advance(61)
    qtbot.waitUntil(
        lambda: query(db, "SELECT text FROM mock_rounds WHERE round_index = 0") == [(intro,)],
        timeout=2000,
    )
    assert query(db, "SELECT round_elapsed_s FROM mock_sessions") == [(61,)]
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    assert progress.text() == "Round 2 of 4 · Metric diagnosis"
    assert editor.toPlainText() == ""

    # Round 2: a first answer, then the follow-up, answered in the same round.
    assert not follow_up.isVisible()
    _type(qtbot, page, "Check logging and segment by platform.")
    assert next_button.text() == "Answer the follow-up"
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    question = catalog.questions[plan[1]]
    assert follow_up.isVisible()
    assert follow_up.text().removeprefix("Follow-up: ") in question.follow_ups
    first = child(page, QPlainTextEdit, "firstAnswer")
    assert first.isVisible() and first.toPlainText() == "Check logging and segment by platform."
    assert progress.text().startswith("Round 2 of 4")
    _type(qtbot, page, "Then I would compare markets.")
    clock.advance(300)
    qtbot.keyClick(child(page, QPlainTextEdit, "answerEditor"), Qt.Key.Key_Return, CTRL)
    ((answer,),) = query(db, "SELECT answer_text FROM attempts WHERE mock_round = 1")
    assert answer.startswith("Check logging and segment by platform.\n\n**Follow-up:**")
    assert answer.endswith("Then I would compare markets.")
    assert query(db, "SELECT follow_up_text FROM mock_rounds WHERE round_index = 1") == [
        ("Then I would compare markets.",)
    ]

    # Round 3: the clock runs out; the answer is submitted as it stands, round 4 starts.
    assert progress.text() == "Round 3 of 4 · Experiment design"
    assert not follow_up.isVisible()
    _type(qtbot, page, "Randomise by user, power for a 2% lift")
    clock.advance(15 * 60 - 30)
    qtbot.waitUntil(lambda: timer.property("warning") is True)
    assert theme.pick(theme.WARNING).name() in timer.styleSheet()
    clock.advance(31)
    qtbot.waitUntil(lambda: progress.text() == "Round 4 of 4 · Your questions")
    notice = child(page, QLabel, "mockNotice")
    assert notice.isVisible() and "Time is up for Round 3 of 4" in notice.text()
    assert "submitted as it stands" in notice.text()
    assert query(
        db,
        "SELECT r.status, a.answer_text, a.duration_s FROM mock_rounds r "
        "JOIN attempts a ON a.id = r.attempt_id WHERE r.round_index = 2",
    ) == [("timed_out", "Randomise by user, power for a 2% lift", 15 * 60)]

    # Round 4: nothing written: skipped, not a zero score; the loop ends.
    assert next_button.text() == "Skip and finish"
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    debrief = child(page, QWidget, "mockDebrief")
    qtbot.waitUntil(debrief.isVisible)
    assert query(db, "SELECT state, ended_at IS NOT NULL FROM mock_sessions") == [("ended", 1)]
    assert query(db, "SELECT status, attempt_id FROM mock_rounds WHERE round_index = 3") == [
        ("skipped", None)
    ]
    assert query(db, "SELECT COUNT(*), COUNT(score) FROM attempts") == [(3, 0)]
    assert query(db, "SELECT COUNT(*) FROM attempts WHERE mock_session_id = ?", session_id) == [
        (3,)
    ]

    # The debrief: round 1 first; its prompt, answer, time and insights, then the rubric.
    rounds = child(page, QComboBox, "debriefRound")
    assert rounds.count() == 4
    assert rounds.currentIndex() == 0
    assert child(page, QLabel, "debriefPrompt").text() == catalog.questions[plan[0]].prompt
    assert child(page, QPlainTextEdit, "debriefAnswer").toPlainText() == intro
    assert "1:01" in child(page, QLabel, "debriefTime").text()
    insights = child(page, QLabel, "answerInsights")
    assert insights.isVisible() and "Talking points covered" in insights.text()
    outline = child(page, QTextBrowser, "debriefOutline")
    assert not outline.isVisible()  # only after rating
    choose(qtbot, rounds, 1)
    assert child(page, QLabel, "debriefPrompt").text() == question.prompt
    assert child(page, QLabel, "debriefFollowUp").isVisible()
    rubric = catalog.rubric_for(question)
    levels = [4, 2, 5, 3, 1][: len(rubric.criteria)]
    for criterion, level in zip(rubric.criteria, levels, strict=True):
        control = child(page, QWidget, f"criterion_{criterion.id}")
        control.setFocus()
        qtbot.keyClick(control, getattr(Qt.Key, f"Key_{level}"))
        assert control.value() == level
    save = child(page, QPushButton, "saveDebriefButton")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    expected = (sum(levels) / len(levels) - 1) / 4 * 100
    ((score,),) = query(db, "SELECT score FROM attempts WHERE mock_round = 1")
    assert score == pytest.approx(expected)
    stored = dict(
        query(
            db,
            "SELECT c.criterion_id, c.score FROM criterion_scores c "
            "JOIN attempts a ON a.id = c.attempt_id WHERE a.mock_round = 1",
        )
    )
    assert stored == {c.id: lv for c, lv in zip(rubric.criteria, levels, strict=True)}
    assert query(db, "SELECT COUNT(*) FROM review_cards WHERE question_id = ?", plan[1]) == [(1,)]
    assert not save.isEnabled()
    assert outline.isVisible()
    assert question.framework.name in outline.toPlainText()
    examples = child(page, QTextBrowser, "debriefExamples")
    if question.examples:
        assert examples.isVisible()
        assert question.examples[0].why.split()[0] in examples.toPlainText()
    summary = child(page, QTextBrowser, "mockSummary")
    text = summary.toPlainText()
    assert f"{expected:.0f}" in text and "Weakest area" in text and "Next practice" in text
    assert "skipped" in text and "ran out of time" in text
    # The mock counts: finished loops in stats, the rated round in readiness.
    result = stats.summary(main_window.ws)
    assert result.mocks == 1 and result.report.attempts == 1
    # Export: Markdown and PDF, to share with a mentor.
    target = data_dir.parent / "debrief.md"
    with patch("PySide6.QtWidgets.QFileDialog.getSaveFileName", return_value=(str(target), "")):
        qtbot.mouseClick(
            child(page, QPushButton, "exportDebriefMarkdownButton"), Qt.MouseButton.LeftButton
        )
    assert target.read_text(encoding="utf-8").startswith("# Mock interview debrief")
    assert MIXED in target.read_text(encoding="utf-8")
    pdf = data_dir.parent / "debrief.pdf"
    with patch("PySide6.QtWidgets.QFileDialog.getSaveFileName", return_value=(str(pdf), "")):
        qtbot.mouseClick(
            child(page, QPushButton, "exportDebriefPdfButton"), Qt.MouseButton.LeftButton
        )
    assert pdf.read_bytes().startswith(b"%PDF")


def test_typing_without_a_pause_is_on_disk_within_2_s(qtbot, main_window, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    page, clock = _start(qtbot, main_window)
    editor = child(page, QPlainTextEdit, "answerEditor")
    editor.setFocus()
    db = _db(data_dir)
    saved: list[str] = []
    for _ in range(8):  # a word every 0.3 s: never the 0.8 s pause the debounce waits for
        qtbot.keyClicks(editor, "word ")
        clock.advance(0.3)
        qtbot.wait(300)
        ((text,),) = query(db, "SELECT text FROM mock_rounds WHERE round_index = 0")
        saved.append(text)
    assert saved[:4] == ["", "", "", ""]  # nothing yet in the first 1.2 s
    assert saved[5].startswith("word word word word word")  # saved while typing went on


def test_a_huge_answer_with_emoji_and_rtl_is_kept_exactly(
    qtbot, main_window, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    page, _clock = _start(qtbot, main_window)
    editor = child(page, QPlainTextEdit, "answerEditor")
    huge = (MIXED + " retention cohorts\n") * (1_000_000 // len(MIXED))
    editor.setFocus()
    editor.insertPlainText(huge)  # pasted, about 1 MB
    qtbot.keyClicks(editor, " end")
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    rows = query(_db(data_dir), "SELECT answer_text FROM attempts WHERE mock_round = 0")
    assert rows == [(huge + " end",)]
    assert len(rows[0][0]) > 1_000_000


def test_ending_early_keeps_what_was_written(qtbot, main_window, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    page, clock = _start(qtbot, main_window)
    editor = _type(qtbot, page, "A first thought")
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    _type(qtbot, page, "Half of the diagnosis, not saved yet")
    clock.advance(42)
    qtbot.mouseClick(child(page, QPushButton, "endMockButton"), Qt.MouseButton.LeftButton)
    assert child(page, QWidget, "mockDebrief").isVisible()
    db = _db(data_dir)
    assert query(db, "SELECT status FROM mock_rounds ORDER BY round_index") == [
        ("answered",),
        ("answered",),
        ("skipped",),
        ("skipped",),
    ]
    assert query(db, "SELECT answer_text, duration_s FROM attempts ORDER BY id")[1] == (
        "Half of the diagnosis, not saved yet",
        42,
    )
    assert query(db, "SELECT state FROM mock_sessions") == [("ended",)]
    # The dashboard shows the last loop's result.
    dashboard = open_page(qtbot, main_window, "dashboardPage")
    card = child(dashboard, QWidget, "dashboardMockSummary")
    assert card.isVisible()
    assert "not rated yet · 2 of 4 rounds answered" in child(card, QLabel, "lastMockResult").text()
    page = open_page(qtbot, main_window, "mockPage")
    # A new loop can start from the chooser; the past one is listed.
    qtbot.mouseClick(child(page, QPushButton, "backToLoopsButton"), Qt.MouseButton.LeftButton)
    past = child(page, QComboBox, "mockPastLoops")
    assert past.isVisible() and past.count() == 1


def test_leaving_the_page_pauses_the_clocks_and_saves(qtbot, main_window, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    page, clock = _start(qtbot, main_window)
    _type(qtbot, page, "Typed just before leaving")
    clock.advance(20)
    open_page(qtbot, main_window, "dashboardPage")  # no question asked: the loop just waits
    db = _db(data_dir)
    assert query(db, "SELECT text FROM mock_rounds WHERE round_index = 0") == [
        ("Typed just before leaving",)
    ]
    assert query(db, "SELECT round_elapsed_s FROM mock_sessions") == [(20,)]
    clock.advance(600)  # away for ten minutes: not counted
    open_page(qtbot, main_window, "mockPage")
    assert page.loop.round_elapsed() == pytest.approx(20)
    clock.advance(5)
    qtbot.waitUntil(lambda: child(page, QLabel, "mockTimer").text().startswith("Round 4:35"))


def test_closing_the_window_mid_loop_asks_and_can_stay(qtbot, main_window, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    page, _clock = _start(qtbot, main_window)
    _type(qtbot, page, "Words typed")
    with patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.No) as ask:
        main_window.close()
    assert ask.called and main_window.isVisible()
    with patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes):
        main_window.close()
    assert not main_window.isVisible()
    db = _db(data_dir)
    assert query(db, "SELECT state FROM mock_sessions") == [("running",)]
    assert query(db, "SELECT text FROM mock_rounds WHERE round_index = 0") == [("Words typed",)]


def test_hidden_questions_are_never_drawn(qtbot, main_window, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from pm_prep.services import mock

    loop = mock.template("pm-analytical")
    assert loop is not None
    pool = round_candidates(loop.rounds[1], main_window.ws.catalog, "pm")
    conn = sqlite3.connect(_db(data_dir))
    conn.executemany(
        "INSERT INTO hidden_questions (question_id, hidden_at) VALUES (?, ?)",
        [(q.id, "2026-12-01 00:00:00.000000") for q in pool[:-1]],
    )
    conn.commit()
    conn.close()
    _start(qtbot, main_window)
    assert query(_db(data_dir), "SELECT question_id FROM mock_rounds WHERE round_index = 1") == [
        (pool[-1].id,)
    ]


def test_a_restore_forgets_the_running_loop(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    from pm_prep.services.changes import Changes

    page, _clock = _start(qtbot, main_window)
    assert page.loop_running
    page.notify(Changes.EVERYTHING)
    # The restored data has this loop too (same file): it is read back, not kept from before.
    assert page.loop.session_id is not None
    with main_window.ws.db.raw() as conn:
        conn.execute("DELETE FROM mock_rounds")
        conn.execute("DELETE FROM mock_sessions")
    page.notify(Changes.EVERYTHING)
    assert not page.loop_running
    assert page.showing() == "chooser"
