"""Mock interviews: draw a loop, keep every word of every round, submit, debrief, summarise.

A loop (`resources/mock_templates.toml`, see docs/mock-templates.md) is drawn once when it
starts: one question per round, never the same twice, preferring questions not practised
recently and never a question the user hid. The drawn plan is stored with the session, so
a resumed loop asks exactly what it asked before. Each round's text is saved as it is
typed (the round's draft), together with the time used in the round and in the loop, so a
killed process resumes with every word and the time left as it was.

A submitted round becomes an ordinary attempt flagged with its session and round: it counts
in readiness, is scheduled by FSRS once rated and appears in History. An empty round is
recorded as skipped, with no attempt, never as a zero score. See docs/mock-interview.md.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from statistics import fmean

from sqlalchemy import select
from sqlalchemy.orm import Session

from pm_prep.domain.content import Catalog, Question
from pm_prep.domain.insights import format_duration, words_of
from pm_prep.services import practice
from pm_prep.services.changes import Changes, writes
from pm_prep.services.mock_templates import MockTemplate, draw_loop, load_mock_templates
from pm_prep.services.workspace import Workspace
from pm_prep.storage.models import AttemptRow, MockRoundRow, MockSessionRow

RUNNING = "running"
ENDED = "ended"
OPEN = "open"
ANSWERED = "answered"
TIMED_OUT = "timed_out"
SKIPPED = "skipped"
# Questions answered within this many days are drawn only when a round has nothing else.
RECENT_DAYS = 30
# A round that used less than this share of its question's suggested time was rushed.
UNDER_SHARE = 0.5
FOLLOW_UP_HEADING = "**Follow-up:**"


class MockError(ValueError):
    """A mock request the user can act on (a loop already running, a round already done...)."""


# -- values ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PlannedRound:
    """One round as drawn when the loop started."""

    index: int
    title: str
    question_id: str
    minutes: int
    follow_up_prompt: str | None  # the follow-up this round asks after the first answer

    @property
    def seconds(self) -> int:
        return self.minutes * 60


@dataclass(frozen=True, slots=True)
class RoundState:
    """What is stored for one round: its text so far, its time and how it ended."""

    index: int
    question_id: str
    text: str
    follow_up_text: str
    follow_up_shown: bool
    elapsed_s: int
    status: str
    attempt_id: int | None
    score: float | None = None
    criterion_scores: Mapping[str, int] = dataclasses.field(default_factory=dict)
    self_note: str = ""

    @property
    def answer(self) -> str:
        """The round's whole answer as stored in its attempt (first answer, then follow-up)."""
        return combined_answer(self.text, self.follow_up_text, None)


@dataclass(frozen=True, slots=True)
class MockState:
    """A mock session as stored: its plan, where it stands, and every round's words."""

    session_id: int
    template_id: str
    template_name: str
    track: str
    state: str
    started_at: datetime
    updated_at: datetime
    ended_at: datetime | None
    plan: tuple[PlannedRound, ...]
    rounds: tuple[RoundState, ...]
    current_round: int
    round_elapsed_s: int
    loop_elapsed_s: int

    @property
    def running(self) -> bool:
        return self.state == RUNNING

    @property
    def total_seconds(self) -> int:
        return sum(r.seconds for r in self.plan)

    @property
    def loop_left_s(self) -> int:
        return max(0, self.total_seconds - self.loop_elapsed_s)

    @property
    def round_left_s(self) -> int:
        if not self.running:
            return 0
        return max(0, self.plan[self.current_round].seconds - self.round_elapsed_s)

    def round_label(self, index: int) -> str:
        """'Round 2 of 4 · Metric diagnosis'."""
        return f"Round {index + 1} of {len(self.plan)} · {self.plan[index].title}"


@dataclass(frozen=True, slots=True)
class RoundOutcome:
    """What submitting a round did: how it was recorded, and whether the loop is over."""

    round_index: int
    status: str
    attempt_id: int | None
    ended: bool


@dataclass(frozen=True, slots=True)
class MockListing:
    """A finished loop, for the list of past loops."""

    session_id: int
    template_name: str
    started_at: datetime
    ended_at: datetime | None
    rounds: int
    answered: int
    rated: int
    score: float | None


