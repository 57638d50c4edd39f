"""Checks on all shipped content: schema, counts, spread, uniqueness, templates."""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations, pairwise

import pytest

from pm_prep.domain.content import Catalog, Question
from pm_prep.domain.insights import stem
from pm_prep.services.catalog import LoadedCatalog, load_catalog
from pm_prep.services.mock_templates import load_mock_templates, template_problems
from pm_prep.services.self_assessment import load_self_assessment

CORE = ("analytical", "communication", "technical", "user_centric")
OTHER = ("product_strategy", "execution", "creativity")
NEAR_DUPLICATE = 0.4  # Jaccard similarity of normalised word-pair shingles


@pytest.fixture(scope="module")
def loaded() -> LoadedCatalog:
    return load_catalog()


@pytest.fixture(scope="module")
def catalog(loaded: LoadedCatalog) -> Catalog:
    return loaded.catalog


def test_every_shipped_bank_is_valid(loaded: LoadedCatalog) -> None:
    assert loaded.problems == []
    assert {b.skill for b in loaded.banks} == set(CORE + OTHER)


def test_question_counts(catalog: Catalog) -> None:
    per_skill = Counter(q.skill for q in catalog.questions.values())
    assert sum(per_skill.values()) >= 250
    for skill in CORE:
        assert per_skill[skill] >= 45, skill
    for skill in OTHER:
        assert per_skill[skill] >= 25, skill


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
        assert 60 <= q.time_limit_s <= 3600, q.id


def test_ids_are_unique_slugs(catalog: Catalog) -> None:
    ids = list(catalog.questions)
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids)


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


def test_behavioural_communication_questions_use_star(catalog: Catalog) -> None:
    behavioural = [
        q
        for q in catalog.questions_for("communication")
        if re.match(r"(tell me about|describe) a time", q.prompt, re.IGNORECASE)
    ]
    assert len(behavioural) >= 10
    for q in behavioural:
        assert "STAR" in q.framework.name, q.id


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


@pytest.mark.parametrize("skill", CORE + OTHER)
def test_rubric_has_descriptor_for_every_level(catalog: Catalog, skill: str) -> None:
    rubric = catalog.rubrics[skill]
    assert 3 <= len(rubric.criteria) <= 5
    for criterion in rubric.criteria:
        assert len(criterion.levels) == 5
        assert len(set(criterion.levels)) == 5
        assert all(len(level) >= 20 for level in criterion.levels), criterion.id


def test_self_assessment_has_five_statements_per_skill(catalog: Catalog) -> None:
    content = load_self_assessment()
    assert len(content.scale) == 5
    per_skill = Counter(s.skill for s in content.statements)
    assert per_skill == dict.fromkeys(catalog.skills, 5)
    assert all(s.text.startswith("I can ") for s in content.statements)
    assert len({s.id for s in content.statements}) == len(content.statements)


def test_mock_templates_refer_to_real_skills_and_can_be_filled(catalog: Catalog) -> None:
    templates = load_mock_templates()
    assert len(templates) >= 4
    ids = {t.id for t in templates}
    assert {"intern-screen", "pm-product-sense", "pm-analytical-execution", "pm-full-loop"} <= ids
    for template in templates:
        assert template_problems(template, catalog) == []
    full = next(t for t in templates if t.id == "pm-full-loop")
    assert {r.skill for r in full.rounds} == set(catalog.skills)
