"""Practice use cases: choose a question, keep the draft, submit an answer, rate it."""

from __future__ import annotations

import json
import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, func, select

from pm_prep.domain import scheduling
from pm_prep.domain.content import Question
from pm_prep.domain.insights import words_of
from pm_prep.domain.readiness import attempt_score
from pm_prep.services.changes import Changes, writes
from pm_prep.services.review_cards import read_card, write_card
from pm_prep.services.workspace import Workspace
from pm_prep.storage.models import (
    AttemptRow,
    DraftRow,
    ReviewCardRow,
    stored_time,
)

MODES = {
    "due": "Due for review",
    "weakest": "Weakest skill",
    "new": "New questions",
    "random": "Random",
}
MAX_ANSWER_CHARS = 5_000_000


class PracticeError(ValueError):
    """A request the user can correct (empty answer, missing rating, ...)."""


Exchange = tuple[str, str]  # (what the candidate asked, what the interviewer answered)


@dataclass(frozen=True, slots=True)
class Draft:
    question_id: str
    text: str
    started_at: datetime
    updated_at: datetime
    elapsed_s: int
    hints_used: int
    clarifications: tuple[Exchange, ...] = ()


def exchanges_json(exchanges: Sequence[Exchange]) -> str:
    """Asked clarifications as stored: a JSON list of {"asked", "answer"}."""
    return json.dumps([{"asked": a, "answer": b} for a, b in exchanges], ensure_ascii=False)


def exchanges_from_json(text: str | None) -> tuple[Exchange, ...]:
    """The stored list back; anything unreadable reads as none asked."""
    try:
        items = json.loads(text or "[]")
    except ValueError:
        return ()
    if not isinstance(items, list):
        return ()
    return tuple(
        (str(item.get("asked", "")), str(item.get("answer", "")))
        for item in items
        if isinstance(item, dict)
    )


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


