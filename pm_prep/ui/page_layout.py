"""The frame every page shares: a scrolling body with the house margins, a title, cards and
plain-text labels (no text from a bank or an answer is ever read as HTML)."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from pm_prep.ui.qt_values import PLAIN_TEXT, set_enum

# The side margin of every page, and the widest a page's column of text and controls gets:
# beyond it the column stays centred, so lines stay readable on a wide screen.
SIDE_MARGIN = 24
READING_WIDTH = 1120
WIDE_WIDTH = 1600  # a page whose cards sit side by side


class _Body(QWidget):
    """A scrolled page body whose content keeps at most `max_width`, centred."""

    def __init__(self, max_width: int | None) -> None:
        super().__init__()
        self._max_width = max_width

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        layout = self.layout()
        if self._max_width is None or layout is None:
            return
        side = max(SIDE_MARGIN, (event.size().width() - self._max_width) // 2)
        margins = layout.contentsMargins()
        if margins.left() != side:
            layout.setContentsMargins(side, margins.top(), side, margins.bottom())


#: Marks the scroll area that `scrolling_body` gives a page.
PAGE_SCROLL_PROPERTY = "pageScroll"


def scrolling_body(
    page: QWidget, *, body_name: str = "", max_width: int | None = None
) -> QVBoxLayout:
    """Give `page` a frameless scroll area; returns the layout to fill with its content.

    Only the page scrolls vertically: its content follows the width it is given, and with
    `max_width` no wider than that (centred) however wide the window gets.
    """
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea(page)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    # Not a Tab stop: the main window takes these out of the Tab chain after the first paint
    # (pm_prep/ui/keyboard.py), so Tab goes from control to control.
    scroll.setProperty(PAGE_SCROLL_PROPERTY, True)
    outer.addWidget(scroll)
    body = _Body(max_width)
    if body_name:
        body.setObjectName(body_name)
    scroll.setWidget(body)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(SIDE_MARGIN, 18, SIDE_MARGIN, 24)
    layout.setSpacing(14)
    return layout


def page_title(text: str) -> QLabel:
    title = QLabel(text)
    title.setObjectName("pageTitle")
    return title


def plain_label(text: str = "", *, muted: bool = False, wrap: bool = False) -> QLabel:
    """A label that shows its text literally."""
    label = QLabel(text)
    set_enum(label, "textFormat", PLAIN_TEXT)  # no `Qt` enum: the dashboard's first frame
    label.setWordWrap(wrap)
    if muted:
        label.setProperty("role", "muted")
    return label


def card(object_name: str = "") -> QFrame:
    """A rounded panel in the page's card style."""
    frame = QFrame()
    if object_name:
        frame.setObjectName(object_name)
    frame.setProperty("role", "card")
    return frame


def card_title(text: str) -> QLabel:
    label = plain_label(text)
    label.setObjectName("cardTitle")
    return label
