"""Where PM Prep finds its resources and keeps its data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "pm-prep"
DATA_DIR_ENV = "PM_PREP_DATA_DIR"
DATABASE_NAME = "pm_prep.sqlite3"
IMPORTED_DIR_NAME = "banks"  # bank files the user dropped into the data folder


def resources_dir() -> Path:
    """The `resources/` folder, in a frozen bundle, an installed wheel or a source checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "resources"
    if installed.is_dir():
        return installed
    return package_dir.parent / "resources"


def default_data_dir() -> Path:
    """The per-user data folder chosen by platformdirs, unless the environment overrides it."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable by the owner only; tighten it if it exists."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def make_private_file(path: Path) -> None:
    """Restrict an existing file to its owner (0600 on POSIX)."""
    if os.name == "posix" and path.exists():
        os.chmod(path, 0o600)
