"""The saved theme, read before anything else so the first frame is painted in it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pm_prep.paths import DATABASE_NAME

_THEMES = ("system", "light", "dark")  # services.settings.THEMES, kept light to import


def peek_theme(data_dir: Path) -> str:
    """The saved theme, read without opening the data folder.

    Anything unusual (no database yet, damaged, locked) gives "system"; opening the folder
    properly, a moment later, is what reports problems.
    """
    path = data_dir / DATABASE_NAME
    if not path.is_file():
        return "system"
    try:
        conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True, timeout=0.2)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'theme'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return "system"
    theme = row[0] if row else "system"
    return theme if theme in _THEMES else "system"
