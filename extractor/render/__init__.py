"""Renderers: a Minutes draft to Markdown (the 会议纪要 layout), the JSON contract, and the exports
(.docx, task CSV, .ics, HTML). Every export leaves out rejected items; `render_json` alone is lossless."""
from __future__ import annotations

from ..schema import Minutes
from .csvout import render_tasks_csv
from .docxout import render_docx
from .htmlout import render_html
from .icsout import render_ics
from .jsonout import load_minutes, render_json
from .markdown import render_markdown
from .review import unreviewed_count, without_rejected
from .transcript import render_transcript

EXPORT_FORMATS = {"md": ".md", "docx": ".docx", "json": ".json", "csv": ".csv", "ics": ".ics", "html": ".html"}
"""Export format -> file suffix."""


def export_minutes(minutes: Minutes, fmt: str) -> bytes:
    """The draft in one export format, as the bytes of the file (UTF-8 for the text formats).

    Rejected items are left out of every format, JSON included. Raises ValueError for an unknown format and
    ExportUnavailableError for docx/ics without the export extra.
    """
    if fmt == "docx":
        return render_docx(minutes)
    text = {
        "md": render_markdown, "csv": render_tasks_csv, "ics": render_ics, "html": render_html,
        "json": lambda m: render_json(without_rejected(m)) + "\n",
    }.get(fmt)
    if text is None:
        raise ValueError(f"unknown export format {fmt!r}; expected one of: {', '.join(EXPORT_FORMATS)}")
    return text(minutes).encode("utf-8")


__all__ = [
    "EXPORT_FORMATS",
    "export_minutes",
    "load_minutes",
    "render_docx",
    "render_html",
    "render_ics",
    "render_json",
    "render_markdown",
    "render_tasks_csv",
    "render_transcript",
    "unreviewed_count",
    "without_rejected",
]
