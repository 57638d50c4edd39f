"""Read questions written as a spreadsheet (CSV), one question per row.

Only a `prompt` column is needed, plus each question's `skill`: a `skill` column, or one
skill for the whole file given when importing. Columns may come in any order and any case
(`Prompt`, `time limit s`); a `question` column is read as the prompt; columns this app does
not know are ignored and named in a warning. An empty cell means "not given", so the field
gets its default. The file may be separated by commas, semicolons or tabs (a spreadsheet
saved in a locale that uses the decimal comma writes semicolons).

Lists are separated by `|`; tracks and tags may also be separated by commas. Talking
points are `point: keyword; keyword | point: ...`; clarifications `keyword; keyword: answer
| ...`; examples `level: text => why | ...`. A CSV file has no rubrics of its own. The
result has the same shape as a TOML bank, so one validator checks both.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

from pm_prep.domain.content import Question

# Every column the app reads, in the order an export writes them.
COLUMNS = (
    "id",
    "skill",
    "type",
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
    "clarifications",
    "examples",
)
REQUIRED_COLUMNS = ("prompt",)
ALIASES = {"question": "prompt", "outline": "sample_outline", "framework": "framework_name"}
INT_COLUMNS = ("difficulty", "time_limit_s")
_LIST_SPLIT = re.compile(r"\s*\|\s*")
_LOOSE_LIST_SPLIT = re.compile(r"\s*[|,;]\s*")
_KEYWORD_SPLIT = re.compile(r"\s*[;,]\s*")
_DELIMITERS = (",", ";", "\t")


class CsvBankError(ValueError):
    """The CSV cannot be read as questions at all (no prompt column, ...)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def column_name(header: str) -> str:
    """`Time limit s` -> `time_limit_s`; `Question` -> `prompt`."""
    name = "_".join(header.replace("\ufeff", "").strip().lower().replace("-", " ").split())
    return ALIASES.get(name, name)


def _split(value: str, pattern: re.Pattern[str] = _LIST_SPLIT) -> list[str]:
    return [part for part in (p.strip() for p in pattern.split(value)) if part]


def _talking_points(value: str) -> list[dict[str, Any]]:
    points = []
    for part in _split(value):
        # The last colon and space: a point may hold a colon ("Measure freshness: how
        # early..."), and a keyword a time ("21:00").
        separator = ": " if ": " in part else ":"
        point, _, keywords = part.rpartition(separator) if separator in part else (part, "", "")
        points.append({"point": point.strip(), "keywords": _split(keywords, _KEYWORD_SPLIT)})
    return points


def _clarifications(value: str) -> list[dict[str, Any]]:
    found = []
    for part in _split(value):
        keywords, _, answer = part.partition(":")
        found.append({"keywords": _split(keywords, _KEYWORD_SPLIT), "answer": answer.strip()})
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


def _delimiter(text: str) -> str:
    """The separator of the header line: the most frequent of comma, semicolon and tab."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _question(cells: dict[str, str]) -> dict[str, Any]:
    """One row as a TOML-shaped question: only the cells that say something."""
    question: dict[str, Any] = {}
    for column in ("id", "skill", "type", "prompt", "sample_outline"):
        if cells.get(column):
            question[column] = cells[column]
    for column in INT_COLUMNS:
        if cells.get(column):
            question[column] = _number(cells[column])
    for column in ("tracks", "tags"):
        if cells.get(column):
            question[column] = _split(cells[column], _LOOSE_LIST_SPLIT)
    for column in ("hints", "follow_ups"):
        if cells.get(column):
            question[column] = _split(cells[column])
    if cells.get("framework_name") or cells.get("framework_steps"):
        question["framework"] = {
            "name": cells.get("framework_name", ""),
            "steps": _split(cells.get("framework_steps", "")),
        }
    if cells.get("talking_points"):
        question["talking_points"] = _talking_points(cells["talking_points"])
    if cells.get("clarifications"):
        question["clarifications"] = _clarifications(cells["clarifications"])
    if cells.get("examples"):
        question["examples"] = _examples(cells["examples"])
    return question


def csv_to_bank_data(text: str) -> tuple[dict[str, Any], list[int], list[str]]:
    """The file as a TOML-shaped mapping, the line where each question's row starts, and
    notes worth a warning (columns ignored).

    The mapping names a file-wide `skill` only when every row gives the same one.
    """
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header: list[str] = []
    for raw_header in reader:
        if any(cell.strip() for cell in raw_header):
            header = [column_name(cell) for cell in raw_header]
            break
    header_line = reader.line_num
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        found = ", ".join(f"'{h}'" for h in header if h) or "none"
        raise CsvBankError(
            f"missing column: {', '.join(missing)} (the first row names the columns; found "
            f"{found}). A plain list of questions, one per line, can be imported as a .txt "
            "file instead",
            line=header_line or 1,
        )
    notes = []
    ignored = [h for h in dict.fromkeys(header) if h and h not in COLUMNS]
    if ignored:
        notes.append(f"columns ignored (not known to PM Prep): {', '.join(ignored)}")
    questions: list[dict[str, Any]] = []
    lines: list[int] = []
    skills: set[str] = set()
    start = reader.line_num + 1
    for row in reader:
        cells: dict[str, str] = {}
        for name, value in zip(header, row, strict=False):
            if name in COLUMNS and value.strip() and name not in cells:
                cells[name] = value.strip()  # line breaks inside a quoted cell are kept
        if not any(value.strip() for value in row):
            start = reader.line_num + 1
            continue
        questions.append(_question(cells))
        lines.append(start)
        skills.add(cells.get("skill", ""))
        start = reader.line_num + 1
    data: dict[str, Any] = {"questions": questions}
    if len(skills) == 1 and "" not in skills:
        data["skill"] = next(iter(skills))
    elif len(skills - {""}) > 1:
        data["skills_found"] = sorted(skills - {""})
    return data, lines, notes


def _joined(items: tuple[str, ...] | list[str]) -> str:
    return " | ".join(" ".join(item.split("|")) for item in items)


def questions_to_csv(questions: Sequence[Question]) -> str:
    """Questions as a CSV file this reader reads back (one row each, every column).

    A `|` inside a list entry would split it, so it is written as a space.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for q in questions:
        writer.writerow(
            (
                q.id,
                q.skill,
                q.type,
                q.prompt,
                q.difficulty,
                _joined(q.tracks),
                _joined(q.tags),
                q.time_limit_s,
                _joined(q.hints),
                q.framework.name,
                _joined(q.framework.steps),
                _joined([f"{tp.point}: {'; '.join(tp.keywords)}" for tp in q.talking_points]),
                q.sample_outline,
                _joined(q.follow_ups),
                _joined([f"{'; '.join(c.keywords)}: {c.answer}" for c in q.clarifications]),
                _joined([f"{e.level}: {e.text} => {e.why}" for e in q.examples]),
            )
        )
    return out.getvalue()
