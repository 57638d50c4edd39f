"""Scheduling: ratings map from scores, and our recall curve is exactly fsrs's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Scheduler
from hypothesis import given, settings
from hypothesis import strategies as st

from pm_prep.domain import scheduling


@settings(max_examples=200, deadline=None)
@given(
    scores=st.lists(st.floats(0, 100), min_size=1, max_size=6),
    gaps=st.lists(st.integers(0, 60), min_size=6, max_size=6),
    later=st.integers(0, 400),
)
def test_retrievability_equals_fsrs(scores: list[float], gaps: list[int], later: int) -> None:
    at = datetime(2026, 1, 1, 9, tzinfo=UTC)
    card = None
    for score, gap in zip(scores, gaps, strict=False):
        at += timedelta(days=gap)
        card = scheduling.review(card, score, at)
    assert card is not None
    now = at + timedelta(days=later, hours=5)
    expected = Scheduler().get_card_retrievability(scheduling._to_card(card), now)
    assert abs(scheduling.retrievability(card, now) - expected) < 1e-12


def test_ratings_follow_score_bands() -> None:
    from fsrs import Rating

    assert scheduling.rating_for_score(10) == Rating.Again
    assert scheduling.rating_for_score(50) == Rating.Hard
    assert scheduling.rating_for_score(70) == Rating.Good
    assert scheduling.rating_for_score(90) == Rating.Easy


def test_reviews_are_days_apart_and_grow_with_good_answers() -> None:
    at = datetime(2026, 3, 1, tzinfo=UTC)
    first = scheduling.review(None, 70, at)
    assert first.due - at >= timedelta(days=1)
    second = scheduling.review(first, 90, first.due)
    assert second.due - first.due > first.due - at
