"""Objective, offline evidence about an answer: length, coverage, structure, numbers, hedging.

Deterministic and offline (no models). It is shown next to the user's own rating, never
instead of it: self-ratings are poorly calibrated, so the app puts evidence beside them.

Talking points are matched on word stems: the Snowball English (Porter 2) stemmer, plus a
small derivational step of our own (`stem`) so that the forms a candidate naturally uses
meet: retain/retention, convert/conversion, notify/notification, prioritise/prioritize.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pm_prep.domain.content import Clarification, Question

SPEAKING_WORDS_PER_MINUTE = 140
# Words of a multi-word keyword may be this far apart in the answer, each from the one before
# ("retention of new users" still says "user retention" only in order; "churn, in week one,
# of new users" says "churn ... users").
PHRASE_WINDOW = 3
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w.])[$€£¥]?\d[\d,.]*\s?(?:%|percent|k|m|bn|x)?(?![\w])", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)]|[a-z][.)])\s+\S", re.IGNORECASE)
_HEADING = re.compile(r"^\s*(?:#{1,6}\s+\S|\*\*[^*]+\*\*\s*:?\s*$|[A-Z][\w /&-]{1,40}:\s*$)")
_SEQUENCE_WORDS = ("first", "second", "third", "then", "next", "finally", "lastly")
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


# -- stems ------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _snowball() -> Any:
    """The Snowball English stemmer, loaded on first use: importing the package loads every
    language it has (~30 ms), which the app's start-up need not pay."""
    import snowballstemmer  # type: ignore[import-untyped]

    return snowballstemmer.stemmer("english")


