"""Mock interview use cases against a real, migrated database (no Qt)."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pm_prep.services import mock, stats
from pm_prep.services.changes import Changes, changes_of
from pm_prep.services.mock_templates import round_candidates
from pm_prep.services.practice import rate_attempt, submit_answer
from pm_prep.services.workspace import Workspace

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)


def _rows(ws: Workspace, sql: str, *params: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(ws.database_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _start(ws: Workspace, template_id: str = "pm-analytical", seed: int = 1) -> mock.MockState:
    return mock.start_mock(ws, template_id, rng=random.Random(seed), now=NOW)


def _submit(
    ws: Workspace, state: mock.MockState, index: int, text: str, follow: str = ""
) -> mock.RoundOutcome:
    return mock.submit_round(
        ws,
        state.session_id,
        index,
        text,
        follow,
        round_elapsed_s=120,
        loop_elapsed_s=120 * (index + 1),
        now=NOW + timedelta(minutes=index + 1),
    )


def _hide(ws: Workspace, question_ids: list[str]) -> None:
    conn = sqlite3.connect(ws.database_path)
    try:
        conn.executemany(
            "INSERT INTO hidden_questions (question_id, hidden_at) VALUES (?, ?)",
            [(qid, "2026-12-01 00:00:00.000000") for qid in question_ids],
        )
        conn.commit()
    finally:
        conn.close()


def test_every_write_says_what_it_changed() -> None:
    assert changes_of(mock.start_mock) == Changes.MOCK
    assert changes_of(mock.save_round_draft) == Changes.MOCK
    assert changes_of(mock.submit_round) == Changes.MOCK | Changes.ATTEMPTS
    assert changes_of(mock.end_mock) == Changes.MOCK | Changes.ATTEMPTS
    assert changes_of(mock.rate_round) == Changes.MOCK | Changes.RATINGS
    assert changes_of(mock.running_mock) == Changes.NONE


def test_the_users_track_comes_first_and_the_other_is_marked() -> None:
    listed = mock.templates_for("intern")
    own = [t.id for t, mine in listed if mine]
    other = [t.id for t, mine in listed if not mine]
    assert own and other
    assert [t.id for t, _ in listed] == own + other
    assert all(t.track == "intern" for t, mine in listed if mine)
    assert all(t.track == "pm" for t, mine in listed if not mine)


def test_a_loop_draws_one_distinct_question_per_round_by_the_template(
    workspace: Workspace,
) -> None:
    state = _start(workspace, "pm-full-loop")
    loop = mock.template("pm-full-loop")
    assert loop is not None
    ids = [r.question_id for r in state.plan]
    assert len(ids) == len(set(ids)) == len(loop.rounds)
    for round_, planned in zip(loop.rounds, state.plan, strict=True):
        question = workspace.catalog.questions[planned.question_id]
        assert question in round_candidates(round_, workspace.catalog, "pm")
        assert planned.minutes == round_.minutes
        if round_.follow_up:
            assert planned.follow_up_prompt in question.follow_ups
        else:
            assert planned.follow_up_prompt is None
    rows = _rows(
        workspace,
        "SELECT template_id, track, state, current_round, ended_at FROM mock_sessions",
    )
    assert rows == [("pm-full-loop", "pm", "running", 0, None)]
    assert _rows(workspace, "SELECT COUNT(*), MIN(status), MAX(status) FROM mock_rounds") == [
        (len(ids), "open", "open")
    ]
    assert mock.running_mock(workspace) == state


def test_questions_seen_recently_are_drawn_only_when_nothing_else_is_left(
    workspace: Workspace,
) -> None:
    loop = mock.template("pm-analytical")
    assert loop is not None
    diagnosis = round_candidates(loop.rounds[1], workspace.catalog, "pm")
    # Answer all but one diagnosis question yesterday: the loop must draw the one left.
    for question in diagnosis[:-1]:
        submit_answer(
            workspace,
            question.id,
            "An answer.",
            started_at=NOW,
            duration_s=60,
            hints_used=0,
            now=NOW - timedelta(days=1),
        )
    state = mock.start_mock(workspace, "pm-analytical", rng=random.Random(3), now=NOW)
    assert state.plan[1].question_id == diagnosis[-1].id
    mock.end_mock(workspace, state.session_id, now=NOW)
    # Now every one was seen (the last one drawn in that loop): the round still fills.
    again = mock.start_mock(workspace, "pm-analytical", rng=random.Random(4), now=NOW)
    assert again.plan[1].question_id in {q.id for q in diagnosis}


def test_hidden_questions_are_never_drawn(workspace: Workspace) -> None:
    loop = mock.template("pm-analytical")
    assert loop is not None
    diagnosis = round_candidates(loop.rounds[1], workspace.catalog, "pm")
    _hide(workspace, [q.id for q in diagnosis[:-1]])
    for seed in range(5):
        state = mock.start_mock(workspace, "pm-analytical", rng=random.Random(seed), now=NOW)
        assert state.plan[1].question_id == diagnosis[-1].id
        mock.end_mock(workspace, state.session_id, now=NOW)


def test_a_loop_that_cannot_be_filled_says_why(workspace: Workspace) -> None:
    loop = mock.template("intern-screen")
    assert loop is not None
    closing = round_candidates(loop.rounds[-1], workspace.catalog, "intern")
    _hide(workspace, [q.id for q in closing])
    with pytest.raises(mock.MockError, match="hidden"):
        _start(workspace, "intern-screen")
    assert _rows(workspace, "SELECT COUNT(*) FROM mock_sessions") == [(0,)]


def test_only_one_loop_runs_at_a_time(workspace: Workspace) -> None:
    _start(workspace)
    with pytest.raises(mock.MockError, match="already running"):
        _start(workspace)
    with pytest.raises(mock.MockError, match="no mock interview loop"):
        mock.start_mock(workspace, "no-such-loop")


def test_a_draft_keeps_the_text_and_the_time_of_the_round(workspace: Workspace) -> None:
    state = _start(workspace)
    text = "Clarify the metric 📉 first, then سلام segment by platform."
    mock.save_round_draft(
        workspace, state.session_id, 0, text, round_elapsed_s=83, loop_elapsed_s=83, now=NOW
    )
    again = mock.running_mock(workspace)
    assert again is not None
    assert again.rounds[0].text == text
    assert (again.round_elapsed_s, again.loop_elapsed_s) == (83, 83)
    assert again.round_left_s == state.plan[0].seconds - 83
    assert again.loop_left_s == state.total_seconds - 83
    with pytest.raises(mock.MockError, match="over"):
        mock.save_round_draft(
            workspace, state.session_id, 1, "x", round_elapsed_s=1, loop_elapsed_s=84
        )


def test_the_follow_up_is_remembered_and_stored_with_the_answer(workspace: Workspace) -> None:
    state = _start(workspace)
    _submit(workspace, state, 0, "I am a PM who ships.")
    prompt = state.plan[1].follow_up_prompt
    assert prompt
    mock.save_round_draft(
        workspace,
        state.session_id,
        1,
        "Check logging first.",
        "",
        follow_up_shown=True,
        round_elapsed_s=300,
        loop_elapsed_s=420,
    )
    resumed = mock.running_mock(workspace)
    assert resumed is not None and resumed.rounds[1].follow_up_shown
    outcome = _submit(workspace, state, 1, "Check logging first.", "Then segment by market.")
    (answer,) = _rows(
        workspace, "SELECT answer_text FROM attempts WHERE id = ?", outcome.attempt_id
    )
    assert answer == (
        f"Check logging first.\n\n{mock.FOLLOW_UP_HEADING} {prompt}\n\nThen segment by market.",
    )


def test_an_empty_round_is_skipped_not_a_zero_score(workspace: Workspace) -> None:
    state = _start(workspace)
    outcome = _submit(workspace, state, 0, "   \n ")
    assert (outcome.status, outcome.attempt_id, outcome.ended) == ("skipped", None, False)
    assert _rows(workspace, "SELECT COUNT(*) FROM attempts") == [(0,)]
    assert _rows(workspace, "SELECT status FROM mock_rounds WHERE round_index = 0") == [
        ("skipped",)
    ]


def test_a_timed_out_round_is_submitted_as_it_stands(workspace: Workspace) -> None:
    state = _start(workspace)
    outcome = mock.submit_round(
        workspace,
        state.session_id,
        0,
        "Half a thought",
        round_elapsed_s=state.plan[0].seconds,
        loop_elapsed_s=state.plan[0].seconds,
        timed_out=True,
        now=NOW,
    )
    assert outcome.status == "timed_out"
    rows = _rows(
        workspace,
        "SELECT answer_text, mock_session_id, mock_round, duration_s, time_limit_s, score "
        "FROM attempts",
    )
    assert rows == [
        ("Half a thought", state.session_id, 0, state.plan[0].seconds, state.plan[0].seconds, None)
    ]
    assert _rows(workspace, "SELECT current_round, round_elapsed_s FROM mock_sessions") == [(1, 0)]
    with pytest.raises(mock.MockError, match="submitted already"):
        _submit(workspace, state, 0, "again")


def test_the_last_round_ends_the_loop(workspace: Workspace) -> None:
    state = _start(workspace)
    for index in range(len(state.plan)):
        outcome = _submit(workspace, state, index, f"Answer {index}")
    assert outcome.ended
    assert mock.running_mock(workspace) is None
    assert _rows(workspace, "SELECT state, ended_at IS NOT NULL FROM mock_sessions") == [
        ("ended", 1)
    ]
    assert _rows(workspace, "SELECT COUNT(*) FROM attempts WHERE mock_session_id IS NOT NULL") == [
        (len(state.plan),)
    ]


def test_ending_early_keeps_what_was_written_and_skips_the_rest(workspace: Workspace) -> None:
    state = _start(workspace)
    _submit(workspace, state, 0, "Intro answer")
    ended = mock.end_mock(
        workspace,
        state.session_id,
        text="Half of the diagnosis",
        follow_up_text="",
        round_elapsed_s=200,
        loop_elapsed_s=320,
        now=NOW,
    )
    assert ended.state == "ended"
    assert [r.status for r in ended.rounds] == ["answered", "answered", "skipped", "skipped"]
    assert ended.rounds[1].text == "Half of the diagnosis"
    assert _rows(workspace, "SELECT answer_text FROM attempts ORDER BY id") == [
        ("Intro answer",),
        ("Half of the diagnosis",),
    ]
    with pytest.raises(mock.MockError, match="ended already"):
        mock.end_mock(workspace, state.session_id)


def test_ending_without_text_uses_the_last_saved_draft(workspace: Workspace) -> None:
    state = _start(workspace)
    mock.save_round_draft(
        workspace, state.session_id, 0, "Saved words", round_elapsed_s=50, loop_elapsed_s=50
    )
    ended = mock.end_mock(workspace, state.session_id)
    assert ended.rounds[0].status == "answered"
    assert _rows(workspace, "SELECT answer_text, duration_s FROM attempts") == [("Saved words", 50)]


def _finish(ws: Workspace, state: mock.MockState) -> None:
    for index in range(len(state.plan)):
        text = "" if index == len(state.plan) - 1 else f"Answer {index} with a metric tree."
        _submit(ws, state, index, text)


def test_rating_a_round_uses_its_rubric_scores_and_schedules_it(workspace: Workspace) -> None:
    state = _start(workspace)
    with pytest.raises(mock.MockError, match="before rating"):
        mock.rate_round(workspace, state.session_id, 0, {})
    _finish(workspace, state)
    question = workspace.catalog.questions[state.plan[1].question_id]
    rubric = workspace.catalog.rubric_for(question)
    assert rubric is not None
    scores = {c.id: 4 for c in rubric.criteria}
    score = mock.rate_round(workspace, state.session_id, 1, scores, self_note="Numbers!", now=NOW)
    assert score == 75.0
    assert _rows(workspace, "SELECT score, self_note FROM attempts WHERE mock_round = 1") == [
        (75.0, "Numbers!")
    ]
    assert _rows(
        workspace, "SELECT COUNT(*) FROM review_cards WHERE question_id = ?", question.id
    ) == [(1,)]
    with pytest.raises(mock.MockError, match="rated already"):
        mock.rate_round(workspace, state.session_id, 1, scores)
    with pytest.raises(mock.MockError, match="skipped"):
        mock.rate_round(workspace, state.session_id, len(state.plan) - 1, scores)
    again = mock.mock_state(workspace, state.session_id)
    assert again.rounds[1].criterion_scores == scores


def test_mock_answers_count_in_readiness(workspace: Workspace) -> None:
    state = _start(workspace)
    _finish(workspace, state)
    before = stats.summary(workspace, now=NOW + timedelta(hours=1)).report.attempts
    question = workspace.catalog.questions[state.plan[1].question_id]
    rubric = workspace.catalog.rubric_for(question)
    assert rubric is not None
    mock.rate_round(workspace, state.session_id, 1, {c.id: 5 for c in rubric.criteria}, now=NOW)
    after = stats.summary(workspace, now=NOW + timedelta(hours=1))
    assert after.report.attempts == before + 1
    assert after.report.skills[question.skill].readiness > 0


def test_the_summary_scores_rounds_and_skills_and_names_one_next_practice(
    workspace: Workspace,
) -> None:
    state = _start(workspace)
    _finish(workspace, state)
    catalog = workspace.catalog
    levels = {0: 5, 1: 2, 2: 4}
    for index, level in levels.items():
        question = catalog.questions[state.plan[index].question_id]
        rubric = catalog.rubric_for(question)
        assert rubric is not None
        scores = {c.id: level for c in rubric.criteria}
        scores[rubric.criteria[0].id] = 1 if index == 1 else level
        mock.rate_round(workspace, state.session_id, index, scores, now=NOW)
    summary = mock.mock_summary(workspace, state.session_id)
    assert [r.status for r in summary.rounds] == ["answered", "answered", "answered", "skipped"]
    assert summary.rated == 3 and summary.answered == 3
    scores = [r.score for r in summary.rounds]
    assert scores[3] is None  # skipped: no score, not zero
    assert summary.score == pytest.approx(sum(s for s in scores if s is not None) / 3)
    weak_question = catalog.questions[state.plan[1].question_id]
    weak_rubric = catalog.rubric_for(weak_question)
    assert weak_rubric is not None
    assert summary.weakest is not None
    assert "Round 2" in summary.weakest and weak_rubric.criteria[0].name in summary.weakest
    nxt = summary.next_practice
    assert nxt is not None and nxt.question_id is not None
    suggested = catalog.questions[nxt.question_id]
    assert suggested.type == weak_question.type and suggested.skill == weak_question.skill
    assert nxt.question_id not in {r.question_id for r in state.plan}
    assert weak_rubric.criteria[0].descriptor(2) in nxt.text
    assert set(summary.skills) == {
        catalog.questions[state.plan[i].question_id].skill for i in levels
    }
    assert [r.timing for r in summary.rounds][3] == "skipped"


def test_time_management_says_over_and_under_per_round(workspace: Workspace) -> None:
    state = _start(workspace)
    first = workspace.catalog.questions[state.plan[0].question_id]
    second = workspace.catalog.questions[state.plan[1].question_id]
    mock.submit_round(
        workspace, state.session_id, 0, "Short", round_elapsed_s=10, loop_elapsed_s=10
    )
    mock.submit_round(
        workspace,
        state.session_id,
        1,
        "Long",
        round_elapsed_s=second.time_limit_s + 30,
        loop_elapsed_s=2000,
    )
    mock.end_mock(workspace, state.session_id)
    summary = mock.mock_summary(workspace, state.session_id)
    assert summary.rounds[0].timing == "under"
    assert summary.rounds[1].timing == "over"
    assert summary.rounds[0].suggested_s == first.time_limit_s
    assert summary.next_practice is not None
    assert "Rate your rounds" in summary.next_practice.text


def test_the_debrief_exports_as_markdown_without_letting_html_through(
    workspace: Workspace, tmp_path: Path
) -> None:
    state = _start(workspace)
    _submit(workspace, state, 0, "My <b>intro</b> 🚀 and שלום")
    mock.end_mock(workspace, state.session_id)
    target = tmp_path / "debrief.md"
    assert mock.write_debrief_markdown(workspace, state.session_id, target) == target
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Mock interview debrief: PM analytical")
    assert "My \\<b>intro\\</b> 🚀 and שלום" in text
    assert "<b>" not in text.replace("\\<b>", "")
    assert "Round 1 of 4" in text and "**Loop score:**" in text
    assert not list(tmp_path.glob("*.partial"))


def test_stats_count_finished_loops_only(workspace: Workspace) -> None:
    state = _start(workspace)
    assert stats.summary(workspace).mocks == 0
    mock.end_mock(workspace, state.session_id)
    _start(workspace)
    assert stats.summary(workspace).mocks == 1


def test_past_loops_are_listed_newest_first_with_their_score(workspace: Workspace) -> None:
    first = _start(workspace)
    _finish(workspace, first)
    second = mock.start_mock(workspace, "pm-strategy", rng=random.Random(2), now=NOW)
    mock.end_mock(workspace, second.session_id, now=NOW + timedelta(hours=2))
    question = workspace.catalog.questions[first.plan[0].question_id]
    rubric = workspace.catalog.rubric_for(question)
    assert rubric is not None
    rate_attempt(
        workspace,
        mock.mock_state(workspace, first.session_id).rounds[0].attempt_id or 0,
        {c.id: 3 for c in rubric.criteria},
    )
    listed = mock.ended_mocks(workspace)
    assert [m.session_id for m in listed] == [second.session_id, first.session_id]
    assert listed[1].rounds == 4 and listed[1].answered == 3 and listed[1].rated == 1
    assert listed[1].score == 50.0
    assert listed[0].score is None and listed[0].answered == 0
