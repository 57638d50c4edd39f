"""The question bank: every question with your progress on it; write, edit, hide, delete,
retire and export your own questions.

A user's own question lives in its row of `questions` (`source` "own", or
"import:<file name>" when it came from a file): its `content_json` is the question's truth,
read into the catalog when the data folder opens (`catalog.load_own_questions`). Every
write here changes the database in one transaction and then the in-memory catalog
(`ws.loaded`), so every page sees it as soon as the action runner announces
`Changes.CATALOG`. Earlier versions of an own question are kept in `question_versions`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pm_prep.domain.bank_problems import BankError, Problem, content_hash
from pm_prep.domain.content import Question, Rubric
from pm_prep.services.catalog import (
    BUILTIN_SOURCE,
    IMPORT_SOURCE_PREFIX,
    OWN_SOURCE,
    default_types,
    is_own_source,
    question_from_json,
    question_json,
)
from pm_prep.services.changes import Changes, writes
from pm_prep.services.workspace import Workspace

_STORED_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how UTCDateTime columns store times
_CHUNK = 500  # ids per query, well under SQLite's limit on bound parameters


class QuestionBankError(ValueError):
    """A request about the bank the user can correct (shown as it is)."""


# -- reading -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class QuestionStats:
    """What the database knows about one question beside its content."""

    source: str = BUILTIN_SOURCE
    attempts: int = 0
    last_score: float | None = None  # of the latest rated attempt, 0-100
    next_review: datetime | None = None  # when spaced repetition brings it back (UTC)
    hidden: bool = False
    versions: int = 0  # earlier versions kept (own questions)
    added_at: datetime | None = None

    @property
    def own(self) -> bool:
        return is_own_source(self.source)

    def due(self, now: datetime) -> bool:
        return self.next_review is not None and self.next_review <= now


# One query, four small sources: attempts (the covering index on question, time and score:
# SQLite takes the bare `score` from the row holding the MAX, the latest rated attempt),
# review cards, hidden questions and kept versions. The `questions` table, whose rows hold
# each question's whole content, is not read at all.
STATS_SQL = """
SELECT 'a', question_id, COUNT(*), score,
       MAX(CASE WHEN score IS NOT NULL THEN submitted_at END)
FROM attempts GROUP BY question_id
UNION ALL
SELECT 'r', question_id, 0, NULL, (julianday(due) - 2440587.5) * 86400.0 FROM review_cards
UNION ALL
SELECT 'h', question_id, 0, NULL, NULL FROM hidden_questions
UNION ALL
SELECT 'v', question_id, COUNT(*), NULL, NULL FROM question_versions GROUP BY question_id
"""


def _stored_time(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.strptime(text, _STORED_TIME).replace(tzinfo=UTC)


def question_sources(ws: Workspace) -> dict[str, str]:
    """Each catalog question's `source` (as the database keeps it), from memory."""
    sources: dict[str, str] = {}
    for bank in ws.loaded.banks:
        label = BUILTIN_SOURCE if bank.source in ws.loaded.builtin_sources else bank.source
        for question in bank.questions:
            sources.setdefault(question.id, label)
    sources.update(ws.loaded.own)
    return sources


def question_stats(ws: Workspace) -> dict[str, QuestionStats]:
    """Per catalog question: source, attempts, last score, next review, hidden, versions.

    One query with stdlib sqlite3 (see STATS_SQL); sources come from the catalog.
    """
    with ws.db.raw() as conn:
        rows = conn.execute(STATS_SQL).fetchall()
    attempts: dict[str, tuple[int, float | None]] = {}
    due: dict[str, float] = {}
    hidden: set[str] = set()
    versions: dict[str, int] = {}
    for kind, qid, count, score, value in rows:
        if kind == "a":
            attempts[qid] = (int(count), None if score is None else float(score))
        elif kind == "r" and value is not None:
            due[qid] = float(value)
        elif kind == "h":
            hidden.add(qid)
        elif kind == "v":
            versions[qid] = int(count)
    found = {}
    for qid, source in question_sources(ws).items():
        if qid not in ws.catalog.questions:
            continue
        count, last = attempts.get(qid, (0, None))
        when = due.get(qid)
        found[qid] = QuestionStats(
            source=source,
            attempts=count,
            last_score=last,
            next_review=None if when is None else datetime.fromtimestamp(when, UTC),
            hidden=qid in hidden,
            versions=versions.get(qid, 0),
        )
    return found


