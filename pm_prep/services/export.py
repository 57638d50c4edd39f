"""Export every answer the user wrote, in Markdown, CSV or JSON."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from pm_prep.services.workspace import Workspace
from pm_prep.storage.models import AttemptRow, QuestionRow

FORMATS = ("md", "csv", "json")


@dataclass(frozen=True, slots=True)
class ExportedAnswer:
    attempt_id: int
    question_id: str
    skill: str
    prompt: str
    submitted_at: str
    duration_s: int
    hints_used: int
    score: float | None
    criterion_scores: dict[str, int]
    self_note: str
    answer: str


def _exported(attempt: AttemptRow, prompt: str) -> ExportedAnswer:
    return ExportedAnswer(
        attempt_id=attempt.id,
        question_id=attempt.question_id,
        skill=attempt.skill_id,
        prompt=prompt,
        submitted_at=attempt.submitted_at.astimezone(UTC).isoformat(),
        duration_s=attempt.duration_s,
        hints_used=attempt.hints_used,
        score=attempt.score,
        criterion_scores={c.criterion_id: c.score for c in attempt.criterion_scores},
        self_note=attempt.self_note,
        answer=attempt.answer_text,
    )


def exported_answers(
    ws: Workspace, attempt_ids: Sequence[int] | None = None
) -> Iterator[ExportedAnswer]:
    """Every attempt, oldest first, with its question's prompt and its ratings.

    With `attempt_ids`, only those attempts, in that order (the rows the History page
    shows); ids that no longer exist are skipped.
    """
    if attempt_ids is not None:
        yield from _chosen_answers(ws, attempt_ids)
        return
    with ws.db.session() as session:
        rows = session.execute(
            select(AttemptRow, QuestionRow.prompt)
            .join(QuestionRow, QuestionRow.id == AttemptRow.question_id)
            .order_by(AttemptRow.submitted_at, AttemptRow.id)
        )
        for attempt, prompt in rows:
            yield _exported(attempt, prompt)


_CHUNK = 500  # ids per query, well under SQLite's limit on bound parameters


def _chosen_answers(ws: Workspace, attempt_ids: Sequence[int]) -> Iterator[ExportedAnswer]:
    with ws.db.session() as session:
        for start in range(0, len(attempt_ids), _CHUNK):
            chunk = list(attempt_ids[start : start + _CHUNK])
            found = {
                attempt.id: (attempt, prompt)
                for attempt, prompt in session.execute(
                    select(AttemptRow, QuestionRow.prompt)
                    .join(QuestionRow, QuestionRow.id == AttemptRow.question_id)
                    .where(AttemptRow.id.in_(chunk))
                )
            }
            for attempt_id in chunk:
                if attempt_id in found:
                    yield _exported(*found[attempt_id])
            session.expunge_all()  # a long export keeps one chunk of rows in memory


def export_answers(
    ws: Workspace, fmt: str, target: Path, *, attempt_ids: Sequence[int] | None = None
) -> int:
    """Write the export to `target` atomically; returns the number of answers.

    Every answer, oldest first; with `attempt_ids`, those answers in that order.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format '{fmt}'")
    answers = list(exported_answers(ws, attempt_ids))
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as handle:
            if fmt == "json":
                json.dump([asdict(a) for a in answers], handle, ensure_ascii=False, indent=2)
            elif fmt == "csv":
                writer = csv.writer(handle)
                writer.writerow(
                    [
                        "attempt_id",
                        "question_id",
                        "skill",
                        "submitted_at_utc",
                        "duration_s",
                        "hints_used",
                        "score",
                        "criterion_scores",
                        "self_note",
                        "prompt",
                        "answer",
                    ]
                )
                for a in answers:
                    writer.writerow(
                        [
                            a.attempt_id,
                            a.question_id,
                            a.skill,
                            a.submitted_at,
                            a.duration_s,
                            a.hints_used,
                            "" if a.score is None else f"{a.score:.1f}",
                            json.dumps(a.criterion_scores),
                            a.self_note,
                            a.prompt,
                            a.answer,
                        ]
                    )
            else:
                handle.write(_markdown(answers))
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)  # never leave a half-written export behind
        raise
    return len(answers)


def _markdown(answers: list[ExportedAnswer]) -> str:
    stamp = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    parts = [f"# PM Prep answers\n\nExported {stamp}; {len(answers)} answers.\n"]
    for a in answers:
        when = datetime.fromisoformat(a.submitted_at).astimezone().strftime("%Y-%m-%d %H:%M")
        score = "not rated" if a.score is None else f"score {a.score:.0f}/100"
        parts.append(f"\n## {a.prompt}\n\n*{a.skill} · {when} · {score}*\n\n{a.answer}\n")
        if a.self_note:
            parts.append(f"\n> Note: {a.self_note}\n")
    return "".join(parts)
