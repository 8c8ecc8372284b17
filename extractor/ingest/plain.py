"""Unlabelled plain text or speech-recognition output: every non-empty line is an utterance."""
from __future__ import annotations

from ..schema import Transcript
from .base import Builder
from .header import apply_header, header_key

NAME = "plain"
DESCRIPTION = "unlabelled text or ASR output: each non-empty line is an utterance, no speakers"
SAMPLE = "好那我们开始吧今天主要是复盘一下二十四号晚上的故障"


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
        b.utterance(n, line)
    return b.transcript()
