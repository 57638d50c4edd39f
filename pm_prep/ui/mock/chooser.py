"""Choose a loop: the user's track's loops first, the other track's marked; what each one
tests, how long it takes and what a real interviewer looks for; and the past loops."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pm_prep.domain.content import Catalog
from pm_prep.services import mock
from pm_prep.services.mock_templates import MockTemplate
from pm_prep.ui import theme
from pm_prep.ui.page_layout import (
    READING_WIDTH,
    card,
    card_title,
    page_title,
    plain_label,
    scrolling_body,
)

INTRO = (
    "A timed interview loop, round by round, as in the real thing: no hints, insights or "
    "outlines until the debrief. Every word you type is saved as you go; if the app stops, "
    "you can resume where you were."
)


def describe(template: MockTemplate, catalog: Catalog) -> str:
    """What the loop tests and how it runs, round by round, in plain text."""
    lines = [template.description, ""]
    for index, r in enumerate(template.rounds, start=1):
        extra = ", with a follow-up" if r.follow_up else ""
        lines.append(f"{index}. {r.title}: {r.minutes} min{extra}")
    track = catalog.tracks.get(template.track)
    track_name = track.name if track is not None else template.track
    lines += [
        "",
        f"{template.minutes} minutes in all · {len(template.rounds)} rounds · "
        f"questions from the {track_name} track",
    ]
    return "\n".join(lines)


class ChooserView(QWidget):
    """Emits `startRequested(template id)` and `debriefRequested(session id)`."""

    startRequested = Signal(str)
    debriefRequested = Signal(int)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mockChooser")
        self._catalog = catalog
        self._templates: dict[str, MockTemplate] = {}
        self._build()
        self.template_combo.currentIndexChanged.connect(self._on_template_changed)
        self.start_button.clicked.connect(self._on_start)
        self.open_button.clicked.connect(self._on_open)

    def _build(self) -> None:
        layout = scrolling_body(self, max_width=READING_WIDTH)
        layout.addWidget(page_title("Mock interview"))
        layout.addWidget(plain_label(INTRO, muted=True, wrap=True))
        row = QHBoxLayout()
        caption = QLabel("Interview loop")
        self.template_combo = QComboBox()
        self.template_combo.setObjectName("mockTemplate")
        self.template_combo.setAccessibleName("Interview loop")
        self.template_combo.setMinimumContentsLength(28)
        caption.setBuddy(self.template_combo)
        row.addWidget(caption)
        row.addWidget(self.template_combo, 1)
        layout.addLayout(row)

        description_card = card()
        dl = QVBoxLayout(description_card)
        dl.setContentsMargins(18, 14, 18, 14)
        self.description = plain_label(wrap=True)
        self.description.setObjectName("mockDescription")
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dl.addWidget(self.description)
        layout.addWidget(description_card)

        start_row = QHBoxLayout()
        self.start_button = QPushButton("Start the interview")
        self.start_button.setObjectName("startMockButton")
        self.start_button.setDefault(True)
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)
        layout.addLayout(start_row)
        self.message = plain_label(wrap=True)
        self.message.setObjectName("mockMessage")
        layout.addWidget(self.message)

        self.past_card = card()
        pl = QVBoxLayout(self.past_card)
        pl.setContentsMargins(18, 14, 18, 14)
        pl.addWidget(card_title("Past mock interviews"))
        past_row = QHBoxLayout()
        self.past_combo = QComboBox()
        self.past_combo.setObjectName("mockPastLoops")
        self.past_combo.setAccessibleName("Past mock interviews")
        self.open_button = QPushButton("Open the debrief")
        self.open_button.setObjectName("openDebriefButton")
        past_row.addWidget(self.past_combo, 1)
        past_row.addWidget(self.open_button)
        pl.addLayout(past_row)
        layout.addWidget(self.past_card)
        layout.addStretch(1)

    # -- public --------------------------------------------------------------------------
    def set_catalog(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def set_templates(self, listed: list[tuple[MockTemplate, bool]], track_name: str) -> None:
        """Fill the loop list: the user's track first, the others marked with their track."""
        current = self.template_combo.currentData()
        blocked = self.template_combo.blockSignals(True)
        self.template_combo.clear()
        self._templates = {t.id: t for t, _ in listed}
        separated = False
        for template, own in listed:
            if not own and not separated and self.template_combo.count():
                self.template_combo.insertSeparator(self.template_combo.count())
                separated = True
            track = self._catalog.tracks.get(template.track)
            label = f"{template.name} · {template.minutes} min"
            if not own:
                label += f" ({track.name if track else template.track} track)"
            self.template_combo.addItem(label, template.id)
            if not own:
                self.template_combo.setItemData(
                    self.template_combo.count() - 1,
                    f"A loop of the {track.name if track else template.track} track, "
                    f"not your {track_name} track",
                    Qt.ItemDataRole.ToolTipRole,
                )
        index = self.template_combo.findData(current) if current else -1
        self.template_combo.setCurrentIndex(index if index >= 0 else 0)
        self.template_combo.blockSignals(blocked)
        self._on_template_changed()

    def set_past(self, listed: list[mock.MockListing]) -> None:
        self.past_combo.clear()
        for m in listed:
            when = m.started_at.astimezone().strftime("%d %b %Y %H:%M")
            score = f"{m.score:.0f}/100" if m.score is not None else "not rated"
            self.past_combo.addItem(
                f"{when} · {m.template_name} · {score} · {m.answered} of {m.rounds} answered",
                m.session_id,
            )
        self.past_card.setVisible(bool(listed))

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {theme.pick(theme.DANGER).name()};" if error else "")
        self.message.setText(text)

    # -- slots ---------------------------------------------------------------------------
    @Slot()
    def _on_template_changed(self) -> None:
        template = self._templates.get(self.template_combo.currentData() or "")
        self.description.setText(describe(template, self._catalog) if template else "")
        self.start_button.setEnabled(template is not None)

    @Slot()
    def _on_start(self) -> None:
        template_id = self.template_combo.currentData()
        if template_id:
            self.startRequested.emit(str(template_id))

    @Slot()
    def _on_open(self) -> None:
        session_id = self.past_combo.currentData()
        if session_id is not None:
            self.debriefRequested.emit(int(session_id))