@dataclass(frozen=True, slots=True)
class RoundSummary:
    """One round in the debrief's summary."""

    index: int
    title: str
    question_id: str
    skill: str
    skill_name: str
    type_name: str
    status: str
    elapsed_s: int
    round_s: int
    suggested_s: int
    score: float | None
    timing: str  # "skipped", "timed out", "over", "under" or "on time"
    timing_note: str

    @property
    def time_used(self) -> str:
        """'7:32 of 8:00': the time used of the round's length."""
        return f"{format_duration(self.elapsed_s)} of {format_duration(self.round_s)}"


@dataclass(frozen=True, slots=True)
class NextPractice:
    """One concrete thing to practise next, with the question to practise it on."""

    question_id: str | None
    prompt: str
    text: str


@dataclass(frozen=True, slots=True)
class MockSummary:
    """The loop summary: scores per round and skill, time management, what to work on."""

    session_id: int
    template_name: str
    rounds: tuple[RoundSummary, ...]
    skills: dict[str, float]  # skill id -> mean score of its rated rounds
    score: float | None  # mean of the rated rounds (skipped rounds do not count as zero)
    answered: int
    rated: int
    weakest: str | None
    next_practice: NextPractice | None


# -- templates ------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _templates(resources: Path | None) -> tuple[MockTemplate, ...]:
    return tuple(load_mock_templates(resources))


def templates(resources: Path | None = None) -> list[MockTemplate]:
    """Every shipped loop, in file order (read once)."""
    return list(_templates(resources))


def template(template_id: str, resources: Path | None = None) -> MockTemplate | None:
    return next((t for t in templates(resources) if t.id == template_id), None)


def templates_for(track: str, resources: Path | None = None) -> list[tuple[MockTemplate, bool]]:
    """Loops for `track` first, then the other tracks' (each with: is it the user's track)."""
    loops = templates(resources)
    own = [(t, True) for t in loops if t.track == track]
    return own + [(t, False) for t in loops if t.track != track]


def _template_name(template_id: str) -> str:
    found = template(template_id)
    return found.name if found is not None else template_id


# -- helpers --------------------------------------------------------------------------------
def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def combined_answer(text: str, follow_up_text: str, follow_up_prompt: str | None) -> str:
    """The round's answer as one text: the first answer, then the follow-up and its answer."""
    first = text.rstrip()
    second = follow_up_text.strip()
    if not second:
        return first if first.strip() else ""
    heading = f"{FOLLOW_UP_HEADING} {follow_up_prompt}" if follow_up_prompt else FOLLOW_UP_HEADING
    return f"{first}\n\n{heading}\n\n{second}" if first.strip() else f"{heading}\n\n{second}"


def _check_length(*texts: str) -> None:
    if sum(len(t) for t in texts) > practice.MAX_ANSWER_CHARS:
        raise MockError("This answer is longer than 5 million characters; shorten it.")


def _plan_of(row: MockSessionRow) -> list[dict[str, object]]:
    raw = json.loads(row.plan_json)
    return raw if isinstance(raw, list) else []


def _planned(plan: list[dict[str, object]]) -> tuple[PlannedRound, ...]:
    rounds = []
    for index, entry in enumerate(plan):
        prompt = entry.get("follow_up_prompt")
        minutes = entry.get("minutes", 0)
        rounds.append(
            PlannedRound(
                index=index,
                title=str(entry.get("title", f"Round {index + 1}")),
                question_id=str(entry.get("question_id", "")),
                minutes=int(minutes) if isinstance(minutes, int | float | str) else 0,
                follow_up_prompt=str(prompt) if prompt else None,
            )
        )
    return tuple(rounds)


def _running_row(session: Session, session_id: int) -> MockSessionRow:
    row = session.get(MockSessionRow, session_id)
    if row is None:
        raise MockError(f"There is no mock interview {session_id}.")
    if row.state != RUNNING:
        raise MockError("This mock interview has ended already.")
    return row


def _round_row(session: Session, session_id: int, round_index: int) -> MockRoundRow:
    row = session.get(MockRoundRow, (session_id, round_index))
    if row is None:
        raise MockError(f"This mock interview has no round {round_index + 1}.")
    return row


