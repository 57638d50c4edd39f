"""Calibration data of a skill: weekly ratings, sampled evidence, and the coverage cache."""

from __future__ import annotations

import dataclasses
import os
import stat
from datetime import UTC, datetime, timedelta

import pytest

from pm_prep.domain.content import Question
from pm_prep.domain.insights import analyse_answer
from pm_prep.services import calibration as service
from pm_prep.services.calibration import (
    CoverageCache,
    analyse_pending,
    coverage_key,
    coverage_of,
    load_calibration,
    week_of,
)
from pm_prep.services.practice import rate_attempt, submit_answer
from pm_prep.services.self_assessment import record_self_assessment
from pm_prep.services.workspace import Workspace

NOW = datetime(2026, 11, 26, 15, tzinfo=UTC)  # a Thursday


def _question(ws: Workspace, skill: str = "analytical", index: int = 0) -> Question:
    return [q for q in ws.catalog.questions_for(skill) if q.talking_points][index]


def _full_answer(question: Question) -> str:
    """An answer that names every talking point's first keyword."""
    return "\n".join(f"- {tp.keywords[0]}" for tp in question.talking_points)


def _answer(ws: Workspace, question: Question, text: str, when: datetime, level: int | None) -> int:
    attempt = submit_answer(
        ws, question.id, text, started_at=when, duration_s=60, hints_used=0, now=when
    )
    if level is not None:
        rubric = ws.catalog.rubric_for(question)
        assert rubric is not None
        rate_attempt(ws, attempt, {c.id: level for c in rubric.criteria}, now=when)
    return attempt


def test_coverage_is_the_share_of_talking_points_insights_find(workspace: Workspace) -> None:
    question = _question(workspace)
    assert coverage_of(_full_answer(question), question) == pytest.approx(1.0)
    assert coverage_of("A fluent answer that says nothing at all.", question) == 0.0
    text = f"- {question.talking_points[0].keywords[0]}"
    insights = analyse_answer(text, question)
    assert coverage_of(text, question) == pytest.approx(
        insights.points_covered / len(question.talking_points)
    )


def test_ratings_are_averaged_per_local_week(workspace: Workspace) -> None:
    question = _question(workspace)
    this_week = week_of(NOW)
    _answer(workspace, question, "one", NOW - timedelta(hours=2), 5)  # 100
    _answer(workspace, question, "two", NOW - timedelta(hours=1), 3)  # 50
    _answer(workspace, question, "three", NOW - timedelta(days=7), 1)  # 0, a week earlier
    _answer(workspace, question, "unrated", NOW - timedelta(minutes=5), None)
    data = load_calibration(workspace, "analytical", now=NOW)
    assert [(p.week, p.value, p.count) for p in data.performance] == [
        (this_week - timedelta(days=7), pytest.approx(0.0), 1),
        (this_week, pytest.approx(75.0), 2),
    ]


def test_evidence_reads_at_most_a_sample_each_week(workspace: Workspace) -> None:
    question = _question(workspace)
    full, empty = _full_answer(question), "Nothing relevant here."
    for minute in range(6):  # the latest 3 cover everything, the older 3 nothing
        text = full if minute >= 3 else empty
        _answer(workspace, question, text, NOW - timedelta(hours=1) + timedelta(minutes=minute), 4)
    data = load_calibration(workspace, "analytical", now=NOW, per_week=3)
    assert len(data.sampled) == 3
    assert analyse_pending(workspace, data) == 6  # the note's latest answers are read too
    (week,) = data.evidence()
    assert (week.value, week.count) == (pytest.approx(100.0), 3)


def test_the_note_compares_the_latest_answers(workspace: Workspace) -> None:
    question = _question(workspace)
    record_self_assessment(workspace, "analytical", {"an-sa-1": 5}, now=NOW - timedelta(days=1))
    for minute in range(4):
        _answer(workspace, question, "Nothing relevant here.", NOW - timedelta(minutes=minute), 5)
    data = load_calibration(workspace, "analytical", now=NOW)
    assert data.calibration().pending == 4
    analyse_pending(workspace, data)
    result = data.calibration()
    assert (result.self_assessment, result.ratings, result.evidence) == (100.0, 100.0, 0.0)
    assert data.note("Analytical").startswith(
        "You assess yourself at 5/5 and rate your Analytical answers 5/5 on average, but they "
        "cover 0% of the talking points"
    )


