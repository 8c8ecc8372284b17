"""DingTalk / Feishu copy-paste: a "姓名 HH:MM" line (optionally with a day: 昨天, 2024-07-31), then the message.

"姓名 HH:MM:SS" (with seconds) is a meeting-app transcript, not a chat, and belongs to `transcript`.
"""
from __future__ import annotations

import re

from ..schema import Transcript
from .base import Builder, share, timestamp
from .header import APP_LABELS, preamble_line

NAME = "dingtalk"
DESCRIPTION = "DingTalk/Feishu copy: '姓名 HH:MM' (or '姓名 2024-07-31 10:02') line, then the message"
SAMPLE = "许文斌 09:19\n@马超 你把冷链车的温度记录调出来"

HEADER = re.compile(
    r"^\s*(?P<name>[^\s\d:：@\[<][^\t:：]{0,40}?)\s+"
    r"(?:(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/]\d{1,2}|\d{1,2}月\d{1,2}日|昨天|今天|前天"
    r"|星期[一二三四五六日天]|周[一二三四五六日天])\s+)?"
    r"(?P<time>[0-2]?\d[:：][0-5]\d)\s*$"
)
_ORG = re.compile(r"^(?P<name>.+?)\s*[(（](?P<org>[^)）]{1,20})[)）]$")


def sniff(lines: list[str]) -> float:
    s = share(lines, HEADER)
    return 0.85 if s >= 0.15 else s * 4


def parse(lines: list[str]) -> Transcript:
    b = Builder(NAME)
    seen_turn = False
    for n, line in enumerate(lines, start=1):
        m = HEADER.match(line)
        if m:
            seen_turn = True
            time = m.group("time").replace("：", ":")
            when = timestamp(m.group("date"), time)
            if when is not None and b.meeting.date is None:
                b.meeting.date = when.date()
            name, org = m.group("name").strip(), None
            paren = _ORG.match(name)
            if paren:
                name, org = paren.group("name"), paren.group("org")
            b.start(n, name, org=org, timestamp=when)
        elif not line.strip():  # a blank line inside a message; the next header ends it
            continue
        elif seen_turn:
            b.continue_last(n, line)
        elif preamble_line(line.strip(), b.meeting, APP_LABELS, date_or_title=not b.utterances):
            continue  # the title, 会议时间 and app labels above the first turn (DingTalk's 闪记 copy)
        else:
            b.add(n, line)
    return b.transcript()
