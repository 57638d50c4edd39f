"""Two answers to the same question side by side, with the words that changed marked.

The marked-up text is built from `html.escape`d words only: nothing the user wrote is
ever read as HTML. Words the second answer dropped are struck through on the left, words it
added underlined on the right, so the difference does not depend on colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pm_prep.domain.insights import words_of
from pm_prep.services.history import MAX_DIFF_WORDS, Comparison, DiffPiece, HistoryRow
from pm_prep.ui import theme
from pm_prep.ui.page_layout import plain_label


def _tint(colour: tuple[str, str], base: QColor, strength: float = 0.28) -> str:
    """A background that marks a word and keeps it readable in the light and dark themes."""
    mark = theme.pick(colour)
    mixed = QColor(
        round(base.red() + (mark.red() - base.red()) * strength),
        round(base.green() + (mark.green() - base.green()) * strength),
        round(base.blue() + (mark.blue() - base.blue()) * strength),
    )
    return mixed.name()


def diff_html(pieces: Sequence[DiffPiece], *, base: QColor) -> str:
    """Rich text of one side of a diff; every word and space is escaped."""
    removed = _tint(theme.DANGER, base)
    added = _tint(theme.SUCCESS, base)
    parts = ['<div style="white-space: pre-wrap;">']
    for piece in pieces:
        word = escape(piece.text)
        if piece.kind == "removed":
            word = (
                f'<span style="background-color: {removed}; text-decoration: line-through;">'
                f"{word}</span>"
            )
        elif piece.kind == "added":
            word = (
                f'<span style="background-color: {added}; text-decoration: underline;">'
                f"{word}</span>"
            )
        parts.append(word + escape(piece.space))
    parts.append("</div>")
    return "".join(parts)


def _signed(value: float, unit: str = "") -> str:
    if value > 0:
        return f"+{value:.0f}{unit}"
    if value < 0:
        return f"−{abs(value):.0f}{unit}"
    return "no change"


def summary_text(comparison: Comparison) -> str:
    """The change in score, talking points covered and length, in words."""
    before, after = comparison.before, comparison.after
    lines = []
    if before.score is None or after.score is None:
        shown = ["not rated" if d.score is None else f"{d.score:.0f}" for d in (before, after)]
        lines.append(f"Score: {shown[0]} → {shown[1]}")
    else:
        change = comparison.score_change or 0.0
        lines.append(f"Score: {before.score:.0f} → {after.score:.0f} ({_signed(change)})")
    if comparison.before_points is not None and comparison.after_points is not None:
        change_points = comparison.points_change or 0
        lines.append(
            f"Talking points covered: {comparison.before_points} → {comparison.after_points} "
            f"of {comparison.points_total} ({_signed(change_points)})"
        )
    else:
        lines.append("Talking points covered: not known for this question")
    old_words, new_words = len(words_of(before.answer)), len(words_of(after.answer))
    lines.append(f"Length: {old_words:,} → {new_words:,} words ({_signed(comparison.word_change)})")
    if comparison.gained_points:
        lines.append("Now covered: " + "; ".join(comparison.gained_points))
    if comparison.lost_points:
        lines.append("No longer covered: " + "; ".join(comparison.lost_points))
    if comparison.truncated:
        lines.append(
            f"These answers are very long: the differences of the first {MAX_DIFF_WORDS:,} "
            "words are marked."
        )
    return "\n".join(lines)


def attempt_choice_text(row: HistoryRow) -> str:
    when = row.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M")
    score = "not rated" if row.score is None else f"{row.score:.0f}"
    kind = " · mock" if row.mock else ""
    return f"{when} · {score}{kind}"


class AttemptCompareDialog(QDialog):
    """`attemptCompare`: two answers to one question side by side, what changed marked.

    `compare(before_id, after_id)` is the page's call into the service; it returns the
    comparison or None when an attempt is gone. The page starts it on the earlier answer
    on the left and the later one on the right.
    """

    def __init__(
        self,
        compare: Callable[[int, int], Comparison | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attemptCompare")
        self.setWindowTitle("Compare two answers")
        self.resize(1100, 700)
        self._compare = compare
        self._comparison: Comparison | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.prompt_label = plain_label(wrap=True)
        self.prompt_label.setObjectName("comparePrompt")
        self.prompt_label.setStyleSheet("font-size: 15px;")
        layout.addWidget(self.prompt_label)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        self.before_combo = QComboBox()
        self.before_combo.setObjectName("compareBefore")
        self.before_combo.setAccessibleName("Compare from this answer")
        self.after_combo = QComboBox()
        self.after_combo.setObjectName("compareAfter")
        self.after_combo.setAccessibleName("Compare to this answer")
        for column, (title, combo) in enumerate(
            (("From this answer", self.before_combo), ("To this answer", self.after_combo))
        ):
            caption = QLabel(title)
            caption.setBuddy(combo)
            caption.setStyleSheet("font-weight: 600;")
            grid.addWidget(caption, 0, column)
            grid.addWidget(combo, 1, column)
        self.left = QTextBrowser()
        self.left.setObjectName("compareLeft")
        self.left.setAccessibleName("The first answer; words not in the second struck through")
        self.right = QTextBrowser()
        self.right.setObjectName("compareRight")
        self.right.setAccessibleName("The second answer; words new in it underlined")
        for browser in (self.left, self.right):
            browser.setOpenLinks(False)
            browser.setOpenExternalLinks(False)
        grid.addWidget(self.left, 2, 0)
        grid.addWidget(self.right, 2, 1)
        grid.setRowStretch(2, 1)
        layout.addLayout(grid, 1)
        legend = plain_label(
            "Struck through on the left: words the second answer no longer has. Underlined on "
            "the right: words it added.",
            muted=True,
            wrap=True,
        )
        layout.addWidget(legend)
        self.summary_label = plain_label(wrap=True)
        self.summary_label.setObjectName("compareSummary")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.before_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.after_combo.currentIndexChanged.connect(self._on_choice_changed)

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    def set_attempts(
        self, prompt: str, attempts: Sequence[HistoryRow], before: int, after: int
    ) -> None:
        """Offer every attempt of the question; start on `before` and `after` (attempt ids)."""
        self.prompt_label.setText(prompt)
        for combo, chosen in ((self.before_combo, before), (self.after_combo, after)):
            blocked = combo.blockSignals(True)
            combo.clear()
            for row in attempts:
                combo.addItem(attempt_choice_text(row), row.attempt_id)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(blocked)
        self._on_choice_changed()

    @Slot()
    def _on_choice_changed(self) -> None:
        first, second = self.before_combo.currentData(), self.after_combo.currentData()
        if first is None or second is None:
            return
        comparison = self._compare(int(first), int(second))
        self._comparison = comparison
        if comparison is None:
            self.summary_label.setText("One of these answers no longer exists.")
            self.left.clear()
            self.right.clear()
            return
        base = self.palette().color(self.backgroundRole())
        self.left.setHtml(diff_html(comparison.left, base=base))
        self.right.setHtml(diff_html(comparison.right, base=base))
        same = first == second
        self.summary_label.setText(
            "The same answer is chosen on both sides." if same else summary_text(comparison)
        )
