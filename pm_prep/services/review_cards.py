"""Reading and writing a question's spaced-repetition card in the database."""

from __future__ import annotations

import sqlite3

from sqlalchemy.orm import Session

from pm_prep.domain.scheduling import CardState
from pm_prep.storage.models import ReviewCardRow, read_time, stored_time


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


_CARD_SQL = (
    "SELECT state, step, stability, difficulty, due, last_review FROM review_cards "
    "WHERE question_id = ?"
)
_STORE_SQL = """
    INSERT INTO review_cards
        (question_id, skill_id, state, step, stability, difficulty, due, last_review)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (question_id) DO UPDATE SET
        skill_id = excluded.skill_id, state = excluded.state, step = excluded.step,
        stability = excluded.stability, difficulty = excluded.difficulty,
        due = excluded.due, last_review = excluded.last_review
"""


def read_card(conn: sqlite3.Connection, question_id: str) -> CardState | None:
    """`load_card` through a plain sqlite3 connection (`Database.write`)."""
    row = conn.execute(_CARD_SQL, (question_id,)).fetchone()
    if row is None:
        return None
    state, step, stability, difficulty, due, last = row
    return CardState(
        state, step, stability, difficulty, read_time(due), read_time(last) if last else None
    )


def write_card(conn: sqlite3.Connection, question_id: str, skill_id: str, card: CardState) -> None:
    """`store_card` through a plain sqlite3 connection, in the caller's transaction."""
    conn.execute(
        _STORE_SQL,
        (
            question_id,
            skill_id,
            card.state,
            card.step,
            card.stability,
            card.difficulty,
            stored_time(card.due),
            stored_time(card.last_review) if card.last_review else None,
        ),
    )
