"""Unlabelled plain text or speech-recognition output: every non-empty line is an utterance. A line that
starts with a bracketed time ("[00:01:23] …", as `minutes transcribe` and many recorders write) keeps it as
the utterance's start, not as text."""
from __future__ import annotations

import re

from ..schema import Transcript
from .base import Builder
from .header import apply_header, header_key

NAME = "plain"
DESCRIPTION = "unlabelled text or ASR output: each non-empty line is an utterance, no speakers"
SAMPLE = "好那我们开始吧今天主要是复盘一下二十四号晚上的故障"
_TIME = re.compile(r"^\s*[\[【(（]\s*(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,]\d+)?\s*[\]】)）]\s*")


def sniff(lines: list[str]) -> float:
    return 0.1


def parse(lines: list[str]) -> Transcript:
    b = Builder(NAME)
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        hit = header_key(line) if n <= 15 and not b.utterances else None
        if hit:
            apply_header(hit[0], hit[1], b.meeting)
            continue
        m = _TIME.match(line)
        if m and line[m.end():].strip():
            hours, minutes, seconds = (int(g) if g else 0 for g in m.groups())
            b.utterance(n, line[m.end():], start=float(hours * 3600 + minutes * 60 + seconds))
        else:
            b.utterance(n, line)
    return b.transcript()
