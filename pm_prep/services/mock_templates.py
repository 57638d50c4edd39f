"""Named mock-interview loops (`resources/mock_templates.toml`, format version 2).

A template is a real interview loop: an ordered list of timed rounds. Each round draws one
question that matches its filter (question type and/or skill, allowed difficulties, optional
tags) in the template's track; a loop never asks the same question twice. A round may also
show one of the question's follow-ups after the first answer, answered within the same round.
The format and the shipped loops are described in docs/mock-templates.md.
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pm_prep.domain import content
from pm_prep.domain.content import Catalog, Question
from pm_prep.paths import resources_dir

FORMAT_VERSION = 2
DIFFICULTIES = (1, 2, 3)
# The question types of DESIGN.md section 3; the domain's own list wins once it has one.
QUESTION_TYPES: tuple[str, ...] = tuple(
    getattr(
        content,
        "QUESTION_TYPES",
        (
            "intro",
            "product_design",
            "metrics",
            "diagnosis",
            "estimation",
            "experiment",
            "prioritisation",
            "strategy",
            "behavioural",
            "situational",
            "execution",
            "technical",
            "research",
            "data",
            "ai",
        ),
    )
)


class MockTemplateError(ValueError):
    """The templates file is malformed; `problems` lists every problem found."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True, slots=True)
class MockRound:
    """One timed round: which questions it may draw, for how long, and whether it follows up."""

    title: str
    minutes: int
    type: str | None = None
    skill: str | None = None
    difficulties: tuple[int, ...] = DIFFICULTIES
    tags: tuple[str, ...] = ()
    follow_up: bool = False

    @property
    def seconds(self) -> int:
        return self.minutes * 60

    def filter_key(self) -> tuple[object, ...]:
        """What the round draws from; rounds with equal keys compete for the same questions."""
        return (self.type, self.skill, tuple(sorted(self.difficulties)), tuple(sorted(self.tags)))

    def describe(self) -> str:
        """The filter in words, e.g. 'intro question tagged opener of difficulty 1 or 2'."""
        kind = " ".join(part for part in (self.skill, (self.type or "").replace("_", " ")) if part)
        text = f"{kind} question"
        if self.tags:
            text += " tagged " + " or ".join(self.tags)
        return text + " of difficulty " + " or ".join(str(d) for d in self.difficulties)


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

    def round_label(self, index: int) -> str:
        """'Round 2 of 4 · Product sense' for the round at `index` (0-based)."""
        return f"Round {index + 1} of {len(self.rounds)} · {self.rounds[index].title}"


def load_mock_templates(resources: Path | None = None) -> list[MockTemplate]:
    """Templates from `resources/mock_templates.toml`, in file order.

    Raises MockTemplateError listing every problem when the file is malformed.
    """
    path = (resources or resources_dir()) / "mock_templates.toml"
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return parse_mock_templates(data)


