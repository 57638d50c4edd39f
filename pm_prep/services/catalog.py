"""Load skills, tracks, rubrics and question banks, and sync questions into the database."""

from __future__ import annotations

import json
import tomllib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pm_prep.domain.bank_problems import MAX_BANK_BYTES, BankError, Problem, content_hash
from pm_prep.domain.content import Bank, Catalog, Question, Rubric, Skill, Track
from pm_prep.paths import resources_dir
from pm_prep.services import bank_cache
from pm_prep.storage.database import Database

BUILTIN_SOURCE = "builtin"
IMPORTED_DIR_NAME = "banks"
BANK_SUFFIXES = (".toml", ".json", ".csv")
RUBRICS_FILE = "rubrics.toml"  # one rubric per question type
LEGACY_RUBRICS_FILE = "legacy_rubrics.toml"  # the retired per-skill rubrics of format v1


@dataclass(slots=True)
class LoadedCatalog:
    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)
    banks: list[Bank] = field(default_factory=list)
    builtin_sources: set[str] = field(default_factory=set)


def load_skills_and_tracks(
    resources: Path | None = None,
) -> tuple[dict[str, Skill], dict[str, Track]]:
    """Skills and tracks from `resources/skills.toml`."""
    path = (resources or resources_dir()) / "skills.toml"
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    skills = {
        s["id"]: Skill(
            s["id"],
            s["name"],
            s.get("covers", ""),
            bool(s.get("core", False)),
            str(s.get("default_type", "")),
        )
        for s in data["skills"]
    }
    tracks = {
        t["id"]: Track(
            t["id"],
            t["name"],
            {k: float(v) for k, v in t["weights"].items()},
            tuple(t.get("required", ())),
        )
        for t in data["tracks"]
    }
    return skills, tracks


def default_types(skills: dict[str, Skill]) -> dict[str, str]:
    """Each skill's default question type, for questions that name none."""
    return {s.id: s.default_type for s in skills.values()}


def bank_files(folder: Path) -> list[Path]:
    """Bank files in a folder, in name order (TOML, JSON and CSV)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in BANK_SUFFIXES)


def _read_limited(path: Path, source: str) -> bytes:
    try:
        if path.stat().st_size > MAX_BANK_BYTES:
            raise BankError([Problem(source, "file is larger than 5 MB")])
        return path.read_bytes()
    except OSError as exc:
        raise BankError([Problem(source, f"cannot be read: {exc.strerror}")]) from None


def _decode_text(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BankError([Problem(source, "is not UTF-8 text")]) from None


def read_bank(
    path: Path,
    known_skills: set[str],
    *,
    types: dict[str, str] | None = None,
    source: str | None = None,
    cache_dir: Path | None = None,
) -> Bank:
    """Read and validate one bank file; raises BankError with every problem.

    `types` maps each skill to its default question type. With `cache_dir`, a bank already
    validated in exactly this form is read from the cache.
    """
    source = source or path.name
    raw = _read_limited(path, source)
    context = json.dumps(types or {}, sort_keys=True)
    key = bank_cache.file_key(raw, source, context) if cache_dir else ""
    if cache_dir is not None:
        cached = bank_cache.load_cached(cache_dir, key)
        if cached is not None and cached.skill in known_skills:
            return cached
    text = _decode_text(raw, source)
    fmt = {".json": "json", ".csv": "csv"}.get(path.suffix.lower(), "toml")
    # The validator (and its TOML and CSV parsers) is needed only for a file not yet cached.
    from pm_prep.domain.bank_format import parse_bank_text

    bank = parse_bank_text(text, source, known_skills, fmt=fmt, default_types=types)
    if cache_dir is not None:
        bank_cache.store(cache_dir, key, bank)
    return bank


def read_rubrics(
    path: Path, *, legacy: bool = False, cache_dir: Path | None = None
) -> tuple[dict[str, Rubric], list[Problem]]:
    """The rubrics of a rubric file and its problems; a missing file has neither.

    `legacy` reads the retired per-skill rubrics (keyed by skill) instead of type rubrics.
    The app never requires every type here: a type without a rubric falls back (see
    Catalog.rubric_for); tests/test_banks.py holds the shipped file to the full rules.
    """
    source = path.name
    if not path.is_file():
        return {}, []
    try:
        raw = _read_limited(path, source)
        key = bank_cache.file_key(raw, source, "legacy" if legacy else "types")
        if cache_dir is not None:
            cached = bank_cache.load_cached_rubrics(cache_dir, key)
            if cached is not None:
                return cached, []
        text = _decode_text(raw, source)
    except BankError as exc:
        return {}, exc.problems
    from pm_prep.domain.bank_format import parse_legacy_rubrics_text, parse_rubrics_text

    if legacy:
        rubrics, problems = parse_legacy_rubrics_text(text, source)
    else:
        rubrics, problems = parse_rubrics_text(text, source, require_every_type=False)
    if cache_dir is not None and not problems:
        bank_cache.store_rubrics(cache_dir, key, source, rubrics)
    return rubrics, problems


def load_catalog(
    resources: Path | None = None, imported: Path | None = None, cache_dir: Path | None = None
) -> LoadedCatalog:
    """Every valid bank and rubric; a bad file is reported in `problems`, the others load."""
    resources = resources or resources_dir()
    skills, tracks = load_skills_and_tracks(resources)
    loaded = LoadedCatalog(Catalog(skills=skills, tracks=tracks))
    catalog = loaded.catalog
    catalog.rubrics, problems = read_rubrics(resources / RUBRICS_FILE, cache_dir=cache_dir)
    loaded.problems.extend(problems)
    catalog.legacy_rubrics, problems = read_rubrics(
        resources / LEGACY_RUBRICS_FILE, legacy=True, cache_dir=cache_dir
    )
    loaded.problems.extend(problems)
    known = set(skills)
    types = default_types(skills)
    sources = [(p, True) for p in bank_files(resources / "question_banks")]
    if imported is not None:
        sources += [(p, False) for p in bank_files(imported)]
    for path, builtin in sources:
        label = path.name if builtin else f"{IMPORTED_DIR_NAME}/{path.name}"
        try:
            bank = read_bank(path, known, types=types, source=label, cache_dir=cache_dir)
        except BankError as exc:
            loaded.problems.extend(exc.problems)
            continue
        add_bank(loaded, bank)
        if builtin:
            loaded.builtin_sources.add(label)
    return loaded


def add_bank(loaded: LoadedCatalog, bank: Bank) -> None:
    """Merge a validated bank; a question id already taken by another bank is reported."""
    catalog = loaded.catalog
    overrides = {rubric.key: rubric for rubric in bank.rubrics}
    for question in bank.questions:
        if question.id in catalog.questions:
            loaded.problems.append(
                Problem(bank.source, "id is already used by another bank", question.id, "id")
            )
            continue
        catalog.questions[question.id] = question
        if question.type in overrides:
            catalog.rubric_overrides[question.id] = overrides[question.type]
    loaded.banks.append(bank)


def remove_bank(loaded: LoadedCatalog, source: str) -> None:
    """Take a bank's questions (and its rubric overrides) out of the catalog."""
    catalog = loaded.catalog
    for old in [b for b in loaded.banks if b.source == source]:
        loaded.banks.remove(old)
        for question in old.questions:
            if catalog.questions.get(question.id) is question:
                del catalog.questions[question.id]
                catalog.rubric_overrides.pop(question.id, None)


