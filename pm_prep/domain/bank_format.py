"""Parse and validate question-bank and rubric files (TOML, JSON, CSV or plain text).

Validation never stops at the first problem: it collects every problem with the
file, question, field and, where it can be found, the line, so that a person
editing a bank can fix them all in one pass.

Two levels of rules. The built-in banks are checked `strict`ly: every field of a
complete question (hints, framework, three talking points, outline, follow-ups...), one
skill per file. A user's own file needs only each question's `skill` (per question or for
the whole file) and `prompt`: every other field is optional and gets a default, a missing
`id` is generated from the skill and the prompt (so the same question imported twice is
the same question), and one file may mix skills.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import tomllib
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from pm_prep.domain.bank_csv import CsvBankError, csv_to_bank_data
from pm_prep.domain.bank_problems import MAX_BANK_BYTES, BankError, Problem, content_hash
from pm_prep.domain.bank_text import text_to_bank_data
from pm_prep.domain.content import (
    QUESTION_TYPES,
    STRUCTURE_CRITERION,
    TYPE_TIME_LIMITS,
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
    "FORMATS",
    "MAX_BANK_BYTES",
    "BankError",
    "Problem",
    "QuestionFile",
    "content_hash",
    "default_time_limit",
    "format_of",
    "generated_question_id",
    "is_rubrics_file",
    "parse_bank_text",
    "parse_legacy_rubrics_text",
    "parse_question_data",
    "parse_question_file",
    "parse_rubrics_text",
]

MAX_PROMPT_CHARS = 2000
TRACK_IDS = ("intern", "pm")
DEFAULT_DIFFICULTY = 2
# The formats a question file may be written in, by file suffix.
FORMATS = {".toml": "toml", ".json": "json", ".csv": "csv", ".txt": "text"}
# Suffixes people try that are not text: what to do instead.
_NOT_TEXT = {
    ".xlsx": "save the spreadsheet as CSV (UTF-8) first",
    ".xls": "save the spreadsheet as CSV (UTF-8) first",
    ".ods": "save the spreadsheet as CSV (UTF-8) first",
    ".numbers": "export the spreadsheet as CSV first",
    ".docx": "save the document as plain text (.txt), one question per line",
    ".doc": "save the document as plain text (.txt), one question per line",
    ".odt": "save the document as plain text (.txt), one question per line",
    ".rtf": "save the document as plain text (.txt), one question per line",
    ".pdf": "copy the questions into a plain text file (.txt), one per line",
}
QUESTION_KEYS = frozenset(
    (
        "id",
        "skill",
        "type",
        "prompt",
        "difficulty",
        "tracks",
        "tags",
        "time_limit_s",
        "hints",
        "framework",
        "talking_points",
        "sample_outline",
        "follow_ups",
        "examples",
        "clarifications",
    )
)
_QUESTION_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CRITERION_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_TOML_LINE = re.compile(r"at line (\d+)")
_FIELD_PART = re.compile(r"^(?P<name>\w+)(?:\[(?P<index>\d+)\])?$")
_KNOWN_TYPES = ", ".join(QUESTION_TYPES)
_LOOSE_LIST = re.compile(r"\s*[|,;]\s*")
_SLUG_WORDS = 6
MAX_ID_CHARS = 120  # the database's column


def format_of(suffix: str) -> str | None:
    """The format of a file by its suffix (`.csv` -> `csv`), or None if not supported."""
    return FORMATS.get(suffix.lower())


def unsupported_suffix_message(suffix: str) -> str:
    """Why a file with this suffix cannot be imported, and what to do instead."""
    known = ", ".join(FORMATS)
    advice = _NOT_TEXT.get(suffix.lower())
    if advice:
        return f"PM Prep reads question files as text ({known}): {advice}"
    return f"a question file must end in {known} (this one ends in '{suffix or 'nothing'}')"


def _normalised_prompt(prompt: str) -> str:
    return " ".join(prompt.split()).casefold()


def generated_question_id(skill: str, prompt: str) -> str:
    """A stable id for a question written without one: a few words of the prompt and a hash.

    The same skill and prompt (ignoring case and spacing) always give the same id, so
    importing the same list twice adds nothing twice.
    """
    digest = hashlib.sha256(f"{skill}\n{_normalised_prompt(prompt)}".encode()).hexdigest()[:10]
    ascii_text = unicodedata.normalize("NFKD", prompt).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())[:_SLUG_WORDS]
    slug = "-".join(words)[:48].strip("-")
    return f"own-{slug}-{digest}" if slug else f"own-{digest}"


def default_time_limit(question_type: str, difficulty: int) -> int:
    """A suggested answer time for a question that names none: by type, longer when harder."""
    low, high = TYPE_TIME_LIMITS.get(question_type, (300, 900))
    share = {1: 0.0, 2: 0.5, 3: 1.0}.get(difficulty, 0.5)
    return int(round((low + (high - low) * share) / 30) * 30)


@dataclass(frozen=True, slots=True)
class QuestionFile:
    """A validated file of a user's own questions (see `parse_question_file`)."""

    source: str
    questions: tuple[Question, ...]
    content_hash: str
    # The line each question starts on, by question id (None where it cannot be found).
    lines: Mapping[str, int | None] = field(default_factory=dict)
    # The file's own rubric for a question's type, by question id.
    rubrics: Mapping[str, Rubric] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()
    generated_ids: frozenset[str] = frozenset()
    untyped: tuple[str, ...] = ()

    @property
    def skills(self) -> dict[str, int]:
        """Questions per skill, in the order the skills first appear."""
        counts: dict[str, int] = {}
        for question in self.questions:
            counts[question.skill] = counts.get(question.skill, 0) + 1
        return counts


