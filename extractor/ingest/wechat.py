"""WeChat PC chat export: a "YYYY-MM-DD HH:MM:SS 姓名" line, then the message."""
from __future__ import annotations

import re

from ..schema import Transcript
from .base import Builder, share, timestamp

NAME = "wechat"
DESCRIPTION = "WeChat PC export: 'YYYY-MM-DD HH:MM:SS 姓名' line, then the message"
SAMPLE = "2024-05-29 09:50:03 赵敏\n@Amy 主会场banner的设计稿明天下班前给我一版"

HEADER = re.compile(r"^\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})\s+(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s+(?P<name>\S.{0,40}?)\s*$")


def sniff(lines: list[str]) -> float:
    s = share(lines, HEADER)
    return 0.95 if s >= 0.15 else s * 5


def parse(lines: list[str]) -> Transcript:
    b = Builder(NAME)
    for n, line in enumerate(lines, start=1):
        m = HEADER.match(line)
        if m:
            when = timestamp(m.group("date"), m.group("time"))
            if when is None:
                b.warn(n, f"line {n}: the timestamp is not a real date; kept as text")
                b.add(n, line)
                continue
            if b.meeting.date is None:
                b.meeting.date = when.date()
                b.meeting.start_time = f"{when:%H:%M}"
            b.start(n, m.group("name"), timestamp=when)
        elif line.strip():
            b.add(n, line)
        else:
            b.flush()
    return b.transcript()
