"""Load skills, tracks, rubrics and question banks, and sync questions into the database.

Where each question's truth lives: a built-in question in its bank file under
`resources/question_banks/`; a question in a bank file dropped into the data folder's
`banks/` folder in that file; a user's own question (written in the question editor, or
imported from a file) in its row of the `questions` table, whose `content_json` is read
back into the catalog when the data folder is opened (`load_own_questions`). The in-memory
`Catalog` is the one place every page reads questions from.
"""

from __future__ import annotations

import json
import sqlite3
import tomllib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pm_prep.domain.bank_problems import MAX_BANK_BYTES, BankError, Problem, content_hash
from pm_prep.domain.content import Bank, Catalog, Question, Rubric, Skill, Track
from pm_prep.paths import IMPORTED_DIR_NAME, resources_dir
from pm_prep.services import bank_cache
from pm_prep.services.catalog_index import BANK_SUFFIXES
from pm_prep.storage.database import Database

BUILTIN_SOURCE = "builtin"
OWN_SOURCE = "own"  # a question written in the app's question editor
IMPORT_SOURCE_PREFIX = "import:"  # a question imported from a file: "import:<file name>"
RUBRICS_FILE = "rubrics.toml"  # one rubric per question type
LEGACY_RUBRICS_FILE = "legacy_rubrics.toml"  # the retired per-skill rubrics of format v1


@dataclass(slots=True)
class LoadedCatalog:
    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)
    banks: list[Bank] = field(default_factory=list)
    builtin_sources: set[str] = field(default_factory=set)
    # The user's own questions in the catalog: question id -> its `source` in the database.
    own: dict[str, str] = field(default_factory=dict)


def is_own_source(source: str) -> bool:
    """Whether a `questions.source` is the user's own question (written here or imported)."""
    return source == OWN_SOURCE or source.startswith(IMPORT_SOURCE_PREFIX)


def source_label(source: str) -> str:
    """A source as the user reads it: "Built-in", "Yours", "Imported from prep.csv"."""
    if source == BUILTIN_SOURCE:
        return "Built-in"
    if source == OWN_SOURCE:
        return "Yours"
    if source.startswith(IMPORT_SOURCE_PREFIX):
        return f"Imported from {source[len(IMPORT_SOURCE_PREFIX) :]}"
    return f"Bank file {source}"


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


