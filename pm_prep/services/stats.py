"""The numbers a user asks for at a glance: readiness, attempts, streaks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from pm_prep.domain.activity import Streaks, streaks
from pm_prep.services.readiness import ReadinessReport, current_readiness
from pm_prep.services.settings import load_settings
from pm_prep.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Summary:
    report: ReadinessReport
    streaks: Streaks
    unrated: int


def active_days(ws: Workspace) -> list[date]:
    """Every local day with at least one submitted attempt."""
    with ws.db.raw() as conn:
        return [date.fromisoformat(r[0]) for r in conn.execute("SELECT day FROM activity_days")]


def local_today(now: datetime | None = None) -> date:
    """Today's date on this computer's calendar."""
    return (now or datetime.now(UTC)).astimezone().date()


def summary(ws: Workspace, now: datetime | None = None, track: str | None = None) -> Summary:
    now = now or datetime.now(UTC)
    track = track or load_settings(ws).track
    report = current_readiness(ws, track, now)
    with ws.db.raw() as conn:
        (total,) = conn.execute("SELECT COALESCE(SUM(attempts), 0) FROM activity_days").fetchone()
    unrated = max(0, int(total or 0) - report.attempts)
    return Summary(report, streaks(active_days(ws), local_today(now)), unrated)


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
