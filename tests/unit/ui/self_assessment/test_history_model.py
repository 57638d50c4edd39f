"""The past-assessments table model, tested without a window (vorta's pattern)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QModelIndex, Qt

from pm_prep.services.self_assessment import AssessmentRecord
from pm_prep.ui.self_assessment.history_model import (
    CHANGE,
    DATE,
    HEADERS,
    RECORD_ROLE,
    SCORE,
    AssessmentHistoryModel,
    change_text,
    local_when,
)

T0 = datetime(2026, 11, 3, 14, 5, tzinfo=UTC)


def _record(i: int, score: float, days: int) -> AssessmentRecord:
    return AssessmentRecord(i, "analytical", T0 + timedelta(days=days), score, {"an-sa-1": 3})


def _text(model: AssessmentHistoryModel, row: int, column: int) -> str:
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def test_rows_are_newest_first_with_the_change_since_the_one_before(qapp) -> None:  # type: ignore[no-untyped-def]
    model = AssessmentHistoryModel()
    model.set_rows([_record(1, 50.0, 0), _record(2, 75.0, 14), _record(3, 70.0, 30)])
    assert model.rowCount() == 3 and model.columnCount() == len(HEADERS)
    assert [_text(model, r, SCORE) for r in range(3)] == ["70 (3.8/5)", "75 (4/5)", "50 (3/5)"]
    assert [_text(model, r, CHANGE) for r in range(3)] == ["−5", "+25", ""]
    assert _text(model, 2, DATE) == local_when(T0)
    assert model.data(model.index(0, DATE), RECORD_ROLE).id == 3
    assert model.headerData(SCORE, Qt.Orientation.Horizontal) == "Score"


def test_dates_are_shown_on_this_computers_clock(qapp) -> None:  # type: ignore[no-untyped-def]
    local = T0.astimezone()
    assert local_when(T0).endswith(f"{local.year}, {local:%H:%M}")
    assert str(local.day) in local_when(T0)


def test_refilling_replaces_every_row(qapp) -> None:  # type: ignore[no-untyped-def]
    model = AssessmentHistoryModel()
    model.set_rows([_record(1, 50.0, 0), _record(2, 60.0, 1)])
    model.set_rows([])
    assert model.rowCount() == 0
    assert model.data(model.index(0, 0)) is None
    assert model.rowCount(model.index(0, 0)) == 0  # a table has no children
    assert model.rowCount(QModelIndex()) == 0


def test_an_unchanged_score_reads_plus_minus_zero() -> None:
    assert change_text(0.2) == "±0"
    assert change_text(None) == ""
    assert change_text(12.6) == "+13"
