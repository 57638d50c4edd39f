"""The insights panel's words, without a window."""

from __future__ import annotations

from pm_prep.domain.insights import analyse_answer
from pm_prep.services.catalog import load_catalog
from pm_prep.ui.insights_view import insights_html

STAR_ANSWER = (
    "Situation: our creator onboarding lost half of new creators in week one.\n"
    "Task: I owned the fix with one engineer.\n"
    "Action: I interviewed twelve creators and cut the steps from nine to four.\n"
    "Result: week-one retention rose from 48% to 61%."
)


def test_an_answer_in_star_sections_is_reported_as_star_followed() -> None:
    catalog = load_catalog().catalog
    question = next(q for q in catalog.questions.values() if q.type == "behavioural")
    html = insights_html(analyse_answer(STAR_ANSWER, question), question.time_limit_s, 120)
    assert "STAR followed" in html
    assert "framework not named" not in html.split("STAR followed")[0]


def test_no_answer_text_is_read_as_markup() -> None:
    catalog = load_catalog().catalog
    question = next(iter(catalog.questions.values()))
    html = insights_html(analyse_answer("<b>bold</b> retention", question), 60, 30)
    assert "<b>bold</b>" not in html
