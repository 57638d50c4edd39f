"""Calibration: does the user's view of a skill match their answers?

Three measures of one skill, all on a 0-100 scale:

- self-assessment: the latest "I can ..." assessment, mean level mapped to 0-100;
- ratings: the mean score the user gave their own recent answers (the rubric, 0-100);
- evidence: the mean share of talking points those answers cover (answer insights, x 100).

Level 1 is 0 and level 5 is 100 on every scale, so "4/5" sits at 75 and is compared with
covering 75 % of the talking points. Two measures more than `GAP_POINTS` apart disagree; the
note says which, in words. Pure Python, no Qt, no storage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

# The dashboard calls out self-assessment and performance further apart than this, too.
GAP_POINTS = 20.0
# The note compares the latest answers of the skill, not the whole history: people improve.
RECENT_ATTEMPTS = 10
# Fewer rated or analysed answers than this say too little to compare.
MIN_EVIDENCE = 3

SELF = "self"
RATINGS = "ratings"
EVIDENCE = "evidence"


def level_of(score: float) -> float:
    """A 0-100 score as the 1-5 level it stands for."""
    return 1.0 + score / 25.0


def level_text(score: float) -> str:
    """'4/5' for a whole level, '3.6/5' otherwise."""
    level = round(level_of(score), 1)
    return f"{level:.0f}/5" if level == int(level) else f"{level:.1f}/5"


def percent_text(score: float) -> str:
    return f"{score:.0f}%"


@dataclass(frozen=True, slots=True)
class RecentAttempt:
    """One recent answer: the user's score (None until rated) and its coverage (0-1)."""

    score: float | None
    coverage: float | None  # None: the question lists no talking points, or not analysed yet


@dataclass(frozen=True, slots=True)
class Calibration:
    """The three measures of one skill; a measure is None when there is too little data."""

    self_assessment: float | None
    ratings: float | None
    evidence: float | None
    attempts: int = 0  # recent answers looked at
    rated: int = 0
    analysed: int = 0
    pending: int = 0  # recent answers whose evidence is still being worked out

    def measures(self) -> dict[str, float]:
        """The measures that have a value, by name."""
        found = {SELF: self.self_assessment, RATINGS: self.ratings, EVIDENCE: self.evidence}
        return {name: value for name, value in found.items() if value is not None}


def calibrate(
    self_assessment: float | None,
    recent: Sequence[RecentAttempt],
    *,
    pending: int = 0,
) -> Calibration:
    """The measures from the latest self-assessment and the latest answers (newest first)."""
    window = list(recent[:RECENT_ATTEMPTS])
    scores = [a.score for a in window if a.score is not None]
    shares = [a.coverage for a in window if a.coverage is not None]
    return Calibration(
        self_assessment=self_assessment,
        ratings=sum(scores) / len(scores) if len(scores) >= MIN_EVIDENCE else None,
        evidence=100.0 * sum(shares) / len(shares) if len(shares) >= MIN_EVIDENCE else None,
        attempts=len(window),
        rated=len(scores),
        analysed=len(shares),
        pending=pending,
    )


@dataclass(frozen=True, slots=True)
class Gap:
    """Two measures that disagree: `higher` is above `lower` by `points`."""

    higher: str
    lower: str
    points: float


def gaps(calibration: Calibration) -> list[Gap]:
    """Every pair of measures more than GAP_POINTS apart, the widest first."""
    found = []
    measures = calibration.measures()
    names = [n for n in (SELF, RATINGS, EVIDENCE) if n in measures]
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            difference = measures[first] - measures[second]
            if abs(difference) > GAP_POINTS:
                high, low = (first, second) if difference > 0 else (second, first)
                found.append(Gap(high, low, abs(difference)))
    return sorted(found, key=lambda g: -g.points)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _join(steps: Sequence[str]) -> str:
    """Steps in the order to take them (each may itself hold an 'and')."""
    return ", then ".join(steps)