# -- choosing a question ---------------------------------------------------------------
def pick_question(
    ws: Workspace,
    *,
    skill: str | None = None,
    track: str | None = None,
    mode: str = "new",
    exclude: Collection[str] = (),
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> Question | None:
    """The next question for the filters and mode; unseen questions come before seen ones."""
    if mode not in MODES:
        raise PracticeError(f"unknown practice mode '{mode}'")
    rng = rng or random.Random()
    now = _now(now)
    if mode == "weakest" and skill is None:
        skill = weakest_skill(ws, track)
    hidden = hidden_question_ids(ws)
    candidates = [
        q
        for q in ws.catalog.questions_for(skill, track)
        if q.id not in exclude and q.id not in hidden
    ]
    if not candidates:
        return None
    ids = [q.id for q in candidates]
    by_id = {q.id: q for q in candidates}
    with ws.db.session() as session:
        last_seen = dict(
            session.execute(
                select(AttemptRow.question_id, func.max(AttemptRow.submitted_at))
                .where(AttemptRow.question_id.in_(ids))
                .group_by(AttemptRow.question_id)
            ).all()
        )
        due = list(
            session.scalars(
                select(ReviewCardRow.question_id)
                .where(ReviewCardRow.question_id.in_(ids), ReviewCardRow.due <= now)
                .order_by(ReviewCardRow.due)
            )
        )
    unseen = [q for q in candidates if q.id not in last_seen]
    if mode == "due" and due:
        return by_id[due[0]]
    if mode == "random":
        return rng.choice(candidates)
    if unseen:
        # Easier questions first for a new skill, then a random pick within that level.
        lowest = min(q.difficulty for q in unseen)
        return rng.choice([q for q in unseen if q.difficulty == lowest])
    return by_id[min(last_seen, key=lambda qid: last_seen[qid])]


def hidden_question_ids(ws: Workspace) -> set[str]:
    """Questions the user hid from practice and mocks (the bank page hides and shows them)."""
    with ws.db.raw() as conn:
        return {str(row[0]) for row in conn.execute("SELECT question_id FROM hidden_questions")}


def weakest_skill(ws: Workspace, track: str | None) -> str | None:
    """The track's required skill with the lowest readiness now (ties: the first listed)."""
    from pm_prep.services.readiness import current_readiness, weakest_required_skill

    return weakest_required_skill(ws, current_readiness(ws, track or "pm"))


# -- drafts ------------------------------------------------------------------------------
@writes(Changes.DRAFTS)
def save_draft(
    ws: Workspace,
    question_id: str,
    text: str,
    *,
    started_at: datetime,
    elapsed_s: int,
    hints_used: int,
    clarifications: Sequence[Exchange] = (),
    now: datetime | None = None,
) -> None:
    """Keep what is being typed (and asked); an empty draft is removed."""
    with ws.db.transaction() as session:
        if not text.strip() and not clarifications:
            session.execute(delete(DraftRow).where(DraftRow.question_id == question_id))
            return
        session.merge(
            DraftRow(
                question_id=question_id,
                text=text,
                started_at=started_at,
                updated_at=_now(now),
                elapsed_s=max(0, int(elapsed_s)),
                hints_used=max(0, int(hints_used)),
                clarifications_json=exchanges_json(clarifications),
            )
        )


def _draft(row: DraftRow) -> Draft:
    return Draft(
        row.question_id,
        row.text,
        row.started_at,
        row.updated_at,
        row.elapsed_s,
        row.hints_used,
        exchanges_from_json(row.clarifications_json),
    )


def get_draft(ws: Workspace, question_id: str) -> Draft | None:
    with ws.db.session() as session:
        row = session.get(DraftRow, question_id)
        return None if row is None else _draft(row)


def latest_draft(ws: Workspace) -> Draft | None:
    """The most recently edited draft of a question still in the catalog."""
    with ws.db.session() as session:
        rows = session.scalars(select(DraftRow).order_by(DraftRow.updated_at.desc()))
        for row in rows:
            if row.question_id in ws.catalog.questions:
                return _draft(row)
    return None


# -- submitting and rating ----------------------------------------------------------------
@writes(Changes.ATTEMPTS)
def submit_answer(
    ws: Workspace,
    question_id: str,
    answer: str,
    *,
    started_at: datetime,
    duration_s: int,
    hints_used: int,
    clarifications: Sequence[Exchange] = (),
    now: datetime | None = None,
) -> int:
    """Store a submitted answer (committed on return) and drop its draft; returns its id."""
    question = ws.catalog.questions.get(question_id)
    if question is None:
        raise PracticeError(f"unknown question '{question_id}'")
    if not answer.strip():
        raise PracticeError("Write an answer before submitting.")
    if len(answer) > MAX_ANSWER_CHARS:
        raise PracticeError("This answer is longer than 5 million characters; shorten it.")
    now = _now(now)
    with ws.db.transaction() as session:
        row = AttemptRow(
            question_id=question_id,
            skill_id=question.skill,
            started_at=started_at,
            submitted_at=now,
            duration_s=max(0, int(duration_s)),
            time_limit_s=question.time_limit_s,
            hints_used=max(0, int(hints_used)),
            answer_text=answer,
            word_count=len(words_of(answer)),
            score=None,
            rated_at=None,
            self_note="",
            clarifications_json=exchanges_json(clarifications),
        )
        session.add(row)
        session.execute(delete(DraftRow).where(DraftRow.question_id == question_id))
        session.flush()
        return row.id


@writes(Changes.RATINGS)
def rate_attempt(
    ws: Workspace,
    attempt_id: int,
    scores: Mapping[str, int],
    *,
    self_note: str = "",
    now: datetime | None = None,
) -> float:
    """Store the rubric rating of an attempt and reschedule its question; returns 0-100."""
    now = _now(now)
    # Plain sqlite3, not the ORM: this is the save the user waits for after every answer
    # (DESIGN section 10), and SQLAlchemy's own work was most of its time.
    with ws.db.write() as conn:
        found = conn.execute(
            "SELECT question_id, skill_id, self_note FROM attempts WHERE id = ?", (attempt_id,)
        ).fetchone()
        if found is None:
            raise PracticeError(f"no attempt {attempt_id}")
        question_id, skill_id, old_note = found
        question = ws.catalog.questions.get(question_id)
        rubric = ws.catalog.rubric_for(question) if question else None
        wanted = [c.id for c in rubric.criteria] if rubric else list(scores)
        missing = [c for c in wanted if c not in scores]
        if missing:
            raise PracticeError(f"Rate every criterion first: {', '.join(missing)}.")
        for cid in wanted:
            if scores[cid] not in (1, 2, 3, 4, 5):
                raise PracticeError(f"{cid}: a rating is a whole number from 1 to 5.")
        score = attempt_score([scores[c] for c in wanted])
        conn.execute("DELETE FROM criterion_scores WHERE attempt_id = ?", (attempt_id,))
        conn.executemany(
            "INSERT INTO criterion_scores (attempt_id, criterion_id, score) VALUES (?, ?, ?)",
            [(attempt_id, cid, int(scores[cid])) for cid in wanted],
        )
        # The note is indexed for search (a trigger): it is written only when it changed.
        if self_note != old_note:
            conn.execute(
                "UPDATE attempts SET score = ?, rated_at = ?, self_note = ? WHERE id = ?",
                (score, stored_time(now), self_note, attempt_id),
            )
        else:
            conn.execute(
                "UPDATE attempts SET score = ?, rated_at = ? WHERE id = ?",
                (score, stored_time(now), attempt_id),
            )
        card = scheduling.review(read_card(conn, question_id), score, now)
        write_card(conn, question_id, skill_id, card)
        return score
