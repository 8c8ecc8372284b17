"""Zoom and Microsoft Teams transcript text.

Shapes read (times are offsets from the start of the recording, except in Zoom chat):
    [Priya Shah] 00:01:02          Zoom transcript: name line, then the text
    00:01:02 Priya Shah: text      one line per turn
    Priya Shah   1:02              Teams transcript (.docx saved as text): name and M:SS or H:MM:SS, then text
    0:01:02 Priya Shah             time first, then the text (Teams, Otter)
    0:0:1.5 --> 0:0:4.2            older Teams transcript: a cue line, the name line, then the text
    10:02:33 From Tom to Everyone: Zoom meeting chat (text after the colon or on the next lines)
"""
from __future__ import annotations

import re

from ..schema import Transcript
from .base import Builder, seconds, share
from .header import preamble_line

NAME = "zoom"
DESCRIPTION = "Zoom/Teams transcript: '[Name] 00:01:02' or 'Name   0:03' line then text, or '00:01:02 Name: text'"
SAMPLE = "[Priya Shah] 00:01:02\nTom, can you get me the API spec by next Wednesday?"

_T = r"(?:\d{1,2}:)?\d{1,2}:[0-5]\d"
_N = r"(?P<name>[^\s\d:：\[<@][^:：\t]{0,40}?)"
BRACKET = re.compile(r"^\s*\[(?P<name>[^\]]{1,60})\]\s+(?P<time>" + _T + r")\s*$")
INLINE = re.compile(r"^\s*(?P<time>\d{1,2}:\d{2}:\d{2})\s+(?P<name>[^:：\d][^:：]{0,40}?)\s*[:：]\s*(?P<text>\S.*)$")
CHAT = re.compile(r"^\s*(?P<time>\d{1,2}:\d{2}:\d{2})\s+From\s+(?P<name>.+?)(?:\s+to\s+(?P<to>[^:]+?))?\s*:\s*(?P<text>.*)$")
NAME_TIME = re.compile(r"^\s*" + _N + r"\s{1,}(?P<time>" + _T + r")\s*$")
TIME_NAME = re.compile(r"^\s*(?P<time>" + _T + r")\s+" + _N + r"\s*$")
CUE = re.compile(r"^\s*(?P<a>\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?)\s*-->\s*(?P<b>\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?)\s*$")
_DURATION = re.compile(r"^\s*(?:\d+h\s*)?\d+m(?:\s*\d+s)?\s*$")


def _offsets(lines: list[str], pattern: re.Pattern[str]) -> bool:
    """Whether the times of `pattern` lines count up from the start of a recording (not clock times)."""
    clocks = [m.group("time") for m in map(pattern.match, lines) if m]
    if not clocks or int(clocks[0].split(":")[0]) != 0:  # "0:03" / "00:03", where a chat says "09:12"
        return False
    times = [seconds(c) or 0.0 for c in clocks]
    return times == sorted(times)


def sniff(lines: list[str]) -> float:
    s = max(share(lines, BRACKET), share(lines, INLINE), share(lines, CHAT) * 2, share(lines, CUE) * 2)
    if s >= 0.15:
        return 0.9
    # "Name   0:03" also reads as a DingTalk "姓名 09:12" header: only offsets that start near 0 are Teams.
    for pattern in (NAME_TIME, TIME_NAME):
        t = share(lines, pattern)
        if t >= 0.15 and (_offsets(lines, pattern) or any(_DURATION.match(ln) for ln in lines[:10])):
            return 0.9
    return s * 4


def parse(lines: list[str]) -> Transcript:
    b = Builder(NAME)
    content = [ln for ln in lines if ln.strip()]
    loose = [p for p in (NAME_TIME, TIME_NAME) if share(content, p) >= 0.15]  # headers without brackets
    seen_turn = False
    cue_at: tuple[int, float | None, float | None] | None = None  # an older Teams cue waiting for its name
    for n, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if cue_at is not None:  # the line after a cue is the speaker's name
            b.start(cue_at[0], stripped if len(stripped) <= 60 else None, start=cue_at[1], end=cue_at[2])
            cue_at = None
            if len(stripped) > 60:
                b.add(n, line)
            continue
        m = CUE.match(line)
        if m:
            seen_turn = True
            cue_at = (n, seconds(_short(m.group("a"))), seconds(_short(m.group("b"))))
            continue
        m = BRACKET.match(line) or next((p.match(line) for p in loose if p.match(line)), None)
        if m:
            seen_turn = True
            b.start(n, m.group("name"), start=seconds(m.group("time")))
            continue
        m = CHAT.match(line)
        if m:
            seen_turn = True
            if m.group("text").strip():
                b.utterance(n, m.group("text"), speaker=m.group("name"))
            else:
                b.start(n, m.group("name"))
            continue
        m = INLINE.match(line)
        if m:
            seen_turn = True
            b.utterance(n, m.group("text"), speaker=m.group("name"), start=seconds(m.group("time")))
            continue
        if not seen_turn and preamble_line(stripped, b.meeting, _DURATION):  # Teams: title, date, duration
            continue
        if seen_turn:
            b.continue_last(n, line)
        else:
            b.add(n, line)
    return b.transcript()


def _short(clock: str) -> str:
    """'0:0:1.5' (Teams) as '0:00:01.5'."""
    h, m, s = clock.split(":")
    whole, _, frac = s.partition(".")
    return f"{h}:{int(m):02d}:{int(whole):02d}" + (f".{frac[:3]}" if frac else "")
