"""Meeting-app transcript export (Tencent Meeting, Feishu Minutes, AMI, Rev): a "姓名(部门) HH:MM:SS" line (or
"Name (HH:MM:SS):"), then text.

The times are offsets from the start of the recording. An optional header block comes first: a title line,
"会议时间：2024-03-12 14:02" (or a bare date line), "文字记录".
"""
from __future__ import annotations

import re

from ..schema import Transcript
from .base import Builder, seconds, share
from .header import APP_LABELS, preamble_line

NAME = "transcript"
DESCRIPTION = "meeting-app transcript: '姓名(部门) HH:MM:SS' or 'Name (HH:MM:SS):' line, then the text (Tencent Meeting, Feishu, AMI, Rev)"
SAMPLE = "张伟(产品部) 00:01:10\n好。那王强，研发排期表你3月20号之前给我一版。"

_NAME = r"(?P<name>(?!.*\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[^\s:：()（）\d@\[<][^:：()（）\t]{0,40}?)"
_ORG = r"(?:[(（](?P<org>[^)）]{1,20})[)）])?"
# "张伟(产品部) 00:01:10", or Rev's "Linda Okafor (00:00:04):" (the time in parentheses, a colon after)
HEADER = re.compile(r"^\s*" + _NAME + r"\s*" + _ORG + r"(?:\s+(?P<time>\d{1,2}:[0-5]\d:[0-5]\d)"
                    r"|\s*[(（](?P<ptime>\d{1,2}:[0-5]\d:[0-5]\d)[)）]\s*[:：]?)\s*$")
# A speaker line whose time is garbled ("张伟(产品部) 00:0l:10"): kept as a turn without a time, with a warning.
NEAR = re.compile(r"^\s*" + _NAME + r"\s*" + _ORG + r"\s+(?P<time>(?=\S*\d\S*\d)[\dOoIl]{1,2}[:：][\dOoIl]{1,3}[:：.][\dOoIl]{1,3})\s*$")


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
            b.start(n, m.group("name"), m.group("org"), start=seconds(m.group("time") or m.group("ptime")))
            continue
        stripped = line.strip()
        if not stripped:  # a blank line inside a turn is a paragraph break; the next header ends the turn
            continue
        if not seen_turn and preamble_line(stripped, b.meeting, APP_LABELS, date_or_title=not b.utterances):
            continue
        near = NEAR.match(line) if len(stripped) <= 60 else None
        if near:
            seen_turn = True
            b.warn(n, f"line {n}: the time '{near.group('time')}' cannot be read; the turn is kept without a time")
            b.start(n, near.group("name"), near.group("org"))
            continue
        b.add(n, line)
    return b.transcript()
