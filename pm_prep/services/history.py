"""History: every attempt, filtered and searched, a page at a time (no Qt).

Search runs on the FTS5 table `attempt_search(answer, prompt, note)` (rowid = attempts.id,
kept by triggers, see migration 0002). What the user types is never handed to FTS5 as
syntax: each word is quoted, the last one is prefix-matched while it is being typed, and
emoji (which FTS5's tokenizer drops) are matched as substrings. Rows come in pages with a
keyset (the last row's sort key), so no query ever reads more than it shows and the table
never holds 100k Python objects.
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal

from pm_prep.domain.content import Criterion, Question
from pm_prep.domain.insights import Insights, analyse_answer, words_of
from pm_prep.services.workspace import Workspace

PAGE_SIZE = 200
SortKey = Literal["date", "skill", "question", "score", "time", "kind"]
SORT_KEYS: tuple[SortKey, ...] = ("date", "skill", "question", "score", "time", "kind")
Rated = Literal["all", "rated", "unrated"]
RATED_FILTERS: dict[Rated, str] = {"all": "Rated or not", "rated": "Rated", "unrated": "Not rated"}
# Search uses at most this many words of what was typed (a pasted essay is not a query).
MAX_SEARCH_WORDS = 24
MAX_SEARCH_CHARS = 1000
# Below this many text matches, rows are found through the search index and sorted;
# above it, attempts are walked in date order and checked against the matches.
_SMALL_MATCH = 2000
_STORED = "%Y-%m-%d %H:%M:%S.%f"  # how UTCDateTime stores times: sortable text


# -- what the user typed -> a safe FTS5 query ---------------------------------------------
@dataclass(frozen=True, slots=True)
class SearchTerms:
    """A search as FTS5 phrases (quoted, safe) plus emoji and symbols matched as substrings."""

    phrases: tuple[str, ...] = ()  # each already quoted; the last may end with '*'
    symbols: tuple[str, ...] = ()
    # The word being typed (no space after it yet), lower-cased and without accents.
    typing: str = ""

    @property
    def empty(self) -> bool:
        return not self.phrases and not self.symbols

    def fts(self, extra_stems: Sequence[str] = ()) -> str:
        """The MATCH expression: every phrase must occur (the last may be an unfinished word)."""
        if not self.phrases:
            return ""
        if not extra_stems:
            return " ".join(self.phrases)
        *head, last = self.phrases
        alternatives = " OR ".join([last, *(_quote(s) for s in extra_stems)])
        return " ".join([*head, f"({alternatives})"])


def _is_word_char(ch: str) -> bool:
    # What FTS5's unicode61 tokenizer keeps: letters, numbers, private use, and the marks
    # that belong to letters (Arabic vowels, Hebrew points, combining accents).
    category = unicodedata.category(ch)
    return category[0] in "LNM" or category == "Co"


def _is_symbol_char(ch: str) -> bool:
    # Emoji and other pictographs (So), with what glues them together: skin tones (Sk),
    # zero-width joiners and keycaps. Punctuation is never a search term.
    return unicodedata.category(ch) in ("So", "Sk") or ch in "\u200d\u20e3"


def _fold(text: str) -> str:
    """Lower case without accents, as the index stores words (remove_diacritics 2)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def search_terms(text: str) -> SearchTerms:
    """Turn what the user typed into quoted FTS5 phrases and substring symbols.

    Each white-space separated chunk becomes one quoted phrase (so "A/B" finds "A/B test"
    and `don't`, `NOT`, `note:` or a stray quote are just words). The last chunk is
    prefix-matched while it is being typed (no space after it), once its last word has two
    characters: the index keeps prefixes of 2 and 3 characters, a 1-character prefix would
    read every word, so a lone letter still being typed is left out until the next key.
    Emoji are not words to FTS5's tokenizer, so they are matched as text.
    """
    # A search is a few words: a pasted page is cut before any work is done on it.
    text = text[:MAX_SEARCH_CHARS]
    # Control characters (a NUL ends an FTS5 string) and lone surrogates are never typed.
    text = "".join(
        ch for ch in text if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    chunks = text.split()[:MAX_SEARCH_WORDS]
    typing_last = bool(text) and not text[-1].isspace() and len(text.split()) <= MAX_SEARCH_WORDS
    phrases: list[str] = []
    symbols: list[str] = []
    typing = ""
    for index, chunk in enumerate(chunks):
        run = ""
        for ch in chunk + " ":
            if _is_symbol_char(ch):
                run += ch
            elif run and ch in "\ufe0e\ufe0f":
                continue  # a variation selector: "❤️" and "❤" are the same emoji
            else:
                if run:
                    symbols.append(run)
                run = ""
        words = re.split(r"\W+", "".join(ch if _is_word_char(ch) else " " for ch in chunk))
        words = [w for w in words if w]
        if not words:
            continue
        # Format characters (joiners, direction marks) belong to neither words nor the query.
        phrase = _quote("".join(ch for ch in chunk if unicodedata.category(ch) != "Cf"))
        last_word = words[-1]
        if index == len(chunks) - 1 and typing_last:
            if len(words) == 1 and len(last_word) < 2:
                continue  # one letter being typed: wait for the next one
            if len(last_word) >= 2:
                phrase += "*"
                typing = _fold(last_word) if len(words) == 1 else ""
        phrases.append(phrase)
    return SearchTerms(tuple(phrases), tuple(dict.fromkeys(symbols)), typing)


# Word endings the index's Porter stemmer takes off: while the user is in the middle of
# one ("retentio", "plann"), the stored stem ("retent", "plan") is added to the search so
# that results do not vanish until the word is finished.
_ENDINGS = (
    "ing", "ings", "ion", "ions", "ation", "ations", "ational", "ed", "er", "ers", "es", "s",
    "ly", "ness", "ment", "ments", "ive", "ity", "ities", "al", "ally", "able", "ability",
    "ful", "ous", "ize", "ise", "ization", "isation", "ence", "ance", "ency", "ancy", "ist",
    "ism", "ic", "ical", "y", "ies", "e",
)  # fmt: skip


def _could_end(rest: str, stem: str) -> bool:
    """Whether `stem + rest` can be the start of a word the stemmer reduces to `stem`."""
    if not rest:
        return False
    candidates = [rest]
    if len(rest) > 1 and rest[0] == stem[-1] and stem[-1] not in "aeiou":
        candidates.append(rest[1:])  # planning: plan + n + ing
    return any(e.startswith(c) for c in candidates for e in _ENDINGS)


def _stem_variants(conn: sqlite3.Connection, typing: str) -> list[str]:
    """Stored stems that a word beginning with `typing` may have been reduced to."""
    if len(typing) < 4:
        return []
    found = conn.execute(
        "SELECT 1 FROM attempt_search WHERE attempt_search MATCH ? LIMIT 1", (_quote(typing),)
    ).fetchone()
    if found is not None:
        return []  # what is typed is already a whole word somewhere: no guessing
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.attempt_search_terms "
        "USING fts5vocab(main, attempt_search, 'row')"
    )
    low = typing[:3]
    rows = conn.execute(
        "SELECT term FROM temp.attempt_search_terms WHERE term >= ? AND term < ? LIMIT 400",
        (low, low + "\U0010ffff"),
    ).fetchall()
    variants: list[str] = []
    for (term,) in rows:
        stem = str(term)
        if len(stem) >= len(typing) or len(stem) < 3:
            continue
        if typing.startswith(stem):
            rest = typing[len(stem) :]
        elif stem[-1] == "e" and typing.startswith(stem[:-1]):
            rest = typing[len(stem) - 1 :]  # price -> pricing: the stem keeps its "e"
        else:
            continue
        if len(rest) <= 5 and _could_end(rest, stem):
            variants.append(stem)
    return variants[:8]


