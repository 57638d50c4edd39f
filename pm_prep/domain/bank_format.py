"""Parse and validate question-bank and rubric files (TOML, JSON or CSV) into content values.

Validation never stops at the first problem: it collects every problem with the
file, question id, field and, where it can be found, the line, so that a person
editing a bank can fix them all in one pass.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from collections.abc import Collection, Mapping
from typing import Any

from pm_prep.domain.bank_csv import CsvBankError, csv_to_bank_data
from pm_prep.domain.bank_problems import MAX_BANK_BYTES, BankError, Problem, content_hash
from pm_prep.domain.content import (
    QUESTION_TYPES,
    STRUCTURE_CRITERION,
    Bank,
    Clarification,
    Criterion,
    Example,
    Framework,
    Question,
    Rubric,
    TalkingPoint,
    humanise,
)

__all__ = [
    "MAX_BANK_BYTES",
    "BankError",
    "Problem",
    "content_hash",
    "is_rubrics_file",
    "parse_bank_text",
    "parse_legacy_rubrics_text",
    "parse_rubrics_text",
]

MAX_PROMPT_CHARS = 2000
TRACK_IDS = ("intern", "pm")
_QUESTION_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CRITERION_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_TOML_LINE = re.compile(r"at line (\d+)")
_FIELD_PART = re.compile(r"^(?P<name>\w+)(?:\[(?P<index>\d+)\])?$")
_KNOWN_TYPES = ", ".join(QUESTION_TYPES)


def _decode(text: str, source: str, fmt: str) -> tuple[Mapping[str, Any], list[int] | None]:
    """The file's data (and, for CSV, the line of each question's row); BankError if unreadable."""
    if len(text.encode("utf-8")) > MAX_BANK_BYTES:
        raise BankError([Problem(source, "file is larger than 5 MB")])
    row_lines: list[int] | None = None
    try:
        if fmt == "csv":
            data, row_lines = csv_to_bank_data(text)
        else:
            data = tomllib.loads(text) if fmt == "toml" else json.loads(text)
    except CsvBankError as exc:
        raise BankError([Problem(source, f"not a valid CSV bank: {exc}", line=exc.line)]) from None
    except csv.Error as exc:
        raise BankError([Problem(source, f"not valid CSV: {exc}")]) from None
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        raise BankError([Problem(source, f"not valid TOML: {exc}", line=line)]) from None
    except json.JSONDecodeError as exc:
        raise BankError([Problem(source, f"not valid JSON: {exc.msg}", line=exc.lineno)]) from None
    if not isinstance(data, Mapping):
        raise BankError([Problem(source, "the file must hold a table at the top level")])
    return data, row_lines


def parse_bank_text(
    text: str,
    source: str,
    known_skills: Collection[str],
    *,
    fmt: str = "toml",
    default_types: Mapping[str, str] | None = None,
    require_rubric: bool | None = None,
) -> Bank:
    """Parse a bank from text; raises BankError listing every problem.

    `default_types` gives each skill's default question type, for questions that name none.
    `require_rubric` is the format-v1 keyword and is ignored: banks carry no rubric now.
    """
    del require_rubric
    data, row_lines = _decode(text, source, fmt)
    checker = _BankChecker(source, text, known_skills, default_types or {})
    checker.row_lines = row_lines
    bank = checker.check(data)
    if checker.problems or bank is None:
        raise BankError(checker.problems)
    return Bank(
        source=bank.source,
        skill=bank.skill,
        questions=bank.questions,
        rubrics=bank.rubrics,
        content_hash=content_hash(text),
        untyped=bank.untyped,
    )


def parse_rubrics_text(
    text: str, source: str, *, fmt: str = "toml", require_every_type: bool = True
) -> tuple[dict[str, Rubric], list[Problem]]:
    """The rubric of each question type in a rubrics file, and every problem found.

    A rubric with a problem is left out (its questions fall back, see Catalog.rubric_for);
    with `require_every_type`, a type without a rubric is a problem too.
    """
    try:
        data, _ = _decode(text, source, fmt)
    except BankError as exc:
        return {}, exc.problems
    checker = _Checker(source, text)
    rubrics = checker.check_rubric_tables(
        data.get("rubrics"), "rubrics", require_every_type=require_every_type
    )
    version = data.get("version", 1)
    if version != 1:
        checker.problem(f"unknown rubrics format version {version!r} (this app reads 1)", "version")
    return rubrics, checker.problems


def parse_legacy_rubrics_text(text: str, source: str) -> tuple[dict[str, Rubric], list[Problem]]:
    """The retired per-skill rubrics (`[<skill>]` with `[[<skill>.criteria]]`), by skill."""
    try:
        data, _ = _decode(text, source, "toml")
    except BankError as exc:
        return {}, exc.problems
    checker = _Checker(source, text)
    rubrics: dict[str, Rubric] = {}
    for skill, table in data.items():
        if not isinstance(table, Mapping):
            continue  # version and other plain keys
        before = len(checker.problems)
        name = table.get("name")
        criteria = checker.check_criteria(table.get("criteria"), f"{skill}.criteria")
        if len(checker.problems) == before:
            label = name if isinstance(name, str) and name.strip() else humanise(skill)
            rubrics[skill] = Rubric(skill, label.strip(), criteria)
    return rubrics, checker.problems


def is_rubrics_file(text: str, fmt: str = "toml") -> bool:
    """Whether a file is a set of type rubrics (like resources/rubrics.toml) rather than a bank."""
    if fmt == "csv":
        return False
    try:
        data, _ = _decode(text, "", fmt)
    except BankError:
        return False
    return "rubrics" in data and "questions" not in data and "skill" not in data


class _Checker:
    """Typed getters and problem reporting with lines, for any bank or rubric file."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    # -- where in the file ---------------------------------------------------------------
    def _line_of(self, needle: str) -> int | None:
        for number, line in enumerate(self.lines, start=1):
            if needle in line:
                return number
        return None

    def _block_end(self, start: int, table: str, limit: int) -> int:
        """End (exclusive) of the table opened on line `start`: the next table not inside it."""
        end = start + 1
        while end < min(limit, len(self.lines)):
            stripped = self.lines[end].strip()
            if stripped.startswith("[") and not stripped.lstrip("[").startswith(f"{table}."):
                break
            end += 1
        return end

    def _key_in(self, key: str, start: int, end: int) -> int | None:
        """0-based line in [start, end) that sets `key` or opens its sub-table."""
        for n in range(start, min(end, len(self.lines))):
            stripped = self.lines[n].strip()
            if stripped.startswith((f"{key} ", f"{key}=", f'"{key}"')) or stripped.rstrip(
                "]"
            ).endswith(f".{key}"):
                return n
        return None

    def _headers(self, table: str, start: int, end: int) -> list[int]:
        return [
            n
            for n in range(start, min(end, len(self.lines)))
            if self.lines[n].strip().startswith(f"[[{table}]]")
        ]

    def _path_line(self, field: str, start: int, end: int, prefix: str) -> int | None:
        """0-based line of a field such as `criteria[1].levels` within lines [start, end).

        Indexed parts follow `[[prefix.name]]` sub-tables when the file is written with
        them; otherwise (JSON, inline tables) the line of the nearest key found is used.
        """
        found: int | None = None
        for part in field.split("."):
            match = _FIELD_PART.match(part)
            if match is None:
                break
            name, index = match["name"], match["index"]
            table = f"{prefix}{name}"
            if index is not None:
                headers = self._headers(table, start, end)
                if int(index) < len(headers):
                    start = headers[int(index)]
                    end = self._block_end(start, table, end)
                    found, prefix = start, f"{table}."
                    continue
                line = self._key_in(name, start, end)
                return found if line is None else line
            header = next(
                (
                    n
                    for n in range(start, min(end, len(self.lines)))
                    if self.lines[n].strip() == f"[{table}]"
                ),
                None,
            )
            if header is not None:
                start, end = header, self._block_end(header, table, end)
                found, prefix = header, f"{table}."
                continue
            line = self._key_in(name, start, end)
            return found if line is None else line
        return found

    def _line(self, field: str | None, qid: str | None) -> int | None:
        if not field:
            return None
        line = self._path_line(field, 0, len(self.lines), "")
        if line is not None:
            return line + 1
        return self._line_of(field.split(".")[-1].split("[")[0])

    def problem(self, message: str, field: str | None = None, qid: str | None = None) -> None:
        self.problems.append(Problem(self.source, message, qid, field, self._line(field, qid)))

    # -- typed getters ---------------------------------------------------------------------
    def _text(self, table: Mapping[str, Any], key: str, qid: str | None, label: str) -> str:
        value = table.get(key)
        if value is None:
            self.problem("is missing", label, qid)
            return ""
        if not isinstance(value, str):
            self.problem(f"must be text, not {type(value).__name__}", label, qid)
            return ""
        if not value.strip():
            self.problem("must not be empty", label, qid)
        return value.strip()

    def _texts(
        self, table: Mapping[str, Any], key: str, qid: str | None, label: str, minimum: int
    ) -> tuple[str, ...]:
        value = table.get(key)
        if value is None:
            self.problem("is missing", label, qid)
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem("must be a list of text", label, qid)
            return ()
        items = tuple(v.strip() for v in value)
        if any(not v for v in items):
            self.problem("must not contain empty text", label, qid)
        if len(items) < minimum:
            self.problem(f"needs at least {minimum} entries, has {len(items)}", label, qid)
        return items

    def _int(
        self,
        table: Mapping[str, Any],
        key: str,
        qid: str | None,
        low: int,
        high: int,
        label: str | None = None,
    ) -> int:
        label = label or key
        value = table.get(key)
        if value is None:
            self.problem("is missing", label, qid)
            return low
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(f"must be a whole number, not {type(value).__name__}", label, qid)
            return low
        if not low <= value <= high:
            self.problem(f"must be from {low} to {high}, is {value}", label, qid)
        return value

    def _tables(self, raw: Any, qid: str | None, label: str) -> list[tuple[str, Mapping[str, Any]]]:
        """The tables of an array of tables, each with its label (`label[i]`)."""
        if not isinstance(raw, list):
            self.problem("must be a list of tables", label, qid)
            return []
        tables = []
        for index, item in enumerate(raw):
            if isinstance(item, Mapping):
                tables.append((f"{label}[{index}]", item))
            else:
                self.problem("must be a table", f"{label}[{index}]", qid)
        return tables

    # -- rubrics ---------------------------------------------------------------------------
    def check_criteria(
        self, raw: Any, label: str, *, type_rubric: bool = False
    ) -> tuple[Criterion, ...]:
        """3 to 5 criteria with unique ids and five distinct descriptors each.

        A type rubric also needs a description for every criterion and a `structure` one.
        """
        if raw is None:
            self.problem("is missing", label)
            return ()
        tables = self._tables(raw, None, label)
        criteria: list[Criterion] = []
        for where, item in tables:
            before = len(self.problems)
            cid = self._text(item, "id", None, f"{where}.id")
            if cid and not _CRITERION_ID.match(cid):
                self.problem("id must use a-z, 0-9 and _", f"{where}.id")
            name = self._text(item, "name", None, f"{where}.name")
            if type_rubric:
                description = self._text(item, "description", None, f"{where}.description")
            else:
                description = str(item.get("description", "")).strip()
            levels = self._texts(item, "levels", None, f"{where}.levels", 5)
            if len(levels) > 5:
                self.problem(f"needs exactly 5 levels, has {len(levels)}", f"{where}.levels")
            elif len(levels) == 5 and len(set(levels)) < 5:
                self.problem("the 5 levels must each say something different", f"{where}.levels")
            if len(self.problems) == before:
                five = (levels[0], levels[1], levels[2], levels[3], levels[4])
                criteria.append(Criterion(cid, name, description, five))
        ids = [item["id"] for _, item in tables if isinstance(item.get("id"), str)]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            self.problem(f"criterion ids must be unique: {', '.join(repeated)} repeats", label)
        if isinstance(raw, list) and not 3 <= len(raw) <= 5:
            self.problem(f"needs 3 to 5 criteria, has {len(raw)}", label)
        if type_rubric and isinstance(raw, list) and STRUCTURE_CRITERION not in ids:
            self.problem(
                f"needs a '{STRUCTURE_CRITERION}' criterion (structure and communication)", label
            )
        return tuple(criteria)

    def check_rubric_tables(
        self, raw: Any, label: str, *, require_every_type: bool
    ) -> dict[str, Rubric]:
        """`[[rubrics]]` tables: one rubric per question type, each well formed."""
        if raw is None:
            if require_every_type:
                self.problem("needs [[rubrics]] tables, one per question type", label)
            return {}
        rubrics: dict[str, Rubric] = {}
        seen: set[str] = set()
        for where, item in self._tables(raw, None, label):
            before = len(self.problems)
            rtype = self._text(item, "type", None, f"{where}.type")
            if rtype and rtype not in QUESTION_TYPES:
                self.problem(f"unknown type '{rtype}' (known: {_KNOWN_TYPES})", f"{where}.type")
            elif rtype in seen:
                self.problem(f"type '{rtype}' already has a rubric in this file", f"{where}.type")
            name = self._text(item, "name", None, f"{where}.name")
            criteria = self.check_criteria(
                item.get("criteria"), f"{where}.criteria", type_rubric=True
            )
            if len(self.problems) == before:
                rubrics[rtype] = Rubric(rtype, name, criteria)
            seen.add(rtype)
        if require_every_type:
            missing = [t for t in QUESTION_TYPES if t not in seen]
            if missing:
                self.problem(f"no rubric for type {', '.join(missing)}", label)
        return rubrics