def recently_seen(ws: Workspace, now: datetime | None = None, days: int = RECENT_DAYS) -> set[str]:
    """Questions answered (in practice or a mock) or drawn in a mock in the last `days`."""
    since = (_now(now) - timedelta(days=days)).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    with ws.db.raw() as conn:
        seen = {
            str(r[0])
            for r in conn.execute(
                "SELECT DISTINCT question_id FROM attempts WHERE submitted_at >= ?", (since,)
            )
        }
        seen |= {
            str(r[0])
            for r in conn.execute(
                "SELECT DISTINCT r.question_id FROM mock_rounds AS r "
                "JOIN mock_sessions AS s ON s.id = r.session_id WHERE s.started_at >= ?",
                (since,),
            )
        }
    return seen


# -- starting and running a loop -------------------------------------------------------------
@writes(Changes.MOCK)
def start_mock(
    ws: Workspace,
    template_id: str,
    track: str | None = None,
    rng: random.Random | None = None,
    now: datetime | None = None,
    *,
    resources: Path | None = None,
) -> MockState:
    """Draw a loop and start it (committed on return).

    Questions come from the template's track unless `track` names another; hidden questions
    are never drawn, and questions seen in the last 30 days only when a round has nothing
    else. Raises MockError when a loop is already running or the rounds cannot be filled.
    """
    found = template(template_id, resources)
    if found is None:
        raise MockError(f"There is no mock interview loop '{template_id}'.")
    track = track or found.track
    if track not in ws.catalog.tracks:
        raise MockError(f"unknown track '{track}'")
    drawn_template = dataclasses.replace(found, track=track)
    rng = rng or random.Random()
    now = _now(now)
    if running_mock(ws) is not None:
        raise MockError("A mock interview is already running: resume it or end it first.")
    hidden = practice.hidden_question_ids(ws)
    catalog: Catalog = dataclasses.replace(
        ws.catalog,
        questions={qid: q for qid, q in ws.catalog.questions.items() if qid not in hidden},
    )
    drawn = draw_loop(drawn_template, catalog, rng, avoid=recently_seen(ws, now))
    if drawn is None:
        raise MockError(
            f"'{found.name}' cannot be filled with different questions"
            + (" (some are hidden in the question bank)" if hidden else "")
            + ". Choose another loop."
        )
    plan = []
    for round_, question in zip(found.rounds, drawn, strict=True):
        follow_up = (
            rng.choice(question.follow_ups) if round_.follow_up and question.follow_ups else None
        )
        plan.append(
            {
                "title": round_.title,
                "question_id": question.id,
                "minutes": round_.minutes,
                "follow_up": follow_up is not None,
                "follow_up_prompt": follow_up,
                "follow_up_shown": False,
            }
        )
    with ws.db.transaction() as session:
        row = MockSessionRow(
            template_id=found.id,
            track=track,
            started_at=now,
            updated_at=now,
            ended_at=None,
            state=RUNNING,
            plan_json=json.dumps(plan, ensure_ascii=False),
            current_round=0,
            round_elapsed_s=0,
            loop_elapsed_s=0,
        )
        session.add(row)
        session.flush()
        for index, question in enumerate(drawn):
            session.add(
                MockRoundRow(
                    session_id=row.id,
                    round_index=index,
                    question_id=question.id,
                    text="",
                    follow_up_text="",
                    elapsed_s=0,
                    status=OPEN,
                    attempt_id=None,
                    updated_at=now,
                )
            )
        session_id = row.id
    return mock_state(ws, session_id)


