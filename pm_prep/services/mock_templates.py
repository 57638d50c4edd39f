"""Named mock-interview loops: a sequence of timed rounds, each a skill at a difficulty."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from pm_prep.domain.content import Catalog
from pm_prep.paths import resources_dir


@dataclass(frozen=True, slots=True)
class MockRound:
    skill: str
    difficulty: int
    minutes: int


@dataclass(frozen=True, slots=True)
class MockTemplate:
    id: str
    name: str
    track: str
    description: str
    rounds: tuple[MockRound, ...]

    @property
    def minutes(self) -> int:
        return sum(r.minutes for r in self.rounds)


def load_mock_templates(resources: Path | None = None) -> list[MockTemplate]:
    """Templates from `resources/mock_templates.toml`, in file order."""
    path = (resources or resources_dir()) / "mock_templates.toml"
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return [
        MockTemplate(
            id=t["id"],
            name=t["name"],
            track=t["track"],
            description=t.get("description", "").strip(),
            rounds=tuple(
                MockRound(r["skill"], int(r["difficulty"]), int(r["minutes"])) for r in t["rounds"]
            ),
        )
        for t in data["templates"]
    ]


def template_problems(template: MockTemplate, catalog: Catalog) -> list[str]:
    """Why a template cannot be run with this catalog (empty when it can)."""
    problems = []
    if template.track not in catalog.tracks:
        problems.append(f"{template.id}: unknown track '{template.track}'")
    for index, r in enumerate(template.rounds, start=1):
        if r.skill not in catalog.skills:
            problems.append(f"{template.id} round {index}: unknown skill '{r.skill}'")
            continue
        available = [
            q
            for q in catalog.questions_for(r.skill, template.track)
            if q.difficulty == r.difficulty
        ]
        if not available:
            problems.append(
                f"{template.id} round {index}: no {r.skill} question of difficulty "
                f"{r.difficulty} in the {template.track} track"
            )
        if r.minutes <= 0:
            problems.append(f"{template.id} round {index}: minutes must be positive")
    return problems
