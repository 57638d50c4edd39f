"""Readiness now and over time, from SQL aggregates fed to the pure model in domain/.

Everything here reads through `Database.raw()` (stdlib sqlite3): the dashboard is the first
page painted, and these reads must not wait for SQLAlchemy to import.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from pm_prep.domain import scheduling
from pm_prep.domain.readiness import (
    COVERAGE_WINDOW_DAYS,
    MAX_ATTEMPTS_PER_QUESTION,
    OverallReadiness,
    ScoredAttempt,
    SkillInputs,
    SkillReadiness,
    overall_readiness,
    readiness_series,
    skill_readiness,
)
from pm_prep.services.workspace import Workspace
from pm_prep.storage.errors import StorageError, classify_sqlite

_EPOCH_SQL = "(julianday(submitted_at) - 2440587.5) * 86400.0"
# The 3 latest rated attempts of every question: all that performance and coverage need.
# One index seek per question on a covering index, so it costs the same at 100 or 100k attempts.
_LATEST_SQL = f"""
    SELECT a.question_id, a.skill_id, (julianday(a.submitted_at) - 2440587.5) * 86400.0, a.score
    FROM questions AS q JOIN attempts AS a ON a.id IN (
        SELECT id FROM attempts
        WHERE question_id = q.id AND score IS NOT NULL AND submitted_at <= :now
        ORDER BY submitted_at DESC LIMIT {MAX_ATTEMPTS_PER_QUESTION}
    )
    """
# Rated and all attempts per skill, kept by triggers (migration 0003): no scan of attempts.
_COUNTS_SQL = "SELECT skill_id, rated, attempts FROM skill_attempt_counts WHERE attempts > 0"
_SELF_SQL = """
    SELECT skill_id, (julianday(taken_at) - 2440587.5) * 86400.0, score
    FROM self_assessments WHERE taken_at <= :now ORDER BY taken_at
    """
# Times as epoch seconds: far cheaper to turn into datetimes than parsing text.
_CARDS_SQL = """
    SELECT skill_id, state, step, stability, difficulty,
           (julianday(due) - 2440587.5) * 86400.0, (julianday(last_review) - 2440587.5) * 86400.0
    FROM review_cards
"""


@dataclass(frozen=True, slots=True)
class ReadinessReport:
    track: str
    overall: OverallReadiness
    skills: dict[str, SkillReadiness]
    attempts: int


@contextmanager
def reading(ws: Workspace, conn: sqlite3.Connection | None = None) -> Iterator[sqlite3.Connection]:
    """The caller's read connection, or a new one for this read alone."""
    if conn is not None:
        yield conn
        return
    with ws.db.raw() as own:
        yield own


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def questions_in_track(ws: Workspace, track: str) -> dict[str, int]:
    """How many questions each skill has in a track."""
    return ws.index.questions_in_track(track)


def _self_assessments(
    ws: Workspace, now: datetime, conn: sqlite3.Connection | None = None
) -> dict[str, list[tuple[datetime, float]]]:
    found: dict[str, list[tuple[datetime, float]]] = {}
    with reading(ws, conn) as conn:
        for skill, at, score in conn.execute(_SELF_SQL, {"now": _stamp(now)}):
            found.setdefault(skill, []).append((_utc(at), float(score)))
    return found


def retention_by_skill(
    ws: Workspace, now: datetime, conn: sqlite3.Connection | None = None
) -> dict[str, float | None]:
    """Mean FSRS retrievability x 100 of each skill's reviewed questions (None when none)."""
    sums: dict[str, list[float]] = {}
    with reading(ws, conn) as conn:
        for skill, state, step, stability, difficulty, due, last in conn.execute(_CARDS_SQL):
            if last is None or stability is None:
                continue
            card = scheduling.CardState(state, step, stability, difficulty, _utc(due), _utc(last))
            sums.setdefault(skill, []).append(scheduling.retrievability(card, now))
    result: dict[str, float | None] = dict.fromkeys(ws.index.skills)
    for skill, values in sums.items():
        result[skill] = 100.0 * sum(values) / len(values)
    return result


