"""SQLAlchemy 2.0 typed models of everything PM Prep keeps."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    CheckConstraint,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def stored_time(value: datetime) -> str:
    """A datetime as the database keeps it: UTC, sortable ISO text (see UTCDateTime)."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def read_time(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes stored as sortable ISO text (`2026-11-22 09:30:00.000000`)."""

    impl = String(26)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timezone-aware UTC times only")
        return stored_time(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return read_time(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class QuestionRow(Base):
    """A question as last synced from a bank; retired, never deleted, when its bank drops it."""

    __tablename__ = "questions"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    skill_id: Mapped[str] = mapped_column(String(40), index=True)
    difficulty: Mapped[int] = mapped_column(Integer)
    tracks: Mapped[str] = mapped_column(String(40))  # space-separated track ids
    prompt: Mapped[str] = mapped_column(Text)
    content_json: Mapped[str] = mapped_column(Text)  # the validated question, for history views
    content_hash: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(200))  # "builtin" or the imported file's name
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class BankFileRow(Base):
    """The content hash of each bank file last synced, so unchanged files are not re-synced."""

    __tablename__ = "bank_files"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    synced_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AttemptRow(Base):
    """One submitted answer. `score` (0-100) is set when the user rates it."""

    __tablename__ = "attempts"
    __table_args__ = (
        # Both cover `score`, so readiness aggregates read the index alone, never the answers.
        Index("ix_attempts_skill_submitted", "skill_id", "submitted_at", "score"),
        Index("ix_attempts_question_submitted", "question_id", "submitted_at", "score"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)", name="score_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"))
    skill_id: Mapped[str] = mapped_column(String(40))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    duration_s: Mapped[int] = mapped_column(Integer)
    time_limit_s: Mapped[int] = mapped_column(Integer)
    hints_used: Mapped[int] = mapped_column(Integer, default=0)
    answer_text: Mapped[str] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    self_note: Mapped[str] = mapped_column(Text, default="")
    # What the candidate asked the interviewer before answering: [{"asked", "answer"}].
    clarifications_json: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    # Set for an answer given in a mock interview: its session and round (0-based).
    mock_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("mock_sessions.id", ondelete="SET NULL"), nullable=True, index=True
    )
    mock_round: Mapped[int | None] = mapped_column(Integer, nullable=True)

    criterion_scores: Mapped[list[CriterionScoreRow]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", lazy="selectin"
    )


class CriterionScoreRow(Base):
    """The user's 1-5 rating of one rubric criterion for one attempt."""

    __tablename__ = "criterion_scores"
    __table_args__ = (CheckConstraint("score BETWEEN 1 AND 5", name="level_range"),)

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    criterion_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    score: Mapped[int] = mapped_column(Integer)

    attempt: Mapped[AttemptRow] = relationship(back_populates="criterion_scores")


class DraftRow(Base):
    """The answer being typed for a question, autosaved so nothing typed is ever lost."""

    __tablename__ = "drafts"

    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    elapsed_s: Mapped[int] = mapped_column(Integer, default=0)
    hints_used: Mapped[int] = mapped_column(Integer, default=0)
    # Clarifying questions asked so far, kept with the draft: [{"asked", "answer"}].
    clarifications_json: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")


class ReviewCardRow(Base):
    """Spaced-repetition state of a question (FSRS card fields, stored as plain columns)."""

    __tablename__ = "review_cards"

    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"), primary_key=True)
    skill_id: Mapped[str] = mapped_column(String(40), index=True)
    state: Mapped[int] = mapped_column(Integer)
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    stability: Mapped[float | None] = mapped_column(Float, nullable=True)
    difficulty: Mapped[float | None] = mapped_column(Float, nullable=True)
    due: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class SelfAssessmentRow(Base):
    """One completed self-assessment of a skill; `score` is 0-100."""

    __tablename__ = "self_assessments"
    __table_args__ = (Index("ix_self_assessments_skill_taken", "skill_id", "taken_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    skill_id: Mapped[str] = mapped_column(String(40))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime())
    score: Mapped[float] = mapped_column(Float)
    answers_json: Mapped[str] = mapped_column(Text)  # {"statement id": level 1..5}


class ActivityDayRow(Base):
    """Attempts per local calendar day, kept by SQLite triggers on `attempts` (see migrations).

    The day is the user's local day when the attempt was made, so a streak stays as lived
    even if the computer's time zone changes later.
    """

    __tablename__ = "activity_days"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD
    attempts: Mapped[int] = mapped_column(Integer)


class SkillCountRow(Base):
    """Attempts and rated attempts per skill, kept by SQLite triggers (migration 0003)."""

    __tablename__ = "skill_attempt_counts"

    skill_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer)
    rated: Mapped[int] = mapped_column(Integer)


class ReadinessSnapshotRow(Base):
    """Readiness of a skill at the end of a past local day, cached for the progress chart.

    Past days only change when older data changes; triggers on `attempts` and
    `self_assessments` delete the affected days (see migrations), and a catalog change
    clears the table.
    """

    __tablename__ = "readiness_snapshots"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD, local
    track: Mapped[str] = mapped_column(String(20), primary_key=True)
    skill_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    readiness: Mapped[float] = mapped_column(Float)


class SettingRow(Base):
    """A user setting (track, interview date, daily goal, theme, ...) as text."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class MockSessionRow(Base):
    """One mock interview loop: the drawn plan, where it stands, and when it ended."""

    __tablename__ = "mock_sessions"
    __table_args__ = (
        CheckConstraint("state IN ('running', 'ended')", name="mock_state"),
        Index("ix_mock_sessions_state", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    template_id: Mapped[str] = mapped_column(String(80))
    track: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    state: Mapped[str] = mapped_column(String(10), default="running")
    # The rounds as drawn: [{"title", "question_id", "minutes", "follow_up"}], JSON.
    plan_json: Mapped[str] = mapped_column(Text)
    current_round: Mapped[int] = mapped_column(Integer, default=0)
    # Seconds used so far in the current round and in the whole loop (resume restores them).
    round_elapsed_s: Mapped[int] = mapped_column(Integer, default=0)
    loop_elapsed_s: Mapped[int] = mapped_column(Integer, default=0)


class MockRoundRow(Base):
    """What was typed in one round of a mock loop, saved as it is typed (the round's draft).

    `status` is 'open' while the round runs, then 'answered', 'timed_out' or 'skipped'
    (an empty round); an answered or timed-out round also has its attempt.
    """

    __tablename__ = "mock_rounds"
    __table_args__ = (
        CheckConstraint(
            "status IN ('open', 'answered', 'timed_out', 'skipped')", name="mock_round_status"
        ),
    )

    session_id: Mapped[int] = mapped_column(
        ForeignKey("mock_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    round_index: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    follow_up_text: Mapped[str] = mapped_column(Text, default="")
    elapsed_s: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(12), default="open")
    attempt_id: Mapped[int | None] = mapped_column(
        ForeignKey("attempts.id", ondelete="SET NULL"), nullable=True
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class HiddenQuestionRow(Base):
    """A question the user hid from practice and mocks (reversible: delete the row)."""

    __tablename__ = "hidden_questions"

    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"), primary_key=True)
    hidden_at: Mapped[datetime] = mapped_column(UTCDateTime())


class QuestionVersionRow(Base):
    """Earlier texts of a question the user wrote: kept whenever it is edited."""

    __tablename__ = "question_versions"
    __table_args__ = (Index("ix_question_versions_question", "question_id", "saved_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime())
    content_json: Mapped[str] = mapped_column(Text)


# Full-text search over answers, prompts and notes (SQLite FTS5). A virtual table is not
# part of the ORM metadata: migrations create it and triggers keep it in step.
SEARCH_TABLE = "attempt_search"


def is_migration_only(name: str | None) -> bool:
    """Tables the migrations own outside the ORM: the FTS5 table and its shadow tables."""
    return bool(name) and str(name).startswith(SEARCH_TABLE)
