"""Readiness now and over time, from SQL aggregates fed to the pure model in domain/."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

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

_EPOCH_SQL = "(julianday(submitted_at) - 2440587.5) * 86400.0"
# The 3 latest rated attempts of every question: all that performance and coverage need.
_LATEST_SQL = text(
    f"""
    SELECT question_id, skill_id, {_EPOCH_SQL} AS at, score FROM (
        SELECT question_id, skill_id, submitted_at, score,
               ROW_NUMBER() OVER (PARTITION BY question_id ORDER BY submitted_at DESC) AS rn
        FROM attempts
        WHERE score IS NOT NULL AND submitted_at <= :now
    ) WHERE rn <= {MAX_ATTEMPTS_PER_QUESTION}
    """
)
_COUNTS_SQL = text(
    """
    SELECT skill_id, COUNT(*), COUNT(DISTINCT question_id) FROM attempts
    WHERE score IS NOT NULL AND submitted_at <= :now GROUP BY skill_id
    """
)
_SELF_SQL = text(
    """
    SELECT skill_id, (julianday(taken_at) - 2440587.5) * 86400.0, score
    FROM self_assessments WHERE taken_at <= :now ORDER BY taken_at
    """
)
_CARDS_SQL = text(
    "SELECT skill_id, state, step, stability, difficulty, due, last_review FROM review_cards"
)


@dataclass(frozen=True, slots=True)
class ReadinessReport:
    track: str
    overall: OverallReadiness
    skills: dict[str, SkillReadiness]
    attempts: int


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def questions_in_track(ws: Workspace, track: str) -> dict[str, int]:
    """How many questions each skill has in a track."""
    counts = dict.fromkeys(ws.catalog.skills, 0)
    for question in ws.catalog.questions.values():
        if track in question.tracks and question.skill in counts:
            counts[question.skill] += 1
    return counts


def _self_assessments(ws: Workspace, now: datetime) -> dict[str, list[tuple[datetime, float]]]:
    found: dict[str, list[tuple[datetime, float]]] = {}
    with ws.db.engine.connect() as conn:
        for skill, at, score in conn.execute(_SELF_SQL, {"now": _stamp(now)}):
            found.setdefault(skill, []).append((_utc(at), float(score)))
    return found


def retention_by_skill(ws: Workspace, now: datetime) -> dict[str, float | None]:
    """Mean FSRS retrievability x 100 of each skill's reviewed questions (None when none)."""
    sums: dict[str, list[float]] = {}
    with ws.db.session() as session:
        for skill, state, step, stability, difficulty, due, last in session.execute(_CARDS_SQL):
            if last is None or stability is None:
                continue
            card = scheduling.CardState(
                state, step, stability, difficulty, _parse(due), _parse(last)
            )
            sums.setdefault(skill, []).append(scheduling.retrievability(card, now))
    result: dict[str, float | None] = dict.fromkeys(ws.catalog.skills)
    for skill, values in sums.items():
        result[skill] = 100.0 * sum(values) / len(values)
    return result


def _parse(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC)


def current_readiness(ws: Workspace, track: str, now: datetime | None = None) -> ReadinessReport:
    """Overall and per-skill readiness at `now` for a track."""
    now = now or datetime.now(UTC)
    params = {"now": _stamp(now)}
    by_skill: dict[str, list[ScoredAttempt]] = {s: [] for s in ws.catalog.skills}
    with ws.db.engine.connect() as conn:
        for qid, skill, at, score in conn.execute(_LATEST_SQL, params):
            by_skill.setdefault(skill, []).append(ScoredAttempt(qid, skill, _utc(at), score))
        counts = {row[0]: (int(row[1]), int(row[2])) for row in conn.execute(_COUNTS_SQL, params)}
    self_scores = _self_assessments(ws, now)
    retention = retention_by_skill(ws, now)
    per_track = questions_in_track(ws, track)
    skills: dict[str, SkillReadiness] = {}
    for skill in ws.catalog.skills:
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
        attempts, seen = counts.get(skill, (0, 0))
        # The model saw only the 3 latest attempts per question; report the true totals.
        skills[skill] = dataclasses.replace(result, attempts=attempts, questions_seen=seen)
    track_obj = ws.catalog.tracks[track]
    overall = overall_readiness(skills, track_obj.weights, track_obj.required)
    return ReadinessReport(track, overall, skills, sum(a for a, _ in counts.values()))


def readiness_trend(
    ws: Workspace, track: str, days: int, now: datetime | None = None, points: int = 31
) -> tuple[list[datetime], dict[str, list[float]]]:
    """Readiness per skill at `points` evenly spaced dates over the last `days` days."""
    now = now or datetime.now(UTC)
    start = now - timedelta(days=days)
    step = (now - start) / max(1, points - 1)
    dates = [start + step * i for i in range(points)]
    # Attempts in the window, plus the 3 latest per question before it (still counted then).
    window_sql = text(
        f"""
        SELECT question_id, skill_id, {_EPOCH_SQL}, score FROM (
            SELECT question_id, skill_id, submitted_at, score,
                   ROW_NUMBER() OVER (PARTITION BY question_id ORDER BY submitted_at DESC) AS rn
            FROM attempts WHERE score IS NOT NULL AND submitted_at < :start
        ) WHERE rn <= {MAX_ATTEMPTS_PER_QUESTION}
        UNION ALL
        SELECT question_id, skill_id, {_EPOCH_SQL}, score FROM attempts
        WHERE score IS NOT NULL AND submitted_at >= :start AND submitted_at <= :now
        """
    )
    with ws.db.engine.connect() as conn:
        rows = conn.execute(window_sql, {"start": _stamp(start), "now": _stamp(now)}).all()
    attempts = [ScoredAttempt(q, s, _utc(at), sc) for q, s, at, sc in rows]
    series = readiness_series(
        attempts,
        dates,
        questions_in_track(ws, track),
        _self_assessments(ws, now),
        retention_by_skill(ws, now),
    )
    return dates, series


def coverage_window_start(now: datetime) -> datetime:
    return now - timedelta(days=COVERAGE_WINDOW_DAYS)


def activity_counts(ws: Workspace, since: date, utc_offset_minutes: int) -> dict[date, int]:
    """Attempts per local calendar day since `since` (aggregated in SQL)."""
    modifier = f"{utc_offset_minutes:+d} minutes"
    sql = text(
        "SELECT date(submitted_at, :mod) AS day, COUNT(*) FROM attempts "
        "WHERE submitted_at >= :since GROUP BY day"
    )
    start = datetime.combine(since, datetime.min.time(), UTC) - timedelta(days=1)
    with ws.db.engine.connect() as conn:
        rows = conn.execute(sql, {"mod": modifier, "since": _stamp(start)}).all()
    return {
        date.fromisoformat(day): int(count) for day, count in rows if date.fromisoformat(day) >= since
    }