def current_readiness(
    ws: Workspace,
    track: str,
    now: datetime | None = None,
    conn: sqlite3.Connection | None = None,
) -> ReadinessReport:
    """Overall and per-skill readiness at `now` for a track."""
    now = now or datetime.now(UTC)
    params = {"now": _stamp(now)}
    index = ws.index  # skills, tracks and counts: the catalog's, or its stored index
    by_skill: dict[str, list[ScoredAttempt]] = {s: [] for s in index.skills}
    seen: dict[str, set[str]] = {}
    with reading(ws, conn) as conn:
        for qid, skill, at, score in conn.execute(_LATEST_SQL, params):
            by_skill.setdefault(skill, []).append(ScoredAttempt(qid, skill, _utc(at), score))
            seen.setdefault(skill, set()).add(qid)
        counts = {row[0]: int(row[1]) for row in conn.execute(_COUNTS_SQL)}
        self_scores = _self_assessments(ws, now, conn)
        retention = retention_by_skill(ws, now, conn)
    per_track = index.questions_in_track(track)
    skills: dict[str, SkillReadiness] = {}
    for skill in index.skills:
        latest_self = self_scores.get(skill)
        result = skill_readiness(
            SkillInputs(
                skill=skill,
                attempts=by_skill.get(skill, []),
                questions_in_track=per_track.get(skill, 0),
                self_assessment=latest_self[-1][1] if latest_self else None,
                retention=retention.get(skill),
            ),
            now,
        )
        # The model saw only the 3 latest attempts per question; report the true total.
        skills[skill] = dataclasses.replace(
            result, attempts=counts.get(skill, 0), questions_seen=len(seen.get(skill, ()))
        )
    track_obj = index.tracks[track]
    overall = overall_readiness(skills, track_obj.weights, track_obj.required)
    return ReadinessReport(track, overall, skills, sum(counts.values()))


def weakest_required_skill(ws: Workspace, report: ReadinessReport) -> str | None:
    """The track's required skill with the lowest readiness (ties: the first listed).

    Only skills with questions in the track count: a recommendation must be practicable.
    """
    index = ws.index
    track = index.tracks.get(report.track)
    candidates = list(track.required) if track else list(index.skills)
    candidates = [s for s in candidates if index.has_questions(s, report.track)]
    if not candidates:
        return None
    return min(candidates, key=lambda s: report.skills[s].readiness if s in report.skills else 0)


_FIRST_RATED_SQL = f"""
    SELECT skill_id, MIN({_EPOCH_SQL}) FROM attempts
    WHERE score IS NOT NULL AND submitted_at <= :now GROUP BY skill_id
    """


def first_rated_at(ws: Workspace, now: datetime | None = None) -> dict[str, datetime]:
    """When each started skill got its first rated answer (at or before `now`).

    A skill missing from the result is not started: the model gives it 0 with no evidence
    at all, so the chart draws no line for it. Before this moment a skill's trend is 0 for
    the same reason, and the chart starts its line here.
    """
    now = now or datetime.now(UTC)
    with ws.db.raw() as conn:
        rows = conn.execute(_FIRST_RATED_SQL, {"now": _stamp(now)}).fetchall()
    return {skill: _utc(at) for skill, at in rows if at is not None}


def local_day_end(day: date) -> datetime:
    """The last moment (UTC) of a calendar day on this computer's clock."""
    next_midnight = datetime.combine(day + timedelta(days=1), time()).astimezone()
    return (next_midnight - timedelta(microseconds=1)).astimezone(UTC)


def readiness_trend(
    ws: Workspace, track: str, days: int, now: datetime | None = None
) -> tuple[list[datetime], dict[str, list[float]]]:
    """Readiness per skill at the end of each of the last `days` local days, then at `now`.

    The same model as the dashboard, evaluated at past dates. Past days are cached in
    `readiness_snapshots`, so only days never computed before cost anything; the last
    point is exactly the current readiness.
    """
    now = now or datetime.now(UTC)
    today = now.astimezone().date()
    past = [today - timedelta(days=offset) for offset in range(max(1, days) - 1, 0, -1)]
    skills = list(ws.index.skills)
    cached = _cached_days(ws, track, past[0] if past else today, len(skills))
    missing = [day for day in past if day not in cached]
    if missing:
        computed = _compute_days(ws, track, missing)
        _store_days(ws, track, computed)
        cached.update(computed)
    current = current_readiness(ws, track, now)
    series = {
        skill: [cached[day].get(skill, 0.0) for day in past] + [current.skills[skill].readiness]
        for skill in skills
    }
    return [local_day_end(day) for day in past] + [now], series


