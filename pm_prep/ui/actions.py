"""The one action runner: every write from the UI goes through `ActionRunner.run`.

It calls the service, turns an error of the environment (damaged database, locked
folder, full or read-only disk, a bank or an input that was refused) into a plain message,
anything else into a bug dialog with the traceback, and after a successful write announces
what changed (`changed(Changes)`), which the main window hands to every page.
"""

from __future__ import annotations

import sqlite3
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from pm_prep.services.changes import Changes, changes_of
from pm_prep.storage.errors import StorageError, classify_sqlite

T = TypeVar("T")


def refused_input_types() -> tuple[type[BaseException], ...]:
    """Errors that mean 'the request was refused, say why' (loaded lazily: heavy modules)."""
    found: list[type[BaseException]] = [StorageError]
    for module, name in (
        ("pm_prep.services.practice", "PracticeError"),
        ("pm_prep.domain.bank_problems", "BankError"),
    ):
        loaded = sys.modules.get(module)
        kind = getattr(loaded, name, None) if loaded is not None else None
        if isinstance(kind, type) and issubclass(kind, BaseException):
            found.append(kind)
    return tuple(found)


def environment_message(exc: BaseException, database: Path | None = None) -> str | None:
    """A plain sentence for an error the user's environment or input caused; None for a bug."""
    if isinstance(exc, refused_input_types()):
        problems = getattr(exc, "problems", None)
        if problems:
            lines = "\n".join(str(p) for p in problems[:20])
            more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
            return f"Nothing was imported. Fix these problems first:\n\n{lines}{more}"
        return str(exc)
    if isinstance(exc, sqlite3.Error) and database is not None:
        known = classify_sqlite(exc, database)
        return None if known is None else str(known)
    if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror or exc}{where}. Nothing was changed."
    if isinstance(exc, ValueError) and type(exc).__module__.startswith("pm_prep.services"):
        return str(exc)
    return None


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """What an action gave: its value, or the plain message saying why it did not happen."""

    value: T | None = None
    error: str | None = None
    changes: Changes = Changes.NONE
    bug: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


def show_bug(
    parent: QWidget | None,
    kind: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
) -> None:
    """The bug dialog: what happened, that nothing typed is lost, and the traceback to report."""
    text = "".join(traceback.format_exception(kind, exc, tb))
    sys.stderr.write(text)
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setObjectName("bugDialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("PM Prep: something went wrong")
    box.setText(
        "PM Prep hit a bug and could not finish that. Your saved answers are safe; "
        "what you were typing is still in its box."
    )
    box.setInformativeText("Please report it with the details below.")
    box.setDetailedText(text)
    box.exec()


def install_excepthook(parent: Callable[[], QWidget | None]) -> None:
    """Uncaught exceptions in slots reach the bug dialog (a gui-script has no console)."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        show_bug(parent(), kind, exc, tb)

    sys.excepthook = hook


class ActionRunner(QObject):
    """Runs service calls for the pages and announces what each successful write changed."""

    changed = Signal(object)  # Changes

    def __init__(self, parent_widget: QWidget, database: Callable[[], Path | None]) -> None:
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._database = database

    def run(
        self,
        service: Callable[..., T],
        *args: Any,
        quiet: bool = False,
        title: str = "PM Prep",
        **kwargs: Any,
    ) -> Outcome[T]:
        """Call `service(*args, **kwargs)`. With `quiet`, the caller shows the message itself."""
        try:
            value = service(*args, **kwargs)
        except Exception as exc:
            message = environment_message(exc, self._database())
            if message is None:
                show_bug(self._parent_widget, type(exc), exc, exc.__traceback__)
                return Outcome(error="PM Prep hit a bug; see the report.", bug=True)
            if not quiet:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(self._parent_widget, title, message)
            return Outcome(error=message)
        changes = changes_of(service)
        if changes != Changes.NONE:
            self.changed.emit(changes)
        return Outcome(value=value, changes=changes)
