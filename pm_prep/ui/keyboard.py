"""The keyboard around the pages: Ctrl+1...Ctrl+7, where focus goes, and the shortcuts list.

What a keyboard user gets (docs/accessibility.md, "Keyboard"):
- Tab and Shift+Tab go round the controls of the page on screen only. The page list on the
  left is for the mouse: it is never a Tab stop and typing letters there does nothing, so a
  stray key cannot switch pages. From the keyboard, Ctrl+1 to Ctrl+7 (the Go menu) open the
  pages in the list's order.
- When a page is shown, the keys go into it at once, to its first useful control (the
  answer on Practice, the search field on History), so its shortcuts work without a click.
- A page's own scroll area is not a Tab stop: Tab goes from control to control and the
  page scrolls to the focused one.
- One focus ring (pm_prep/ui/focus_ring.py) marks the focused control everywhere.

All of it is installed after the dashboard's first paint (`install`): key sequences and
menus cost start-up time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pm_prep.ui import focus_ring, shortcuts
from pm_prep.ui.page_layout import PAGE_SCROLL_PROPERTY

if TYPE_CHECKING:
    from pm_prep.ui.main_window import MainWindow

INSTALLED_PROPERTY = "keyboardInstalled"


class _NoTypeAhead(QObject):
    """Letters typed on the page list do nothing (no type-ahead that switches pages)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            text = event.text()
            if text and text.isprintable() and modifiers == Qt.KeyboardModifier.NoModifier:
                return True
        return False


def install(window: MainWindow) -> None:
    """Set up the keyboard for `window` (once; later calls do nothing)."""
    if window.property(INSTALLED_PROPERTY):
        return
    window.setProperty(INSTALLED_PROPERTY, True)
    nav = window.navigation
    nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    nav.setProperty(focus_ring.NO_RING_PROPERTY, False)
    nav_filter = _NoTypeAhead(nav)
    nav.installEventFilter(nav_filter)
    _add_go_menu(window)
    pages = window.pages
    for page in pages.built_pages():
        _untab_page_scroll(page)
    pages.pageBuilt.connect(lambda name: _untab_page_scroll(pages.page(name)))
    pages.currentChanged.connect(lambda _index: focus_current_page(window))
    app = QApplication.instance()
    if isinstance(app, QApplication):
        focus_ring.install(app)
    focus_current_page(window)


def _untab_page_scroll(page: QWidget) -> None:
    for area in page.findChildren(QScrollArea):
        if area.property(PAGE_SCROLL_PROPERTY):
            area.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def _add_go_menu(window: MainWindow) -> None:
    """Go > one entry per page, Ctrl+1 ... in navigation order (before the Help menu)."""
    bar = window.menuBar()
    menu = bar.addMenu("&Go")
    menu.setObjectName("goMenu")
    help_action = next((a for a in bar.actions() if a.text() == "&Help"), None)
    if help_action is not None:
        bar.insertMenu(help_action, menu)
    for row, name in enumerate(window.pages.names):
        action = QAction(window.pages.title(name), window)
        action.setObjectName(f"go_{name}")
        action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
        action.triggered.connect(lambda _checked=False, row=row: open_page_by_key(window, row))
        menu.addAction(action)


def open_page_by_key(window: MainWindow, row: int) -> None:
    """Open the page on `row` of the navigation (asking first if the page being left needs
    it, as a click does) and put the keys into it."""
    if window.navigation.currentRow() != row:
        window.navigation.setCurrentRow(row)  # the page container asks, then shows
    focus_current_page(window)


def focus_current_page(window: MainWindow) -> None:
    """Put the keys into the page on screen unless they are in it already."""
    page = window.pages.currentWidget()
    if page is None or not page.isVisible():
        return
    first = getattr(page, "first_focus", None)
    target = first() if callable(first) else None
    focus = QApplication.focusWidget()
    # Stay where the user was on this page, unless Qt merely chose its first Tab stop and
    # the page names a better first control (Practice: the answer, not the filters).
    if (
        focus is not None
        and focus.isVisible()
        and page.isAncestorOf(focus)
        and (target is None or focus is target or focus is not first_tab_stop(page))
    ):
        return
    if not isinstance(target, QWidget) or not _takes_tab(target):
        target = first_tab_stop(page)
    (target or page).setFocus(Qt.FocusReason.OtherFocusReason)


def _takes_tab(widget: QWidget) -> bool:
    policy = widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
    return bool(policy) and widget.isVisible() and widget.isEnabled()


def first_tab_stop(page: QWidget) -> QWidget | None:
    """The first control Tab reaches on `page`, in its focus chain."""
    widget = page.nextInFocusChain()
    while widget is not page and widget is not None:
        if page.isAncestorOf(widget) and _takes_tab(widget) and widget.focusProxy() is None:
            return widget
        widget = widget.nextInFocusChain()
    return None


def show_shortcuts(window: MainWindow) -> QDialog:
    """Help > Keyboard shortcuts: every shortcut of every page, from `shortcuts.PLACES`."""
    dialog = QDialog(window)
    dialog.setObjectName("shortcutsDialog")
    dialog.setWindowTitle("Keyboard shortcuts")
    layout = QVBoxLayout(dialog)
    text = QTextBrowser()
    text.setObjectName("shortcutsList")
    text.setAccessibleName("Keyboard shortcuts")
    text.setHtml(shortcuts.as_html([window.pages.title(n) for n in window.pages.names]))
    layout.addWidget(text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(620, 640)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
