"""Parse and validate question-bank files (TOML or JSON) into `Bank` values.

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
    Bank,
    Criterion,
    Framework,
    Question,
    Rubric,
    TalkingPoint,
)

MAX_PROMPT_CHARS = 2000
TRACK_IDS = ("intern", "pm")
_QUESTION_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CRITERION_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_TOML_LINE = re.compile(r"at line (\d+)")
_INDEXED_FIELD = re.compile(r"^(?P<table>[a-z_.]+)\[(?P<index>\d+)\]\.(?P<key>\w+)")


def parse_bank_text(
    text: str,
    source: str,
    known_skills: Collection[str],
    *,
    fmt: str = "toml",
    require_rubric: bool = True,
) -> Bank:
    """Parse a bank from text; raises BankError listing every problem."""
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
    checker = _BankChecker(source, text, known_skills, require_rubric)
    checker.row_lines = row_lines
    bank = checker.check(data)
    if checker.problems or bank is None:
        raise BankError(checker.problems)
    return Bank(
        source=bank.source,
        skill=bank.skill,
        rubric=bank.rubric,
        questions=bank.questions,
        content_hash=content_hash(text),
    )


class _BankChecker:
    def __init__(
        self, source: str, text: str, known_skills: Collection[str], require_rubric: bool
    ) -> None:
        self.source = source
        self.text = text
        self.lines = text.splitlines()
        self.known_skills = known_skills
        self.require_rubric = require_rubric
        self.problems: list[Problem] = []
        self.row_lines: list[int] | None = None  # CSV: the line of each question's row
        # Where problems are being found: the question's index (-1: outside any question)
        # and how many questions so far carried its id (to point at the right duplicate).
        self._question_index = -1
        self._id_occurrence = 1
        self._id_counts: dict[str, int] = {}
        self._headers: dict[str, list[int]] = {}

    # -- reporting -----------------------------------------------------------------
    def _line_of(self, needle: str) -> int | None:
        for number, line in enumerate(self.lines, start=1):
            if needle in line:
                return number
        return None

    def _block(self, table: str, index: int) -> tuple[int, int] | None:
        """0-based [start, end) lines of the index-th `[[table]]` of a TOML file, if written so."""
        if table not in self._headers:
            self._headers[table] = [
                n for n, line in enumerate(self.lines) if line.strip().startswith(f"[[{table}]]")
            ]
        starts = self._headers[table]
        if index >= len(starts):
            return None
        start = starts[index]
        end = start + 1
        while end < len(self.lines):
            stripped = self.lines[end].strip()
            # The block ends at the next table that is not one of its own sub-tables.
            if stripped.startswith("[") and not stripped.lstrip("[").startswith(f"{table}."):
                break
            end += 1
        return start, end

    def _key_in(self, key: str, start: int, end: int) -> int | None:
        """0-based line in [start, end) that sets `key` or opens its sub-table."""
        for n in range(start, min(end, len(self.lines))):
            stripped = self.lines[n].strip()
            if stripped.startswith((f"{key} ", f"{key}=", f'"{key}"')) or stripped.rstrip(
                "]"
            ).endswith(f".{key}"):
                return n
        return None

    def _question_line(self, qid: str | None, field: str | None) -> int | None:
        if self.row_lines is not None:
            return self.row_lines[self._question_index]
        block = self._block("questions", self._question_index)
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
        anchor = self._key_in("id", start, end)
        anchor = start if anchor is None else anchor
        if field:
            line = self._key_in(field.split(".")[0].split("[")[0], start, end)
            if line is not None:
                return line + 1
        return anchor + 1

    def _field_line(self, field: str) -> int | None:
        indexed = _INDEXED_FIELD.match(field)
        if indexed:
            block = self._block(indexed["table"], int(indexed["index"]))
            if block is not None:
                line = self._key_in(indexed["key"], *block)
                return (block[0] if line is None else line) + 1
        key = field.split(".")[-1].split("[")[0]
        line = self._key_in(key, 0, len(self.lines))
        return self._line_of(key) if line is None else line + 1

    def _problem(self, message: str, *, qid: str | None = None, field: str | None = None) -> None:
        if self._question_index >= 0:
            line = self._question_line(qid, field)
        else:
            line = self._field_line(field) if field else None
        self.problems.append(Problem(self.source, message, qid, field, line))

    # -- typed getters ---------------------------------------------------------------
    def _text(self, table: Mapping[str, Any], key: str, qid: str | None, label: str) -> str:
        value = table.get(key)
        if value is None:
            self._problem("is missing", qid=qid, field=label)
            return ""
        if not isinstance(value, str):
            self._problem(f"must be text, not {type(value).__name__}", qid=qid, field=label)
            return ""
        if not value.strip():
            self._problem("must not be empty", qid=qid, field=label)
        return value.strip()

    def _texts(
        self, table: Mapping[str, Any], key: str, qid: str | None, label: str, minimum: int
    ) -> tuple[str, ...]:
        value = table.get(key)
        if value is None:
            self._problem("is missing", qid=qid, field=label)
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self._problem("must be a list of text", qid=qid, field=label)
            return ()
        items = tuple(v.strip() for v in value)
        if any(not v for v in items):
            self._problem("must not contain empty text", qid=qid, field=label)
        if len(items) < minimum:
            self._problem(
                f"needs at least {minimum} entries, has {len(items)}", qid=qid, field=label
            )
        return items

    def _int(self, table: Mapping[str, Any], key: str, qid: str | None, low: int, high: int) -> int:
        value = table.get(key)
        if value is None:
            self._problem("is missing", qid=qid, field=key)
            return low
        if isinstance(value, bool) or not isinstance(value, int):
            self._problem(f"must be a whole number, not {type(value).__name__}", qid=qid, field=key)
            return low
        if not low <= value <= high:
            self._problem(f"must be from {low} to {high}, is {value}", qid=qid, field=key)
        return value

    # -- the file ------------------------------------------------------------------
    def check(self, data: Mapping[str, Any]) -> Bank | None:
        skill = data.get("skill")
        if not isinstance(skill, str) or not skill:
            self._problem("is missing or not text", field="skill")
            return None
        if skill not in self.known_skills:
            known = ", ".join(sorted(self.known_skills))
            self._problem(f"unknown skill '{skill}' (known: {known})", field="skill")
            return None
        rubric = self._check_rubric(skill, data.get("rubric"))
        raw_questions = data.get("questions")
        if not isinstance(raw_questions, list) or not raw_questions:
            self._problem("the file has no [[questions]]", field="questions")
            return None
        questions: list[Question] = []
        seen: set[str] = set()
        for index, raw in enumerate(raw_questions):
            self._question_index = index
            question = self._check_question(skill, index, raw)
            if question is None:
                continue
            if question.id in seen:
                self._problem("duplicate question id", qid=question.id, field="id")
            seen.add(question.id)
            questions.append(question)
        self._question_index = -1
        return Bank(self.source, skill, rubric, tuple(questions))

    def _check_rubric(self, skill: str, raw: Any) -> Rubric:
        if raw is None and not self.require_rubric:
            return Rubric(skill, ())
        if not isinstance(raw, Mapping) or not isinstance(raw.get("criteria"), list):
            self._problem("needs a [rubric] with [[rubric.criteria]]", field="rubric")
            return Rubric(skill, ())
        criteria: list[Criterion] = []
        for index, item in enumerate(raw["criteria"]):
            label = f"rubric.criteria[{index}]"
            if not isinstance(item, Mapping):
                self._problem("must be a table", field=label)
                continue
            cid = self._text(item, "id", None, f"{label}.id")
            if cid and not _CRITERION_ID.match(cid):
                self._problem("id must use a-z, 0-9 and _", field=f"{label}.id")
            name = self._text(item, "name", None, f"{label}.name")
            description = str(item.get("description", "")).strip()
            levels = self._texts(item, "levels", None, f"{label}.levels", 5)
            if len(levels) > 5:
                self._problem("needs exactly 5 levels", field=f"{label}.levels")
            if len(levels) == 5:
                criteria.append(Criterion(cid, name, description, levels))
        ids = [c.id for c in criteria]
        if len(set(ids)) != len(ids):
            self._problem("criterion ids must be unique", field="rubric.criteria")
        if not 3 <= len(raw["criteria"]) <= 5:
            self._problem(
                f"needs 3 to 5 criteria, has {len(raw['criteria'])}", field="rubric.criteria"
            )
        return Rubric(skill, tuple(criteria))

    def _check_question(self, skill: str, index: int, raw: Any) -> Question | None:
        if not isinstance(raw, Mapping):
            self._problem(f"question #{index + 1} must be a table", field="questions")
            return None
        qid_value = raw.get("id")
        if not isinstance(qid_value, str) or not qid_value:
            self._problem(f"question #{index + 1} has no id", field="id")
            return None
        qid = qid_value
        self._id_occurrence = self._id_counts[qid] = self._id_counts.get(qid, 0) + 1
        before = len(self.problems)
        if not _QUESTION_ID.match(qid):
            self._problem("id must be a slug: a-z, 0-9 and hyphens", qid=qid, field="id")
        q_skill = raw.get("skill", skill)
        if q_skill != skill:
            self._problem(
                f"skill '{q_skill}' differs from the file's '{skill}'", qid=qid, field="skill"
            )
        prompt = self._text(raw, "prompt", qid, "prompt")
        if len(prompt) > MAX_PROMPT_CHARS:
            self._problem(f"is longer than {MAX_PROMPT_CHARS} characters", qid=qid, field="prompt")
        difficulty = self._int(raw, "difficulty", qid, 1, 3)
        tracks = self._texts(raw, "tracks", qid, "tracks", 1)
        for track in tracks:
            if track not in TRACK_IDS:
                self._problem(
                    f"unknown track '{track}' (use intern or pm)", qid=qid, field="tracks"
                )
        tags = self._texts(raw, "tags", qid, "tags", 0) if "tags" in raw else ()
        time_limit = self._int(raw, "time_limit_s", qid, 60, 3600)
        hints = self._texts(raw, "hints", qid, "hints", 2)
        follow_ups = self._texts(raw, "follow_ups", qid, "follow_ups", 1)
        outline = self._text(raw, "sample_outline", qid, "sample_outline")
        framework = self._check_framework(qid, raw.get("framework"))
        points = self._check_talking_points(qid, raw.get("talking_points"))
        if len(self.problems) > before:
            return None
        return Question(
            id=qid,
            skill=skill,
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
        )

    def _check_framework(self, qid: str, raw: Any) -> Framework:
        if not isinstance(raw, Mapping):
            self._problem("is missing (needs name and steps)", qid=qid, field="framework")
            return Framework("", ())
        name = self._text(raw, "name", qid, "framework.name")
        steps = self._texts(raw, "steps", qid, "framework.steps", 2)
        return Framework(name, steps)

    def _check_talking_points(self, qid: str, raw: Any) -> tuple[TalkingPoint, ...]:
        if not isinstance(raw, list):
            self._problem("is missing", qid=qid, field="talking_points")
            return ()
        points: list[TalkingPoint] = []
        for index, item in enumerate(raw):
            label = f"talking_points[{index}]"
            if not isinstance(item, Mapping):
                self._problem("must be a table", qid=qid, field=label)
                continue
            point = self._text(item, "point", qid, f"{label}.point")
            keywords = self._texts(item, "keywords", qid, f"{label}.keywords", 2)
            points.append(TalkingPoint(point, tuple(k.lower() for k in keywords)))
        if len(raw) < 3:
            self._problem(
                f"needs at least 3 entries, has {len(raw)}", qid=qid, field="talking_points"
            )
        return tuple(points)
