"""The dashboard's small index of the catalog, so the first frame need not load the banks.

Readiness needs four things of the catalog: the skills, the tracks, and how many questions
each skill has in each track (coverage; whether a skill can be recommended). Loading the
whole catalog (seven banks, 400+ questions with outlines and examples) costs 40-60 ms on
the way to the first paint; this index is a few kilobytes of JSON in the data folder's
cache, written whenever the full catalog is loaded and used only while everything it was
made from is unchanged:

- the shipped resources (skills.toml and every bank file) and the data folder's `banks/`
  files, by name, size and modification time;
- the database's record of the banks it was synced with (`bank_files`), and the user's
  own questions (`questions` rows from the editor or an import: id, source, content hash,
  retired or not).

Anything else (an edited bank, a restored database, an own question added by the CLI)
changes the key, and the workspace loads the full catalog before anything is read. The
index is derived data: deleting it costs one slower start.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pm_prep import __version__
from pm_prep.domain.skills import Skill, Track

if TYPE_CHECKING:
    from pm_prep.domain.content import Catalog

INDEX_FORMAT = 1
INDEX_FILE = "catalog-index.json"
BANK_SUFFIXES = (".toml", ".json", ".csv")  # bank files, shipped or in the data folder
OWN_SOURCES_SQL = (
    "SELECT id, source, content_hash, retired_at IS NOT NULL FROM questions "
    "WHERE source = 'own' OR substr(source, 1, 7) = 'import:' ORDER BY id"
)


@dataclass(frozen=True, slots=True)
class CatalogIndex:
    """Skills and tracks in catalog order, and each track's question count per skill."""

    skills: dict[str, Skill]
    tracks: dict[str, Track]
    counts: dict[str, dict[str, int]]  # track id -> skill id -> questions in that track

    @classmethod
    def of(cls, catalog: Catalog) -> CatalogIndex:
        counts = {track: dict.fromkeys(catalog.skills, 0) for track in catalog.tracks}
        for question in catalog.questions.values():
            for track in question.tracks:
                per_skill = counts.get(track)
                if per_skill is not None and question.skill in per_skill:
                    per_skill[question.skill] += 1
        return cls(dict(catalog.skills), dict(catalog.tracks), counts)

    def questions_in_track(self, track: str) -> dict[str, int]:
        """How many questions each skill has in a track (0 for an unknown track)."""
        return dict(self.counts.get(track) or dict.fromkeys(self.skills, 0))

    def has_questions(self, skill: str, track: str) -> bool:
        return self.counts.get(track, {}).get(skill, 0) > 0

    def to_json(self) -> dict[str, Any]:
        return {
            "skills": [
                [s.id, s.name, s.covers, s.core, s.default_type] for s in self.skills.values()
            ],
            "tracks": [[t.id, t.name, t.weights, list(t.required)] for t in self.tracks.values()],
            "counts": self.counts,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CatalogIndex:
        skills = {
            str(i): Skill(str(i), str(name), str(covers), bool(core), str(default))
            for i, name, covers, core, default in data["skills"]
        }
        tracks = {
            str(i): Track(
                str(i), str(name), {str(k): float(v) for k, v in weights.items()}, tuple(required)
            )
            for i, name, weights, required in data["tracks"]
        }
        counts = {
            str(t): {str(s): int(n) for s, n in per.items()} for t, per in data["counts"].items()
        }
        return cls(skills, tracks, counts)


def index_key(resources: Path, imported: Path, conn: sqlite3.Connection) -> str:
    """What the index depends on, as one string (see the module's docstring)."""
    files = [resources / "skills.toml"]
    for folder in (resources / "question_banks", imported):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        files += [folder / n for n in names if os.path.splitext(n)[1].lower() in BANK_SUFFIXES]
    parts = [f"{INDEX_FORMAT}|{__version__}"]
    for path in files:
        try:
            st = os.stat(path)
        except OSError:
            parts.append(f"{path}|missing")
            continue
        parts.append(f"{path}|{st.st_size}|{st.st_mtime_ns}")
    synced = conn.execute("SELECT name, content_hash FROM bank_files ORDER BY name").fetchall()
    parts.append(repr(synced))
    own = zlib.crc32(repr(conn.execute(OWN_SOURCES_SQL).fetchall()).encode())
    parts.append(f"own|{own}")
    return "\n".join(parts)


def read_index(cache_dir: Path, key: str) -> CatalogIndex | None:
    """The stored index if it was made under exactly `key`; None otherwise (or if unreadable)."""
    try:
        data = json.loads((cache_dir / INDEX_FILE).read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        return CatalogIndex.from_json(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_index(cache_dir: Path, key: str, index: CatalogIndex) -> None:
    """Store the index atomically; failing to is never the user's problem (one slower start)."""
    text = json.dumps({"key": key, **index.to_json()}, ensure_ascii=False)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = cache_dir / f".{INDEX_FILE}.partial"
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, cache_dir / INDEX_FILE)
    except OSError:
        return
