"""Reading and writing a question's spaced-repetition card in the database."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pm_prep.domain.scheduling import CardState
from pm_prep.storage.models import ReviewCardRow


def load_card(session: Session, question_id: str) -> CardState | None:
    """The stored card of a question, or None before its first rated attempt."""
    row = session.get(ReviewCardRow, question_id)
    if row is None:
        return None
    return CardState(row.state, row.step, row.stability, row.difficulty, row.due, row.last_review)


def store_card(session: Session, question_id: str, skill_id: str, card: CardState) -> None:
    """Insert or replace a question's card (committed with the caller's transaction)."""
    session.merge(
        ReviewCardRow(
            question_id=question_id,
            skill_id=skill_id,
            state=card.state,
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=card.due,
            last_review=card.last_review,
        )
    )