def read_limited(path: Path, source: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BANK_BYTES:
            megabytes = f"{size / 1024 / 1024:.1f} MB"
            raise BankError([Problem(source, f"file is larger than 5 MB ({megabytes}): split it")])
        return path.read_bytes()
    except OSError as exc:
        raise BankError([Problem(source, f"cannot be read: {exc.strerror}")]) from None


def decode_text(raw: bytes, source: str) -> str:
    if b"\x00" in raw[:8192]:
        raise BankError([Problem(source, "looks like a binary file, not text")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BankError(
            [
                Problem(
                    source,
                    "is not UTF-8 text (a spreadsheet can save it as 'CSV UTF-8')",
                    line=line,
                )
            ]
        ) from None


def read_bank(
    path: Path,
    known_skills: set[str],
    *,
    types: dict[str, str] | None = None,
    source: str | None = None,
    cache_dir: Path | None = None,
    strict: bool = True,
) -> Bank:
    """Read and validate one bank file; raises BankError with every problem.

    `types` maps each skill to its default question type. `strict` holds it to the built-in
    banks' rules; otherwise it is read as a user's file (only skill and prompt needed).
    With `cache_dir`, a bank already validated in exactly this form is read from the cache.
    """
    source = source or path.name
    raw = read_limited(path, source)
    context = json.dumps(types or {}, sort_keys=True) + ("" if strict else "|user")
    key = bank_cache.file_key(raw, source, context) if cache_dir else ""
    if cache_dir is not None:
        cached = bank_cache.load_cached(cache_dir, key)
        if cached is not None and all(q.skill in known_skills for q in cached.questions):
            return cached
    text = decode_text(raw, source)
    fmt = {".json": "json", ".csv": "csv", ".txt": "text"}.get(path.suffix.lower(), "toml")
    # The validator (and its TOML and CSV parsers) is needed only for a file not yet cached.
    from pm_prep.domain.bank_format import parse_bank_text

    bank = parse_bank_text(text, source, known_skills, fmt=fmt, default_types=types, strict=strict)
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
        raw = read_limited(path, source)
        key = bank_cache.file_key(raw, source, "legacy" if legacy else "types")
        if cache_dir is not None:
            cached = bank_cache.load_cached_rubrics(cache_dir, key)
            if cached is not None:
                return cached, []
        text = decode_text(raw, source)
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
            bank = read_bank(
                path, known, types=types, source=label, cache_dir=cache_dir, strict=builtin
            )
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


def question_json(question: Question, rubric: Rubric | None = None) -> str:
    """The question as canonical JSON, for storage and hashing.

    A user's own question imported with its file's own rubric for its type keeps that
    rubric under the extra key `rubric` (readers of the question ignore it).
    """
    body = asdict(question)
    if rubric is not None:
        body["rubric"] = asdict(rubric)
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


def question_from_json(body: str) -> tuple[Question, Rubric | None]:
    """A stored question (and its own rubric, if it has one) back from `content_json`."""
    data = json.loads(body)
    rubric = data.get("rubric")
    return (
        bank_cache.question_from_dict(data),
        bank_cache.rubric_from_dict(rubric) if isinstance(rubric, dict) else None,
    )


OWN_ROWS_SQL = (
    "SELECT id, source, CASE WHEN retired_at IS NULL THEN content_json END FROM questions "
    "WHERE source = ? OR substr(source, 1, ?) = ?"
)


def own_rows(conn: sqlite3.Connection) -> list[tuple[str, str, str | None]]:
    """Every own question's id, source and (unless retired) content, with stdlib sqlite3."""
    rows = conn.execute(
        OWN_ROWS_SQL, (OWN_SOURCE, len(IMPORT_SOURCE_PREFIX), IMPORT_SOURCE_PREFIX)
    ).fetchall()
    return [(str(qid), str(source), body) for qid, source, body in rows]


def merge_own_questions(loaded: LoadedCatalog, rows: list[tuple[str, str, str | None]]) -> None:
    """Put the user's own questions (as `own_rows` read them) into the catalog.

    Replaces whatever own questions it held (after a restore, the restored ones count).
    An own question's id is the user's: a question of a bank file in `banks/` with the same
    id is left out and reported. A retired own question only keeps its id reserved.
    """
    catalog = loaded.catalog
    for qid in loaded.own:
        catalog.questions.pop(qid, None)
        catalog.rubric_overrides.pop(qid, None)
    loaded.own = {}
    for qid, source, body in rows:
        clash = catalog.questions.pop(qid, None)
        if clash is not None:
            catalog.rubric_overrides.pop(qid, None)
            bank = next((b for b in loaded.banks if clash in b.questions), None)
            loaded.problems.append(
                Problem(
                    bank.source if bank else source,
                    "id is already used by one of your own questions",
                    qid,
                    "id",
                )
            )
        if body is None:
            continue  # retired: gone from practice, its attempts stay in History
        try:
            question, rubric = question_from_json(body)
        except (ValueError, KeyError, TypeError, IndexError):
            loaded.problems.append(
                Problem("your questions", "could not be read back; left out", qid)
            )
            continue
        catalog.questions[qid] = question
        loaded.own[qid] = source
        if rubric is not None:
            catalog.rubric_overrides[qid] = rubric


def load_own_questions(db: Database, loaded: LoadedCatalog) -> None:
    """Read the user's own questions from the database into the catalog (one query)."""
    with db.raw() as conn:
        merge_own_questions(loaded, own_rows(conn))


def sync_questions(db: Database, loaded: LoadedCatalog, *, now: datetime | None = None) -> int:
    """Bring the database and the catalog into step, both ways.

    The user's own questions are read from the database into the catalog (their truth is
    there). Questions from changed bank files are upserted, and vanished built-in ones are
    retired. Returns how many question rows changed. Unchanged files (same hash as last
    sync) cost one query in total, so a warm start does almost no work here.
    """
    current = {bank.source: bank.content_hash for bank in loaded.banks}
    # The common case, nothing changed, is answered without importing the ORM.
    with db.raw() as conn:
        merge_own_questions(loaded, own_rows(conn))
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
                if row is not None and is_own_source(row.source):
                    continue  # the user's own question keeps its id (reported when merged)
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
            qid
            for qid, row in existing.items()
            if qid not in live_ids and row.retired_at is None and not is_own_source(row.source)
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