# -- filters, rows and pages --------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class HistoryQuery:
    """What the History page shows: search text, filters, and the order."""

    text: str = ""
    skill: str | None = None
    rated: Rated = "all"
    since: datetime | None = None  # UTC, inclusive
    until: datetime | None = None  # UTC, exclusive
    question_id: str | None = None
    sort: SortKey = "date"
    descending: bool = True


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One attempt as a table row; `key` is its place in the order (for the next page)."""

    attempt_id: int
    submitted_at: datetime  # UTC
    skill_id: str
    question_id: str
    prompt: str
    score: float | None
    duration_s: int
    mock: bool
    key: tuple[Any, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class HistoryPage:
    rows: list[HistoryRow]
    more: bool  # another page follows


@dataclass(frozen=True, slots=True)
class HistoryResult:
    """The first page of a search and how many attempts match in all."""

    count: int
    page: HistoryPage
    terms: SearchTerms


# The order of each sort: its SQL expressions; the attempt id always breaks ties. Every
# key but the question's is read from the attempt row or one of its covering indexes.
_ORDER: dict[SortKey, tuple[str, ...]] = {
    "date": ("a.submitted_at",),
    "skill": ("a.skill_id", "a.submitted_at"),
    "question": ("r.rank", "a.submitted_at"),
    "score": ("COALESCE(a.score, -1.0)", "a.submitted_at"),
    "time": ("a.duration_s", "a.submitted_at"),
    "kind": ("(a.mock_session_id IS NOT NULL)", "a.submitted_at"),
}
_COLUMNS = (
    "a.id, a.submitted_at, a.skill_id, a.question_id, COALESCE(q.prompt, ''), a.score, "
    "a.duration_s, a.mock_session_id IS NOT NULL"
)
_HITS = "temp.history_hits"
_RANKS = "temp.history_question_rank"


def stored_time(moment: datetime) -> str:
    """A UTC time as the database stores it (sortable text)."""
    return moment.astimezone(UTC).strftime(_STORED)


@dataclass(slots=True)
class _Plan:
    filters: list[str]  # skill, question and dates
    params: list[object]
    rated: Rated
    match: str | None = None  # the FTS5 expression of the search text
    hits: int | None = None  # attempts matching the search text (None: no search)
    collected: bool = False  # the matches are in the temporary table (emoji searches)

    def conditions(
        self, *, rated: Rated | None = None, hits: bool = True
    ) -> tuple[list[str], list[object]]:
        """The conditions and their parameters, optionally with another rated filter."""
        conditions = list(self.filters)
        params = list(self.params)
        rated = self.rated if rated is None else rated
        if rated == "rated":
            conditions.append("a.score IS NOT NULL")
        elif rated == "unrated":
            # Unrated answers are few: found on the covering index, not by reading every row.
            conditions.append(f"a.id IN ({_UNRATED})")
        if hits and self.hits is not None:
            # Few matches: look each up and sort them. Many: walk the attempts in the order
            # shown and keep the matches ('+' stops SQLite from driving the walk by the list).
            plus = "+" if self.many_hits else ""
            if self.collected:
                conditions.append(f"{plus}a.id IN (SELECT id FROM {_HITS})")
            else:
                conditions.append(f"{plus}a.id IN ({_MATCHING})")
                params.append(self.match)
        return conditions, params

    def where(self, *, rated: Rated | None = None, hits: bool = True) -> tuple[str, list[object]]:
        """The WHERE clause (or "") and its parameters."""
        conditions, params = self.conditions(rated=rated, hits=hits)
        return (f" WHERE {' AND '.join(conditions)}" if conditions else ""), params

    @property
    def many_hits(self) -> bool:
        return self.hits is not None and self.hits > _SMALL_MATCH


_MATCHING = "SELECT rowid FROM attempt_search WHERE attempt_search MATCH ?"
_UNRATED = "SELECT id FROM attempts INDEXED BY ix_attempts_skill_submitted WHERE score IS NULL"


def _symbol_condition() -> str:
    return (
        "(instr(a.answer_text, ?) > 0 OR instr(a.self_note, ?) > 0 OR "
        "a.question_id IN (SELECT id FROM questions WHERE instr(prompt, ?) > 0))"
    )


def _collect_hits(conn: sqlite3.Connection, match: str | None, symbols: Sequence[str]) -> int:
    """Put the ids of the attempts whose text has every emoji in a temporary table.

    FTS5 does not index emoji, so they are looked for in the text itself, once per
    refresh (after the words narrowed the search, if any); the count and the page then
    both read the table.
    """
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_HITS.split('.')[1]} (id INTEGER PRIMARY KEY)")
    conn.execute(f"DELETE FROM {_HITS}")
    conditions = [_symbol_condition() for _ in symbols]
    params: list[object] = [p for s in symbols for p in (s, s, s)]
    if match is not None:
        conditions.insert(0, f"a.id IN ({_MATCHING})")
        params.insert(0, match)
    conn.execute(
        f"INSERT INTO {_HITS} SELECT a.id FROM attempts AS a WHERE {' AND '.join(conditions)}",
        params,
    )
    (count,) = conn.execute(f"SELECT COUNT(*) FROM {_HITS}").fetchone()
    return int(count)


def _plan(conn: sqlite3.Connection, query: HistoryQuery, terms: SearchTerms) -> _Plan:
    filters: list[str] = []
    params: list[object] = []
    if query.skill:
        filters.append("a.skill_id = ?")
        params.append(query.skill)
    if query.question_id:
        filters.append("a.question_id = ?")
        params.append(query.question_id)
    if query.since is not None:
        filters.append("a.submitted_at >= ?")
        params.append(stored_time(query.since))
    if query.until is not None:
        filters.append("a.submitted_at < ?")
        params.append(stored_time(query.until))
    plan = _Plan(filters, params, query.rated)
    if terms.empty:
        return plan
    if terms.phrases:
        plan.match = terms.fts(_stem_variants(conn, terms.typing) if terms.typing else ())
    if terms.symbols:
        plan.hits = _collect_hits(conn, plan.match, terms.symbols)
        plan.collected = True
    else:
        # FTS5 counts its own matches quickly (a few ms for every answer of 100k).
        (count,) = conn.execute(
            "SELECT COUNT(*) FROM attempt_search WHERE attempt_search MATCH ?", (plan.match,)
        ).fetchone()
        plan.hits = int(count)
    return plan


def _index_hint(query: HistoryQuery, plan: _Plan) -> str:
    """Walk attempts in date order when the matches are many (SQLite would sort them all)."""
    if not plan.many_hits or query.sort != "date":
        return ""
    if query.skill:
        return " INDEXED BY ix_attempts_skill_submitted"
    return " INDEXED BY ix_attempts_submitted_at"


def _question_ranks(conn: sqlite3.Connection) -> None:
    """Each question's place in alphabetical order of prompts, for sorting by question."""
    conn.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {_RANKS.split('.')[1]} "
        "(id TEXT PRIMARY KEY, rank INTEGER) WITHOUT ROWID"
    )
    conn.execute(f"DELETE FROM {_RANKS}")
    prompts = conn.execute("SELECT id, prompt FROM questions").fetchall()
    ordered = sorted(prompts, key=lambda r: (_fold(str(r[1])), str(r[0])))
    conn.executemany(
        f"INSERT INTO {_RANKS} VALUES (?, ?)", ((r[0], i) for i, r in enumerate(ordered))
    )