def added_at(ws: Workspace, question_id: str) -> datetime | None:
    """When a question first came into the database (UTC); None if it is not there."""
    with ws.db.raw() as conn:
        row = conn.execute(
            "SELECT first_seen_at FROM questions WHERE id = ?", (question_id,)
        ).fetchone()
    return _stored_time(row[0]) if row else None


def hidden_ids(ws: Workspace) -> set[str]:
    """Questions hidden from practice and mocks."""
    from pm_prep.services.practice import hidden_question_ids

    return hidden_question_ids(ws)


@dataclass(frozen=True, slots=True)
class QuestionVersion:
    saved_at: datetime  # when it was replaced by a newer text (UTC)
    question: Question


def question_versions(ws: Workspace, question_id: str) -> list[QuestionVersion]:
    """Earlier versions of an own question, newest first."""
    with ws.db.raw() as conn:
        rows = conn.execute(
            "SELECT saved_at, content_json FROM question_versions WHERE question_id = ? "
            "ORDER BY saved_at DESC, id DESC",
            (question_id,),
        ).fetchall()
    found = []
    for saved_at, body in rows:
        when = _stored_time(saved_at)
        try:
            question, _ = question_from_json(body)
        except (ValueError, KeyError, TypeError, IndexError):
            continue
        if when is not None:
            found.append(QuestionVersion(when, question))
    return found


def is_own(ws: Workspace, question_id: str) -> bool:
    """Whether a question in the catalog is the user's own (editable, deletable)."""
    return question_id in ws.loaded.own


# -- the bank's rows and filters ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BankRow:
    """One question as the bank's table shows it, with what search looks through."""

    question: Question
    stats: QuestionStats
    skill_name: str
    search_text: str  # prompt, id, skill, type, tags, framework and talking points, casefolded

    @property
    def question_id(self) -> str:
        return self.question.id


def _search_text(question: Question, skill_name: str) -> str:
    parts = [
        question.prompt,
        question.id,
        skill_name,
        question.type_name,
        question.difficulty_name,
        question.framework.name,
        *question.tags,
        *(tp.point for tp in question.talking_points),
    ]
    return " ".join(" ".join(parts).split()).casefold()


SearchTexts = dict[str, tuple[Question, str]]


def bank_rows(
    ws: Workspace,
    stats: Mapping[str, QuestionStats] | None = None,
    texts: SearchTexts | None = None,
) -> list[BankRow]:
    """Every question in the catalog with its progress, in the catalog's order.

    `texts` keeps each question's search text between calls (made again only for a
    question whose content changed), so reading the bank again costs the query alone.
    """
    stats = question_stats(ws) if stats is None else stats
    names = {s.id: s.name for s in ws.catalog.skills.values()}
    texts = {} if texts is None else texts
    rows = []
    for qid, question in ws.catalog.questions.items():
        found = stats.get(qid) or QuestionStats(source=ws.loaded.own.get(qid, BUILTIN_SOURCE))
        name = names.get(question.skill, question.skill)
        kept = texts.get(qid)
        if kept is None or kept[0] is not question:
            kept = texts[qid] = (question, _search_text(question, name))
        rows.append(BankRow(question, found, name, kept[1]))
    return rows


ANY = ""
SOURCE_BUILTIN = "builtin"
SOURCE_OWN = "own"  # written here or imported
SOURCE_WRITTEN = "written"  # written in the question editor
HIDDEN_CHOICES = {ANY: "Shown and hidden", "shown": "Shown in practice", "hidden": "Hidden"}
PROGRESS_CHOICES = {
    ANY: "Any progress",
    "never": "Never attempted",
    "attempted": "Attempted",
    "due": "Due for review",
}


@dataclass(frozen=True, slots=True)
class BankFilter:
    """What the bank shows: search words (all must appear) and one choice per filter.

    `source` is "", "builtin", "own", "written" or a question's own source
    ("import:prep.csv"). Empty means any.
    """

    text: str = ""
    skill: str = ANY
    type: str = ANY
    difficulty: int = 0
    track: str = ANY
    source: str = ANY
    hidden: str = ANY
    progress: str = ANY

    @property
    def active(self) -> bool:
        return self != BankFilter()


