"""The practice content: skills, tracks, rubrics and questions, as plain immutable values."""

from __future__ import annotations

from dataclasses import dataclass, field

# Re-exported: they live in domain/skills.py, which the dashboard's first frame imports alone.
from pm_prep.domain.skills import Skill as Skill
from pm_prep.domain.skills import Track as Track

DIFFICULTY_NAMES = {1: "Warm-up", 2: "Core", 3: "Stretch"}
RATING_LEVELS = (1, 2, 3, 4, 5)

# The kinds of interview question, each with its own rubric (resources/rubrics.toml).
QUESTION_TYPES: dict[str, str] = {
    "intro": "Introduction and motivation",
    "product_design": "Product design",
    "metrics": "Metrics",
    "diagnosis": "Metric diagnosis",
    "estimation": "Estimation",
    "experiment": "Experiment design",
    "prioritisation": "Prioritisation",
    "strategy": "Strategy",
    "behavioural": "Behavioural",
    "situational": "Situational",
    "execution": "Execution",
    "technical": "Technical",
    "research": "User research",
    "data": "Data and SQL",
    "ai": "AI product sense",
}
# Suggested answer time per type, in seconds (warm-ups at the low end, stretch at the high).
TYPE_TIME_LIMITS: dict[str, tuple[int, int]] = {
    "intro": (120, 300),
    "product_design": (1200, 2400),
    "metrics": (600, 1200),
    "diagnosis": (600, 1500),
    "estimation": (480, 1200),
    "experiment": (600, 1500),
    "prioritisation": (600, 1200),
    "strategy": (900, 1800),
    "behavioural": (240, 420),
    "situational": (240, 480),
    "execution": (600, 1200),
    "technical": (480, 1200),
    "research": (600, 1200),
    "data": (300, 900),
    "ai": (900, 1800),
}
# Every type's rubric has this criterion: structure and communication.
STRUCTURE_CRITERION = "structure"


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    name: str
    description: str
    levels: tuple[str, str, str, str, str]

    def descriptor(self, level: int) -> str:
        """The written descriptor for a level 1..5."""
        return self.levels[level - 1]


@dataclass(frozen=True, slots=True)
class Rubric:
    """Criteria to rate an answer by.

    `key` is what the rubric belongs to: a question type (resources/rubrics.toml and a bank's
    own overrides) or, for the retired per-skill rubrics of format v1, a skill id.
    """

    key: str
    name: str
    criteria: tuple[Criterion, ...]

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)


@dataclass(frozen=True, slots=True)
class TalkingPoint:
    point: str
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Framework:
    name: str
    steps: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Example:
    """A graded example answer, shown after the user has rated their own."""

    level: int  # 1..5 on the question's rubric
    text: str
    why: str  # which criteria it illustrates, at which level


@dataclass(frozen=True, slots=True)
class Clarification:
    """What the interviewer answers when a clarifying question contains one of `keywords`."""

    keywords: tuple[str, ...]
    answer: str


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    skill: str
    type: str
    prompt: str
    difficulty: int
    tracks: tuple[str, ...]
    tags: tuple[str, ...]
    time_limit_s: int
    hints: tuple[str, ...]
    framework: Framework
    talking_points: tuple[TalkingPoint, ...]
    sample_outline: str
    follow_ups: tuple[str, ...]
    examples: tuple[Example, ...] = ()
    clarifications: tuple[Clarification, ...] = ()

    @property
    def difficulty_name(self) -> str:
        return DIFFICULTY_NAMES.get(self.difficulty, str(self.difficulty))

    @property
    def type_name(self) -> str:
        return QUESTION_TYPES.get(self.type, self.type)


@dataclass(frozen=True, slots=True)
class Bank:
    """One validated bank file: its questions and the type rubrics it overrides."""

    source: str
    skill: str
    questions: tuple[Question, ...]
    rubrics: tuple[Rubric, ...] = ()  # overrides, by `key` = question type
    content_hash: str = ""
    # Questions that named no type and were given their skill's default type.
    untyped: tuple[str, ...] = ()


def humanise(identifier: str) -> str:
    """`metric_judgement` -> `Metric judgement`: a name for an id nothing else names."""
    words = identifier.replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize() if words else identifier


@dataclass(slots=True)
class Catalog:
    """Everything the app can practise: skills, tracks, rubrics and questions by id."""

    skills: dict[str, Skill] = field(default_factory=dict)
    tracks: dict[str, Track] = field(default_factory=dict)
    # The rubric of each question type (resources/rubrics.toml).
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    # The retired per-skill rubrics, by skill: they name the criteria of older attempts.
    legacy_rubrics: dict[str, Rubric] = field(default_factory=dict)
    # A bank's own rubric for its questions of a type, by question id.
    rubric_overrides: dict[str, Rubric] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)

    def rubric_for(self, question: Question) -> Rubric | None:
        """The rubric a question is rated with: the one place that decides it.

        Its bank's override for its type, else its type's rubric, else the rubric of its
        skill's default type; only when even that is missing (a damaged or partial
        rubrics.toml), the skill's retired rubric, so that rating still works.
        """
        override = self.rubric_overrides.get(question.id)
        if override is not None:
            return override
        rubric = self.rubrics.get(question.type)
        if rubric is None:
            skill = self.skills.get(question.skill)
            rubric = self.rubrics.get(skill.default_type) if skill is not None else None
        if rubric is None:
            rubric = self.legacy_rubrics.get(question.skill)
        return rubric

    def criterion(
        self, criterion_id: str, question: Question | None, *, skill: str | None = None
    ) -> Criterion:
        """Name and descriptors of a criterion a stored rating refers to, for display.

        Looks in the question's current rubric, then in the retired rubric of its skill
        (`skill` when the question is gone from the banks); an id found nowhere gets a
        name made from the id and empty descriptors.
        """
        current = self.rubric_for(question) if question is not None else None
        legacy = self.legacy_rubrics.get(skill or (question.skill if question else ""))
        for rubric in (current, legacy):
            found = rubric.criterion(criterion_id) if rubric is not None else None
            if found is not None:
                return found
        return Criterion(criterion_id, humanise(criterion_id), "", ("", "", "", "", ""))

    def questions_for(self, skill: str | None = None, track: str | None = None) -> list[Question]:
        """Questions of a skill and track (None means any), in a stable order."""
        return [
            q
            for q in self.questions.values()
            if (skill is None or q.skill == skill) and (track is None or track in q.tracks)
        ]
