"""The skill self-assessment: "I can ..." statements per skill, and recording an assessment."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pm_prep.paths import resources_dir
from pm_prep.services.changes import Changes, writes
from pm_prep.services.workspace import Workspace
from pm_prep.storage.models import SelfAssessmentRow


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
    if skill not in ws.catalog.skills:
        raise ValueError(f"unknown skill '{skill}'")
    score = assessment_score(levels)
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
