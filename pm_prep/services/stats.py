"""The numbers a user asks for at a glance: readiness, attempts, streaks."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from pm_prep.domain.activity import Streaks, streaks
from pm_prep.services.readiness import ReadinessReport, current_readiness, reading
from pm_prep.services.settings import load_settings
from pm_prep.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Summary:
    report: ReadinessReport
    streaks: Streaks
    unrated: int
    mocks: int = 0


def active_days(ws: Workspace, conn: sqlite3.Connection | None = None) -> list[date]:
    """Every local day with at least one submitted attempt."""
    with reading(ws, conn) as conn:
        return [date.fromisoformat(r[0]) for r in conn.execute("SELECT day FROM activity_days")]


def local_today(now: datetime | None = None) -> date:
    """Today's date on this computer's calendar."""
    return (now or datetime.now(UTC)).astimezone().date()


def summary(
    ws: Workspace,
    now: datetime | None = None,
    track: str | None = None,
    conn: sqlite3.Connection | None = None,
) -> Summary:
    """Readiness, streaks, unrated answers and mock count, read through one connection."""
    now = now or datetime.now(UTC)
    with reading(ws, conn) as conn:
        track = track or load_settings(ws, conn).track
        report = current_readiness(ws, track, now, conn)
        (total,) = conn.execute("SELECT COALESCE(SUM(attempts), 0) FROM activity_days").fetchone()
        days = active_days(ws, conn)
        mocks = _mock_count(conn)
    unrated = max(0, int(total or 0) - report.attempts)
    return Summary(report, streaks(days, local_today(now)), unrated, mocks)


def _mock_count(conn: sqlite3.Connection) -> int:
    """Finished mock interviews (0 until a database has the mock tables).

    A loop still running (or left running by a killed app, waiting to be resumed) is not a
    mock interview done yet: only ended loops count (docs/mock-interview.md).
    """
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'mock_sessions'"
    ).fetchone()
    if exists is None:
        return 0
    (count,) = conn.execute("SELECT COUNT(*) FROM mock_sessions WHERE state = 'ended'").fetchone()
    return int(count)


def summary_json(result: Summary) -> dict[str, Any]:
    """The `pm-prep stats --json` document (DESIGN section 8)."""
    report = result.report
    return {
        "overall": round(report.overall.score, 2),
        "band": report.overall.band,
        "track": report.track,
        "attempts": report.attempts,
        "unrated_attempts": result.unrated,
        "mocks": result.mocks,
        "streak": {"current": result.streaks.current, "longest": result.streaks.longest},
        "skills": {
            skill_id: {
                "readiness": round(s.readiness, 2),
                "attempts": s.attempts,
                "questions_seen": s.questions_seen,
                "self_assessment": (
                    None if s.self_assessment is None else round(s.self_assessment, 2)
                ),
            }
            for skill_id, s in report.skills.items()
        },
    }
