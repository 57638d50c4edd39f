"""A cache of validated banks as JSON, keyed by each file's hash.

Parsing a megabyte of TOML costs about 90 ms; reading the same validated content back
from JSON costs a few. A cache entry is only ever used for the exact bytes it was made
from, by the same cache format and with the same skill defaults, so an edited bank is
always validated again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pm_prep.domain.content import (
    Bank,
    Clarification,
    Criterion,
    Example,
    Framework,
    Question,
    Rubric,
    TalkingPoint,
)

# Bump when Bank's shape or the validation rules change, so old entries are ignored.
# 2: question bank v2 (types, examples, clarifications, per-type rubric overrides).
CACHE_FORMAT = 2


def file_key(raw: bytes, source: str, context: str = "") -> str:
    """The cache key of a file's bytes; `context` is whatever else validation depended on."""
    digest = hashlib.sha256(raw)
    digest.update(f"|{source}|{context}|{CACHE_FORMAT}".encode())
    return digest.hexdigest()


def load_cached(cache_dir: Path, key: str) -> Bank | None:
    """The cached bank for `key`, or None when absent or unreadable (then re-parse)."""
    path = cache_dir / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _bank_from_dict(data)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def store(cache_dir: Path, key: str, bank: Bank) -> None:
    """Write a cache entry atomically; a failure to cache is never an error for the user."""
    _write(cache_dir, key, bank.source, json.dumps(asdict(bank), ensure_ascii=False))


def _write(cache_dir: Path, key: str, source: str, text: str) -> None:
    try:
        cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = cache_dir / f".{key}.partial"
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, cache_dir / f"{key}.json")
        live = {f"{key}.json"}
        for old in cache_dir.glob("*.json"):
            # Entries for the same source with other content are stale; keep the folder small.
            if old.name not in live and old.stat().st_size and _source_of(old) == source:
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


def _criterion(c: dict[str, Any]) -> Criterion:
    levels = c["levels"]
    return Criterion(
        c["id"],
        c["name"],
        c["description"],
        (levels[0], levels[1], levels[2], levels[3], levels[4]),
    )


def _bank_from_dict(data: dict[str, Any]) -> Bank:
    return Bank(
        source=data["source"],
        skill=data["skill"],
        questions=tuple(_question(q) for q in data["questions"]),
        rubrics=tuple(
            Rubric(r["key"], r["name"], tuple(_criterion(c) for c in r["criteria"]))
            for r in data["rubrics"]
        ),
        content_hash=data["content_hash"],
        untyped=tuple(data["untyped"]),
    )


def question_from_dict(q: dict[str, Any]) -> Question:
    """A question back from its stored form (`dataclasses.asdict`), as the cache and the
    `questions.content_json` column keep it."""
    return _question(q)


def rubric_from_dict(r: dict[str, Any]) -> Rubric:
    """A rubric back from its stored form (`dataclasses.asdict`)."""
    return Rubric(r["key"], r["name"], tuple(_criterion(c) for c in r["criteria"]))


def _question(q: dict[str, Any]) -> Question:
    return Question(
        id=q["id"],
        skill=q["skill"],
        type=q["type"],
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
        examples=tuple(Example(e["level"], e["text"], e["why"]) for e in q["examples"]),
        clarifications=tuple(
            Clarification(tuple(c["keywords"]), c["answer"]) for c in q["clarifications"]
        ),
    )


def load_cached_rubrics(cache_dir: Path, key: str) -> dict[str, Rubric] | None:
    """The cached, validated rubrics of a rubric file, by key; None when not cached."""
    try:
        data = json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
        return {
            r["key"]: Rubric(r["key"], r["name"], tuple(_criterion(c) for c in r["criteria"]))
            for r in data["rubrics"]
        }
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def store_rubrics(cache_dir: Path, key: str, source: str, rubrics: dict[str, Rubric]) -> None:
    """Cache a rubric file that validated without problems (same rules as `store`)."""
    entry = {"source": source, "rubrics": [asdict(r) for r in rubrics.values()]}
    _write(cache_dir, key, source, json.dumps(entry, ensure_ascii=False))
