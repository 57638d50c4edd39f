"""Everything the dashboard shows, read through one connection, as one immutable value.

Qt-free, so it is tested without a window; the dashboard page only formats it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from pm_prep.services.catalog_index import CatalogIndex
from pm_prep.services.mock_trend import MockResult, recent_mock_results
from pm_prep.services.readiness import (
    ReadinessReport,
    activity_counts,
    questions_in_track,
    weakest_required_skill,
)
from pm_prep.services.self_assessment import AssessmentDue, assessments_due
from pm_prep.services.settings import Settings, load_settings
from pm_prep.services.stats import Summary, local_today, summary
from pm_prep.services.workspace import Workspace

HEATMAP_WEEKS = 26


@dataclass(frozen=True, slots=True)
class DashboardView:
    """The dashboard's figures at one moment."""

    settings: Settings
    summary: Summary
    # Skills, tracks and question counts (the catalog's, or its stored index at start-up).
    index: CatalogIndex
    today: date
    questions_in_track: dict[str, int]
    weakest: str | None
    first_day: date
    activity: dict[date, int]
    # The latest finished mock interviews, oldest first (the last result and the trend).
    mocks: tuple[MockResult, ...] = ()
    # Track skills never self-assessed, then those not assessed for two weeks (the reminder).
    assessments_due: tuple[AssessmentDue, ...] = ()

    @property
    def report(self) -> ReadinessReport:
        return self.summary.report

    @property
    def new_user(self) -> bool:
        return self.report.attempts == 0

    @property
    def recommendation(self) -> tuple[str, str] | None:
        """(skill, practice mode) to practise next: the weakest required skill."""
        if self.weakest is None:
            return None
        skill = self.report.skills.get(self.weakest)
        started = skill is not None and skill.started
        return self.weakest, "weakest" if started else "new"


def dashboard_view(
    ws: Workspace, now: datetime | None = None, *, weeks: int = HEATMAP_WEEKS
) -> DashboardView:
    """Read the dashboard's figures (one read connection, no SQLAlchemy)."""
    now = now or datetime.now(UTC)
    today = local_today(now)
    first_day = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    with ws.db.raw() as conn:
        settings = load_settings(ws, conn)
        result = summary(ws, now=now, track=settings.track, conn=conn)
        activity = activity_counts(ws, first_day, conn)
        mocks = recent_mock_results(conn)
        due = assessments_due(ws, settings.track, now, conn)
    return DashboardView(
        settings=settings,
        summary=result,
        index=ws.index,
        today=today,
        questions_in_track=questions_in_track(ws, result.report.track),
        weakest=weakest_required_skill(ws, result.report),
        first_day=first_day,
        activity=activity,
        mocks=mocks,
        assessments_due=due,
    )
