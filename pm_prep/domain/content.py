"""The practice content: skills, tracks, rubrics and questions, as plain immutable values."""

from __future__ import annotations

from dataclasses import dataclass, field

DIFFICULTY_NAMES = {1: "Warm-up", 2: "Core", 3: "Stretch"}
RATING_LEVELS = (1, 2, 3, 4, 5)


@dataclass(frozen=True, slots=True)
class Skill:
    id: str
    name: str
    covers: str
    core: bool


@dataclass(frozen=True, slots=True)
class Track:
    id: str
    name: str
    weights: dict[str, float]
    required: tuple[str, ...]


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
    skill: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True, slots=True)
class TalkingPoint:
    point: str
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Framework:
    name: str
    steps: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    skill: str
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

    @property
    def difficulty_name(self) -> str:
        return DIFFICULTY_NAMES.get(self.difficulty, str(self.difficulty))


@dataclass(frozen=True, slots=True)
class Bank:
    """One validated bank file: a skill's rubric and its questions."""

    source: str
    skill: str
    rubric: Rubric
    questions: tuple[Question, ...]
    content_hash: str = ""


@dataclass(slots=True)
class Catalog:
    """Everything the app can practise: skills, tracks, rubrics and questions by id."""

    skills: dict[str, Skill] = field(default_factory=dict)
    tracks: dict[str, Track] = field(default_factory=dict)
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)

    def rubric_for(self, question: Question) -> Rubric | None:
        """The rubric a question is rated with: the one place that decides it."""
        return self.rubrics.get(question.skill)

    def questions_for(self, skill: str | None = None, track: str | None = None) -> list[Question]:
        """Questions of a skill and track (None means any), in a stable order."""
        return [
            q
            for q in self.questions.values()
            if (skill is None or q.skill == skill) and (track is None or track in q.tracks)
        ]
