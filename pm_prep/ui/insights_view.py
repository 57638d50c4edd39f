"""Answer insights shown as plain evidence next to the user's own rating."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from pm_prep.domain.insights import Insights, format_duration


def insights_html(ins: Insights, time_limit_s: int, duration_s: int) -> str:
    """Rich text built only from escaped strings: no answer or bank text is ever read as HTML."""
    total = len(ins.talking_points)
    pace = "over" if duration_s > time_limit_s else "within"
    rows = [
        f"<b>{ins.word_count:,}</b> words · about <b>{format_duration(ins.speaking_seconds)}</b> "
        f"to say aloud at 140 words a minute · answered in {format_duration(duration_s)} "
        f"({pace} the {format_duration(time_limit_s)} limit)",
        f"<b>Talking points covered: {ins.points_covered} of {total}</b>"
        if total
        # A question of your own may have none yet: length and structure are still evidence.
        else "<b>Talking points:</b> none for this question yet (add them in the Question bank "
        "to see which ones you covered)",
    ]
    for tp in ins.talking_points:
        mark = "✔" if tp.covered else "✘"
        detail = f" <i>({escape(', '.join(tp.matched))})</i>" if tp.matched else ""
        rows.append(f"&nbsp;&nbsp;{mark} {escape(tp.point)}{detail}")
    structure = []
    if ins.headings:
        structure.append(f"{ins.headings} headings")
    if ins.list_items:
        structure.append(f"{ins.list_items} list items")
    if ins.sequence_words:
        structure.append(f"{ins.sequence_words} sequencing words (first, then, …)")
    framework = (
        f"framework named; {ins.framework_steps_followed} of {ins.framework_steps_total} steps "
        "visible"
        if ins.framework_named
        else f"framework not named; {ins.framework_steps_followed} of "
        f"{ins.framework_steps_total} steps visible"
    )
    if not ins.framework_steps_total and not ins.framework_named:
        framework = ""  # the question names no framework
    if ins.star_sections:
        # Situation / Task / Action / Result written out is the framework followed.
        star = (
            "STAR followed" if ins.star_followed else "STAR partly followed"
        ) + f" ({', '.join(ins.star_sections)})"
        framework = f"{star}; {framework}" if framework else star
    rows.append(
        f"<b>Structure:</b> {escape(', '.join(structure) or 'one block of text')}"
        + (f"; {escape(framework)}" if framework else "")
    )
    metrics = ", ".join(ins.metric_terms) or "none named"
    rows.append(f"<b>Numbers:</b> {ins.numbers} · <b>metrics:</b> {escape(metrics)}")
    softeners = [f"{w} ×{n}" for w, n in (*ins.hedges, *ins.fillers)]
    rows.append(
        "<b>Hedges and fillers:</b> " + (escape(", ".join(softeners)) if softeners else "none")
    )
    return "<br>".join(rows)


class InsightsView(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerInsights")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName("Answer insights")

    def show_insights(self, ins: Insights, time_limit_s: int, duration_s: int) -> None:
        html = insights_html(ins, time_limit_s, duration_s)
        self.setText(html)
        # The name says what this is; the description is the insights themselves, in words.
        self.setAccessibleDescription(insights_plain(html))

    def show_message(self, text: str) -> None:
        """A sentence instead of insights (no question to measure the answer against)."""
        self.setText(escape(text))
        self.setAccessibleDescription(text)


def insights_plain(html: str) -> str:
    """The insights as plain text, the marks spelled out for a screen reader."""
    from PySide6.QtGui import QTextDocumentFragment

    text = QTextDocumentFragment.fromHtml(html).toPlainText()
    return text.replace("✔ ", "Covered: ").replace("✘ ", "Not covered: ").replace("\xa0", " ")