@writes(Changes.MOCK)
def save_round_draft(
    ws: Workspace,
    session_id: int,
    round_index: int,
    text: str,
    follow_up_text: str = "",
    *,
    follow_up_shown: bool = False,
    round_elapsed_s: int,
    loop_elapsed_s: int,
    now: datetime | None = None,
) -> None:
    """Keep what is typed in the running round, and the time used, so a kill loses nothing."""
    _check_length(text, follow_up_text)
    now = _now(now)
    with ws.db.transaction() as session:
        row = _running_row(session, session_id)
        if round_index != row.current_round:
            raise MockError(f"Round {round_index + 1} is over; its answer was kept as it stood.")
        round_row = _round_row(session, session_id, round_index)
        round_row.text = text
        round_row.follow_up_text = follow_up_text
        round_row.elapsed_s = max(0, int(round_elapsed_s))
        round_row.updated_at = now
        row.round_elapsed_s = max(0, int(round_elapsed_s))
        row.loop_elapsed_s = max(0, int(loop_elapsed_s))
        row.updated_at = now
        plan = _plan_of(row)
        if follow_up_shown and 0 <= round_index < len(plan):
            entry = plan[round_index]
            if not entry.get("follow_up_shown"):
                entry["follow_up_shown"] = True
                row.plan_json = json.dumps(plan, ensure_ascii=False)


def _close_round(
    ws: Workspace,
    session: Session,
    row: MockSessionRow,
    round_index: int,
    text: str,
    follow_up_text: str,
    elapsed_s: int,
    *,
    timed_out: bool,
    now: datetime,
) -> RoundOutcome:
    """Record a round as it stands: an attempt when anything was written, else skipped."""
    round_row = _round_row(session, row.id, round_index)
    plan = _planned(_plan_of(row))
    planned = plan[round_index] if round_index < len(plan) else None
    prompt = planned.follow_up_prompt if planned is not None else None
    answer = combined_answer(text, follow_up_text, prompt)
    round_row.text = text
    round_row.follow_up_text = follow_up_text
    round_row.elapsed_s = max(0, int(elapsed_s))
    round_row.updated_at = now
    if not answer.strip():
        round_row.status = SKIPPED
        round_row.attempt_id = None
        return RoundOutcome(round_index, SKIPPED, None, ended=False)
    question = ws.catalog.questions.get(round_row.question_id)
    duration = max(0, int(elapsed_s))
    attempt = AttemptRow(
        question_id=round_row.question_id,
        skill_id=question.skill if question is not None else "",
        started_at=now - timedelta(seconds=duration),
        submitted_at=now,
        duration_s=duration,
        # The time the candidate had: the round's length, as in the real interview.
        time_limit_s=planned.seconds if planned is not None else duration,
        hints_used=0,
        answer_text=answer,
        word_count=len(words_of(answer)),
        score=None,
        rated_at=None,
        self_note="",
        mock_session_id=row.id,
        mock_round=round_index,
    )
    session.add(attempt)
    session.flush()
    status = TIMED_OUT if timed_out else ANSWERED
    round_row.status = status
    round_row.attempt_id = attempt.id
    return RoundOutcome(round_index, status, attempt.id, ended=False)


@writes(Changes.MOCK | Changes.ATTEMPTS)
def submit_round(
    ws: Workspace,
    session_id: int,
    round_index: int,
    text: str,
    follow_up_text: str = "",
    *,
    round_elapsed_s: int,
    loop_elapsed_s: int,
    timed_out: bool = False,
    now: datetime | None = None,
) -> RoundOutcome:
    """Submit the running round as it stands and move to the next (the last one ends the loop).

    An empty round is recorded as skipped, with no attempt; anything written becomes an
    attempt flagged with this session and round (`timed_out` when the round's time ran out).
    """
    _check_length(text, follow_up_text)
    now = _now(now)
    with ws.db.transaction() as session:
        row = _running_row(session, session_id)
        if round_index != row.current_round:
            raise MockError(f"Round {round_index + 1} was submitted already.")
        outcome = _close_round(
            ws,
            session,
            row,
            round_index,
            text,
            follow_up_text,
            round_elapsed_s,
            timed_out=timed_out,
            now=now,
        )
        rounds = len(_plan_of(row))
        row.loop_elapsed_s = max(0, int(loop_elapsed_s))
        row.round_elapsed_s = 0
        row.updated_at = now
        ended = round_index + 1 >= rounds
        if ended:
            row.state = ENDED
            row.ended_at = now
        else:
            row.current_round = round_index + 1
    return dataclasses.replace(outcome, ended=ended)


