"""Readiness from the database agrees with the pure model; the trend cache is exact."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from pm_prep.domain.readiness import ScoredAttempt, SkillInputs, skill_readiness
from pm_prep.services import practice, readiness
from pm_prep.services.demo import fill_demo_history
from pm_prep.services.self_assessment import record_self_assessment
from pm_prep.services.workspace import Workspace


def _all_scored(ws: Workspace) -> list[ScoredAttempt]:
    with ws.db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT question_id, skill_id, submitted_at, score FROM attempts "
                "WHERE score IS NOT NULL"
            )
        ).all()
    return [
        ScoredAttempt(q, s, datetime.strptime(at, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC), sc)
        for q, s, at, sc in rows
    ]


def test_current_readiness_matches_model_over_every_attempt(workspace: Workspace) -> None:
    fill_demo_history(workspace, attempts=1500, days=120, seed=5)
    now = datetime.now(UTC)
    report = readiness.current_readiness(workspace, "pm", now)
    attempts = _all_scored(workspace)
    per_track = readiness.questions_in_track(workspace, "pm")
    retention = readiness.retention_by_skill(workspace, now)
    with workspace.db.engine.connect() as conn:
        latest_self = dict(
            conn.execute(
                text("SELECT skill_id, score FROM self_assessments ORDER BY taken_at")
            ).all()
        )
    for skill, got in report.skills.items():
        mine = [a for a in attempts if a.skill == skill]
        expected = skill_readiness(
            SkillInputs(skill, mine, per_track[skill], latest_self.get(skill), retention[skill]),
            now,
        )
        assert abs(got.readiness - expected.readiness) < 1e-9, skill
        assert got.attempts == len(mine)
        assert got.questions_seen == len({a.question_id for a in mine})


def test_trend_cache_gives_the_same_numbers_as_a_fresh_computation(workspace: Workspace) -> None:
    fill_demo_history(workspace, attempts=800, days=60, seed=9)
    now = datetime.now(UTC)
    dates, first = readiness.readiness_trend(workspace, "pm", 45, now)
    assert len(dates) == 45 and dates[-1] == now
    with workspace.db.engine.connect() as conn:
        cached = conn.execute(text("SELECT COUNT(*) FROM readiness_snapshots")).scalar()
    assert cached == 44 * len(workspace.catalog.skills)
    _, second = readiness.readiness_trend(workspace, "pm", 45, now)
    assert second == first
    current = readiness.current_readiness(workspace, "pm", now)
    for skill, values in first.items():
        assert values[-1] == current.skills[skill].readiness
        assert all(0 <= v <= 100 for v in values)
    # Each past point equals the model evaluated at the end of that day.
    for index in (0, 20, 43):
        at = dates[index]
        past = readiness.current_readiness(workspace, "pm", at)
        for skill, values in first.items():
            expected = past.skills[skill]
            # Retention is only known today; without it its weight moves to performance.
            if expected.retention is None:
                assert abs(values[index] - expected.readiness) < 1e-9


def test_rating_an_old_attempt_forgets_the_cached_days_after_it(workspace: Workspace) -> None:
    now = datetime.now(UTC)
    question = workspace.catalog.questions_for("analytical")[0]
    submitted = now - timedelta(days=10)
    attempt = practice.submit_answer(
        workspace,
        question.id,
        "An answer written ten days ago",
        started_at=submitted,
        duration_s=200,
        hints_used=0,
        now=submitted,
    )
    _, before = readiness.readiness_trend(workspace, "pm", 20, now)
    assert before["analytical"][-5] == 0.0
    rubric = workspace.catalog.rubric_for(question)
    assert rubric is not None
    criteria = rubric.criteria
    practice.rate_attempt(workspace, attempt, {c.id: 5 for c in criteria}, now=now)
    _, after = readiness.readiness_trend(workspace, "pm", 20, now)
    assert after["analytical"][-5] > 0.0  # recomputed, not the stale cached zero
    assert after["analytical"][0] == 0.0  # days before the attempt are unchanged


def test_self_assessment_counts_from_its_day_on(workspace: Workspace) -> None:
    record_self_assessment(workspace, "communication", {"co-sa-1": 4, "co-sa-2": 5})
    report = readiness.current_readiness(workspace, "pm")
    assert report.skills["communication"].self_assessment == (4.5 - 1) / 4 * 100
    assert report.skills["communication"].readiness == 0.0  # not started: no attempts yet


def test_activity_counts_follow_attempts(workspace: Workspace) -> None:
    question = workspace.catalog.questions_for("technical")[0]
    now = datetime.now(UTC)
    for _ in range(3):
        practice.submit_answer(
            workspace, question.id, "x y z", started_at=now, duration_s=5, hints_used=0, now=now
        )
    today = now.astimezone().date()
    counts = readiness.activity_counts(workspace, today - timedelta(days=7))
    assert counts == {today: 3}
