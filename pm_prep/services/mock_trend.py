"""The dashboard's view of mock interviews: the last loop's result and the trend of scores.

Read with the dashboard's own stdlib sqlite3 connection (it is on the start-up path: no
SQLAlchemy, no templates file). A loop's score is the mean of its rated rounds; skipped
rounds are not zeros, so `answered` and `rounds` are shown beside it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

TREND_LOOPS = 12  # the trend shows at most this many of the latest finished loops

_RESULTS_SQL = """
    SELECT s.id, s.template_id, s.ended_at,
           COUNT(r.round_index),
           SUM(CASE WHEN r.status IN ('answered', 'timed_out') THEN 1 ELSE 0 END),
           COUNT(a.score), AVG(a.score)
    FROM mock_sessions AS s
    LEFT JOIN mock_rounds AS r ON r.session_id = s.id
    LEFT JOIN attempts AS a ON a.id = r.attempt_id
    WHERE s.state = 'ended'
    GROUP BY s.id
    ORDER BY s.ended_at DESC, s.id DESC
    LIMIT ?
"""


@dataclass(frozen=True, slots=True)
class MockResult:
    """One finished mock interview, as the dashboard shows it."""

    session_id: int
    template_id: str
    ended_at: datetime
    rounds: int
    answered: int
    rated: int
    score: float | None  # mean of the rated rounds; None until one is rated


def recent_mock_results(
    conn: sqlite3.Connection, limit: int = TREND_LOOPS
) -> tuple[MockResult, ...]:
    """The latest finished loops, oldest first (the order a trend is drawn in)."""
    try:
        rows = conn.execute(_RESULTS_SQL, (limit,)).fetchall()
    except sqlite3.OperationalError:
        return ()  # a database from before the mock tables (read without migrating)
    results = [
        MockResult(
            session_id=int(r[0]),
            template_id=str(r[1]),
            ended_at=datetime.strptime(str(r[2]), "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC),
            rounds=int(r[3] or 0),
            answered=int(r[4] or 0),
            rated=int(r[5] or 0),
            score=None if r[6] is None else float(r[6]),
        )
        for r in rows
        if r[2]
    ]
    return tuple(reversed(results))