def test_answers_of_questions_without_talking_points_give_no_evidence(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = _question(workspace)
    _answer(workspace, question, "An answer.", NOW - timedelta(minutes=1), 4)
    bare = dataclasses.replace(question, talking_points=())
    monkeypatch.setitem(workspace.catalog.questions, question.id, bare)
    data = load_calibration(workspace, "analytical", now=NOW)
    assert data.pending == []
    assert data.calibration().analysed == 0


def test_a_new_skill_has_nothing_to_compare(workspace: Workspace) -> None:
    data = load_calibration(workspace, "analytical", now=NOW)
    assert (data.performance, data.evidence(), data.pending) == ([], [], [])
    assert data.note("Analytical").startswith("Too little to compare yet")


def test_the_cache_saves_work_and_is_keyed_by_what_was_analysed(workspace: Workspace) -> None:
    question = _question(workspace)
    for minute in range(3):
        _answer(workspace, question, _full_answer(question), NOW - timedelta(minutes=minute), 4)
    cache = CoverageCache.for_workspace(workspace)
    first = load_calibration(workspace, "analytical", cache, now=NOW)
    assert len(first.pending) == 3
    analyse_pending(workspace, first, cache)
    again = load_calibration(workspace, "analytical", cache, now=NOW)
    assert again.pending == []  # the same answer text three times: one key, three answers
    assert again.calibration().evidence == pytest.approx(100.0)
    # An edited question (another content hash) is analysed again.
    key = coverage_key("hash-a", "answer")
    assert key != coverage_key("hash-b", "answer")
    assert key != coverage_key("hash-a", "answer!")
    if os.name == "posix":
        assert stat.S_IMODE(cache.path.stat().st_mode) == 0o600


def test_a_damaged_cache_is_skipped_and_replaced(workspace: Workspace) -> None:
    question = _question(workspace)
    _answer(workspace, question, _full_answer(question), NOW - timedelta(minutes=1), 4)
    cache = CoverageCache.for_workspace(workspace)
    cache.path.parent.mkdir(parents=True, exist_ok=True)
    cache.path.write_bytes(b"this is not a database" * 100)
    data = load_calibration(workspace, "analytical", cache, now=NOW)
    assert len(data.pending) == 1 and cache.broken
    analyse_pending(workspace, data, cache)  # works without the cache
    assert data.calibration().analysed == 1
    assert not cache.path.exists()  # the next session starts a fresh one
    fresh = CoverageCache.for_workspace(workspace)
    fresh.put_many({"k": 0.5})
    assert fresh.get_many(["k", "other"]) == {"k": 0.5}


def test_emoji_and_right_to_left_answers_are_analysed(workspace: Workspace) -> None:
    question = _question(workspace)
    text = "🚀 " + question.talking_points[0].keywords[0] + " — مقياس النجاح 📈 \ud83d"
    _answer(workspace, question, text.replace("\ud83d", ""), NOW - timedelta(minutes=1), 3)
    cache = CoverageCache.for_workspace(workspace)
    data = load_calibration(workspace, "analytical", cache, now=NOW)
    analyse_pending(workspace, data, cache)
    assert data.calibration().analysed == 1
    assert service.coverage_key("h", text)  # a lone surrogate still makes a key


def test_loading_reads_one_connection(workspace: Workspace) -> None:
    from unittest.mock import patch

    opened = []
    real = type(workspace.db).raw

    def counting(db):  # type: ignore[no-untyped-def]
        opened.append(1)
        return real(db)

    with patch.object(type(workspace.db), "raw", counting):
        load_calibration(workspace, "analytical", now=NOW)
    assert len(opened) == 1
