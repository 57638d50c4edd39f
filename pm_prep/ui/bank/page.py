"""The question bank: every question, built-in and your own, searchable and filtered as you
type, with your progress on each; practise one, write your own, hide, import and export.

Filtering happens in memory over the catalog (2,000 questions in a few milliseconds); the
per-question progress is one SQL query, read again only when attempts, ratings or the
catalog changed. Every write is one service call through the action runner.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pm_prep.domain.content import DIFFICULTY_NAMES, QUESTION_TYPES
from pm_prep.services import question_bank
from pm_prep.services.catalog import source_label
from pm_prep.services.changes import Changes
from pm_prep.services.question_bank import (
    ANY,
    HIDDEN_CHOICES,
    PROGRESS_CHOICES,
    SOURCE_BUILTIN,
    SOURCE_OWN,
    SOURCE_WRITTEN,
    BankFilter,
    BankRow,
    QuestionStats,
)
from pm_prep.services.workspace import Workspace
from pm_prep.storage.errors import StorageError
from pm_prep.ui import theme
from pm_prep.ui.actions import ActionRunner
from pm_prep.ui.bank.question_detail import NO_MATCH_TEXT, DetailContext, QuestionDetail
from pm_prep.ui.bank.question_editor import QuestionEditor
from pm_prep.ui.bank.table_model import (
    ATTEMPTS,
    DIFFICULTY,
    HEADERS,
    LAST_SCORE,
    NEXT_REVIEW,
    PROMPT,
    SKILL,
    TRACKS,
    TYPE,
    BankTableModel,
)
from pm_prep.ui.flow_layout import FlowBox
from pm_prep.ui.page_layout import page_title, plain_label
from pm_prep.ui.pages import Page

# Below this page width the detail goes under the table, not beside it: the table's eight
# columns need the width more than the detail does.
NARROW = 1500
NARROW_TABLE = 780  # below this table width the tracks, difficulty and attempts give way
EXPORT_FILTER = (
    "TOML, every field (*.toml);;JSON, every field (*.json);;"
    "Spreadsheet CSV (*.csv);;Plain text, the questions only (*.txt)"
)
_EXPORT_FORMATS = {"TOML": "toml", "JSON": "json", "Spreadsheet": "csv", "Plain": "text"}


class _SearchBox(QLineEdit):
    """The search field; Down moves into the results, as in a browser's address bar."""

    downPressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.downPressed.emit()
            return
        super().keyPressEvent(event)


class _BankTable(QTableView):
    """Enter practises the selected question."""

    activatedByKey = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activatedByKey.emit()
            return
        super().keyPressEvent(event)


def _combo(name: str, accessible: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    # As wide as about 12 characters, whatever the longest entry (an import's file name).
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


class BankPage(Page):
    """`practiceRequested(question_id)`: the window opens Practice on that question."""

    practiceRequested = Signal(str)
    statusMessage = Signal(str)
    relevant = Changes.CATALOG | Changes.ATTEMPTS | Changes.RATINGS | Changes.RESTORE

    def __init__(self, ws: Workspace, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bankPage")
        self._ws = ws
        self._runner = runner
        self._rows: list[BankRow] = []  # every question, in the table's sort order
        self._texts: question_bank.SearchTexts = {}
        self._detail_row: BankRow | None = None
        self._current_id: str | None = None
        self._editor: QuestionEditor | None = None
        self._import_flow: object | None = None
        self._build()
        self._connect_signals()
        self.reload(Changes.EVERYTHING)

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)

        header = QHBoxLayout()
        header.addWidget(page_title("Question bank"))
        header.addStretch(1)
        self.import_button = QPushButton("Import…")
        self.import_button.setObjectName("importQuestionsButton")
        self.import_button.setToolTip(
            "Add questions from a file: TOML, JSON, a spreadsheet saved as CSV, or a plain "
            "list with one question a line. Only a skill and the question are needed."
        )
        self.export_button = QPushButton("Export…")
        self.export_button.setObjectName("exportQuestionsButton")
        self.new_button = QPushButton("New question")
        self.new_button.setObjectName("newQuestionButton")
        self.new_button.setToolTip("Write a question of your own (Ctrl+N)")
        for button in (self.import_button, self.export_button, self.new_button):
            header.addWidget(button)
        layout.addLayout(header)

        search_row = QHBoxLayout()
        self.search = _SearchBox()
        self.search.setObjectName("bankSearch")
        self.search.setAccessibleName("Search questions")
        self.search.setPlaceholderText(
            "Search questions, tags and talking points (Ctrl+F); Down moves into the table"
        )
        self.search.setClearButtonEnabled(True)
        self.count_label = plain_label("", muted=True)
        self.count_label.setObjectName("bankCount")
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setObjectName("bankClearFilters")
        search_row.addWidget(self.search, 1)
        search_row.addSpacing(8)
        search_row.addWidget(self.count_label)
        search_row.addWidget(self.clear_button)
        layout.addLayout(search_row)

        self.filters = FlowBox(spacing=6)
        self.filters.setObjectName("bankFilters")
        catalog = self._ws.catalog
        self.skill_filter = _combo("bankSkillFilter", "Skill")
        self.skill_filter.addItem("All skills", ANY)
        for skill in catalog.skills.values():
            self.skill_filter.addItem(skill.name, skill.id)
        self.type_filter = _combo("bankTypeFilter", "Question type")
        self.type_filter.addItem("All types", ANY)
        for type_id, name in QUESTION_TYPES.items():
            self.type_filter.addItem(name, type_id)
        self.difficulty_filter = _combo("bankDifficultyFilter", "Difficulty")
        self.difficulty_filter.addItem("Any difficulty", 0)
        for level, name in DIFFICULTY_NAMES.items():
            self.difficulty_filter.addItem(name, level)
        self.track_filter = _combo("bankTrackFilter", "Track")
        self.track_filter.addItem("Both tracks", ANY)
        for track in catalog.tracks.values():
            self.track_filter.addItem(track.name, track.id)
        self.source_filter = _combo("bankSourceFilter", "Source")
        self.hidden_filter = _combo("bankHiddenFilter", "Shown or hidden")
        for value, label in HIDDEN_CHOICES.items():
            self.hidden_filter.addItem(label, value)
        self.progress_filter = _combo("bankProgressFilter", "Your progress")
        for value, label in PROGRESS_CHOICES.items():
            self.progress_filter.addItem(label, value)
        for combo in self._filter_combos():
            self.filters.add(combo)
        layout.addWidget(self.filters)

        self.model = BankTableModel({t.id: t.name for t in catalog.tracks.values()}, self)
        self.table = _BankTable()
        self.table.setObjectName("bankTable")
        self.table.setAccessibleName("Questions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(SKILL, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)  # the alternating rows guide the eye; a grid costs paint
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header_view.setSectionResizeMode(PROMPT, QHeaderView.ResizeMode.Stretch)
        header_view.setMinimumSectionSize(48)
        metrics = self.table.fontMetrics()
        self._natural_widths = {
            column: metrics.horizontalAdvance(sample) + 24
            for column, sample in (
                (SKILL, "Communication"),
                (TYPE, "Experiment design"),
                (DIFFICULTY, "Difficulty"),
                (TRACKS, "Intern"),
                (ATTEMPTS, "Attempts"),
                (LAST_SCORE, "Score"),
                (NEXT_REVIEW, "2026-12-31"),
            )
        }
        self._fit_columns()

        self.detail = QuestionDetail()
        self.practise_button = QPushButton("Practise this")
        self.practise_button.setObjectName("practiseQuestionButton")
        self.practise_button.setToolTip("Open Practice on this question (Enter in the table)")
        self.edit_button = QPushButton("Edit")
        self.edit_button.setObjectName("editQuestionButton")
        self.hide_button = QPushButton("Hide")
        self.hide_button.setObjectName("hideQuestionButton")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("deleteQuestionButton")
        self.message = plain_label("", wrap=True)
        self.message.setObjectName("bankMessage")
        self.message.hide()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        for button in (
            self.practise_button,
            self.edit_button,
            self.hide_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        side_layout.addLayout(buttons)
        side_layout.addWidget(self.message)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("bankSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.splitterMoved.connect(lambda _pos, _index: self._fit_columns())
        layout.addWidget(self.splitter, 1)
        self._set_buttons(None)

    def _filter_combos(self) -> tuple[QComboBox, ...]:
        return (
            self.skill_filter,
            self.type_filter,
            self.difficulty_filter,
            self.track_filter,
            self.source_filter,
            self.hidden_filter,
            self.progress_filter,
        )

    def _connect_signals(self) -> None:
        # textChanged and currentIndexChanged, not textEdited and activated: a filter set
        # from code (a test, an accessibility tool) filters exactly as the user's own input.
        self.search.textChanged.connect(self._apply_filters)
        self.search.downPressed.connect(self._focus_table)
        for combo in self._filter_combos():
            combo.currentIndexChanged.connect(self._apply_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.doubleClicked.connect(self._on_practise)
        self.table.activatedByKey.connect(self._on_practise)
        self.model.modelReset.connect(self._select_current)
        self.model.sortChanged.connect(self._on_sorted)
        self.practise_button.clicked.connect(self._on_practise)
        self.edit_button.clicked.connect(self._on_edit)
        self.hide_button.clicked.connect(self._on_hide)
        self.delete_button.clicked.connect(self._on_delete)
        self.new_button.clicked.connect(self._on_new)
        self.import_button.clicked.connect(self._on_import)
        self.export_button.clicked.connect(self._on_export)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (("Ctrl+F", self._focus_search), ("Ctrl+N", self._on_new)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    # -- data ------------------------------------------------------------------------------------
    def reload(self, changes: Changes) -> None:
        """Read the questions and your progress on them again, keeping the selection."""
        try:
            self._rows = self.model.in_order(question_bank.bank_rows(self._ws, texts=self._texts))
        except StorageError as exc:
            self._show_message(str(exc), error=True)
            return
        self._fill_sources()
        self._apply_filters()

    def forget(self) -> None:
        """After a restore: no question id of the old database stays selected."""
        self._current_id = None
        self._detail_row = None
        self._rows = []
        self._texts = {}
        self.model.set_rows([])
        self.detail.show_message("")

    def _fill_sources(self) -> None:
        combo = self.source_filter
        current = combo.currentData() or ANY
        blocked = combo.blockSignals(True)
        combo.clear()
        combo.addItem("All sources", ANY)
        combo.addItem("Built-in", SOURCE_BUILTIN)
        combo.addItem("Yours (written or imported)", SOURCE_OWN)
        combo.addItem("Written here", SOURCE_WRITTEN)
        for source in question_bank.import_sources(self._rows):
            combo.addItem(source_label(source), source)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(blocked)

    def current_filter(self) -> BankFilter:
        return BankFilter(
            text=self.search.text(),
            skill=self.skill_filter.currentData() or ANY,
            type=self.type_filter.currentData() or ANY,
            difficulty=int(self.difficulty_filter.currentData() or 0),
            track=self.track_filter.currentData() or ANY,
            source=self.source_filter.currentData() or ANY,
            hidden=self.hidden_filter.currentData() or ANY,
            progress=self.progress_filter.currentData() or ANY,
        )

    @Slot()
    def _apply_filters(self) -> None:
        now = datetime.now(UTC)
        wanted = self.current_filter()
        shown = question_bank.filter_rows(self._rows, wanted, now)
        self.model.set_rows(shown, now=now, in_order=True)  # filtering keeps the order
        total = len(self._rows)
        self.count_label.setText(
            f"{len(shown):,} of {total:,} questions" if wanted.active else f"{total:,} questions"
        )
        self.clear_button.setEnabled(wanted.active)
        self.export_button.setEnabled(bool(self._ws.loaded.own))
        self.export_button.setToolTip(
            "Save your own questions to a file (TOML, JSON, CSV or plain text)"
            if self._ws.loaded.own
            else "You have no questions of your own yet"
        )

    @Slot()
    def clear_filters(self) -> None:
        """Every question again: search emptied, every filter on 'all'."""
        widgets = (self.search, *self._filter_combos())
        previous = [w.blockSignals(True) for w in widgets]
        try:
            self.search.clear()
            for combo in self._filter_combos():
                combo.setCurrentIndex(0)
        finally:
            for widget, was in zip(widgets, previous, strict=True):
                widget.blockSignals(was)
        self._apply_filters()

    def select_question(self, question_id: str) -> bool:
        """Select a question in the table (clearing filters that hide it); False if unknown."""
        if question_id not in self._ws.catalog.questions:
            return False
        self._current_id = question_id
        if self.model.row_of(question_id) < 0:
            self.clear_filters()
        self._select_current()
        return True

    @Slot()
    def _select_current(self) -> None:
        """After the rows changed: the same question again, else the first one shown."""
        row = self.model.row_of(self._current_id) if self._current_id else -1
        if row < 0:
            row = 0 if self.model.rowCount() else -1
        selection = self.table.selectionModel()
        if row < 0:
            selection.clearSelection()
            self._show_detail(None)
            return
        index = self.model.index(row, SKILL)  # the first column: no sideways scroll
        selection.setCurrentIndex(
            index,
            selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        shown = self.model.row_at(row)
        if shown is not None and self.detail.question_id != shown.question_id:
            self._show_detail(shown)

    # -- the selected question -----------------------------------------------------------------
    @property
    def current_row(self) -> BankRow | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is not None:
            self._current_id = row.question_id
        self._show_detail(row)

    @Slot()
    def _on_sorted(self) -> None:
        self._rows = self.model.in_order(self._rows)

    def _show_detail(self, row: BankRow | None) -> None:
        if row is not None and row is self._detail_row:
            return  # the same question with the same figures: nothing to draw again
        self._detail_row = row
        self._set_buttons(row)
        if row is None:
            self.detail.show_message(NO_MATCH_TEXT if self._rows else "")
            return
        stats = row.stats
        if stats.own:
            stats = replace(stats, added_at=question_bank.added_at(self._ws, row.question_id))
        versions = (
            question_bank.question_versions(self._ws, row.question_id) if stats.versions else []
        )
        context = DetailContext(
            skill_name=row.skill_name,
            track_names={t.id: t.name for t in self._ws.catalog.tracks.values()},
            versions=versions,
            own=stats.own,
        )
        self.detail.show_question(row.question, stats, context)

    def _set_buttons(self, row: BankRow | None) -> None:
        stats = row.stats if row is not None else QuestionStats()
        own = row is not None and question_bank.is_own(self._ws, row.question_id)
        self.practise_button.setEnabled(row is not None)
        self.hide_button.setEnabled(row is not None)
        self.hide_button.setText("Show" if stats.hidden else "Hide")
        self.hide_button.setToolTip(
            "Show this question in practice and mock interviews again"
            if stats.hidden
            else "Hide this question from practice and mock interviews (you can show it again)"
        )
        self.edit_button.setEnabled(own)
        self.edit_button.setToolTip(
            "Edit your question (its earlier text is kept)"
            if own
            else "Built-in questions cannot be edited; write your own with New question"
        )
        self.delete_button.setEnabled(own)
        self.delete_button.setText("Retire" if own and stats.attempts else "Delete")
        self.delete_button.setToolTip(
            "Take it out of the bank; your answers to it stay in History"
            if own and stats.attempts
            else "Delete your question for good"
            if own
            else "Built-in questions cannot be deleted; hide it instead"
        )

    def first_focus(self) -> QWidget:
        """Where the keys go when the page is shown (pm_prep/ui/keyboard.py): the search."""
        return self.search

    # -- slots -----------------------------------------------------------------------------------
    @Slot()
    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot()
    def _focus_table(self) -> None:
        self.table.setFocus()
        if not self.table.selectionModel().currentIndex().isValid():
            self._select_current()

    @Slot()
    def _on_practise(self) -> None:
        row = self.current_row
        if row is not None:
            self.practiceRequested.emit(row.question_id)

    @Slot()
    def _on_hide(self) -> None:
        row = self.current_row
        if row is None:
            return
        hide = not row.stats.hidden
        outcome = self._runner.run(
            question_bank.set_hidden, self._ws, row.question_id, hide, quiet=True
        )
        if not outcome.ok:
            self._show_message(f"Not changed: {outcome.error}", error=True)
            return
        self._show_message(
            "Hidden: practice and mock interviews will not ask it. Show it again at any time."
            if hide
            else "Shown again in practice and mock interviews."
        )

    @Slot()
    def _on_delete(self) -> None:
        row = self.current_row
        if row is None or not question_bank.is_own(self._ws, row.question_id):
            return
        from PySide6.QtWidgets import QMessageBox

        if row.stats.attempts:
            times = "once" if row.stats.attempts == 1 else f"{row.stats.attempts} times"
            text = (
                f"You have answered this question {times}. Retire it? It leaves the bank, "
                "practice and mock interviews; your answers stay in History."
            )
        else:
            text = "Delete this question for good? You have never answered it."
        choice = QMessageBox.question(self, "Remove your question", text)
        if choice != QMessageBox.StandardButton.Yes:
            return
        outcome = self._runner.run(
            question_bank.delete_question, self._ws, row.question_id, quiet=True
        )
        if outcome.value is None:
            self._show_message(f"Not removed: {outcome.error}", error=True)
            return
        self._show_message("Retired." if outcome.value == "retired" else "Deleted.")

    @Slot()
    def _on_new(self) -> None:
        self._open_editor(None)

    @Slot()
    def _on_edit(self) -> None:
        row = self.current_row
        if row is not None and question_bank.is_own(self._ws, row.question_id):
            self._open_editor(row)

    def _open_editor(self, row: BankRow | None) -> None:
        from pm_prep.domain.bank_export import question_table

        if self._editor is not None:
            self._editor.raise_()
            return
        question = row.question if row is not None else None
        skill = self.skill_filter.currentData() if row is None else None
        editor = QuestionEditor(
            self._ws.catalog,
            question,
            skill_locked=bool(row is not None and row.stats.attempts),
            base_fields=question_table(question) if question is not None else None,
            parent=self,
        )
        if skill:
            editor.skill.setCurrentIndex(max(0, editor.skill.findData(skill)))
        editing = question.id if question is not None else None
        editor.saveRequested.connect(lambda fields: self._on_save_requested(fields, editing))
        editor.finished.connect(self._on_editor_closed)
        self._editor = editor
        editor.open()
        editor.activateWindow()  # keys (Ctrl+S) go to the form at once
        editor.prompt.setFocus()

    def _on_save_requested(self, fields: dict[str, object], question_id: str | None) -> None:
        editor = self._editor
        if editor is None:
            return
        outcome = self._runner.run(
            question_bank.save_question, self._ws, fields, question_id=question_id, quiet=True
        )
        saved = outcome.value
        if saved is None:
            editor.refused(outcome.error or "")
            return
        editor.saved()
        self.select_question(saved.question_id)
        self._show_message(
            "Saved. Practise it now, or add talking points later to see coverage."
            if saved.created
            else "Saved; the earlier text is kept in its history."
            if saved.changed
            else "Nothing had changed."
        )
        self.statusMessage.emit("Question saved")

    @Slot()
    def _on_editor_closed(self) -> None:
        if self._editor is not None:
            self._editor.setParent(None)  # out of the page's children now, deleted soon
            self._editor.deleteLater()
        self._editor = None
        self.window().activateWindow()  # the keyboard comes back to the window at once

    @Slot()
    def _on_import(self) -> None:
        from pm_prep.ui.bank.import_dialog import QuestionImport

        flow = QuestionImport(self, self._ws, self._runner)
        flow.finished.connect(self._on_imported)
        self._import_flow = flow
        flow.start()

    def _on_imported(self, result: object) -> None:
        self._import_flow = None
        added = getattr(result, "added", ())
        if added:
            self.select_question(added[0])
            self.statusMessage.emit(f"Imported from {getattr(result, 'file_name', '')}")

    @Slot()
    def _on_export(self) -> None:
        from pm_prep.ui import file_dialogs

        count = len(self._ws.loaded.own)
        path, chosen = file_dialogs.save_file_name(
            self,
            self._ws,
            self._runner,
            file_dialogs.QUESTIONS,
            f"Export your {count:,} question{'s' if count != 1 else ''}",
            "my-pm-questions.toml",
            EXPORT_FILTER,
        )
        if not path:
            return
        target = Path(path)
        fmt = None if target.suffix else _EXPORT_FORMATS.get(chosen.split(" ")[0].rstrip(","))
        if fmt is not None:
            target = target.with_suffix({"text": ".txt"}.get(fmt, f".{fmt}"))
        outcome = self._runner.run(
            question_bank.export_questions, self._ws, target, title="Export failed"
        )
        if outcome.value is None:
            return
        noun = "question" if outcome.value == 1 else "questions"
        self._show_message(f"Exported {outcome.value:,} {noun} to {target}.")
        self.statusMessage.emit(f"Exported {outcome.value:,} {noun}")

    def _show_message(self, text: str, *, error: bool = False) -> None:
        colour = theme.pick(theme.DANGER).name() if error else ""
        self.message.setStyleSheet(f"color: {colour};" if error else "")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- layout ----------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wanted = Qt.Orientation.Vertical if self.width() < NARROW else Qt.Orientation.Horizontal
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The question keeps at least 40% of the table; narrow tables drop the tracks,
        difficulty and attempts columns (the detail says all three) and narrow the others."""
        available = max(self.table.viewport().width(), 300)
        narrow = available < NARROW_TABLE
        for column in (TRACKS, DIFFICULTY, ATTEMPTS):
            self.table.setColumnHidden(column, narrow)
        widths = {c: w for c, w in self._natural_widths.items() if not self.table.isColumnHidden(c)}
        scale = min(1.0, available * 0.6 / sum(widths.values()))
        metrics = self.table.horizontalHeader().fontMetrics()
        for column, width in widths.items():
            # Never narrower than its header: a number's column is no use without its name.
            header = metrics.horizontalAdvance(HEADERS[column]) + 26
            self.table.setColumnWidth(column, max(header, int(width * scale)))
