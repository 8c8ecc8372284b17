"""minutes: meeting chat logs and transcripts in, an evidence-backed minutes draft (会议纪要) out."""
from .dates import find_due, resolve_due
from .errors import MinutesError
from .pipeline import ExtractOptions, extract_file, extract_minutes, extract_text
from .render import render_json, render_markdown
from .schema import (
    ActionItem,
    AgendaSection,
    Decision,
    DraftWarning,
    Evidence,
    MeetingInfo,
    Minutes,
    OpenQuestion,
    Review,
    TaskStatus,
    Transcript,
    Utterance,
    minutes_json_schema,
)

__version__ = "0.1.0"

__all__ = [
    "ActionItem",
    "AgendaSection",
    "Decision",
    "DraftWarning",
    "Evidence",
    "ExtractOptions",
    "MeetingInfo",
    "Minutes",
    "MinutesError",
    "OpenQuestion",
    "Review",
    "TaskStatus",
    "Transcript",
    "Utterance",
    "__version__",
    "extract_file",
    "extract_minutes",
    "extract_text",
    "find_due",
    "minutes_json_schema",
    "render_json",
    "render_markdown",
    "resolve_due",
]
