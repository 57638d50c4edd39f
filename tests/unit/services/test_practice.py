"""The practice loop: choosing a question, drafts, submitting and rating an answer."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pm_prep.domain.content import Criterion, Question, Rubric
from pm_prep.services.practice import (
    PracticeError,
    get_draft,
    latest_draft,
    pick_question,
    rate_attempt,
    save_draft,
    submit_answer,
    weakest_skill,
)
from pm_prep.services.workspace import Workspace
from pm_prep.storage.models import AttemptRow, CriterionScoreRow, DraftRow, ReviewCardRow

T0 = datetime(2026, 2, 2, 18, 30, tzinfo=UTC)

EMOJI = "Ship it 🚀🔥 — family 👨‍👩‍👧‍👦, thumbs 👍🏽, flag 🇧🇷, math 𝔼[x]"
ARABIC = "نريد زيادة الاحتفاظ بالمستخدمين بنسبة ٥٪ خلال الربع القادم"
HEBREW = "המדד העיקרי הוא שימור משתמשים אחרי 7 ימים"
MIXED = f"Metric: D7 retention ({HEBREW}) ↔ {ARABIC}\u200f!\r\n\tNext line\u200b end"


def read_answer(path: Path, attempt_id: int) -> str:
    """The stored answer, read through a separate sqlite3 connection (not the app's)."""
    conn = sqlite3.connect(path)
    try:
        row = conn.execute(
            "SELECT answer_text FROM attempts WHERE id = ?", (attempt_id,)
        ).fetchone()
    finally:
        conn.close()
    assert row is not None
    return str(row[0])


def submit(
    ws: Workspace, question_id: str, answer: str = "An answer.", *, at: datetime = T0
) -> int:
    return submit_answer(
        ws,
        question_id,
        answer,
        started_at=at - timedelta(minutes=5),
        duration_s=300,
        hints_used=1,
        now=at,
    )


def questions(ws: Workspace, skill: str = "analytical") -> list[Question]:
    return ws.catalog.questions_for(skill)


def all_top(ws: Workspace, attempt_id: int, level: int = 5) -> dict[str, int]:
    with ws.db.session() as session:
        attempt = session.get(AttemptRow, attempt_id)
        assert attempt is not None
        question = ws.catalog.questions[attempt.question_id]
    rubric = ws.catalog.rubric_for(question)
    assert rubric is not None
    return {c.id: level for c in rubric.criteria}


def criteria_of(ws: Workspace, question: Question) -> list[str]:
    rubric = ws.catalog.rubric_for(question)
    assert rubric is not None
    return [c.id for c in rubric.criteria]


def count(ws: Workspace, model: type[object]) -> int:
    with ws.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


# -- submitting ------------------------------------------------------------------------------------
@pytest.mark.parametrize("answer", ["", " ", "\n\n\t  ", "\u00a0\u3000"])
def test_an_empty_or_blank_answer_is_refused(workspace: Workspace, answer: str) -> None:
    qid = questions(workspace)[0].id
    with pytest.raises(PracticeError):
        submit(workspace, qid, answer)
    assert count(workspace, AttemptRow) == 0


def test_an_answer_to_an_unknown_question_is_refused(workspace: Workspace) -> None:
    with pytest.raises(PracticeError, match="unknown question"):
        submit(workspace, "no-such-question")


@pytest.mark.parametrize(
    "answer", [EMOJI, ARABIC, HEBREW, MIXED], ids=["emoji", "ar", "he", "mixed"]
)
def test_unicode_answers_are_stored_and_read_back_exactly(
    workspace: Workspace, answer: str
) -> None:
    qid = questions(workspace)[0].id
    attempt_id = submit(workspace, qid, answer)
    assert read_answer(workspace.database_path, attempt_id) == answer


def test_a_one_megabyte_answer_is_stored_and_read_back_exactly(workspace: Workspace) -> None:
    line = f"{EMOJI} | {ARABIC} | {HEBREW}\n"
    answer = line * (1_048_576 // len(line.encode("utf-8")) + 1)
    assert len(answer.encode("utf-8")) > 1_048_576
    qid = questions(workspace)[0].id
    attempt_id = submit(workspace, qid, answer)
    assert read_answer(workspace.database_path, attempt_id) == answer
    with workspace.db.session() as session:
        stored = session.get(AttemptRow, attempt_id)
        assert stored is not None
        assert stored.answer_text == answer
        assert stored.word_count > 10_000


def test_submit_records_timing_and_drops_the_draft(workspace: Workspace) -> None:
    question = questions(workspace)[0]
    save_draft(
        workspace, question.id, "half an answer", started_at=T0, elapsed_s=40, hints_used=1, now=T0
    )
    attempt_id = submit(workspace, question.id, "The whole answer, in four words.")
    assert get_draft(workspace, question.id) is None
    with workspace.db.session() as session:
        row = session.get(AttemptRow, attempt_id)
        assert row is not None
        assert row.question_id == question.id
        assert row.skill_id == question.skill
        assert row.submitted_at == T0
        assert row.started_at == T0 - timedelta(minutes=5)
        assert (row.duration_s, row.hints_used) == (300, 1)
        assert row.time_limit_s == question.time_limit_s
        assert row.word_count == 6
        assert row.score is None
        assert row.rated_at is None


# -- rating ----------------------------------------------------------------------------------------
def test_rating_uses_the_rubric_of_the_questions_type(workspace: Workspace) -> None:
    question = questions(workspace)[0]
    levels = tuple(f"{c} level" for c in "12345")
    own = Rubric(
        question.type,
        "Test rubric",
        tuple(Criterion(cid, cid.title(), "", levels) for cid in ("structure", "depth", "rigour")),
    )
    workspace.catalog.rubrics[question.type] = own
    attempt_id = submit(workspace, question.id)
    retired = workspace.catalog.legacy_rubrics[question.skill]

    with pytest.raises(PracticeError, match="depth"):
        rate_attempt(workspace, attempt_id, {c.id: 4 for c in retired.criteria})
    score = rate_attempt(workspace, attempt_id, {"structure": 5, "depth": 3, "rigour": 1})

    assert score == 50.0
    with workspace.db.session() as session:
        stored = session.scalars(
            select(CriterionScoreRow.criterion_id).where(CriterionScoreRow.attempt_id == attempt_id)
        ).all()
    assert sorted(stored) == ["depth", "rigour", "structure"]


def test_rating_computes_the_score_and_schedules_a_review(workspace: Workspace) -> None:
    qid = questions(workspace)[0].id
    attempt_id = submit(workspace, qid)
    criteria = criteria_of(workspace, questions(workspace)[0])
    levels = [1, 2, 3, 5, 4][: len(criteria)]
    scores = dict(zip(criteria, levels, strict=True))
    expected = (sum(levels) / len(levels) - 1) / 4 * 100

    score = rate_attempt(
        workspace, attempt_id, scores, self_note="rushed ✍️", now=T0 + timedelta(minutes=2)
    )

    assert score == pytest.approx(expected)
    with workspace.db.session() as session:
        attempt = session.get(AttemptRow, attempt_id)
        assert attempt is not None
        assert attempt.score == pytest.approx(expected)
        assert attempt.rated_at == T0 + timedelta(minutes=2)
        assert attempt.self_note == "rushed ✍️"
        assert {c.criterion_id: c.score for c in attempt.criterion_scores} == scores
        card = session.get(ReviewCardRow, qid)
        assert card is not None
        assert card.skill_id == "analytical"
        assert card.last_review == T0 + timedelta(minutes=2)
        assert card.due > T0 + timedelta(minutes=2)


@pytest.mark.parametrize(
    ("levels", "expected"),
    [((1, 1, 1), 0.0), ((5, 5, 5), 100.0), ((3, 3, 3), 50.0), ((2, 3, 4), 50.0)],
)
def test_score_is_mean_minus_one_over_four(
    workspace: Workspace, levels: tuple[int, ...], expected: float
) -> None:
    qid = questions(workspace)[0].id
    attempt_id = submit(workspace, qid)
    criteria = criteria_of(workspace, questions(workspace)[0])
    padded = list(levels) + [round(sum(levels) / len(levels))] * (len(criteria) - len(levels))
    assert rate_attempt(workspace, attempt_id, dict(zip(criteria, padded, strict=True))) == (
        pytest.approx(expected)
    )


def test_rating_needs_every_criterion(workspace: Workspace) -> None:
    attempt_id = submit(workspace, questions(workspace)[0].id)
    scores = all_top(workspace, attempt_id)
    missing = next(iter(scores))
    del scores[missing]
    with pytest.raises(PracticeError, match=missing):
        rate_attempt(workspace, attempt_id, scores)
    assert count(workspace, CriterionScoreRow) == 0
    assert count(workspace, ReviewCardRow) == 0


@pytest.mark.parametrize("bad", [0, 6, -1, 2.5, "3", None])
def test_rating_levels_must_be_whole_numbers_from_1_to_5(workspace: Workspace, bad: object) -> None:
    attempt_id = submit(workspace, questions(workspace)[0].id)
    scores: dict[str, object] = dict(all_top(workspace, attempt_id, level=3))
    scores[next(iter(scores))] = bad
    with pytest.raises(PracticeError):
        rate_attempt(workspace, attempt_id, scores)  # type: ignore[arg-type]
    with workspace.db.session() as session:
        attempt = session.get(AttemptRow, attempt_id)
        assert attempt is not None
        assert attempt.score is None
        assert attempt.criterion_scores == []
    assert count(workspace, ReviewCardRow) == 0


def test_rating_an_unknown_attempt_is_refused(workspace: Workspace) -> None:
    with pytest.raises(PracticeError):
        rate_attempt(workspace, 12345, {"framing": 3})


def test_an_attempt_can_be_rated_again(workspace: Workspace) -> None:
    attempt_id = submit(workspace, questions(workspace)[0].id)
    rate_attempt(workspace, attempt_id, all_top(workspace, attempt_id, level=2))
    assert rate_attempt(workspace, attempt_id, all_top(workspace, attempt_id, level=4)) == 75.0
    with workspace.db.session() as session:
        rows = session.scalars(
            select(CriterionScoreRow).where(CriterionScoreRow.attempt_id == attempt_id)
        ).all()
    assert {r.score for r in rows} == {4}
    assert len(rows) == len(criteria_of(workspace, questions(workspace)[0]))


# -- drafts ----------------------------------------------------------------------------------------
def test_drafts_are_saved_read_and_replaced(workspace: Workspace) -> None:
    first, second = (q.id for q in questions(workspace)[:2])
    assert get_draft(workspace, first) is None
    assert latest_draft(workspace) is None

    save_draft(
        workspace, first, f"draft {EMOJI}", started_at=T0, elapsed_s=12, hints_used=1, now=T0
    )
    save_draft(
        workspace,
        second,
        ARABIC,
        started_at=T0,
        elapsed_s=3,
        hints_used=0,
        now=T0 + timedelta(seconds=5),
    )
    draft = get_draft(workspace, first)
    assert draft is not None
    assert (draft.text, draft.elapsed_s, draft.hints_used) == (f"draft {EMOJI}", 12, 1)
    assert draft.started_at == T0
    latest = latest_draft(workspace)
    assert latest is not None
    assert latest.question_id == second

    save_draft(
        workspace,
        first,
        "rewritten",
        started_at=T0,
        elapsed_s=30,
        hints_used=2,
        now=T0 + timedelta(seconds=9),
    )
    again = get_draft(workspace, first)
    assert again is not None
    assert (again.text, again.elapsed_s) == ("rewritten", 30)
    latest = latest_draft(workspace)
    assert latest is not None
    assert latest.question_id == first
    assert count(workspace, DraftRow) == 2


def test_a_draft_is_on_disk_for_another_connection(workspace: Workspace) -> None:
    qid = questions(workspace)[0].id
    save_draft(workspace, qid, HEBREW, started_at=T0, elapsed_s=1, hints_used=0)
    conn = sqlite3.connect(workspace.database_path)
    try:
        assert conn.execute("SELECT text FROM drafts WHERE question_id = ?", (qid,)).fetchone() == (
            HEBREW,
        )
    finally:
        conn.close()


@pytest.mark.parametrize("emptied", ["", "   \n"])
def test_an_emptied_draft_is_deleted(workspace: Workspace, emptied: str) -> None:
    qid = questions(workspace)[0].id
    save_draft(workspace, qid, "something", started_at=T0, elapsed_s=1, hints_used=0)
    save_draft(workspace, qid, emptied, started_at=T0, elapsed_s=2, hints_used=0)
    assert get_draft(workspace, qid) is None
    assert count(workspace, DraftRow) == 0


def test_latest_draft_skips_questions_no_longer_in_the_catalog(workspace: Workspace) -> None:
    kept, dropped = (q.id for q in questions(workspace)[:2])
    save_draft(workspace, kept, "older", started_at=T0, elapsed_s=1, hints_used=0, now=T0)
    save_draft(
        workspace,
        dropped,
        "newer",
        started_at=T0,
        elapsed_s=1,
        hints_used=0,
        now=T0 + timedelta(hours=1),
    )
    del workspace.catalog.questions[dropped]
    latest = latest_draft(workspace)
    assert latest is not None
    assert latest.question_id == kept


# -- choosing a question ---------------------------------------------------------------------------
def test_pick_respects_skill_and_track_filters(workspace: Workspace) -> None:
    rng = random.Random(7)
    for skill in workspace.catalog.skills:
        for track in ("intern", "pm"):
            for _ in range(5):
                for mode in ("new", "random"):
                    question = pick_question(
                        workspace, skill=skill, track=track, mode=mode, rng=rng
                    )
                    if question is None:
                        assert not workspace.catalog.questions_for(skill, track)
                        continue
                    assert question.skill == skill
                    assert track in question.tracks


def test_pick_prefers_unseen_questions(workspace: Workspace) -> None:
    candidates = workspace.catalog.questions_for("creativity", "pm")
    assert len(candidates) > 3
    unseen = max(candidates, key=lambda q: q.difficulty)  # not the easiest: still chosen
    for index, question in enumerate(c for c in candidates if c is not unseen):
        submit(workspace, question.id, at=T0 + timedelta(minutes=index))
    for seed in range(10):
        picked = pick_question(
            workspace, skill="creativity", track="pm", mode="new", rng=random.Random(seed)
        )
        assert picked is not None
        assert picked.id == unseen.id


def test_pick_without_unseen_questions_returns_the_least_recently_seen(
    workspace: Workspace,
) -> None:
    candidates = workspace.catalog.questions_for("execution", "pm")
    order = list(reversed(candidates))
    for index, question in enumerate(order):
        submit(workspace, question.id, at=T0 + timedelta(hours=index))
    picked = pick_question(workspace, skill="execution", track="pm", mode="new")
    assert picked is not None
    assert picked.id == order[0].id


def test_pick_excludes_and_returns_none_when_nothing_is_left(workspace: Workspace) -> None:
    everything = [q.id for q in workspace.catalog.questions_for("technical")]
    last = everything[-1]
    picked = pick_question(workspace, skill="technical", exclude=everything[:-1])
    assert picked is not None
    assert picked.id == last
    assert pick_question(workspace, skill="technical", exclude=everything) is None
    assert pick_question(workspace, skill="no-such-skill") is None


def test_pick_refuses_an_unknown_mode(workspace: Workspace) -> None:
    with pytest.raises(PracticeError):
        pick_question(workspace, mode="hardest")


def test_due_mode_returns_the_question_whose_review_is_due(workspace: Workspace) -> None:
    question = questions(workspace, "user_centric")[3]
    attempt_id = submit(workspace, question.id)
    rate_attempt(workspace, attempt_id, all_top(workspace, attempt_id, level=2), now=T0)
    with workspace.db.session() as session:
        card = session.get(ReviewCardRow, question.id)
        assert card is not None
        due = card.due

    not_yet = pick_question(
        workspace,
        skill="user_centric",
        mode="due",
        now=due - timedelta(hours=1),
        rng=random.Random(1),
    )
    assert not_yet is not None
    assert not_yet.id != question.id  # nothing due: an unseen question instead

    for seed in range(5):
        picked = pick_question(
            workspace,
            skill="user_centric",
            mode="due",
            now=due + timedelta(minutes=1),
            rng=random.Random(seed),
        )
        assert picked is not None
        assert picked.id == question.id
    # The due card is outside another skill's filter.
    other = pick_question(workspace, skill="analytical", mode="due", now=due + timedelta(days=1))
    assert other is not None
    assert other.skill == "analytical"


def test_weakest_mode_practises_the_weakest_required_skill(workspace: Workspace) -> None:
    now = datetime.now(UTC)
    required = workspace.catalog.tracks["intern"].required
    strong, weak = required[0], required[1]
    for skill in required:
        level = 1 if skill == weak else 5
        for question in workspace.catalog.questions_for(skill, "intern")[:4]:
            attempt_id = submit(workspace, question.id, at=now - timedelta(hours=1))
            rate_attempt(
                workspace,
                attempt_id,
                all_top(workspace, attempt_id, level=level),
                now=now - timedelta(minutes=30),
            )
    assert weakest_skill(workspace, "intern") == weak
    picked = pick_question(workspace, track="intern", mode="weakest")
    assert picked is not None
    assert picked.skill == weak
    assert weak != strong
