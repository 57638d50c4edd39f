"""The plain integers the first frame uses for Qt enums are those enums' values."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from pm_prep.ui import qt_values


@pytest.mark.parametrize(
    ("name", "enum"),
    [
        ("PLAIN_TEXT", Qt.TextFormat.PlainText),
        ("ALIGN_LEFT", Qt.AlignmentFlag.AlignLeft),
        ("ALIGN_RIGHT", Qt.AlignmentFlag.AlignRight),
        ("ALIGN_HCENTER", Qt.AlignmentFlag.AlignHCenter),
        ("ALIGN_BOTTOM", Qt.AlignmentFlag.AlignBottom),
        ("ALIGN_VCENTER", Qt.AlignmentFlag.AlignVCenter),
        ("ALIGN_CENTER", Qt.AlignmentFlag.AlignCenter),
        ("TEXT_SELECTABLE_BY_MOUSE", Qt.TextInteractionFlag.TextSelectableByMouse),
    ],
)
def test_each_constant_is_its_enum(name: str, enum: Qt.AlignmentFlag) -> None:
    assert getattr(qt_values, name) == enum.value


def test_set_enum_sets_the_property_and_refuses_a_wrong_name(qapp: object) -> None:
    label = QLabel("<b>shown as typed</b>")
    qt_values.set_enum(label, "textFormat", qt_values.PLAIN_TEXT)
    qt_values.set_enum(label, "alignment", qt_values.ALIGN_RIGHT | qt_values.ALIGN_BOTTOM)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom
    with pytest.raises(ValueError, match="no writable property"):
        qt_values.set_enum(label, "alignmnet", qt_values.ALIGN_LEFT)
