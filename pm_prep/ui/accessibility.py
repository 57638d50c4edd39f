"""What assistive technology (a screen reader) is told about the app's controls.

Qt describes standard widgets itself. Two gaps are filled here, through one accessibility
factory (`install`):

- On Linux Qt names a combo box by its current item, so two combos showing "Product intern"
  were both called that. Every combo here is named by its `accessibleName()` (what it is);
  its current item is its value.
- Widgets the app paints itself would be "filler". Each gets the nearest real role:
  the readiness ring and the skill rows are buttons (they open their explanation), the
  rating control is a slider holding 1-5, the activity calendar is a chart and the band
  scale a graphic. Their descriptions are plain text, never a tooltip's markup.

Widgets opt in by class name (`ROLES`), so constructors stay as cheap as before: nothing
here runs until a screen reader (or a test) asks about a widget.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

from PySide6.QtCore import QObject
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QAccessibleInterface,
    QAccessibleStateChangeEvent,
    QAccessibleValueChangeEvent,
)
from PySide6.QtWidgets import QAccessibleWidget, QComboBox, QWidget

_TAG = re.compile(r"<[^>]*>")
_installed = False


def plain_text(text: str) -> str:
    """A tooltip as words: `plain_tooltip`'s markup (or any other) removed, entities decoded."""
    if "<" not in text and "&" not in text:
        return text
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    return unescape(_TAG.sub("", text)).strip()


class _Described(QAccessibleWidget):
    """A painted widget: its own name, a plain description (its tooltip's words if unset)."""

    def text(self, t: QAccessible.Text) -> str:
        widget = self.widget()
        if t == QAccessible.Text.Description:
            described = widget.accessibleDescription() or plain_text(widget.toolTip())
            status = getattr(widget, "accessible_status", None)
            return f"{status()} {described}".strip() if callable(status) else described
        if t == QAccessible.Text.Value:
            value = getattr(widget, "accessible_value", None)
            return str(value()) if callable(value) else ""
        return str(super().text(t))


class _Pressable(_Described):
    """A painted widget that acts when clicked: a button with a press action.

    The widget provides `activate()` (what a click does) and may provide `is_selected()`
    (the skill row that is pinned reads as a pressed toggle button).
    """

    def actionNames(self) -> list[str]:
        return [QAccessibleWidget.pressAction(), *super().actionNames()]

    def doAction(self, action_name: str) -> None:
        if action_name == QAccessibleWidget.pressAction():
            self.widget().activate()  # type: ignore[attr-defined]
            return
        super().doAction(action_name)

    def state(self) -> QAccessible.State:
        state = super().state()
        selected = getattr(self.widget(), "is_selected", None)
        if callable(selected):
            state.checkable = True
            state.checked = bool(selected())
        return state


class _Combo(QAccessibleWidget):
    """A combo box named by what it is; its current item is its value.

    Mirrors Qt's own combo interface otherwise: the popup list (and the line edit of an
    editable combo) as children, expandable state, open and close as actions.
    """

    def _combo(self) -> QComboBox:
        combo = self.widget()
        assert isinstance(combo, QComboBox)
        return combo

    def text(self, t: QAccessible.Text) -> str:
        combo = self._combo()
        if t == QAccessible.Text.Value:
            edit = combo.lineEdit()
            return edit.text() if combo.isEditable() and edit is not None else combo.currentText()
        if t == QAccessible.Text.Name:
            return combo.accessibleName() or combo.currentText()
        if t == QAccessible.Text.Description:
            return combo.accessibleDescription() or plain_text(combo.toolTip())
        return str(super().text(t))

    def _children(self) -> list[QWidget]:
        combo = self._combo()
        children: list[QWidget] = [combo.view()]
        edit = combo.lineEdit()
        if combo.isEditable() and edit is not None:
            children.append(edit)
        return children

    def childCount(self) -> int:
        return len(self._children())

    def child(self, index: int) -> QAccessibleInterface:
        children = self._children()
        if 0 <= index < len(children):
            return QAccessible.queryAccessibleInterface(children[index])
        return None  # type: ignore[return-value]  # Qt's own answer for no such child

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        found = child.object() if child is not None else None
        for index, widget in enumerate(self._children()):
            if widget is found:
                return index
        return -1

    def state(self) -> QAccessible.State:
        state = super().state()
        combo = self._combo()
        state.expandable = True
        state.expanded = combo.view().isVisible()
        state.collapsed = not state.expanded
        state.editable = combo.isEditable()
        return state

    def actionNames(self) -> list[str]:
        return [QAccessibleWidget.showMenuAction(), QAccessibleWidget.pressAction()]

    def doAction(self, action_name: str) -> None:
        combo = self._combo()
        if action_name in (QAccessibleWidget.showMenuAction(), QAccessibleWidget.pressAction()):
            if combo.view().isVisible():
                combo.hidePopup()
            else:
                combo.showPopup()


R = QAccessible.Role

# Class name -> how a widget of that class (or a subclass) presents itself.
ROLES: dict[str, Callable[[QWidget], QAccessibleInterface]] = {
    "QComboBox": lambda w: _Combo(w, R.ComboBox, ""),
    "ReadinessGauge": lambda w: _Pressable(w, R.Button, ""),
    "SkillRow": lambda w: _Pressable(w, R.Button, ""),
    "LevelSelector": lambda w: _Described(w, R.Slider, ""),
    "HeatmapGrid": lambda w: _Described(w, R.Chart, ""),
    "BandScale": lambda w: _Described(w, R.Graphic, ""),
}


def _factory(class_name: str, obj: QObject) -> QAccessibleInterface | None:
    make = ROLES.get(class_name)
    if make is None or not isinstance(obj, QWidget):
        return None
    return make(obj)


def install() -> None:
    """Install the factory once. Interfaces a screen reader already asked for are rebuilt."""
    global _installed
    if _installed:
        return
    _installed = True
    QAccessible.installFactory(_factory)
    if QAccessible.isActive():
        _rebuild_cached()


def _rebuild_cached() -> None:
    # A screen reader running at start-up asked about the dashboard before the factory was
    # there: drop those interfaces so the next question gets the proper role.
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.allWidgets():
        meta = widget.metaObject()
        while meta is not None and meta.className() not in ROLES:
            meta = meta.superClass()
        if meta is None:
            continue
        iface = QAccessible.queryAccessibleInterface(widget)
        if iface is not None and not isinstance(iface, (_Described, _Combo)):
            QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(iface))
            QAccessible.updateAccessibility(
                QAccessibleEvent(widget, QAccessible.Event.ObjectCreated)
            )


def announce_checked(widget: QWidget) -> None:
    """Tell a screen reader that a painted toggle was pressed or released."""
    if not QAccessible.isActive():
        return
    state = QAccessible.State()
    state.checked = True
    QAccessible.updateAccessibility(QAccessibleStateChangeEvent(widget, state))


def announce_value(widget: QWidget) -> None:
    """Tell a screen reader that a painted control's value changed."""
    if QAccessible.isActive():
        value = getattr(widget, "accessible_value", None)
        if callable(value):
            QAccessible.updateAccessibility(QAccessibleValueChangeEvent(widget, value()))
