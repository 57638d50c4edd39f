"""Calibration in words: which measures disagree, when they agree, and what is missing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pm_prep.domain.calibration import (
    EVIDENCE,
    GAP_POINTS,
    MIN_EVIDENCE,
    RATINGS,
    RECENT_ATTEMPTS,
    SELF,
    Calibration,
    Gap,
    RecentAttempt,
    assessment_steps,
    calibrate,
    calibration_note,
    gaps,
    level_of,
    level_text,
)

R = RecentAttempt


def _note(self_score: float | None, recent: list[RecentAttempt], **kw: int) -> str:
    return calibration_note(calibrate(self_score, recent, **kw), "Analytical")


@pytest.mark.parametrize(
    ("score", "level", "text"),
    [(0, 1.0, "1/5"), (75, 4.0, "4/5"), (100, 5.0, "5/5"), (65, 3.6, "3.6/5"), (46, 2.84, "2.8/5")],
)
def test_scores_read_as_levels_one_to_five(score: float, level: float, text: str) -> None:
    assert level_of(score) == pytest.approx(level)
    assert level_text(score) == text


def test_the_measures_come_from_the_latest_answers_only() -> None:
    old = [R(0.0, 0.0)] * 20
    recent = [R(80.0, 0.5)] * RECENT_ATTEMPTS
    result = calibrate(60.0, recent + old)
    assert result.attempts == RECENT_ATTEMPTS
    assert result.ratings == pytest.approx(80.0)
    assert result.evidence == pytest.approx(50.0)


def test_unrated_answers_count_as_evidence_but_not_as_ratings() -> None:
    result = calibrate(None, [R(None, 0.4), R(None, 0.6), R(None, 0.5), R(70.0, None)])
    assert result.ratings is None and result.rated == 1
    assert result.evidence == pytest.approx(50.0) and result.analysed == 3


def test_too_few_answers_give_no_measure() -> None:
    result = calibrate(50.0, [R(90.0, 0.9)] * (MIN_EVIDENCE - 1))
    assert result.ratings is None and result.evidence is None
    assert result.measures() == {SELF: 50.0}


def test_the_issues_example_says_ratings_are_above_the_evidence() -> None:
    # "You rate analytical answers 4/5 but cover 30% of talking points."
    note = _note(None, [R(75.0, 0.3)] * 10)
    assert note.startswith(
        "You rate your Analytical answers 4/5 on average, but they cover 30% of the talking points"
    )
    assert "take this self-assessment" in note


def test_one_measure_away_from_two_that_agree_is_named_once() -> None:
    note = _note(75.0, [R(75.0, 0.3)] * 10)
    assert note.startswith(
        "You assess yourself at 4/5 and rate your Analytical answers 4/5 on average, but they "
        "cover 30% of the talking points"
    )
    assert note.count("30%") == 1


def test_a_modest_self_assessment_below_the_evidence_says_so() -> None:
    note = _note(20.0, [R(60.0, 0.65)] * 10)
    assert "Your self-assessment (1.8/5) is below both" in note
    assert "better at this than you think" in note


def test_harsh_ratings_of_answers_that_cover_a_lot() -> None:
    note = _note(None, [R(20.0, 0.8)] * 10)
    assert note.startswith("Your Analytical answers cover 80% of the talking points, yet you rate")
    assert "harsh" in note


def test_all_three_apart_are_ordered_from_highest_to_lowest() -> None:
    note = _note(90.0, [R(55.0, 0.2)] * 10)
    assert note.startswith(
        "In Analytical, your self-assessment (4.6/5) is well above your ratings (3.2/5 on "
        "average), which is well above what your answers cover (20% of the talking points)."
    )


def test_agreement_is_said_in_words() -> None:
    note = _note(75.0, [R(70.0, 0.8)] * 10)
    assert note.startswith(
        "Your self-assessment (4/5), your ratings (3.8/5 on average) and what your answers cover "
        "(80% of the talking points) agree"
    )
    assert note.endswith("Compared over your latest 10 answers.")


def test_a_gap_of_exactly_the_threshold_still_agrees() -> None:
    result = calibrate(50.0 + GAP_POINTS, [R(50.0, 0.5)] * 5)
    assert gaps(result) == []


def test_gaps_are_listed_widest_first() -> None:
    found = gaps(Calibration(self_assessment=90.0, ratings=55.0, evidence=20.0))
    assert found[0] == Gap(SELF, EVIDENCE, pytest.approx(70.0))
    assert {(g.higher, g.lower) for g in found} == {
        (SELF, RATINGS),
        (RATINGS, EVIDENCE),
        (SELF, EVIDENCE),
    }


def test_a_new_user_is_told_what_to_do_first() -> None:
    assert _note(None, []) == (
        "Too little to compare yet: take this self-assessment, then answer and rate 3 "
        "Analytical questions."
    )


def test_unrated_answers_are_named_as_the_missing_step() -> None:
    note = _note(60.0, [R(None, 0.5)] * 5)
    assert "rate 3 more of your recent Analytical answers" in note
    assert "Your self-assessment (3.4/5) and what your Analytical answers cover (50%" in note


def test_answers_still_being_read_are_not_called_missing() -> None:
    note = _note(60.0, [R(70.0, None)] * 5, pending=5)
    assert "with talking points" not in note
    assert "Still reading 5 answers for the evidence." in note


def test_answers_to_questions_without_talking_points_ask_for_other_questions() -> None:
    note = _note(60.0, [R(70.0, None)] * 5)
    assert "answer 3 more Analytical questions with talking points" in note


def test_a_skill_name_with_braces_is_shown_as_written() -> None:
    note = calibration_note(calibrate(None, [R(75.0, 0.3)] * 4), "{odd} skill")
    assert "{odd} skill" in note


def test_an_assessment_holds_until_the_next_one() -> None:
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    t1, now = t0 + timedelta(days=10), t0 + timedelta(days=30)
    assert assessment_steps([(t1, 80.0), (t0, 40.0)], now) == [
        (t0, 40.0),
        (t1, 40.0),
        (t1, 80.0),
        (now, 80.0),
    ]
    assert assessment_steps([], now) == []