class _BankChecker(_Checker):
    def __init__(
        self,
        source: str,
        text: str,
        known_skills: Collection[str],
        default_types: Mapping[str, str],
    ) -> None:
        super().__init__(source, text)
        self.known_skills = known_skills
        self.default_types = default_types
        self.row_lines: list[int] | None = None  # CSV: the line of each question's row
        self.untyped: list[str] = []
        # Where problems are being found: the question's index (-1: outside any question)
        # and how many questions so far carried its id (to point at the right duplicate).
        self._question_index = -1
        self._id_occurrence = 1
        self._id_counts: dict[str, int] = {}
        self._question_blocks: list[int] | None = None

    def _question_block(self) -> tuple[int, int] | None:
        """0-based [start, end) lines of the current `[[questions]]` table, if written so."""
        if self._question_blocks is None:
            self._question_blocks = self._headers("questions", 0, len(self.lines))
        if self._question_index >= len(self._question_blocks):
            return None
        start = self._question_blocks[self._question_index]
        return start, self._block_end(start, "questions", len(self.lines))

    def _line(self, field: str | None, qid: str | None) -> int | None:
        if self._question_index < 0:
            return super()._line(field, qid)
        if self.row_lines is not None:
            return self.row_lines[self._question_index]
        block = self._question_block()
        if block is None:
            # Not written as [[questions]] tables (JSON, inline arrays): find its id instead.
            if qid is None:
                return None
            pattern = re.compile(rf'^\s*"?id"?\s*[=:]\s*"{re.escape(qid)}"')
            found = [n for n, line in enumerate(self.lines, start=1) if pattern.match(line)]
            if len(found) >= self._id_occurrence:
                return found[self._id_occurrence - 1]
            return self._line_of(f'"{qid}"')
        start, end = block
        if field:
            line = self._path_line(field, start, end, "questions.")
            if line is not None and line != start:
                return line + 1
        anchor = self._key_in("id", start, end)
        return (start if anchor is None else anchor) + 1

    # -- the file ------------------------------------------------------------------------
    def check(self, data: Mapping[str, Any]) -> Bank | None:
        skill = data.get("skill")
        if not isinstance(skill, str) or not skill:
            self.problem("is missing or not text", "skill")
            return None
        if skill not in self.known_skills:
            known = ", ".join(sorted(self.known_skills))
            self.problem(f"unknown skill '{skill}' (known: {known})", "skill")
            return None
        # A v1 `[rubric]` table is accepted and ignored: rubrics belong to question types now.
        overrides = self.check_rubric_tables(
            data.get("rubrics"), "rubrics", require_every_type=False
        )
        raw_questions = data.get("questions")
        if not isinstance(raw_questions, list) or not raw_questions:
            self.problem("the file has no [[questions]]", "questions")
            return None
        questions: list[Question] = []
        seen: set[str] = set()
        for index, raw in enumerate(raw_questions):
            self._question_index = index
            question = self._check_question(skill, index, raw)
            if question is None:
                continue
            if question.id in seen:
                self.problem("duplicate question id", "id", question.id)
            seen.add(question.id)
            questions.append(question)
        self._question_index = -1
        return Bank(
            self.source,
            skill,
            tuple(questions),
            rubrics=tuple(overrides.values()),
            untyped=tuple(self.untyped),
        )

    def _check_question(self, skill: str, index: int, raw: Any) -> Question | None:
        if not isinstance(raw, Mapping):
            self.problem(f"question #{index + 1} must be a table", "questions")
            return None
        qid_value = raw.get("id")
        if not isinstance(qid_value, str) or not qid_value:
            self.problem(f"question #{index + 1} has no id", "id")
            return None
        qid = qid_value
        self._id_occurrence = self._id_counts[qid] = self._id_counts.get(qid, 0) + 1
        before = len(self.problems)
        if not _QUESTION_ID.match(qid):
            self.problem("id must be a slug: a-z, 0-9 and hyphens", "id", qid)
        q_skill = raw.get("skill", skill)
        if q_skill != skill:
            self.problem(f"skill '{q_skill}' differs from the file's '{skill}'", "skill", qid)
        qtype = self._check_type(skill, qid, raw)
        prompt = self._text(raw, "prompt", qid, "prompt")
        if len(prompt) > MAX_PROMPT_CHARS:
            self.problem(f"is longer than {MAX_PROMPT_CHARS} characters", "prompt", qid)
        difficulty = self._int(raw, "difficulty", qid, 1, 3)
        tracks = self._texts(raw, "tracks", qid, "tracks", 1)
        for track in tracks:
            if track not in TRACK_IDS:
                self.problem(f"unknown track '{track}' (use intern or pm)", "tracks", qid)
        tags = self._texts(raw, "tags", qid, "tags", 0) if "tags" in raw else ()
        time_limit = self._int(raw, "time_limit_s", qid, 60, 3600)
        hints = self._texts(raw, "hints", qid, "hints", 2)
        follow_ups = self._texts(raw, "follow_ups", qid, "follow_ups", 1)
        outline = self._text(raw, "sample_outline", qid, "sample_outline")
        framework = self._check_framework(qid, raw.get("framework"))
        points = self._check_talking_points(qid, raw.get("talking_points"))
        examples = self._check_examples(qid, raw.get("examples"))
        clarifications = self._check_clarifications(qid, raw.get("clarifications"))
        if len(self.problems) > before:
            return None
        return Question(
            id=qid,
            skill=skill,
            type=qtype,
            prompt=prompt,
            difficulty=difficulty,
            tracks=tracks,
            tags=tags,
            time_limit_s=time_limit,
            hints=hints,
            framework=framework,
            talking_points=points,
            sample_outline=outline,
            follow_ups=follow_ups,
            examples=examples,
            clarifications=clarifications,
        )

    def _check_type(self, skill: str, qid: str, raw: Mapping[str, Any]) -> str:
        value = raw.get("type")
        if value is None:
            default = self.default_types.get(skill, "")
            if default in QUESTION_TYPES:
                self.untyped.append(qid)
                return default
            self.problem(f"is missing, and skill '{skill}' has no default type", "type", qid)
            return ""
        if not isinstance(value, str):
            self.problem(f"must be text, not {type(value).__name__}", "type", qid)
            return ""
        if value not in QUESTION_TYPES:
            self.problem(f"unknown type '{value}' (known: {_KNOWN_TYPES})", "type", qid)
        return value

    def _check_framework(self, qid: str, raw: Any) -> Framework:
        if not isinstance(raw, Mapping):
            self.problem("is missing (needs name and steps)", "framework", qid)
            return Framework("", ())
        name = self._text(raw, "name", qid, "framework.name")
        steps = self._texts(raw, "steps", qid, "framework.steps", 2)
        return Framework(name, steps)

    def _check_talking_points(self, qid: str, raw: Any) -> tuple[TalkingPoint, ...]:
        if raw is None:
            self.problem("is missing", "talking_points", qid)
            return ()
        points: list[TalkingPoint] = []
        for label, item in self._tables(raw, qid, "talking_points"):
            point = self._text(item, "point", qid, f"{label}.point")
            keywords = self._texts(item, "keywords", qid, f"{label}.keywords", 2)
            points.append(TalkingPoint(point, tuple(k.lower() for k in keywords)))
        if isinstance(raw, list) and len(raw) < 3:
            self.problem(f"needs at least 3 entries, has {len(raw)}", "talking_points", qid)
        return tuple(points)

    def _check_examples(self, qid: str, raw: Any) -> tuple[Example, ...]:
        if raw is None:
            return ()
        examples: list[Example] = []
        for label, item in self._tables(raw, qid, "examples"):
            level = self._int(item, "level", qid, 1, 5, label=f"{label}.level")
            text = self._text(item, "text", qid, f"{label}.text")
            why = self._text(item, "why", qid, f"{label}.why")
            examples.append(Example(level, text, why))
        return tuple(examples)

    def _check_clarifications(self, qid: str, raw: Any) -> tuple[Clarification, ...]:
        if raw is None:
            return ()
        found: list[Clarification] = []
        for label, item in self._tables(raw, qid, "clarifications"):
            keywords = self._texts(item, "keywords", qid, f"{label}.keywords", 1)
            if any(k != k.lower() for k in keywords):
                self.problem("keywords must be lower case", f"{label}.keywords", qid)
            answer = self._text(item, "answer", qid, f"{label}.answer")
            found.append(Clarification(keywords, answer))
        return tuple(found)
