"""The selected attempt in full, and the rubric to rate it later if it was never rated."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pm_prep.domain.content import Rubric
from pm_prep.domain.insights import Insights, format_duration, words_of
from pm_prep.services.history import AttemptDetail
from pm_prep.ui import theme
from pm_prep.ui.insights_view import InsightsView
from pm_prep.ui.page_layout import plain_label
from pm_prep.ui.rubric_panel import RubricPanel, note_and_save_row

EMPTY_TEXT = "Select an answer in the table to read it in full, rate it or compare it."


def _caption(text: str) -> QLabel:
    label = plain_label(text)
    label.setStyleSheet("font-weight: 600;")
    return label


def detail_meta(detail: AttemptDetail, skill_name: str) -> str:
    """One line: when, which skill, practice or mock, and the score."""
    when = detail.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M")
    kind = "Mock interview" if detail.mock else "Practice"
    if detail.mock and detail.mock_round is not None:
        kind += f", round {detail.mock_round + 1}"
    score = "not rated yet" if detail.score is None else f"score {detail.score:.0f}/100"
    return f"{when} · {skill_name} · {kind} · {score}"


def detail_facts(detail: AttemptDetail) -> str:
    words = len(words_of(detail.answer))
    hints = "no hints" if detail.hints_used == 0 else f"{detail.hints_used} hint(s) used"
    asked = len(detail.clarifications)
    clarifications = f" · {asked} clarification(s) asked" if asked else ""
    limit = f" of {format_duration(detail.time_limit_s)} suggested" if detail.time_limit_s else ""
    return (
        f"Time taken {format_duration(detail.duration_s)}{limit} · {words:,} words · "
        f"{hints}{clarifications}"
    )


def ratings_html(detail: AttemptDetail) -> str:
    """Each criterion's name, level and the rubric's words for it; every string escaped."""
    if not detail.ratings:
        return "Rated (no criterion scores were stored)."
    rows = []
    for rating in detail.ratings:
        words = f" — {escape(rating.words)}" if rating.words else ""
        rows.append(f"<b>{escape(rating.criterion.name)}</b>: {rating.level}/5{words}")
    return "<br>".join(rows)


class AttemptDetailView(QScrollArea):
    """Prompt, answer exactly as written, insights, criterion scores, note; the rating form.

    The page owns the actions: it listens to `rateRequested`, `compareRequested` and
    `saveRequested` and calls the services through the runner.
    """

    rateRequested = Signal()
    compareRequested = Signal()
    saveRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attemptDetail")
        self.setAccessibleName("Selected answer")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._build()
        self.clear()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 0, 4, 8)
        layout.setSpacing(10)

        self.empty_label = plain_label(EMPTY_TEXT, muted=True, wrap=True)
        self.empty_label.setObjectName("attemptDetailEmpty")
        layout.addWidget(self.empty_label)

        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(10)
        layout.addWidget(self.content)

        self.meta_label = plain_label(muted=True, wrap=True)
        self.meta_label.setObjectName("attemptMeta")
        content.addWidget(self.meta_label)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        self.rate_button = QPushButton("Rate this answer")
        self.rate_button.setObjectName("rateAttemptButton")
        self.rate_button.setToolTip("Rate this answer against its question's rubric")
        self.compare_button = QPushButton("Compare…")
        self.compare_button.setObjectName("compareButton")
        buttons.addWidget(self.rate_button)
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)
        content.addLayout(buttons)

        self.prompt_label = plain_label(wrap=True)
        self.prompt_label.setObjectName("attemptPrompt")
        self.prompt_label.setStyleSheet("font-size: 15px;")
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        content.addWidget(self.prompt_label)

        content.addWidget(_caption("Your answer"))
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("attemptAnswer")
        self.answer.setAccessibleName("Your answer, as written")
        self.answer.setReadOnly(True)
        self.answer.setMinimumHeight(150)
        self.answer.setTabChangesFocus(True)
        content.addWidget(self.answer)
        self.facts_label = plain_label(muted=True, wrap=True)
        self.facts_label.setObjectName("attemptFacts")
        content.addWidget(self.facts_label)
        self.clarifications_label = plain_label(wrap=True)
        self.clarifications_label.setObjectName("attemptClarifications")
        self.clarifications_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        content.addWidget(self.clarifications_label)

        self.ratings_caption = _caption("Your rating")
        content.addWidget(self.ratings_caption)
        self.ratings_label = QLabel()
        self.ratings_label.setTextFormat(Qt.TextFormat.RichText)
        self.ratings_label.setWordWrap(True)
        self.ratings_label.setObjectName("attemptRatings")
        self.ratings_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        content.addWidget(self.ratings_label)
        self.note_label = plain_label(wrap=True)
        self.note_label.setObjectName("attemptNote")
        self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        content.addWidget(self.note_label)

        # -- rate later: the same rubric controls as Practice
        self.rating_card = QWidget()
        self.rating_card.setObjectName("attemptRating")
        rating = QVBoxLayout(self.rating_card)
        rating.setContentsMargins(0, 0, 0, 0)
        rating.setSpacing(8)
        self.rubric = RubricPanel()
        rating.addWidget(self.rubric)
        note_row, self.note_edit, self.save_button = note_and_save_row(
            "attemptSelfNote", "saveAttemptRatingButton"
        )
        rating.addLayout(note_row)
        # Tab: the answer, each criterion, the note, Save; not off to the end of the page.
        self.rubric.set_tab_chain(self.answer, (self.note_edit, self.save_button))
        content.addWidget(self.rating_card)

        self.message_label = plain_label(wrap=True)
        self.message_label.setObjectName("historyMessage")
        content.addWidget(self.message_label)

        content.addWidget(_caption("Evidence from your answer"))
        self.insights = InsightsView()
        self.insights.setObjectName("attemptInsights")
        content.addWidget(self.insights)
        layout.addStretch(1)

        self.rate_button.clicked.connect(self.rateRequested)
        self.compare_button.clicked.connect(self.compareRequested)
        self.save_button.clicked.connect(self.saveRequested)

    # -- showing -------------------------------------------------------------------------
    def clear(self) -> None:
        """Nothing selected."""
        self.content.hide()
        self.empty_label.show()
        self.answer.clear()
        self.hide_rubric()
        self.message_label.clear()

    def show_detail(
        self, detail: AttemptDetail, skill_name: str, insights: Insights | None
    ) -> None:
        self.empty_label.hide()
        self.content.show()
        self.meta_label.setText(detail_meta(detail, skill_name))
        retired = " (no longer in your question banks)" if detail.retired else ""
        self.prompt_label.setText(detail.prompt + retired)
        if self.answer.toPlainText() != detail.answer:
            self.answer.setPlainText(detail.answer)
        self.facts_label.setText(detail_facts(detail))
        if detail.clarifications:
            self.clarifications_label.setText(
                "\n".join(
                    f"You asked: {c.asked}\nInterviewer: {c.answer}" for c in detail.clarifications
                )
            )
            self.clarifications_label.show()
        else:
            self.clarifications_label.hide()
        self.ratings_caption.setVisible(detail.rated)
        self.ratings_label.setVisible(detail.rated)
        if detail.rated:
            self.ratings_label.setText(ratings_html(detail))
        self.note_label.setVisible(bool(detail.self_note))
        self.note_label.setText(f"Note: {detail.self_note}" if detail.self_note else "")
        if insights is not None:
            self.insights.show_insights(insights, detail.time_limit_s, detail.duration_s)
        else:
            self.insights.show_message("No insights: the question of this answer is not known.")

    def set_actions(
        self, *, can_rate: bool, rate_tip: str, can_compare: bool, compare_tip: str
    ) -> None:
        self.rate_button.setVisible(can_rate or bool(rate_tip))
        self.rate_button.setEnabled(can_rate)
        self.rate_button.setToolTip(rate_tip or "Rate this answer against its question's rubric")
        self.compare_button.setEnabled(can_compare)
        self.compare_button.setToolTip(compare_tip)

    def show_message(self, text: str, *, error: bool = False) -> None:
        colour = theme.pick(theme.DANGER).name() if error else ""
        self.message_label.setStyleSheet(f"color: {colour};" if error else "")
        self.message_label.setText(text)

    # -- the rating form -----------------------------------------------------------------
    @property
    def rating_open(self) -> bool:
        return not self.rating_card.isHidden()

    def show_rubric(self, rubric: Rubric) -> None:
        """One control per criterion (`criterion_<id>`, keys 1-5 as in Practice), at 3."""
        self.rubric.set_rubric(rubric)
        self.note_edit.clear()
        self.save_button.setEnabled(True)
        self.rating_card.show()
        self.rubric.focus_first()
        self.ensureWidgetVisible(self.rating_card)

    def hide_rubric(self) -> None:
        # No controls are left behind: lookups by objectName never find an old attempt's.
        self.rubric.set_rubric(None)
        self.rating_card.hide()

    def scores(self) -> dict[str, int]:
        return self.rubric.scores()

    def note(self) -> str:
        return self.note_edit.text().strip()
