"""WeChat PC chat export: a "YYYY-MM-DD HH:MM:SS 姓名" line (or "姓名 YYYY-MM-DD HH:MM:SS"), then the message."""
from __future__ import annotations

import re

from ..schema import Transcript
from .base import Builder, share, timestamp

NAME = "wechat"
DESCRIPTION = "WeChat PC export: 'YYYY-MM-DD HH:MM:SS 姓名' line, then the message"
SAMPLE = "2024-05-29 09:50:03 赵敏\n@Amy 主会场banner的设计稿明天下班前给我一版"

_DATE = r"(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2})"
_TIME = r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
HEADER = re.compile(r"^\s*" + _DATE + r"\s+" + _TIME + r"\s+(?P<name>\S.{0,40}?)\s*$")
# Merged-forward records and some export tools put the name first: "赵敏 2024-05-29 09:41:07".
NAME_FIRST = re.compile(r"^\s*(?P<name>[^\s\d].{0,40}?)\s+" + _DATE + r"\s+" + _TIME + r"\s*$")
# A header whose name or time is missing or garbled: "2024-05-29 09:4l:07 赵敏", "2024-05-29 09:41:07".
NEAR = re.compile(r"^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+[\dOoIl]{1,2}[:：][\dOoIl:：]{2,6}(?:\s+(?P<name>\S.{0,40}?))?\s*$")


def sniff(lines: list[str]) -> float:
    s = max(share(lines, HEADER), share(lines, NAME_FIRST))
    return 0.95 if s >= 0.15 else s * 5


def parse(lines: list[str]) -> Transcript:
    b = Builder(NAME)
    seen_turn = False
    for n, line in enumerate(lines, start=1):
        m = HEADER.match(line) or NAME_FIRST.match(line)
        if m:
            seen_turn = True
            when = timestamp(m.group("date"), m.group("time"))
            if when is None:
                b.warn(n, f"line {n}: '{m.group('date')} {m.group('time')}' is not a real time; "
                          "the message is kept without it")
            elif b.meeting.date is None:
                b.meeting.date = when.date()
                b.meeting.start_time = f"{when:%H:%M}"
            b.start(n, m.group("name"), timestamp=when)
            continue
        if not line.strip():  # a blank line inside a message; the next header ends it
            continue
        near = NEAR.match(line) if len(line) <= 80 else None
        if near:
            seen_turn = True
            b.warn(n, f"line {n} looks like a message header but its time or name cannot be read; "
                      "the message is kept without them")
            b.start(n, near.group("name"))
            continue
        if seen_turn:
            b.continue_last(n, line)
        else:
            b.add(n, line)
    return b.transcript()
