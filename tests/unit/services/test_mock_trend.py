"""The dashboard's mock results: finished loops only, oldest first, scored by rated rounds."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from pm_prep.services import mock
from pm_prep.services.dashboard_view import dashboard_view
from pm_prep.services.mock_trend import recent_mock_results
from pm_prep.services.workspace import Workspace

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)


def _loop(ws: Workspace, when: datetime, level: int | None, seed: int) -> int:
    state = mock.start_mock(ws, "pm-analytical", rng=random.Random(seed), now=when)
    for index in range(len(state.plan)):
        text = "" if index == len(state.plan) - 1 else f"Answer {index}"
        mock.submit_round(
            ws, state.session_id, index, text, round_elapsed_s=60, loop_elapsed_s=60, now=when
        )
    if level is not None:
        question = ws.catalog.questions[state.plan[0].question_id]
        rubric = ws.catalog.rubric_for(question)
        assert rubric is not None
        mock.rate_round(ws, state.session_id, 0, {c.id: level for c in rubric.criteria}, now=when)
    return state.session_id


def test_no_finished_loop_means_nothing_to_show(workspace: Workspace) -> None:
    mock.start_mock(workspace, "pm-analytical", rng=random.Random(1), now=NOW)  # still running
    with workspace.db.raw() as conn:
        assert recent_mock_results(conn) == ()
    assert dashboard_view(workspace, NOW).mocks == ()


def test_finished_loops_oldest_first_with_the_mean_of_rated_rounds(workspace: Workspace) -> None:
    first = _loop(workspace, NOW - timedelta(days=2), 2, seed=1)
    second = _loop(workspace, NOW - timedelta(days=1), None, seed=2)
    third = _loop(workspace, NOW, 5, seed=3)
    view = dashboard_view(workspace, NOW + timedelta(minutes=1))
    assert [m.session_id for m in view.mocks] == [first, second, third]
    assert [m.score for m in view.mocks] == [25.0, None, 100.0]
    last = view.mocks[-1]
    assert (last.rounds, last.answered, last.rated) == (4, 3, 1)
    assert last.template_id == "pm-analytical"
    with workspace.db.raw() as conn:
        assert [m.session_id for m in recent_mock_results(conn, limit=2)] == [second, third]
