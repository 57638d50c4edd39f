"""Calibration of one skill over time: self-assessments, rated performance and the evidence.

The evidence is the share of a question's talking points an answer covers, worked out by
`domain.insights.analyse_answer`. That costs a few milliseconds an answer, so:

- the chart's weekly evidence reads a sample: the latest `SAMPLE_PER_WEEK` answers of each
  week (plus the latest answers the note compares), never every answer ever written;
- each result is kept in a small SQLite cache in the data folder's cache directory, keyed by
  what it was computed from (the answer's text, the question's content hash and the
  insights code), so an edited question or a new app version is analysed again and a
  restored backup can never be shown another database's figures;
- answers not in the cache are analysed a few at a time by the caller (`analyse_pending`),
  so a page opens at once and fills the evidence in as it is read.

Rated performance per week is one SQL aggregate over the covering (skill, time, score)
index; it never reads an answer.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path

from pm_prep import __version__
from pm_prep.domain import calibration as model
from pm_prep.domain.content import Question
from pm_prep.domain.insights import analyse_answer
from pm_prep.services.readiness import reading
from pm_prep.services.self_assessment import AssessmentRecord, assessment_history
from pm_prep.services.workspace import Workspace, cache_dir

# At most this many answers a week are read for the weekly evidence (the latest ones).
SAMPLE_PER_WEEK = 10
CACHE_NAME = "coverage.sqlite3"
# Bump when what is stored changes shape or meaning.
CACHE_FORMAT = 1
# SQLITE_CORRUPT and SQLITE_NOTADB: a cache file in this state is deleted, never repaired.
_DAMAGED = (11, 26)

# Weeks are given to SQL as [start, end) UTC stamps of local Mondays, as JSON: SQLite's own
# 'localtime' per row cost 30-170 ms at 20k answers; index range seeks cost a few.
_FIRST_SQL = "SELECT MIN(submitted_at) FROM attempts WHERE skill_id = :skill"
_PERFORMANCE_SQL = """
    SELECT w.key, AVG(a.score), COUNT(a.score)
    FROM json_each(:weeks) AS w JOIN attempts AS a
        ON a.skill_id = :skill AND a.score IS NOT NULL
        AND a.submitted_at >= w.value ->> '$[0]' AND a.submitted_at < w.value ->> '$[1]'
    GROUP BY w.key
    """
# The latest answers of each week to questions with talking points: one index seek a week.
_SAMPLE_SQL = """
    SELECT w.key, a.id FROM json_each(:weeks) AS w JOIN attempts AS a ON a.id IN (
        SELECT id FROM attempts
        WHERE skill_id = :skill
            AND submitted_at >= w.value ->> '$[0]' AND submitted_at < w.value ->> '$[1]'
            AND question_id IN (SELECT value FROM json_each(:questions))
        ORDER BY submitted_at DESC, id DESC LIMIT :per_week
    )
    """
_RECENT_SQL = """
    SELECT id FROM attempts WHERE skill_id = :skill
    ORDER BY submitted_at DESC, id DESC LIMIT :limit
    """
_DETAIL_SQL = """
    SELECT a.id, a.submitted_at, a.score, a.question_id, COALESCE(q.content_hash, ''),
           a.answer_text
    FROM attempts AS a LEFT JOIN questions AS q ON q.id = a.question_id
    WHERE a.id IN (SELECT value FROM json_each(:ids))
    """


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def week_of(moment: datetime) -> date:
    """The Monday of the local week holding `moment`."""
    day = moment.astimezone().date()
    return day - timedelta(days=day.weekday())


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone()


def _weeks(first: datetime, now: datetime) -> list[tuple[date, str, str]]:
    """Every local week from `first`'s to `now`'s: (Monday, start stamp, end stamp)."""
    monday, last = week_of(first), week_of(now)
    weeks = []
    while monday <= last:
        following = monday + timedelta(days=7)
        weeks.append((monday, _stamp(_local_midnight(monday)), _stamp(_local_midnight(following))))
        monday = following
    return weeks


@cache
def _insights_fingerprint() -> str:
    """What the coverage was computed by: the insights code itself where it can be read."""
    from pm_prep.domain import insights

    try:
        source = Path(insights.__file__).read_bytes()
    except (OSError, TypeError):  # a frozen bundle may hold no source: the version decides
        source = b""
    return hashlib.sha256(source + f"|{__version__}|{CACHE_FORMAT}".encode()).hexdigest()[:16]


def coverage_key(question_hash: str, answer: str) -> str:
    """The cache key of one answer's coverage of one version of a question."""
    digest = hashlib.sha256(f"{_insights_fingerprint()}|{question_hash}|".encode())
    digest.update(answer.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def coverage_of(answer: str, question: Question) -> float | None:
    """Share (0-1) of the question's talking points the answer covers; None without any."""
    if not question.talking_points:
        return None
    insights = analyse_answer(answer, question)
    return insights.points_covered / len(insights.talking_points)


class CoverageCache:
    """Coverage already worked out, kept in `cache/coverage.sqlite3` of the data folder.

    A cache, not data: if the file cannot be opened, read or written, everything still
    works (only slower), and deleting it loses nothing. Each call opens and closes its own
    connection (well under a millisecond), so nothing is left open when a window closes.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.broken = False  # set after a failure: the cache is then skipped

    @classmethod
    def for_workspace(cls, ws: Workspace) -> CoverageCache:
        return cls(cache_dir(ws.data_dir) / CACHE_NAME)

    def _open(self) -> sqlite3.Connection | None:
        if self.broken:
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not self.path.exists():
                # Answers are private: the cache is as closed as the database (0600).
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            conn = sqlite3.connect(self.path, isolation_level=None)
        except (OSError, sqlite3.Error):
            self.broken = True
            return None
        try:
            # A lost cache entry is only worked out again: no fsync needed.
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS coverage "
                "(key TEXT PRIMARY KEY, share REAL NOT NULL) WITHOUT ROWID"
            )
        except sqlite3.Error as exc:
            conn.close()
            self._give_up(exc)
            return None
        return conn

    def _give_up(self, exc: sqlite3.Error) -> None:
        """Skip the cache from now on; a damaged file goes, so the next session starts afresh."""
        self.broken = True
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF in _DAMAGED:
            with suppress(OSError):
                self.path.unlink(missing_ok=True)

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection | None]:
        conn = self._open()
        try:
            yield conn
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
                conn = None
            self._give_up(exc)
        finally:
            if conn is not None:
                conn.close()

    def get_many(self, keys: Iterable[str]) -> dict[str, float]:
        """The cached shares of those keys that are cached."""
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        found: dict[str, float] = {}
        with self._connection() as conn:
            if conn is not None:
                rows = conn.execute(
                    "SELECT key, share FROM coverage WHERE key IN (SELECT value FROM json_each(?))",
                    (json.dumps(wanted),),
                ).fetchall()
                found = {str(k): float(v) for k, v in rows}
        return found

    def put_many(self, shares: Mapping[str, float]) -> None:
        if not shares:
            return
        with self._connection() as conn:
            if conn is not None:
                conn.execute("BEGIN")
                conn.executemany(
                    "INSERT OR REPLACE INTO coverage (key, share) VALUES (?, ?)", shares.items()
                )
                conn.execute("COMMIT")


@dataclass(frozen=True, slots=True)
class WeekPoint:
    """One local week (Monday) of a skill: a mean on the 0-100 scale and how many made it."""

    week: date
    value: float
    count: int


@dataclass(slots=True)
class _Answer:
    attempt_id: int
    week: date
    submitted_at: datetime
    score: float | None
    question_id: str
    key: str
    answer: str | None  # kept only until analysed


@dataclass(slots=True)
class CalibrationData:
    """Everything the calibration chart and note show for one skill."""

    skill: str
    assessments: list[AssessmentRecord]
    performance: list[WeekPoint]
    recent_ids: list[int]  # the latest answers of the skill, newest first
    answers: dict[int, _Answer] = field(default_factory=dict)
    shares: dict[int, float | None] = field(default_factory=dict)  # attempt id -> coverage
    sampled: set[int] = field(default_factory=set)  # ids read for the weekly evidence

    @property
    def pending(self) -> list[int]:
        """Answers still to analyse, the ones the note compares first."""
        recent = [i for i in self.recent_ids if i in self.answers and i not in self.shares]
        rest = sorted(
            (i for i in self.answers if i not in self.shares and i not in recent),
            key=lambda i: self.answers[i].submitted_at,
            reverse=True,
        )
        return recent + rest

    def evidence(self) -> list[WeekPoint]:
        """Mean share of talking points covered per week, x 100, from the analysed sample."""
        per_week: dict[date, list[float]] = {}
        for attempt_id in self.sampled:
            share = self.shares.get(attempt_id)
            if share is not None:
                per_week.setdefault(self.answers[attempt_id].week, []).append(share)
        return [
            WeekPoint(week, 100.0 * sum(values) / len(values), len(values))
            for week, values in sorted(per_week.items())
        ]

    def latest_self_assessment(self) -> float | None:
        return self.assessments[-1].score if self.assessments else None

    def calibration(self) -> model.Calibration:
        """The three measures over the latest answers (see `domain.calibration`)."""
        recent = []
        waiting = 0
        for attempt_id in self.recent_ids:
            answer = self.answers.get(attempt_id)
            if answer is not None and attempt_id not in self.shares:
                waiting += 1
            score = answer.score if answer is not None else None
            recent.append(model.RecentAttempt(score, self.shares.get(attempt_id)))
        return model.calibrate(self.latest_self_assessment(), recent, pending=waiting)

    def note(self, skill_name: str) -> str:
        return model.calibration_note(self.calibration(), skill_name)


def _utc(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp).replace(tzinfo=UTC)


def load_calibration(
    ws: Workspace,
    skill: str,
    cache: CoverageCache | None = None,
    *,
    now: datetime | None = None,
    per_week: int = SAMPLE_PER_WEEK,
    conn: sqlite3.Connection | None = None,
) -> CalibrationData:
    """Read a skill's calibration; coverage comes from the cache, the rest is `pending`."""
    now = now or datetime.now(UTC)
    catalog = ws.catalog
    with_points = [q.id for q in catalog.questions_for(skill) if q.talking_points]
    performance: list[WeekPoint] = []
    sampled: dict[int, date] = {}
    with reading(ws, conn) as conn:
        assessments = assessment_history(ws, skill, conn)
        (first,) = conn.execute(_FIRST_SQL, {"skill": skill}).fetchone()
        weeks = _weeks(min(_utc(first), now), now) if first is not None else []
        if weeks:
            params = {
                "skill": skill,
                "weeks": json.dumps([[start, end] for _, start, end in weeks]),
                "questions": json.dumps(with_points),
                "per_week": per_week,
            }
            performance = [
                WeekPoint(weeks[int(key)][0], float(mean), int(count))
                for key, mean, count in conn.execute(_PERFORMANCE_SQL, params)
            ]
            sampled = {int(i): weeks[int(k)][0] for k, i in conn.execute(_SAMPLE_SQL, params)}
        recent = [
            int(r[0])
            for r in conn.execute(_RECENT_SQL, {"skill": skill, "limit": model.RECENT_ATTEMPTS})
        ]
        wanted = sorted(set(sampled) | set(recent))
        rows = conn.execute(_DETAIL_SQL, {"ids": json.dumps(wanted)}).fetchall()
    performance.sort(key=lambda p: p.week)
    data = CalibrationData(skill, assessments, performance, recent, sampled=set(sampled))
    for attempt_id, submitted, score, question_id, question_hash, answer in rows:
        question = catalog.questions.get(question_id)
        moment = _utc(submitted)
        data.answers[int(attempt_id)] = _Answer(
            attempt_id=int(attempt_id),
            week=sampled.get(int(attempt_id)) or week_of(moment),
            submitted_at=moment,
            score=None if score is None else float(score),
            question_id=question_id,
            key=coverage_key(question_hash, answer),
            answer=answer,
        )
        if question is None or not question.talking_points:
            # A retired question or one without talking points gives no evidence.
            data.shares[int(attempt_id)] = None
    if cache is not None:
        by_key: dict[str, list[int]] = {}
        for attempt_id, answer_row in data.answers.items():
            if attempt_id not in data.shares:
                by_key.setdefault(answer_row.key, []).append(attempt_id)
        for key, share in cache.get_many(by_key).items():
            for attempt_id in by_key[key]:
                data.shares[attempt_id] = share
                data.answers[attempt_id].answer = None
    return data


def analyse_pending(
    ws: Workspace,
    data: CalibrationData,
    cache: CoverageCache | None = None,
    *,
    limit: int | None = None,
) -> int:
    """Work out the coverage of up to `limit` pending answers (all if None); returns how many."""
    todo: Sequence[int] = data.pending
    if limit is not None:
        todo = todo[:limit]
    found: dict[str, float] = {}
    for attempt_id in todo:
        answer = data.answers[attempt_id]
        question = ws.catalog.questions.get(answer.question_id)
        share = None if question is None else coverage_of(answer.answer or "", question)
        data.shares[attempt_id] = share
        answer.answer = None
        if share is not None:
            found[answer.key] = share
    if cache is not None:
        cache.put_many(found)
    return len(todo)
