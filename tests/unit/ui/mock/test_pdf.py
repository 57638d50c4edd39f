"""The debrief as a PDF: Qt's own writer, HTML in an answer never rendered, nothing half-written."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pytest

from pm_prep.ui.mock.pdf import write_pdf


def test_a_debrief_becomes_a_pdf(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "debrief.pdf"
    markdown = "# Debrief\n\n| Round | Score |\n|---|---|\n| 1 | 75 |\n\n<b>not bold</b> 🚀 שלום\n"
    assert write_pdf(markdown, target) == target
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000
    assert not list(tmp_path.glob("*.partial"))


def test_a_failed_write_leaves_no_file_behind(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "debrief.pdf"
    with (
        patch("pm_prep.ui.mock.pdf.os.replace", side_effect=OSError(28, "No space left")),
        pytest.raises(OSError),
    ):
        write_pdf("# Debrief", target)
    assert list(folder.iterdir()) == []
