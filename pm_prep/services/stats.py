"""The numbers a user asks for at a glance: readiness, attempts, streaks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import text

from pm_prep.domain.activity import Streaks, streaks
from pm_prep.services.readiness import ReadinessReport, current_readiness
from pm_prep.services.settings import load_settings
from pm_prep.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Summary:
    report: ReadinessReport
    streaks: Streaks
    unrated: int


def local_offset_minutes(now: datetime | None = None) -> int:
    """This machine's UTC offset now, in minutes (calendar days are the user's local days)."""
    moment = (now or datetime.now(UTC)).astimezone()
    offset = moment.utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def active_days(ws: Workspace, offset_minutes: int) -> list[date]:
    """Every local day with at least one submitted attempt (one row per day, from SQL)."""
    sql = text("SELECT DISTINCT date(submitted_at, :mod) FROM attempts")
    with ws.db.engine.connect() as conn:
        return [date.fromisoformat(r[0]) for r in conn.execute(sql, {"mod": f"{offset_minutes:+d} minutes"})]


def summary(ws: Workspace, now: datetime | None = None, track: str | None = None) -> Summary:
    now = now or datetime.now(UTC)
    track = track or load_settings(ws).track
    offset = local_offset_minutes(now)
    today = (now + timedelta(minutes=offset)).date()
    report = current_readiness(ws, track, now)
    with ws.db.engine.connect() as conn:
        unrated = conn.execute(text("SELECT COUNT(*) FROM attempts WHERE score IS NULL")).scalar()
    return Summary(report, streaks(active_days(ws, offset), today), int(unrated or 0))


def summary_json(result: Summary) -> dict[str, Any]:
    """The `pm-prep stats --json` document (DESIGN section 8)."""
    report = result.report
    return {
        "overall": round(report.overall.score, 2),
        "band": report.overall.band,
        "track": report.track,
        "attempts": report.attempts,
        "unrated_attempts": result.unrated,
        "streak": {"current": result.streaks.current, "longest": result.streaks.longest},
        "skills": {
            skill_id: {
                "readiness": round(s.readiness, 2),
                "attempts": s.attempts,
                "questions_seen": s.questions_seen,
            }
            for skill_id, s in report.skills.items()
        },
    }
