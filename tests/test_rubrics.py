"""The per-type rubrics in resources/rubrics.toml: complete, well-formed and self-contained."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

RUBRICS_FILE = Path(__file__).resolve().parents[1] / "resources" / "rubrics.toml"

QUESTION_TYPES = (
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
)

# A descriptor must say what an answer at its level looks like on its own, never by
# reference to another level ("all of level 4, plus ...", "as above", "as level 3").
CHAINING = re.compile(
    r"\ball of (the )?level\b|\bas above\b|\bsee above\b|\blevels? [1-5]\b|\bplus\b|"
    r"\bprevious level\b|\blevel (above|below)\b|^\s*(and|also|same)\b",
    re.IGNORECASE,
)
CRITERION_ID = re.compile(r"[a-z0-9_]+")


@pytest.fixture(scope="module")
def data() -> dict:
    with RUBRICS_FILE.open("rb") as handle:
        return tomllib.load(handle)


@pytest.fixture(scope="module")
def rubrics(data: dict) -> dict[str, dict]:
    return {r["type"]: r for r in data["rubrics"]}


def test_the_file_has_a_version_and_one_rubric_per_question_type(data: dict) -> None:
    assert data["version"] == 1
    types = [r["type"] for r in data["rubrics"]]
    assert len(types) == len(set(types)), "a type has two rubrics"
    assert sorted(types) == sorted(QUESTION_TYPES)


@pytest.mark.parametrize("question_type", QUESTION_TYPES)
def test_a_rubric_has_a_name_and_three_to_five_criteria(
    rubrics: dict[str, dict], question_type: str
) -> None:
    rubric = rubrics[question_type]
    assert rubric["name"].strip()
    criteria = rubric["criteria"]
    assert 3 <= len(criteria) <= 5
    ids = [c["id"] for c in criteria]
    assert len(ids) == len(set(ids)), f"{question_type}: duplicate criterion ids"
    assert all(CRITERION_ID.fullmatch(i) for i in ids), ids
    names = [c["name"].strip() for c in criteria]
    assert all(names) and len(names) == len(set(names))


@pytest.mark.parametrize("question_type", QUESTION_TYPES)
def test_every_rubric_has_exactly_one_structure_criterion(
    rubrics: dict[str, dict], question_type: str
) -> None:
    structure = [c for c in rubrics[question_type]["criteria"] if c["id"] == "structure"]
    assert len(structure) == 1
    assert structure[0]["name"] == "Structure and communication"


@pytest.mark.parametrize("question_type", QUESTION_TYPES)
def test_every_criterion_asks_a_question_and_describes_five_distinct_levels(
    rubrics: dict[str, dict], question_type: str
) -> None:
    for criterion in rubrics[question_type]["criteria"]:
        where = f"{question_type}.{criterion['id']}"
        assert criterion["description"].strip().endswith("?"), where
        levels = criterion["levels"]
        assert len(levels) == 5, where
        assert len({level.strip().lower() for level in levels}) == 5, where
        for number, level in enumerate(levels, start=1):
            assert len(level.strip()) >= 40, f"{where} level {number} is too short"
            assert not CHAINING.search(level), f"{where} level {number} leans on another level"


def test_no_descriptor_is_reused_across_criteria(rubrics: dict[str, dict]) -> None:
    seen: dict[str, str] = {}
    for question_type, rubric in rubrics.items():
        for criterion in rubric["criteria"]:
            for level in criterion["levels"]:
                key = level.strip().lower()
                where = f"{question_type}.{criterion['id']}"
                assert key not in seen, f"{where} repeats {seen.get(key)}"
                seen[key] = where


def test_rubrics_use_british_spelling(rubrics: dict[str, dict]) -> None:
    american = re.compile(
        r"\b(prioritiz\w*|optimiz\w*|behavior\w*|analyz\w*|organiz\w*|minimiz\w*|"
        r"recogniz\w*|color\w*|favor\w*|judgment|center|randomiz\w*)\b",
        re.IGNORECASE,
    )
    for question_type, rubric in rubrics.items():
        for criterion in rubric["criteria"]:
            for text in (criterion["name"], criterion["description"], *criterion["levels"]):
                assert not american.search(text), f"{question_type}.{criterion['id']}: {text}"


def test_the_type_specific_criteria_are_present(rubrics: dict[str, dict]) -> None:
    def ids(question_type: str) -> set[str]:
        return {c["id"] for c in rubrics[question_type]["criteria"]}

    assert {"ownership", "result", "reflection"} <= ids("behavioural")
    assert {"judgement", "options", "stakeholders", "first_steps"} <= ids("situational")
    assert {"user_goal", "pain_points", "solutions", "success_metrics"} <= ids("product_design")
    assert {"north_star", "counter_metrics", "definitions"} <= ids("metrics")
    assert {"decomposition", "assumptions", "arithmetic", "sanity_check"} <= ids("estimation")
    assert {"hypothesis", "power", "decision"} <= ids("experiment")
    assert {"sql", "pitfalls"} <= ids("data")
    # A situational answer is not a story: its rubric never asks for STAR.
    situational = " ".join(
        " ".join((c["description"], *c["levels"])) for c in rubrics["situational"]["criteria"]
    )
    assert "STAR" not in situational
    behavioural = rubrics["behavioural"]["criteria"]
    assert any("STAR" in c["description"] for c in behavioural)
