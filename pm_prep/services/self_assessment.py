"""The skill self-assessment: "I can ..." statements per skill, and recording an assessment.

The reads here use stdlib sqlite3 (`Database.raw`): the dashboard's reminder is read on the
start-up path, before SQLAlchemy is imported.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pm_prep.paths import resources_dir
from pm_prep.services.changes import Changes, writes
from pm_prep.services.readiness import reading
from pm_prep.services.workspace import Workspace

# A skill not assessed for this long is due again: people change in two weeks of practice.
REMINDER_DAYS = 14


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    skill: str
    text: str


@dataclass(frozen=True, slots=True)
class SelfAssessmentContent:
    scale: tuple[str, ...]  # labels of levels 1..5
    statements: tuple[Statement, ...]

    def for_skill(self, skill: str) -> list[Statement]:
        return [s for s in self.statements if s.skill == skill]


def load_self_assessment(resources: Path | None = None) -> SelfAssessmentContent:
    """Statements from `resources/self_assessment.toml`."""
    import tomllib  # off the start-up path: only the Self-assessment page reads it

    path = (resources or resources_dir()) / "self_assessment.toml"
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return SelfAssessmentContent(
        scale=tuple(data["scale"]),
        statements=tuple(
            Statement(s["id"], s["skill"], s["text"].strip()) for s in data["statements"]
        ),
    )


def assessment_score(levels: Mapping[str, int]) -> float:
    """Mean level (1-5) of the answered statements mapped to 0-100, like an attempt score."""
    if not levels:
        raise ValueError("answer at least one statement")
    if any(level not in (1, 2, 3, 4, 5) for level in levels.values()):
        raise ValueError("each answer is a level from 1 to 5")
    mean = sum(levels.values()) / len(levels)
    return (mean - 1) / 4 * 100


@writes(Changes.SELF_ASSESSMENT)
def record_self_assessment(
    ws: Workspace, skill: str, levels: Mapping[str, int], *, now: datetime | None = None
) -> float:
    """Store one self-assessment of a skill; returns its 0-100 score."""
    if skill not in ws.index.skills:
        raise ValueError(f"unknown skill '{skill}'")
    score = assessment_score(levels)
    from pm_prep.storage.models import SelfAssessmentRow  # SQLAlchemy: off the start-up path

    with ws.db.transaction() as session:
        session.add(
            SelfAssessmentRow(
                skill_id=skill,
                taken_at=now or datetime.now(UTC),
                score=score,
                answers_json=json.dumps(dict(levels), sort_keys=True),
            )
        )
    return score


def _utc(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp).replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class AssessmentRecord:
    """One past self-assessment: when (UTC), its 0-100 score and the level per statement."""

    id: int
    skill: str
    taken_at: datetime
    score: float
    levels: dict[str, int] = field(default_factory=dict)


def _levels(answers_json: str) -> dict[str, int]:
    """The stored levels; anything else in the JSON (a demo marker) is ignored."""
    try:
        data = json.loads(answers_json)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(k): v
        for k, v in data.items()
        if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5
    }


def assessment_history(
    ws: Workspace, skill: str, conn: sqlite3.Connection | None = None
) -> list[AssessmentRecord]:
    """Every self-assessment of a skill, oldest first."""
    with reading(ws, conn) as conn:
        rows = conn.execute(
            "SELECT id, taken_at, score, answers_json FROM self_assessments "
            "WHERE skill_id = ? ORDER BY taken_at, id",
            (skill,),
        ).fetchall()
    return [
        AssessmentRecord(int(i), skill, _utc(taken), float(score), _levels(answers))
        for i, taken, score, answers in rows
    ]


@dataclass(frozen=True, slots=True)
class AssessmentDue:
    """A skill whose self-assessment is due: never taken (`last_taken` None) or too old."""

    skill: str
    last_taken: datetime | None

    def days_since(self, now: datetime) -> int | None:
        if self.last_taken is None:
            return None
        return max(0, (now - self.last_taken) // timedelta(days=1))


def last_assessed(ws: Workspace, conn: sqlite3.Connection | None = None) -> dict[str, datetime]:
    """When each skill was last assessed (skills never assessed are absent)."""
    with reading(ws, conn) as conn:
        rows = conn.execute(
            "SELECT skill_id, MAX(taken_at) FROM self_assessments GROUP BY skill_id"
        ).fetchall()
    return {skill: _utc(taken) for skill, taken in rows}


def assessments_due(
    ws: Workspace,
    track: str,
    now: datetime | None = None,
    conn: sqlite3.Connection | None = None,
) -> tuple[AssessmentDue, ...]:
    """The track's skills never assessed, then those not assessed for REMINDER_DAYS (oldest first).

    A skill counts for a track when it weighs in its readiness or is required.
    """
    now = now or datetime.now(UTC)
    index = ws.index
    chosen = index.tracks.get(track)
    skills = [
        s
        for s in index.skills
        if chosen is None or chosen.weights.get(s, 0.0) > 0.0 or s in chosen.required
    ]
    last = last_assessed(ws, conn)
    never = [AssessmentDue(s, None) for s in skills if s not in last]
    stale = sorted(
        (
            AssessmentDue(s, last[s])
            for s in skills
            if s in last and now - last[s] >= timedelta(days=REMINDER_DAYS)
        ),
        key=lambda d: d.last_taken or now,
    )
    return (*never, *stale)
