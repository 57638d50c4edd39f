"""The dashboard's mock-interview card, alone: hidden until a loop is finished, then its
last result and the trend of loop scores."""

from __future__ import annotations

from datetime import UTC, datetime

from pm_prep.services.mock_trend import MockResult
from pm_prep.ui.dashboard.mock_summary import MockSummaryCard, last_result_text, trend_text


def _result(session_id: int, score: float | None, rated: int = 2) -> MockResult:
    return MockResult(
        session_id=session_id,
        template_id="pm-analytical",
        ended_at=datetime(2026, 12, session_id, 12, 0, tzinfo=UTC),
        rounds=4,
        answered=3,
        rated=rated,
        score=score,
    )


def test_the_card_is_hidden_until_a_loop_is_finished(qtbot) -> None:  # type: ignore[no-untyped-def]
    card = MockSummaryCard()
    qtbot.addWidget(card)
    card.show()
    card.set_results(())
    assert not card.isVisible()
    card.set_results([_result(1, 40.0)])
    assert card.isVisible()
    assert card.last.text().startswith("Last mock interview, 01 Dec: 40/100")
    assert "3 of 4 rounds answered, 2 rated" in card.last.text()


def test_the_trend_follows_the_scores_and_says_which_way(qtbot) -> None:  # type: ignore[no-untyped-def]
    card = MockSummaryCard()
    qtbot.addWidget(card)
    results = [_result(1, 40.0), _result(2, None, rated=0), _result(3, 65.0)]
    card.set_results(results)
    assert card.trend.scores() == [40.0, None, 65.0]
    assert card.trend.accessibleName().endswith("40, not rated, 65")
    assert card.trend_note.text() == "2 rated loops: up 25 points since the first of them."
    assert card.last.text().startswith("Last mock interview, 03 Dec: 65/100")
    card.resize(600, 120)
    assert not card.grab().isNull()  # paints with a gap for the unrated loop


def test_words_for_a_single_an_unrated_and_a_falling_loop() -> None:
    assert trend_text([_result(1, 50.0)]) == "Rate two loops to see a trend."
    assert trend_text([_result(1, None, rated=0)]) == ""
    assert "down 10 points" in trend_text([_result(1, 60.0), _result(2, 50.0)])
    assert "not rated yet" in last_result_text(_result(1, None, rated=0))