@writes(Changes.MOCK | Changes.ATTEMPTS)
def end_mock(
    ws: Workspace,
    session_id: int,
    *,
    text: str | None = None,
    follow_up_text: str | None = None,
    round_elapsed_s: int | None = None,
    loop_elapsed_s: int | None = None,
    now: datetime | None = None,
) -> MockState:
    """End a loop early, keeping what was written.

    The running round is submitted as it stands (with `text` and the times when given, else
    as last saved); the rounds not reached are recorded as skipped.
    """
    now = _now(now)
    with ws.db.transaction() as session:
        row = _running_row(session, session_id)
        current = row.current_round
        stored = _round_row(session, session_id, current)
        body = stored.text if text is None else text
        follow = stored.follow_up_text if follow_up_text is None else follow_up_text
        _check_length(body, follow)
        elapsed = stored.elapsed_s if round_elapsed_s is None else round_elapsed_s
        _close_round(ws, session, row, current, body, follow, elapsed, timed_out=False, now=now)
        for later in session.scalars(
            select(MockRoundRow).where(
                MockRoundRow.session_id == session_id, MockRoundRow.round_index > current
            )
        ):
            later.status = SKIPPED
            later.updated_at = now
        if loop_elapsed_s is not None:
            row.loop_elapsed_s = max(0, int(loop_elapsed_s))
        row.round_elapsed_s = 0
        row.state = ENDED
        row.ended_at = now
        row.updated_at = now
    return mock_state(ws, session_id)


# -- reading --------------------------------------------------------------------------------
def running_mock(ws: Workspace) -> MockState | None:
    """The loop left running (the app was closed or killed mid-loop), if any."""
    with ws.db.raw() as conn:
        row = conn.execute(
            "SELECT id FROM mock_sessions WHERE state = ? ORDER BY id DESC LIMIT 1", (RUNNING,)
        ).fetchone()
    return None if row is None else mock_state(ws, int(row[0]))


def mock_state(ws: Workspace, session_id: int) -> MockState:
    """A session as stored, with every round's text, time, status and rating."""
    with ws.db.session() as session:
        row = session.get(MockSessionRow, session_id)
        if row is None:
            raise MockError(f"There is no mock interview {session_id}.")
        raw_plan = _plan_of(row)
        plan = _planned(raw_plan)
        round_rows = list(
            session.scalars(
                select(MockRoundRow)
                .where(MockRoundRow.session_id == session_id)
                .order_by(MockRoundRow.round_index)
            )
        )
        attempt_ids = [r.attempt_id for r in round_rows if r.attempt_id is not None]
        attempts = {
            a.id: a
            for a in session.scalars(select(AttemptRow).where(AttemptRow.id.in_(attempt_ids)))
        }
        rounds = []
        for r in round_rows:
            attempt = attempts.get(r.attempt_id) if r.attempt_id is not None else None
            shown = (
                bool(raw_plan[r.round_index].get("follow_up_shown"))
                if r.round_index < len(raw_plan)
                else False
            )
            rounds.append(
                RoundState(
                    index=r.round_index,
                    question_id=r.question_id,
                    text=r.text,
                    follow_up_text=r.follow_up_text,
                    follow_up_shown=shown or bool(r.follow_up_text),
                    elapsed_s=r.elapsed_s,
                    status=r.status,
                    attempt_id=r.attempt_id,
                    score=attempt.score if attempt is not None else None,
                    criterion_scores=(
                        {c.criterion_id: c.score for c in attempt.criterion_scores}
                        if attempt is not None
                        else {}
                    ),
                    self_note=attempt.self_note if attempt is not None else "",
                )
            )
        return MockState(
            session_id=row.id,
            template_id=row.template_id,
            template_name=_template_name(row.template_id),
            track=row.track,
            state=row.state,
            started_at=row.started_at,
            updated_at=row.updated_at,
            ended_at=row.ended_at,
            plan=plan,
            rounds=tuple(rounds),
            current_round=min(row.current_round, max(0, len(plan) - 1)),
            round_elapsed_s=row.round_elapsed_s,
            loop_elapsed_s=row.loop_elapsed_s,
        )