def _source_matches(wanted: str, source: str) -> bool:
    if wanted == ANY:
        return True
    if wanted == SOURCE_BUILTIN:
        return source == BUILTIN_SOURCE
    if wanted == SOURCE_OWN:
        return is_own_source(source)
    if wanted == SOURCE_WRITTEN:
        return source == OWN_SOURCE
    return source == wanted


def filter_rows(
    rows: Sequence[BankRow], wanted: BankFilter, now: datetime | None = None
) -> list[BankRow]:
    """The rows that match every filter and contain every search word (any case).

    One list comprehension per filter in use, the narrowest first: a few milliseconds for
    2,000 questions.
    """
    now = now or datetime.now(UTC)
    found = list(rows)
    if wanted.skill:
        found = [r for r in found if r.question.skill == wanted.skill]
    if wanted.type:
        found = [r for r in found if r.question.type == wanted.type]
    if wanted.difficulty:
        found = [r for r in found if r.question.difficulty == wanted.difficulty]
    if wanted.track:
        found = [r for r in found if wanted.track in r.question.tracks]
    if wanted.source:
        found = [r for r in found if _source_matches(wanted.source, r.stats.source)]
    if wanted.hidden:
        hidden = wanted.hidden == "hidden"
        found = [r for r in found if r.stats.hidden == hidden]
    if wanted.progress == "never":
        found = [r for r in found if not r.stats.attempts]
    elif wanted.progress == "attempted":
        found = [r for r in found if r.stats.attempts]
    elif wanted.progress == "due":
        found = [r for r in found if r.stats.due(now)]
    for word in wanted.text.casefold().split():
        found = [r for r in found if word in r.search_text]
    return found


def import_sources(rows: Iterable[BankRow]) -> list[str]:
    """The files your questions were imported from, as `source` values, in name order."""
    return sorted({r.stats.source for r in rows if r.stats.source.startswith(IMPORT_SOURCE_PREFIX)})


# -- storing own questions (shared with bank_import) ---------------------------------------
@dataclass(frozen=True, slots=True)
class StoredRow:
    """What the database holds for an id: source, content hash, retired or not."""

    source: str
    content_hash: str
    content_json: str
    retired: bool


def stored_rows(ws: Workspace, ids: Iterable[str]) -> dict[str, StoredRow]:
    """The `questions` rows for these ids (any source, retired or not)."""
    wanted = list(dict.fromkeys(ids))
    found: dict[str, StoredRow] = {}
    with ws.db.raw() as conn:
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            for qid, source, digest, body, retired in conn.execute(
                "SELECT id, source, content_hash, content_json, retired_at IS NOT NULL "
                f"FROM questions WHERE id IN ({marks})",
                chunk,
            ):
                found[str(qid)] = StoredRow(str(source), str(digest), str(body), bool(retired))
    return found


@dataclass(frozen=True, slots=True)
class OwnWrite:
    """One own question to insert or update: `previous` is the row it replaces, if any."""

    question: Question
    source: str
    rubric: Rubric | None = None
    previous: StoredRow | None = None


def write_own_questions(ws: Workspace, writes_: Sequence[OwnWrite], now: datetime) -> None:
    """Insert or update own questions in one transaction, keeping each replaced version;
    then put them in the catalog. Past readiness is recomputed (coverage counts changed)."""
    from sqlalchemy import delete, insert, update

    from pm_prep.storage.models import QuestionRow, QuestionVersionRow, ReadinessSnapshotRow

    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    versions: list[dict[str, Any]] = []
    for item in writes_:
        question = item.question
        body = question_json(question, item.rubric)
        values = {
            "id": question.id,
            "skill_id": question.skill,
            "difficulty": question.difficulty,
            "tracks": " ".join(question.tracks),
            "prompt": question.prompt,
            "content_json": body,
            "content_hash": content_hash(body),
            "updated_at": now,
            "retired_at": None,
        }
        if item.previous is None:
            inserts.append({**values, "source": item.source, "first_seen_at": now})
        else:
            updates.append(values)
            if item.previous.content_hash != values["content_hash"]:
                versions.append(
                    {
                        "question_id": question.id,
                        "saved_at": now,
                        "content_json": item.previous.content_json,
                    }
                )
    with ws.db.transaction() as session:
        if inserts:
            session.execute(insert(QuestionRow), inserts)
        if updates:
            session.execute(update(QuestionRow), updates)
        if versions:
            session.execute(insert(QuestionVersionRow), versions)
        session.execute(delete(ReadinessSnapshotRow))
    catalog = ws.catalog
    for item in writes_:
        qid = item.question.id
        catalog.questions[qid] = item.question
        kept = item.previous.source if item.previous is not None else item.source
        ws.loaded.own[qid] = kept if is_own_source(kept) else item.source
        if item.rubric is not None:
            catalog.rubric_overrides[qid] = item.rubric
        else:
            catalog.rubric_overrides.pop(qid, None)


