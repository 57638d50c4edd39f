"""Write questions to a file a person can read and edit, and that imports back.

TOML and JSON keep every field exactly, so importing an export again finds every question
already there and adds nothing. CSV keeps every field in the spreadsheet layout of
docs/bank-format.md; plain text keeps only the prompts, under a heading per skill.
Fields left empty are left out, as a person writing the file would.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from pm_prep.domain.bank_csv import questions_to_csv
from pm_prep.domain.bank_text import questions_to_text
from pm_prep.domain.content import Question, Rubric

EXPORT_FORMATS = ("toml", "json", "csv", "text")
SUFFIXES = {"toml": ".toml", "json": ".json", "csv": ".csv", "text": ".txt"}


def question_table(question: Question) -> dict[str, Any]:
    """One question as a file writes it: always id, skill, type, prompt, difficulty,
    tracks and time limit; the other fields only when they say something."""
    table: dict[str, Any] = {
        "id": question.id,
        "skill": question.skill,
        "type": question.type,
        "prompt": question.prompt,
        "difficulty": question.difficulty,
        "tracks": list(question.tracks),
        "time_limit_s": question.time_limit_s,
    }
    for key in ("tags", "hints", "follow_ups"):
        value = getattr(question, key)
        if value:
            table[key] = list(value)
    if question.sample_outline:
        table["sample_outline"] = question.sample_outline
    if question.framework.name or question.framework.steps:
        table["framework"] = {
            "name": question.framework.name,
            "steps": list(question.framework.steps),
        }
    if question.talking_points:
        table["talking_points"] = [
            {"point": tp.point, "keywords": list(tp.keywords)} for tp in question.talking_points
        ]
    if question.examples:
        table["examples"] = [asdict(e) for e in question.examples]
    if question.clarifications:
        table["clarifications"] = [
            {"keywords": list(c.keywords), "answer": c.answer} for c in question.clarifications
        ]
    return table


def _rubric_tables(
    questions: Sequence[Question], rubrics: Mapping[str, Rubric]
) -> list[dict[str, Any]]:
    """The file's own rubric per type (the first one found when questions disagree)."""
    by_type: dict[str, Rubric] = {}
    for question in questions:
        rubric = rubrics.get(question.id)
        if rubric is not None:
            by_type.setdefault(question.type, rubric)
    return [
        {
            "type": rtype,
            "name": rubric.name,
            "criteria": [
                {
                    "id": c.id,
                    "name": c.name,
                    "description": c.description,
                    "levels": list(c.levels),
                }
                for c in rubric.criteria
            ],
        }
        for rtype, rubric in by_type.items()
    ]


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, plus DEL, which TOML also escapes."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _toml_table(lines: list[str], header: str, table: Mapping[str, Any]) -> None:
    """`[header]` (or `[[header]]`) with its plain keys, then its sub-tables."""
    lines.append(header)
    nested: list[tuple[str, Any]] = []
    for key, value in table.items():
        if isinstance(value, dict) or (
            isinstance(value, list) and value and isinstance(value[0], dict)
        ):
            nested.append((key, value))
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    name = header.strip("[]")
    for key, value in nested:
        lines.append("")
        if isinstance(value, dict):
            _toml_table(lines, f"[{name}.{key}]", value)
        else:
            for index, item in enumerate(value):
                if index:
                    lines.append("")
                _toml_table(lines, f"[[{name}.{key}]]", item)


def questions_to_toml(
    questions: Sequence[Question], rubrics: Mapping[str, Rubric] | None = None
) -> str:
    """Questions as a TOML bank (each names its skill, so one file holds every skill)."""
    lines = [
        "# Questions exported from PM Prep. Edit them here and import the file again:",
        "# questions with the same id are updated, new ones added (docs/bank-format.md).",
        "version = 2",
    ]
    for rubric in _rubric_tables(questions, rubrics or {}):
        lines.append("")
        _toml_table(lines, "[[rubrics]]", rubric)
    for question in questions:
        lines.append("")
        _toml_table(lines, "[[questions]]", question_table(question))
    return "\n".join(lines) + "\n"


def questions_to_json(
    questions: Sequence[Question], rubrics: Mapping[str, Rubric] | None = None
) -> str:
    """Questions as a JSON bank, the same structure as the TOML file."""
    data: dict[str, Any] = {"version": 2}
    tables = _rubric_tables(questions, rubrics or {})
    if tables:
        data["rubrics"] = tables
    data["questions"] = [question_table(q) for q in questions]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_text(
    questions: Sequence[Question],
    fmt: str,
    *,
    rubrics: Mapping[str, Rubric] | None = None,
    skill_names: Mapping[str, str] | None = None,
) -> str:
    """The questions written in `fmt` (one of EXPORT_FORMATS)."""
    if fmt == "toml":
        return questions_to_toml(questions, rubrics)
    if fmt == "json":
        return questions_to_json(questions, rubrics)
    if fmt == "csv":
        return questions_to_csv(questions)
    if fmt == "text":
        return questions_to_text(questions, skill_names or {})
    raise ValueError(f"unknown export format '{fmt}' (use {', '.join(EXPORT_FORMATS)})")
