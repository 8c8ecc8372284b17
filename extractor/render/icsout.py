"""Deadlines as an iCalendar file (.ics): one all-day event per task that has a due date.

VEVENT rather than VTODO: VTODO with DUE is the closer meaning, but common calendar apps (Google Calendar,
Outlook's .ics import) import only events and drop to-dos, so the deadline would silently vanish. An
all-day VEVENT on the due date shows up wherever the file is imported. The icalendar package is imported inside `render_ics`
(export extra).
"""
from __future__ import annotations

import datetime as dt
import hashlib

from ..errors import ExportUnavailableError
from ..schema import ActionItem, Minutes, TaskStatus
from .markdown import document_title, evidence_refs, labels
from .review import draft_marker, without_rejected


def task_uid(minutes: Minutes, item: ActionItem, n: int) -> str:
    """A UID that stays the same each time the same draft is exported, so a re-import updates, not duplicates.

    Derived from the draft's source, meeting date and title and the item id (its position when it has none).
    """
    m = minutes.meeting
    key = "\x1f".join([minutes.source or "", m.date.isoformat() if m.date else "", m.title or "", item.id or f"#{n}"])
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}-{item.id or n}@minutes"


def render_ics(minutes: Minutes) -> str:
    """VCALENDAR text with an all-day VEVENT on each due date: SUMMARY '负责人：任务', DESCRIPTION with the
    deliverable, collaborators and evidence (line, [mm:ss], quote), led by the 草稿 line while items await
    review. Tasks without a resolved date and rejected tasks are left out. Raises ExportUnavailableError without the export extra.
    """
    try:
        from icalendar import Calendar, Event
    except ImportError:
        raise ExportUnavailableError("calendar (.ics) export needs the export extra: pip install 'minutes[export]'") from None

    minutes = without_rejected(minutes)
    L = labels(minutes)
    title = document_title(minutes)
    cal = Calendar()
    cal.add("prodid", "-//minutes//会议纪要//ZH" if minutes.language == "zh" else "-//minutes//meeting minutes//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title)
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    colon = L["colon"]
    marker = draft_marker(minutes, L)
    for n, a in enumerate(minutes.action_items, start=1):
        if a.due is None:
            continue
        ev = Event()
        ev.add("uid", task_uid(minutes, a, n))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", a.due)
        ev.add("dtend", a.due + dt.timedelta(days=1))
        ev.add("summary", f"{a.owner}{colon}{a.task}" if a.owner else a.task)
        lines = [marker] if marker else []
        if a.deliverable:
            lines.append(f"{L['deliverable']}{colon}{a.deliverable}")
        if a.collaborators:
            lines.append(f"{L['collaborators']}{colon}{L['sep'].join(a.collaborators)}")
        if a.evidence:
            lines.append(f"{L['evidence']}{colon}")
        for e in a.evidence:
            who = f"{e.speaker}{colon}" if e.speaker else ""
            lines.append(f"- {evidence_refs([e], L)} {who}{e.quote or ''}".rstrip())
        m = minutes.meeting
        if m.title or m.date:
            lines.append(f"{L['meeting']}{colon}" + " ".join(x for x in (m.title, m.date and m.date.isoformat()) if x))
        ev.add("description", "\n".join(lines))
        ev.add("transp", "TRANSPARENT")  # a deadline does not block the day
        if a.status == TaskStatus.cancelled:
            ev.add("status", "CANCELLED")
        cal.add_component(ev)
    return cal.to_ical().decode("utf-8")
