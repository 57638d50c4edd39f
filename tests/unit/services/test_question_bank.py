"""Your own questions: written with only a skill and a prompt, edited with their history kept,
hidden, deleted or retired, exported; and the per-question progress the bank shows."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pm_prep.domain.insights import analyse_answer
from pm_prep.services import practice
from pm_prep.services.bank_import import import_bank
from pm_prep.services.changes import Changes, changes_of
from pm_prep.services.question_bank import (
    QuestionBankError,
    delete_question,
    export_questions,
    question_stats,
    question_versions,
    save_question,
    set_hidden,
)
from pm_prep.services.readiness import current_readiness
from pm_prep.services.workspace import Workspace, open_workspace, reopen_after_restore
from pm_prep.storage.backup import backup_database

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def rows(ws: Workspace, sql: str, *params: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(ws.database_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def answer(ws: Workspace, qid: str, level: int | None = 4, when: datetime = NOW) -> int:
    attempt = practice.submit_answer(
        ws, qid, "First the goal, then one metric.", started_at=when, duration_s=60,
        hints_used=0, now=when,
    )  # fmt: skip
    if level is not None:
        rubric = ws.catalog.rubric_for(ws.catalog.questions[qid])
        assert rubric is not None
        practice.rate_attempt(ws, attempt, {c.id: level for c in rubric.criteria}, now=when)
    return attempt


def test_every_write_announces_a_catalog_change() -> None:
    for service in (save_question, delete_question, set_hidden, import_bank):
        assert changes_of(service) == Changes.CATALOG
    assert changes_of(export_questions) == Changes.NONE


def test_a_question_needs_only_a_skill_and_a_prompt(workspace: Workspace) -> None:
    saved = save_question(
        workspace, {"skill": "analytical", "prompt": "How would you measure Stories?"}, now=NOW
    )

    question = workspace.catalog.questions[saved.question_id]
    assert saved.created and saved.question_id.startswith("own-how-would-you-measure")
    assert (question.type, question.difficulty, question.tracks) == ("metrics", 2, ("intern", "pm"))
    assert 600 <= question.time_limit_s <= 1200
    assert rows(
        workspace, "SELECT source, prompt FROM questions WHERE id = ?", saved.question_id
    ) == [("own", "How would you measure Stories?")]
    # Practice can pick it, and insights cope with no talking points and no framework.
    insights = analyse_answer("1. Goal\n2. Metric: DAU", question)
    assert insights.talking_points == () and insights.word_count == 5
    assert insights.list_items == 2


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"skill": "analytical", "prompt": "   "}, "prompt: must not be empty"),
        ({"skill": "astrology", "prompt": "Why?"}, "unknown skill 'astrology'"),
        ({"prompt": "Why?"}, "skill: is missing"),
        ({"skill": "analytical", "prompt": "x" * 2001}, "longer than 2,000 characters"),
        ({"skill": "analytical", "prompt": "Why?", "type": "riddle"}, "unknown type 'riddle'"),
        (
            {"skill": "analytical", "prompt": "Why?", "talking_points": [{"point": "Goal"}]},
            "needs at least 1 keyword",
        ),
    ],
)
def test_a_bad_question_is_refused_and_says_why(
    workspace: Workspace, fields: dict[str, object], fragment: str
) -> None:
    before = dict(workspace.catalog.questions)
    with pytest.raises(QuestionBankError, match=fragment.replace("(", r"\(")):
        save_question(workspace, fields)
    assert workspace.catalog.questions == before


def test_the_same_question_twice_is_refused(workspace: Workspace) -> None:
    fields = {"skill": "technical", "prompt": "How does a CDN cache video?"}
    save_question(workspace, fields)
    with pytest.raises(QuestionBankError, match="already have this question"):
        save_question(workspace, {**fields, "prompt": "how does a CDN  cache video?"})


def test_an_edit_keeps_the_id_and_the_text_it_replaces(workspace: Workspace) -> None:
    qid = save_question(
        workspace, {"skill": "technical", "prompt": "How does a CDN work?"}
    ).question_id
    answer(workspace, qid)
    fields = {
        "skill": "technical",
        "prompt": "How does a CDN serve a viral video?",
        "hints": ["Think about the edge"],
        "talking_points": [{"point": "Edge caching", "keywords": ["edge", "cache hit"]}],
    }

    saved = save_question(workspace, fields, question_id=qid, now=NOW)
    unchanged = save_question(workspace, fields, question_id=qid, now=NOW)

    assert (saved.changed, unchanged.changed) == (True, False)
    question = workspace.catalog.questions[qid]
    assert question.prompt == "How does a CDN serve a viral video?"
    assert question.talking_points[0].keywords == ("edge", "cache hit")
    (version,) = question_versions(workspace, qid)
    assert version.question.prompt == "How does a CDN work?" and version.saved_at == NOW
    # The attempt and History follow the question's id: its prompt now reads the new text.
    assert rows(workspace, "SELECT prompt FROM questions WHERE id = ?", qid) == [
        ("How does a CDN serve a viral video?",)
    ]
    assert analyse_answer("We cache at the edge.", question).points_covered == 1


def test_an_answered_questions_skill_stays(workspace: Workspace) -> None:
    qid = save_question(workspace, {"skill": "technical", "prompt": "What is an API?"}).question_id
    answer(workspace, qid, level=None)
    with pytest.raises(QuestionBankError, match="skill stays"):
        save_question(
            workspace, {"skill": "analytical", "prompt": "What is an API?"}, question_id=qid
        )


def test_built_in_questions_cannot_be_edited_or_deleted(workspace: Workspace) -> None:
    builtin = next(iter(workspace.catalog.questions))
    with pytest.raises(QuestionBankError, match="can be hidden"):
        save_question(workspace, {"skill": "analytical", "prompt": "Mine now"}, question_id=builtin)
    with pytest.raises(QuestionBankError, match="can be hidden"):
        delete_question(workspace, builtin)


def test_a_question_never_answered_is_deleted_one_answered_is_retired(
    workspace: Workspace,
) -> None:
    fresh = save_question(workspace, {"skill": "execution", "prompt": "Cut scope how?"}).question_id
    used = save_question(workspace, {"skill": "execution", "prompt": "Slip a launch?"}).question_id
    drafted = save_question(workspace, {"skill": "execution", "prompt": "Own a bug?"}).question_id
    set_hidden(workspace, fresh, True)
    save_question(workspace, {"skill": "execution", "prompt": "Cut scope, how?"}, question_id=fresh)
    attempt = answer(workspace, used)
    practice.save_draft(workspace, drafted, "half", started_at=NOW, elapsed_s=5, hints_used=0)

    results = [delete_question(workspace, q, now=NOW) for q in (fresh, used, drafted)]

    assert results == ["deleted", "retired", "retired"]
    for qid in (fresh, used, drafted):
        assert qid not in workspace.catalog.questions
    assert rows(workspace, "SELECT COUNT(*) FROM questions WHERE id = ?", fresh) == [(0,)]
    assert rows(
        workspace, "SELECT COUNT(*) FROM question_versions WHERE question_id = ?", fresh
    ) == [(0,)]
    assert rows(workspace, "SELECT retired_at IS NOT NULL FROM questions WHERE id = ?", used) == [
        (1,)
    ]
    assert rows(workspace, "SELECT question_id FROM attempts WHERE id = ?", attempt) == [(used,)]
    assert rows(workspace, "SELECT text FROM drafts WHERE question_id = ?", drafted) == [("half",)]


def test_a_retired_question_comes_back_when_imported_again(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "l.txt"
    path.write_text("Why this company?\n", "utf-8")
    (qid,) = import_bank(workspace, path, skill="communication").added
    answer(workspace, qid, level=None)
    assert delete_question(workspace, qid) == "retired"

    assert import_bank(workspace, path, skill="communication").added == (qid,)
    assert qid in workspace.catalog.questions


def test_hiding_is_reversible_and_practice_and_stats_follow(workspace: Workspace) -> None:
    builtin = workspace.catalog.questions_for("analytical")[0].id
    assert set_hidden(workspace, builtin, True, now=NOW) is True
    set_hidden(workspace, builtin, True, now=NOW)  # twice is the same as once

    assert builtin in practice.hidden_question_ids(workspace)
    assert question_stats(workspace)[builtin].hidden
    for _ in range(30):
        picked = practice.pick_question(workspace, skill="analytical", mode="random")
        assert picked is not None and picked.id != builtin

    set_hidden(workspace, builtin, False)
    assert builtin not in practice.hidden_question_ids(workspace)
    assert not question_stats(workspace)[builtin].hidden


def test_stats_give_attempts_last_rated_score_and_next_review(workspace: Workspace) -> None:
    qid = workspace.catalog.questions_for("technical")[0].id
    answer(workspace, qid, level=2, when=NOW - timedelta(days=3))
    answer(workspace, qid, level=5, when=NOW - timedelta(days=1))
    answer(workspace, qid, level=None, when=NOW)  # submitted, not rated

    stats = question_stats(workspace)

    mine = stats[qid]
    assert (mine.attempts, mine.last_score, mine.source) == (3, 100.0, "builtin")
    assert mine.next_review is not None and mine.next_review > NOW - timedelta(days=1)
    other = stats[workspace.catalog.questions_for("technical")[1].id]
    assert (other.attempts, other.last_score, other.next_review) == (0, None, None)
    assert set(stats) == set(workspace.catalog.questions)


def test_own_questions_come_back_after_a_restart(workspace: Workspace) -> None:
    qid = save_question(
        workspace, {"skill": "user_centric", "prompt": "Design for 🧓 users"}
    ).question_id
    set_hidden(workspace, qid, True)
    workspace.close()
    reopened = open_workspace(workspace.data_dir)
    try:
        assert reopened.catalog.questions[qid].prompt == "Design for 🧓 users"
        assert reopened.loaded.own == {qid: "own"}
        assert qid in practice.hidden_question_ids(reopened)
    finally:
        reopened.close()


def test_a_restore_brings_back_the_own_questions_of_the_backup(
    workspace: Workspace, tmp_path: Path
) -> None:
    kept = save_question(workspace, {"skill": "creativity", "prompt": "Invent a game"}).question_id
    backup = backup_database(workspace.database_path, tmp_path / "b.sqlite3")
    later = save_question(workspace, {"skill": "creativity", "prompt": "Invent a toy"}).question_id

    reopen_after_restore(workspace, backup)

    assert kept in workspace.catalog.questions
    assert later not in workspace.catalog.questions
    assert set(workspace.loaded.own) == {kept}


def test_own_questions_count_towards_readiness(workspace: Workspace) -> None:
    qid = save_question(workspace, {"skill": "creativity", "prompt": "Invent a game"}).question_id
    answer(workspace, qid, level=5, when=datetime.now(UTC) - timedelta(hours=1))
    report = current_readiness(workspace, "pm")
    assert report.skills["creativity"].attempts == 1
    assert report.skills["creativity"].readiness > 0


@pytest.mark.parametrize("suffix", [".toml", ".json", ".csv", ".txt"])
def test_export_writes_your_questions_and_they_import_back_unchanged(
    workspace: Workspace, tmp_path: Path, suffix: str
) -> None:
    for prompt in ("Why PM? <b>really</b>", "Tell me, about a time 🚀\nyou failed"):
        save_question(
            workspace, {"skill": "communication", "prompt": prompt, "hints": ["Be brief"]}
        )
    save_question(
        workspace,
        {
            "skill": "analytical",
            "prompt": "Size: podcasts",
            "difficulty": 3,
            "talking_points": [{"point": "Top down: households", "keywords": ["household"]}],
            "follow_ups": ["And in India?"],
            "sample_outline": "**Start** with people\n- then\n- minutes",
        },
    )
    target = tmp_path / f"mine{suffix}"

    assert export_questions(workspace, target) == 3

    assert not list(tmp_path.glob("*.partial"))
    if suffix == ".txt":
        text = target.read_text("utf-8")
        assert "# Communication (communication)" in text and "Tell me, about a time 🚀 you" in text
        return
    fresh = tmp_path / "fresh"
    other = open_workspace(fresh)
    try:
        first = import_bank(other, target)
        assert len(first.added) == 3
        for qid in first.added:
            assert other.catalog.questions[qid] == workspace.catalog.questions[qid]
    finally:
        other.close()
    assert import_bank(workspace, target).added == ()


def test_export_needs_a_known_suffix(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(QuestionBankError, match=r"\.toml"):
        export_questions(workspace, tmp_path / "mine.docx")