def _page(
    conn: sqlite3.Connection,
    query: HistoryQuery,
    plan: _Plan,
    after: tuple[Any, ...] | None,
    limit: int,
) -> HistoryPage:
    keys = [*_ORDER[query.sort], "a.id"]
    direction = "DESC" if query.descending else "ASC"
    clause, params = plan.where()
    if after is not None:
        marks = ", ".join("?" * len(keys))
        comparison = f"({', '.join(keys)}) {'<' if query.descending else '>'} ({marks})"
        clause = f"{clause} AND {comparison}" if clause else f" WHERE {comparison}"
        params.extend(after)
    join = ""
    if query.sort == "question":
        _question_ranks(conn)
        join = f" JOIN {_RANKS} AS r ON r.id = a.question_id"
    # First the ids of the page, from the narrowest index that has the keys; then the rows.
    sql = (
        f"SELECT {', '.join(keys)} FROM attempts AS a{_index_hint(query, plan)}{join}{clause}"
        f" ORDER BY {', '.join(f'{k} {direction}' for k in keys)} LIMIT ?"
    )
    params.append(limit + 1)
    found = conn.execute(sql, params).fetchall()
    return HistoryPage(_rows_for(conn, found[:limit]), more=len(found) > limit)


def _rows_for(conn: sqlite3.Connection, keys: Sequence[Sequence[Any]]) -> list[HistoryRow]:
    """The rows of a page, from its keys (each ending with the attempt id), in that order."""
    if not keys:
        return []
    by_id: dict[int, Sequence[Any]] = {}
    ids = [int(k[-1]) for k in keys]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for r in conn.execute(
            f"SELECT {_COLUMNS} FROM attempts AS a LEFT JOIN questions AS q "
            f"ON q.id = a.question_id WHERE a.id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            by_id[int(r[0])] = r
    return [_row(by_id[int(k[-1])], tuple(k)) for k in keys if int(k[-1]) in by_id]


def _row(r: Sequence[Any], key: tuple[Any, ...]) -> HistoryRow:
    return HistoryRow(
        attempt_id=int(r[0]),
        submitted_at=datetime.fromisoformat(str(r[1])).replace(tzinfo=UTC),
        skill_id=str(r[2]),
        question_id=str(r[3]),
        prompt=str(r[4]),
        score=None if r[5] is None else float(r[5]),
        duration_s=int(r[6]),
        mock=bool(r[7]),
        key=key,
    )


def _count_where(conn: sqlite3.Connection, plan: _Plan, rated: Rated) -> int:
    clause, params = plan.where(rated=rated)
    (count,) = conn.execute(f"SELECT COUNT(*) FROM attempts AS a{clause}", params).fetchone()
    return int(count)


_FEW_UNRATED = 1000


def _unrated_matches(conn: sqlite3.Connection, plan: _Plan) -> int | None:
    """How many unrated attempts match the text, asked of the index one attempt at a time
    (unrated answers are few); None when they are not few."""
    if plan.collected or plan.match is None:
        return None
    (unrated,) = conn.execute(f"SELECT COUNT(*) FROM ({_UNRATED})").fetchone()
    if int(unrated) > _FEW_UNRATED:
        return None
    (count,) = conn.execute(
        f"SELECT COUNT(*) FROM attempt_search WHERE attempt_search MATCH ? AND rowid IN "
        f"({_UNRATED})",
        (plan.match,),
    ).fetchone()
    return int(count)


def _count(conn: sqlite3.Connection, plan: _Plan) -> int:
    if plan.hits is not None and not plan.filters and plan.rated == "all":
        return plan.hits  # the search text alone: its matches were counted already
    if plan.many_hits and plan.rated == "rated" and not plan.filters:
        # Checking 100k rated rows against 100k matches is slow; the unrated are few.
        unrated = _unrated_matches(conn, plan)
        if unrated is not None:
            return int(plan.hits or 0) - unrated
    return _count_where(conn, plan, plan.rated)


# The newest matches by id are the newest by date as long as no older id has a later
# time: the first page takes this many newest ids, sorts them by date and checks that.
# Worth it only when listing every match costs more than looking up the window's rows
# (about 30,000 matches and up; below, walking the date index is cheaper).
_RECENT_WINDOW = 2000
_RECENT_FROM = 30_000


def _recent_first_page(
    conn: sqlite3.Connection, query: HistoryQuery, plan: _Plan, limit: int
) -> HistoryPage | None:
    """The first page of a date-ordered search with many matches, without listing them all.

    FTS5 streams its matches in id order. Attempts are added in time order, so the
    newest ids are (nearly) the newest answers: take a window of them, sort it by date,
    and make sure no attempt outside it is newer than the page's last row. When that
    check fails (answers added out of order, as a demo after real practice), None: the
    caller walks every match instead.
    """
    if plan.collected or plan.match is None or query.sort != "date":
        return None
    conditions, params = plan.conditions(hits=False)
    descending = query.descending
    sql = (
        "SELECT a.submitted_at, a.id FROM attempt_search AS s CROSS JOIN attempts AS a "
        "ON a.id = s.rowid WHERE s.attempt_search MATCH ?"
        + "".join(f" AND {c}" for c in conditions)
        + f" ORDER BY s.rowid {'DESC' if descending else 'ASC'} LIMIT ?"
    )
    window = conn.execute(sql, [plan.match, *params, _RECENT_WINDOW]).fetchall()
    ordered = sorted(window, key=lambda r: (str(r[0]), int(r[1])), reverse=descending)
    chosen = ordered[: limit + 1]
    if len(window) == _RECENT_WINDOW and len(chosen) > limit:
        edge_time = str(chosen[limit - 1][0])
        edge_id = min(int(r[1]) for r in window) if descending else max(int(r[1]) for r in window)
        outside = conn.execute(
            "SELECT 1 FROM attempts INDEXED BY ix_attempts_submitted_at WHERE "
            + ("submitted_at > ? AND id < ?" if descending else "submitted_at < ? AND id > ?")
            + " LIMIT 1",
            (edge_time, edge_id),
        ).fetchone()
        if outside is not None:
            return None
    more = len(chosen) > limit or len(window) == _RECENT_WINDOW
    return HistoryPage(_rows_for(conn, [tuple(r) for r in chosen[:limit]]), more=more)


def search(
    conn: sqlite3.Connection, query: HistoryQuery, *, limit: int = PAGE_SIZE
) -> HistoryResult:
    """How many attempts match `query`, and the first page of them (one connection)."""
    terms = search_terms(query.text)
    plan = _plan(conn, query, terms)
    page = None
    if plan.hits is not None and plan.hits >= _RECENT_FROM:
        page = _recent_first_page(conn, query, plan, limit)
    if page is None:
        page = _page(conn, query, plan, None, limit)
    count = len(page.rows) if not page.more else _count(conn, plan)
    return HistoryResult(count, page, terms)


def next_page(
    conn: sqlite3.Connection, query: HistoryQuery, after: HistoryRow, *, limit: int = PAGE_SIZE
) -> HistoryPage:
    """The rows that follow `after` in the order of `query`."""
    terms = search_terms(query.text)
    return _page(conn, query, _plan(conn, query, terms), after.key, limit)


def matching_ids(conn: sqlite3.Connection, query: HistoryQuery) -> list[int]:
    """Every matching attempt id, in the order shown (for exporting what is shown)."""
    terms = search_terms(query.text)
    plan = _plan(conn, query, terms)
    keys = [*_ORDER[query.sort], "a.id"]
    direction = "DESC" if query.descending else "ASC"
    join = ""
    if query.sort == "question":
        _question_ranks(conn)
        join = f" JOIN {_RANKS} AS r ON r.id = a.question_id"
    clause, params = plan.where()
    sql = (
        f"SELECT a.id FROM attempts AS a{_index_hint(query, plan)}{join}{clause}"
        f" ORDER BY {', '.join(f'{k} {direction}' for k in keys)}"
    )
    return [int(r[0]) for r in conn.execute(sql, params)]


def attempts_of_question(conn: sqlite3.Connection, question_id: str) -> list[HistoryRow]:
    """Every attempt at one question, oldest first (what Compare chooses from)."""
    query = HistoryQuery(question_id=question_id, descending=False)
    plan = _plan(conn, query, SearchTerms())
    return _page(conn, query, plan, None, 10_000).rows


def total_attempts(conn: sqlite3.Connection) -> int:
    (count,) = conn.execute("SELECT COUNT(*) FROM attempts").fetchone()
    return int(count)


# -- one attempt in full ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CriterionRating:
    criterion: Criterion  # name and level descriptors, from the rubric that named it
    level: int

    @property
    def words(self) -> str:
        """The rubric's own words for the level given."""
        return self.criterion.descriptor(self.level) if 1 <= self.level <= 5 else ""


@dataclass(frozen=True, slots=True)
class Clarification:
    asked: str
    answer: str


@dataclass(frozen=True, slots=True)
class AttemptDetail:
    attempt_id: int
    question_id: str
    skill_id: str
    question: Question | None  # None only if neither the banks nor the database know it
    prompt: str
    answer: str
    submitted_at: datetime
    duration_s: int
    time_limit_s: int
    hints_used: int
    score: float | None
    rated_at: datetime | None
    self_note: str
    ratings: tuple[CriterionRating, ...]
    clarifications: tuple[Clarification, ...]
    mock_session_id: int | None
    mock_round: int | None
    retired: bool  # the question is no longer in the banks (kept from the database)

    @property
    def rated(self) -> bool:
        return self.score is not None

    @property
    def mock(self) -> bool:
        return self.mock_session_id is not None


def _stored_question(content_json: str | None) -> Question | None:
    """A question the banks no longer have, from the copy the database kept of it."""
    if not content_json:
        return None
    from pm_prep.services.bank_cache import _question  # the one decoder of stored questions

    try:
        return _question(json.loads(content_json))
    except (KeyError, TypeError, ValueError):
        return None


def _clarifications(raw: str | None) -> tuple[Clarification, ...]:
    try:
        items = json.loads(raw or "[]")
    except ValueError:
        return ()
    if not isinstance(items, list):
        return ()
    return tuple(
        Clarification(str(item.get("asked", "")), str(item.get("answer", "")))
        for item in items
        if isinstance(item, dict)
    )


def attempt_detail(
    ws: Workspace, attempt_id: int, conn: sqlite3.Connection | None = None
) -> AttemptDetail | None:
    """Everything stored about one attempt, with its criteria named by their rubric."""
    if conn is None:
        with ws.db.raw() as own:
            return attempt_detail(ws, attempt_id, own)
    row = conn.execute(
        "SELECT a.id, a.question_id, a.skill_id, a.answer_text, a.submitted_at, a.duration_s, "
        "a.time_limit_s, a.hints_used, a.score, a.rated_at, a.self_note, "
        "a.clarifications_json, a.mock_session_id, a.mock_round, q.prompt, q.content_json "
        "FROM attempts AS a LEFT JOIN questions AS q ON q.id = a.question_id WHERE a.id = ?",
        (attempt_id,),
    ).fetchone()
    if row is None:
        return None
    question_id = str(row[1])
    question = ws.catalog.questions.get(question_id)
    retired = question is None
    if question is None:
        question = _stored_question(row[15])
    levels = conn.execute(
        "SELECT criterion_id, score FROM criterion_scores WHERE attempt_id = ?", (attempt_id,)
    ).fetchall()
    rubric = ws.catalog.rubric_for(question) if question is not None else None
    order = {c.id: i for i, c in enumerate(rubric.criteria)} if rubric else {}
    ratings = tuple(
        CriterionRating(ws.catalog.criterion(str(cid), question, skill=str(row[2])), int(level))
        for cid, level in sorted(levels, key=lambda r: (order.get(str(r[0]), 99), str(r[0])))
    )
    return AttemptDetail(
        attempt_id=int(row[0]),
        question_id=question_id,
        skill_id=str(row[2]),
        question=question,
        prompt=question.prompt if question is not None and not retired else str(row[14] or ""),
        answer=str(row[3]),
        submitted_at=datetime.fromisoformat(str(row[4])).replace(tzinfo=UTC),
        duration_s=int(row[5]),
        time_limit_s=int(row[6]),
        hints_used=int(row[7]),
        score=None if row[8] is None else float(row[8]),
        rated_at=None
        if row[9] is None
        else datetime.fromisoformat(str(row[9])).replace(tzinfo=UTC),
        self_note=str(row[10] or ""),
        ratings=ratings,
        clarifications=_clarifications(row[11]),
        mock_session_id=None if row[12] is None else int(row[12]),
        mock_round=None if row[13] is None else int(row[13]),
        retired=retired,
    )


def insights_of(detail: AttemptDetail) -> Insights | None:
    """The answer insights of a stored attempt, worked out again from its text."""
    if detail.question is None:
        return None
    return analyse_answer(detail.answer, detail.question)


# -- two attempts side by side ------------------------------------------------------------
DiffKind = Literal["same", "removed", "added"]
# Beyond this many words per side (over half an hour of talking), the diff covers the
# start and says so: difflib is quadratic in the worst case (about a second for 5,000
# words of a tiny vocabulary, 0.1 s for real prose), and a pasted book must not freeze
# the window.
MAX_DIFF_WORDS = 5_000


@dataclass(frozen=True, slots=True)
class DiffPiece:
    """A word and the white space after it, and whether it changed."""

    text: str
    space: str
    kind: DiffKind


@dataclass(frozen=True, slots=True)
class Comparison:
    """What changed from one answer (`before`, shown left) to another (`after`, right)."""

    before: AttemptDetail
    after: AttemptDetail
    left: tuple[DiffPiece, ...]  # the `before` answer: kept and removed words
    right: tuple[DiffPiece, ...]  # the `after` answer: kept and added words
    truncated: bool
    before_points: int | None  # talking points covered (None: no talking points known)
    after_points: int | None
    points_total: int
    gained_points: tuple[str, ...]
    lost_points: tuple[str, ...]

    @property
    def score_change(self) -> float | None:
        if self.before.score is None or self.after.score is None:
            return None
        return self.after.score - self.before.score

    @property
    def word_change(self) -> int:
        return len(words_of(self.after.answer)) - len(words_of(self.before.answer))

    @property
    def points_change(self) -> int | None:
        if self.before_points is None or self.after_points is None:
            return None
        return self.after_points - self.before_points


_WORD = re.compile(r"(\S+)(\s*)")


def _pieces(text: str) -> tuple[list[str], list[str], str]:
    """The words of `text`, the white space after each, and any leading white space."""
    lead = text[: len(text) - len(text.lstrip())]
    words: list[str] = []
    spaces: list[str] = []
    for match in _WORD.finditer(text, len(lead)):
        words.append(match.group(1))
        spaces.append(match.group(2))
    return words, spaces, lead


def word_diff(
    old: str, new: str, *, limit: int = MAX_DIFF_WORDS
) -> tuple[tuple[DiffPiece, ...], tuple[DiffPiece, ...], bool]:
    """Word-level differences: (old side, new side, whether only the start was compared)."""
    old_words, old_spaces, _ = _pieces(old)
    new_words, new_spaces, _ = _pieces(new)
    truncated = len(old_words) > limit or len(new_words) > limit
    old_words, new_words = old_words[:limit], new_words[:limit]
    # The unchanged start and end are matched directly: difflib then works on the middle.
    head = 0
    while head < min(len(old_words), len(new_words)) and old_words[head] == new_words[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(old_words), len(new_words)) - head
        and old_words[-1 - tail] == new_words[-1 - tail]
    ):
        tail += 1
    # autojunk off: in a short answer, "the" and "users" are words like any other.
    matcher = difflib.SequenceMatcher(
        None,
        old_words[head : len(old_words) - tail],
        new_words[head : len(new_words) - tail],
        autojunk=False,
    )
    opcodes = [("equal", 0, head, 0, head)] if head else []
    opcodes += [
        (tag, i1 + head, i2 + head, j1 + head, j2 + head)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    if tail:
        opcodes.append(
            ("equal", len(old_words) - tail, len(old_words), len(new_words) - tail, len(new_words))
        )
    left: list[DiffPiece] = []
    right: list[DiffPiece] = []
    for tag, i1, i2, j1, j2 in opcodes:
        left_kind: DiffKind = "same" if tag == "equal" else "removed"
        right_kind: DiffKind = "same" if tag == "equal" else "added"
        left.extend(DiffPiece(old_words[i], old_spaces[i], left_kind) for i in range(i1, i2))
        right.extend(DiffPiece(new_words[j], new_spaces[j], right_kind) for j in range(j1, j2))
    return tuple(left), tuple(right), truncated


def compare_attempts(ws: Workspace, before_id: int, after_id: int) -> Comparison | None:
    """What changed from one attempt to another of the same question; None if one is gone."""
    with ws.db.raw() as conn:
        before = attempt_detail(ws, before_id, conn)
        after = attempt_detail(ws, after_id, conn)
    if before is None or after is None:
        return None
    if before.question_id != after.question_id:
        raise ValueError("Compare needs two answers to the same question.")
    left, right, truncated = word_diff(before.answer, after.answer)
    old_ins, new_ins = insights_of(before), insights_of(after)
    total = len(old_ins.talking_points) if old_ins is not None else 0
    gained: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()
    if old_ins is not None and new_ins is not None:
        pairs = list(zip(old_ins.talking_points, new_ins.talking_points, strict=True))
        gained = tuple(b.point for a, b in pairs if b.covered and not a.covered)
        lost = tuple(a.point for a, b in pairs if a.covered and not b.covered)
    return Comparison(
        before=before,
        after=after,
        left=left,
        right=right,
        truncated=truncated,
        before_points=old_ins.points_covered if old_ins is not None and total else None,
        after_points=new_ins.points_covered if new_ins is not None and total else None,
        points_total=total,
        gained_points=gained,
        lost_points=lost,
    )


def with_sort(query: HistoryQuery, sort: SortKey, descending: bool) -> HistoryQuery:
    return replace(query, sort=sort, descending=descending)
