"""Spaced repetition for interview questions, on top of the FSRS scheduler (`fsrs`).

Interview answers are practised over days, not minutes, so there are no intra-day learning
steps: a rated attempt schedules the next review in whole days, at most MAX_INTERVAL_DAYS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fsrs import Card, Rating, Scheduler

DESIRED_RETENTION = 0.9
MAX_INTERVAL_DAYS = 120


@dataclass(frozen=True, slots=True)
class CardState:
    """The FSRS fields of one question's card, as stored."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None


@cache
def _scheduler() -> Scheduler:
    # Imported on first use: the scheduler is needed only when a rating is saved.
    from fsrs import Scheduler

    return Scheduler(
        desired_retention=DESIRED_RETENTION,
        learning_steps=(),
        relearning_steps=(),
        maximum_interval=MAX_INTERVAL_DAYS,
        enable_fuzzing=False,
    )


def rating_for_score(score: float) -> Rating:
    """Map an attempt score (0-100) to an FSRS rating: below 40 Again, 40-59 Hard, 60-84 Good."""
    from fsrs import Rating

    if score < 40:
        return Rating.Again
    if score < 60:
        return Rating.Hard
    if score < 85:
        return Rating.Good
    return Rating.Easy


def review(previous: CardState | None, score: float, at: datetime) -> CardState:
    """The card after an attempt scored `score` at time `at` (timezone-aware UTC)."""
    from fsrs import Card

    # An explicit card_id: without one, fsrs sleeps 1 ms per Card to make ids unique.
    card = Card(card_id=0, due=at) if previous is None else _to_card(previous)
    updated, _log = _scheduler().review_card(card, rating_for_score(score), at)
    return CardState(
        state=int(updated.state),
        step=updated.step,
        stability=updated.stability,
        difficulty=updated.difficulty,
        due=updated.due,
        last_review=updated.last_review,
    )


# FSRS-6's forgetting curve with its default decay, so reading recall on the way to the
# first painted page does not import fsrs; a test keeps it equal to fsrs's own method.
FSRS_DECAY = -0.1542
FSRS_FACTOR = 0.9 ** (1 / FSRS_DECAY) - 1


def retrievability(card: CardState, now: datetime) -> float:
    """Probability (0-1) that the answer is still recalled well at `now`."""
    if card.last_review is None or card.stability is None:
        return 0.0
    elapsed_days = max(0, (now - card.last_review).days)
    return float((1 + FSRS_FACTOR * elapsed_days / card.stability) ** FSRS_DECAY)


def _to_card(card: CardState) -> Card:
    from fsrs import Card, State

    return Card(
        card_id=0,
        state=State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )
