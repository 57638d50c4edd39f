"""History: every answer ever written, searchable as you type, rated later, compared."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal, Slot
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

from pm_prep.domain.content import Rubric
from pm_prep.services import history
from pm_prep.services.changes import Changes
from pm_prep.services.history import AttemptDetail, HistoryQuery, HistoryRow, Rated
from pm_prep.services.workspace import Workspace
from pm_prep.storage.errors import StorageError
from pm_prep.ui import theme
from pm_prep.ui.actions import ActionRunner
from pm_prep.ui.flow_layout import FlowBox
from pm_prep.ui.history.compare import AttemptCompareDialog
from pm_prep.ui.history.detail import AttemptDetailView
from pm_prep.ui.history.table_model import (
    DATE,
    KIND,
    QUESTION,
    SCORE,
    SKILL,
    SORT_BY,
    TIME,
    HistoryTableModel,
)
from pm_prep.ui.page_layout import page_title, plain_label
from pm_prep.ui.pages import Page

SEARCH_DEBOUNCE_MS = 150  # results follow the typing, one query per pause
ALL = ""
# The date filter: days back from today (local calendar), 0 = today only.
DATE_RANGES: tuple[tuple[str, str, int | None], ...] = (
    ("any", "Any time", None),
    ("today", "Today", 0),
    ("7", "Last 7 days", 6),
    ("30", "Last 30 days", 29),
    ("90", "Last 90 days", 89),
    ("365", "Last 12 months", 364),
)
NARROW = 860  # below this page width the answer goes under the table, not beside it


class _SearchBox(QLineEdit):
    """The search field; Down moves into the results, as in a browser's address bar."""

    downPressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.downPressed.emit()
            return
        super().keyPressEvent(event)


def since_for(days_back: int | None, now: datetime | None = None) -> datetime | None:
    """The start of the local day `days_back` days ago, as an aware time (None: any time)."""
    if days_back is None:
        return None
    today = (now or datetime.now().astimezone()).astimezone().date()
    start = datetime.combine(today - timedelta(days=days_back), time.min)
    return start.astimezone()  # the local zone, with its offset on that day


