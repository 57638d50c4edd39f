"""`mockTimer`: time left in the round and in the loop, in a warning colour in the last minute."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from pm_prep.domain.insights import format_duration
from pm_prep.ui import theme

WARNING_S = 60  # the last minute of a round (or of the loop) is shown in the warning colour


class TimerLabel(QLabel):
    """'Round 12:03 left · Loop 38:10 left'; `warning` is True in the last minute."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mockTimer")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName("Time left")
        self._warning = False
        self._round_left = 0
        self._loop_left = 0
        self.setProperty("warning", False)
        self._restyle()

    @property
    def warning(self) -> bool:
        return self._warning

    @property
    def round_left(self) -> int:
        return self._round_left

    @property
    def loop_left(self) -> int:
        return self._loop_left

    def set_remaining(self, round_left_s: float, loop_left_s: float) -> None:
        """Show whole seconds left (rounded up, so 0:00 means the time is really up)."""
        round_left = max(0, int(-(-round_left_s // 1)))
        loop_left = max(0, int(-(-loop_left_s // 1)))
        self._round_left, self._loop_left = round_left, loop_left
        self.setText(
            f"Round {format_duration(round_left)} left · Loop {format_duration(loop_left)} left"
        )
        self.setAccessibleDescription(
            f"{format_duration(round_left)} left in this round, "
            f"{format_duration(loop_left)} left in the interview"
        )
        warning = round_left <= WARNING_S or loop_left <= WARNING_S
        if warning != self._warning:
            self._warning = warning
            self.setProperty("warning", warning)
            self._restyle()
        self.setToolTip("Less than a minute left" if warning else "Time left")

    def _restyle(self) -> None:
        if self._warning:
            self.setStyleSheet(
                f"color: {theme.pick(theme.WARNING).name()}; font-weight: 700; font-size: 15px;"
            )
        else:
            self.setStyleSheet("font-weight: 600; font-size: 15px;")
