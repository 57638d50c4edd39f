"""The debrief as a PDF, with Qt's own text layout: QTextDocument (Markdown, never HTML) and
QPdfWriter. No extra package, nothing from the answers is read as HTML."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument


def write_pdf(
    markdown: str, target: Path, *, title: str = "PM Prep mock interview debrief"
) -> Path:
    """Render `markdown` to an A4 PDF at `target`, atomically (never a half-written file)."""
    document = QTextDocument()
    # GitHub Markdown for the summary's tables; any HTML in an answer is shown as text.
    document.setMarkdown(
        markdown,
        QTextDocument.MarkdownFeature.MarkdownDialectGitHub
        | QTextDocument.MarkdownFeature.MarkdownNoHTML,
    )
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    partial = target.with_name(target.name + ".partial")
    try:
        writer = QPdfWriter(str(partial))
        writer.setTitle(title)
        writer.setCreator("PM Prep")
        writer.setResolution(144)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(18, 18, 18, 18),
                QPageLayout.Unit.Millimeter,
            )
        )
        document.print_(writer)
        del writer  # the file is finished and closed when the writer goes
        if not partial.is_file() or partial.stat().st_size == 0:
            raise OSError(f"the PDF could not be written to {target}")
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target
