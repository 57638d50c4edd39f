"""skill_attempt_counts always equals counting the attempts (triggers of migration 0003)."""

from __future__ import annotations

import sqlite3

from pm_prep.services.demo import fill_demo_history
from pm_prep.services.workspace import Workspace

COUNTED = "SELECT skill_id, COUNT(*), COUNT(score) FROM attempts GROUP BY skill_id"
KEPT = "SELECT skill_id, attempts, rated FROM skill_attempt_counts WHERE attempts > 0"


def _both(conn: sqlite3.Connection) -> tuple[set[tuple[str, int, int]], set[tuple[str, int, int]]]:
    return set(conn.execute(COUNTED).fetchall()), set(conn.execute(KEPT).fetchall())


def test_the_kept_counts_follow_every_kind_of_write(workspace: Workspace) -> None:
    fill_demo_history(workspace, attempts=400, days=30, seed=3)
    with workspace.db.raw() as conn:
        counted, kept = _both(conn)
        assert counted == kept and sum(n for _, n, _ in kept) == 400
        conn.execute("UPDATE attempts SET score = NULL WHERE id % 5 = 0")  # unrated again
        conn.execute("UPDATE attempts SET score = 60 WHERE id % 7 = 0")  # (re)rated
        conn.execute("UPDATE attempts SET skill_id = 'technical' WHERE id % 11 = 0")
        conn.execute("DELETE FROM attempts WHERE id % 3 = 0")
        counted, kept = _both(conn)
        assert counted == kept
        conn.execute("DELETE FROM attempts")
        assert conn.execute(KEPT).fetchall() == []
