"""The "I can ..." statements of one skill, each with a 1-5 control like the rubric's.

Keys 1-5 set the focused statement (the same `LevelSelector` as the rubric), Tab or the
up and down arrows move between statements, and the focused statement's whole row is
outlined so the eye always finds it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from pm_prep.services.self_assessment import Statement
from pm_prep.ui.level_selector import DEFAULT_LEVEL, LevelSelector
from pm_prep.ui.page_layout import plain_label

ROW_STYLE = """
QFrame[role="statementRow"] { border: 1px solid transparent; border-radius: 6px; }
QFrame[role="statementRow"][focused="true"] {
    border: 2px solid palette(highlight); background: palette(alternate-base);
}
QLabel[role="levelCaption"] { color: palette(placeholder-text); }
QFrame[role="statementRow"][focused="true"] QLabel[role="levelCaption"] {
    color: palette(text); font-weight: 600;
}
"""


class StatementRow(QFrame):
    """One statement: its text, the level control and the chosen level's words."""

    def __init__(
        self, number: int, statement: Statement, scale: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", "statementRow")
        self.setProperty("focused", False)
        self._scale = tuple(scale)
        layout = QGridLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setHorizontalSpacing(12)
        self.text = plain_label(wrap=True)
        self.selector = LevelSelector(f"Statement {number}")
        self.text.setBuddy(self.selector)
        self.caption = plain_label()
        self.caption.setProperty("role", "levelCaption")
        self.caption.setFixedWidth(132)
        layout.addWidget(self.text, 0, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.selector, 0, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.caption, 0, 2, Qt.AlignmentFlag.AlignVCenter)
        layout.setColumnStretch(0, 1)
        self.selector.valueChanged.connect(self._show_caption)
        self._show_caption(self.selector.value())
        self.number = number
        self.set_statement(statement)

    def set_statement(self, statement: Statement) -> None:
        """Hold another statement (rows are reused from skill to skill: cheaper than new)."""
        self.statement = statement
        self.text.setText(f"{self.number}. {statement.text}")
        self.text.setObjectName(f"statementText_{statement.id}")
        self.selector.setObjectName(f"statement_{statement.id}")
        self.selector.setAccessibleDescription(statement.text)

    def _show_caption(self, level: int) -> None:
        words = self._scale[level - 1] if 0 < level <= len(self._scale) else ""
        self.caption.setText(f"{level} · {words}" if words else str(level))
        self.selector.setToolTip(f"{level}: {words}. Press 1 to 5 to change it.")

    def set_focused(self, focused: bool) -> None:
        if self.property("focused") == focused:
            return
        self.setProperty("focused", focused)
        # A dynamic property only restyles once the style is asked again.
        for widget in (self, self.caption):
            widget.style().unpolish(widget)
            widget.style().polish(widget)


class StatementList(QWidget):
    """Holds one level per statement; `changed` whenever any of them changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statementList")
        self.setStyleSheet(ROW_STYLE)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.rows: dict[str, StatementRow] = {}
        self._empty = plain_label("", muted=True, wrap=True)
        self._empty.hide()
        self._layout.addWidget(self._empty)

    # -- filling -------------------------------------------------------------------------
    def set_statements(
        self,
        statements: Sequence[Statement],
        scale: Sequence[str],
        levels: Mapping[str, int] | None = None,
    ) -> None:
        """Show these statements at `levels` (the rubric's middle level where none is given)."""
        rows = list(self.rows.values())
        for row in rows[len(statements) :]:
            # Detach now so lookups by objectName never find a previous skill's controls.
            row.setParent(None)
            row.deleteLater()
        self.rows = {}
        self._empty.setVisible(not statements)
        self._empty.setText("This skill has no statements to rate yet." if not statements else "")
        for number, statement in enumerate(statements, start=1):
            if number <= len(rows):
                row = rows[number - 1]
                row.set_statement(statement)
            else:
                row = StatementRow(number, statement, scale, self)
                row.selector.installEventFilter(self)
                row.selector.valueChanged.connect(self._on_value_changed)
                self._layout.addWidget(row)
                # Shown now, not at the layout's next turn: a caller may focus it at once.
                row.show()
            self.rows[statement.id] = row
        self.set_values(levels or {})

    def set_values(self, levels: Mapping[str, int]) -> None:
        """Set every statement's level at once (one `changed`); unknown ids are ignored."""
        blocked = self.blockSignals(True)
        try:
            for statement_id, row in self.rows.items():
                row.selector.setValue(levels.get(statement_id, DEFAULT_LEVEL))
        finally:
            self.blockSignals(blocked)
        self.changed.emit()

    def values(self) -> dict[str, int]:
        """Statement id -> level 1-5, for every statement shown."""
        return {sid: row.selector.value() for sid, row in self.rows.items()}

    def selectors(self) -> list[LevelSelector]:
        return [row.selector for row in self.rows.values()]

    def focus_first(self) -> None:
        selectors = self.selectors()
        if selectors:
            selectors[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def set_enabled(self, enabled: bool) -> None:
        for selector in self.selectors():
            selector.setEnabled(enabled)

    # -- focus ---------------------------------------------------------------------------
    def _on_value_changed(self, _level: int) -> None:
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            for row in self.rows.values():
                if row.selector is watched:
                    row.set_focused(kind == QEvent.Type.FocusIn)
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
            selectors = self.selectors()
            if step is not None and watched in selectors:
                target = selectors.index(watched) + step
                if 0 <= target < len(selectors):
                    reason = (
                        Qt.FocusReason.BacktabFocusReason
                        if step < 0
                        else Qt.FocusReason.TabFocusReason
                    )
                    selectors[target].setFocus(reason)
                return True
        return False

    def focused_row(self) -> StatementRow | None:
        return next((r for r in self.rows.values() if r.property("focused")), None)