def problems_text(problems: Sequence[Problem]) -> str:
    """Problems of one question as the editor shows them: field and message, one a line."""
    lines = []
    for problem in problems:
        if problem.warning:
            continue
        field = (problem.field or "").split("[")[0].replace("_", " ")
        lines.append(f"{field}: {problem.message}" if field else problem.message)
    return "\n".join(lines)


def check_question(
    ws: Workspace, fields: Mapping[str, Any], *, question_id: str | None = None
) -> Question:
    """The question the editor's fields make, validated as an own question.

    Raises QuestionBankError saying every problem (a read: the editor calls it as you type).
    """
    from pm_prep.domain.bank_format import parse_question_data

    skills = ws.catalog.skills
    try:
        return parse_question_data(
            fields,
            "your question",
            set(skills),
            default_types=default_types(skills),
            question_id=question_id,
        )
    except BankError as exc:
        raise QuestionBankError(problems_text(exc.problems)) from None


# -- writes ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SavedQuestion:
    question_id: str
    created: bool  # a new question (or one brought back from retirement)
    changed: bool  # False when nothing differed from what was stored


@writes(Changes.CATALOG)
def save_question(
    ws: Workspace,
    fields: Mapping[str, Any],
    *,
    question_id: str | None = None,
    now: datetime | None = None,
) -> SavedQuestion:
    """Add a question of your own (`question_id` None) or edit one of yours.

    Only `skill` and `prompt` are needed. A new question gets a stable id made from its
    skill and prompt. An edit keeps the id (attempts point at it) and keeps the text it
    replaces in the question's history. The skill of an answered question stays: its
    attempts and readiness belong to that skill.
    """
    now = now or datetime.now(UTC)
    if question_id is not None and not is_own(ws, question_id):
        if question_id in ws.catalog.questions:
            raise QuestionBankError(
                "Only your own questions can be edited. A built-in question can be hidden."
            )
        raise QuestionBankError("That question is no longer in the bank.")
    question = check_question(ws, fields, question_id=question_id)
    rubric = ws.catalog.rubric_overrides.get(question.id) if question_id else None
    if rubric is not None and question.type != ws.catalog.questions[question.id].type:
        rubric = None  # the file's rubric was for the old type
    stored = stored_rows(ws, [question.id]).get(question.id)
    if question_id is None:
        if question.id in ws.catalog.questions:
            raise QuestionBankError(
                "You already have this question (the same skill and prompt)."
                if is_own(ws, question.id)
                else "A built-in question already has this id."
            )
        if stored is not None and not is_own_source(stored.source):
            raise QuestionBankError("A retired built-in question had this id; change the prompt.")
        write_own_questions(ws, [OwnWrite(question, OWN_SOURCE, None, stored)], now)
        return SavedQuestion(question.id, created=True, changed=True)
    old = ws.catalog.questions[question.id]
    if question == old:
        return SavedQuestion(question.id, created=False, changed=False)
    if question.skill != old.skill and _answered(ws, question.id):
        skill = ws.catalog.skills.get(old.skill)
        raise QuestionBankError(
            f"You have answered this question as {skill.name if skill else old.skill}, so its "
            "skill stays. Write a new question for the other skill."
        )
    source = ws.loaded.own[question.id]
    write_own_questions(ws, [OwnWrite(question, source, rubric, stored)], now)
    return SavedQuestion(question.id, created=False, changed=True)


def _answered(ws: Workspace, question_id: str) -> bool:
    with ws.db.raw() as conn:
        return (
            conn.execute(
                "SELECT 1 FROM attempts WHERE question_id = ? LIMIT 1", (question_id,)
            ).fetchone()
            is not None
        )