def _decode(
    text: str, source: str, fmt: str, *, lenient: bool = False
) -> tuple[Mapping[str, Any], list[int] | None, list[str]]:
    """The file's data, the line of each question (CSV, text) and notes for warnings.

    Raises BankError when the file cannot be read as questions at all. `lenient` (a
    user's own file) also reads a bare JSON list as its questions.
    """
    size = len(text.encode("utf-8"))
    if size > MAX_BANK_BYTES:
        raise BankError(
            [Problem(source, f"file is larger than 5 MB ({size / 1024 / 1024:.1f} MB): split it")]
        )
    if "\x00" in text:
        raise BankError([Problem(source, "looks like a binary file, not text")])
    text = text.removeprefix("\ufeff")
    row_lines: list[int] | None = None
    notes: list[str] = []
    try:
        if fmt == "csv":
            data, row_lines, notes = csv_to_bank_data(text)
        elif fmt == "text":
            data, row_lines = text_to_bank_data(text)
        else:
            data = tomllib.loads(text) if fmt == "toml" else json.loads(text)
    except CsvBankError as exc:
        raise BankError([Problem(source, f"not a valid CSV file: {exc}", line=exc.line)]) from None
    except csv.Error as exc:
        raise BankError([Problem(source, f"not valid CSV: {exc}")]) from None
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        raise BankError([Problem(source, f"not valid TOML: {exc}", line=line)]) from None
    except json.JSONDecodeError as exc:
        raise BankError([Problem(source, f"not valid JSON: {exc.msg}", line=exc.lineno)]) from None
    except RecursionError:
        raise BankError([Problem(source, "is nested too deeply to read")]) from None
    if isinstance(data, list) and fmt == "json" and lenient:
        data = {"questions": data}  # a bare JSON list of questions
    if not isinstance(data, Mapping):
        raise BankError([Problem(source, "the file must hold a table at the top level")])
    return data, row_lines, notes


def parse_bank_text(
    text: str,
    source: str,
    known_skills: Collection[str],
    *,
    fmt: str = "toml",
    default_types: Mapping[str, str] | None = None,
    require_rubric: bool | None = None,
    strict: bool = True,
) -> Bank:
    """Parse a bank from text; raises BankError listing every problem.

    `strict` holds the file to the built-in banks' rules (every field, one skill per file);
    otherwise it is read as a user's own file (see `parse_question_file`).
    `default_types` gives each skill's default question type, for questions that name none.
    `require_rubric` is the format-v1 keyword and is ignored: banks carry no rubric now.
    """
    del require_rubric
    if not strict:
        parsed = parse_question_file(
            text, source, known_skills, fmt=fmt, default_types=default_types
        )
        skills = list(parsed.skills)
        return Bank(
            source=source,
            skill=skills[0] if len(skills) == 1 else "",
            questions=parsed.questions,
            rubrics=tuple({r.key: r for r in parsed.rubrics.values()}.values()),
            content_hash=parsed.content_hash,
            untyped=parsed.untyped,
        )
    data, row_lines, _notes = _decode(text, source, fmt)
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


