"""The dashboard's view model, without Qt: one connection, the same figures as `stats`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from unittest.mock import patch

from pm_prep.services import stats
from pm_prep.services.dashboard_view import dashboard_view
from pm_prep.services.practice import rate_attempt, submit_answer
from pm_prep.services.workspace import Workspace


def _answer(ws: Workspace, skill: str, level: int, when: datetime) -> None:
    question = ws.catalog.questions_for(skill, "pm")[0]
    rubric = ws.catalog.rubric_for(question)
    assert rubric is not None
    attempt = submit_answer(
        ws, question.id, "An answer.", started_at=when, duration_s=60, hints_used=0, now=when
    )
    rate_attempt(ws, attempt, {c.id: level for c in rubric.criteria}, now=when)


def test_a_new_user_sees_a_recommendation_and_no_figures(workspace: Workspace) -> None:
    view = dashboard_view(workspace)
    assert view.new_user
    assert view.report.overall.score == 0
    assert view.recommendation is not None and view.recommendation[1] == "new"


def test_the_view_holds_what_stats_reports(workspace: Workspace) -> None:
    now = datetime.now(UTC)
    _answer(workspace, "analytical", 4, now - timedelta(days=2))
    _answer(workspace, "communication", 2, now - timedelta(days=1))
    view = dashboard_view(workspace, now)
    expected = stats.summary(workspace, now=now)
    assert view.report == expected.report
    assert view.summary.streaks == expected.streaks
    assert sum(view.activity.values()) == 2
    assert view.weakest is not None and view.recommendation == (view.weakest, "new")


def test_the_view_is_read_through_one_connection(workspace: Workspace) -> None:
    opened = []
    real = type(workspace.db).raw

    def counting(db):  # type: ignore[no-untyped-def]
        opened.append(1)
        return real(db)

    with patch.object(type(workspace.db), "raw", counting):
        dashboard_view(workspace)
    assert len(opened) == 1


def test_the_view_names_the_skills_due_for_a_self_assessment(workspace: Workspace) -> None:
    from pm_prep.services.self_assessment import record_self_assessment

    now = datetime.now(UTC)
    due = dashboard_view(workspace, now).assessments_due
    assert due and all(d.last_taken is None for d in due)
    first = due[0].skill
    record_self_assessment(workspace, first, {"any": 4}, now=now - timedelta(days=15))
    record_self_assessment(workspace, due[1].skill, {"any": 4}, now=now - timedelta(days=1))
    after = dashboard_view(workspace, now).assessments_due
    assert [d.skill for d in after] == [d.skill for d in due[2:]] + [first]
    assert after[-1].days_since(now) == 15