def _cached_days(
    ws: Workspace, track: str, first: date, skill_count: int
) -> dict[date, dict[str, float]]:
    sql = "SELECT day, skill_id, readiness FROM readiness_snapshots WHERE track = :t AND day >= :d"
    found: dict[date, dict[str, float]] = {}
    with ws.db.raw() as conn:
        for day, skill, value in conn.execute(sql, {"t": track, "d": first.isoformat()}):
            found.setdefault(date.fromisoformat(day), {})[skill] = float(value)
    # A day cached before a skill existed is incomplete: compute it again.
    return {day: values for day, values in found.items() if len(values) >= skill_count}


def _compute_days(ws: Workspace, track: str, days: list[date]) -> dict[date, dict[str, float]]:
    ends = [local_day_end(day) for day in days]
    start = ends[0]
    # Attempts up to the last day, plus the 3 latest per question before the first one:
    # together they hold every question's 3 latest attempts at each of the days.
    rows_sql = f"""
        SELECT a.question_id, a.skill_id, {_EPOCH_SQL}, a.score
        FROM questions AS q JOIN attempts AS a ON a.id IN (
            SELECT id FROM attempts
            WHERE question_id = q.id AND score IS NOT NULL AND submitted_at < :start
            ORDER BY submitted_at DESC LIMIT {MAX_ATTEMPTS_PER_QUESTION}
        )
        UNION ALL
        SELECT question_id, skill_id, {_EPOCH_SQL}, score FROM attempts
        WHERE score IS NOT NULL AND submitted_at >= :start AND submitted_at <= :end
        """
    with ws.db.raw() as conn:
        rows = conn.execute(rows_sql, {"start": _stamp(start), "end": _stamp(ends[-1])}).fetchall()
    attempts = [ScoredAttempt(q, s, _utc(at), sc) for q, s, at, sc in rows]
    series = readiness_series(
        attempts,
        ends,
        questions_in_track(ws, track),
        _self_assessments(ws, ends[-1]),
        dict.fromkeys(ws.index.skills),  # retention is only known now, never for past days
    )
    return {
        day: {skill: values[i] for skill, values in series.items()} for i, day in enumerate(days)
    }


def _store_days(ws: Workspace, track: str, computed: dict[date, dict[str, float]]) -> None:
    rows = [
        {"day": day.isoformat(), "track": track, "skill_id": skill, "readiness": value}
        for day, values in computed.items()
        for skill, value in values.items()
    ]
    sql = (
        "INSERT OR REPLACE INTO readiness_snapshots (day, track, skill_id, readiness) "
        "VALUES (:day, :track, :skill_id, :readiness)"
    )
    try:
        with ws.db.raw() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.executemany(sql, rows)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
    except StorageError:
        # Only a cache: a read-only or full disk must not break the chart.
        return
    except sqlite3.Error as exc:
        if classify_sqlite(exc, ws.database_path) is None:
            raise  # not the environment: a bug, which must be seen
        return


def coverage_window_start(now: datetime) -> datetime:
    return now - timedelta(days=COVERAGE_WINDOW_DAYS)


def activity_counts(
    ws: Workspace, since: date, conn: sqlite3.Connection | None = None
) -> dict[date, int]:
    """Attempts per local calendar day since `since` (kept by triggers, so no scan)."""
    sql = "SELECT day, attempts FROM activity_days WHERE day >= :since"
    with reading(ws, conn) as conn:
        rows = conn.execute(sql, {"since": since.isoformat()}).fetchall()
    return {date.fromisoformat(day): int(count) for day, count in rows}