def ended_mocks(ws: Workspace, limit: int = 50) -> list[MockListing]:
    """Finished loops, newest first, with their rounds answered and rated and their score."""
    with ws.db.raw() as conn:
        rows = conn.execute(
            """
            SELECT s.id, s.template_id, s.started_at, s.ended_at,
                   COUNT(r.round_index),
                   SUM(CASE WHEN r.status IN ('answered', 'timed_out') THEN 1 ELSE 0 END),
                   COUNT(a.score), AVG(a.score)
            FROM mock_sessions AS s
            LEFT JOIN mock_rounds AS r ON r.session_id = s.id
            LEFT JOIN attempts AS a ON a.id = r.attempt_id
            WHERE s.state = 'ended'
            GROUP BY s.id ORDER BY s.ended_at DESC, s.id DESC LIMIT ?
            """,
            (limit,),
        ).fetchall()
    return [
        MockListing(
            session_id=int(r[0]),
            template_name=_template_name(str(r[1])),
            started_at=_parse_time(str(r[2])),
            ended_at=_parse_time(str(r[3])) if r[3] else None,
            rounds=int(r[4] or 0),
            answered=int(r[5] or 0),
            rated=int(r[6] or 0),
            score=None if r[7] is None else float(r[7]),
        )
        for r in rows
    ]


def _parse_time(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC)


# -- the debrief ------------------------------------------------------------------------------
@writes(Changes.MOCK | Changes.RATINGS)
def rate_round(
    ws: Workspace,
    session_id: int,
    round_index: int,
    scores: Mapping[str, int],
    *,
    self_note: str = "",
    now: datetime | None = None,
) -> float:
    """Rate a round's answer with its question's rubric (and reschedule it); returns 0-100.

    The rating is Practice's own (`practice.rate_attempt`): the same rubric lookup, score and
    FSRS review. A skipped round has nothing to rate; a rated round is not rated twice (a
    second rating would review the question's card twice).
    """
    state = mock_state(ws, session_id)
    if state.running:
        raise MockError("Finish or end the mock interview before rating its rounds.")
    if not 0 <= round_index < len(state.rounds):
        raise MockError(f"This mock interview has no round {round_index + 1}.")
    round_ = state.rounds[round_index]
    if round_.attempt_id is None:
        raise MockError("This round was skipped: there is no answer to rate.")
    if round_.score is not None:
        raise MockError("This round is rated already.")
    return practice.rate_attempt(ws, round_.attempt_id, scores, self_note=self_note, now=now)


def _timing(status: str, elapsed: int, suggested: int) -> tuple[str, str]:
    """How the round used its time: a word, and a note that says what to change."""
    if status in (SKIPPED, OPEN):
        return "skipped", "skipped: nothing was written"
    if status == TIMED_OUT:
        return "timed out", "ran out of time: practise getting to a conclusion sooner"
    if elapsed > suggested:
        return "over", f"over the suggested {format_duration(suggested)}"
    if elapsed < suggested * UNDER_SHARE:
        return (
            "under",
            f"well under the suggested {format_duration(suggested)}: "
            "an interviewer would expect more depth",
        )
    return "on time", f"on time (suggested {format_duration(suggested)})"


def mock_summary(ws: Workspace, session_id: int) -> MockSummary:
    """Score per round and skill, time management per round, the weakest area, what next."""
    state = mock_state(ws, session_id)
    catalog = ws.catalog
    summaries = []
    for planned, round_ in zip(state.plan, state.rounds, strict=False):
        question = catalog.questions.get(round_.question_id)
        skill = question.skill if question is not None else ""
        skill_obj = catalog.skills.get(skill)
        suggested = question.time_limit_s if question is not None else planned.seconds
        timing, note = _timing(round_.status, round_.elapsed_s, suggested)
        summaries.append(
            RoundSummary(
                index=round_.index,
                title=planned.title,
                question_id=round_.question_id,
                skill=skill,
                skill_name=skill_obj.name if skill_obj is not None else skill,
                type_name=question.type_name if question is not None else "",
                status=round_.status,
                elapsed_s=round_.elapsed_s,
                round_s=planned.seconds,
                suggested_s=suggested,
                score=round_.score,
                timing=timing,
                timing_note=note,
            )
        )
    rated = [s for s in summaries if s.score is not None]
    by_skill: dict[str, list[float]] = {}
    for s in rated:
        assert s.score is not None
        by_skill.setdefault(s.skill, []).append(s.score)
    skills = {skill: fmean(scores) for skill, scores in by_skill.items()}
    answered = sum(1 for s in summaries if s.status in (ANSWERED, TIMED_OUT))
    weakest, next_practice = _weakest(ws, state, summaries)
    return MockSummary(
        session_id=session_id,
        template_name=state.template_name,
        rounds=tuple(summaries),
        skills=skills,
        score=fmean([s.score for s in rated if s.score is not None]) if rated else None,
        answered=answered,
        rated=len(rated),
        weakest=weakest,
        next_practice=next_practice,
    )


