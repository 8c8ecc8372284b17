"""minutes: meeting chat logs and transcripts in, an evidence-backed minutes draft (会议纪要) out."""
from .dates import find_due, resolve_due
from .errors import MinutesError
from .pipeline import ExtractOptions, extract_file, extract_minutes, extract_text
from .render import (
    export_minutes,
    load_minutes,
    render_docx,
    render_html,
    render_ics,
    render_json,
    render_markdown,
    render_tasks_csv,
)
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
from .send import SendOptions, SendResult, SmtpSettings, send_minutes

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
    "SendOptions",
    "SendResult",
    "SmtpSettings",
    "TaskStatus",
    "Transcript",
    "Utterance",
    "__version__",
    "export_minutes",
    "extract_file",
    "extract_minutes",
    "extract_text",
    "find_due",
    "load_minutes",
    "minutes_json_schema",
    "render_docx",
    "render_html",
    "render_ics",
    "render_json",
    "render_markdown",
    "render_tasks_csv",
    "resolve_due",
    "send_minutes",
]