# Before Snowball: American and British spellings are made one (prioritize = prioritise,
# analyze = analyse, behaviour = behavior).
_SPELLINGS = (
    (re.compile(r"(?<=\w{3})iz(e|es|ed|ing|er|ers|ation|ations)$"), r"is\1"),
    (re.compile(r"(?<=\w{3})yz(e|es|ed|ing|er|ers)$"), r"ys\1"),
    (re.compile(r"(?<=\w{2})our(s|ed|ing|al|ally|ite|ites|able)?$"), r"or\1"),
)
# Before Snowball: noun endings Snowball leaves apart from their verb, rewritten to the verb.
# Each rule is a suffix, never a word list, and is tested in tests/unit/domain/test_insights.py.
_DERIVATIONS = (
    (re.compile(r"(?<=\w{2})tentions?$"), "tain"),  # retention -> retain, detention -> detain
    (re.compile(r"(?<=\w{2})versions?$"), "vert"),  # conversion -> convert (version stays)
    (re.compile(r"(?<=\w)ductions?$"), "duce"),  # reduction -> reduce, introduction
    (re.compile(r"(?<=\w)scriptions?$"), "scribe"),  # subscription -> subscribe
    (re.compile(r"(?<=\w{2})umptions?$"), "ume"),  # assumption -> assume, consumption
    (re.compile(r"(?<=\w{3})atory$"), "ate"),  # regulatory -> regulate, mandatory
)
# The plural of an abbreviation (KPIs, GPUs as written; dms, sdks in any case), which
# Snowball leaves alone.
_ABBREVIATION_PLURAL = re.compile(r"^[A-Z0-9]{2,5}s$")
_NO_VOWEL_PLURAL = re.compile(r"^[b-df-hj-np-tv-xz0-9]{2,5}s$")
_ITION = re.compile(r"it(?:ion|ions|ive|ives|or|ors)$")
_ITY = re.compile(r"it(?:y|ies)$")
_VOWELS = frozenset("aeiouy")
# Roots shorter than this are too ambiguous to strip further (position is not pose,
# sensitive is not sense, quality is not qual-anything).
_MIN_ROOT = 5


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem used to match words: Snowball English, plus a small derivational step.

    On top of Snowball (which already joins moderate/moderation/moderator and
    regulate/regulation/regulator):
    - American and British spellings are made one first (prioritize = prioritise =
      prioritisation, analyze = analyse, behavior = behaviour);
    - -tention, -version, -duction, -scription, -umption and -atory nouns and adjectives
      are rewritten to their verb (retention = retain, conversion = convert, reduction =
      reduce, subscription = subscribe, assumption = assume, regulatory = regulate);
    - the -ifi Snowball leaves on verbs is trimmed (notify = notified = notification);
    - -ition, -itive and -itor words and -ity nouns lose the ending when a root of five or
      more letters is left (competition = competitive = competitor = compete, security =
      secure, diversity = diverse);
    - a stem Snowball left ending in -enc or -anc loses it (experienced = experience,
      compliance = comply, variance = vary);
    - -ment is kept where Snowball would leave a stem ending in a vowel (experiment is
      not experience);
    - -ly words keep their ending unless they are -ally adverbs (timely is not time,
      likely is not like; globally = global);
    - the plural of an abbreviation loses its s (KPIs = KPI, DMs = dms = DM).
    """
    if _ABBREVIATION_PLURAL.match(word):
        return word[:-1].lower()
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if _NO_VOWEL_PLURAL.match(word):
        return word[:-1]
    rewritten = word
    for pattern, replacement in _SPELLINGS:
        rewritten = pattern.sub(replacement, rewritten)
    for pattern, replacement in _DERIVATIONS:
        rewritten, count = pattern.subn(replacement, rewritten)
        if count:
            break
    result = str(_snowball().stemWord(rewritten))
    if result.endswith("ifi"):
        result = result[:-1]
    if _ITION.search(rewritten):
        for ending in ("itor", "it"):
            if result.endswith(ending) and len(result) - len(ending) >= _MIN_ROOT:
                result = result[: -len(ending)]
                break
    elif _ITY.search(rewritten) and result.endswith("iti") and len(result) - 3 >= _MIN_ROOT:
        result = result[:-3]
    if result.endswith(("enc", "anc")) and len(result) - 3 >= 4:
        result = result[:-3]
    if result[-1:] in _VOWELS and rewritten.startswith(result + "ment"):
        result += "ment"
    if word.endswith("ly") and not word.endswith("ally") and not result.endswith("li"):
        result += "ly"
    return result


def words_of(text: str) -> list[str]:
    """The words of a text, lower case, in order."""
    return [w.lower() for w in _WORD.findall(text)]


# -- numbers ----------------------------------------------------------------------------------
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million millions billion billions "
    "half halves dozen dozens".split()
)
# Words that continue a number written in words: "two hundred and fifty", "ten per cent".
_NUMBER_JOINERS = frozenset(("and", "point", "percent", "per", "cent", "a"))
# "one" as a pronoun is not a number: "no one", "the one that", "one of them".
_PRONOUN_ONE_BEFORE = frozenset(("no", "any", "every", "some", "each", "the", "this", "that"))
_PRONOUN_ONE_AFTER = frozenset(("of", "another", "another's"))


def _number_word_count(words: Sequence[str]) -> int:
    """Numbers written in words; a run such as `twenty five percent` counts once."""
    count = 0
    in_number = False
    for index, word in enumerate(words):
        if word[:1].isdigit():
            in_number = True  # counted as a figure: "5 million" is one number
            continue
        parts = word.split("-")  # twenty-five
        if all(p in _NUMBER_WORDS for p in parts):
            pronoun = word == "one" and (
                (index > 0 and words[index - 1] in _PRONOUN_ONE_BEFORE)
                or (index + 1 < len(words) and words[index + 1] in _PRONOUN_ONE_AFTER)
            )
            if pronoun:
                in_number = False
                continue
            if not in_number:
                count += 1
            in_number = True
        elif not (in_number and word in _NUMBER_JOINERS):
            in_number = False
    return count


# -- STAR -------------------------------------------------------------------------------------
STAR_SECTIONS = ("situation", "task", "action", "result")
# A section is marked by a heading ("Situation:", "**Task**", "## Action", "- Result -") ...
_STAR_HEADINGS = {
    "situation": "situation|context",
    "task": "task|goal",
    "action": "actions?",
    "result": "results?|outcome",
}
# ... or by a lead-in that opens a sentence ("The situation was", "My task was", "What I
# did", "As a result").
_STAR_LEAD_INS = {
    "situation": r"the (?:situation|context|background) (?:was|is)|at the time\b",
    "task": r"(?:my|our|the) (?:task|goal|job|challenge|brief) (?:was|is)|i was (?:asked|tasked)",
    "action": r"what i did|the actions? i took|my first step|(?:so |then )?i decided",
    "result": r"(?:the )?(?:result|outcome|impact) (?:was|is)|as a result|in the end",
}


@lru_cache(maxsize=1)
def _star_patterns() -> dict[str, re.Pattern[str]]:
    """Compiled on first use (a few ms), not when the app imports this module."""
    return {
        section: re.compile(
            rf"^\s*(?:#{{1,6}}\s*|\*\*|[-*•]\s*)?(?:{_STAR_HEADINGS[section]})\b\s*(?:\*\*)?\s*"
            rf"(?:[:\-–—]|\*\*|$)|(?:^|[.!?]\s+)\s*(?:{_STAR_LEAD_INS[section]})",
            re.IGNORECASE | re.MULTILINE,
        )
        for section in STAR_SECTIONS
    }


def star_sections(answer: str) -> tuple[str, ...]:
    """The STAR sections (situation, task, action, result) an answer marks as such."""
    patterns = _star_patterns()
    return tuple(section for section in STAR_SECTIONS if patterns[section].search(answer))


# -- the result -------------------------------------------------------------------------------
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
    # The question's framework named, or, for a STAR framework, its sections followed.
    framework_named: bool
    framework_steps_followed: int
    framework_steps_total: int
    numbers: int  # figures and numbers in words
    metric_terms: tuple[str, ...]
    hedges: tuple[tuple[str, int], ...]
    fillers: tuple[tuple[str, int], ...]
    star_sections: tuple[str, ...] = ()

    @property
    def points_covered(self) -> int:
        return sum(1 for tp in self.talking_points if tp.covered)

    @property
    def hedge_count(self) -> int:
        return sum(n for _, n in self.hedges) + sum(n for _, n in self.fillers)

    @property
    def star_followed(self) -> bool:
        """At least three of the four STAR sections are marked (the task is often merged)."""
        return len(self.star_sections) >= 3


class _Index:
    """Stems of an answer, for whole-word, stem and near-phrase matching."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self.stems = [stem(w) for w in tokens]  # as written: KPIs is the plural of KPI
        self.stem_set = set(self.stems)
        self.positions: dict[str, list[int]] = {}
        for position, s in enumerate(self.stems):
            self.positions.setdefault(s, []).append(position)

    def contains(self, phrase: str) -> bool:
        """Whether the answer says `phrase`: the same stems, whole words, in order, close."""
        phrase_stems = [stem(w) for w in words_of(phrase)]
        if not phrase_stems:
            return False
        if len(phrase_stems) == 1:
            return phrase_stems[0] in self.stem_set
        for start in self.positions.get(phrase_stems[0], []):
            position = start
            for wanted in phrase_stems[1:]:
                nxt = next(
                    (
                        p
                        for p in self.positions.get(wanted, [])
                        if position < p <= position + PHRASE_WINDOW
                    ),
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
    tokens = _WORD.findall(answer)
    words = [w.lower() for w in tokens]
    index = _Index(tokens)
    lower = answer.lower()
    coverage = []
    for tp in question.talking_points:
        matched = tuple(k for k in tp.keywords if index.contains(k))
        coverage.append(TalkingPointCoverage(tp.point, bool(matched), matched))
    lines = answer.splitlines()
    framework = question.framework
    star = star_sections(answer)
    framework_named = any(index.contains(name) for name in _framework_names(framework.name))
    if "STAR" in framework.name and len(star) >= 3:
        framework_named = True  # following its sections names it as clearly as saying it
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
        numbers=len(_NUMBER.findall(answer)) + _number_word_count(words),
        metric_terms=tuple(m for m in METRIC_WORDS if index.contains(m)),
        hedges=_phrase_counts(lower, HEDGES),
        fillers=_phrase_counts(lower, FILLERS),
        star_sections=star,
    )


def _framework_names(name: str) -> list[str]:
    """What saying a framework's name looks like: `Goals-Signals-Metrics (HEART)` is said
    as either; `STAR (Situation, Task, Action, Result)` as STAR, its steps counted apart."""
    names = [inner for inner in re.findall(r"\(([^)]*)\)", name) if "," not in inner]
    names += re.split(r"/| or ", re.sub(r"\([^)]*\)", " ", name))
    return [n.strip() for n in names if n.strip()]


def clarification_for(asked: str, question: Question) -> Clarification | None:
    """What the interviewer answers to a clarifying question: the question's clarification
    with the most keywords in `asked` (matched as talking points are; the first on a tie),
    or None when no keyword matches."""
    index = _Index(_WORD.findall(asked))
    best: Clarification | None = None
    best_hits = 0
    for clarification in question.clarifications:
        hits = sum(1 for k in clarification.keywords if index.contains(k))
        if hits > best_hits:
            best, best_hits = clarification, hits
    return best


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