def _weakest(
    ws: Workspace, state: MockState, summaries: Sequence[RoundSummary]
) -> tuple[str | None, NextPractice | None]:
    """The lowest-rated round and its lowest criterion (nothing rated yet: ask for ratings;
    everything skipped: the first skipped round), and one concrete practice for it."""
    catalog = ws.catalog
    rated = [s for s in summaries if s.score is not None]
    unrated = [s for s in summaries if s.score is None and s.status in (ANSWERED, TIMED_OUT)]
    skipped = [s for s in summaries if s.status == SKIPPED]
    if rated:
        worst = min(rated, key=lambda s: (s.score, s.index))
        question = catalog.questions.get(worst.question_id)
        levels = state.rounds[worst.index].criterion_scores
        criterion_id = min(levels, key=lambda c: (levels[c], c)) if levels else None
        criterion = catalog.criterion(criterion_id, question) if criterion_id else None
        label = f"{worst.skill_name} ({worst.type_name})" if worst.type_name else worst.skill_name
        text = f"{label}: Round {worst.index + 1} · {worst.title} scored {worst.score:.0f}/100"
        if criterion is not None and criterion_id is not None:
            text += f", lowest on {criterion.name} ({levels[criterion_id]}/5)"
        focus = ""
        if criterion is not None and criterion_id is not None and levels[criterion_id] < 5:
            target = levels[criterion_id] + 1
            descriptor = criterion.descriptor(target)
            if descriptor:
                focus = f" Aim for {criterion.name} at level {target}: {descriptor}"
        return text + ".", _practice_for(ws, state, worst, focus)
    if unrated:
        return None, NextPractice(
            None, "", "Rate your rounds in the debrief to see your weakest area."
        )
    if skipped:
        first = skipped[0]
        text = f"{first.skill_name}: Round {first.index + 1} · {first.title} was skipped."
        return text, _practice_for(ws, state, first, " Answer it in full, even roughly.")
    return None, None


def _practice_for(ws: Workspace, state: MockState, weak: RoundSummary, focus: str) -> NextPractice:
    """A question of the weak round's type and skill, not in this loop, not hidden, new first."""
    catalog = ws.catalog
    original = catalog.questions.get(weak.question_id)
    in_loop = {r.question_id for r in state.rounds}
    hidden = practice.hidden_question_ids(ws)
    pool = [
        q
        for q in catalog.questions_for(original.skill if original else None, state.track)
        if q.id not in in_loop
        and q.id not in hidden
        and (original is None or q.type == original.type)
    ]
    if not pool:
        pool = [q for q in catalog.questions_for(None, state.track) if q.id == weak.question_id]
    if not pool:
        return NextPractice(None, "", f"Practise {weak.skill_name} questions in Practice.{focus}")
    seen = recently_seen(ws, days=36500)
    target = original.difficulty if original is not None else 2

    def rank(q: Question) -> tuple[int, int, str]:
        return (q.id in seen, abs(q.difficulty - target), q.id)

    chosen = min(pool, key=rank)
    kind = chosen.type_name.lower()
    end = "" if chosen.prompt.rstrip().endswith((".", "?", "!", "…")) else "."
    text = f"Practise this {kind} question in Practice: “{chosen.prompt.rstrip()}”{end}{focus}"
    return NextPractice(chosen.id, chosen.prompt, text)


# -- export ---------------------------------------------------------------------------------
def _md(text: str) -> str:
    """Bank or answer text for Markdown: no HTML can come through (a backslash escapes '<')."""
    return text.replace("<", "\\<")


