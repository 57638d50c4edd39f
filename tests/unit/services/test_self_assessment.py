"""Self-assessment services: statements, recording, history and when one is due again."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from pm_prep.services.changes import Changes, changes_of
from pm_prep.services.self_assessment import (
    REMINDER_DAYS,
    AssessmentDue,
    assessment_history,
    assessments_due,
    load_self_assessment,
    record_self_assessment,
)
from pm_prep.services.workspace import Workspace

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def _levels(skill: str, level: int) -> dict[str, int]:
    return {s.id: level for s in load_self_assessment().for_skill(skill)}


def test_every_skill_has_five_i_can_statements(workspace: Workspace) -> None:
    content = load_self_assessment()
    assert len(content.scale) == 5
    for skill in workspace.catalog.skills:
        statements = content.for_skill(skill)
        assert len(statements) == 5, skill
        assert all(s.text.startswith("I can ") for s in statements)


def test_recording_commits_the_levels_and_the_score(workspace: Workspace) -> None:
    assert changes_of(record_self_assessment) == Changes.SELF_ASSESSMENT
    levels = {"an-sa-1": 4, "an-sa-2": 5, "an-sa-3": 3, "an-sa-4": 4, "an-sa-5": 4}
    score = record_self_assessment(workspace, "analytical", levels, now=NOW)
    assert score == pytest.approx(75.0)
    # Read back through a separate connection, as another process would.
    conn = sqlite3.connect(workspace.database_path)
    try:
        skill, taken, stored, answers = conn.execute(
            "SELECT skill_id, taken_at, score, answers_json FROM self_assessments"
        ).fetchone()
    finally:
        conn.close()
    assert (skill, stored) == ("analytical", pytest.approx(75.0))
    assert taken.startswith("2026-11-20 12:00:00")
    assert json.loads(answers) == levels


@pytest.mark.parametrize(
    ("skill", "levels", "message"),
    [
        ("nonsense", {"an-sa-1": 3}, "unknown skill"),
        ("analytical", {}, "at least one"),
        ("analytical", {"an-sa-1": 6}, "from 1 to 5"),
        ("analytical", {"an-sa-1": 0}, "from 1 to 5"),
    ],
)
def test_refused_assessments_say_why_and_store_nothing(
    workspace: Workspace, skill: str, levels: dict[str, int], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        record_self_assessment(workspace, skill, levels)
    assert assessment_history(workspace, "analytical") == []


def test_history_is_oldest_first_with_the_levels(workspace: Workspace) -> None:
    record_self_assessment(workspace, "analytical", _levels("analytical", 2), now=NOW)
    record_self_assessment(
        workspace, "analytical", _levels("analytical", 4), now=NOW + timedelta(days=3)
    )
    record_self_assessment(workspace, "technical", _levels("technical", 5), now=NOW)
    history = assessment_history(workspace, "analytical")
    assert [h.score for h in history] == [pytest.approx(25.0), pytest.approx(75.0)]
    assert history[1].taken_at == NOW + timedelta(days=3)
    assert history[1].levels == _levels("analytical", 4)


def test_history_ignores_what_is_not_a_level(workspace: Workspace) -> None:
    # The demo stores a marker instead of levels; a hand-edited row may hold anything.
    with workspace.db.raw() as conn:
        conn.execute(
            "INSERT INTO self_assessments (skill_id, taken_at, score, answers_json) "
            "VALUES ('analytical', '2026-11-01 10:00:00.000000', 50, ?), "
            "('analytical', '2026-11-02 10:00:00.000000', 60, 'not json')",
            (json.dumps({"demo": True, "an-sa-1": 9, "an-sa-2": 4}),),
        )
        conn.commit()
    first, second = assessment_history(workspace, "analytical")
    assert first.levels == {"an-sa-2": 4}
    assert second.levels == {}


def test_skills_never_assessed_are_due_first_then_the_oldest(workspace: Workspace) -> None:
    track = workspace.catalog.tracks["pm"]
    skills = [s for s in workspace.catalog.skills if track.weights.get(s, 0) > 0]
    assert [d.skill for d in assessments_due(workspace, "pm", NOW)] == skills
    never, old, older = skills[0], skills[2], skills[4]
    ages = {old: REMINDER_DAYS, older: 40}
    for skill in skills:
        if skill != never:
            days = ages.get(skill, 1)
            record_self_assessment(
                workspace, skill, _levels(skill, 3), now=NOW - timedelta(days=days)
            )
    due = assessments_due(workspace, "pm", NOW)
    assert due == (
        AssessmentDue(never, None),
        AssessmentDue(older, NOW - timedelta(days=40)),
        AssessmentDue(old, NOW - timedelta(days=REMINDER_DAYS)),
    )
    assert due[0].days_since(NOW) is None
    assert due[1].days_since(NOW) == 40


def test_an_assessment_just_under_two_weeks_old_is_not_due(workspace: Workspace) -> None:
    for skill in workspace.catalog.skills:
        record_self_assessment(
            workspace,
            skill,
            _levels(skill, 3),
            now=NOW - timedelta(days=REMINDER_DAYS) + timedelta(minutes=1),
        )
    assert assessments_due(workspace, "pm", NOW) == ()


def test_only_the_tracks_skills_are_reminded(workspace: Workspace) -> None:
    track = workspace.catalog.tracks["intern"]
    due = {d.skill for d in assessments_due(workspace, "intern", NOW)}
    assert due == {
        s for s in workspace.catalog.skills if track.weights.get(s, 0) > 0 or s in track.required
    }
