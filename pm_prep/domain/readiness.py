"""Readiness model: per-skill and overall readiness scores, and their trend over time.

Pure standard-library Python; see docs/readiness.md for the model in plain words.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from operator import attrgetter, itemgetter

__all__ = [
    "CAP_MARGIN",
    "COVERAGE_TARGET",
    "COVERAGE_WINDOW_DAYS",
    "HALF_LIFE_DAYS",
    "MAX_ATTEMPTS_PER_QUESTION",
    "OverallReadiness",
    "ScoredAttempt",
    "SkillInputs",
    "SkillReadiness",
    "attempt_score",
    "band",
    "overall_readiness",
    "readiness_series",
    "skill_readiness",
]

HALF_LIFE_DAYS = 21.0
MAX_ATTEMPTS_PER_QUESTION = 3
COVERAGE_WINDOW_DAYS = 60
COVERAGE_TARGET = 12
CAP_MARGIN = 25.0

_PERFORMANCE_WEIGHT = 0.6
_SELF_ASSESSMENT_WEIGHT = 0.2
_RETENTION_WEIGHT = 0.2
# Practice with no recent breadth still keeps 40% of the blended score; breadth earns the rest.
_COVERAGE_FLOOR = 0.4
_COVERAGE_SPAN = 1.0 - _COVERAGE_FLOOR

_HALF_LIFE = timedelta(days=HALF_LIFE_DAYS)
_COVERAGE_WINDOW = timedelta(days=COVERAGE_WINDOW_DAYS)
# 2.0 ** 1024 overflows a float. Reaching this exponent needs attempts of one skill about 57
# years apart, so clamping here never changes a real user's score.
_MAX_EXPONENT = 1000.0
# 2 ** -1074 is the smallest positive float, so any finite float times 2 ** 1074 is an integer:
# as_integer_ratio() gives a power-of-two denominator 2 ** (bit_length - 1) <= 2 ** 1074.
_EXACT_SHIFT = 1074

_BANDS: tuple[tuple[float, str], ...] = (
    (40.0, "not ready"),
    (70.0, "getting there"),
    (85.0, "interview-ready"),
)
_TOP_BAND = "strong"


@dataclass(frozen=True, slots=True)
class ScoredAttempt:
    """One rated answer to one question."""

    question_id: str
    skill: str
    at: datetime  # timezone-aware UTC
    score: float  # 0..100

    def __post_init__(self) -> None:
        # Inlined rather than shared: a long history builds tens of thousands of these.
        if self.at.tzinfo is None:
            raise ValueError(f"ScoredAttempt.at must be timezone-aware (UTC), got {self.at!r}")
        if not 0.0 <= self.score <= 100.0:
            raise ValueError(f"ScoredAttempt.score must be within 0..100, got {self.score!r}")


def attempt_score(criterion_scores: Sequence[int]) -> float:
    """(mean - 1) / 4 * 100; raises ValueError on empty input or a score outside 1..5."""
    if not criterion_scores:
        raise ValueError("an attempt needs at least one criterion score")
    for value in criterion_scores:
        if not 1 <= value <= 5:
            raise ValueError(f"criterion score {value!r} is outside 1..5")
    count = len(criterion_scores)
    # Same value as (mean - 1) / 4 * 100, but with a single rounding step: [3] gives exactly 50.0.
    return (sum(criterion_scores) - count) * 25 / count


@dataclass(frozen=True, slots=True)
class SkillInputs:
    """Everything skill_readiness needs to know about one skill."""

    skill: str
    # This skill's attempts in any order; the 3-latest rule and the `now` cut-off are applied
    # by skill_readiness itself.
    attempts: Sequence[ScoredAttempt]
    questions_in_track: int  # questions of this skill available in the user's track
    self_assessment: float | None  # 0..100 or None
    retention: float | None  # 0..100 or None (mean retrievability * 100)

    def __post_init__(self) -> None:
        if self.questions_in_track < 0:
            raise ValueError("questions_in_track must not be negative")
        _require_optional_percent(self.self_assessment, "self_assessment")
        _require_optional_percent(self.retention, "retention")


@dataclass(frozen=True, slots=True)
class SkillReadiness:
    """Readiness of one skill at one moment, with the parts it was made from."""

    skill: str
    readiness: float  # 0..100; 0 when not started
    started: bool  # False when no attempts at or before now
    performance: float  # P, 0..100
    coverage: float  # C, 0..1
    self_assessment: float | None
    retention: float | None
    # Effective weights of (P, A, R) after moving absent inputs' weight to P.
    weights: tuple[float, float, float]
    attempts: int  # attempts counted at or before now (all of them, not just the 3 latest)
    questions_seen: int  # distinct questions attempted ever (at or before now)
    questions_recent: int  # distinct questions attempted in the coverage window


@dataclass(frozen=True, slots=True)
class OverallReadiness:
    """Track-level readiness."""

    score: float  # 0..100
    uncapped: float  # weighted mean before the cap
    capped_by: str | None  # the skill id whose cap applied, if it lowered the score
    band: str  # see band()


class _SkillState:
    """Running state of one skill while its attempts are fed in chronological order.

    Both skill_readiness and readiness_series go through this class, which is why the chart
    and the dashboard can never disagree.

    Performance needs weights 0.5 ** (age / half-life), and age depends on the evaluation date.
    Writing each weight as 2 ** ((at - first) / half-life) times 0.5 ** ((now - first) /
    half-life) turns the second factor into a constant that cancels in the weighted mean, so
    the sums do not depend on `now` and can be kept up to date as attempts arrive and leave the
    3-latest window. The sums are kept as exact integers so that adding and removing terms
    never accumulates rounding error: the result is the correctly rounded value of the exact
    ratio, however the attempts were fed in.
    """

    __slots__ = (
        "attempts",
        "first_at",
        "in_window",
        "latest",
        "weight_sum",
        "weighted_score_sum",
        "window",
    )

    def __init__(self) -> None:
        self.attempts = 0
        self.first_at: datetime | None = None
        # Question id -> exact (weight, weight * score) of its latest attempts, oldest first.
        self.latest: dict[str, deque[tuple[int, int]]] = {}
        self.weight_sum = 0
        self.weighted_score_sum = 0
        # Attempts not yet known to be outside the coverage window, oldest first.
        self.window: deque[tuple[datetime, str]] = deque()
        # Question id -> how many of its attempts are in `window`.
        self.in_window: dict[str, int] = {}

    def add(self, attempt: ScoredAttempt) -> None:
        """Count one attempt; must be called in chronological order."""
        # This runs once per attempt of the user's whole history, hence the inlined arithmetic.
        at = attempt.at
        first_at = self.first_at
        if first_at is None:
            first_at = self.first_at = at
        exponent = (at - first_at) / _HALF_LIFE
        if exponent > _MAX_EXPONENT:
            exponent = _MAX_EXPONENT
        weight: float = 2.0**exponent
        numerator, denominator = weight.as_integer_ratio()
        exact_weight = numerator << (_EXACT_SHIFT + 1 - denominator.bit_length())
        numerator, denominator = (weight * attempt.score).as_integer_ratio()
        exact_weighted_score = numerator << (_EXACT_SHIFT + 1 - denominator.bit_length())

        question = attempt.question_id
        kept = self.latest.get(question)
        if kept is None:
            kept = self.latest[question] = deque()
        elif len(kept) == MAX_ATTEMPTS_PER_QUESTION:
            old_weight, old_weighted_score = kept.popleft()
            self.weight_sum -= old_weight
            self.weighted_score_sum -= old_weighted_score
        kept.append((exact_weight, exact_weighted_score))
        self.weight_sum += exact_weight
        self.weighted_score_sum += exact_weighted_score

        self.attempts += 1
        self.window.append((at, question))
        in_window = self.in_window
        in_window[question] = in_window.get(question, 0) + 1

    def performance(self) -> float:
        """Time-weighted mean score of the kept attempts, 0 when there are none."""
        if self.weight_sum == 0:
            return 0.0
        # int / int is correctly rounded in Python, even for integers this large.
        return _clamp(self.weighted_score_sum / self.weight_sum, 0.0, 100.0)

    def questions_recent(self, now: datetime) -> int:
        """Distinct questions attempted in the window ending at `now`; `now` must not go back."""
        start = now - _COVERAGE_WINDOW
        window = self.window
        while window and window[0][0] < start:
            _, question = window.popleft()
            remaining = self.in_window[question] - 1
            if remaining:
                self.in_window[question] = remaining
            else:
                del self.in_window[question]
        return len(self.in_window)

    def evaluate(
        self,
        skill: str,
        now: datetime,
        questions_in_track: int,
        self_assessment: float | None,
        retention: float | None,
    ) -> SkillReadiness:
        """Readiness at `now` of the attempts added so far, which must all be at or before it."""
        weights = _effective_weights(self_assessment, retention)
        recent = self.questions_recent(now)
        if self.attempts == 0:
            return SkillReadiness(
                skill=skill,
                readiness=0.0,
                started=False,
                performance=0.0,
                coverage=0.0,
                self_assessment=self_assessment,
                retention=retention,
                weights=weights,
                attempts=0,
                questions_seen=0,
                questions_recent=0,
            )
        performance = self.performance()
        coverage = _coverage(recent, questions_in_track)
        w_p, w_a, w_r = weights
        blended = w_p * performance
        if self_assessment is not None:
            blended += w_a * self_assessment
        if retention is not None:
            blended += w_r * retention
        readiness = _clamp(blended * (_COVERAGE_FLOOR + _COVERAGE_SPAN * coverage), 0.0, 100.0)
        return SkillReadiness(
            skill=skill,
            readiness=readiness,
            started=True,
            performance=performance,
            coverage=coverage,
            self_assessment=self_assessment,
            retention=retention,
            weights=weights,
            attempts=self.attempts,
            questions_seen=len(self.latest),
            questions_recent=recent,
        )


def skill_readiness(inputs: SkillInputs, now: datetime) -> SkillReadiness:
    """Readiness of one skill at `now`, ignoring attempts after it."""
    _require_aware(now, "now")
    state = _SkillState()
    for attempt in _chronological(inputs.attempts):
        if attempt.skill != inputs.skill:
            raise ValueError(
                f"attempt at {attempt.question_id!r} is for skill {attempt.skill!r},"
                f" not {inputs.skill!r}"
            )
        if attempt.at <= now:
            state.add(attempt)
    return state.evaluate(
        inputs.skill, now, inputs.questions_in_track, inputs.self_assessment, inputs.retention
    )


def overall_readiness(
    skills: Mapping[str, SkillReadiness],
    weights: Mapping[str, float],
    required: Sequence[str],
) -> OverallReadiness:
    """Track-weighted mean of readiness over skills with weight > 0 (a not-started skill counts
    as 0), capped at min(readiness of required skills) + CAP_MARGIN. No skills or all weights
    zero -> 0.

    A skill missing from `skills` counts as not started; skills missing from `weights` do not
    count towards the mean. A required skill caps the score even if its weight is 0.
    """
    total_weight = 0.0
    weighted_sum = 0.0
    for skill, weight in weights.items():
        if not (math.isfinite(weight) and weight >= 0.0):
            raise ValueError(f"weight of {skill!r} must be a finite number >= 0, got {weight!r}")
        if weight > 0.0:
            total_weight += weight
            weighted_sum += weight * _readiness_of(skills, skill)
    if total_weight == 0.0:
        return OverallReadiness(score=0.0, uncapped=0.0, capped_by=None, band=band(0.0))

    uncapped = _clamp(weighted_sum / total_weight, 0.0, 100.0)
    score = uncapped
    capped_by: str | None = None
    if required:
        # min() keeps the first of equally weak skills, so ties resolve in `required` order.
        weakest = min(required, key=lambda skill: _readiness_of(skills, skill))
        cap = _readiness_of(skills, weakest) + CAP_MARGIN
        if cap < uncapped:
            score = cap
            capped_by = weakest
    return OverallReadiness(score=score, uncapped=uncapped, capped_by=capped_by, band=band(score))


def band(score: float) -> str:
    """'not ready' under 40, 'getting there' 40-69.99, 'interview-ready' 70-84.99, 'strong' 85+."""
    if math.isnan(score):
        raise ValueError("score is not a number")
    for upper, name in _BANDS:
        if score < upper:
            return name
    return _TOP_BAND


def readiness_series(
    attempts: Sequence[ScoredAttempt],
    dates: Sequence[datetime],
    questions_in_track: Mapping[str, int],
    self_assessments: Mapping[str, Sequence[tuple[datetime, float]]],
    retention: Mapping[str, float | None],
) -> dict[str, list[float]]:
    """Readiness per skill evaluated at each of `dates` (ascending) by the same model, in one
    chronological pass over the attempts (sorted internally), for a chart.

    Self-assessment at a date is the latest one at or before that date. Retention is only known
    now, so it is applied to the last date only and absent (weight to P) for earlier dates.
    Skills with no attempts at a date get 0. Returns {skill: [value per date]} for every skill
    in questions_in_track; attempts of other skills are ignored.
    """
    previous: datetime | None = None
    for when in dates:
        _require_aware(when, "a series date")
        if previous is not None and when < previous:
            raise ValueError("series dates must be in ascending order")
        previous = when
    for skill, count in questions_in_track.items():
        if count < 0:
            raise ValueError(f"questions_in_track of {skill!r} must not be negative")
    for skill, value in retention.items():
        _require_optional_percent(value, f"retention of {skill!r}")

    states = {skill: _SkillState() for skill in questions_in_track}
    ratings: dict[str, list[tuple[datetime, float]]] = {}
    for skill in questions_in_track:
        history = sorted(self_assessments.get(skill, ()), key=itemgetter(0))
        for at, value in history:
            _require_aware(at, f"a self-assessment time of {skill!r}")
            _require_percent(value, f"a self-assessment of {skill!r}")
        ratings[skill] = history
    next_rating = dict.fromkeys(questions_in_track, 0)
    current_rating: dict[str, float | None] = dict.fromkeys(questions_in_track, None)

    series: dict[str, list[float]] = {skill: [] for skill in questions_in_track}
    ordered = _chronological(attempts)
    position = 0
    last_index = len(dates) - 1
    for index, when in enumerate(dates):
        while position < len(ordered) and ordered[position].at <= when:
            attempt = ordered[position]
            state = states.get(attempt.skill)
            if state is not None:
                state.add(attempt)
            position += 1
        for skill, state in states.items():
            history = ratings[skill]
            cursor = next_rating[skill]
            while cursor < len(history) and history[cursor][0] <= when:
                current_rating[skill] = history[cursor][1]
                cursor += 1
            next_rating[skill] = cursor
            known_retention = retention.get(skill) if index == last_index else None
            result = state.evaluate(
                skill, when, questions_in_track[skill], current_rating[skill], known_retention
            )
            series[skill].append(result.readiness)
    return series


def _chronological(attempts: Sequence[ScoredAttempt]) -> list[ScoredAttempt]:
    # A stable sort on time alone: attempts with equal times keep their input order, and a
    # change of score can never change which attempts are the 3 latest.
    return sorted(attempts, key=attrgetter("at"))


def _effective_weights(
    self_assessment: float | None, retention: float | None
) -> tuple[float, float, float]:
    # Adding the absent shares (rather than subtracting the present ones from 1) gives exact
    # sums: 0.6 + 0.2 + 0.2 == 1.0 and 0.8 + 0.2 == 1.0 in floating point.
    w_p = _PERFORMANCE_WEIGHT
    w_a = _SELF_ASSESSMENT_WEIGHT
    w_r = _RETENTION_WEIGHT
    if self_assessment is None:
        w_p += w_a
        w_a = 0.0
    if retention is None:
        w_p += w_r
        w_r = 0.0
    return (w_p, w_a, w_r)


def _coverage(questions_recent: int, questions_in_track: int) -> float:
    target = min(COVERAGE_TARGET, questions_in_track)
    if target <= 0:
        return 0.0
    return min(1.0, questions_recent / target)


def _readiness_of(skills: Mapping[str, SkillReadiness], skill: str) -> float:
    found = skills.get(skill)
    return 0.0 if found is None else found.readiness


def _clamp(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


def _require_aware(when: datetime, what: str) -> None:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware (UTC), got {when!r}")


def _require_percent(value: float, what: str) -> None:
    # Written so that NaN fails too.
    if not 0.0 <= value <= 100.0:
        raise ValueError(f"{what} must be within 0..100, got {value!r}")


def _require_optional_percent(value: float | None, what: str) -> None:
    if value is not None:
        _require_percent(value, what)
