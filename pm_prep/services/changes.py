"""What a write changed, so that each view can decide whether to refresh.

Every service function that writes is marked with `@writes(...)`; the UI's one action
runner reads the mark and hands the value to every page (Anki's `OpChanges`, as flags).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Flag, auto
from typing import Any, TypeVar


class Changes(Flag):
    """What a write touched. `EVERYTHING` (a restore) means: forget all ids and state."""

    NONE = 0
    ATTEMPTS = auto()
    RATINGS = auto()
    DRAFTS = auto()
    SETTINGS = auto()
    CATALOG = auto()
    SELF_ASSESSMENT = auto()
    MOCK = auto()
    RESTORE = auto()
    EVERYTHING = ATTEMPTS | RATINGS | DRAFTS | SETTINGS | CATALOG | SELF_ASSESSMENT | MOCK | RESTORE


F = TypeVar("F", bound=Callable[..., Any])
CHANGES_ATTRIBUTE = "changes"


def writes(changes: Changes) -> Callable[[F], F]:
    """Mark a service function as a write that changes `changes` when it returns."""

    def mark(function: F) -> F:
        setattr(function, CHANGES_ATTRIBUTE, changes)
        return function

    return mark


def changes_of(function: Callable[..., Any]) -> Changes:
    """What a call of `function` changes (NONE for a read)."""
    found = getattr(function, CHANGES_ATTRIBUTE, Changes.NONE)
    return found if isinstance(found, Changes) else Changes.NONE
