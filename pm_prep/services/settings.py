"""User settings, stored in the database so a backup carries them too."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pm_prep.services.changes import Changes, writes

if TYPE_CHECKING:
    from pm_prep.services.workspace import Workspace


THEMES = ("system", "light", "dark")
DEFAULT_DAILY_GOAL = 3


@dataclass(frozen=True, slots=True)
class Settings:
    track: str = "pm"
    interview_date: date | None = None
    daily_goal: int = DEFAULT_DAILY_GOAL
    theme: str = "system"


def load_settings(ws: Workspace, conn: sqlite3.Connection | None = None) -> Settings:
    """The saved settings; anything missing or unreadable falls back to its default."""
    if conn is None:
        with ws.db.raw() as own:
            raw = dict(own.execute("SELECT key, value FROM settings").fetchall())
    else:
        raw = dict(conn.execute("SELECT key, value FROM settings").fetchall())
    defaults = Settings()
    track = raw.get("track", defaults.track)
    if track not in ws.index.tracks:
        track = defaults.track
    try:
        interview = date.fromisoformat(raw["interview_date"]) if raw.get("interview_date") else None
    except ValueError:
        interview = None
    try:
        goal = max(1, min(50, int(raw.get("daily_goal", defaults.daily_goal))))
    except ValueError:
        goal = defaults.daily_goal
    theme = raw.get("theme", defaults.theme)
    return Settings(
        track=track,
        interview_date=interview,
        daily_goal=goal,
        theme=theme if theme in THEMES else defaults.theme,
    )


@writes(Changes.SETTINGS)
def save_settings(ws: Workspace, settings: Settings) -> None:
    """Store every setting in one transaction."""
    if settings.track not in ws.index.tracks:
        raise ValueError(f"unknown track '{settings.track}'")
    if settings.theme not in THEMES:
        raise ValueError(f"unknown theme '{settings.theme}'")
    if not 1 <= settings.daily_goal <= 50:
        raise ValueError("the daily goal is 1 to 50 questions")
    values = {
        "track": settings.track,
        "interview_date": settings.interview_date.isoformat() if settings.interview_date else "",
        "daily_goal": str(settings.daily_goal),
        "theme": settings.theme,
    }
    from pm_prep.storage.models import SettingRow

    with ws.db.transaction() as session:
        for key, value in values.items():
            session.merge(SettingRow(key=key, value=value))


# The folder each kind of file was last opened from or saved to ("backups", "questions",
# ...), kept beside the settings so a file dialog starts there after a restart too.
_FOLDER_KEY = "last_folder:"


def last_folder(ws: Workspace, kind: str) -> Path | None:
    """The folder last used for `kind` of file, if one was remembered and still exists."""
    with ws.db.raw() as conn:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (_FOLDER_KEY + kind,))
        found = row.fetchone()
    if not found or not found[0]:
        return None
    folder = Path(str(found[0]))
    return folder if folder.is_absolute() and folder.is_dir() else None


@writes(Changes.NONE)
def remember_folder(ws: Workspace, kind: str, folder: Path) -> None:
    """Remember `folder` for `kind` of file. Not a setting shown anywhere: nothing to refresh."""
    with ws.db.raw() as conn:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (_FOLDER_KEY + kind, str(folder.absolute())),
        )
