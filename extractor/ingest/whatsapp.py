"""WhatsApp chat export: "[18/11/2025, 19:02:11] Name: text" (iPhone) or "18/11/2025, 19:02 - Name: text" (Android).

A message may run on over the lines below its header. The day comes first or the month does, as the phone's
region had it: the export says which only where a number above 12 shows it, so the whole file is read one way
(month first where nothing tells). System lines ("Messages and calls are end-to-end encrypted", "Dave added
Ruth") and media placeholders ("<Media omitted>", "image omitted", "This message was deleted") carry no meeting
text and are left out.
"""
from __future__ import annotations

import datetime as dt
import re

from ..schema import Transcript
from .base import Builder, share

NAME = "whatsapp"
DESCRIPTION = "WhatsApp export: '[18/11/2025, 19:02:11] Name: text' or '18/11/2025, 19:02 - Name: text'"
SAMPLE = "[11/18/25, 19:04:02] Dave Morris: I'll ring Gary the heating man tomorrow."

_STAMP = (r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{2,4}),?\s+"
          r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?:\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?))?")
# U+200E (left-to-right mark) often opens the line in iPhone exports
HEADER = re.compile(r"^[\u200e\s]*(?:\[" + _STAMP + r"\]\s*|" + _STAMP.replace("?P<", "?P<x") + r"\s+-\s+)(?P<rest>.*)$")
_SPEAKER = re.compile(r"^(?P<name>[^:：]{1,40}?):\s?(?P<text>.*)$")
_PLACEHOLDER = re.compile(
    r"^[\u200e\s]*(?:<media omitted>|<attached: [^>]*>|(?:image|video|audio|sticker|gif|document|contact card) omitted"
    r"|this message was deleted\.?|you deleted this message\.?|<this message was edited>|null|missed (?:voice|video) call|messages (?:and calls )?are end-to-end encrypted.*)"
    r"[\u200e\s]*$", re.I)


def sniff(lines: list[str]) -> float:
    s = share(lines, HEADER)
    return 0.95 if s >= 0.15 else s * 5


def _group(m: re.Match, key: str) -> str | None:
    return m.group(key) or m.group("x" + key)


def _day_first(matches: list[re.Match]) -> bool:
    """Whether the stamps put the day first: a first number above 12 says so, a second one above 12 says not."""
    for m in matches:
        if int(_group(m, "a")) > 12:
            return True
        if int(_group(m, "b")) > 12:
            return False
    return False


def _when(m: re.Match, day_first: bool) -> dt.datetime | None:
    a, b, year = int(_group(m, "a")), int(_group(m, "b")), int(_group(m, "y"))
    day, month = (a, b) if day_first else (b, a)
    year += 2000 if year < 100 else 0
    hour, minute, *sec = (int(x) for x in _group(m, "time").split(":"))
    ampm = (_group(m, "ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return dt.datetime(year, month, day, hour, minute, sec[0] if sec else 0)
    except ValueError:
        return None


def parse(lines: list[str]) -> Transcript:
    b = Builder(NAME)
    headers = {n: m for n, line in enumerate(lines, start=1) if (m := HEADER.match(line))}
    day_first = _day_first(list(headers.values()))
    open_turn = False  # the lines below a message continue it; those below a system line or placeholder do not
    for n, line in enumerate(lines, start=1):
        m = headers.get(n)
        if m is None:
            if not line.strip():
                continue
            if open_turn:
                b.continue_last(n, line)
            elif not b.utterances and not headers:
                b.add(n, line)
            else:
                b.warn(n, f"line {n} follows no message; kept as a message of its own")
                b.utterance(n, line)
            continue
        when = _when(m, day_first)
        if when is None:
            b.warn(n, f"line {n}: the message time cannot be read; the message is kept without it")
        elif b.meeting.date is None:
            b.meeting.date, b.meeting.start_time = when.date(), f"{when:%H:%M}"
        said = _SPEAKER.match(m.group("rest"))
        if said is None or _PLACEHOLDER.match(said.group("text")):
            b.flush()
            open_turn = False  # "Dave added Ruth", "<Media omitted>"
            continue
        open_turn = True
        b.start(n, said.group("name").strip(), timestamp=when)
        if said.group("text").strip():
            b.add(n, said.group("text"))
    return b.transcript()
