"""Tests for the readiness model (DESIGN section 5, docs/readiness.md)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pm_prep.domain.readiness import (
    CAP_MARGIN,
    COVERAGE_TARGET,
    HALF_LIFE_DAYS,
    MAX_ATTEMPTS_PER_QUESTION,
    OverallReadiness,
    ScoredAttempt,
    SkillInputs,
    SkillReadiness,
    attempt_score,
    band,
    overall_readiness,
    readiness_series,
    skill_readiness,
)

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
BASE = datetime(2025, 1, 1, tzinfo=UTC)
SKILLS = ("analytical", "communication", "technical")
PROPERTY = settings(deadline=None, max_examples=200)


def attempt(
    question: str, days_ago: float, score: float, skill: str = "analytical"
) -> ScoredAttempt:
    return ScoredAttempt(question, skill, NOW - timedelta(days=days_ago), score)


def readiness_of(
    attempts: Sequence[ScoredAttempt],
    *,
    track: int = 12,
    self_assessment: float | None = None,
    retention: float | None = None,
    now: datetime = NOW,
    skill: str = "analytical",
) -> SkillReadiness:
    return skill_readiness(SkillInputs(skill, attempts, track, self_assessment, retention), now)


def skill_with(skill: str, readiness: float) -> SkillReadiness:
    """A SkillReadiness where only the readiness matters (for overall_readiness)."""
    return SkillReadiness(
        skill=skill,
        readiness=readiness,
        started=readiness > 0,
        performance=readiness,
        coverage=1.0,
        self_assessment=None,
        retention=None,
        weights=(1.0, 0.0, 0.0),
        attempts=1 if readiness > 0 else 0,
        questions_seen=1 if readiness > 0 else 0,
        questions_recent=1 if readiness > 0 else 0,
    )


def reference_readiness(inputs: SkillInputs, now: datetime) -> float:
    """The model written out literally from DESIGN section 5, with no cleverness at all."""
    past = sorted((a for a in inputs.attempts if a.at <= now), key=lambda a: a.at)
    if not past:
        return 0.0
    by_question: dict[str, list[ScoredAttempt]] = defaultdict(list)
    for item in past:
        by_question[item.question_id].append(item)
    kept = [item for items in by_question.values() for item in items[-3:]]
    weights: list[float] = [
        0.5 ** ((now - a.at).total_seconds() / 86400 / HALF_LIFE_DAYS) for a in kept
    ]
    performance = sum(w * a.score for w, a in zip(weights, kept, strict=True)) / sum(weights)
    recent = {a.question_id for a in past if a.at >= now - timedelta(days=60)}
    target = min(12, inputs.questions_in_track)
    coverage = 0.0 if target == 0 else min(1.0, len(recent) / target)
    w_p, total = 0.6, 0.0
    if inputs.self_assessment is None:
        w_p += 0.2
    else:
        total += 0.2 * inputs.self_assessment
    if inputs.retention is None:
        w_p += 0.2
    else:
        total += 0.2 * inputs.retention
    total += w_p * performance
    return min(100.0, max(0.0, total * (0.4 + 0.6 * coverage)))


# --- hypothesis strategies -------------------------------------------------------------------

scores = st.floats(min_value=0.0, max_value=100.0) | st.sampled_from([0.0, 25.0, 50.0, 100.0])
percent_or_none = st.none() | st.floats(min_value=0.0, max_value=100.0)
# Minutes over ~8 months, with a few fixed values so that equal timestamps (ties) are common.
minute_offsets = st.integers(0, 240 * 24 * 60) | st.sampled_from([0, 60, 24 * 60, 30 * 24 * 60])
times = minute_offsets.map(lambda m: BASE + timedelta(minutes=m))
nows = st.integers(-24 * 60, 260 * 24 * 60).map(lambda m: BASE + timedelta(minutes=m))


def attempts_strategy(
    skills: Sequence[str] = ("analytical",), max_size: int = 30, min_size: int = 0
) -> st.SearchStrategy[list[ScoredAttempt]]:
    return st.lists(
        st.builds(
            ScoredAttempt,
            question_id=st.sampled_from([f"q{i}" for i in range(8)]),
            skill=st.sampled_from(list(skills)),
            at=times,
            score=scores,
        ),
        min_size=min_size,
        max_size=max_size,
    )


# --- attempt_score ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ([1], 0.0),
        ([5], 100.0),
        ([3], 50.0),
        ([4, 5], 87.5),
        ([1, 2, 3, 4, 5], 50.0),
        ([2, 3], 37.5),
    ],
)
def test_attempt_score_maps_mean_to_percent(criteria: list[int], expected: float) -> None:
    assert attempt_score(criteria) == expected


@pytest.mark.parametrize("criteria", [[], [0], [6], [3, 6], [-1]])
def test_attempt_score_rejects_empty_or_out_of_range(criteria: list[int]) -> None:
    with pytest.raises(ValueError):
        attempt_score(criteria)


@given(st.lists(st.integers(1, 5), min_size=1, max_size=12))
@PROPERTY
def test_attempt_score_matches_formula(criteria: list[int]) -> None:
    mean = sum(criteria) / len(criteria)
    assert attempt_score(criteria) == pytest.approx((mean - 1) / 4 * 100)
    assert 0.0 <= attempt_score(criteria) <= 100.0


# --- input validation ------------------------------------------------------------------------


def test_scored_attempt_rejects_naive_time_and_bad_score() -> None:
    with pytest.raises(ValueError):
        ScoredAttempt("q", "analytical", datetime(2025, 1, 1), 50.0)
    for bad in (-0.1, 100.1, math.nan):
        with pytest.raises(ValueError):
            ScoredAttempt("q", "analytical", NOW, bad)


def test_skill_inputs_reject_bad_values() -> None:
    with pytest.raises(ValueError):
        SkillInputs("analytical", [], -1, None, None)
    with pytest.raises(ValueError):
        SkillInputs("analytical", [], 5, 101.0, None)
    with pytest.raises(ValueError):
        SkillInputs("analytical", [], 5, None, math.nan)


def test_skill_readiness_rejects_naive_now_and_other_skills() -> None:
    with pytest.raises(ValueError):
        readiness_of([attempt("q1", 1, 50)], now=datetime(2025, 6, 1))
    with pytest.raises(ValueError):
        readiness_of([attempt("q1", 1, 50, skill="technical")])


# --- skill_readiness -------------------------------------------------------------------------


def test_not_started_is_zero() -> None:
    result = readiness_of([], self_assessment=90.0, retention=80.0)
    assert result.readiness == 0.0
    assert not result.started
    assert (result.performance, result.coverage, result.attempts) == (0.0, 0.0, 0)
    assert (result.questions_seen, result.questions_recent) == (0, 0)
    assert result.self_assessment == 90.0


def test_attempts_after_now_are_ignored() -> None:
    result = readiness_of([attempt("q1", -1, 100)])
    assert not result.started
    assert result.readiness == 0.0
    later = readiness_of([attempt("q1", -1, 100), attempt("q2", 1, 40)])
    assert later.attempts == 1
    assert later.performance == 40.0


def test_single_attempt_full_coverage() -> None:
    result = readiness_of([attempt("q1", 0, 80)], track=1)
    assert result.started
    assert result.performance == 80.0
    assert result.coverage == 1.0
    assert result.weights == (1.0, 0.0, 0.0)
    assert result.readiness == 80.0


def test_blend_with_self_assessment_and_retention() -> None:
    # 6 of 12 questions: C = 0.5, multiplier 0.4 + 0.6 * 0.5 = 0.7.
    attempts = [attempt(f"q{i}", 0, 50) for i in range(6)]
    result = readiness_of(attempts, track=30, self_assessment=80.0, retention=70.0)
    assert result.weights == (0.6, 0.2, 0.2)
    assert result.coverage == 0.5
    expected = (0.6 * 50 + 0.2 * 80 + 0.2 * 70) * 0.7
    assert result.readiness == pytest.approx(expected)


@pytest.mark.parametrize(
    ("self_assessment", "retention", "weights"),
    [
        (None, None, (1.0, 0.0, 0.0)),
        (60.0, None, (0.8, 0.2, 0.0)),
        (None, 60.0, (0.8, 0.0, 0.2)),
        (60.0, 60.0, (0.6, 0.2, 0.2)),
    ],
)
def test_absent_inputs_move_weight_to_performance(
    self_assessment: float | None, retention: float | None, weights: tuple[float, float, float]
) -> None:
    result = readiness_of(
        [attempt("q1", 0, 40)], self_assessment=self_assessment, retention=retention
    )
    assert result.weights == weights
    assert sum(result.weights) == 1.0


def test_half_life_halves_weight() -> None:
    # Today 100, 21 days ago 0: weights 1 and 0.5, so P = 100 * 1 / 1.5.
    result = readiness_of([attempt("q1", 0, 100), attempt("q2", HALF_LIFE_DAYS, 0)])
    assert result.performance == pytest.approx(100 / 1.5, rel=1e-12)
    # Two half-lives: weight 0.25, P = 100 / 1.25.
    older = readiness_of([attempt("q1", 0, 100), attempt("q2", 2 * HALF_LIFE_DAYS, 0)])
    assert older.performance == pytest.approx(80.0, rel=1e-12)


def test_performance_does_not_depend_on_now_only_on_ages() -> None:
    attempts = [attempt("q1", 3, 90), attempt("q2", 10, 30), attempt("q3", 50, 60)]
    shifted = [
        ScoredAttempt(a.question_id, a.skill, a.at + timedelta(days=7), a.score) for a in attempts
    ]
    here = readiness_of(attempts, track=3)
    later = readiness_of(shifted, track=3, now=NOW + timedelta(days=7))
    assert later.performance == pytest.approx(here.performance, rel=1e-12)


def test_only_three_latest_attempts_per_question_count() -> None:
    three = [attempt("q1", 1, 90), attempt("q1", 2, 80), attempt("q1", 3, 70)]
    base = readiness_of(three)
    with_older = readiness_of([*three, attempt("q1", 4, 0)])
    assert with_older.performance == pytest.approx(base.performance, rel=1e-12)
    assert with_older.attempts == 4
    assert with_older.questions_seen == 1
    # A newer 4th attempt pushes out the oldest (70) instead.
    with_newer = readiness_of([*three, attempt("q1", 0, 0)])
    only_three = readiness_of([attempt("q1", 0, 0), attempt("q1", 1, 90), attempt("q1", 2, 80)])
    assert with_newer.performance == pytest.approx(only_three.performance, rel=1e-12)
    assert MAX_ATTEMPTS_PER_QUESTION == 3


def test_coverage_counts_distinct_recent_questions() -> None:
    attempts = [attempt(f"q{i}", 5, 60) for i in range(6)] + [attempt("q0", 1, 60)]
    assert readiness_of(attempts, track=40).coverage == 0.5  # 6 / min(12, 40)
    assert readiness_of(attempts, track=8).coverage == 0.75  # 6 / 8
    assert readiness_of(attempts, track=4).coverage == 1.0  # capped at 1
    assert readiness_of(attempts, track=0).coverage == 0.0
    assert COVERAGE_TARGET == 12


def test_coverage_window_is_sixty_days_inclusive() -> None:
    attempts = [attempt("q1", 60, 60), attempt("q2", 60.001, 60), attempt("q3", 200, 60)]
    result = readiness_of(attempts, track=12)
    assert result.questions_recent == 1
    assert result.questions_seen == 3
    assert result.attempts == 3


def test_old_practice_still_counts_but_coverage_drops() -> None:
    attempts = [attempt(f"q{i}", 90, 100) for i in range(12)]
    result = readiness_of(attempts)
    assert result.performance == 100.0
    assert result.coverage == 0.0
    assert result.readiness == pytest.approx(40.0)


def test_worked_example_from_docs() -> None:
    """The example in docs/readiness.md; keep the two in step."""
    attempts = [
        attempt("q1", 0, 75.0),
        attempt("q1", 14, 50.0),
        attempt("q2", 7, 87.5),
        attempt("q3", 21, 62.5),
        attempt("q4", 30, 100.0),
        attempt("q5", 70, 25.0),
    ]
    result = readiness_of(attempts, track=20, self_assessment=75.0)
    assert result.weights == (0.8, 0.2, 0.0)
    assert result.questions_recent == 4
    assert round(result.performance, 1) == 72.7
    assert round(result.coverage, 3) == 0.333
    assert round(result.readiness, 1) == 43.9
    assert band(result.readiness) == "getting there"

    others = {"communication": 80.0, "technical": 20.0, "user_centric": 78.0, "creativity": 60.0}
    skills = {"analytical": result} | {s: skill_with(s, v) for s, v in others.items()}
    weights = {
        "analytical": 1.0,
        "communication": 1.0,
        "technical": 1.0,
        "user_centric": 1.0,
        "creativity": 0.6,
        "product_strategy": 0.0,
        "execution": 0.0,
    }
    required = ["analytical", "communication", "technical", "user_centric"]
    overall = overall_readiness(skills, weights, required)
    assert round(overall.uncapped, 1) == 56.1
    assert overall.score == 45.0
    assert overall.capped_by == "technical"
    assert overall.band == "getting there"

    skills["technical"] = skill_with("technical", 40.0)
    improved = overall_readiness(skills, weights, required)
    assert improved.capped_by is None
    assert round(improved.score, 1) == 60.4


@given(attempts_strategy(), nows, st.integers(0, 30), percent_or_none, percent_or_none)
@PROPERTY
def test_skill_readiness_in_range_and_matches_literal_model(
    attempts: list[ScoredAttempt],
    now: datetime,
    track: int,
    self_assessment: float | None,
    retention: float | None,
) -> None:
    inputs = SkillInputs("analytical", attempts, track, self_assessment, retention)
    result = skill_readiness(inputs, now)
    assert 0.0 <= result.readiness <= 100.0
    assert 0.0 <= result.performance <= 100.0
    assert 0.0 <= result.coverage <= 1.0
    assert math.isclose(sum(result.weights), 1.0)
    assert result.started == any(a.at <= now for a in attempts)
    if not result.started:
        assert result.readiness == 0.0
    assert result.readiness == pytest.approx(reference_readiness(inputs, now), rel=1e-9, abs=1e-9)


@given(st.data(), attempts_strategy(min_size=1), nows, percent_or_none, percent_or_none)
@PROPERTY
def test_raising_a_score_never_lowers_skill_readiness(
    data: st.DataObject,
    attempts: list[ScoredAttempt],
    now: datetime,
    self_assessment: float | None,
    retention: float | None,
) -> None:
    index = data.draw(st.integers(0, len(attempts) - 1))
    old = attempts[index]
    new_score = data.draw(st.floats(min_value=old.score, max_value=100.0))
    raised = list(attempts)
    raised[index] = ScoredAttempt(old.question_id, old.skill, old.at, new_score)
    before = readiness_of(attempts, self_assessment=self_assessment, retention=retention, now=now)
    after = readiness_of(raised, self_assessment=self_assessment, retention=retention, now=now)
    assert after.performance >= before.performance
    assert after.readiness >= before.readiness


@given(
    attempts_strategy(),
    nows,
    st.lists(scores, min_size=3, max_size=3),
    st.floats(min_value=0.001, max_value=400.0),
    scores,
)
@PROPERTY
def test_an_attempt_older_than_the_three_latest_changes_nothing(
    others: list[ScoredAttempt],
    now: datetime,
    latest: list[float],
    extra_days: float,
    extra_score: float,
) -> None:
    kept = [
        ScoredAttempt("q0", "analytical", now - timedelta(days=day), score)
        for day, score in enumerate(latest)
    ]
    attempts = [a for a in others if a.question_id != "q0"] + kept
    older = ScoredAttempt("q0", "analytical", now - timedelta(days=2 + extra_days), extra_score)
    before = readiness_of(attempts, now=now)
    after = readiness_of([older, *attempts], now=now)
    # Equal in exact arithmetic; the extra attempt can only move the last bits of the floats.
    assert after.performance == pytest.approx(before.performance, rel=1e-12, abs=1e-12)
    assert after.readiness == pytest.approx(before.readiness, rel=1e-12, abs=1e-12)
    assert after.attempts == before.attempts + 1


# --- overall_readiness and band --------------------------------------------------------------


def test_overall_is_track_weighted_mean() -> None:
    skills = {"a": skill_with("a", 80.0), "b": skill_with("b", 60.0)}
    result = overall_readiness(skills, {"a": 3.0, "b": 1.0}, required=[])
    assert result.uncapped == pytest.approx(75.0)
    assert result.score == pytest.approx(75.0)
    assert result.capped_by is None
    assert result.band == "interview-ready"


def test_overall_counts_not_started_and_missing_skills_as_zero() -> None:
    skills = {"a": skill_with("a", 90.0), "b": skill_with("b", 0.0)}
    result = overall_readiness(skills, {"a": 1.0, "b": 1.0, "c": 1.0, "d": 0.0}, required=[])
    assert result.score == pytest.approx(30.0)


def test_overall_ignores_zero_weight_skills() -> None:
    skills = {"a": skill_with("a", 80.0), "z": skill_with("z", 0.0)}
    assert overall_readiness(skills, {"a": 1.0, "z": 0.0}, required=[]).score == 80.0


def test_weakest_required_skill_caps_overall() -> None:
    skills = {
        "a": skill_with("a", 95.0),
        "b": skill_with("b", 95.0),
        "c": skill_with("c", 95.0),
        "weak": skill_with("weak", 30.0),
    }
    result = overall_readiness(skills, dict.fromkeys(skills, 1.0), required=list(skills))
    assert result.uncapped == pytest.approx(78.75)
    assert result.score == 30.0 + CAP_MARGIN
    assert result.capped_by == "weak"
    assert result.band == "getting there"


def test_cap_that_does_not_lower_the_score_is_not_reported() -> None:
    skills = {"a": skill_with("a", 70.0), "b": skill_with("b", 50.0)}
    result = overall_readiness(skills, {"a": 1.0, "b": 1.0}, required=["a", "b"])
    assert result.score == result.uncapped == 60.0
    assert result.capped_by is None


def test_required_skill_caps_even_with_zero_weight() -> None:
    skills = {"a": skill_with("a", 90.0), "b": skill_with("b", 10.0)}
    result = overall_readiness(skills, {"a": 1.0, "b": 0.0}, required=["b"])
    assert result.score == 35.0
    assert result.capped_by == "b"


def test_missing_required_skill_caps_at_margin() -> None:
    result = overall_readiness({"a": skill_with("a", 90.0)}, {"a": 1.0}, required=["a", "x"])
    assert result.score == CAP_MARGIN
    assert result.capped_by == "x"


def test_overall_with_no_skills_or_no_weight_is_zero() -> None:
    empty = OverallReadiness(score=0.0, uncapped=0.0, capped_by=None, band="not ready")
    assert overall_readiness({}, {}, required=[]) == empty
    assert overall_readiness({}, {"a": 1.0}, required=["a"]) == empty
    skills = {"a": skill_with("a", 90.0)}
    assert overall_readiness(skills, {"a": 0.0}, required=["a"]) == empty


@pytest.mark.parametrize("weight", [-1.0, math.nan, math.inf])
def test_overall_rejects_bad_weights(weight: float) -> None:
    with pytest.raises(ValueError):
        overall_readiness({"a": skill_with("a", 50.0)}, {"a": weight}, required=[])


@pytest.mark.parametrize(
    ("score", "name"),
    [
        (0.0, "not ready"),
        (39.99, "not ready"),
        (40.0, "getting there"),
        (69.99, "getting there"),
        (70.0, "interview-ready"),
        (84.99, "interview-ready"),
        (85.0, "strong"),
        (100.0, "strong"),
    ],
)
def test_bands(score: float, name: str) -> None:
    assert band(score) == name


def test_band_rejects_nan() -> None:
    with pytest.raises(ValueError):
        band(math.nan)


readiness_maps = st.dictionaries(
    st.sampled_from(["a", "b", "c", "d", "e"]), st.floats(min_value=0.0, max_value=100.0)
)
weight_maps = st.dictionaries(
    st.sampled_from(["a", "b", "c", "d", "e", "f"]),
    st.sampled_from([0.0, 0.6, 0.8, 1.0]) | st.floats(min_value=0.0, max_value=10.0),
)
required_lists = st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), max_size=4)


@given(readiness_maps, weight_maps, required_lists)
@PROPERTY
def test_overall_in_range_and_capped(
    values: dict[str, float], weights: dict[str, float], required: list[str]
) -> None:
    skills = {skill: skill_with(skill, value) for skill, value in values.items()}
    result = overall_readiness(skills, weights, required)
    assert 0.0 <= result.score <= result.uncapped <= 100.0
    assert result.band == band(result.score)
    if required and any(w > 0 for w in weights.values()):
        assert result.score <= min(values.get(s, 0.0) for s in required) + CAP_MARGIN
    if result.capped_by is not None:
        assert result.capped_by in required
        assert result.score < result.uncapped


@given(st.data(), readiness_maps, weight_maps, required_lists)
@PROPERTY
def test_raising_a_skill_never_lowers_overall(
    data: st.DataObject, values: dict[str, float], weights: dict[str, float], required: list[str]
) -> None:
    skill = data.draw(st.sampled_from(["a", "b", "c", "d", "e"]))
    old = values.get(skill, 0.0)
    raised = dict(values)
    raised[skill] = data.draw(st.floats(min_value=old, max_value=100.0))

    def overall(source: Mapping[str, float]) -> OverallReadiness:
        return overall_readiness(
            {s: skill_with(s, v) for s, v in source.items()}, weights, required
        )

    assert overall(raised).score >= overall(values).score
    assert overall(raised).uncapped >= overall(values).uncapped


@given(st.data(), attempts_strategy(SKILLS, min_size=1), nows, required_lists)
@PROPERTY
def test_raising_an_attempt_never_lowers_overall(
    data: st.DataObject, attempts: list[ScoredAttempt], now: datetime, required: list[str]
) -> None:
    index = data.draw(st.integers(0, len(attempts) - 1))
    old = attempts[index]
    raised = list(attempts)
    raised[index] = ScoredAttempt(
        old.question_id, old.skill, old.at, data.draw(st.floats(min_value=old.score, max_value=100))
    )
    weights = {"analytical": 1.0, "communication": 0.8, "technical": 0.6}
    wanted = [s for s in required if s in SKILLS]

    def overall(source: list[ScoredAttempt]) -> OverallReadiness:
        skills = {
            skill: readiness_of([a for a in source if a.skill == skill], skill=skill, now=now)
            for skill in SKILLS
        }
        result = overall_readiness(skills, weights, wanted)
        if wanted:
            assert result.score <= min(skills[s].readiness for s in wanted) + CAP_MARGIN
        return result

    assert overall(raised).score >= overall(attempts).score


# --- readiness_series ------------------------------------------------------------------------


def series_dates(count: int, step_days: int = 7) -> list[datetime]:
    return [NOW - timedelta(days=step_days * (count - 1 - i)) for i in range(count)]


def test_series_retention_applies_to_last_date_only() -> None:
    attempts = [attempt("q1", 0.5, 60.0)]
    dates = [NOW - timedelta(hours=1), NOW]
    series = readiness_series(attempts, dates, {"analytical": 1}, {}, {"analytical": 0.0})
    # Retention 0 at the last date pulls the score down; earlier, its weight went to P.
    assert series["analytical"][0] == 60.0
    assert series["analytical"][1] == pytest.approx(0.8 * 60.0)


def test_series_uses_latest_self_assessment_at_each_date() -> None:
    attempts = [attempt("q1", 30, 50.0)]
    dates = series_dates(3, step_days=10)  # 20 days ago, 10 days ago, now
    ratings = {"analytical": [(NOW - timedelta(days=5), 100.0), (NOW - timedelta(days=15), 0.0)]}
    series = readiness_series(attempts, dates, {"analytical": 1}, ratings, {})
    assert series["analytical"] == pytest.approx([50.0, 0.8 * 50.0, 0.8 * 50.0 + 0.2 * 100.0])


def test_series_counts_attempts_and_ratings_made_exactly_at_a_date() -> None:
    attempts = [attempt("q1", 0, 50.0)]
    series = readiness_series(
        attempts, [NOW], {"analytical": 1}, {"analytical": [(NOW, 100.0)]}, {}
    )
    assert series["analytical"] == [pytest.approx(0.8 * 50.0 + 0.2 * 100.0)]


def test_series_gives_zero_before_the_first_attempt_and_for_idle_skills() -> None:
    attempts = [attempt("q1", 10, 80.0)]
    dates = series_dates(3, step_days=10)
    qit = {"analytical": 1, "technical": 5}
    series = readiness_series(attempts, dates, qit, {"technical": [(BASE, 90.0)]}, {})
    assert series == {"analytical": [0.0, 80.0, 80.0], "technical": [0.0, 0.0, 0.0]}


def test_series_ignores_skills_outside_the_track_and_handles_no_dates() -> None:
    attempts = [attempt("q1", 1, 80.0, skill="technical")]
    assert readiness_series(attempts, [NOW], {"analytical": 3}, {}, {}) == {"analytical": [0.0]}
    assert readiness_series(attempts, [], {"analytical": 3}, {}, {}) == {"analytical": []}


def test_series_rejects_descending_or_naive_dates() -> None:
    with pytest.raises(ValueError):
        readiness_series([], [NOW, NOW - timedelta(days=1)], {"analytical": 1}, {}, {})
    with pytest.raises(ValueError):
        readiness_series([], [datetime(2025, 1, 1)], {"analytical": 1}, {}, {})


def latest_rating(history: Sequence[tuple[datetime, float]], when: datetime) -> float | None:
    ordered = sorted(history, key=lambda item: item[0])
    known = [value for at, value in ordered if at <= when]
    return known[-1] if known else None


@given(
    attempts_strategy((*SKILLS, "execution"), max_size=60),
    # Dates drawn partly from the attempt times, so that boundaries (at == date) are hit.
    st.lists(nows | times, min_size=1, max_size=8).map(sorted),
    st.fixed_dictionaries({skill: st.integers(0, 20) for skill in SKILLS}),
    st.dictionaries(
        st.sampled_from(SKILLS),
        st.lists(st.tuples(times, st.floats(min_value=0.0, max_value=100.0)), max_size=4),
    ),
    st.dictionaries(st.sampled_from(SKILLS), percent_or_none),
)
@PROPERTY
def test_series_equals_skill_readiness_at_every_date(
    attempts: list[ScoredAttempt],
    dates: list[datetime],
    track: dict[str, int],
    ratings: dict[str, list[tuple[datetime, float]]],
    retention: dict[str, float | None],
) -> None:
    series = readiness_series(attempts, dates, track, ratings, retention)
    assert set(series) == set(SKILLS)
    for skill in SKILLS:
        own = [a for a in attempts if a.skill == skill]
        assert len(series[skill]) == len(dates)
        for index, when in enumerate(dates):
            known_retention = retention.get(skill) if index == len(dates) - 1 else None
            inputs = SkillInputs(
                skill,
                own,
                track[skill],
                latest_rating(ratings.get(skill, []), when),
                known_retention,
            )
            assert series[skill][index] == skill_readiness(inputs, when).readiness


def test_series_sanity_at_scale() -> None:
    """20k attempts x 30 dates completes and stays in range (speed is checked in benchmarks)."""
    skills = ["analytical", "communication", "technical", "user_centric"]
    attempts = [
        ScoredAttempt(
            f"q{(i * 7919) % 400}",
            skills[i % len(skills)],
            BASE + timedelta(minutes=(i * 104_729) % (300 * 24 * 60)),
            float((i * 37) % 101),
        )
        for i in range(20_000)
    ]
    dates = [BASE + timedelta(days=10 * i) for i in range(30)]
    series = readiness_series(attempts, dates, dict.fromkeys(skills, 150), {}, {})
    assert set(series) == set(skills)
    for values in series.values():
        assert len(values) == 30
        assert all(0.0 <= value <= 100.0 for value in values)
        assert values[-1] > 0.0
    last = skill_readiness(
        SkillInputs("technical", [a for a in attempts if a.skill == "technical"], 150, None, None),
        dates[-1],
    )
    assert series["technical"][-1] == last.readiness
