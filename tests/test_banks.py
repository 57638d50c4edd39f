"""Checks on all shipped content (question bank v2): schema, counts per skill and per type,
spread, prompts, examples, clarifications, time limits, rubrics, uniqueness, and that
answer insights are honest on it both ways."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import combinations, pairwise

import pytest

from pm_prep.domain.bank_format import parse_rubrics_text
from pm_prep.domain.content import (
    QUESTION_TYPES,
    STRUCTURE_CRITERION,
    TYPE_TIME_LIMITS,
    Catalog,
    Question,
)
from pm_prep.domain.insights import analyse_answer, stem, words_of
from pm_prep.paths import resources_dir
from pm_prep.services.catalog import RUBRICS_FILE, LoadedCatalog, load_catalog
from pm_prep.services.self_assessment import load_self_assessment

CORE = ("analytical", "communication", "technical", "user_centric")
OTHER = ("product_strategy", "execution", "creativity")
NEAR_DUPLICATE = 0.4  # Jaccard similarity of normalised word-pair shingles
TYPE_MINIMUMS = {
    "intro": 10,
    "product_design": 60,
    "metrics": 25,
    "diagnosis": 14,
    "estimation": 14,
    "experiment": 12,
    "prioritisation": 20,
    "strategy": 25,
    "behavioural": 35,
    "situational": 20,
    "execution": 20,
    "technical": 35,
    "research": 12,
    "data": 8,
    "ai": 10,
}
OPEN_PROMPT_WORDS = 25  # a prompt this short leaves the scoping to the candidate
TECHNIQUES = re.compile(
    r"crazy ?8|scamper|\bkano\b|\brice\b|\bice\b|circles|jobs[- ]to[- ]be[- ]done|\bjtbd\b|"
    r"persona|\bstar\b|\bheart\b|aarrr|pirate metric|moscow|5 whys|five whys|fishbone",
    re.IGNORECASE,
)
BEHAVIOURAL_THEMES = {
    "proudest project": r"\bproud",
    "incomplete data": r"incomplete|without (?:all |enough |complete )?(?:the )?data|"
    r"missing data|partial data|limited data|imperfect data",
    "changed priorities": r"priorit(?:y|ies)\b.*\b(?:chang|shift)|(?:chang|shift)\w*\s+priorit",
    "ethical pushback": r"ethic|felt was wrong|the right thing",
    "learning fast": r"(?:learn|up to speed|ramp up)\w*.*\b(?:quick|fast)|unfamiliar",
    "juggling deadlines": r"deadlines|juggl|competing (?:priorities|projects)|several projects",
    "initiative": r"initiative|nobody (?:had )?asked|no one (?:had )?asked|without being asked",
    "weakness": r"weakness",
}
# A level descriptor must stand alone, not lean on another level.
CHAINED_DESCRIPTOR = re.compile(r"all of level|level \d,? plus|as above", re.IGNORECASE)
# Too generic to be a talking point's keyword on its own (docs/bank-format.md).
GENERIC_KEYWORDS = frozenset(
    "data test testing impact learn learned segment segments guardrail guardrails user users "
    "metric metrics feature features product team time timely goal plan improve experience "
    "value quality issue problem process people customer result change success approach "
    "strategy idea question understand important engagement growth risk feedback research "
    "design launch priority stakeholder communicate clear simple key focus measure".split()
)


@pytest.fixture(scope="module")
def loaded() -> LoadedCatalog:
    return load_catalog()


@pytest.fixture(scope="module")
def catalog(loaded: LoadedCatalog) -> Catalog:
    return loaded.catalog


def prompt_words(prompt: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", prompt))


def test_every_shipped_bank_is_valid(loaded: LoadedCatalog) -> None:
    assert loaded.problems == []
    assert {b.skill for b in loaded.banks} == set(CORE + OTHER)


def test_question_counts(catalog: Catalog) -> None:
    per_skill = Counter(q.skill for q in catalog.questions.values())
    assert sum(per_skill.values()) >= 400
    for skill in CORE:
        assert per_skill[skill] >= 45, skill
    for skill in OTHER:
        assert per_skill[skill] >= 25, skill


def test_every_built_in_question_names_its_type(loaded: LoadedCatalog) -> None:
    untyped = [qid for bank in loaded.banks for qid in bank.untyped]
    assert untyped == []


def test_question_counts_per_type(catalog: Catalog) -> None:
    per_type = Counter(q.type for q in catalog.questions.values())
    short = {t: (per_type[t], n) for t, n in TYPE_MINIMUMS.items() if per_type[t] < n}
    assert short == {}
    assert set(TYPE_MINIMUMS) == set(QUESTION_TYPES)


@pytest.mark.parametrize("skill", CORE + OTHER)
def test_difficulty_spread(catalog: Catalog, skill: str) -> None:
    questions = catalog.questions_for(skill)
    levels = Counter(q.difficulty for q in questions)
    for level in (1, 2, 3):
        assert levels[level] / len(questions) >= 0.2, (skill, level, levels)


@pytest.mark.parametrize("skill", CORE)
def test_core_track_spread(catalog: Catalog, skill: str) -> None:
    questions = catalog.questions_for(skill)
    intern = sum("intern" in q.tracks for q in questions) / len(questions)
    pm = sum("pm" in q.tracks for q in questions) / len(questions)
    assert intern >= 0.3, (skill, intern)
    assert pm >= 0.6, (skill, pm)


def test_every_question_is_complete(catalog: Catalog) -> None:
    for q in catalog.questions.values():
        assert len(q.hints) >= 2, q.id
        assert q.framework.name and len(q.framework.steps) >= 2, q.id
        assert len(q.talking_points) >= 3, q.id
        for tp in q.talking_points:
            assert tp.point and len(tp.keywords) >= 2, q.id
            assert all(k == k.lower() and k.strip() for k in tp.keywords), q.id
        assert len(q.sample_outline.strip().splitlines()) >= 3, q.id
        assert q.follow_ups, q.id
        assert q.tags, q.id


def test_time_limits_suit_the_question_type(catalog: Catalog) -> None:
    outside = {
        q.id: (q.type, q.time_limit_s)
        for q in catalog.questions.values()
        if not TYPE_TIME_LIMITS[q.type][0] <= q.time_limit_s <= TYPE_TIME_LIMITS[q.type][1]
    }
    assert outside == {}


def test_ids_are_unique_slugs(catalog: Catalog) -> None:
    ids = list(catalog.questions)
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids)


# -- prompts ------------------------------------------------------------------------------------
def test_no_prompt_names_a_technique(catalog: Catalog) -> None:
    naming = {
        q.id: found.group(0)
        for q in catalog.questions.values()
        if (found := TECHNIQUES.search(q.prompt))
    }
    assert naming == {}


def test_open_prompts_are_many_and_each_has_clarifications(catalog: Catalog) -> None:
    open_prompts = [
        q for q in catalog.questions.values() if prompt_words(q.prompt) <= OPEN_PROMPT_WORDS
    ]
    assert len(open_prompts) >= 40
    assert sum(q.type == "product_design" for q in open_prompts) >= 15
    unanswered = [q.id for q in open_prompts if len(q.clarifications) < 2]
    assert unanswered == []


def test_clarifications_have_lower_case_keywords_and_an_answer(catalog: Catalog) -> None:
    for q in catalog.questions.values():
        for c in q.clarifications:
            assert c.keywords and all(k == k.lower() and k.strip() for k in c.keywords), q.id
            assert c.answer.strip(), q.id


def test_behavioural_stories_use_star(catalog: Catalog) -> None:
    behavioural = [
        q
        for q in catalog.questions.values()
        if q.type == "behavioural"
        and re.match(r"(tell me about|describe) a time", q.prompt, re.IGNORECASE)
    ]
    assert len(behavioural) >= 20
    not_star = [q.id for q in behavioural if "STAR" not in q.framework.name]
    assert not_star == []


@pytest.mark.parametrize("theme", BEHAVIOURAL_THEMES)
def test_behavioural_themes_interviewers_always_ask_are_present(
    catalog: Catalog, theme: str
) -> None:
    pattern = re.compile(BEHAVIOURAL_THEMES[theme], re.IGNORECASE)
    prompts = [q.prompt for q in catalog.questions.values() if q.type in ("behavioural", "intro")]
    assert any(pattern.search(p) for p in prompts), theme


def test_content_reflects_the_role(catalog: Catalog) -> None:
    """The themes of the role descriptions each appear across the bank."""
    text = " ".join(f"{q.prompt} {' '.join(q.tags)}".lower() for q in catalog.questions.values())
    for theme in (
        "retention",
        "conversion",
        "engagement",
        "privacy",
        "creator",
        "live",
        "shopping",
        "moderation",
        "roadmap",
        "competi",
        "research",
        "feedback",
        "language",
        "accessib",
        "trend",
        "engineer",
        "designer",
    ):
        assert theme in text, theme


def _shingles(q: Question) -> set[tuple[str, str]]:
    words = [stem(w) for w in re.findall(r"[a-z0-9]+", q.prompt.lower())]
    return set(pairwise(words))


def test_no_near_duplicate_prompts(catalog: Catalog) -> None:
    shingles = {q.id: _shingles(q) for q in catalog.questions.values()}
    too_close = []
    for a, b in combinations(shingles, 2):
        union = shingles[a] | shingles[b]
        if union and len(shingles[a] & shingles[b]) / len(union) >= NEAR_DUPLICATE:
            too_close.append((a, b))
    assert too_close == []


# -- graded examples ----------------------------------------------------------------------------
def test_examples_are_one_weak_and_one_strong_each_with_why(catalog: Catalog) -> None:
    with_examples = [q for q in catalog.questions.values() if q.examples]
    assert len(with_examples) >= 200
    for q in with_examples:
        levels = sorted(e.level for e in q.examples)
        assert sum(lv <= 2 for lv in levels) == 1, (q.id, levels)
        assert sum(lv >= 4 for lv in levels) == 1, (q.id, levels)
        assert len(levels) <= 3 and all(lv in (1, 2, 3, 4, 5) for lv in levels), (q.id, levels)
        assert all(e.text.strip() and e.why.strip() for e in q.examples), q.id


# -- rubrics ------------------------------------------------------------------------------------
def test_rubrics_toml_has_one_valid_rubric_for_every_type() -> None:
    path = resources_dir() / RUBRICS_FILE
    rubrics, problems = parse_rubrics_text(
        path.read_text(encoding="utf-8"), RUBRICS_FILE, require_every_type=True
    )
    assert problems == []
    assert set(rubrics) == set(QUESTION_TYPES)


@pytest.mark.parametrize("question_type", QUESTION_TYPES)
def test_each_type_rubric_has_self_contained_descriptors_and_a_structure_criterion(
    catalog: Catalog, question_type: str
) -> None:
    rubric = catalog.rubrics[question_type]
    assert rubric.key == question_type
    assert 3 <= len(rubric.criteria) <= 5
    assert STRUCTURE_CRITERION in {c.id for c in rubric.criteria}
    for criterion in rubric.criteria:
        assert len(set(criterion.levels)) == 5, criterion.id
        assert all(len(level) >= 20 for level in criterion.levels), criterion.id
        chained = [lv for lv in criterion.levels if CHAINED_DESCRIPTOR.search(lv)]
        assert chained == [], (question_type, criterion.id)


def test_every_question_is_rated_with_its_own_types_rubric(catalog: Catalog) -> None:
    for q in catalog.questions.values():
        rubric = catalog.rubric_for(q)
        assert rubric is not None and rubric.key == q.type, q.id


def test_self_assessment_has_five_statements_per_skill(catalog: Catalog) -> None:
    content = load_self_assessment()
    assert len(content.scale) == 5
    per_skill = Counter(s.skill for s in content.statements)
    assert per_skill == dict.fromkeys(catalog.skills, 5)
    assert all(s.text.startswith("I can ") for s in content.statements)
    assert len({s.id for s in content.statements}) == len(content.statements)


# -- answer insights are honest on the shipped content ------------------------------------------
def test_no_talking_point_keyword_is_a_generic_word_on_its_own(catalog: Catalog) -> None:
    generic = {
        (q.id, k)
        for q in catalog.questions.values()
        for tp in q.talking_points
        for k in tp.keywords
        if k in GENERIC_KEYWORDS
    }
    assert generic == set()


# Suffix swaps that turn a word into a sibling form (retention -> retain, notify ->
# notification, churn -> churned). -ly is not swapped: a -ly word is another word to the
# matcher on purpose (timely is not time).
SIBLING_SWAPS = (
    ("ation", "ate"),
    ("ate", "ation"),
    ("ention", "ain"),
    ("ain", "ention"),
    ("ersion", "ert"),
    ("ert", "ersion"),
    ("ification", "ify"),
    ("ify", "ification"),
    ("isation", "ise"),
    ("ise", "isation"),
    ("ise", "ize"),
    ("ize", "ise"),
    ("ion", "or"),
    ("or", "ion"),
    ("ion", "ive"),
    ("ive", "ion"),
    ("ance", "ant"),
    ("ant", "ance"),
    ("ence", "ent"),
    ("ent", "ence"),
    ("ment", ""),
    ("ement", "e"),
    ("ies", "y"),
    ("y", "ies"),
    ("s", ""),
    ("", "s"),
    ("", "ed"),
    ("e", "ed"),
    ("ed", ""),
    ("ed", "e"),
    ("", "ing"),
    ("e", "ing"),
    ("ing", ""),
    ("ing", "e"),
)


def sibling_forms(word: str, vocabulary: set[str]) -> set[str]:
    """Forms of `word` made by one suffix swap that real text (`vocabulary`) uses."""
    found = set()
    for old, new in SIBLING_SWAPS:
        if word.endswith(old) and len(word) - len(old) >= 3:
            candidate = word[: len(word) - len(old)] + new
            if candidate != word and candidate in vocabulary:
                found.add(candidate)
    return found


def test_sibling_forms_are_made_by_suffix_swaps_found_in_real_text() -> None:
    vocabulary = {"retain", "retained", "notification", "churned", "retainer", "moderate"}
    assert sibling_forms("retention", vocabulary) == {"retain"}
    assert sibling_forms("notify", vocabulary) == {"notification"}
    assert sibling_forms("churn", vocabulary) == {"churned"}
    assert sibling_forms("moderation", vocabulary) == {"moderate"}
    assert sibling_forms("timely", vocabulary | {"time"}) == set()


def _vocabulary(catalog: Catalog) -> set[str]:
    """Every word the shipped content itself writes: the forms people really use."""

    def texts(q: Question) -> Iterable[str]:
        yield q.prompt
        yield q.sample_outline
        yield from q.hints
        yield from q.follow_ups
        yield from q.framework.steps
        yield from (tp.point for tp in q.talking_points)
        yield from (e.text for e in q.examples)
        yield from (c.answer for c in q.clarifications)

    return {w for q in catalog.questions.values() for t in texts(q) for w in words_of(t)}


def sibling_coverage(catalog: Catalog) -> tuple[int, int, float, list[tuple[str, str]]]:
    """Talking points with a sibling form in use, how many of them it covers, the share of
    all sibling variants that cover their point, and the points none covers."""
    vocabulary = _vocabulary(catalog)
    points = covered = variants_total = variants_covering = 0
    missed = []
    for q in catalog.questions.values():
        for index, tp in enumerate(q.talking_points):
            variants = []
            for keyword in tp.keywords:
                words = keyword.split()
                for position, word in enumerate(words):
                    for sibling in sorted(sibling_forms(word, vocabulary)):
                        variants.append(
                            " ".join([*words[:position], sibling, *words[position + 1 :]])
                        )
            if not variants:
                continue  # no keyword of this point has a sibling form in use
            points += 1
            # The answer is the sibling form alone, so nothing else can cover the point.
            hits = sum(analyse_answer(v, q).talking_points[index].covered for v in variants)
            variants_total += len(variants)
            variants_covering += hits
            if hits:
                covered += 1
            else:
                missed.append((q.id, tp.point))
    return points, covered, variants_covering / max(1, variants_total), missed


def test_a_talking_point_is_covered_by_a_sibling_form_of_its_keywords(catalog: Catalog) -> None:
    points, covered, variant_share, missed = sibling_coverage(catalog)
    assert points >= 500
    assert covered / points >= 0.95, (covered / points, variant_share, missed[:20])


# Fluent answers with no content: what a candidate says who knows the vocabulary and
# nothing about the question. They must cover almost nothing.
FLUENT_ANSWERS = (
    "I would start by understanding the users and aligning with stakeholders on the goal. "
    "Then I would look at the data to understand the problem, brainstorm a few ideas with "
    "the team and prioritise the most impactful ones based on effort and value. After that "
    "I would test and iterate quickly, gather feedback and measure success with clear "
    "metrics so we know whether it worked. Finally I would share the learnings with "
    "everyone and plan the next steps.",
    "In my last role I worked closely with cross-functional partners on an important "
    "project. There were some challenges along the way, so I made sure to communicate "
    "clearly, keep everyone aligned and focus on what mattered most for our users. I took "
    "ownership, stayed flexible when things changed, and in the end we delivered a great "
    "result that the whole team was proud of. I learned a lot about collaboration and I "
    "would apply those lessons again.",
    "First I would clarify the goal and make sure we agree on what success looks like. "
    "Then I would define a few key metrics, look at the trends over time and break the data "
    "down to find where the change is coming from. I would form some hypotheses, validate "
    "them with the data and with the team, and recommend the next step. Afterwards I would "
    "keep monitoring the numbers to make sure things move in the right direction.",
    "I think the strategy should be driven by the users and by the business. I would look "
    "at the market, understand our strengths and think about where we can win. Then I "
    "would build a roadmap with clear priorities, balance short-term wins with long-term "
    "bets and make sure leadership and the teams are aligned on it. We should move fast, "
    "learn from what we ship and keep the vision simple so that everyone understands it.",
    "I would work closely with the engineers and designers to understand the constraints "
    "and the trade-offs. We would agree on a plan, break the work into milestones and "
    "manage the risks as they come up. I would keep stakeholders updated, make quick "
    "decisions when needed and make sure quality stays high. After the launch I would look "
    "at the results, collect feedback from users, run an A/B test where it makes sense and "
    "keep improving the experience.",
)
FLUENT_MEAN_LIMIT = 0.05
FLUENT_PER_QUESTION_LIMIT = 0.40


def fluent_coverage(catalog: Catalog) -> tuple[float, dict[str, float]]:
    """Mean share of talking points the fluent answers cover, and the worst share per question."""
    shares: list[float] = []
    worst: dict[str, float] = {}
    for q in catalog.questions.values():
        for answer in FLUENT_ANSWERS:
            insights = analyse_answer(answer, q)
            share = insights.points_covered / len(q.talking_points)
            shares.append(share)
            worst[q.id] = max(worst.get(q.id, 0.0), share)
    return sum(shares) / len(shares), worst


def test_a_fluent_answer_with_no_content_covers_almost_nothing(catalog: Catalog) -> None:
    mean, worst = fluent_coverage(catalog)
    too_easy = {qid: share for qid, share in worst.items() if share >= FLUENT_PER_QUESTION_LIMIT}
    assert mean <= FLUENT_MEAN_LIMIT, mean
    assert too_easy == {}