def missing_steps(calibration: Calibration, skill_name: str) -> list[str]:
    """What the user can do to get each missing measure, in words."""
    steps = []
    if calibration.self_assessment is None:
        steps.append("take this self-assessment")
    c = calibration
    if c.attempts < MIN_EVIDENCE and (c.ratings is None or c.evidence is None):
        # Answering a built-in question gives evidence too: one step says it all.
        waiting = c.attempts - c.rated
        unrated = f"rate your {_plural(waiting, 'unrated answer')} and " if waiting else ""
        more = _plural(MIN_EVIDENCE - c.attempts, f"more {skill_name} question")
        steps.append(
            f"{unrated}answer and rate {more}"
            if c.attempts
            else f"answer and rate {_plural(MIN_EVIDENCE, f'{skill_name} question')}"
        )
        return steps
    if c.ratings is None:
        steps.append(f"rate {MIN_EVIDENCE - c.rated} more of your recent {skill_name} answers")
    if c.evidence is None and not c.pending:
        more = _plural(MIN_EVIDENCE - c.analysed, f"more {skill_name} question")
        steps.append(f"answer {more} with talking points")
    return steps
    if calibration.ratings is None:
        more = MIN_EVIDENCE - calibration.rated
        waiting = calibration.attempts - calibration.rated
        if waiting >= more:
            steps.append(f"rate {more} more of your recent {skill_name} answers")
        else:
            extra = _plural(more - waiting, f"more {skill_name} question")
            unrated = f"rate your {_plural(waiting, 'unrated answer')} and " if waiting else ""
            steps.append(f"{unrated}answer and rate {extra}")
    if calibration.evidence is None and not calibration.pending:
        more = MIN_EVIDENCE - calibration.analysed
        steps.append(f"answer {_plural(more, f'more {skill_name} question')} with talking points")
    return steps


def _values(calibration: Calibration, skill_name: str) -> dict[str, str]:
    c = calibration
    return {
        "name": skill_name,
        "a": level_text(c.self_assessment) if c.self_assessment is not None else "",
        "p": level_text(c.ratings) if c.ratings is not None else "",
        "e": percent_text(c.evidence) if c.evidence is not None else "",
    }


# One measure away from the other two, which agree: one sentence about it.
_OUTLIER = {
    (EVIDENCE, False): (
        "You assess yourself at {a} and rate your {name} answers {p} on average, but they "
        "cover {e} of the talking points: check an answer against its outline before you "
        "rate it."
    ),
    (EVIDENCE, True): (
        "Your {name} answers cover {e} of the talking points, more than your self-assessment "
        "({a}) and your ratings ({p} on average) suggest: you may be better at this than you "
        "think."
    ),
    (SELF, True): (
        "Your self-assessment ({a}) is above both how you rate your {name} answers ({p} on "
        "average) and what they cover ({e} of the talking points)."
    ),
    (SELF, False): (
        "Your self-assessment ({a}) is below both how you rate your {name} answers ({p} on "
        "average) and what they cover ({e} of the talking points): you may be better at this "
        "than you think."
    ),
    (RATINGS, True): (
        "You rate your {name} answers {p} on average, above both your self-assessment ({a}) "
        "and what they cover ({e} of the talking points): your ratings may be generous."
    ),
    (RATINGS, False): (
        "You rate your {name} answers {p} on average, below both your self-assessment ({a}) "
        "and what they cover ({e} of the talking points): you may be harsh on your answers."
    ),
}
# Two measures apart: (higher, lower) -> sentence.
_PAIR = {
    (RATINGS, EVIDENCE): (
        "You rate your {name} answers {p} on average, but they cover {e} of the talking "
        "points: check an answer against its outline before you rate it."
    ),
    (EVIDENCE, RATINGS): (
        "Your {name} answers cover {e} of the talking points, yet you rate them {p} on "
        "average: you may be harsh on your answers."
    ),
    (SELF, RATINGS): (
        "You assess yourself at {a} in {name}, above how you rate your answers ({p} on average)."
    ),
    (RATINGS, SELF): (
        "You rate your {name} answers {p} on average, above your self-assessment of {a}: "
        "you may be better at this than you think."
    ),
    (SELF, EVIDENCE): (
        "You assess yourself at {a} in {name}, but your answers cover {e} of the talking points."
    ),
    (EVIDENCE, SELF): (
        "Your {name} answers cover {e} of the talking points, more than your self-assessment "
        "of {a} suggests."
    ),
}
_AGREE = {
    frozenset((SELF, RATINGS, EVIDENCE)): (
        "Your self-assessment ({a}), your ratings ({p} on average) and what your answers "
        "cover ({e} of the talking points) agree: your view of {name} matches your answers."
    ),
    frozenset((SELF, RATINGS)): (
        "Your self-assessment ({a}) and how you rate your {name} answers ({p} on average) agree."
    ),
    frozenset((SELF, EVIDENCE)): (
        "Your self-assessment ({a}) and what your {name} answers cover ({e} of the talking "
        "points) agree."
    ),
    frozenset((RATINGS, EVIDENCE)): (
        "How you rate your {name} answers ({p} on average) and what they cover ({e} of the "
        "talking points) agree."
    ),
}
# All three apart: highest to lowest.
_DESCRIBED = {
    SELF: "your self-assessment ({a})",
    RATINGS: "your ratings ({p} on average)",
    EVIDENCE: "what your answers cover ({e} of the talking points)",
}
_ALONE = {
    SELF: "So far there is only your self-assessment ({a}).",
    RATINGS: "So far there are only your ratings ({p} on average).",
    EVIDENCE: "So far there is only what your answers cover ({e} of the talking points).",
}