def _in_use(ws: Workspace, question_id: str) -> bool:
    """Anything of the user's points at the question: an attempt, a draft, a mock round."""
    with ws.db.raw() as conn:
        return any(
            conn.execute(
                f"SELECT 1 FROM {table} WHERE question_id = ? LIMIT 1", (question_id,)
            ).fetchone()
            is not None
            for table in ("attempts", "drafts", "mock_rounds")
        )


@writes(Changes.CATALOG)
def delete_question(ws: Workspace, question_id: str, *, now: datetime | None = None) -> str:
    """Remove one of your own questions: deleted if nothing points at it, else retired.

    Returns "deleted" or "retired". A retired question leaves the bank, practice and mocks;
    its attempts (and any draft) stay in History, and importing it again brings it back.
    """
    from sqlalchemy import delete, update

    from pm_prep.storage.models import (
        HiddenQuestionRow,
        QuestionRow,
        QuestionVersionRow,
        ReadinessSnapshotRow,
        ReviewCardRow,
    )

    if not is_own(ws, question_id):
        raise QuestionBankError(
            "Only your own questions can be deleted. A built-in question can be hidden."
        )
    now = now or datetime.now(UTC)
    retire = _in_use(ws, question_id)
    with ws.db.transaction() as session:
        if retire:
            session.execute(
                update(QuestionRow).where(QuestionRow.id == question_id).values(retired_at=now)
            )
        else:
            for model in (QuestionVersionRow, HiddenQuestionRow, ReviewCardRow):
                session.execute(delete(model).where(model.question_id == question_id))
            session.execute(delete(QuestionRow).where(QuestionRow.id == question_id))
        session.execute(delete(ReadinessSnapshotRow))
    ws.catalog.questions.pop(question_id, None)
    ws.catalog.rubric_overrides.pop(question_id, None)
    ws.loaded.own.pop(question_id, None)
    return "retired" if retire else "deleted"


@writes(Changes.CATALOG)
def set_hidden(
    ws: Workspace, question_id: str, hidden: bool, *, now: datetime | None = None
) -> bool:
    """Hide a question from practice and mocks, or show it again; returns `hidden`."""
    from sqlalchemy import delete

    from pm_prep.storage.models import HiddenQuestionRow

    if question_id not in ws.catalog.questions:
        raise QuestionBankError("That question is no longer in the bank.")
    with ws.db.transaction() as session:
        if hidden:
            if session.get(HiddenQuestionRow, question_id) is None:
                session.add(
                    HiddenQuestionRow(question_id=question_id, hidden_at=now or datetime.now(UTC))
                )
        else:
            session.execute(
                delete(HiddenQuestionRow).where(HiddenQuestionRow.question_id == question_id)
            )
    return hidden


# -- export ----------------------------------------------------------------------------------
def own_questions(ws: Workspace) -> list[Question]:
    """Your own questions in the bank, in the order they were added."""
    return [ws.catalog.questions[qid] for qid in ws.loaded.own if qid in ws.catalog.questions]


def export_questions(
    ws: Workspace,
    target: Path,
    fmt: str | None = None,
    *,
    question_ids: Sequence[str] | None = None,
) -> int:
    """Write your own questions (or the given ones) to `target` atomically; returns how many.

    `fmt` is toml, json, csv or text; None takes it from the file's suffix. It writes no
    data of the app, so it announces no change.
    """
    from pm_prep.domain.bank_export import EXPORT_FORMATS, SUFFIXES, export_text

    if fmt is None:
        by_suffix = {suffix: name for name, suffix in SUFFIXES.items()}
        fmt = by_suffix.get(target.suffix.lower())
        if fmt is None:
            raise QuestionBankError(
                f"Choose a file ending in {', '.join(SUFFIXES.values())} to export to."
            )
    if fmt not in EXPORT_FORMATS:
        raise QuestionBankError(f"Unknown export format '{fmt}'.")
    if question_ids is None:
        questions = own_questions(ws)
    else:
        questions = [ws.catalog.questions[q] for q in question_ids if q in ws.catalog.questions]
    rubrics = {q.id: r for q in questions if (r := ws.catalog.rubric_overrides.get(q.id))}
    names = {s.id: s.name for s in ws.catalog.skills.values()}
    text = export_text(questions, fmt, rubrics=rubrics, skill_names=names)
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)  # never leave a half-written export behind
        raise
    return len(questions)
