"""The question detail alone: plain text, always; outline and examples only once answered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pm_prep.domain.content import Example, Framework, Question, TalkingPoint
from pm_prep.services.question_bank import QuestionStats, QuestionVersion
from pm_prep.ui.bank.question_detail import (
    LOCKED_TEXT,
    NO_POINTS_TEXT,
    DetailContext,
    QuestionDetail,
    progress_line,
)

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
PROMPT = "<b>Bold?</b> <img src='x'> **not markdown** 🚀 שלום"


def question(**fields: object) -> Question:
    base: dict[str, object] = {
        "id": "q-1", "skill": "analytical", "type": "metrics", "prompt": PROMPT,
        "difficulty": 2, "tracks": ("pm",), "tags": ("growth",), "time_limit_s": 600,
        "hints": ("Start <i>small</i>",), "framework": Framework("Tree", ("Goal", "Metric")),
        "talking_points": (TalkingPoint("North star", ("north star", "dau")),),
        "sample_outline": "**Goal** first <script>x</script>\n- then metrics",
        "follow_ups": ("And <u>churn</u>?",),
        "examples": (Example(4, "A strong answer.", "Clear plan."),),
    }  # fmt: skip
    base.update(fields)
    return Question(**base)  # type: ignore[arg-type]


def test_everything_is_plain_text_and_the_outline_waits(qtbot) -> None:  # type: ignore[no-untyped-def]
    detail = QuestionDetail()
    qtbot.addWidget(detail)
    detail.show_question(question(), QuestionStats(), DetailContext("Analytical"), now=NOW)
    text = detail.toPlainText()
    assert text.startswith(PROMPT)  # tags, image and Markdown shown as written
    for shown in ("Start <i>small</i>", "North star  (keywords: north star, dau)", "Goal"):
        assert shown in text
    assert "And <u>churn</u>?" in text and "Tags: growth" in text
    assert LOCKED_TEXT in text
    assert "then metrics" not in text and "A strong answer." not in text
    assert "<img" not in detail.toHtml().split("<body", 1)[1].replace("&lt;img", "")


def test_once_answered_the_outline_is_markdown_without_html(qtbot) -> None:  # type: ignore[no-untyped-def]
    detail = QuestionDetail()
    qtbot.addWidget(detail)
    stats = QuestionStats(attempts=2, last_score=75.0, next_review=NOW + timedelta(days=3))
    detail.show_question(question(), stats, DetailContext("Analytical"), now=NOW)
    text = detail.toPlainText()
    assert "One strong outline" in text and "then metrics" in text
    assert "<script>x</script>" in text  # raw HTML in the outline is shown, never run
    assert "**Goal**" not in text  # but the Markdown is rendered
    assert "Level 4 of 5. Clear plan." in text and "A strong answer." in text
    assert "Answered 2 times, last score 75/100, next review" in text


def test_a_question_without_talking_points_says_what_insights_show(qtbot) -> None:  # type: ignore[no-untyped-def]
    detail = QuestionDetail()
    qtbot.addWidget(detail)
    bare = question(
        hints=(), framework=Framework("", ()), talking_points=(), sample_outline="",
        follow_ups=(), examples=(), tags=(),
    )  # fmt: skip
    versions = [QuestionVersion(NOW, question(prompt="Older text"))]
    stats = QuestionStats(source="own", added_at=NOW, hidden=True, versions=1)
    detail.show_question(bare, stats, DetailContext("Analytical", own=True, versions=versions))
    text = detail.toPlainText()
    assert NO_POINTS_TEXT in text
    assert "Hints" not in text and "Framework" not in text and LOCKED_TEXT not in text
    assert "Yours, added" in text and "Hidden from practice and mock interviews" in text
    assert "Earlier versions" in text and "Older text" in text


def test_progress_line() -> None:
    assert progress_line(QuestionStats(), NOW) == "Not answered yet."
    due = QuestionStats(attempts=1, next_review=NOW - timedelta(hours=1))
    assert progress_line(due, NOW) == "Answered once, not rated yet, due for review now."