def parse_question_file(
    text: str,
    source: str,
    known_skills: Collection[str],
    *,
    fmt: str = "toml",
    default_types: Mapping[str, str] | None = None,
    default_skill: str | None = None,
) -> QuestionFile:
    """A user's own question file, validated whole; raises BankError listing every problem.

    Only `skill` (per question, for the file, or `default_skill` for questions that name
    none: the skill chosen when importing a plain list) and `prompt` are needed. Warnings
    (columns or fields ignored, a question repeated) are kept in the result; any error
    refuses the whole file.
    """
    data, row_lines, notes = _decode(text, source, fmt, lenient=True)
    checker = _BankChecker(
        source, text, known_skills, default_types or {}, strict=False, default_skill=default_skill
    )
    checker.row_lines = row_lines
    for note in notes:
        checker.problem(note, None, None, line=1, warning=True)
    bank = checker.check(data)
    errors = [p for p in checker.problems if not p.warning]
    if errors or bank is None:
        raise BankError(checker.problems)
    overrides = {r.key: r for r in bank.rubrics}
    return QuestionFile(
        source=source,
        questions=bank.questions,
        content_hash=content_hash(text),
        lines=dict(checker.question_lines),
        rubrics={q.id: overrides[q.type] for q in bank.questions if q.type in overrides},
        warnings=tuple(p for p in checker.problems if p.warning),
        generated_ids=frozenset(checker.generated),
        untyped=bank.untyped,
    )


def parse_question_data(
    raw: Mapping[str, Any],
    source: str,
    known_skills: Collection[str],
    *,
    default_types: Mapping[str, str] | None = None,
    question_id: str | None = None,
) -> Question:
    """One question given as a mapping (the question editor's fields), checked as a user's
    own question; `question_id` keeps an existing question's id. Raises BankError."""
    data = dict(raw)
    if question_id is not None:
        data["id"] = question_id
    checker = _BankChecker(source, "", known_skills, default_types or {}, strict=False)
    bank = checker.check({"questions": [data]})
    errors = [p for p in checker.problems if not p.warning]
    if errors or bank is None or not bank.questions:
        raise BankError(errors or checker.problems)
    return bank.questions[0]


