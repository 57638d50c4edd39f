"""Readiness figures put into words for the dashboard (plain text only, never HTML)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from html import escape

from pm_prep.domain.readiness import (
    CAP_MARGIN,
    COVERAGE_TARGET,
    COVERAGE_WINDOW_DAYS,
    OverallReadiness,
    SkillReadiness,
    band,
)
from pm_prep.domain.skills import SkillsAndTracks

# Self-assessment and performance further apart than this are called out on the dashboard.
DISAGREEMENT_POINTS = 20.0
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally: Qt would guess HTML from a stray '<' otherwise."""
    return "<qt>" + escape(text).replace("\n", "<br>") + "</qt>"


def short_date(day: date) -> str:
    """'Tue 3 Nov' in English whatever the machine's locale, to match the rest of the app."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def score_text(value: float) -> str:
    """Scores are shown as whole numbers; the JSON and the tooltips keep the decimals."""
    return f"{value:.0f}"


def track_skills(catalog: SkillsAndTracks, track_id: str) -> list[str]:
    """Skills that count for a track (weight above 0, or required), in catalog order."""
    track = catalog.tracks.get(track_id)
    if track is None:
        return list(catalog.skills)
    return [s for s in catalog.skills if track.weights.get(s, 0.0) > 0.0 or s in track.required]


def coverage_target(questions_in_track: int) -> int:
    return min(COVERAGE_TARGET, questions_in_track)


def coverage_text(skill: SkillReadiness, questions_in_track: int) -> str:
    """'N of M questions in the last 60 days', M being the coverage target."""
    target = coverage_target(questions_in_track)
    if target == 0:
        return "this skill has no questions in your track, so coverage is 0"
    recent = skill.questions_recent
    if recent > target:
        return (
            f"{target} of {target} questions in the last {COVERAGE_WINDOW_DAYS} days "
            f"({recent} practised)"
        )
    return f"{recent} of {target} questions in the last {COVERAGE_WINDOW_DAYS} days"


def disagreement(skill: SkillReadiness) -> str | None:
    """A sentence when self-assessment and performance are more than 20 points apart."""
    if not skill.started or skill.self_assessment is None:
        return None
    gap = skill.self_assessment - skill.performance
    if abs(gap) <= DISAGREEMENT_POINTS:
        return None
    a, p = score_text(skill.self_assessment), score_text(skill.performance)
    if gap > 0:
        return (
            f"Your self-assessment ({a}) is {abs(gap):.0f} points above how your practice "
            f"answers went ({p}). Either your ratings are harsh, or the skill is not yet "
            "showing in your answers."
        )
    return (
        f"Your self-assessment ({a}) is {abs(gap):.0f} points below how your practice "
        f"answers went ({p}). You may be better at this than you think, or rating your "
        "answers generously."
    )


def skill_inputs(skill: SkillReadiness, questions_in_track: int) -> list[tuple[str, str]]:
    """The inputs of a started skill's readiness as (what, in words) pairs."""
    w_p, w_a, w_r = skill.weights
    attempts = f"{skill.attempts} rated attempt{'s' if skill.attempts != 1 else ''}"
    questions = f"{skill.questions_seen} question{'s' if skill.questions_seen != 1 else ''}"
    return [
        ("Performance", f"{skill.performance:.0f}/100, recent answers count more"),
        ("Coverage", coverage_text(skill, questions_in_track)),
        (
            "Self-assessment",
            "not taken (weight goes to performance)"
            if skill.self_assessment is None
            else f"{skill.self_assessment:.0f}/100",
        ),
        (
            "Retention",
            "no reviews yet (weight goes to performance)"
            if skill.retention is None
            else f"{skill.retention:.0f}/100 likely recall",
        ),
        ("Weights", f"performance {w_p:.1f}, self-assessment {w_a:.1f}, retention {w_r:.1f}"),
        ("Evidence", f"{attempts}, {questions}"),
    ]


def not_started_text(skill: SkillReadiness, questions_in_track: int) -> str:
    lines = [
        "Answer and rate a question of this skill to get a score.",
        f"Questions available in your track: {questions_in_track}.",
    ]
    if skill.self_assessment is not None:
        lines.append(
            f"Your self-assessment ({score_text(skill.self_assessment)}/100) waits for practice "
            "evidence: a rating alone does not make a skill ready."
        )
    return "\n".join(lines)


def skill_explanation(name: str, skill: SkillReadiness, questions_in_track: int) -> str:
    """Every input of one skill's readiness, in words, one per line."""
    if not skill.started:
        return f"{name}: not started.\n" + not_started_text(skill, questions_in_track)
    lines = [f"{name}: {skill.readiness:.1f} ({band(skill.readiness)})."]
    lines += [f"{what}: {words}" for what, words in skill_inputs(skill, questions_in_track)]
    factor = 0.4 + 0.6 * skill.coverage
    lines.append(
        f"Readiness = (weighted performance, self-assessment and retention) × {factor:.2f}, "
        "the coverage factor (0.4 + 0.6 × coverage)."
    )
    gap = disagreement(skill)
    if gap:
        lines.append(gap)
    return "\n".join(lines)


def overall_explanation(
    overall: OverallReadiness,
    skills: Mapping[str, SkillReadiness],
    weights: Mapping[str, float],
    names: Mapping[str, str],
    track_name: str,
) -> str:
    """How the overall score follows from the skills, in words."""
    counted = [(s, w) for s, w in weights.items() if w > 0.0]
    parts = ", ".join(
        f"{names.get(s, s)} {skills[s].readiness:.0f} ×{w:g}"
        if s in skills
        else f"{names.get(s, s)} 0 ×{w:g}"
        for s, w in counted
    )
    lines = [
        f"Overall readiness for the {track_name} track: {overall.score:.1f} ({overall.band}).",
        f"Weighted mean of skill readiness: {overall.uncapped:.1f} ({parts}).",
    ]
    if overall.capped_by is not None:
        weakest = skills[overall.capped_by].readiness if overall.capped_by in skills else 0.0
        lines.append(
            f"Capped at your weakest required skill, {names.get(overall.capped_by, '')} "
            f"({weakest:.1f}), plus {CAP_MARGIN:.0f} = {weakest + CAP_MARGIN:.1f}: one weak "
            "round can sink an interview loop."
        )
    else:
        lines.append(
            f"The cap (weakest required skill + {CAP_MARGIN:.0f}) does not lower it right now."
        )
    lines.append(
        "Bands: under 40 not ready, 40–69 getting there, 70–84 interview-ready, 85+ strong."
    )
    return "\n".join(lines)


def countdown_text(interview: date | None, today: date) -> str:
    """Days left to the interview, in words."""
    if interview is None:
        return "No interview date set."
    days = (interview - today).days
    when = short_date(interview)
    if days > 1:
        return f"{days} days to your interview ({when})."
    if days == 1:
        return f"Your interview is tomorrow ({when})."
    if days == 0:
        return "Your interview is today. Good luck!"
    return f"Your interview date ({when}) has passed. Set the next one in Settings."
