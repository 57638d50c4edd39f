"""The question bank through the real widgets, against a real database file: write a question
with only a skill and a prompt, find it, practise and rate it, hide a built-in question and
show it again, import a mixed-skill CSV and a plain list, edit, delete and retire."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from unittest.mock import patch

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextBrowser,
    QWidget,
)

from pm_prep.services import practice
from tests.gui.conftest import LEVEL_KEYS
from tests.gui.drive import child, choose, open_page, query

CTRL = Qt.KeyboardModifier.ControlModifier
PROMPT = "How would you measure the success of Quokka duets? 🚀 שלום <b>not bold</b>"
MIXED_CSV = (
    "skill,prompt\n"
    "analytical,How would you measure the success of comments on live streams?\n"
    'communication,"Tell me about a time you disagreed with an engineer, and what happened."\n'
    'analytical,"Daily uploads fell 5%\nover a week. Where do you look first?"\n'
)


def _db(data_dir: Path) -> Path:
    return data_dir / "pm_prep.sqlite3"


def _table(page: QWidget) -> QTableView:
    return child(page, QTableView, "bankTable")


def _shown_prompts(page: QWidget) -> list[str]:
    """The prompts the filters let through (the view fetches them a page at a time)."""
    return [row.question.prompt for row in _table(page).model().rows]


def _search(qtbot, page: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    box = child(page, QLineEdit, "bankSearch")
    box.setFocus()
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClicks(box, text)


def _click(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    assert widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _new_question(qtbot, page: QWidget, skill: str, prompt: str) -> QDialog:  # type: ignore[no-untyped-def]
    _click(qtbot, child(page, QPushButton, "newQuestionButton"))
    editor = page.findChild(QDialog, "questionEditor")
    assert editor is not None
    qtbot.waitUntil(editor.isActiveWindow)  # the form has the keys at once
    save = child(editor, QPushButton, "saveQuestionButton")
    assert not save.isEnabled()  # nothing typed yet
    choose(qtbot, child(editor, QComboBox, "editorSkill"), skill)
    text = child(editor, QPlainTextEdit, "editorPrompt")
    text.setFocus()
    qtbot.keyClicks(text, prompt[:20])
    text.insertPlainText(prompt[20:])  # pasted: emoji, right-to-left text and markup
    return editor


def test_write_a_question_find_it_practise_it_and_rate_it(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path
) -> None:
    page = open_page(qtbot, main_window, "bankPage")
    total = len(main_window.ws.catalog.questions)
    editor = _new_question(qtbot, page, "analytical", PROMPT)
    _click(qtbot, child(editor, QPushButton, "saveQuestionButton"))

    qtbot.waitUntil(lambda: not editor.isVisible())
    rows = query(
        _db(data_dir), "SELECT id, source, prompt, retired_at FROM questions WHERE source = 'own'"
    )
    ((qid, source, prompt, retired),) = rows
    assert (source, prompt, retired) == ("own", PROMPT, None)
    assert child(page, QLabel, "bankCount").text() == f"{total + 1:,} questions"

    _search(qtbot, page, "QUOKKA duets")  # any case, every word
    assert _shown_prompts(page) == [PROMPT]
    detail = child(page, QTextBrowser, "questionDetail")
    assert detail.toPlainText().startswith(PROMPT)  # the markup shows as text
    assert "<b>not bold</b>" in detail.toPlainText()
    assert "No talking points yet" in detail.toPlainText()
    assert child(page, QLabel, "bankCount").text() == f"1 of {total + 1:,} questions"

    _click(qtbot, child(page, QPushButton, "practiseQuestionButton"))
    practice_page = main_window.practice_page
    qtbot.waitUntil(practice_page.isVisible)
    assert practice_page.question.id == qid
    assert child(practice_page, QLabel, "questionPrompt").text() == PROMPT
    qtbot.waitUntil(main_window.isActiveWindow)  # the editor's window has closed
    hint = child(practice_page, QPushButton, "hintButton")
    assert (hint.text(), hint.isEnabled()) == ("No hints for this question", False)
    answer = child(practice_page, QPlainTextEdit, "answerEditor")
    answer.setFocus()
    qtbot.keyClicks(answer, "1. Goal: more duets. 2. Metric: duets per creator per week.")
    qtbot.keyClick(answer, Qt.Key.Key_Return, CTRL)
    insights = child(practice_page, QLabel, "answerInsights")
    assert insights.isVisible() and "words" in insights.text()
    assert "none for this question yet" in insights.text() and "0 of 0" not in insights.text()
    rubric = main_window.ws.catalog.rubric_for(practice_page.question)
    for criterion in rubric.criteria:
        control = child(practice_page, QWidget, f"criterion_{criterion.id}")
        control.setFocus()
        qtbot.keyClick(control, LEVEL_KEYS[4])
    _click(qtbot, child(practice_page, QPushButton, "saveRatingButton"))
    assert query(_db(data_dir), "SELECT question_id, score FROM attempts") == [(qid, 75.0)]
    outline = child(practice_page, QTextBrowser, "sampleOutline")
    assert outline.toPlainText().startswith("No outline for this question yet.")

    page = open_page(qtbot, main_window, "bankPage")
    model = _table(page).model()
    assert _shown_prompts(page) == [PROMPT]  # the search is kept
    assert [model.display(model.row_at(0), c) for c in (5, 6)] == ["1", "75"]
    assert "Answered once, last score 75/100" in detail.toPlainText()
    assert child(page, QPushButton, "deleteQuestionButton").text() == "Retire"


def test_hide_a_built_in_question_and_show_it_again(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path
) -> None:
    page = open_page(qtbot, main_window, "bankPage")
    question = main_window.ws.catalog.questions_for("technical")[0]
    _search(qtbot, page, question.prompt[:60])
    assert page.current_row.question_id == question.id
    assert not child(page, QPushButton, "editQuestionButton").isEnabled()
    assert not child(page, QPushButton, "deleteQuestionButton").isEnabled()
    hide = child(page, QPushButton, "hideQuestionButton")

    _click(qtbot, hide)

    assert query(_db(data_dir), "SELECT question_id FROM hidden_questions") == [(question.id,)]
    model = _table(page).model()
    assert model.display(page.current_row, 4).startswith("Hidden · ")
    assert hide.text() == "Show"
    assert (
        "Hidden from practice and mock interviews"
        in child(page, QTextBrowser, "questionDetail").toPlainText()
    )
    assert question.id in practice.hidden_question_ids(main_window.ws)
    _search(qtbot, page, "")
    choose(qtbot, child(page, QComboBox, "bankHiddenFilter"), "hidden")
    assert _shown_prompts(page) == [question.prompt]

    _click(qtbot, hide)

    assert query(_db(data_dir), "SELECT COUNT(*) FROM hidden_questions") == [(0,)]
    assert _shown_prompts(page) == []  # the filter still says "hidden"
    choose(qtbot, child(page, QComboBox, "bankHiddenFilter"), "")
    assert len(_shown_prompts(page)) == len(main_window.ws.catalog.questions)


def test_import_a_mixed_skill_csv_and_a_plain_list(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path, tmp_path: Path
) -> None:
    page = open_page(qtbot, main_window, "bankPage")
    csv_file = tmp_path / "prep.csv"
    csv_file.write_text("\ufeff" + MIXED_CSV, encoding="utf-8")
    shown: list[str] = []

    def note(_parent, _title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    with (
        patch("PySide6.QtWidgets.QFileDialog.getOpenFileName", return_value=(str(csv_file), "")),
        patch.object(QMessageBox, "information", side_effect=note),
    ):
        _click(qtbot, child(page, QPushButton, "importQuestionsButton"))

    assert shown[0].startswith(
        "Imported 3 questions (Analytical 2, Communication 1) from prep.csv."
    )
    rows = query(
        _db(data_dir), "SELECT skill_id, prompt FROM questions WHERE source = 'import:prep.csv'"
    )
    assert sorted(skill for skill, _ in rows) == ["analytical", "analytical", "communication"]
    assert ("analytical", "Daily uploads fell 5%\nover a week. Where do you look first?") in rows
    choose(qtbot, child(page, QComboBox, "bankSourceFilter"), "import:prep.csv")
    assert len(_shown_prompts(page)) == 3

    # The same file again, from the File menu: nothing is added twice.
    with (
        patch("PySide6.QtWidgets.QFileDialog.getOpenFileName", return_value=(str(csv_file), "")),
        patch.object(QMessageBox, "information", side_effect=note),
    ):
        main_window.import_action.trigger()
    assert shown[1] == "Nothing new in prep.csv: all 3 are already in your bank."
    assert len(_shown_prompts(page)) == 3

    # A plain list: the skill is asked for.
    text_file = tmp_path / "recruiter list.txt"
    text_file.write_text("1. Why PM?\n2. Why this company?\n\n", encoding="utf-8")
    with (
        patch("PySide6.QtWidgets.QFileDialog.getOpenFileName", return_value=(str(text_file), "")),
        patch.object(QMessageBox, "information", side_effect=note),
    ):
        main_window.import_action.trigger()
        dialog = main_window.findChild(QDialog, "importSkillDialog")
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible)
        choose(qtbot, child(dialog, QComboBox, "importSkill"), "communication")
        _click(qtbot, child(dialog, QPushButton, "importSkillOk"))
    assert shown[2].startswith("Imported 2 questions for Communication from recruiter list.txt.")
    assert query(
        _db(data_dir),
        "SELECT skill_id, prompt FROM questions WHERE source = 'import:recruiter list.txt' "
        "ORDER BY prompt",
    ) == [("communication", "Why PM?"), ("communication", "Why this company?")]
    _search(qtbot, page, "")
    choose(qtbot, child(page, QComboBox, "bankSourceFilter"), "own")
    assert len(_shown_prompts(page)) == 5


def test_a_refused_import_says_why_and_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path, tmp_path: Path
) -> None:
    page = open_page(qtbot, main_window, "bankPage")
    before = query(_db(data_dir), "SELECT COUNT(*) FROM questions")
    shipped = main_window.ws.catalog.questions_for("analytical")[0].id
    cases = {
        "no-prompt.csv": ("skill,question text\nanalytical,Why?\n", "missing column: prompt"),
        "clash.csv": (f"id,skill,prompt\n{shipped},analytical,Mine?\n", "built-in question"),
        "long.csv": (f"skill,prompt\nanalytical,{'x' * 2001}\n", "longer than 2,000"),
        "skills.csv": ("skill,prompt\nastrology,Why?\n", "unknown skill 'astrology'"),
    }
    warnings: list[str] = []
    for name, (text, fragment) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with (
            patch("PySide6.QtWidgets.QFileDialog.getOpenFileName", return_value=(str(path), "")),
            patch.object(
                QMessageBox, "warning", side_effect=lambda _p, _t, text: warnings.append(text)
            ),
        ):
            _click(qtbot, child(page, QPushButton, "importQuestionsButton"))
        assert warnings[-1].startswith("Nothing was imported."), name
        assert fragment in warnings[-1], name
    big = tmp_path / "big.csv"
    big.write_bytes(b"skill,prompt\n" + b"analytical,Why?\n" * 400_000)  # 6 MB
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 10)
    for path, fragment in ((big, "larger than 5 MB"), (binary, "binary")):
        with (
            patch("PySide6.QtWidgets.QFileDialog.getOpenFileName", return_value=(str(path), "")),
            patch.object(
                QMessageBox, "warning", side_effect=lambda _p, _t, text: warnings.append(text)
            ),
        ):
            _click(qtbot, child(page, QPushButton, "importQuestionsButton"))
            dialog = main_window.findChild(QDialog, "importSkillDialog")
            if dialog is not None and dialog.isVisible():  # a .txt asks its skill first
                _click(qtbot, child(dialog, QPushButton, "importSkillOk"))
        assert fragment in warnings[-1], path.name
    assert query(_db(data_dir), "SELECT COUNT(*) FROM questions") == before


def test_edit_your_question_and_its_earlier_text_is_kept(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path
) -> None:
    page = open_page(qtbot, main_window, "bankPage")
    editor = _new_question(qtbot, page, "technical", "How does a CDN work?")
    _click(qtbot, child(editor, QPushButton, "saveQuestionButton"))
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert page.current_row.question.prompt == "How does a CDN work?"

    _click(qtbot, child(page, QPushButton, "editQuestionButton"))
    editor = page.findChild(QDialog, "questionEditor")
    qtbot.waitUntil(editor.isVisible)
    prompt = child(editor, QPlainTextEdit, "editorPrompt")
    assert prompt.toPlainText() == "How does a CDN work?"
    prompt.selectAll()
    qtbot.keyClicks(prompt, "How does a CDN serve a viral video?")
    points = child(editor, QPlainTextEdit, "editorTalkingPoints")
    points.setFocus()
    qtbot.keyClicks(points, "Cache at the edge: edge, cache hit")
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(points, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not editor.isVisible())

    qid = page.current_row.question_id
    assert query(_db(data_dir), "SELECT prompt FROM questions WHERE id = ?", qid) == [
        ("How does a CDN serve a viral video?",)
    ]
    versions = query(
        _db(data_dir), "SELECT content_json FROM question_versions WHERE question_id = ?", qid
    )
    assert len(versions) == 1 and "How does a CDN work?" in versions[0][0]
    text = child(page, QTextBrowser, "questionDetail").toPlainText()
    assert "Cache at the edge  (keywords: edge, cache hit)" in text
    assert "Earlier versions" in text and "How does a CDN work?" in text


def test_a_bad_question_cannot_be_saved_and_nothing_typed_is_lost(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path
) -> None:
    page = open_page(qtbot, main_window, "bankPage")
    editor = _new_question(qtbot, page, "analytical", "x" * 2001)
    save = child(editor, QPushButton, "saveQuestionButton")
    assert not save.isEnabled()
    assert "too long" in child(editor, QLabel, "editorPromptCount").text()
    qtbot.keyClick(child(editor, QPlainTextEdit, "editorPrompt"), Qt.Key.Key_S, CTRL)
    assert "longer than 2,000" in child(editor, QLabel, "editorProblems").text()
    assert editor.isVisible()

    prompt = child(editor, QPlainTextEdit, "editorPrompt")
    prompt.setPlainText("Why did DAU drop?")
    points = child(editor, QPlainTextEdit, "editorTalkingPoints")
    points.setPlainText("Data first:")  # a point without a keyword
    _click(qtbot, save)
    assert "needs at least 1 keyword" in child(editor, QLabel, "editorProblems").text()
    assert editor.isVisible() and prompt.toPlainText() == "Why did DAU drop?"
    assert query(_db(data_dir), "SELECT COUNT(*) FROM questions WHERE source = 'own'") == [(0,)]
    _click(qtbot, child(editor, QPushButton, "cancelQuestionButton"))
    qtbot.waitUntil(lambda: not editor.isVisible())


def test_delete_a_question_never_answered_and_retire_one_answered(  # type: ignore[no-untyped-def]
    qtbot, main_window, data_dir: Path
) -> None:
    page = open_page(qtbot, main_window, "bankPage")
    ids = []
    for prompt in ("Cut scope how?", "Slip a launch?"):
        editor = _new_question(qtbot, page, "execution", prompt)
        _click(qtbot, child(editor, QPushButton, "saveQuestionButton"))
        qtbot.waitUntil(lambda editor=editor: not editor.isVisible())
        ids.append(page.current_row.question_id)
    practice.submit_answer(
        main_window.ws, ids[1], "Tell them early.", started_at=datetime.now(UTC), duration_s=9,
        hints_used=0,
    )  # fmt: skip
    main_window.runner.changed.emit(practice.submit_answer.changes)  # as a submit announces
    delete = child(page, QPushButton, "deleteQuestionButton")
    asked: list[str] = []

    def yes(_parent, _title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    with patch.object(QMessageBox, "question", side_effect=yes):
        page.select_question(ids[0])
        assert delete.text() == "Delete"
        _click(qtbot, delete)
        page.select_question(ids[1])
        assert delete.text() == "Retire"
        _click(qtbot, delete)

    assert "never answered" in asked[0] and "answered this question once" in asked[1]
    assert query(_db(data_dir), "SELECT id, retired_at IS NOT NULL FROM questions WHERE "
                 "source = 'own'") == [(ids[1], 1)]  # fmt: skip
    assert query(_db(data_dir), "SELECT COUNT(*) FROM attempts WHERE question_id = ?", ids[1]) == [
        (1,)
    ]
    assert not set(ids) & set(main_window.ws.catalog.questions)


def test_the_outline_waits_until_the_question_is_answered(  # type: ignore[no-untyped-def]
    qtbot, main_window
) -> None:
    page = open_page(qtbot, main_window, "bankPage")
    question = next(q for q in main_window.ws.catalog.questions.values() if q.examples)
    page.select_question(question.id)
    detail = child(page, QTextBrowser, "questionDetail")
    text = detail.toPlainText()
    assert question.hints[0] in text and question.talking_points[0].point in text
    assert "once you have answered this question" in text
    assert question.examples[0].text.strip()[:40] not in text

    practice.submit_answer(
        main_window.ws, question.id, "My answer", started_at=datetime.now(UTC), duration_s=9,
        hints_used=0,
    )  # fmt: skip
    main_window.runner.changed.emit(practice.submit_answer.changes)

    text = detail.toPlainText()
    assert "One strong outline" in text and "Graded example answers" in text
    assert question.examples[0].text.strip()[:40] in text


def test_filters_set_from_code_filter_as_the_user_does(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, main_window, "bankPage")
    catalog = main_window.ws.catalog
    skill = child(page, QComboBox, "bankSkillFilter")
    skill.setCurrentIndex(skill.findData("technical"))
    assert len(_shown_prompts(page)) == len(catalog.questions_for("technical"))
    kind = child(page, QComboBox, "bankTypeFilter")
    kind.setCurrentIndex(kind.findData("estimation"))
    expected = [q.prompt for q in catalog.questions_for("technical") if q.type == "estimation"]
    assert sorted(_shown_prompts(page)) == sorted(expected)
    child(page, QComboBox, "bankProgressFilter").setCurrentIndex(3)  # due for review
    assert _shown_prompts(page) == []
    assert "No question matches" in child(page, QTextBrowser, "questionDetail").toPlainText()
    _click(qtbot, child(page, QPushButton, "bankClearFilters"))
    assert len(_shown_prompts(page)) == len(catalog.questions)


def test_the_table_fetches_rows_as_it_scrolls_and_enter_practises(  # type: ignore[no-untyped-def]
    qtbot, main_window
) -> None:
    page = open_page(qtbot, main_window, "bankPage")
    table = _table(page)
    model = table.model()
    assert model.rowCount() == 200 < len(model.rows)
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > 200)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    chosen = page.current_row.question_id
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(main_window.practice_page.isVisible)
    assert main_window.practice_page.question.id == chosen


def test_export_your_questions_and_import_them_elsewhere(  # type: ignore[no-untyped-def]
    qtbot, main_window, tmp_path: Path
) -> None:
    page = open_page(qtbot, main_window, "bankPage")
    export = child(page, QPushButton, "exportQuestionsButton")
    assert not export.isEnabled() and "no questions of your own" in export.toolTip()
    editor = _new_question(qtbot, page, "creativity", PROMPT)
    _click(qtbot, child(editor, QPushButton, "saveQuestionButton"))
    qtbot.waitUntil(lambda: not editor.isVisible())
    target = tmp_path / "mine"  # no suffix: the chosen filter gives it
    with patch(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName",
        return_value=(str(target), "JSON, every field (*.json)"),
    ):
        _click(qtbot, export)
    written = tmp_path / "mine.json"
    assert PROMPT in written.read_text(encoding="utf-8")
    assert child(page, QLabel, "bankMessage").text() == f"Exported 1 question to {written}."
