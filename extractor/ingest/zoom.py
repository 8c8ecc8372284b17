"""Zoom transcript text: '[Name] HH:MM:SS' then text, or 'HH:MM:SS Name: text' lines."""
from __future__ import annotations

import re

from ..schema import Transcript
from .base import Builder, seconds, share

NAME = "zoom"
DESCRIPTION = "Zoom transcript: '[Name] 00:01:02' line then text, or '00:01:02 Name: text'"
SAMPLE = "[Priya Shah] 00:01:02\nTom, can you get me the API spec by next Wednesday?"

HEADER = re.compile(r"^\s*\[(?P<name>[^\]]{1,60})\]\s+(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s*$")
INLINE = re.compile(r"^\s*(?P<time>\d{1,2}:\d{2}:\d{2})\s+(?P<name>[^:：\d][^:：]{0,40}?)\s*[:：]\s*(?P<text>\S.*)$")


def sniff(lines: list[str]) -> float:
    s = max(share(lines, HEADER), share(lines, INLINE))
    return 0.9 if s >= 0.15 else s * 4


def parse(lines: list[str]) -> Transcript:
    b = Builder(NAME)
    for n, line in enumerate(lines, start=1):
        m = HEADER.match(line)
        if m:
            b.start(n, m.group("name"), start=seconds(m.group("time")))
            continue
        m = INLINE.match(line)
        if m:
            b.utterance(n, m.group("text"), speaker=m.group("name"), start=seconds(m.group("time")))
        elif line.strip():
            b.add(n, line)
        else:
            b.flush()
    return b.transcript()
