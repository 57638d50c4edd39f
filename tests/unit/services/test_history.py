"""History: search (FTS5, made safe), filters, keyset pages, detail, compare and export."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pm_prep.services import history
from pm_prep.services.demo import fill_demo_history
from pm_prep.services.export import export_answers
from pm_prep.services.history import HistoryQuery, HistoryRow, search_terms
from pm_prep.services.practice import rate_attempt, submit_answer
from pm_prep.services.workspace import Workspace
from tests.unit.workspaces import open_copy, opened_copy

T0 = datetime(2026, 3, 2, 18, 30, tzinfo=UTC)
HEBREW = "המדד העיקרי הוא שימור משתמשים"
ARABIC = "نريد زيادة الاحتفاظ بالمستخدمين"


def submit(
    ws: Workspace, question_id: str, answer: str, *, at: datetime = T0, duration: int = 300
) -> int:
    return submit_answer(
        ws,
        question_id,
        answer,
        started_at=at - timedelta(seconds=duration),
        duration_s=duration,
        hints_used=1,
        now=at,
    )


def rate(ws: Workspace, attempt_id: int, level: int, note: str = "") -> float:
    question_id = read(ws, "SELECT question_id FROM attempts WHERE id = ?", attempt_id)[0][0]
    rubric = ws.catalog.rubric_for(ws.catalog.questions[question_id])
    assert rubric is not None
    return rate_attempt(
        ws, attempt_id, {c.id: level for c in rubric.criteria}, self_note=note, now=T0
    )


def read(ws: Workspace, sql: str, *params: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(ws.database_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def found(ws: Workspace, text: str, **filters: object) -> list[int]:
    with ws.db.raw() as conn:
        result = history.search(conn, HistoryQuery(text=text, **filters))  # type: ignore[arg-type]
    return [r.attempt_id for r in result.page.rows]


def everything(ws: Workspace, query: HistoryQuery, limit: int = 37) -> list[HistoryRow]:
    """Every row of `query`, page after page (a small page size to cross many pages)."""
    with ws.db.raw() as conn:
        result = history.search(conn, query, limit=limit)
        rows = list(result.page.rows)
        more = result.page.more
        while more:
            page = history.next_page(conn, query, rows[-1], limit=limit)
            rows.extend(page.rows)
            more = page.more
        assert result.count == len(rows)
    return rows


@pytest.fixture
def question_ids(workspace: Workspace) -> list[str]:
    return [q.id for q in workspace.catalog.questions_for("analytical")][:3]


# -- turning typed text into a safe query ----------------------------------------------------
def test_every_chunk_is_quoted_and_the_last_one_is_a_prefix_while_typing() -> None:
    terms = search_terms('retention "cohorts" NOT note:x A/B segm')
    assert terms.phrases == (
        '"retention"',
        '"""cohorts"""',
        '"NOT"',
        '"note:x"',
        '"A/B"',
        '"segm"*',
    )
    assert terms.typing == "segm"
    assert search_terms("segm ").phrases[-1] == '"segm"'  # a space ends the word


def test_a_lone_letter_being_typed_waits_for_the_next_one() -> None:
    assert search_terms("r").empty
    assert search_terms("retention r").phrases == ('"retention"',)
    assert search_terms("a ").phrases == ('"a"',)  # typed as a whole word
    assert search_terms("A/B").phrases == ('"A/B"',)  # one-letter last word: no prefix


def test_emoji_are_searched_as_text_and_punctuation_is_no_term() -> None:
    terms = search_terms("growth📈 ❤️ ?!")
    assert terms.phrases == ('"growth📈"',)
    assert terms.symbols == ("📈", "❤")  # the variation selector is not part of the search
    assert search_terms("?!. , ;").empty


def test_a_pasted_essay_searches_its_first_words_only() -> None:
    terms = search_terms(" ".join(f"word{i}" for i in range(500)))
    assert len(terms.phrases) == history.MAX_SEARCH_WORDS
    assert not terms.phrases[-1].endswith("*")


@pytest.fixture
def database(workspace: Workspace, question_ids: list[str]) -> Path:
    submit(workspace, question_ids[0], "Retention 📈 first, then שלום and the funnel")
    return workspace.database_path


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_no_typed_text_ever_raises_an_fts_error(database: Path, text: str) -> None:
    conn = sqlite3.connect(database, isolation_level=None)
    try:
        history.search(conn, HistoryQuery(text=text))
    finally:
        conn.close()


@pytest.mark.parametrize(
    "text",
    ['"', '""', "'", "*", "(", ")", "AND", "OR NOT", "NEAR(", "col:", "^", "-x", "a*b", "\\"],
)
def test_fts_syntax_characters_are_plain_text(workspace: Workspace, text: str) -> None:
    with workspace.db.raw() as conn:
        history.search(conn, HistoryQuery(text=text))


# -- finding answers -------------------------------------------------------------------------
def test_emoji_and_right_to_left_words_are_found(
    workspace: Workspace, question_ids: list[str]
) -> None:
    emoji = submit(workspace, question_ids[0], "Growth 📈 then ship 🚀 and ❤️")
    hebrew = submit(workspace, question_ids[1], f"First: {HEBREW}")
    arabic = submit(workspace, question_ids[2], f"{ARABIC} — then segment")
    assert found(workspace, "📈") == [emoji]
    assert found(workspace, "🚀 ship") == [emoji]
    assert found(workspace, "❤") == [emoji] == found(workspace, "❤️")
    assert found(workspace, "שימור") == [hebrew]
    assert found(workspace, "שי") == [hebrew]  # a prefix, as the user types
    assert found(workspace, "الاحتفاظ") == [arabic]
    assert found(workspace, "segment") == [arabic]
    assert found(workspace, "🌍") == []


def test_results_follow_the_typing_even_inside_a_word_ending(
    workspace: Workspace, question_ids: list[str]
) -> None:
    retention = submit(workspace, question_ids[0], "Look at retention by cohort")
    planning = submit(workspace, question_ids[1], "Planning the launch and pricing it")
    submit(workspace, question_ids[2], "A car and a cart")
    # Each prefix of the word, from two letters: the stemmed index still finds it.
    word = "retention"
    for end in range(2, len(word) + 1):
        assert retention in found(workspace, word[:end]), word[:end]
    assert planning in found(workspace, "plann")
    assert planning in found(workspace, "pricin")
    assert found(workspace, "cartoon") == []  # no guessing once a word is complete


def test_prompts_and_notes_are_searched_too(workspace: Workspace, question_ids: list[str]) -> None:
    attempt = submit(workspace, question_ids[0], "An answer")
    rate(workspace, attempt, 3, note="forgot the guardrail metric")
    prompt = workspace.catalog.questions[question_ids[0]].prompt
    word = max((w.strip(".,?!'\"") for w in prompt.split()), key=len)
    assert attempt in found(workspace, word)
    assert found(workspace, "guardrail") == [attempt]


def test_filters_combine_with_search(workspace: Workspace, question_ids: list[str]) -> None:
    other = next(q.id for q in workspace.catalog.questions_for("communication"))
    old = submit(workspace, question_ids[0], "metric tree", at=T0 - timedelta(days=40))
    rated = submit(workspace, question_ids[1], "metric tree again")
    rate(workspace, rated, 4)
    talk = submit(workspace, other, "metric tree for a talk")
    assert set(found(workspace, "metric")) == {old, rated, talk}
    assert found(workspace, "metric", skill="communication") == [talk]
    assert found(workspace, "metric", rated="rated") == [rated]
    assert set(found(workspace, "metric", rated="unrated")) == {old, talk}
    assert set(found(workspace, "", since=T0 - timedelta(days=7))) == {rated, talk}
    assert found(workspace, "metric", skill="analytical", since=T0 - timedelta(days=7)) == [rated]


# -- pages in every order --------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_template(workspace_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """405 attempts: demo history, a few unrated, some from a mock; built once per module."""
    folder = tmp_path_factory.mktemp("history-demo") / "data"
    ws = open_copy(workspace_template, folder)
    try:
        fill_demo_history(ws, attempts=400, days=30, seed=5)
        # Unrated answers with later ids but earlier times than the demo's: ids are not
        # in date order, as after a demo was added to real practice.
        qid = next(iter(ws.catalog.questions))
        for n in range(5):
            submit(ws, qid, f"unrated answer {n}", at=T0 - timedelta(days=n * 3))
        with ws.db.raw() as conn:
            conn.execute(
                "INSERT INTO mock_sessions (template_id, track, started_at, updated_at, state, "
                "plan_json, current_round, round_elapsed_s, loop_elapsed_s) VALUES ('t', 'pm', "
                "'2026-03-01 00:00:00.000000', '2026-03-01 00:00:00.000000', 'ended', '[]', "
                "0, 0, 0)"
            )
            conn.execute("UPDATE attempts SET mock_session_id = 1, mock_round = 0 WHERE id % 9 = 0")
    finally:
        ws.close()
    return folder


@pytest.fixture
def demo(demo_template: Path, data_dir: Path) -> Iterator[Workspace]:
    yield from opened_copy(demo_template, data_dir)


def _expected(ws: Workspace, query: HistoryQuery) -> list[int]:
    """The order a query must give, worked out in Python over every attempt."""
    rows = read(
        ws,
        "SELECT a.id, a.submitted_at, a.skill_id, q.prompt, a.score, a.duration_s, "
        "a.mock_session_id IS NOT NULL, a.question_id FROM attempts a "
        "JOIN questions q ON q.id = a.question_id",
    )
    prompts = sorted({(history._fold(str(r[3])), str(r[7])) for r in rows})
    rank = {qid: i for i, (_p, qid) in enumerate(prompts)}
    keys = {
        "date": lambda r: (r[1], r[0]),
        "skill": lambda r: (r[2], r[1], r[0]),
        "question": lambda r: (rank[str(r[7])], r[1], r[0]),
        "score": lambda r: (-1.0 if r[4] is None else r[4], r[1], r[0]),
        "time": lambda r: (r[5], r[1], r[0]),
        "kind": lambda r: (r[6], r[1], r[0]),
    }
    chosen = [
        r
        for r in rows
        if (query.skill is None or r[2] == query.skill)
        and (query.rated != "rated" or r[4] is not None)
        and (query.rated != "unrated" or r[4] is None)
    ]
    chosen.sort(key=keys[query.sort], reverse=query.descending)
    return [int(r[0]) for r in chosen]


@pytest.mark.parametrize("sort", history.SORT_KEYS)
@pytest.mark.parametrize("descending", [True, False])
def test_pages_give_every_attempt_once_in_the_order_asked(
    demo: Workspace, sort: history.SortKey, descending: bool
) -> None:
    query = HistoryQuery(sort=sort, descending=descending)
    assert [r.attempt_id for r in everything(demo, query)] == _expected(demo, query)


@pytest.mark.parametrize(
    "query",
    [
        HistoryQuery(skill="analytical"),
        HistoryQuery(rated="unrated"),
        HistoryQuery(rated="rated", sort="score"),
        HistoryQuery(skill="communication", rated="rated", descending=False),
    ],
)
def test_filtered_pages_match_the_filter(demo: Workspace, query: HistoryQuery) -> None:
    assert [r.attempt_id for r in everything(demo, query)] == _expected(demo, query)


@pytest.mark.parametrize("small", [0, 10**9])
@pytest.mark.parametrize("window", [history._RECENT_WINDOW, 45])
@pytest.mark.parametrize(
    "query",
    [
        HistoryQuery(text="using"),
        HistoryQuery(text="using", rated="rated"),
        HistoryQuery(text="using", rated="unrated"),
        HistoryQuery(text="using", skill="analytical"),
        HistoryQuery(text="using", skill="analytical", rated="rated", sort="score"),
        HistoryQuery(text="answer", descending=False),
    ],
)
def test_many_and_few_matches_give_the_same_rows(
    demo: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    small: int,
    window: int,
    query: HistoryQuery,
) -> None:
    """Every query plan (sort the matches, walk the attempts in date order, or take the
    newest ids and check the dates) gives the same rows and counts."""
    reference = _expected_text(demo, query)
    assert reference
    monkeypatch.setattr(history, "_SMALL_MATCH", small)
    monkeypatch.setattr(history, "_RECENT_WINDOW", window)
    monkeypatch.setattr(history, "_RECENT_FROM", small)
    assert [r.attempt_id for r in everything(demo, query)] == reference


def _expected_text(ws: Workspace, query: HistoryQuery) -> list[int]:
    """The rows of a text search, worked out with a plain FTS query and Python sorting."""
    matching = {
        int(r[0])
        for r in read(
            ws,
            "SELECT rowid FROM attempt_search WHERE attempt_search MATCH ?",
            history.search_terms(query.text).fts(),
        )
    }
    plain = HistoryQuery(
        skill=query.skill, rated=query.rated, sort=query.sort, descending=query.descending
    )
    return [i for i in _expected(ws, plain) if i in matching]


def test_matching_ids_are_every_row_shown_in_order(demo: Workspace) -> None:
    query = HistoryQuery(text="using", sort="score")
    with demo.db.raw() as conn:
        ids = history.matching_ids(conn, query)
    assert ids == [r.attempt_id for r in everything(demo, query)]


def test_the_first_page_holds_one_page_of_rows(demo: Workspace) -> None:
    with demo.db.raw() as conn:
        result = history.search(conn, HistoryQuery())
    assert result.count == 405
    assert len(result.page.rows) == history.PAGE_SIZE and result.page.more


def test_rows_carry_what_the_table_shows(demo: Workspace) -> None:
    rows = everything(demo, HistoryQuery())
    mock = next(r for r in rows if r.mock)
    assert mock.attempt_id % 9 == 0
    assert any(r.score is None for r in rows)
    row = rows[0]
    assert row.submitted_at.tzinfo is UTC
    assert row.prompt == demo.catalog.questions[row.question_id].prompt


# -- one attempt in full ---------------------------------------------------------------------
def test_the_detail_names_each_criterion_with_the_rubric_words(
    workspace: Workspace, question_ids: list[str]
) -> None:
    attempt = submit(workspace, question_ids[0], "My answer, exactly\n\n  as   written 📈")
    with workspace.db.raw() as conn:
        conn.execute(
            "UPDATE attempts SET clarifications_json = ? WHERE id = ?",
            (json.dumps([{"asked": "Which market?", "answer": "The US."}]), attempt),
        )
    detail = history.attempt_detail(workspace, attempt)
    assert detail is not None and not detail.rated
    assert detail.answer == "My answer, exactly\n\n  as   written 📈"
    assert detail.clarifications == (history.Clarification("Which market?", "The US."),)
    rate(workspace, attempt, 4, note="be shorter")
    detail = history.attempt_detail(workspace, attempt)
    assert detail is not None and detail.rated and detail.self_note == "be shorter"
    question = workspace.catalog.questions[question_ids[0]]
    rubric = workspace.catalog.rubric_for(question)
    assert rubric is not None
    assert [r.criterion.id for r in detail.ratings] == [c.id for c in rubric.criteria]
    assert [r.words for r in detail.ratings] == [c.descriptor(4) for c in rubric.criteria]
    insights = history.insights_of(detail)
    assert insights is not None and insights.word_count == 5  # an emoji is not a word


def test_an_attempt_of_a_question_gone_from_the_banks_keeps_its_prompt(
    workspace: Workspace, question_ids: list[str]
) -> None:
    attempt = submit(workspace, question_ids[0], "An old answer")
    rate(workspace, attempt, 2)
    gone = workspace.catalog.questions.pop(question_ids[0])
    detail = history.attempt_detail(workspace, attempt)
    assert detail is not None and detail.retired
    assert detail.prompt == gone.prompt
    assert detail.question is not None and detail.question.id == gone.id  # the stored copy
    assert all(r.criterion.name for r in detail.ratings)
    assert history.attempt_detail(workspace, 999_999) is None


# -- compare ---------------------------------------------------------------------------------
def test_word_diff_marks_removed_and_added_words_and_keeps_line_breaks() -> None:
    left, right, truncated = history.word_diff(
        "Clarify the goal.\nThen pick one metric.", "Clarify the goal.\nThen pick two metrics."
    )
    assert not truncated
    assert [(p.text, p.kind) for p in left if p.kind != "same"] == [
        ("one", "removed"),
        ("metric.", "removed"),
    ]
    assert [(p.text, p.kind) for p in right if p.kind != "same"] == [
        ("two", "added"),
        ("metrics.", "added"),
    ]
    assert "".join(p.text + p.space for p in right) == "Clarify the goal.\nThen pick two metrics."


def test_word_diff_of_huge_answers_is_bounded() -> None:
    text = "word " * 50_000
    left, right, truncated = history.word_diff(text, text + "more", limit=1000)
    assert truncated and len(left) == len(right) == 1000


def test_compare_gives_the_change_in_score_points_and_length(
    workspace: Workspace, question_ids: list[str]
) -> None:
    question = workspace.catalog.questions[question_ids[0]]
    first = submit(workspace, question.id, "Clarify the goal.", at=T0 - timedelta(days=2))
    keywords = " ".join(tp.keywords[0] for tp in question.talking_points)
    second = submit(workspace, question.id, f"Clarify the goal. {keywords}")
    rate(workspace, first, 2)
    rate(workspace, second, 4)
    comparison = history.compare_attempts(workspace, first, second)
    assert comparison is not None
    assert comparison.score_change == pytest.approx(50.0)
    assert comparison.word_change == len(keywords.split())
    assert comparison.before_points is not None and comparison.after_points is not None
    assert comparison.points_change == comparison.after_points - comparison.before_points > 0
    assert comparison.gained_points and not comparison.lost_points
    assert any(p.kind == "added" for p in comparison.right)
    other = submit(workspace, question_ids[1], "Another question")
    with pytest.raises(ValueError, match="same question"):
        history.compare_attempts(workspace, first, other)


# -- export of the shown rows ----------------------------------------------------------------
def test_export_writes_the_chosen_answers_in_the_order_given(
    workspace: Workspace, question_ids: list[str], tmp_path: Path
) -> None:
    ids = [submit(workspace, q, f"answer {n} 📈") for n, q in enumerate(question_ids)]
    target = tmp_path / "shown.json"
    assert export_answers(workspace, "json", target, attempt_ids=[ids[2], ids[0], 12345]) == 2
    rows = json.loads(target.read_text(encoding="utf-8"))
    assert [r["attempt_id"] for r in rows] == [ids[2], ids[0]]
    assert rows[0]["answer"] == "answer 2 📈"
    everything_file = tmp_path / "all.json"
    assert export_answers(workspace, "json", everything_file) == 3  # the CLI's export