def _disagreements(calibration: Calibration, found: list[Gap]) -> list[str]:
    """Sentence templates for the disagreements (the odd one out in one sentence)."""
    measures = calibration.measures()
    if len(measures) == 3 and len(found) == 2:
        # Two gaps among three measures share one measure: the odd one out.
        (odd,) = {found[0].higher, found[0].lower} & {found[1].higher, found[1].lower}
        others = [measures[n] for n in measures if n != odd]
        above = measures[odd] > max(others)
        if above or measures[odd] < min(others):
            return [_OUTLIER[(odd, above)]]
    if len(found) == 3:
        high, middle, low = sorted(measures, key=lambda n: -measures[n])
        return [
            "In {name}, "
            + _DESCRIBED[high]
            + " is well above "
            + _DESCRIBED[middle]
            + ", which is well above "
            + _DESCRIBED[low]
            + "."
        ]
    return [_PAIR[(g.higher, g.lower)] for g in found]


def calibration_note(calibration: Calibration, skill_name: str) -> str:
    """Where the three measures disagree, in words; when they agree, that; else what is missing."""
    values = _values(calibration, skill_name)
    measures = calibration.measures()
    steps = missing_steps(calibration, skill_name)
    # Templates are filled one by one; the steps already hold the skill's name as written.
    parts: list[str] = []
    if len(measures) < 2:
        if steps:
            parts.append(f"Too little to compare yet: {_join(steps)}.")
        if measures:
            parts.append(_ALONE[next(iter(measures))].format(**values))
    else:
        found = gaps(calibration)
        templates = _disagreements(calibration, found) if found else [_AGREE[frozenset(measures)]]
        parts.extend(t.format(**values) for t in templates)
        if steps:
            parts.append(f"For the full picture, {_join(steps)}.")
    if calibration.pending:
        parts.append(f"Still reading {_plural(calibration.pending, 'answer')} for the evidence.")
    if calibration.ratings is not None or calibration.evidence is not None:
        parts.append(f"Compared over your latest {_plural(calibration.attempts, 'answer')}.")
    return " ".join(parts)


def assessment_steps(
    assessments: Sequence[tuple[datetime, float]], until: datetime
) -> list[tuple[datetime, float]]:
    """A self-assessment holds until the next one: the points of that step line, to `until`."""
    ordered = sorted(assessments)
    points: list[tuple[datetime, float]] = []
    for index, (moment, score) in enumerate(ordered):
        if index:
            points.append((moment, ordered[index - 1][1]))
        points.append((moment, score))
    if ordered and until > ordered[-1][0]:
        points.append((until, ordered[-1][1]))
    return points
