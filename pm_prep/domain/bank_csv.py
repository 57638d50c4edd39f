"""Read a question bank written as a spreadsheet (CSV), one question per row.

Lists are separated by `|`. Talking points are `point: keyword; keyword | point: ...`.
Optional columns: `type`; `clarifications` written `keyword; keyword: answer | ...`; and
`examples` written `level: text => why | ...`. A CSV bank has no rubrics of its own. Every
row must name the same skill. The result has the same shape as a TOML bank, so one
validator checks both.
"""

from __future__ import annotations

import csv
import io
from typing import Any

COLUMNS = (
    "id",
    "skill",
    "prompt",
    "difficulty",
    "tracks",
    "tags",
    "time_limit_s",
    "hints",
    "framework_name",
    "framework_steps",
    "talking_points",
    "sample_outline",
    "follow_ups",
)
OPTIONAL_COLUMNS = ("type", "clarifications", "examples")
LIST_COLUMNS = ("tracks", "tags", "hints", "framework_steps", "follow_ups")
INT_COLUMNS = ("difficulty", "time_limit_s")


class CsvBankError(ValueError):
    """The CSV cannot be read as a bank at all (header or skill problems)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _talking_points(value: str) -> list[dict[str, Any]]:
    points = []
    for part in _split(value):
        point, _, keywords = part.partition(":")
        points.append(
            {
                "point": point.strip(),
                "keywords": [k.strip() for k in keywords.split(";") if k.strip()],
            }
        )
    return points


def _clarifications(value: str) -> list[dict[str, Any]]:
    found = []
    for part in _split(value):
        keywords, _, answer = part.partition(":")
        found.append(
            {
                "keywords": [k.strip() for k in keywords.split(";") if k.strip()],
                "answer": answer.strip(),
            }
        )
    return found


def _examples(value: str) -> list[dict[str, Any]]:
    found = []
    for part in _split(value):
        level, _, rest = part.partition(":")
        text, _, why = rest.partition("=>")
        found.append({"level": _number(level), "text": text.strip(), "why": why.strip()})
    return found


def _number(value: str) -> int | str:
    try:
        return int(value.strip())
    except ValueError:
        return value  # left as text: the validator reports the wrong type


def csv_to_bank_data(text: str) -> tuple[dict[str, Any], list[int]]:
    """The bank as a TOML-shaped mapping, and the line where each question's row starts."""
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CsvBankError(f"missing columns: {', '.join(missing)}", line=1)
    questions: list[dict[str, Any]] = []
    lines: list[int] = []
    skills: set[str] = set()
    start = reader.line_num + 1
    for row in reader:
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            start = reader.line_num + 1
            continue
        get = {c: (row.get(c) or "").strip() for c in (*COLUMNS, *OPTIONAL_COLUMNS)}
        question: dict[str, Any] = {
            "id": get["id"],
            "skill": get["skill"],
            "prompt": get["prompt"],
            "sample_outline": (row.get("sample_outline") or "").strip(),
            "framework": {"name": get["framework_name"], "steps": _split(get["framework_steps"])},
            "talking_points": _talking_points(get["talking_points"]),
        }
        for column in INT_COLUMNS:
            question[column] = _number(get[column])
        for column in ("tracks", "tags", "hints", "follow_ups"):
            question[column] = _split(get[column])
        # Empty optional cells mean "not given", as a missing TOML key does.
        if get["type"]:
            question["type"] = get["type"]
        if get["clarifications"]:
            question["clarifications"] = _clarifications(get["clarifications"])
        if get["examples"]:
            question["examples"] = _examples(get["examples"])
        questions.append(question)
        lines.append(start)
        skills.add(get["skill"])
        start = reader.line_num + 1
    if len(skills) > 1:
        raise CsvBankError(f"one skill per bank file, found: {', '.join(sorted(skills))}")
    return {"skill": next(iter(skills), ""), "questions": questions}, lines
