"""The rubric controls: one 1-5 `criterion_<id>` control per criterion, and the written
descriptor of the focused criterion's chosen level. Used wherever an answer is rated.

The descriptor line follows the keyboard and the pointer: focusing a criterion shows its
chosen level; pointing at a level shows that level's descriptor until the pointer leaves.
There are no tooltips on the rows (they covered the row below)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from itertools import pairwise

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pm_prep.domain.content import Rubric
from pm_prep.ui.level_selector import LevelSelector
from pm_prep.ui.page_layout import plain_label


class RubricPanel(QWidget):
    """`set_rubric()` builds the controls; `scores()` reads them; `descriptorShown(text)`."""

    descriptorShown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rubric: Rubric | None = None
        self._selectors: dict[str, LevelSelector] = {}
        self._active: str | None = None  # the criterion the descriptor line is about
        self._before: QWidget | None = None
        self._after: tuple[QWidget, ...] = ()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        self._card = QFrame()
        self._card.setProperty("role", "card")
        self._grid = QGridLayout(self._card)
        self._grid.setContentsMargins(18, 14, 18, 14)
        self._grid.setHorizontalSpacing(14)
        outer.addWidget(self._card)
        self.descriptor_label = plain_label(wrap=True)
        self.descriptor_label.setObjectName("levelDescriptor")
        self.descriptor_label.setMinimumHeight(44)
        outer.addWidget(self.descriptor_label)

    def set_tab_chain(self, before: QWidget | None, after: Sequence[QWidget]) -> None:
        """Tab reaches the criteria right after `before`, then goes on to `after` in order
        (the note and Save), whichever rubric is shown: never off to the end of the window."""
        self._before = before
        self._after = tuple(after)
        if self._selectors:
            self._chain()

    def _chain(self) -> None:
        before = [self._before] if self._before is not None else []
        chain_tab_order([*before, *self._selectors.values(), *self._after])

    @property
    def selectors(self) -> dict[str, LevelSelector]:
        """The controls by criterion id, in the rubric's order."""
        return self._selectors

    def set_rubric(self, rubric: Rubric | None) -> None:
        """Show one control per criterion of `rubric` (each at the middle level)."""
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Detach now so lookups by objectName never find the old question's controls.
                widget.setParent(None)
                widget.deleteLater()
        self._selectors = {}
        self._active = None
        self._rubric = rubric
        title = QLabel("Rate your answer (1 very weak … 5 very strong)")
        title.setStyleSheet("font-weight: 600;")
        self._grid.addWidget(title, 0, 0, 1, 2)
        self.descriptor_label.setText("")
        if rubric is None:
            return
        for row, criterion in enumerate(rubric.criteria, start=1):
            label = plain_label(criterion.name)
            selector = LevelSelector(criterion.name)
            selector.setObjectName(f"criterion_{criterion.id}")
            label.setBuddy(selector)
            show = partial(self._show_descriptor, criterion.id)
            selector.valueChanged.connect(show)
            selector.focused.connect(show)
            selector.focused.connect(partial(self._bring_into_view, selector))
            selector.levelHovered.connect(partial(self._on_level_hovered, criterion.id))
            self._grid.addWidget(label, row, 0)
            self._grid.addWidget(selector, row, 1, Qt.AlignmentFlag.AlignLeft)
            self._selectors[criterion.id] = selector
        self._grid.setColumnStretch(1, 1)
        if rubric.criteria:
            self._show_descriptor(rubric.criteria[0].id)
        self._chain()

    def scores(self) -> dict[str, int]:
        """The level chosen for every criterion."""
        return {cid: selector.value() for cid, selector in self._selectors.items()}

    def set_locked(self, locked: bool) -> None:
        """Disable the controls once a rating is saved (and enable them for a new one)."""
        for selector in self._selectors.values():
            selector.setEnabled(not locked)

    def focus_first(self) -> None:
        first = next(iter(self._selectors.values()), None)
        if first is not None:
            first.setFocus()
            self._bring_into_view(first)
            # Once more when the page has laid out what was just shown (the rubric itself).
            QTimer.singleShot(0, first, partial(self._bring_into_view, first))

    def _bring_into_view(self, selector: LevelSelector) -> None:
        """Scroll the page so the focused criterion and, if room, its descriptor are seen."""
        bring_into_view(selector, self.descriptor_label)

    def _on_level_hovered(self, criterion_id: str, level: int) -> None:
        """Pointing at a level previews its descriptor; leaving shows the chosen one again."""
        if level == 0:
            if self._active is not None:
                self._show_descriptor(self._active)
            return
        self._write_descriptor(criterion_id, level)

    def _show_descriptor(self, criterion_id: str, *_signal_args: object) -> None:
        rubric = self._rubric
        if rubric is None:
            return
        selector = self._selectors.get(criterion_id)
        if selector is None:
            return
        self._active = criterion_id
        self._write_descriptor(criterion_id, selector.value())

    def _write_descriptor(self, criterion_id: str, level: int) -> None:
        rubric = self._rubric
        criterion = (
            next((c for c in rubric.criteria if c.id == criterion_id), None) if rubric else None
        )
        if criterion is None:
            return
        text = f"{criterion.name}, level {level}: {criterion.descriptor(level)}"
        selector = self._selectors.get(criterion_id)
        chosen = selector.value() if selector is not None else level
        if chosen != level:  # only pointed at: say what is chosen
            text += f"\n(Pointing at level {level}; chosen: level {chosen}.)"
        if criterion.description:
            text += f"\n{criterion.name} asks: {criterion.description}"
        self.descriptor_label.setText(text)
        self.descriptorShown.emit(text)


def chain_tab_order(widgets: Sequence[QWidget]) -> None:
    """Tab goes through `widgets` in this order (the criteria are made after the note and
    Save, so without this Tab would reach them last, after the rest of the page)."""
    for first, second in pairwise(widgets):
        if first.window() is second.window():  # all in the page by the time it matters
            QWidget.setTabOrder(first, second)


def bring_into_view(widget: QWidget, *also: QWidget) -> None:
    """Scroll the enclosing scroll area to show `also` (if room) and `widget` (always)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is None:
        return
    for other in also:
        parent.ensureWidgetVisible(other, 0, 8)
    parent.ensureWidgetVisible(widget, 0, 24)


def note_and_save_row(
    note_name: str, save_name: str, save_tip: str = "Save your rating (Ctrl+S)"
) -> tuple[QHBoxLayout, QLineEdit, QPushButton]:
    """The row under a rubric: an optional note to oneself and the Save rating button."""
    row = QHBoxLayout()
    note = QLineEdit()
    note.setObjectName(note_name)
    note.setPlaceholderText("Optional note to yourself: what to do better next time")
    note.setAccessibleName("Note to yourself")
    save = QPushButton("Save rating")
    save.setObjectName(save_name)
    save.setToolTip(save_tip)
    row.addWidget(note, 1)
    row.addWidget(save)
    return row, note, save