def debrief_markdown(ws: Workspace, session_id: int, *, now: datetime | None = None) -> str:
    """The whole debrief as Markdown: summary, then every round's prompt, answer and rating."""
    state = mock_state(ws, session_id)
    summary = mock_summary(ws, session_id)
    catalog = ws.catalog
    started = state.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
    lines = [f"# Mock interview debrief: {_md(state.template_name)}", ""]
    used = format_duration(state.loop_elapsed_s)
    lines.append(
        f"{started} · {len(state.plan)} rounds · {used} of {format_duration(state.total_seconds)}"
        f" used · {summary.answered} answered, {summary.rated} rated"
    )
    lines.append("")
    lines.extend(summary_markdown(summary))
    for planned, round_ in zip(state.plan, state.rounds, strict=False):
        question = catalog.questions.get(round_.question_id)
        round_summary = summary.rounds[round_.index]
        lines += ["", f"## {_md(state.round_label(round_.index))}", ""]
        if question is not None:
            lines.append(f"*{_md(round_summary.skill_name)} · {_md(question.type_name)}*")
            lines += ["", f"**Question:** {_md(question.prompt)}", ""]
        else:
            lines += [f"**Question:** {round_.question_id} (no longer in the question bank)", ""]
        lines.append(f"**Time:** {round_summary.time_used}, {round_summary.timing_note}")
        score = "not rated" if round_.score is None else f"{round_.score:.0f}/100"
        if round_.status == SKIPPED:
            score = "skipped"
        lines += [f"**Score:** {score}", ""]
        if round_.text.strip():
            lines += ["**Answer:**", "", _md(round_.text.rstrip()), ""]
        if planned.follow_up_prompt and (round_.follow_up_shown or round_.follow_up_text):
            lines += [f"**Follow-up:** {_md(planned.follow_up_prompt)}", ""]
            if round_.follow_up_text.strip():
                lines += [_md(round_.follow_up_text.rstrip()), ""]
        if round_.criterion_scores:
            lines += ["| Criterion | Level |", "|---|---|"]
            for cid, level in round_.criterion_scores.items():
                name = catalog.criterion(cid, question).name
                lines.append(f"| {_md(name)} | {level}/5 |")
            lines.append("")
        if round_.self_note:
            lines += [f"> Note: {_md(round_.self_note)}", ""]
    stamp = _now(now).astimezone().strftime("%Y-%m-%d %H:%M")
    lines += ["", f"*Exported from PM Prep on {stamp}.*", ""]
    return "\n".join(lines)


def summary_markdown(summary: MockSummary) -> list[str]:
    """The loop summary as Markdown lines (shown in the debrief and exported)."""
    overall = "not rated yet" if summary.score is None else f"{summary.score:.0f}/100"
    lines = [f"**Loop score:** {overall} ({summary.rated} of {len(summary.rounds)} rounds rated)"]
    lines += ["", "| Round | Skill | Score | Time |", "|---|---|---|---|"]
    for r in summary.rounds:
        score = (
            "skipped"
            if r.status == SKIPPED
            else ("not rated" if r.score is None else f"{r.score:.0f}")
        )
        time = "skipped" if r.status == SKIPPED else f"{r.time_used}, {r.timing_note}"
        lines.append(f"| {r.index + 1} · {_md(r.title)} | {_md(r.skill_name)} | {score} | {time} |")
    if summary.skills:
        per_skill = ", ".join(
            f"{_md(_skill_name(summary, s))} {score:.0f}" for s, score in summary.skills.items()
        )
        lines += ["", f"**By skill:** {per_skill}"]
    if summary.weakest:
        lines += ["", f"**Weakest area:** {_md(summary.weakest)}"]
    if summary.next_practice is not None:
        lines += ["", f"**Next practice:** {_md(summary.next_practice.text)}"]
    return lines


def _skill_name(summary: MockSummary, skill: str) -> str:
    return next((r.skill_name for r in summary.rounds if r.skill == skill), skill)


def write_debrief_markdown(ws: Workspace, session_id: int, target: Path) -> Path:
    """Write the debrief as Markdown, atomically (never a half-written file)."""
    text = debrief_markdown(ws, session_id)
    partial = target.with_name(target.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target
