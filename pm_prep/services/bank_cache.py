"""A cache of validated banks as JSON, keyed by each file's hash.

Parsing a megabyte of TOML costs about 90 ms; reading the same validated content back
from JSON costs a few. A cache entry is only ever used for the exact bytes it was made
from, by the same cache format, so an edited bank is always validated again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pm_prep.domain.content import Bank, Criterion, Framework, Question, Rubric, TalkingPoint

# Bump when Bank's shape or the validation rules change, so old entries are ignored.
CACHE_FORMAT = 1


def file_key(raw: bytes, source: str, require_rubric: bool) -> str:
    digest = hashlib.sha256(raw)
    digest.update(f"|{source}|{require_rubric}|{CACHE_FORMAT}".encode())
    return digest.hexdigest()


def load_cached(cache_dir: Path, key: str) -> Bank | None:
    """The cached bank for `key`, or None when absent or unreadable (then re-parse)."""
    path = cache_dir / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _bank_from_dict(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(cache_dir: Path, key: str, bank: Bank) -> None:
    """Write a cache entry atomically; a failure to cache is never an error for the user."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = cache_dir / f".{key}.partial"
        partial.write_text(json.dumps(asdict(bank), ensure_ascii=False), encoding="utf-8")
        os.replace(partial, cache_dir / f"{key}.json")
        live = {f"{key}.json"}
        for old in cache_dir.glob("*.json"):
            # Entries for the same source with other content are stale; keep the folder small.
            if old.name not in live and old.stat().st_size and _source_of(old) == bank.source:
                old.unlink(missing_ok=True)
    except OSError:
        return


def _source_of(path: Path) -> str | None:
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(300)
        marker = '"source": '
        start = head.index(marker) + len(marker)
        return str(json.JSONDecoder().raw_decode(head[start:])[0])
    except (OSError, ValueError):
        return None


def _bank_from_dict(data: dict[str, Any]) -> Bank:
    rubric = data["rubric"]
    return Bank(
        source=data["source"],
        skill=data["skill"],
        rubric=Rubric(
            rubric["skill"],
            tuple(
                Criterion(c["id"], c["name"], c["description"], tuple(c["levels"]))
                for c in rubric["criteria"]
            ),
        ),
        questions=tuple(_question(q) for q in data["questions"]),
        content_hash=data["content_hash"],
    )


def _question(q: dict[str, Any]) -> Question:
    return Question(
        id=q["id"],
        skill=q["skill"],
        prompt=q["prompt"],
        difficulty=q["difficulty"],
        tracks=tuple(q["tracks"]),
        tags=tuple(q["tags"]),
        time_limit_s=q["time_limit_s"],
        hints=tuple(q["hints"]),
        framework=Framework(q["framework"]["name"], tuple(q["framework"]["steps"])),
        talking_points=tuple(
            TalkingPoint(tp["point"], tuple(tp["keywords"])) for tp in q["talking_points"]
        ),
        sample_outline=q["sample_outline"],
        follow_ups=tuple(q["follow_ups"]),
    )
