"""The frame every page shares: a scrolling body with the house margins, a title, cards and
plain-text labels (no text from a bank or an answer is ever read as HTML)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget


def scrolling_body(page: QWidget, *, body_name: str = "") -> QVBoxLayout:
    """Give `page` a frameless scroll area; returns the layout to fill with its content."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea(page)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    outer.addWidget(scroll)
    body = QWidget()
    if body_name:
        body.setObjectName(body_name)
    scroll.setWidget(body)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(24, 18, 24, 24)
    layout.setSpacing(14)
    return layout


def page_title(text: str) -> QLabel:
    title = QLabel(text)
    title.setObjectName("pageTitle")
    return title


def plain_label(text: str = "", *, muted: bool = False, wrap: bool = False) -> QLabel:
    """A label that shows its text literally."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
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
