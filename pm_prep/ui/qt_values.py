"""A few Qt enum values as plain integers, for the widgets of the first frame.

In PySide6 the first use of anything in the `Qt` namespace (an alignment, a cursor shape,
a focus policy, a key) builds all of that namespace's Python enum classes at once: 40-47 ms
on the development machine, a sixth of a bare window's whole start-up. The widgets painted
in the first frame therefore set the enum-typed properties they need through
`QObject.setProperty` with these integers (Qt converts them on the C++ side) and pass them
where an API takes an `int` (`QPainter.drawText`); what needs `Qt` itself (cursors, focus,
keys, shortcuts) waits for the first paint (`first_paint.after_first_paint`).

tests/unit/ui/test_qt_values.py holds every constant equal to its enum, and
tests/gui/test_startup_path.py fails if the first paint builds the `Qt` namespace.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

PLAIN_TEXT = 0  # Qt.TextFormat.PlainText

ALIGN_LEFT = 0x0001  # Qt.AlignmentFlag.AlignLeft
ALIGN_RIGHT = 0x0002  # Qt.AlignmentFlag.AlignRight
ALIGN_HCENTER = 0x0004  # Qt.AlignmentFlag.AlignHCenter
ALIGN_BOTTOM = 0x0040  # Qt.AlignmentFlag.AlignBottom
ALIGN_VCENTER = 0x0080  # Qt.AlignmentFlag.AlignVCenter
ALIGN_CENTER = ALIGN_HCENTER | ALIGN_VCENTER  # Qt.AlignmentFlag.AlignCenter

TEXT_SELECTABLE_BY_MOUSE = 1  # Qt.TextInteractionFlag.TextSelectableByMouse


def set_enum(widget: QWidget, name: str, value: int) -> None:
    """Set an enum-typed Qt property (`alignment`, `textFormat`, ...) from its integer."""
    if not widget.setProperty(name, value):
        raise ValueError(f"{type(widget).__name__} has no writable property {name!r}")
