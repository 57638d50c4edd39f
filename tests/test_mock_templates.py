"""Mock-interview loops: the shipped templates are real loops, and the loader checks them."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

import pytest

from pm_prep.domain.content import Catalog, Skill, Track
from pm_prep.services.catalog import load_catalog
from pm_prep.services.mock_templates import (
    MockRound,
    MockTemplate,
    MockTemplateError,
    draw_loop,
    fits_round,
    load_mock_templates,
    parse_mock_templates,
    round_candidates,
    template_problems,
)

# --- the shipped loops -----------------------------------------------------------------


@pytest.fixture(scope="module")
def templates() -> list[MockTemplate]:
    return load_mock_templates()


def is_opener(r: MockRound) -> bool:
    return r.type == "intro" and r.tags == ("opener",)


def is_candidate_questions(r: MockRound) -> bool:
    return r.type == "intro" and r.tags == ("candidate-questions",)


def test_there_are_at_least_six_loops_with_the_stable_ids(templates: list[MockTemplate]) -> None:
    ids = [t.id for t in templates]
    assert len(ids) >= 6
    assert len(ids) == len(set(ids))
    assert {"intern-screen", "pm-product-sense", "pm-full-loop"} <= set(ids)


def test_each_track_has_at_least_two_loops(templates: list[MockTemplate]) -> None:
    assert {t.track for t in templates} == {"intern", "pm"}
    for track in ("intern", "pm"):
        assert sum(t.track == track for t in templates) >= 2, track


def test_every_loop_opens_with_an_introduction_and_ends_with_the_candidates_questions(
    templates: list[MockTemplate],
) -> None:
    for t in templates:
        assert len(t.rounds) >= 3, t.id
        assert is_opener(t.rounds[0]), t.id
        assert is_candidate_questions(t.rounds[-1]), t.id
        # ... and the interview itself sits between them, never another introduction.
        assert all(r.type != "intro" for r in t.rounds[1:-1]), t.id


def test_the_product_sense_loop_is_one_design_case_with_follow_ups(
    templates: list[MockTemplate],
) -> None:
    loop = next(t for t in templates if t.id == "pm-product-sense")
    middle = loop.rounds[1:-1]
    assert len(middle) == 1
    assert middle[0].type == "product_design"
    assert middle[0].follow_up
    assert loop.minutes == 45


def test_the_full_loop_is_a_realistic_onsite(templates: list[MockTemplate]) -> None:
    loop = next(t for t in templates if t.id == "pm-full-loop")
    assert len(loop.rounds) <= 5
    assert loop.minutes <= 120
    kinds = {r.type for r in loop.rounds}
    assert "product_design" in kinds
    assert kinds & {"metrics", "diagnosis", "estimation", "experiment"}


def test_each_loop_lasts_as_long_as_its_description_says(templates: list[MockTemplate]) -> None:
    for t in templates:
        stated = re.search(r"\b(\d+)-minute\b", t.description)
        assert stated, f"{t.id}: the description states no length"
        assert t.minutes == int(stated.group(1)), t.id
        assert 2 <= len(re.findall(r"[.!?](\s|$)", t.description)) <= 4, t.id


def test_rounds_have_titles_and_a_question_type(templates: list[MockTemplate]) -> None:
    for t in templates:
        for r in t.rounds:
            assert r.title and r.type, t.id
            assert r.minutes > 0
        assert t.round_label(0) == f"Round 1 of {len(t.rounds)} · {t.rounds[0].title}"


def test_every_shipped_loop_can_run_with_the_shipped_banks(
    templates: list[MockTemplate],
) -> None:
    catalog = load_catalog().catalog
    for t in templates:
        assert template_problems(t, catalog) == []
        loop = draw_loop(t, catalog, random.Random(7))
        assert loop is not None and len({q.id for q in loop}) == len(t.rounds)


# --- the loader, on a small catalog of its own -----------------------------------------


@dataclass(frozen=True)
class FakeQuestion:
    """The fields a round looks at (the real Question gains `type` with the v2 banks)."""

    id: str
    skill: str
    type: str | None
    difficulty: int = 2
    tracks: tuple[str, ...] = ("intern", "pm")
    tags: tuple[str, ...] = ("x",)
    time_limit_s: int = 600
    follow_ups: tuple[str, ...] = ("And then?",)


def make_catalog(*questions: FakeQuestion) -> Catalog:
    skills = {s: Skill(s, s.title(), "", True) for s in ("analytical", "communication")}
    tracks = {t: Track(t, t, {}, ()) for t in ("intern", "pm")}
    return Catalog(skills=skills, tracks=tracks, questions={q.id: q for q in questions})  # type: ignore[misc]


def template(*rounds: MockRound, track: str = "pm") -> MockTemplate:
    return MockTemplate("t", "T", track, "A test loop.", rounds)


def test_round_candidates_filter_by_type_skill_difficulty_tags_and_track() -> None:
    catalog = make_catalog(
        FakeQuestion("m1", "analytical", "metrics", 1),
        FakeQuestion("d1", "analytical", "diagnosis", 2),
        FakeQuestion("m2", "analytical", "metrics", 2, tags=("retention",)),
        FakeQuestion("m3", "analytical", "metrics", 3, tracks=("pm",)),
        FakeQuestion("i1", "communication", "intro", 1, tags=("opener",)),
    )
    metrics = MockRound("Metrics", 10, type="metrics", difficulties=(1, 2, 3))
    assert [q.id for q in round_candidates(metrics, catalog, "pm")] == ["m1", "m2", "m3"]
    assert [q.id for q in round_candidates(metrics, catalog, "intern")] == ["m1", "m2"]
    core = MockRound("Core", 10, skill="analytical", difficulties=(2,))
    assert [q.id for q in round_candidates(core, catalog, "pm")] == ["d1", "m2"]
    tagged = MockRound("Tagged", 10, type="metrics", tags=("retention", "other"))
    assert [q.id for q in round_candidates(tagged, catalog, "pm")] == ["m2"]
    opener = MockRound("Intro", 5, type="intro", skill="communication", tags=("opener",))
    assert [q.id for q in round_candidates(opener, catalog, "pm")] == ["i1"]


def test_a_question_without_a_type_matches_only_rounds_that_name_no_type() -> None:
    catalog = make_catalog(FakeQuestion("old", "analytical", None))
    assert round_candidates(MockRound("Any", 10, type="metrics"), catalog, "pm") == []
    assert len(round_candidates(MockRound("Any", 10, skill="analytical"), catalog, "pm")) == 1


def test_a_runnable_template_has_no_problems() -> None:
    catalog = make_catalog(
        FakeQuestion("a", "analytical", "metrics", time_limit_s=600),
        FakeQuestion("b", "analytical", "metrics", time_limit_s=540),
    )
    r = MockRound("Metrics", 10, type="metrics", follow_up=True)
    assert template_problems(template(r, r), catalog) == []


def test_template_problems_reports_unknown_names_and_empty_rounds() -> None:
    catalog = make_catalog(FakeQuestion("a", "analytical", "metrics"))
    bad = MockTemplate(
        "bad",
        "Bad",
        "manager",
        "",
        (
            MockRound("Skill", 10, skill="design"),
            MockRound("Type", 10, type="riddles"),
            MockRound("Empty", 10, type="estimation", difficulties=(3,)),
            MockRound("Nothing", 10),
        ),
    )
    problems = template_problems(bad, catalog)
    assert any("unknown track 'manager'" in p for p in problems)
    assert any("round 1" in p and "unknown skill 'design'" in p for p in problems)
    assert any("round 2" in p and "unknown question type 'riddles'" in p for p in problems)
    assert any("round 3" in p and "no estimation question" in p for p in problems)
    assert any("round 4" in p and "neither" in p for p in problems)


def test_template_problems_reports_rounds_too_short_or_too_long_for_their_questions() -> None:
    catalog = make_catalog(
        FakeQuestion("long", "analytical", "metrics", time_limit_s=1200),
        FakeQuestion("short", "analytical", "metrics", time_limit_s=240),
    )
    problems = template_problems(template(MockRound("Metrics", 15, type="metrics")), catalog)
    assert any("shorter than the time limit of long (20 min)" in p for p in problems)
    assert any("less than half" in p and "short" in p for p in problems)
    assert not fits_round(MockRound("M", 15, type="metrics"), catalog.questions["long"])
    assert fits_round(MockRound("M", 20, type="metrics"), catalog.questions["long"])


def test_template_problems_reports_a_follow_up_round_whose_questions_have_none() -> None:
    catalog = make_catalog(FakeQuestion("a", "analytical", "metrics", follow_ups=()))
    r = MockRound("Metrics", 10, type="metrics", follow_up=True)
    assert any("follow-up" in p and "a" in p for p in template_problems(template(r), catalog))


def test_a_loop_never_repeats_a_question() -> None:
    catalog = make_catalog(
        FakeQuestion("a", "analytical", "metrics"), FakeQuestion("b", "analytical", "metrics")
    )
    r = MockRound("Metrics", 10, type="metrics")
    assert any("share one filter" in p for p in template_problems(template(r, r, r), catalog))
    # Different filters that overlap can still run out of distinct questions.
    narrow = MockRound("One", 10, type="metrics", skill="analytical")
    problems = template_problems(template(r, narrow, narrow), catalog)
    assert problems == ["t: its rounds cannot all draw different questions"]
    assert draw_loop(template(r, r, r), catalog) is None


def test_draw_loop_picks_a_distinct_question_per_round_and_prefers_fresh_ones() -> None:
    catalog = make_catalog(
        FakeQuestion("wide", "analytical", "metrics"),
        FakeQuestion("only", "analytical", "diagnosis"),
        FakeQuestion("also", "analytical", "metrics"),
    )
    any_skill = MockRound("Any", 10, skill="analytical")
    diagnosis = MockRound("Diagnosis", 10, type="diagnosis")
    for seed in range(20):
        drawn = draw_loop(template(any_skill, diagnosis), catalog, random.Random(seed))
        assert drawn is not None
        assert drawn[1].id == "only" and drawn[0].id != "only"
    fresh = draw_loop(template(MockRound("M", 10, type="metrics")), catalog, avoid={"wide"})
    assert fresh is not None and fresh[0].id == "also"


def test_the_parser_reports_every_problem_in_one_pass() -> None:
    data = {
        "version": 1,
        "templates": [
            {
                "id": "x",
                "name": "X",
                "track": "pm",
                "description": "d",
                "rounds": [
                    {"title": "", "minutes": 0},
                    {"title": "Ok", "type": "metrics", "difficulty": [4], "colour": "red"},
                ],
            },
            {"id": "x", "name": "", "track": "pm", "description": "d", "rounds": []},
        ],
    }
    with pytest.raises(MockTemplateError) as caught:
        parse_mock_templates(data)
    text = " | ".join(caught.value.problems)
    for expected in (
        "version must be 2",
        "'title' must be non-empty",
        "needs a 'type' or a 'skill'",
        "'minutes' must be a positive",
        "'difficulty' must be a list",
        "unknown field 'colour'",
        "id is used twice",
        "has no rounds",
        "'name' must be non-empty",
    ):
        assert expected in text, expected


def test_the_parser_fills_in_defaults() -> None:
    data = {
        "version": 2,
        "templates": [
            {
                "id": "x",
                "name": "X",
                "track": "pm",
                "description": "  Two\n  lines. ",
                "rounds": [{"title": "Any", "skill": "analytical", "minutes": 10}],
            }
        ],
    }
    (loaded,) = parse_mock_templates(data)
    assert loaded.description == "Two lines."
    assert loaded.rounds == (MockRound("Any", 10, skill="analytical"),)
    assert loaded.rounds[0].difficulties == (1, 2, 3)
    assert loaded.rounds[0].tags == () and loaded.rounds[0].follow_up is False
    assert loaded.minutes == 10