def parse_mock_templates(data: dict[str, Any]) -> list[MockTemplate]:
    """Templates from the parsed TOML document (see `load_mock_templates`)."""
    problems: list[str] = []
    if data.get("version") != FORMAT_VERSION:
        problems.append(f"version must be {FORMAT_VERSION}, is {data.get('version')!r}")
    templates: list[MockTemplate] = []
    seen: set[str] = set()
    for number, raw in enumerate(data.get("templates", []), start=1):
        where = f"template {raw.get('id') or number}"
        for key in ("id", "name", "track", "description"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                problems.append(f"{where}: '{key}' must be non-empty text")
        if raw.get("id") in seen:
            problems.append(f"{where}: id is used twice")
        seen.add(raw.get("id"))
        rounds = []
        raw_rounds = raw.get("rounds", [])
        if not raw_rounds:
            problems.append(f"{where}: has no rounds")
        for index, r in enumerate(raw_rounds, start=1):
            parsed = _parse_round(r, f"{where} round {index}", problems)
            if parsed is not None:
                rounds.append(parsed)
        templates.append(
            MockTemplate(
                id=str(raw.get("id", "")),
                name=str(raw.get("name", "")),
                track=str(raw.get("track", "")),
                description=" ".join(str(raw.get("description", "")).split()),
                rounds=tuple(rounds),
            )
        )
    if not templates:
        problems.append("no [[templates]]")
    if problems:
        raise MockTemplateError(problems)
    return templates


def _parse_round(raw: dict[str, Any], where: str, problems: list[str]) -> MockRound | None:
    before = len(problems)
    known = {"title", "type", "skill", "difficulty", "tags", "minutes", "follow_up"}
    for key in sorted(set(raw) - known):
        problems.append(f"{where}: unknown field '{key}'")
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(f"{where}: 'title' must be non-empty text")
    kind, skill = raw.get("type"), raw.get("skill")
    if kind is None and skill is None:
        problems.append(f"{where}: needs a 'type' or a 'skill' (or both)")
    for key, value in (("type", kind), ("skill", skill)):
        if value is not None and (not isinstance(value, str) or not value.strip()):
            problems.append(f"{where}: '{key}' must be non-empty text")
    difficulty = raw.get("difficulty", list(DIFFICULTIES))
    if isinstance(difficulty, int) and not isinstance(difficulty, bool):
        difficulty = [difficulty]
    if (
        not isinstance(difficulty, list)
        or not difficulty
        or not all(isinstance(d, int) and d in DIFFICULTIES for d in difficulty)
    ):
        problems.append(f"{where}: 'difficulty' must be a list of 1, 2 or 3")
        difficulty = []
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        problems.append(f"{where}: 'tags' must be a list of text")
        tags = []
    minutes = raw.get("minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        problems.append(f"{where}: 'minutes' must be a positive whole number")
    follow_up = raw.get("follow_up", False)
    if not isinstance(follow_up, bool):
        problems.append(f"{where}: 'follow_up' must be true or false")
    if len(problems) > before or not isinstance(title, str) or not isinstance(minutes, int):
        return None
    return MockRound(
        title=title.strip(),
        minutes=minutes,
        type=kind,
        skill=skill,
        difficulties=tuple(dict.fromkeys(difficulty)),
        tags=tuple(tags),
        follow_up=follow_up,
    )


def question_type(question: Question) -> str | None:
    """The question's type, or None for a question model that does not carry one yet."""
    return getattr(question, "type", None)


def round_matches(round_: MockRound, question: Question, track: str) -> bool:
    """Whether the round may draw this question in this track."""
    return (
        track in question.tracks
        and (round_.type is None or question_type(question) == round_.type)
        and (round_.skill is None or question.skill == round_.skill)
        and question.difficulty in round_.difficulties
        and (not round_.tags or not set(round_.tags).isdisjoint(question.tags))
    )


def round_candidates(round_: MockRound, catalog: Catalog, track: str) -> list[Question]:
    """Every question the round may draw, in catalog order."""
    return [q for q in catalog.questions.values() if round_matches(round_, q, track)]


def fits_round(round_: MockRound, question: Question) -> bool:
    """The question's own time limit fits the round and uses at least half of it."""
    return round_.seconds / 2 <= question.time_limit_s <= round_.seconds


def template_problems(template: MockTemplate, catalog: Catalog) -> list[str]:
    """Every reason the template cannot run as intended with this catalog (empty when it can)."""
    problems = []
    if template.track not in catalog.tracks:
        problems.append(f"{template.id}: unknown track '{template.track}'")
    candidates: list[list[Question]] = []
    for index, r in enumerate(template.rounds, start=1):
        where = f"{template.id} round {index} ({r.title})"
        found: list[Question] = []
        candidates.append(found)
        if r.type is None and r.skill is None:
            problems.append(f"{where}: names neither a question type nor a skill")
            continue
        if r.type is not None and r.type not in QUESTION_TYPES:
            problems.append(f"{where}: unknown question type '{r.type}'")
            continue
        if r.skill is not None and r.skill not in catalog.skills:
            problems.append(f"{where}: unknown skill '{r.skill}'")
            continue
        if r.minutes <= 0:
            problems.append(f"{where}: minutes must be positive")
            continue
        found.extend(round_candidates(r, catalog, template.track))
        if not found:
            problems.append(f"{where}: no {r.describe()} in the {template.track} track")
            continue
        longest = max(found, key=lambda q: q.time_limit_s)
        if longest.time_limit_s > r.seconds:
            problems.append(
                f"{where}: {r.minutes} minutes is shorter than the time limit of "
                f"{longest.id} ({_minutes(longest.time_limit_s)})"
            )
        short = [q.id for q in found if q.time_limit_s < r.seconds / 2]
        if short:
            problems.append(
                f"{where}: {len(short)} candidate(s) take less than half of its "
                f"{r.minutes} minutes: {', '.join(short)}"
            )
        if r.follow_up:
            bare = [q.id for q in found if not q.follow_ups]
            if bare:
                problems.append(
                    f"{where}: asks a follow-up, but these have none: {', '.join(bare)}"
                )
    problems.extend(_repeat_problems(template, candidates))
    return problems


def _repeat_problems(template: MockTemplate, candidates: list[list[Question]]) -> list[str]:
    """A loop never repeats a question: each round needs a question of its own."""
    problems = []
    groups: dict[tuple[object, ...], list[int]] = {}
    for index, r in enumerate(template.rounds):
        groups.setdefault(r.filter_key(), []).append(index)
    for indexes in groups.values():
        pool = candidates[indexes[0]]
        if len(indexes) > 1 and pool and len(pool) < len(indexes):
            numbers = ", ".join(str(i + 1) for i in indexes)
            problems.append(
                f"{template.id} rounds {numbers} share one filter but have only "
                f"{len(pool)} distinct question(s) between them"
            )
    if not problems and all(candidates) and _assign(candidates) is None:
        problems.append(f"{template.id}: its rounds cannot all draw different questions")
    return problems


def draw_loop(
    template: MockTemplate,
    catalog: Catalog,
    rng: random.Random | None = None,
    *,
    avoid: Iterable[str] = (),
) -> list[Question] | None:
    """One question per round, never the same twice, picked at random among the candidates.

    Questions whose ids are in `avoid` (say, recently practised) are drawn only when a round
    has nothing else. Returns None when the rounds cannot all be filled.
    """
    rng = rng or random.Random()
    avoided = set(avoid)
    pools = []
    for r in template.rounds:
        pool = round_candidates(r, catalog, template.track)
        rng.shuffle(pool)
        pool.sort(key=lambda q: q.id in avoided)  # stable: fresh questions first, shuffled
        pools.append(pool)
    if not all(pools):
        return None
    return _assign(pools)


def _assign(pools: list[list[Question]]) -> list[Question] | None:
    """A distinct question for every round (maximum bipartite matching), or None."""
    owner: dict[str, int] = {}  # question id -> round index holding it

    def place(index: int, tried: set[str]) -> bool:
        for q in pools[index]:
            if q.id in tried:
                continue
            tried.add(q.id)
            if q.id not in owner or place(owner[q.id], tried):
                owner[q.id] = index
                return True
        return False

    for index in range(len(pools)):
        if not place(index, set()):
            return None
    chosen: list[Question | None] = [None] * len(pools)
    by_id = {q.id: q for pool in pools for q in pool}
    for qid, index in owner.items():
        chosen[index] = by_id[qid]
    return [q for q in chosen if q is not None]


def _minutes(seconds: int) -> str:
    return f"{seconds / 60:g} min"