class HistoryPage(Page):
    """Every attempt in a lazily filled table, the selected one in full beside it.

    Reads go straight to `services.history` (one connection per refresh); the one write,
    rating an attempt later, goes through `runner` (which announces `Changes.RATINGS`).
    """

    statusMessage = Signal(str)
    relevant = Changes.ATTEMPTS | Changes.RATINGS | Changes.MOCK | Changes.CATALOG | Changes.RESTORE

    def __init__(self, ws: Workspace, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPage")
        self._ws = ws
        self._runner = runner
        self._query = HistoryQuery()
        self._current_id: int | None = None  # the attempt shown in the detail
        self._detail: AttemptDetail | None = None
        self._others: list[HistoryRow] = []  # other attempts of the shown question
        self._compare_dialog: AttemptCompareDialog | None = None
        self._split_set = False  # the splitter's first sizes are set at the first resize
        self.count = 0  # attempts matching the current search and filters
        self._build()
        self._connect_signals()
        self.refresh()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)

        header = QHBoxLayout()
        header.addWidget(page_title("History"))
        header.addSpacing(12)
        self.count_label = plain_label(muted=True)
        self.count_label.setObjectName("historyCount")
        header.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        header.addStretch(1)
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setObjectName("historyClearFilters")
        self.clear_button.setProperty("role", "link")
        self.clear_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_button.setStyleSheet(
            "QPushButton { border: none; background: transparent; color: palette(link); }"
            "QPushButton:hover { text-decoration: underline; }"
        )
        header.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(header)

        # One line when there is room; the filters wrap under the search box when narrow.
        filters = FlowBox(spacing=8)
        filters.setObjectName("historyFilters")
        self.search = _SearchBox()
        self.search.setObjectName("historySearch")
        self.search.setAccessibleName("Search your answers, prompts and notes")
        self.search.setPlaceholderText("Search answers, prompts and notes…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.search.setMaximumWidth(640)
        filters.add(self.search, stretch=True)
        self.skill_filter = QComboBox()
        self.skill_filter.setObjectName("historySkillFilter")
        self.skill_filter.setAccessibleName("Skill")
        self._fill_skills()
        self.rated_filter = QComboBox()
        self.rated_filter.setObjectName("historyRatedFilter")
        self.rated_filter.setAccessibleName("Rating")
        for value, label in history.RATED_FILTERS.items():
            self.rated_filter.addItem(label, value)
        self.date_filter = QComboBox()
        self.date_filter.setObjectName("historyDateFilter")
        self.date_filter.setAccessibleName("Date range")
        for range_id, label, _days in DATE_RANGES:
            self.date_filter.addItem(label, range_id)
        for combo in (self.skill_filter, self.rated_filter, self.date_filter):
            # Wide enough for most entries; the search box keeps the rest of the row.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(11)
            filters.add(combo)
        self.export_button = QPushButton("Export…")
        self.export_button.setObjectName("historyExportButton")
        self.export_button.setToolTip("Save the answers shown as Markdown, CSV or JSON")
        filters.add(self.export_button)
        layout.addWidget(filters)
        self.status_label = plain_label(wrap=True)
        self.status_label.setObjectName("historyStatus")
        self.status_label.hide()
        layout.addWidget(self.status_label)

        self.model = HistoryTableModel(self._skill_names(), self)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName("Your answers")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setCornerButtonEnabled(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header_view = self.table.horizontalHeader()
        header_view.setHighlightSections(False)
        header_view.setStretchLastSection(False)
        # Fixed widths: sizing to contents would read every row, which is what lazy avoids.
        for column, width in ((DATE, 128), (SKILL, 118), (SCORE, 56), (TIME, 60), (KIND, 74)):
            header_view.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        header_view.setSectionResizeMode(QUESTION, QHeaderView.ResizeMode.Stretch)
        header_view.setSortIndicator(DATE, Qt.SortOrder.DescendingOrder)
        header_view.setSortIndicatorShown(True)
        header_view.setSectionsClickable(True)
        self.table.setMinimumWidth(320)

        self.empty_label = plain_label(wrap=True, muted=True)
        self.empty_label.setObjectName("historyEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label)

        self.detail = AttemptDetailView()
        self.detail.setMinimumWidth(300)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("historySplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)

    def _skill_names(self) -> dict[str, str]:
        return {s.id: s.name for s in self._ws.catalog.skills.values()}

    def _fill_skills(self) -> None:
        chosen = self.skill_filter.currentData() or ALL
        blocked = self.skill_filter.blockSignals(True)
        self.skill_filter.clear()
        self.skill_filter.addItem("All skills", ALL)
        for skill in self._ws.catalog.skills.values():
            self.skill_filter.addItem(skill.name, skill.id)
        self.skill_filter.setCurrentIndex(max(0, self.skill_filter.findData(chosen)))
        self.skill_filter.blockSignals(blocked)

    def _connect_signals(self) -> None:
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._on_search_timer)
        self.search.textChanged.connect(self._on_search_text)
        self.search.returnPressed.connect(self._on_search_timer)
        self.search.downPressed.connect(self._on_search_down)
        # currentIndexChanged, not activated: a filter set from code filters like a click.
        for combo in (self.skill_filter, self.rated_filter, self.date_filter):
            combo.currentIndexChanged.connect(self._on_filters_changed)
        self.clear_button.clicked.connect(self.clear_filters)
        self.export_button.clicked.connect(self._on_export)
        self.model.sortRequested.connect(self._on_sort_requested)
        self.table.setSortingEnabled(True)  # after the indicator: asks for the same order
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._on_current_row_changed)
        selection.selectionChanged.connect(self._on_selection_changed)
        self.detail.rateRequested.connect(self._on_rate)
        self.detail.compareRequested.connect(self._on_compare)
        self.detail.saveRequested.connect(self._on_save_rating)
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self._on_save_rating)
        find = QShortcut(QKeySequence("Ctrl+F"), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._on_find)

    # -- public --------------------------------------------------------------------------
    @property
    def query(self) -> HistoryQuery:
        """The search and filters the table shows."""
        return self._query

    @property
    def current_attempt_id(self) -> int | None:
        return self._current_id

    def refresh(self) -> None:
        """Run the search again (one read connection) and keep the shown attempt."""
        self._search_timer.stop()
        query = self._current_query()
        self._query = query
        try:
            with self._ws.db.raw() as conn:
                result = history.search(conn, query)
                total = result.count if result.count else history.total_attempts(conn)
        except StorageError as exc:
            self.model.clear()
            self.count_label.setText("")
            self._show_status(f"Your answers could not be read: {exc}", error=True)
            return
        self._show_status("")
        self.count = result.count
        self.model.set_rows(result.page.rows, more=result.page.more, fetch_more=self._fetch_more)
        self._show_count(result.count, total)
        self._reselect()

    def open_attempt(self, attempt_id: int, *, rate: bool = False) -> bool:
        """Show one attempt (filters are cleared if they hide it); `rate` opens its rubric.

        For "rate it now" from elsewhere (Practice, a mock). False if it does not exist.
        """
        if self.model.row_of(attempt_id) < 0:
            self.clear_filters()
        self._show_attempt(attempt_id)
        if self._detail is None:
            return False
        self._select_row_of(attempt_id)
        if rate and self._detail.score is None:
            self._on_rate()
        return True

    def clear_filters(self) -> None:
        """Every answer again: no search text, all skills, rated or not, any time."""
        combos = (self.skill_filter, self.rated_filter, self.date_filter)
        previous = [w.blockSignals(True) for w in (self.search, *combos)]
        try:
            self.search.clear()
            for combo in combos:
                combo.setCurrentIndex(0)
        finally:
            for widget, was in zip((self.search, *combos), previous, strict=True):
                widget.blockSignals(was)
        self.refresh()

    def forget(self) -> None:
        """After a restore: no attempt id of the old database is kept."""
        self._search_timer.stop()
        self._current_id = None
        self._detail = None
        self._others = []
        self.model.clear()
        self.detail.clear()
        if self._compare_dialog is not None:
            self._compare_dialog.close()
            self._compare_dialog.deleteLater()
            self._compare_dialog = None

    def reload(self, changes: Changes) -> None:
        if changes & (Changes.CATALOG | Changes.RESTORE):
            self._fill_skills()
            self.model.set_skill_names(self._skill_names())
        self.refresh()

    # -- querying ------------------------------------------------------------------------
    def _current_query(self) -> HistoryQuery:
        rated: Rated = self.rated_filter.currentData() or "all"
        days = next(
            (d for value, _label, d in DATE_RANGES if value == self.date_filter.currentData()),
            None,
        )
        return HistoryQuery(
            text=self.search.text(),
            skill=self.skill_filter.currentData() or None,
            rated=rated,
            since=since_for(days),
            sort=self._query.sort,
            descending=self._query.descending,
        )

    def _fetch_more(self, after: HistoryRow) -> tuple[list[HistoryRow], bool]:
        try:
            with self._ws.db.raw() as conn:
                page = history.next_page(conn, self._query, after)
        except StorageError as exc:
            self._show_status(f"More answers could not be read: {exc}", error=True)
            return [], False
        return page.rows, page.more

    def _show_count(self, count: int, total: int) -> None:
        filtered = self._query != HistoryQuery(
            sort=self._query.sort, descending=self._query.descending
        )
        self.clear_button.setVisible(filtered)
        if total == 0:
            self.count_label.setText("No answers yet")
            self.empty_label.setText(
                "Every answer you write in Practice and in mock interviews appears here, "
                "searchable, with its rating. Nothing is ever deleted."
            )
        elif count == 0:
            text = self._query.text.strip()
            self.count_label.setText("No answers match")
            self.empty_label.setText(
                f"No answer matches “{text}” with these filters."
                if text
                else "No answers match these filters."
            )
        else:
            self.count_label.setText(
                f"{count:,} answer{'s' if count != 1 else ''}"
                + (f" of {total:,}" if filtered and total != count else "")
            )
        self.empty_label.setVisible(count == 0)
        self.table.setVisible(count > 0)

    # -- the shown attempt ---------------------------------------------------------------
    def _reselect(self) -> None:
        """After a refresh: the shown attempt stays shown (selected if it is in the rows)."""
        if self._current_id is None:
            return
        self._show_attempt(self._current_id)
        if self._detail is not None:
            self._select_row_of(self._current_id)

    def _select_row_of(self, attempt_id: int) -> None:
        row = self.model.row_of(attempt_id)
        selection = self.table.selectionModel()
        blocked = selection.blockSignals(True)
        try:
            if row < 0:
                selection.clearSelection()
            else:
                index = self.model.index(row, DATE)
                selection.setCurrentIndex(
                    index,
                    selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
        finally:
            selection.blockSignals(blocked)
        self._update_actions()

    def _show_attempt(self, attempt_id: int | None) -> None:
        if attempt_id is None:
            self._current_id = None
            self._detail = None
            self._others = []
            self.detail.clear()
            self._update_actions()
            return
        keep_rating = self.detail.rating_open and attempt_id == self._current_id
        try:
            with self._ws.db.raw() as conn:
                detail = history.attempt_detail(self._ws, attempt_id, conn)
                others = (
                    history.attempts_of_question(conn, detail.question_id)
                    if detail is not None
                    else []
                )
        except StorageError as exc:
            self.detail.show_message(f"This answer could not be read: {exc}", error=True)
            return
        if attempt_id != self._current_id:
            self.detail.show_message("")
        self._current_id = attempt_id if detail is not None else None
        self._detail = detail
        self._others = others
        if detail is None:
            self.detail.clear()
            self._update_actions()
            return
        skill = self._ws.catalog.skills.get(detail.skill_id)
        self.detail.show_detail(
            detail, skill.name if skill else detail.skill_id, history.insights_of(detail)
        )
        if not (keep_rating and detail.score is None):
            self.detail.hide_rubric()
        self._update_actions()

    def _rubric(self) -> Rubric | None:
        detail = self._detail
        if detail is None or detail.question is None:
            return None
        return self._ws.catalog.rubric_for(detail.question)

    def _compare_pair(self) -> tuple[int, int] | None:
        """The two attempts Compare opens on (earlier first), if there are two."""
        selected = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        rows = [r for r in (self.model.row_at(n) for n in selected) if r is not None]
        if len(rows) == 2:
            if rows[0].question_id != rows[1].question_id:
                return None
            first, second = sorted(rows, key=lambda r: (r.submitted_at, r.attempt_id))
            return first.attempt_id, second.attempt_id
        if len(rows) > 2 or self._detail is None:
            return None
        others = self._others
        ids = [r.attempt_id for r in others]
        if self._detail.attempt_id not in ids or len(ids) < 2:
            return None
        at = ids.index(self._detail.attempt_id)
        # The shown answer against the one before it (the first one: against the next).
        return (ids[at - 1], ids[at]) if at > 0 else (ids[0], ids[1])

    def _update_actions(self) -> None:
        detail = self._detail
        if detail is None:
            self.detail.set_actions(can_rate=False, rate_tip="", can_compare=False, compare_tip="")
            return
        rubric = self._rubric()
        can_rate = detail.score is None and rubric is not None and not self.detail.rating_open
        if detail.score is not None:
            rate_tip = ""
        elif rubric is None:
            rate_tip = "This question is no longer in your banks, so it has no rubric to rate by."
        else:
            rate_tip = "Rate this answer against its question's rubric"
        pair = self._compare_pair()
        selected = len(self.table.selectionModel().selectedRows())
        if pair is not None:
            tip = "Compare these two answers side by side"
        elif selected == 2:
            tip = "Select two answers to the same question to compare them."
        else:
            tip = "You have answered this question only once: answer it again to compare."
        self.detail.set_actions(
            can_rate=can_rate, rate_tip=rate_tip, can_compare=pair is not None, compare_tip=tip
        )

    # -- slots ---------------------------------------------------------------------------
    @Slot(str)
    def _on_search_text(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _on_search_timer(self) -> None:
        self.refresh()

    @Slot()
    def _on_search_down(self) -> None:
        if self.model.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    @Slot()
    def _on_find(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot()
    def _on_filters_changed(self) -> None:
        self.refresh()

    @Slot(int, Qt.SortOrder)
    def _on_sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        sort = SORT_BY[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._query.sort, self._query.descending):
            return
        self._query = history.with_sort(self._query, sort, descending)
        self.refresh()

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is not None and row.attempt_id != self._current_id:
            self._show_attempt(row.attempt_id)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_actions()

    @Slot()
    def _on_rate(self) -> None:
        rubric = self._rubric()
        if self._detail is None or self._detail.score is not None or rubric is None:
            return
        self.detail.show_rubric(rubric)
        self.detail.show_message(
            "Rate each criterion (click a level, or focus it and press 1 to 5), then save."
        )
        self._update_actions()

    @Slot()
    def _on_save_rating(self) -> None:
        detail = self._detail
        if detail is None or not self.detail.rating_open:
            return
        attempt_id = detail.attempt_id
        # Imported here: it brings SQLAlchemy and fsrs, which opening the page does not need.
        from pm_prep.services.practice import rate_attempt

        outcome = self._runner.run(
            rate_attempt,
            self._ws,
            attempt_id,
            self.detail.scores(),
            self_note=self.detail.note(),
            quiet=True,
        )
        score = outcome.value
        if score is None:
            self.detail.show_message(f"Rating not saved: {outcome.error}", error=True)
            return
        # Committed (and every page told): only now does the page say so.
        self.detail.hide_rubric()
        self._show_attempt(attempt_id)
        self.detail.show_message(f"Saved. Score {score:.0f}/100.")
        self.statusMessage.emit(f"Rating saved: {score:.0f}/100")
        self.table.setFocus()

    @Slot()
    def _on_compare(self) -> None:
        pair = self._compare_pair()
        detail = self._detail
        if pair is None or detail is None:
            return
        if self._compare_dialog is None:
            self._compare_dialog = AttemptCompareDialog(self._compare, self)
        dialog = self._compare_dialog
        dialog.set_attempts(detail.prompt, self._others, *pair)
        if dialog.isVisible():
            dialog.raise_()  # already open behind the window: bring it to the front
            dialog.activateWindow()
        else:
            dialog.show()  # not modal: the user can keep browsing the table

    def _compare(self, before_id: int, after_id: int) -> history.Comparison | None:
        try:
            return history.compare_attempts(self._ws, before_id, after_id)
        except (StorageError, ValueError) as exc:
            self.detail.show_message(f"Could not compare: {exc}", error=True)
            return None

    @Slot()
    def _on_export(self) -> None:
        from pm_prep.services import export
        from pm_prep.ui import file_dialogs

        path, chosen = file_dialogs.save_file_name(
            self,
            self._ws,
            self._runner,
            file_dialogs.ANSWERS,
            "Export the answers shown",
            "pm-prep-history.md",
            "Markdown (*.md);;CSV (*.csv);;JSON (*.json)",
        )
        if not path:
            return
        suffix = Path(path).suffix.lower().lstrip(".")
        fmt = (
            suffix
            if suffix in export.FORMATS
            else {"CSV": "csv", "JSON": "json"}.get(chosen.split(" ")[0], "md")
        )
        try:
            with self._ws.db.raw() as conn:
                ids = history.matching_ids(conn, self._query)
        except StorageError as exc:
            self._show_status(f"Nothing exported: {exc}", error=True)
            return
        outcome = self._runner.run(
            export.export_answers,
            self._ws,
            fmt,
            Path(path),
            attempt_ids=ids,
            title="Export failed",
        )
        if outcome.value is None:
            return
        text = f"Exported {outcome.value:,} answers to {path}"
        self._show_status(text)
        self.statusMessage.emit(text)

    def _show_status(self, text: str, *, error: bool = False) -> None:
        colour = theme.pick(theme.DANGER).name() if error else ""
        self.status_label.setStyleSheet(f"color: {colour};" if error else "")
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = event.size().width()
        wanted = Qt.Orientation.Vertical if width < NARROW else Qt.Orientation.Horizontal
        if self.splitter.orientation() != wanted or not self._split_set:
            self._split_set = True
            self.splitter.setOrientation(wanted)
            # Beside the table the answer gets a reading width and room for the rubric;
            # under it, half the height.
            share = 0.44 if wanted == Qt.Orientation.Horizontal else 0.5
            total = width if wanted == Qt.Orientation.Horizontal else event.size().height()
            self.splitter.setSizes([round(total * (1 - share)), round(total * share)])
