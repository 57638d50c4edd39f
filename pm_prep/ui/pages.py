"""One page container: every page is registered once and built the first time it is needed.

A page is built when it is first shown, or in idle time after the dashboard's first real
paint (`build_rest_when_idle`), one page per idle turn so the window stays responsive.
The navigation lists every registered page from the start (Frescobaldi's lazy panels).
Pages hear what every write changed through `notify`; a hidden page only marks itself
stale and refreshes when it is shown again (Anki's `refresh_if_needed`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from pm_prep.services.changes import Changes

# Qt.ItemDataRole.UserRole as a plain number: touching any `Qt` enum builds the whole
# namespace (about 14 ms).
PAGE_ROLE = 0x0100


class Page(QWidget):
    """A page of the main window. Subclasses say which changes concern them and reload."""

    #: The changes that make this page's figures out of date.
    relevant: ClassVar[Changes] = Changes.EVERYTHING

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale = Changes.NONE
        self.refresh_count = 0  # how often `reload` ran: tests count hidden refreshes

    def notify(self, changes: Changes) -> None:
        """Hear what a write changed: reload now if on screen, else when next shown."""
        if changes & Changes.RESTORE:
            self.forget()
        relevant = changes & self.relevant
        if not relevant:
            return
        if self.isVisible():
            self._reload(relevant)
        else:
            self._stale |= relevant

    @property
    def stale(self) -> bool:
        return bool(self._stale)

    def confirm_leave(self, *, closing: bool) -> bool:
        """Asked before the user leaves this page (or closes the window, `closing`).

        Return False to stay; a page with something unfinished asks the user first.
        """
        return True

    def forget(self) -> None:
        """Drop every id and state that belonged to the previous database (after a restore)."""

    def reload(self, changes: Changes) -> None:
        """Show the current data; `changes` says what changed since the last time."""

    def _reload(self, changes: Changes) -> None:
        self.refresh_count += 1
        self.reload(changes)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            changes, self._stale = self._stale, Changes.NONE
            self._reload(changes)


@dataclass(frozen=True, slots=True)
class PageSpec:
    """How to make a page: its objectName (a contract), its title and its factory."""

    object_name: str
    title: str
    factory: Callable[[], Page]


class PageContainer(QStackedWidget):
    """The registered pages, built on first need, shown one at a time."""

    pageBuilt = Signal(str)

    def __init__(self, navigation: QListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._navigation = navigation
        self._specs: dict[str, PageSpec] = {}
        self._built: dict[str, Page] = {}
        self._idle_queue: list[str] = []
        navigation.currentRowChanged.connect(self._on_row_changed)

    # -- registration --------------------------------------------------------------------
    def register(self, spec: PageSpec) -> None:
        """Add a page to the navigation; it is built when first needed."""
        if spec.object_name in self._specs:
            raise ValueError(f"page {spec.object_name} is registered twice")
        self._specs[spec.object_name] = spec
        item = QListWidgetItem(spec.title)
        item.setData(PAGE_ROLE, spec.object_name)
        self._navigation.addItem(item)

    @property
    def names(self) -> list[str]:
        return list(self._specs)

    def title(self, object_name: str) -> str:
        return self._specs[object_name].title

    # -- building ------------------------------------------------------------------------
    def is_built(self, object_name: str) -> bool:
        return object_name in self._built

    def page(self, object_name: str) -> Page:
        """The page, built now if it was not yet."""
        built = self._built.get(object_name)
        if built is None:
            page = self._specs[object_name].factory()
            page.setObjectName(object_name)
            self._built[object_name] = page
            self.addWidget(page)
            self.pageBuilt.emit(object_name)
            built = page
        return built

    def built_pages(self) -> Iterator[Page]:
        yield from self._built.values()

    def build_rest_when_idle(self) -> None:
        """Build the pages not built yet, one per idle turn of the event loop."""
        self._idle_queue = [name for name in self._specs if name not in self._built]
        QTimer.singleShot(0, self._build_one_idle)

    @Slot()
    def _build_one_idle(self) -> None:
        while self._idle_queue:
            name = self._idle_queue.pop(0)
            if name not in self._built:
                self.page(name)
                break
        if self._idle_queue:
            QTimer.singleShot(0, self._build_one_idle)

    # -- showing -------------------------------------------------------------------------
    def show_page(self, object_name: str) -> Page:
        """Make a page current (building it if needed) and select it in the navigation."""
        page = self.page(object_name)
        old = self.currentWidget()
        focus = QApplication.focusWidget()
        if old is not page and old is not None and focus is not None and old.isAncestorOf(focus):
            # The keys go to the new page's first control (pm_prep/ui/keyboard.py), not
            # back to wherever they last were on it.
            focus.clearFocus()
        self.setCurrentWidget(page)
        row = self.names.index(object_name)
        if self._navigation.currentRow() != row:
            self._navigation.setCurrentRow(row)
        return page

    def current_name(self) -> str | None:
        current = self.currentWidget()
        return current.objectName() if isinstance(current, Page) else None

    @Slot(int)
    def _on_row_changed(self, row: int) -> None:
        names = self.names
        if not 0 <= row < len(names):
            return
        current = self.currentWidget()
        if (
            isinstance(current, Page)
            and current.objectName() != names[row]
            and not current.confirm_leave(closing=False)
        ):
            # The user chose to stay: put the selection back without another round trip.
            blocked = self._navigation.blockSignals(True)
            self._navigation.setCurrentRow(names.index(current.objectName()))
            self._navigation.blockSignals(blocked)
            return
        self.show_page(names[row])

    # -- changes -------------------------------------------------------------------------
    def notify_all(self, changes: Changes) -> None:
        """Hand what changed to every page that exists; pages not yet built read fresh data."""
        for page in list(self._built.values()):
            page.notify(changes)
