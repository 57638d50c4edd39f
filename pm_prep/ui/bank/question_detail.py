"""The selected question in full: everything but its outline and example answers until you
have answered it once.

The document is built with a text cursor: every text from a bank or from you is inserted as
plain text, so HTML or Markdown in a prompt shows as written. Only the sample outline is
Markdown, rendered with raw HTML off (MarkdownNoHTML).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from pm_prep.domain.content import Question
from pm_prep.domain.insights import format_duration
from pm_prep.services.catalog import source_label
from pm_prep.services.question_bank import QuestionStats, QuestionVersion
from pm_prep.ui import theme

EMPTY_TEXT = "Select a question in the table to read it in full, practise it or edit it."
NO_MATCH_TEXT = "No question matches the search and filters. Clear them to see every question."
LOCKED_TEXT = (
    "One strong outline and the example answers appear here once you have answered this "
    "question: first try it yourself."
)
NO_POINTS_TEXT = (
    "No talking points yet: answer insights show length and structure only. Edit the "
    "question to add points with their keywords, and insights will show what you covered."
)


@dataclass(frozen=True, slots=True)
class DetailContext:
    """What the detail says beside the question itself."""

    skill_name: str
    track_names: Mapping[str, str] = field(default_factory=dict)
    versions: Sequence[QuestionVersion] = ()
    own: bool = False


def meta_line(question: Question, context: DetailContext) -> str:
    tracks = " & ".join(context.track_names.get(t, t) for t in question.tracks)
    return (
        f"{context.skill_name} · {question.type_name} · {question.difficulty_name} · "
        f"{format_duration(question.time_limit_s)} suggested · {tracks}"
    )


def progress_line(stats: QuestionStats, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    if not stats.attempts:
        return "Not answered yet."
    times = "once" if stats.attempts == 1 else f"{stats.attempts} times"
    parts = [f"Answered {times}"]
    parts.append(
        "not rated yet" if stats.last_score is None else f"last score {stats.last_score:.0f}/100"
    )
    if stats.next_review is not None:
        when = stats.next_review
        parts.append(
            "due for review now"
            if when <= now
            else f"next review {when.astimezone().strftime('%Y-%m-%d')}"
        )
    return ", ".join(parts) + "."


def source_line(stats: QuestionStats) -> str:
    text = source_label(stats.source)
    if stats.own and stats.added_at is not None:
        text += f", added {stats.added_at.astimezone().strftime('%Y-%m-%d')}"
    if stats.hidden:
        text += ". Hidden from practice and mock interviews"
    return text + "."


class QuestionDetail(QTextBrowser):
    """Read-only; `show_question` fills it, `show_message` says why it is empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionDetail")
        self.setAccessibleName("Question in full")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.question_id: str | None = None
        self.show_message(EMPTY_TEXT)

    # -- filling ---------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.question_id = None
        document = QTextDocument(self)
        cursor = QTextCursor(document)
        cursor.insertText(text, self._format(muted=True))
        self.setDocument(document)

    def show_question(
        self,
        question: Question,
        stats: QuestionStats,
        context: DetailContext,
        *,
        now: datetime | None = None,
    ) -> None:
        self.question_id = question.id
        document = QTextDocument(self)
        cursor = QTextCursor(document)
        title = self._format(bold=True, scale=1.25)
        cursor.insertText(question.prompt, title)
        self._paragraph(cursor, meta_line(question, context), muted=True)
        self._paragraph(cursor, source_line(stats), muted=True)
        self._paragraph(cursor, progress_line(stats, now))
        if question.tags:
            self._paragraph(cursor, "Tags: " + ", ".join(question.tags), muted=True)
        if question.hints:
            self._heading(cursor, "Hints")
            self._items(cursor, [f"{n}. {h}" for n, h in enumerate(question.hints, start=1)])
        if question.framework.name or question.framework.steps:
            self._heading(cursor, f"Framework: {question.framework.name or 'steps'}")
            self._items(
                cursor, [f"{n}. {s}" for n, s in enumerate(question.framework.steps, start=1)]
            )
        self._heading(cursor, "Talking points")
        if question.talking_points:
            self._items(
                cursor,
                [
                    f"• {tp.point}  (keywords: {', '.join(tp.keywords)})"
                    for tp in question.talking_points
                ],
            )
        else:
            self._paragraph(cursor, NO_POINTS_TEXT, muted=True)
        if question.follow_ups:
            self._heading(cursor, "Follow-up questions")
            self._items(cursor, [f"• {f}" for f in question.follow_ups])
        if question.clarifications:
            self._heading(cursor, "If you ask the interviewer")
            self._items(
                cursor,
                [f"• About {', '.join(c.keywords)}: {c.answer}" for c in question.clarifications],
            )
        if question.sample_outline or question.examples:
            self._after_answering(cursor, question, answered=stats.attempts > 0)
        if context.versions:
            self._heading(cursor, "Earlier versions")
            self._items(
                cursor,
                [
                    f"• Until {v.saved_at.astimezone().strftime('%Y-%m-%d %H:%M')}: "
                    f"{v.question.prompt}"
                    for v in context.versions[:5]
                ],
            )
        self.setDocument(document)

    def _after_answering(self, cursor: QTextCursor, question: Question, *, answered: bool) -> None:
        if not answered:
            self._heading(cursor, "Outline and example answers")
            self._paragraph(cursor, LOCKED_TEXT, muted=True)
            return
        if question.sample_outline:
            self._heading(cursor, "One strong outline")
            cursor.insertBlock(QTextBlockFormat(), self._format())
            # Markdown from the bank, with any raw HTML in it shown as text.
            cursor.insertMarkdown(
                question.sample_outline, QTextDocument.MarkdownFeature.MarkdownNoHTML
            )
        if question.examples:
            self._heading(cursor, "Graded example answers")
            for example in sorted(question.examples, key=lambda e: e.level):
                self._paragraph(cursor, f"Level {example.level} of 5. {example.why}", bold=True)
                self._paragraph(cursor, example.text)

    # -- pieces ----------------------------------------------------------------------------------
    def _format(
        self, *, bold: bool = False, muted: bool = False, scale: float = 1.0
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        font = QFont(self.font())
        if scale != 1.0:
            font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        fmt.setFont(font)
        if muted:
            fmt.setForeground(theme.pick(theme.MUTED_TEXT))
        return fmt

    def _paragraph(
        self, cursor: QTextCursor, text: str, *, muted: bool = False, bold: bool = False
    ) -> None:
        block = QTextBlockFormat()
        block.setTopMargin(4)
        cursor.insertBlock(block, self._format(muted=muted, bold=bold))
        cursor.insertText(text, self._format(muted=muted, bold=bold))

    def _heading(self, cursor: QTextCursor, text: str) -> None:
        block = QTextBlockFormat()
        block.setTopMargin(12)
        cursor.insertBlock(block, self._format(bold=True))
        cursor.insertText(text, self._format(bold=True))

    def _items(self, cursor: QTextCursor, lines: Sequence[str]) -> None:
        for line in lines:
            block = QTextBlockFormat()
            block.setLeftMargin(8)
            block.setTopMargin(2)
            cursor.insertBlock(block, self._format())
            cursor.insertText(line, self._format())
