"""DingTalk / Feishu / Teams copy-paste: a "姓名 HH:MM" line (optionally with a date), then the message."""
from __future__ import annotations

import re

from ..schema import Transcript
from .base import Builder, share, timestamp

NAME = "dingtalk"
DESCRIPTION = "DingTalk/Feishu/Teams copy: '姓名 HH:MM' (or '姓名 2024-07-31 10:02') line, then the message"
SAMPLE = "许文斌 09:19\n@马超 你把冷链车的温度记录调出来"

HEADER = re.compile(
    r"^\s*(?P<name>[^\s\d:：@\[<][^\t:：]{0,40}?)\s+"
    r"(?:(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/]\d{1,2}|\d{1,2}月\d{1,2}日|昨天|今天|前天)\s+)?"
    r"(?P<time>\d{1,2}:\d{2})\s*$"
)


def sniff(lines: list[str]) -> float:
    s = share(lines, HEADER)
    return 0.85 if s >= 0.15 else s * 4


def parse(lines: list[str]) -> Transcript:
    b = Builder(NAME)
    for n, line in enumerate(lines, start=1):
        m = HEADER.match(line)
        if m:
            when = timestamp(m.group("date"), m.group("time"))
            if when is not None and b.meeting.date is None:
                b.meeting.date = when.date()
            b.start(n, m.group("name"), timestamp=when)
        elif line.strip():
            b.add(n, line)
        else:
            b.flush()
    return b.transcript()
