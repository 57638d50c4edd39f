"""Objective, offline evidence about an answer: length, coverage, structure, numbers, hedging.

Deterministic and dependency-free. It is shown next to the user's own rating, never
instead of it: self-ratings are poorly calibrated, so the app puts evidence beside them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pm_prep.domain.content import Question

SPEAKING_WORDS_PER_MINUTE = 140
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w.])[$€£¥]?\d[\d,.]*\s?(?:%|percent|k|m|bn|x)?(?![\w])", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)]|[a-z][.)])\s+\S", re.IGNORECASE)
_HEADING = re.compile(r"^\s*(?:#{1,6}\s+\S|\*\*[^*]+\*\*\s*:?\s*$|[A-Z][\w /&-]{1,40}:\s*$)")
_SEQUENCE_WORDS = ("first", "second", "third", "then", "next", "finally", "lastly")
_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ness",
    "ities",
    "ity",
    "ised",
    "ized",
    "ise",
    "ize",
    "ers",
    "er",
    "ed",
    "ly",
)
METRIC_WORDS = (
    "dau",
    "mau",
    "wau",
    "retention",
    "churn",
    "conversion",
    "engagement",
    "ctr",
    "click-through",
    "watch time",
    "completion rate",
    "arpu",
    "ltv",
    "cac",
    "nps",
    "csat",
    "funnel",
    "cohort",
    "north star",
    "guardrail",
    "p-value",
    "confidence interval",
    "sample size",
    "statistical significance",
    "revenue",
    "gmv",
    "session",
    "stickiness",
    "latency",
    "crash rate",
    "okr",
    "kpi",
)
HEDGES = (
    "i think",
    "i guess",
    "i feel like",
    "maybe",
    "perhaps",
    "probably",
    "kind of",
    "sort of",
    "i'm not sure",
    "i am not sure",
    "might be",
    "hopefully",
)
FILLERS = ("um", "uh", "erm", "basically", "actually", "literally", "you know", "like i said")


def stem(word: str) -> str:
    """A crude, predictable stem, so that `segments` and `segmentation` meet at `segment`."""
    word = word.lower().replace("’", "'")
    if len(word) > 4:
        if word.endswith("ies"):
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith(("ss", "is", "us")):
            word = word[:-1]
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                changed = True
                break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def words_of(text: str) -> list[str]:
    """The words of a text, lower case, in order."""
    return [w.lower() for w in _WORD.findall(text)]


@dataclass(frozen=True, slots=True)
class TalkingPointCoverage:
    point: str
    covered: bool
    matched: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Insights:
    word_count: int
    speaking_seconds: int
    talking_points: tuple[TalkingPointCoverage, ...]
    list_items: int
    headings: int
    sequence_words: int
    framework_named: bool
    framework_steps_followed: int
    framework_steps_total: int
    numbers: int
    metric_terms: tuple[str, ...]
    hedges: tuple[tuple[str, int], ...]
    fillers: tuple[tuple[str, int], ...]

    @property
    def points_covered(self) -> int:
        return sum(1 for tp in self.talking_points if tp.covered)

    @property
    def hedge_count(self) -> int:
        return sum(n for _, n in self.hedges) + sum(n for _, n in self.fillers)


class _Index:
    """Stems of an answer, for whole-word, stem and near-phrase matching."""

    def __init__(self, words: Sequence[str]) -> None:
        self.stems = [stem(w) for w in words]
        self.stem_set = set(self.stems)
        self.positions: dict[str, list[int]] = {}
        for position, s in enumerate(self.stems):
            self.positions.setdefault(s, []).append(position)

    def contains(self, phrase: str) -> bool:
        phrase_stems = [stem(w) for w in words_of(phrase)]
        if not phrase_stems:
            return False
        if len(phrase_stems) == 1:
            return phrase_stems[0] in self.stem_set
        # Every word in order, each within three words of the one before.
        for start in self.positions.get(phrase_stems[0], []):
            position = start
            for wanted in phrase_stems[1:]:
                nxt = next(
                    (p for p in self.positions.get(wanted, []) if position < p <= position + 3),
                    None,
                )
                if nxt is None:
                    break
                position = nxt
            else:
                return True
        return False


def _phrase_counts(text_lower: str, phrases: Sequence[str]) -> tuple[tuple[str, int], ...]:
    found = []
    for phrase in phrases:
        count = len(re.findall(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", text_lower))
        if count:
            found.append((phrase, count))
    return tuple(found)


def analyse_answer(answer: str, question: Question) -> Insights:
    """Evidence about `answer` measured against `question`'s talking points and framework."""
    words = words_of(answer)
    index = _Index(words)
    lower = answer.lower()
    coverage = []
    for tp in question.talking_points:
        matched = tuple(k for k in tp.keywords if index.contains(k))
        coverage.append(TalkingPointCoverage(tp.point, bool(matched), matched))
    lines = answer.splitlines()
    framework = question.framework
    framework_named = bool(framework.name) and any(
        index.contains(part) for part in re.split(r"[/(),]| or ", framework.name) if part.strip()
    )
    followed = sum(1 for step in framework.steps if _step_present(step, index))
    return Insights(
        word_count=len(words),
        speaking_seconds=round(len(words) / SPEAKING_WORDS_PER_MINUTE * 60),
        talking_points=tuple(coverage),
        list_items=sum(1 for line in lines if _LIST_ITEM.match(line)),
        headings=sum(1 for line in lines if _HEADING.match(line)),
        sequence_words=sum(1 for w in words if w in _SEQUENCE_WORDS),
        framework_named=framework_named,
        framework_steps_followed=followed,
        framework_steps_total=len(framework.steps),
        numbers=len(_NUMBER.findall(answer)),
        metric_terms=tuple(m for m in METRIC_WORDS if index.contains(m)),
        hedges=_phrase_counts(lower, HEDGES),
        fillers=_phrase_counts(lower, FILLERS),
    )


_STOP = frozenset(
    "a an and the of to for in on with by or your you their its is are be it what how why "
    "who when which that this those these from into as at".split()
)


def _step_present(step: str, index: _Index) -> bool:
    """A framework step counts as followed when most of its content words appear."""
    content = [w for w in words_of(step) if w not in _STOP and len(w) > 2]
    if not content:
        return False
    hits = sum(1 for w in content if stem(w) in index.stem_set)
    return hits * 2 >= len(content)


def format_duration(seconds: int) -> str:
    """`1:05` style minutes and seconds."""
    minutes, secs = divmod(max(0, int(seconds)), 60)
    return f"{minutes}:{secs:02d}"
