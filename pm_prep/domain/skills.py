"""Skills and tracks: what readiness is reported on, and how a track weighs each skill.

Kept apart from the rest of the content (content.py re-exports both) so that the dashboard's
first frame, which needs these and nothing else of the catalog, imports only this.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Skill:
    id: str
    name: str
    covers: str
    core: bool
    default_type: str = ""  # the type of this skill's questions that do not name one


@dataclass(frozen=True, slots=True)
class Track:
    id: str
    name: str
    weights: dict[str, float]
    required: tuple[str, ...]


class SkillsAndTracks(Protocol):
    """The full catalog, or the dashboard's small index of it (services/catalog_index.py)."""

    @property
    def skills(self) -> Mapping[str, Skill]: ...

    @property
    def tracks(self) -> Mapping[str, Track]: ...
