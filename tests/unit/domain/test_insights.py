"""Answer insights: stems that join the forms people use, and nothing more; numbers; STAR."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pm_prep.domain.content import Clarification, Framework, Question, TalkingPoint
from pm_prep.domain.insights import (
    PHRASE_WINDOW,
    analyse_answer,
    clarification_for,
    star_sections,
    stem,
    words_of,
)


def make_question(
    *points: tuple[str, ...], framework: Framework | None = None, qtype: str = "metrics"
) -> Question:
    return Question(
        id="q",
        skill="analytical",
        type=qtype,
        prompt="A question.",
        difficulty=2,
        tracks=("pm",),
        tags=(),
        time_limit_s=600,
        hints=("a", "b"),
        framework=framework or Framework("Metric tree", ("Clarify the goal", "Pick a metric")),
        talking_points=tuple(TalkingPoint(f"point {n}", kws) for n, kws in enumerate(points)),
        sample_outline="-",
        follow_ups=("?",),
    )


def covers(answer: str, *keywords: str) -> bool:
    (coverage,) = analyse_answer(answer, make_question(keywords)).talking_points
    return coverage.covered


# -- stems: sibling forms meet -----------------------------------------------------------------
@pytest.mark.parametrize(
    "family",
    [
        # The families the brief names.
        ("retain", "retention", "retained", "retaining", "retains"),
        ("convert", "conversion", "conversions", "converted", "converting"),
        ("moderate", "moderation", "moderator", "moderators", "moderated"),
        ("regulate", "regulation", "regulator", "regulatory", "regulations"),
        ("notify", "notification", "notifications", "notified"),
        ("prioritise", "prioritisation", "prioritize", "prioritization", "prioritised"),
        # Each derivational rule of `stem`.
        ("reduce", "reduction", "reductions"),
        ("subscribe", "subscription", "subscriber", "subscriptions"),
        ("assume", "assumption", "assumptions"),
        ("compete", "competition", "competitive", "competitor", "competitors"),
        ("define", "definition"),
        ("secure", "security"),
        ("diverse", "diversity"),
        ("experience", "experienced", "experiences"),
        ("experiment", "experiments", "experimenting", "experimental", "experimentation"),
        ("comply", "compliance"),
        ("vary", "variance"),
        ("personalise", "personalisation", "personalization", "personalized"),
        ("localise", "localisation", "localization"),
        ("monetise", "monetisation", "monetization", "monetize"),
        ("global", "globally"),
        ("analyse", "analyze", "analysing", "analyzing"),
        ("behaviour", "behavior", "behavioural", "behavioral"),
        ("colour", "color", "colours"),
        # Snowball alone.
        ("creator", "creators"),
        ("recommend", "recommendation", "recommendations", "recommended"),
        ("significant", "significance"),
        ("accessible", "accessibility"),
        ("churn", "churned", "churning"),
        ("dm", "dms", "DMs"),
        ("sdk", "sdks"),
        ("kpi", "KPIs", "KPI"),
    ],
)
def test_sibling_forms_have_one_stem(family: tuple[str, ...]) -> None:
    stems = {word: stem(word) for word in family}
    assert len(set(stems.values())) == 1, stems


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("timely", "time"),  # -ly words keep their ending
        ("likely", "like"),
        ("weekly", "week"),
        ("experiment", "experience"),  # Snowball alone gives both `experi`
        ("sensitive", "sense"),  # a four-letter root is too short to strip -itive from
        ("position", "pose"),
        ("condition", "cond"),
        ("creator", "create"),  # a creator is not anything created
        ("content", "contain"),  # -tention -> -tain never touches -tent
        ("version", "vert"),  # -version -> -vert needs a prefix (con-, di-, in-)
        ("local", "localise"),  # -ise verbs stay apart from their adjective
        ("customer", "customise"),
        ("product", "production"),
        ("prevention", "prevain"),
    ],
)
def test_different_words_keep_different_stems(one: str, other: str) -> None:
    assert stem(one) != stem(other)


def test_stems_ignore_case_and_possessives() -> None:
    assert stem("Creator's") == stem("creator") == stem("CREATORS")
    assert stem("users’") == stem("user")
    assert stem("this") != stem("thi") and stem("plus") == "plus"


def test_an_abbreviations_plural_covers_it() -> None:
    assert covers("Track three KPIs and reply to DMs.", "kpi")
    assert covers("Track three KPIs and reply to DMs.", "dm")


# -- matching -----------------------------------------------------------------------------------
def test_a_keyword_is_covered_by_a_sibling_form() -> None:
    assert covers("We should work on how many new users we retain after a week.", "retention")
    assert covers("Notifications are the lever here.", "notify")
    assert covers("I would prioritize the fixes that touch the most creators.", "prioritisation")


def test_whole_words_only() -> None:
    assert not covers("See you next time.", "timely")
    assert not covers("The latest contest results.", "test")
    assert not covers("A category of its own.", "cat")
    assert covers("Replies must be timely.", "timely")


def test_a_multi_word_keyword_needs_its_words_in_order_and_close() -> None:
    keyword = "watch time"
    assert covers("Total watch time per user", keyword)
    assert covers("Watching, over time, matters", keyword)  # one word apart
    assert not covers("Time spent is not what people watch", keyword)  # out of order
    far = "watch " + " ".join(["a"] * PHRASE_WINDOW) + " time"
    assert not covers(far, keyword)
    near = "watch " + " ".join(["a"] * (PHRASE_WINDOW - 1)) + " time"
    assert covers(near, keyword)


def test_a_multi_word_keyword_matches_sibling_forms_of_each_word() -> None:
    assert covers("We saw users churned after the update.", "user churn")
    assert covers("Conversions of free trials to paid subscriptions", "convert trial")
    assert not covers("Paid subscriptions of free trials", "convert trial")


def test_coverage_is_reported_per_point_with_the_keywords_matched() -> None:
    question = make_question(("logging", "instrumentation"), ("holiday",), ("android", "ios"))
    insights = analyse_answer("First check the logging. Then Android and iOS.", question)
    assert [tp.covered for tp in insights.talking_points] == [True, False, True]
    assert insights.talking_points[2].matched == ("android", "ios")
    assert insights.points_covered == 2


# -- numbers ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("answer", "count"),
    [
        ("DAU fell 8% and 1,200 users left; $4.50 ARPU.", 3),
        ("Twenty percent of users, about two hundred and fifty thousand people.", 2),
        ("Half of them, a dozen creators, thousands of views and ten per cent churn.", 4),
        ("We grew by 5 million users.", 1),  # a figure followed by its scale is one number
        ("Twenty-five creators.", 1),
        ("No one came; one of them left; the one thing I learned.", 0),  # pronouns
        ("One market, three tests.", 2),
        ("Nothing countable here.", 0),
    ],
)
def test_numbers_count_figures_and_number_words(answer: str, count: int) -> None:
    assert analyse_answer(answer, make_question(("x", "y"))).numbers == count


# -- structure: STAR ----------------------------------------------------------------------------
STAR = Framework(
    "STAR (Situation, Task, Action, Result)", ("Situation", "Task", "Action", "Result")
)
STORY_HEADINGS = """\
**Situation**: our creator app lost a partner two weeks before launch.
**Task**: I had to keep the launch date.
**Action**: I split the work and negotiated a smaller scope.
**Result**: we launched on time with 90% of the features.
"""
STORY_LEAD_INS = (
    "The situation was that our partner pulled out two weeks before launch. "
    "My task was to keep the date. What I did was cut the scope with the designer "
    "and engineers. As a result, we launched on time."
)


@pytest.mark.parametrize("story", [STORY_HEADINGS, STORY_LEAD_INS, STORY_HEADINGS.lower()])
def test_star_sections_are_recognised_as_headings_or_lead_ins(story: str) -> None:
    assert star_sections(story) == ("situation", "task", "action", "result")
    insights = analyse_answer(
        story.replace("Situation", "Context"), make_question(("x", "y"), framework=STAR)
    )
    assert insights.star_followed
    assert insights.framework_named  # STAR followed counts as STAR named


def test_markdown_headings_for_star_count_too() -> None:
    story = "## Situation\nA launch.\n## Task\nShip.\n## Actions\nCut scope.\n## Results\nOn time."
    assert star_sections(story) == ("situation", "task", "action", "result")


def test_a_story_without_sections_does_not_follow_star() -> None:
    story = (
        "I worked on a launch where a partner pulled out, so I talked to everyone and we "
        "managed to ship, and the task force was happy with the results we got."
    )
    insights = analyse_answer(story, make_question(("x", "y"), framework=STAR))
    assert insights.star_sections == ()
    assert not insights.star_followed
    assert not insights.framework_named


def test_a_non_star_question_is_not_marked_named_by_star_sections() -> None:
    insights = analyse_answer(STORY_HEADINGS, make_question(("x", "y")))
    assert insights.star_followed
    assert not insights.framework_named  # the question's framework is a metric tree


def test_speaking_time_and_word_count() -> None:
    answer = " ".join(["word"] * 280)
    insights = analyse_answer(answer, make_question(("x", "y")))
    assert insights.word_count == 280
    assert insights.speaking_seconds == 120
    assert words_of("It’s users' time") == ["it’s", "users", "time"]


@pytest.mark.parametrize(
    ("name", "answer", "named"),
    [
        ("Metric diagnosis tree", "I'll use a metric diagnosis tree.", True),
        ("Metric diagnosis tree", "The metric fell; a tree of causes.", False),
        ("Goals-Signals-Metrics (HEART)", "Let me use HEART here.", True),
        ("Goals-Signals-Metrics (HEART)", "Goals, signals, metrics: in that order.", True),
        ("RICE scoring / ICE", "A quick ICE pass first.", True),
        ("What, why, risk", "What matters and why.", False),
        ("STAR (Situation, Task, Action, Result)", "The result was good.", False),
        ("STAR (Situation, Task, Action, Result)", "In STAR form:", True),
    ],
)
def test_a_framework_is_named_by_its_name_not_by_any_word_of_it(
    name: str, answer: str, named: bool
) -> None:
    question = make_question(("x", "y"), framework=Framework(name, ("One step", "Two step")))
    assert analyse_answer(answer, question).framework_named is named


# -- clarifications -----------------------------------------------------------------------------
def test_a_clarifying_question_gets_the_answer_whose_keywords_it_uses_most() -> None:
    market = Clarification(("market", "country", "where"), "Assume Brazil.")
    device = Clarification(("android", "ios", "device", "platform"), "Both platforms.")
    question = replace(make_question(("x", "y")), clarifications=(market, device))
    assert clarification_for("Which markets are we launching in?", question) is market
    assert clarification_for("Is this for Android devices or iOS, and where?", question) is device
    assert clarification_for("How much time do I have?", question) is None
