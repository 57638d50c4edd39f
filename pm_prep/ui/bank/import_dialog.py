"""Import a file of questions, from choosing it to the message that says what it added.

Used by File > Import question bank and by the bank page's Import button. The file dialog
offers every format (TOML, JSON, CSV, plain text). A plain list has one skill for all its
questions, asked for in a small dialog; so is a CSV or TOML file whose only problem is that
some questions name no skill. Nothing is written unless the whole file is valid.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from pm_prep.domain.content import Catalog
from pm_prep.services import bank_import
from pm_prep.services.workspace import Workspace
from pm_prep.ui.actions import ActionRunner
from pm_prep.ui.page_layout import plain_label

FILE_FILTER = (
    "Question files (*.toml *.json *.csv *.txt);;"
    "Spreadsheet saved as CSV (*.csv);;"
    "Plain text, one question per line (*.txt);;"
    "TOML (*.toml);;JSON (*.json);;All files (*)"
)
MAX_WARNINGS_SHOWN = 10


class ImportSkillDialog(QDialog):
    """Which skill the questions that name none are for."""

    def __init__(self, catalog: Catalog, file_name: str, *, plain: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("importSkillDialog")
        self.setWindowTitle("Import questions")
        layout = QVBoxLayout(self)
        text = (
            f"{file_name} is a plain list: one question a line. Which skill are they for?"
            if plain
            else f"Some questions in {file_name} name no skill. Which skill are they for? "
            "(Questions that name one keep theirs.)"
        )
        layout.addWidget(plain_label(text, wrap=True))
        form = QFormLayout()
        self.skill = QComboBox()
        self.skill.setObjectName("importSkill")
        self.skill.setAccessibleName("Skill of the questions")
        for skill in catalog.skills.values():
            self.skill.addItem(skill.name, skill.id)
        form.addRow("Skill", self.skill)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Import")
        ok.setObjectName("importSkillOk")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen_skill(self) -> str:
        return str(self.skill.currentData())


def result_message(result: bank_import.ImportResult, catalog: Catalog) -> str:
    names = {s.id: s.name for s in catalog.skills.values()}
    text = result.summary(names)
    if result.added:
        text += f"\n\nFind them in the Question bank: {result.file_name} is one of its sources."
    if result.warnings:
        shown = "\n".join(str(w) for w in result.warnings[:MAX_WARNINGS_SHOWN])
        more = len(result.warnings) - MAX_WARNINGS_SHOWN
        text += f"\n\nWorth knowing:\n{shown}" + (f"\n… and {more} more" if more > 0 else "")
    return text


class QuestionImport(QObject):
    """One import. `finished(result)`: the ImportResult, or None if nothing was imported."""

    finished = Signal(object)

    def __init__(self, parent: QWidget, ws: Workspace, runner: ActionRunner) -> None:
        super().__init__(parent)
        self._parent = parent
        self._ws = ws
        self._runner = runner
        self._path: Path | None = None
        self.skill_dialog: ImportSkillDialog | None = None

    def start(self, path: Path | None = None) -> None:
        """Ask for the file (unless given), then its skill if it needs one, then import."""
        if path is None:
            from pm_prep.ui import file_dialogs

            chosen, _ = file_dialogs.open_file_name(
                self._parent,
                self._ws,
                self._runner,
                file_dialogs.QUESTIONS,
                "Import questions",
                FILE_FILTER,
            )
            if not chosen:
                self._finish(None)
                return
            path = Path(chosen)
        self._path = path
        need = self._skill_needed(path)
        if need is None:
            self._run(None)
            return
        dialog = ImportSkillDialog(
            self._ws.catalog, path.name, plain=need == "plain", parent=self._parent
        )
        self.skill_dialog = dialog
        dialog.accepted.connect(self._on_skill_chosen)
        dialog.rejected.connect(lambda: self._finish(None))
        dialog.open()  # window-modal, and the event loop keeps running

    def _skill_needed(self, path: Path) -> str | None:
        """`plain` for a plain list, `missing` when questions lack only a skill, else None."""
        from pm_prep.domain.bank_format import format_of
        from pm_prep.domain.bank_problems import BankError
        from pm_prep.services.catalog import decode_text, default_types, read_limited

        fmt = format_of(path.suffix)
        if fmt is None:
            return None
        if fmt == "text":
            try:
                decode_text(read_limited(path, path.name), path.name)
            except BankError:
                return None  # too big, binary, not UTF-8: the import says so, no need to ask
            return "plain"
        skills = self._ws.catalog.skills
        try:
            bank_import.read_question_file(path, set(skills), default_types(skills))
        except BankError as exc:
            errors = exc.errors
            if errors and all(p.field == "skill" and "is missing" in p.message for p in errors):
                return "missing"
        except OSError:
            return None  # the import itself says what went wrong
        return None

    @Slot()
    def _on_skill_chosen(self) -> None:
        dialog = self.skill_dialog
        self._run(dialog.chosen_skill() if dialog is not None else None)

    def _run(self, skill: str | None) -> None:
        assert self._path is not None
        outcome = self._runner.run(
            bank_import.import_bank,
            self._ws,
            self._path,
            skill=skill,
            title="Questions not imported",
        )
        result = outcome.value
        if result is not None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(
                self._parent, "Questions imported", result_message(result, self._ws.catalog)
            )
        self._finish(result)

    def _finish(self, result: bank_import.ImportResult | None) -> None:
        self.finished.emit(result)
        self.deleteLater()
