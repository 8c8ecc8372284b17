"""Transcripts with each speaker's name on a line of its own and the words below it, a blank line between
turns: Google Meet's transcript document, Microsoft Teams copied from its transcript pane, many recorder apps.

A header may come first: the title (Google Meet writes '<title> (2025-01-15 10:02 GMT-08:00) - Transcript'),
'Attendees' with the names on the next line, 'Transcript', the app's note that the text was machine-made. A
line with only a time ('00:03:00') marks where the recording is; a time on the line after a name is that
turn's start. A name is a short line that heads two or more turns, a first and last name, or a name on
the attendee list.
"""
from __future__ import annotations

import re
from collections import Counter

from ..schema import Transcript
from .base import Builder, seconds
from .header import meeting_line, parse_date, split_people, start_time

NAME = "namelines"
DESCRIPTION = "a speaker's name on its own line, the words below, a blank line between turns (Google Meet, Teams)"
SAMPLE = "Dana Whitfield\nOkay, let's start.\n\nMarcus Lee\nSounds good."

_TIME = re.compile(r"^\s*(?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?:\s*[AaPp]\.?[Mm]\.?)?\s*$")
_LATIN_NAME = re.compile(r"^[A-Z][\w'.-]*(?: (?:[A-Z][\w'.-]*|de|da|van|von|der|del|la|le|bin|al)){0,3}$")
_FULL_NAME = re.compile(r"^[A-Z][a-z'-]+(?: [A-Z][a-z'.-]*){1,2}$")  # a first and last name
_CJK_NAME = re.compile(r"^(?:[\u4e00-\u9fff·]{2,5}|说话人\s?\d{1,2}|发言人\s?\d{1,2}|Speaker \d{1,2})$")
_ATTENDEES = re.compile(r"^(?:attendees|participants|与会人员|参会人员?|参与者)\s*[:：]?\s*$", re.I)
_META = re.compile(r"^(?:transcript|文字记录|转写|this editable transcript\b.*|transcription ended\b.*|"
                   r"meeting ended after\b.*|.*\bstarted transcription\b.*|.*\bstopped transcription\b.*)$", re.I)
_DATED = re.compile(r"\s*[(（][^)）]*\d{4}[^)）]*[)）]\s*")
_TITLE_TAIL = re.compile(r"\s*-\s*transcript\s*$", re.I)
_NOT_NAMES = frozenset({"Transcript", "Attendees", "Participants", "Okay", "Yes", "Yeah", "Thanks", "Right",
                        "Sure", "No", "Hi", "Hello", "Bye", "Agreed", "Great", "Ok", "Summary", "Notes", "Agenda"})
_NOT_CJK_NAMES = re.compile(r"^(?:好的?|嗯+|对+|是的?|行|可以|没问题|收到|谢谢|明白|了解|同意|哈+|然后|那个|就是|我们|大家)")


def _name_like(line: str) -> bool:
    line = line.strip()
    if not line or len(line) > 40 or line in _NOT_NAMES:
        return False
    if _CJK_NAME.match(line):
        return not _NOT_CJK_NAMES.match(line)
    return bool(_LATIN_NAME.match(line))


def _blocks(lines: list[str], names: set[str]) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines, each line with its 1-based number; a known speaker's name line (`names`:
    `_known_names`) also starts a run (Google Meet documents copied without the blank lines between turns)."""
    out: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for n, line in enumerate(lines, start=1):
        if line.strip() and current and line.strip() in names:
            out.append(current)
            current = []
        if line.strip():
            current.append((n, line.rstrip()))
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def _known_names(lines: list[str]) -> set[str]:
    """Names that can only be a turn's head: the attendee list's, and first-and-last names (or Chinese
    names) standing alone on three lines or more."""
    counts = Counter(line.strip() for line in lines if _name_like(line))
    names = {n for n, k in counts.items() if k >= 3 and (_FULL_NAME.match(n) or _CJK_NAME.match(n))}
    for k, line in enumerate(lines[:-1]):
        if _ATTENDEES.match(line.strip()):
            names |= {p.strip() for p in re.split(r"[,，、;；]", lines[k + 1]) if _name_like(p)}
    return names


def _speakers(blocks: list[list[tuple[int, str]]], known: set[str] = frozenset()) -> set[str]:
    """Short lines that head two or more blocks with words under them, or one when the name is known
    (`_known_names`)."""
    heads = Counter(b[0][1].strip() for b in blocks if len(b) >= 2 and _name_like(b[0][1]))
    return {name for name, k in heads.items() if k >= 2 or name in known}


def sniff(lines: list[str]) -> float:
    known = _known_names(lines)
    blocks = _blocks(lines, known)
    speakers = _speakers(blocks, known)
    if not speakers or len(speakers) > 25:
        return 0.0
    turns = sum(1 for b in blocks if len(b) >= 2 and b[0][1].strip() in speakers)
    if turns < 3:
        return 0.0
    share = turns / len(blocks)
    # Every line of a turn but the name is text: a file of short one-line blocks is something else.
    return 0.7 if share >= 0.6 else share


def parse(lines: list[str]) -> Transcript:
    b = Builder(NAME)
    known = _known_names(lines)
    blocks = _blocks(lines, known)
    speakers = _speakers(blocks, known)
    started = False
    clock: float | None = None
    for block in blocks:
        n0, first = block[0][0], block[0][1].strip()
        if not started and not (first in speakers and len(block) >= 2):
            _preamble(block, b)
            speakers |= set(b.meeting.attendees)
            continue
        if len(block) >= 2 and _FULL_NAME.match(first) and first not in _NOT_NAMES:
            speakers.add(first)  # "Ines Costa", heading one turn only
        if first in speakers and len(block) >= 2:
            started = True
            rest = block[1:]
            start = clock
            t = _TIME.match(rest[0][1])
            if t and len(rest) >= 2:  # "Name\n0:03\ntext": the turn's own start
                start, rest = seconds(t.group("time")), rest[1:]
            b.start(n0, first, start=start)
            for n, text in rest:
                if not _META.match(text.strip()):
                    b.add(n, text)
            b.flush()
            continue
        for n, text in block:
            stripped = text.strip()
            t = _TIME.match(stripped)
            if t:
                clock = seconds(t.group("time"))
            elif not _META.match(stripped):
                b.continue_last(n, text)  # a paragraph of the turn above
    return b.transcript()


def _preamble(block: list[tuple[int, str]], b: Builder) -> None:
    """The title, date and attendee list above the first turn; other lines there (the app's labels and
    notes, a time) carry no meeting text."""
    listing = False
    for _, text in block:
        line = text.strip()
        if listing:
            b.meeting.attendees = b.meeting.attendees or split_people(line, b.meeting)
            listing = False
        elif _ATTENDEES.match(line):
            listing = True
        elif _META.match(line) or _TIME.match(line):
            continue
        else:
            date = parse_date(line)
            if date is not None and b.meeting.date is None:
                b.meeting.date, b.meeting.start_time = date, b.meeting.start_time or start_time(line)
            # "<title> (2025-01-15 10:02 GMT-08:00) - Transcript": the title is what is left
            title = _TITLE_TAIL.sub("", _DATED.sub(" ", line)).strip()
            if title:
                meeting_line(title, b.meeting)
