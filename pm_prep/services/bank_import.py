"""Import a file of your own questions: validated whole, added in one go or not at all.

TOML, JSON, CSV or plain text (one question per line, all of the skill chosen on import).
Only each question's skill and prompt are needed; a question written without an id gets
one made from its skill and prompt, so importing the same file twice adds nothing twice.
Imported questions become your own questions (`source` "import:<file name>"), stored in the
database with everything else you wrote, editable and exportable like the ones you write in
the app. A question already in your bank with the same id is updated when the file says
something new about it (its previous text is kept), and left alone otherwise; importing
never removes a question.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pm_prep.domain.bank_problems import BankError, Problem, content_hash
from pm_prep.services.catalog import (
    IMPORT_SOURCE_PREFIX,
    decode_text,
    default_types,
    is_own_source,
    question_json,
    read_limited,
)
from pm_prep.services.changes import Changes, writes
from pm_prep.services.question_bank import OwnWrite, stored_rows, write_own_questions
from pm_prep.services.workspace import Workspace

if TYPE_CHECKING:
    from pm_prep.domain.bank_format import QuestionFile

# Questions one file may add: enough for any real list, few enough that every page stays fast.
MAX_IMPORT_QUESTIONS = 5000


def import_suffixes() -> tuple[str, ...]:
    """File suffixes an import reads (.toml, .json, .csv, .txt)."""
    from pm_prep.domain.bank_format import FORMATS

    return tuple(FORMATS)


def plural(count: int, noun: str = "question") -> str:
    """`1 question`, `2 questions`, `1,200 questions`."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def read_question_file(
    path: Path,
    skills: set[str],
    types: dict[str, str],
    *,
    skill: str | None = None,
    source: str | None = None,
) -> QuestionFile:
    """Read and validate a file of own questions; BankError lists every problem.

    `skill` is the skill of questions that name none (a plain list needs it).
    """
    from pm_prep.domain.bank_format import (
        format_of,
        parse_question_file,
        unsupported_suffix_message,
    )

    source = source or path.name
    fmt = format_of(path.suffix)
    if fmt is None:
        raise BankError([Problem(source, unsupported_suffix_message(path.suffix))])
    if skill is not None and skill not in skills:
        known = ", ".join(sorted(skills))
        raise BankError(
            [Problem(source, f"unknown skill '{skill}' (known: {known})", field="skill")]
        )
    if not path.is_file():
        raise BankError([Problem(source, "no such file")])
    text = decode_text(read_limited(path, source), source)
    if fmt == "text" and skill is None:
        raise BankError(
            [
                Problem(
                    source,
                    "a plain list of questions needs its skill: choose one when importing "
                    "(pm-prep import-bank FILE --skill ID)",
                    field="skill",
                )
            ]
        )
    parsed = parse_question_file(
        text, source, skills, fmt=fmt, default_types=types, default_skill=skill
    )
    if len(parsed.questions) > MAX_IMPORT_QUESTIONS:
        raise BankError(
            [
                Problem(
                    source,
                    f"has {len(parsed.questions):,} questions; at most "
                    f"{MAX_IMPORT_QUESTIONS:,} can be imported from one file: split it",
                )
            ]
        )
    return parsed


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did, question by question, and what it warned about."""

    file_name: str
    source: str  # the `source` new questions got: "import:<file name>"
    skills: dict[str, int]  # questions in the file per skill
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def questions(self) -> int:
        """Questions in the file."""
        return len(self.added) + len(self.updated) + len(self.unchanged)

    @property
    def skill(self) -> str:
        """The file's one skill, or "" when it mixes skills."""
        return next(iter(self.skills)) if len(self.skills) == 1 else ""

    def summary(self, skill_names: dict[str, str] | None = None) -> str:
        """`Imported 45 questions from prep.csv: Analytical 20, Communication 25.` and so on."""
        names = skill_names or {}
        per_skill = ", ".join(f"{names.get(s, s)} {n:,}" for s, n in self.skills.items())
        new = len(self.added)
        if new == 0 and not self.updated:
            return (
                f"Nothing new in {self.file_name}: "
                + ("its question is" if self.questions == 1 else f"all {self.questions:,} are")
                + " already in your bank."
            )
        parts = []
        if new:
            if len(self.skills) == 1:
                skill = next(iter(self.skills))
                parts.append(f"Imported {plural(new)} for {names.get(skill, skill)}")
            else:
                parts.append(f"Imported {plural(new)} ({per_skill})")
            parts[-1] += f" from {self.file_name}."
        if self.updated:
            verb = "was" if len(self.updated) == 1 else "were"
            parts.append(f"{plural(len(self.updated))} already there {verb} updated.")
        if self.unchanged:
            verb = "was" if len(self.unchanged) == 1 else "were"
            parts.append(f"{plural(len(self.unchanged))} {verb} already in your bank.")
        if self.warnings:
            parts.append(f"{plural(len(self.warnings), 'warning')}.")
        return " ".join(parts)


@writes(Changes.CATALOG)
def import_bank(
    ws: Workspace, path: Path, *, skill: str | None = None, now: datetime | None = None
) -> ImportResult:
    """Validate `path` and add its questions as your own; BankError lists every problem.

    Nothing is written when any problem is an error (warnings alone do not stop it).
    """
    skills = ws.catalog.skills
    parsed = read_question_file(path, set(skills), default_types(skills), skill=skill)
    source = f"{IMPORT_SOURCE_PREFIX}{path.name}"
    stored = stored_rows(ws, (q.id for q in parsed.questions))
    clashes: list[Problem] = []
    todo: list[OwnWrite] = []
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    for question in parsed.questions:
        row = stored.get(question.id)
        line = parsed.lines.get(question.id)
        if row is not None and not is_own_source(row.source):
            what = "a built-in question" if row.source == "builtin" else f"bank file {row.source}"
            retired = " (now retired)" if row.retired else ""
            clashes.append(
                Problem(
                    path.name,
                    f"id is already used by {what}{retired}: give this question another id, "
                    "or leave the id out to have one made",
                    question.id,
                    "id",
                    line,
                )
            )
            continue
        if row is None and question.id in ws.catalog.questions:
            clashes.append(
                Problem(path.name, "id is already used by another bank", question.id, "id", line)
            )
            continue
        rubric = parsed.rubrics.get(question.id)
        body = question_json(question, rubric)
        if row is not None and not row.retired and row.content_hash == content_hash(body):
            unchanged.append(question.id)
            continue
        (added if row is None or row.retired else updated).append(question.id)
        todo.append(OwnWrite(question, source, rubric, row))
    if clashes:
        raise BankError(clashes + list(parsed.warnings))
    if todo:
        write_own_questions(ws, todo, now or datetime.now(UTC))
    return ImportResult(
        file_name=path.name,
        source=source,
        skills=parsed.skills,
        added=tuple(added),
        updated=tuple(updated),
        unchanged=tuple(unchanged),
        warnings=parsed.warnings,
    )
