"""The Markdown shown once an answer is rated: the outline, the framework, follow-ups and
graded examples. Plain strings, rendered by QTextDocument with raw HTML off, so the same text
serves Practice and the mock debrief."""

from __future__ import annotations

from pm_prep.domain.content import Question


def examples_markdown(question: Question, *, heading: bool = True) -> str:
    """Graded example answers, weakest first, each with the rubric levels it illustrates."""
    if not question.examples:
        return ""
    parts = ["\n---\n\n**Graded example answers** (compare them with yours)\n"] if heading else []
    for example in sorted(question.examples, key=lambda e: e.level):
        quoted = "\n".join(f"> {line}" if line else ">" for line in example.text.splitlines())
        parts.append(f"\n**Level {example.level} of 5.** {example.why}\n\n{quoted}\n")
    return "".join(parts)


def outline_markdown(question: Question, *, with_examples: bool = True) -> str:
    """One strong outline, the framework, follow-ups and examples: the parts the question has.

    A question of your own may have none of them yet; it says where to add them.
    """
    parts = []
    if question.sample_outline:
        parts.append(question.sample_outline)
    if question.framework.name or question.framework.steps:
        steps = "\n".join(f"{i}. {s}" for i, s in enumerate(question.framework.steps, start=1))
        parts.append(f"**Framework: {question.framework.name}**\n\n{steps}".rstrip())
    if question.follow_ups:
        follow = "\n".join(f"- {f}" for f in question.follow_ups)
        parts.append(f"**What an interviewer might ask next**\n\n{follow}")
    if not parts and not (with_examples and question.examples):
        return (
            "No outline for this question yet. Add one (and talking points) in the Question "
            "bank with Edit, and it appears here after your next answer.\n"
        )
    examples = examples_markdown(question) if with_examples else ""
    return "\n\n---\n\n".join(parts) + "\n" + examples
