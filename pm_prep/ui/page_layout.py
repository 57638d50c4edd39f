"""The frame every page shares: a scrolling body with the house margins and a title."""

from __future__ import annotations

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
