"""Synthetic practice history, to explore the dashboard without weeks of practice.

Each skill starts at its own level and improves at its own pace, practice comes in bursts
with gaps, and the same seed always gives the same history (relative to today).
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select

from pm_prep.domain import scheduling
from pm_prep.domain.readiness import attempt_score
from pm_prep.services.review_cards import load_card, store_card
from pm_prep.services.workspace import Workspace
from pm_prep.storage.models import (
    AttemptRow,
    CriterionScoreRow,
    SelfAssessmentRow,
)

_CHUNK = 5000


@dataclass(frozen=True, slots=True)
class _SkillCurve:
    start: float  # mean criterion level on day 0
    gain: float  # levels gained by the last day
    weight: float  # share of practice


def _curves(rng: random.Random, skills: list[str], core: set[str]) -> dict[str, _SkillCurve]:
    return {
        s: _SkillCurve(
            start=rng.uniform(1.5, 2.7),
            gain=rng.uniform(0.2, 2.0),
            weight=rng.uniform(1.0, 2.0) if s in core else rng.uniform(0.3, 0.9),
        )
        for s in skills
    }


def _active_days(rng: random.Random, days: int) -> list[int]:
    """Day offsets (0 = oldest) with practice: mostly daily, with a few multi-day gaps."""
    gaps: set[int] = set()
    for _ in range(max(1, days // 30)):
        start = rng.randrange(days)
        gaps.update(range(start, start + rng.randint(3, 9)))
    active = [d for d in range(days) if d not in gaps and rng.random() < 0.75]
    return active or [days - 1]


def fill_demo_history(ws: Workspace, *, attempts: int, days: int, seed: int) -> int:
    """Add `attempts` rated attempts over the last `days` days; returns how many were added."""
    rng = random.Random(seed)
    catalog = ws.catalog
    # Only questions that can be rated: each is rated on its own rubric (its type's).
    rateable = {
        s: sorted(q.id for q in catalog.questions_for(s) if catalog.rubric_for(q) is not None)
        for s in catalog.skills
    }
    skills = [s for s in catalog.skills if rateable[s]]
    if not skills:
        return 0
    core = {s for s in skills if catalog.skills[s].core}
    curves = _curves(rng, skills, core)
    by_skill = {s: rateable[s] for s in skills}
    day_list = _active_days(rng, days)
    started = datetime.now(UTC)
    today = started.replace(hour=0, minute=0, second=0, microsecond=0)
    origin = today - timedelta(days=days - 1)
    weights = [curves[s].weight for s in skills]
    with ws.db.session() as session:
        next_id = int(session.scalar(select(func.coalesce(func.max(AttemptRow.id), 0))) or 0) + 1

    attempt_rows: list[dict[str, object]] = []
    score_rows: list[dict[str, object]] = []
    history: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    skill_of: dict[str, str] = {}
    for index in range(attempts):
        day = day_list[min(len(day_list) - 1, int(index * len(day_list) / attempts))]
        progress = day / max(1, days - 1)
        skill = rng.choices(skills, weights)[0]
        question_id = rng.choice(by_skill[skill])
        curve = curves[skill]
        level = curve.start + curve.gain * progress
        rubric = catalog.rubric_for(catalog.questions[question_id])
        assert rubric is not None  # only rateable questions are chosen
        criteria = rubric.criteria
        levels = {c.id: min(5, max(1, round(rng.gauss(level, 0.7)))) for c in criteria}
        score = attempt_score(list(levels.values()))
        moment = origin + timedelta(days=day, seconds=rng.randint(7 * 3600, 23 * 3600))
        # History is in the past: today's synthetic practice happened before now.
        moment = min(moment, started - timedelta(minutes=1 + index % 50))
        duration = rng.randint(120, 900)
        attempt_id = next_id + index
        attempt_rows.append(
            {
                "id": attempt_id,
                "question_id": question_id,
                "skill_id": skill,
                "started_at": moment - timedelta(seconds=duration),
                "submitted_at": moment,
                "duration_s": duration,
                "time_limit_s": catalog.questions[question_id].time_limit_s,
                "hints_used": rng.choice((0, 0, 0, 1, 1, 2)),
                "answer_text": _answer_text(ws, question_id, rng),
                "word_count": 0,
                "score": score,
                "rated_at": moment,
                "self_note": "",
            }
        )
        score_rows.extend(
            {"attempt_id": attempt_id, "criterion_id": cid, "score": lv}
            for cid, lv in levels.items()
        )
        history[question_id].append((moment, score))
        skill_of[question_id] = skill
    for row in attempt_rows:
        row["word_count"] = len(str(row["answer_text"]).split())

    with ws.db.transaction() as session:
        for start in range(0, len(attempt_rows), _CHUNK):
            session.execute(insert(AttemptRow), attempt_rows[start : start + _CHUNK])
        for start in range(0, len(score_rows), _CHUNK * 4):
            session.execute(insert(CriterionScoreRow), score_rows[start : start + _CHUNK * 4])
        for question_id, reviews in history.items():
            replay = sorted(reviews)[-6:]
            existing = load_card(session, question_id)
            # Continue an existing card only when the new history comes after it.
            card = existing
            if card is None or card.last_review is None or card.last_review > replay[0][0]:
                card = None
            # Replaying the last few reviews is enough for FSRS to settle on a stability.
            for moment, score in replay:
                card = scheduling.review(card, score, moment)
            assert card is not None
            store_card(session, question_id, skill_of[question_id], card)
        for skill in skills:
            for fraction in (0.1, 0.6):
                curve = curves[skill]
                level = curve.start + curve.gain * fraction + rng.uniform(0.0, 0.8)
                session.add(
                    SelfAssessmentRow(
                        skill_id=skill,
                        taken_at=origin + timedelta(days=int(fraction * (days - 1)), hours=20),
                        score=max(0.0, min(100.0, (level - 1) / 4 * 100)),
                        answers_json=json.dumps({"demo": True}),
                    )
                )
    return attempts


def _answer_text(ws: Workspace, question_id: str, rng: random.Random) -> str:
    question = ws.catalog.questions[question_id]
    points = list(question.talking_points)
    chosen = rng.sample(points, k=rng.randint(1, len(points)))
    lines = [f"Using {question.framework.name}:"]
    lines += [f"- {tp.point}" for tp in chosen]
    return "\n".join(lines)
