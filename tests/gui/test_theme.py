"""In both themes every field has a frame and every check box a box the eye can find.

Read from the window's own pixels: the frame's colour against what surrounds it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QMainWindow,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from pm_prep.ui import theme
from tests.gui.drive import child, choose, open_page

# WCAG 1.4.11 asks 3:1 for the edge of a control; a little is left for antialiasing.
MIN_CONTRAST = 2.6


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(autouse=True)
def _light_again_after() -> Iterator[None]:
    yield
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply_theme(app, "light")


def _edge_contrast(image: QImage, window: QMainWindow, widget: QWidget, left: int) -> float:
    """The contrast between the pixel column `left` of `widget` and the one 2 px outside it."""
    middle = widget.height() // 2
    edge = widget.mapTo(window, QPoint(left, middle))
    outside = widget.mapTo(window, QPoint(left - 2, middle))
    return contrast(image.pixelColor(edge), image.pixelColor(outside))


@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_fields_and_check_boxes_have_visible_edges(qtbot, main_window, theme_name: str) -> None:  # type: ignore[no-untyped-def]
    settings = open_page(qtbot, main_window, "settingsPage")
    choose(qtbot, child(settings, QComboBox, "themeSetting"), theme_name)
    qtbot.waitUntil(lambda: theme.is_dark() == (theme_name == "dark"))

    box = child(settings, QCheckBox, "noInterviewDateSetting")
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = main_window.grab().toImage()
    ratio = _edge_contrast(image, main_window, box, indicator.left())
    assert ratio >= MIN_CONTRAST, f"the check box's box: {ratio:.2f}"
    for name in ("interviewDateSetting", "dailyGoalSetting", "trackSetting"):
        field = child(settings, QWidget, name)  # the date edit disabled: "No date yet"
        ratio = _edge_contrast(image, main_window, field, 0)
        assert ratio >= MIN_CONTRAST, f"{name}: {ratio:.2f}"

    practice = open_page(qtbot, main_window, "practicePage")
    image = main_window.grab().toImage()
    for name in ("answerEditor", "askInterviewer"):
        field = child(practice, QWidget, name)
        ratio = _edge_contrast(image, main_window, field, 0)
        assert ratio >= MIN_CONTRAST, f"{name}: {ratio:.2f}"
