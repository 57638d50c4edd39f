"""What can be wrong with a bank file, as values: cheap to import, used wherever banks are."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

MAX_BANK_BYTES = 5 * 1024 * 1024
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a bank file; a `warning` is worth saying but blocks nothing."""

    file: str
    message: str
    question_id: str | None = None
    field: str | None = None
    line: int | None = None
    warning: bool = False

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.warning:
            parts.append("warning")
        if self.question_id:
            parts.append(f"question {self.question_id}")
        if self.field:
            parts.append(f"field {self.field}")
        text = ": ".join([*parts, self.message])
        # One problem, one line: a newline inside a value from the file is shown escaped.
        return _CONTROL_CHARS.sub(
            lambda m: m.group().encode("unicode_escape").decode("ascii"), text
        )


class BankError(ValueError):
    """A bank file that failed validation; `problems` lists every problem found.

    Errors come first, then any warnings found in the same pass.
    """

    def __init__(self, problems: list[Problem]) -> None:
        ordered = [p for p in problems if not p.warning] + [p for p in problems if p.warning]
        super().__init__("; ".join(str(p) for p in ordered[:3]))
        self.problems = ordered

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]


def content_hash(text: str | bytes) -> str:
    """A stable fingerprint of a file's or a question's content."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()
