"""Write a question of your own, or edit one: only the skill and the prompt are needed.

Everything else is optional and gets a sensible default: the type (the skill's usual one),
difficulty, a time limit (by type), tracks, tags, hints (one a line), talking points with
their keywords (`point: keyword, keyword`, one a line), follow-up questions and one strong
outline (Markdown). A question loaded for editing keeps the fields this form does not show
(framework, example answers, clarifications) as they were.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pm_prep.domain.content import DIFFICULTY_NAMES, QUESTION_TYPES, Catalog, Question
from pm_prep.ui import theme
from pm_prep.ui.page_layout import plain_label

_KEYWORD_SPLIT = re.compile(r"\s*[,;]\s*")
PROMPT_LIMIT = 2000


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def split_point(line: str) -> tuple[str, list[str]]:
    """`Point: keyword, keyword` -> the point and its keywords. The last colon followed by a
    space separates them, so a point may hold a colon and a keyword a time (`21:00`)."""
    separator = ": " if ": " in line else ":"
    point, found, keywords = line.rpartition(separator)
    if not found:
        return line.strip(), []
    return point.strip(), [k for k in _KEYWORD_SPLIT.split(keywords.strip()) if k]


def talking_points_from_text(text: str) -> list[dict[str, Any]]:
    """`point: keyword, keyword` per line; a line with no colon is its own keyword."""
    points = []
    for line in lines_of(text):
        if ":" not in line:
            points.append({"point": line, "keywords": [line]})
            continue
        point, keywords = split_point(line)
        points.append({"point": point, "keywords": keywords})
    return points


def talking_points_text(question: Question) -> str:
    return "\n".join(f"{tp.point}: {', '.join(tp.keywords)}" for tp in question.talking_points)


def _multi_line(name: str, hint_text: str, height: int = 72) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(hint_text)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


class QuestionEditor(QDialog):
    """`saveRequested(fields)`: the page saves through the runner, then calls `saved()` or
    `refused(message)`. The dialog closes only once the question is saved."""

    saveRequested = Signal(dict)

    def __init__(
        self,
        catalog: Catalog,
        question: Question | None = None,
        *,
        skill_locked: bool = False,
        base_fields: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("questionEditor")
        self.setWindowTitle("Edit your question" if question else "New question")
        self.setModal(True)
        self._catalog = catalog
        self.question = question
        self._base = dict(base_fields or {})
        self._loaded_minutes = 0
        self._build()
        if question is not None:
            self._load(question)
        self.skill.setEnabled(not skill_locked)
        if skill_locked:
            self.skill.setToolTip(
                "You have answered this question, so its skill stays (its attempts count there)."
            )
        self._connect()
        self._update_save()
        self.resize(680, 720)

    # -- building --------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        intro = plain_label(
            "Only the skill and the question are needed. Everything else is optional: add it "
            "now or later.",
            muted=True,
            wrap=True,
        )
        outer.addWidget(intro)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field
        body = QWidget()
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.skill = QComboBox()
        self.skill.setObjectName("editorSkill")
        self.skill.setAccessibleName("Skill (required)")
        self.skill.addItem("Choose a skill…", "")
        for skill in self._catalog.skills.values():
            self.skill.addItem(skill.name, skill.id)
        form.addRow("Skill *", self.skill)

        self.prompt = _multi_line(
            "editorPrompt", "The question as an interviewer would ask it", height=90
        )
        self.prompt.setAccessibleName("Question (required)")
        form.addRow("Question *", self.prompt)
        self.prompt_count = plain_label("", muted=True)
        self.prompt_count.setObjectName("editorPromptCount")
        form.addRow("", self.prompt_count)

        self.type = QComboBox()
        self.type.setObjectName("editorType")
        self.type.setAccessibleName("Question type")
        self.type.addItem("The skill's usual type", "")
        for type_id, name in QUESTION_TYPES.items():
            self.type.addItem(name, type_id)
        form.addRow("Type", self.type)

        self.difficulty = QComboBox()
        self.difficulty.setObjectName("editorDifficulty")
        self.difficulty.setAccessibleName("Difficulty")
        for level, name in DIFFICULTY_NAMES.items():
            self.difficulty.addItem(name, level)
        self.difficulty.setCurrentIndex(self.difficulty.findData(2))
        form.addRow("Difficulty", self.difficulty)

        self.time_limit = QSpinBox()
        self.time_limit.setObjectName("editorTimeLimit")
        self.time_limit.setAccessibleName("Suggested time in minutes")
        self.time_limit.setRange(0, 60)
        self.time_limit.setSpecialValueText("By type")
        self.time_limit.setSuffix(" min")
        form.addRow("Time limit", self.time_limit)

        tracks = QHBoxLayout()
        self.tracks: dict[str, QCheckBox] = {}
        for track in self._catalog.tracks.values():
            box = QCheckBox(track.name)
            box.setObjectName(f"editorTrack_{track.id}")
            box.setChecked(True)
            self.tracks[track.id] = box
            tracks.addWidget(box)
        tracks.addStretch(1)
        form.addRow("Tracks", tracks)

        self.tags = QLineEdit()
        self.tags.setObjectName("editorTags")
        self.tags.setPlaceholderText("Optional, separated by commas: metrics, growth")
        form.addRow("Tags", self.tags)

        self.hints = _multi_line("editorHints", "Optional. One hint a line, the gentlest first.")
        form.addRow("Hints", self.hints)
        self.talking_points = _multi_line(
            "editorTalkingPoints",
            "Optional. One point a line, then its keywords:\n"
            "Check the data first: logging, instrumentation, data quality",
            height=90,
        )
        self.talking_points.setAccessibleName("Talking points with keywords")
        form.addRow("Talking points", self.talking_points)
        self.follow_ups = _multi_line("editorFollowUps", "Optional. One follow-up question a line.")
        form.addRow("Follow-ups", self.follow_ups)
        self.outline = _multi_line(
            "editorOutline",
            "Optional. One strong outline, in Markdown; shown after you answer.",
            height=100,
        )
        form.addRow("Outline", self.outline)

        self.problems = QLabel("")
        self.problems.setObjectName("editorProblems")
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color: {theme.pick(theme.DANGER).name()};")
        self.problems.hide()
        outer.addWidget(self.problems)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelQuestionButton")
        self.save_button = QPushButton("Save question")
        self.save_button.setObjectName("saveQuestionButton")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Save (Ctrl+S)")
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)

    def _connect(self) -> None:
        self.skill.currentIndexChanged.connect(self._update_save)
        self.prompt.textChanged.connect(self._update_save)
        self.save_button.clicked.connect(self._on_save)
        self.cancel_button.clicked.connect(self.reject)
        for keys in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self._on_save)

    def _load(self, question: Question) -> None:
        self.skill.setCurrentIndex(max(0, self.skill.findData(question.skill)))
        self.prompt.setPlainText(question.prompt)
        self.type.setCurrentIndex(max(0, self.type.findData(question.type)))
        self.difficulty.setCurrentIndex(max(0, self.difficulty.findData(question.difficulty)))
        self._loaded_minutes = max(1, round(question.time_limit_s / 60))
        self.time_limit.setValue(self._loaded_minutes)
        for track, box in self.tracks.items():
            box.setChecked(track in question.tracks)
        self.tags.setText(", ".join(question.tags))
        self.hints.setPlainText("\n".join(question.hints))
        self.talking_points.setPlainText(talking_points_text(question))
        self.follow_ups.setPlainText("\n".join(question.follow_ups))
        self.outline.setPlainText(question.sample_outline)

    # -- reading ---------------------------------------------------------------------------------
    def fields(self) -> dict[str, Any]:
        """The question as the form says it, TOML-shaped (what `save_question` takes)."""
        fields: dict[str, Any] = {
            k: v for k, v in self._base.items() if k not in ("id", "time_limit_s")
        }
        fields["skill"] = self.skill.currentData() or None
        fields["prompt"] = self.prompt.toPlainText().strip()
        for key, value in (
            ("type", self.type.currentData()),
            ("tags", [t for t in _KEYWORD_SPLIT.split(self.tags.text().strip()) if t]),
            ("hints", lines_of(self.hints.toPlainText())),
            ("talking_points", talking_points_from_text(self.talking_points.toPlainText())),
            ("follow_ups", lines_of(self.follow_ups.toPlainText())),
            ("sample_outline", self.outline.toPlainText().strip()),
        ):
            if value:
                fields[key] = value
            else:
                fields.pop(key, None)
        fields["difficulty"] = self.difficulty.currentData()
        minutes = self.time_limit.value()
        if minutes and minutes == self._loaded_minutes and "time_limit_s" in self._base:
            fields["time_limit_s"] = self._base["time_limit_s"]  # not moved: keep the seconds
        elif minutes:
            fields["time_limit_s"] = minutes * 60
        tracks = [t for t, box in self.tracks.items() if box.isChecked()]
        fields["tracks"] = tracks or list(self.tracks)
        if fields["skill"] is None:
            fields.pop("skill")
        return fields

    # -- slots -----------------------------------------------------------------------------------
    @Slot()
    def _update_save(self) -> None:
        length = len(self.prompt.toPlainText().strip())
        over = length > PROMPT_LIMIT
        self.prompt_count.setText(
            f"{length:,} of {PROMPT_LIMIT:,} characters" + (": too long" if over else "")
        )
        self.save_button.setEnabled(bool(self.skill.currentData()) and 0 < length <= PROMPT_LIMIT)

    @Slot()
    def _on_save(self) -> None:
        if not self.save_button.isEnabled():
            if not self.skill.currentData():
                self.refused("Choose the question's skill.")
            elif not self.prompt.toPlainText().strip():
                self.refused("Write the question first.")
            else:
                self.refused(f"The question is longer than {PROMPT_LIMIT:,} characters.")
            return
        self.saveRequested.emit(self.fields())

    def refused(self, message: str) -> None:
        """Say why the question was not saved; everything typed stays."""
        self.problems.setText(f"Not saved: {message}")
        self.problems.show()

    def saved(self) -> None:
        self.problems.hide()
        self.accept()
