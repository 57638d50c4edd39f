"""Read a plain list of questions: one question per line, all of one skill given on import.

A list copied from a document or a web page often carries its own numbering or bullets
("1. ", "2) ", "- ", "• "): they are taken off. Empty lines are skipped, and so are lines
starting with `#` (headings in a Markdown list, or notes to yourself).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from pm_prep.domain.content import Question

_LIST_MARKER = re.compile(r"^\s*(?:[-*•–]|\(?\d{1,4}[.):]|[a-zA-Z][.)])\s+")


def question_text(line: str) -> str:
    """The question on a line, without its list marker (`12. Why?` -> `Why?`)."""
    return _LIST_MARKER.sub("", line, count=1).strip()


def text_to_bank_data(text: str) -> tuple[dict[str, Any], list[int]]:
    """The list as a TOML-shaped mapping of prompts, and the line of each question."""
    questions: list[dict[str, Any]] = []
    lines: list[int] = []
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        prompt = question_text(stripped)
        if prompt:
            questions.append({"prompt": prompt})
            lines.append(number)
    return {"questions": questions}, lines


def questions_to_text(questions: Sequence[Question], skill_names: Mapping[str, str]) -> str:
    """Questions as a plain list, one per line, under a `# Skill` heading per skill.

    Only the prompts are kept (a line break inside a prompt becomes a space); the headings
    are comments to the reader, so import each skill's part with its skill chosen.
    """
    parts: list[str] = []
    by_skill: dict[str, list[Question]] = {}
    for question in questions:
        by_skill.setdefault(question.skill, []).append(question)
    for skill, items in by_skill.items():
        if parts:
            parts.append("")
        parts.append(f"# {skill_names.get(skill, skill)} ({skill})")
        parts.extend(" ".join(q.prompt.split()) for q in items)
    return "\n".join(parts) + "\n"