def question_json(question: Question) -> str:
    """The question as canonical JSON, for storage and hashing."""
    return json.dumps(asdict(question), ensure_ascii=False, sort_keys=True)


def sync_questions(db: Database, loaded: LoadedCatalog, *, now: datetime | None = None) -> int:
    """Upsert questions from changed bank files and retire vanished built-in ones.

    Returns how many question rows changed. Unchanged files (same hash as last sync)
    cost one query in total, so a warm start does almost no work here.
    """
    current = {bank.source: bank.content_hash for bank in loaded.banks}
    # The common case, nothing changed, is answered without importing the ORM.
    with db.raw() as conn:
        synced = dict(conn.execute("SELECT name, content_hash FROM bank_files").fetchall())
    if synced == current:
        return 0
    from sqlalchemy import delete, select, update

    from pm_prep.storage.models import BankFileRow, QuestionRow, ReadinessSnapshotRow

    now = now or datetime.now(UTC)
    with db.transaction() as session:
        known_hashes = dict(
            session.execute(select(BankFileRow.name, BankFileRow.content_hash)).all()
        )
        if known_hashes == current:
            return 0
        existing = {row.id: row for row in session.scalars(select(QuestionRow))}
        changed = 0
        live_ids: set[str] = set()
        for bank in loaded.banks:
            source = BUILTIN_SOURCE if bank.source in loaded.builtin_sources else bank.source
            for question in bank.questions:
                if loaded.catalog.questions.get(question.id) is not question:
                    continue  # a duplicate id that lost to an earlier bank
                live_ids.add(question.id)
                body = question_json(question)
                digest = content_hash(body)
                row = existing.get(question.id)
                if row is None:
                    session.add(
                        QuestionRow(
                            id=question.id,
                            skill_id=question.skill,
                            difficulty=question.difficulty,
                            tracks=" ".join(question.tracks),
                            prompt=question.prompt,
                            content_json=body,
                            content_hash=digest,
                            source=source,
                            first_seen_at=now,
                            updated_at=now,
                            retired_at=None,
                        )
                    )
                    changed += 1
                elif row.content_hash != digest or row.retired_at is not None:
                    row.skill_id = question.skill
                    row.difficulty = question.difficulty
                    row.tracks = " ".join(question.tracks)
                    row.prompt = question.prompt
                    row.content_json = body
                    row.content_hash = digest
                    row.source = source
                    row.updated_at = now
                    row.retired_at = None
                    changed += 1
        vanished = [
            qid for qid, row in existing.items() if qid not in live_ids and row.retired_at is None
        ]
        if vanished:
            session.execute(
                update(QuestionRow).where(QuestionRow.id.in_(vanished)).values(retired_at=now)
            )
            changed += len(vanished)
        if changed:
            # Questions per track feed coverage, so cached past readiness is stale now.
            session.execute(delete(ReadinessSnapshotRow))
        for name in set(known_hashes) - set(current):
            session.delete(session.get(BankFileRow, name))
        for name, digest in current.items():
            session.merge(BankFileRow(name=name, content_hash=digest, synced_at=now))
        return changed
