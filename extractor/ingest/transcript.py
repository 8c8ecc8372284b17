"""Meeting-app transcript export (Tencent Meeting, Feishu Minutes, AMI): a "姓名(部门) HH:MM:SS" line, then text."""
from __future__ import annotations

import re

from ..schema import Transcript
from .base import Builder, seconds, share
from .header import apply_header, header_key

NAME = "transcript"
DESCRIPTION = "meeting-app transcript: '姓名(部门) HH:MM:SS' line, then the text (Tencent Meeting, Feishu, AMI)"
SAMPLE = "张伟(产品部) 00:01:10\n好。那王强，研发排期表你3月20号之前给我一版。"

HEADER = re.compile(
    r"^\s*(?P<name>[^\s:：()（）\d@\[<][^:：()（）\t]{0,40}?)\s*(?:[(（](?P<org>[^)）]{1,20})[)）])?\s+"
    r"(?P<time>\d{1,2}:\d{2}:\d{2})\s*$"
)
_META = re.compile(r"^(?:文字记录|会议记录|智能纪要|转写|transcript|录音转文字).{0,10}$", re.I)


def sniff(lines: list[str]) -> float:
    s = share(lines, HEADER)
    return 0.9 if s >= 0.15 else s * 4


def parse(lines: list[str]) -> Transcript:
    b = Builder(NAME)
    seen_turn = False
    for n, line in enumerate(lines, start=1):
        m = HEADER.match(line)
        if m:
            seen_turn = True
            b.start(n, m.group("name"), m.group("org"), start=seconds(m.group("time")))
            continue
        if not seen_turn:
            hit = header_key(line)
            if hit:
                apply_header(hit[0], hit[1], b.meeting)
            elif line.strip() and not _META.match(line.strip()) and b.meeting.title is None:
                b.meeting.title = line.strip()
            continue
        if line.strip():
            b.add(n, line)
        else:
            b.flush()
    return b.transcript()
