"""Shapes drawn with `QPainter.strokePath` alone, for the widgets of the first frame.

PySide6 picks `QPainter.setPen`, `setBrush`, `fillPath` and `fillRect` among overloads that
take a `Qt` enum, and weighing those builds the whole `Qt` namespace (40 ms, see
qt_values.py). `strokePath` has one signature; with a pen made through its setters, the
readiness ring and the band scale paint without touching `Qt`. Filled shapes are strokes
wide enough to cover them: a disc is a circle of half its radius stroked its radius wide.
Text keeps the painter's own pen, the widget's text colour.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen


def pen(colour: QColor, width: float) -> QPen:
    """A solid pen (square caps, bevel joins: Qt's defaults) of `colour` and `width`."""
    made = QPen()
    made.setColor(colour)
    made.setWidthF(width)
    return made


def disc(painter: QPainter, centre: QPointF, radius: float, colour: QColor) -> None:
    path = QPainterPath()
    path.addEllipse(centre, radius / 2, radius / 2)
    painter.strokePath(path, pen(colour, radius))


def bar(
    painter: QPainter, left: float, right: float, y: float, height: float, colour: QColor
) -> None:
    """A rectangle from `left` to `right` (at least `height` apart), `height` tall, centred on
    `y`: a line whose square caps reach the ends, so it runs half a height short of each."""
    half = height / 2
    path = QPainterPath(QPointF(left + half, y))
    path.lineTo(QPointF(right - half, y))
    painter.strokePath(path, pen(colour, height))


def ring(painter: QPainter, rect: QRectF, width: float, colour: QColor) -> None:
    """The circle (ellipse) of `rect`, `width` thick: a closed path, so no caps."""
    path = QPainterPath()
    path.addEllipse(rect)
    painter.strokePath(path, pen(colour, width))


def round_arc(
    painter: QPainter, rect: QRectF, width: float, degrees: float, colour: QColor
) -> None:
    """The arc of `rect` from 12 o'clock clockwise over `degrees`, `width` thick, round ends.

    Drawn as the arc shortened by the square caps' reach, then a disc on each end.
    """
    if degrees >= 360:
        ring(painter, rect, width, colour)
        return
    radius = rect.width() / 2
    reach = math.degrees((width / 2) / radius) if radius > 0 else 0.0
    if degrees > 2 * reach:
        path = QPainterPath()
        path.arcMoveTo(rect, 90 - reach)
        path.arcTo(rect, 90 - reach, -(degrees - 2 * reach))
        painter.strokePath(path, pen(colour, width))
    for angle in (90.0, 90.0 - degrees):
        end = QPainterPath()
        end.arcMoveTo(rect, angle)
        disc(painter, end.currentPosition(), width / 2, colour)