def parse_rubrics_text(
    text: str, source: str, *, fmt: str = "toml", require_every_type: bool = True
) -> tuple[dict[str, Rubric], list[Problem]]:
    """The rubric of each question type in a rubrics file, and every problem found.

    A rubric with a problem is left out (its questions fall back, see Catalog.rubric_for);
    with `require_every_type`, a type without a rubric is a problem too.
    """
    try:
        data, _, _ = _decode(text, source, fmt)
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
        data, _, _ = _decode(text, source, "toml")
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
    if fmt in ("csv", "text"):
        return False
    try:
        data, _, _ = _decode(text, "", fmt)
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

    def problem(
        self,
        message: str,
        field: str | None = None,
        qid: str | None = None,
        *,
        line: int | None = None,
        warning: bool = False,
    ) -> None:
        where = line if line is not None else self._line(field, qid)
        self.problems.append(Problem(self.source, message, qid, field, where, warning))

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
        *,
        strict: bool = True,
        default_skill: str | None = None,
    ) -> None:
        super().__init__(source, text)
        self.known_skills = known_skills
        self.default_types = default_types
        self.strict = strict
        self.default_skill = default_skill
        self.row_lines: list[int] | None = None  # CSV and text: the line of each question
        self.untyped: list[str] = []
        self.generated: set[str] = set()
        self.question_lines: dict[str, int | None] = {}
        # Where problems are being found: the question's index (-1: outside any question)
        # and how many questions so far carried its id (to point at the right duplicate).
        self._question_index = -1
        self._id_occurrence = 1
        self._id_counts: dict[str, int] = {}
        self._question_blocks: list[int] | None = None
        self._anchor: str | None = None  # text to find a question by when it has no id

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
            # Not written as [[questions]] tables (JSON, inline arrays): find its id instead,
            # or, for a question written without one, its prompt.
            if qid is not None and not qid.startswith("#"):
                pattern = re.compile(rf'^\s*"?id"?\s*[=:]\s*"{re.escape(qid)}"')
                found = [n for n, line in enumerate(self.lines, start=1) if pattern.match(line)]
                if len(found) >= self._id_occurrence:
                    return found[self._id_occurrence - 1]
                return self._line_of(f'"{qid}"')
            return self._line_of(self._anchor) if self._anchor else None
        start, end = block
        if field:
            line = self._path_line(field, start, end, "questions.")
            if line is not None and line != start:
                return line + 1
        anchor = self._key_in("id", start, end)
        return (start if anchor is None else anchor) + 1

    # -- the file ------------------------------------------------------------------------
    def check(self, data: Mapping[str, Any]) -> Bank | None:
        file_skill = self._file_skill(data)
        if self.strict and file_skill is None:
            return None
        # A v1 `[rubric]` table is accepted and ignored: rubrics belong to question types now.
        overrides = self.check_rubric_tables(
            data.get("rubrics"), "rubrics", require_every_type=False
        )
        raw_questions = data.get("questions")
        if not isinstance(raw_questions, list) or not raw_questions:
            self.problem(
                "the file has no [[questions]]" if self.strict else "the file has no questions",
                "questions",
            )
            return None
        questions: list[Question] = []
        seen: dict[str, int | None] = {}
        for index, raw in enumerate(raw_questions):
            self._question_index = index
            if self.strict:
                assert file_skill is not None
                question = self._check_question(file_skill, index, raw)
            else:
                question = self._check_user_question(file_skill, index, raw)
            if question is None:
                continue
            line = self._line("prompt", question.id)
            if question.id in seen:
                if question.id in self.generated:
                    where = seen[question.id]
                    self.problem(
                        "the same question (skill and prompt) is already in this file"
                        + (f" on line {where}" if where else "")
                        + "; it is imported once",
                        "prompt",
                        f"#{index + 1}",
                        warning=True,
                    )
                    continue
                self.problem("duplicate question id", "id", question.id)
            seen[question.id] = line
            self.question_lines[question.id] = line
            questions.append(question)
        self._question_index = -1
        skills = {q.skill for q in questions}
        return Bank(
            self.source,
            file_skill or (next(iter(skills)) if len(skills) == 1 else ""),
            tuple(questions),
            rubrics=tuple(overrides.values()),
            untyped=tuple(self.untyped),
        )

    def _file_skill(self, data: Mapping[str, Any]) -> str | None:
        """The skill the whole file names (strict: must name), else the importer's choice."""
        skill = data.get("skill")
        known = ", ".join(sorted(self.known_skills))
        if self.strict:
            found = data.get("skills_found")
            if found:
                self.problem(f"one skill per bank file, found: {', '.join(found)}", "skill")
                return None
            if not isinstance(skill, str) or not skill:
                self.problem("is missing or not text", "skill")
                return None
        if skill is None:
            return self.default_skill
        if not isinstance(skill, str) or not skill.strip():
            self.problem("must be a skill id (text)", "skill")
            self._file_skill_reported = True
            return None
        if skill not in self.known_skills:
            self.problem(f"unknown skill '{skill}' (known: {known})", "skill")
            self._file_skill_reported = True
            return None
        return skill

    _file_skill_reported = False

    def _check_user_question(self, file_skill: str | None, index: int, raw: Any) -> Question | None:
        """A user's own question: `skill` and `prompt` required, everything else optional."""
        if not isinstance(raw, Mapping):
            self.problem(f"question #{index + 1} must be a table", "questions")
            return None
        before = len([p for p in self.problems if not p.warning])
        qid_value = raw.get("id")
        prompt_value = raw.get("prompt")
        self._anchor = (
            json.dumps(prompt_value, ensure_ascii=False)[:60]
            if isinstance(prompt_value, str) and prompt_value.strip()
            else None
        )
        label = qid_value if isinstance(qid_value, str) and qid_value else f"#{index + 1}"
        if isinstance(qid_value, str) and qid_value:
            self._id_occurrence = self._id_counts[label] = self._id_counts.get(label, 0) + 1
        if qid_value is not None:
            if not isinstance(qid_value, str) or not _QUESTION_ID.match(qid_value):
                self.problem(
                    "id must be a slug: a-z, 0-9 and hyphens (or leave it out to have one made)",
                    "id",
                    label,
                )
            elif len(qid_value) > MAX_ID_CHARS:
                self.problem(f"id is longer than {MAX_ID_CHARS} characters", "id", label)
        unknown = sorted(str(k) for k in raw if k not in QUESTION_KEYS)
        if unknown:
            self.problem(
                f"ignored (not a question field): {', '.join(unknown)}",
                unknown[0],
                label,
                warning=True,
            )
        skill = self._question_skill(file_skill, raw, label)
        prompt = self._text(raw, "prompt", label, "prompt")
        if len(prompt) > MAX_PROMPT_CHARS:
            self.problem(
                f"is longer than {MAX_PROMPT_CHARS:,} characters ({len(prompt):,}): shorten it",
                "prompt",
                label,
            )
        qtype = self._check_type(skill, label, raw) if skill else ""
        difficulty = (
            self._int(raw, "difficulty", label, 1, 3) if "difficulty" in raw else DEFAULT_DIFFICULTY
        )
        tracks = self._loose_texts(raw, "tracks", label, split=True) or TRACK_IDS
        for track in tracks:
            if track not in TRACK_IDS:
                self.problem(f"unknown track '{track}' (use intern or pm)", "tracks", label)
        tags = self._loose_texts(raw, "tags", label, split=True)
        time_limit = (
            self._int(raw, "time_limit_s", label, 60, 3600)
            if "time_limit_s" in raw
            else default_time_limit(qtype, difficulty)
        )
        hints = self._loose_texts(raw, "hints", label)
        follow_ups = self._loose_texts(raw, "follow_ups", label)
        outline = (
            self._text(raw, "sample_outline", label, "sample_outline")
            if raw.get("sample_outline") is not None
            else ""
        )
        framework = self._user_framework(label, raw.get("framework"))
        points = self._user_talking_points(label, raw.get("talking_points"))
        examples = self._check_examples(label, raw.get("examples"))
        clarifications = self._check_clarifications(label, raw.get("clarifications"))
        if len([p for p in self.problems if not p.warning]) > before or not skill:
            return None
        qid = qid_value if isinstance(qid_value, str) and qid_value else ""
        if not qid:
            qid = generated_question_id(skill, prompt)
            self.generated.add(qid)
        if label in self.untyped:  # named by its position until its id was known
            self.untyped[self.untyped.index(label)] = qid
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

    def _question_skill(self, file_skill: str | None, raw: Mapping[str, Any], label: str) -> str:
        value = raw.get("skill")
        if value is None:
            if file_skill is None and not self._file_skill_reported:
                self.problem(
                    "is missing: give each question a skill, or one skill for the whole file"
                    " (chosen when importing)",
                    "skill",
                    label,
                )
            return file_skill or ""
        if not isinstance(value, str) or not value.strip():
            self.problem("must be a skill id (text)", "skill", label)
            return ""
        if value not in self.known_skills:
            known = ", ".join(sorted(self.known_skills))
            self.problem(f"unknown skill '{value}' (known: {known})", "skill", label)
            return ""
        return value

    def _loose_texts(
        self, table: Mapping[str, Any], key: str, label: str, *, split: bool = False
    ) -> tuple[str, ...]:
        """An optional list of text; one text is a list of one (`split`: of its parts)."""
        value = table.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            parts = _LOOSE_LIST.split(value) if split else [value]
            return tuple(p.strip() for p in parts if p.strip())
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem("must be a list of text", key, label)
            return ()
        items = tuple(v.strip() for v in value)
        if any(not v for v in items):
            self.problem("must not contain empty text", key, label)
        return tuple(v for v in items if v)

    def _user_framework(self, label: str, raw: Any) -> Framework:
        if raw is None:
            return Framework("", ())
        if isinstance(raw, str):
            return Framework(raw.strip(), ())
        if not isinstance(raw, Mapping):
            self.problem("must be a table with name and steps", "framework", label)
            return Framework("", ())
        name = raw.get("name", "")
        if not isinstance(name, str):
            self.problem(f"must be text, not {type(name).__name__}", "framework.name", label)
            name = ""
        steps = self._loose_texts(raw, "steps", label)
        return Framework(name.strip(), steps)

    def _user_talking_points(self, label: str, raw: Any) -> tuple[TalkingPoint, ...]:
        """Optional; each point needs at least one keyword (what insights look for)."""
        if raw is None:
            return ()
        points: list[TalkingPoint] = []
        for where, item in self._tables(raw, label, "talking_points"):
            point = self._text(item, "point", label, f"{where}.point")
            keywords = self._loose_texts(item, "keywords", label, split=True)
            if not keywords and point:
                self.problem(
                    "needs at least 1 keyword (the words an answer that makes the point uses)",
                    f"{where}.keywords",
                    label,
                )
            points.append(TalkingPoint(point, tuple(k.lower() for k in keywords)))
        return tuple(points)

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
