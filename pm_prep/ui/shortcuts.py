"""Every keyboard shortcut of the app, in one table: Help > Keyboard shortcuts is made from it.

Plain data, no Qt: the main window reads it when the dialog opens. Each entry says the keys
as a user reads them and, for keys that a QShortcut or QAction implements, the key
sequences in Qt's portable text ("Ctrl+Return"); tests/gui/test_keyboard.py compares those
with the shortcuts the pages really have, so the dialog cannot drift from the app. Keys a
control handles itself (1 to 5 on a rating, Down in a search field) have no sequences.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True, slots=True)
class Key:
    """One line of the shortcuts list."""

    keys: str
    does: str
    sequences: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    """Where some keys work: `name` is a page's objectName, or "window" or a dialog's."""

    name: str
    title: str
    keys: tuple[Key, ...]


def page_keys(titles: list[str]) -> tuple[Key, ...]:
    """Ctrl+1 to Ctrl+7: the pages in navigation order (`titles`)."""
    return tuple(
        Key(f"Ctrl+{n}", f"Open {title}", (f"Ctrl+{n}",)) for n, title in enumerate(titles, 1)
    )


RATE = Key("1 to 5", "Rate the focused criterion (Left and Right lower or raise it)")
RATE_MOVE = Key("Tab, Up, Down", "Move to the next or previous criterion")

PLACES: tuple[Place, ...] = (
    Place(
        "window",
        "Everywhere",
        (
            # Ctrl+1 ... are added from the navigation by `places()`.
            Key("Ctrl+Q", "Quit PM Prep", ("Ctrl+Q",)),
            Key("Tab, Shift+Tab", "Move between the controls of the page you are on"),
        ),
    ),
    Place(
        "dashboardPage",
        "Dashboard",
        (
            Key("Enter or Space", "On the readiness ring or a skill: explain how it is worked out"),
            Key("Up, Down", "Move between the skills"),
        ),
    ),
    Place(
        "practicePage",
        "Practice",
        (
            Key("Ctrl+Enter", "Submit your answer", ("Ctrl+Return", "Ctrl+Enter")),
            Key("Ctrl+H", "Show the next hint", ("Ctrl+H",)),
            RATE,
            RATE_MOVE,
            Key("Ctrl+S", "Save your rating", ("Ctrl+S",)),
            Key("Ctrl+N", "Next question (your draft is kept)", ("Ctrl+N",)),
        ),
    ),
    Place(
        "historyPage",
        "History",
        (
            Key("Ctrl+F", "Search your answers", ("Ctrl+F",)),
            Key("Down", "In the search field: move into the list of answers"),
            RATE,
            Key("Ctrl+S", "Save the rating of the selected answer", ("Ctrl+S",)),
        ),
    ),
    Place(
        "selfAssessmentPage",
        "Self-assessment",
        (
            Key("1 to 5", "Rate the focused statement (Left and Right lower or raise it)"),
            Key("Tab, Up, Down", "Move to the next or previous statement"),
            Key("Ctrl+S", "Save the self-assessment", ("Ctrl+S",)),
        ),
    ),
    Place(
        "mockPage",
        "Mock interview",
        (
            Key(
                "Ctrl+Enter",
                "During the interview: submit the round and move on",
                ("Ctrl+Return", "Ctrl+Enter"),
            ),
            RATE,
            Key("Ctrl+S", "In the debrief: save the round's rating", ("Ctrl+S",)),
        ),
    ),
    Place(
        "bankPage",
        "Question bank",
        (
            Key("Ctrl+F", "Search the questions", ("Ctrl+F",)),
            Key("Down", "In the search field: move into the list of questions"),
            Key("Enter", "In the list: practise the selected question"),
            Key("Ctrl+N", "Write a question of your own", ("Ctrl+N",)),
        ),
    ),
    Place(
        "questionEditor",
        "Question editor",
        (
            Key(
                "Ctrl+S or Ctrl+Enter", "Save the question", ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter")
            ),
            Key("Esc", "Close without saving"),
        ),
    ),
)


def places(page_titles: list[str]) -> tuple[Place, ...]:
    """The whole table, with Ctrl+1... for the pages `page_titles` in navigation order."""
    window, *rest = PLACES
    return (Place(window.name, window.title, page_keys(page_titles) + window.keys), *rest)


def as_html(page_titles: list[str]) -> str:
    """The table for the Help dialog: one heading and one two-column table per place."""
    parts: list[str] = []
    for place in places(page_titles):
        parts.append(f"<h3>{escape(place.title)}</h3><table cellspacing='0' cellpadding='3'>")
        for key in place.keys:
            keys, does = escape(key.keys), escape(key.does)
            parts.append(f"<tr><td width='150'><b>{keys}</b></td><td>{does}</td></tr>")
        parts.append("</table>")
    return "".join(parts)
