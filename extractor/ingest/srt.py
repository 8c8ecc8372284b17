"""SRT subtitles: index, 'HH:MM:SS,mmm --> HH:MM:SS,mmm', text (optionally '姓名：…')."""
from __future__ import annotations

import re

from ..schema import Transcript
from .base import Builder, seconds
from .colon import speaker_of

NAME = "srt"
DESCRIPTION = "SRT subtitles; a cue's text may start with '姓名：'"
SAMPLE = "9\n00:00:41,500 --> 00:00:47,900\n周琳：那曹雪，海报和易拉宝你来做吧？"

TIMING = re.compile(r"^\s*(?P<a>\d{1,2}:\d{2}:\d{2}[,.]\d{1,3})\s*-->\s*(?P<b>\d{1,2}:\d{2}:\d{2}[,.]\d{1,3})")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|\{\\[^}]*\}")


def sniff(lines: list[str]) -> float:
    head = [ln for ln in lines[:5] if ln.strip()]
    if head and head[0].strip().upper().startswith("WEBVTT"):
        return 0.0
    timings = [ln for ln in lines if TIMING.match(ln)]
    if not timings:
        return 0.0
    return 0.97 if any("," in t.split("-->")[0] for t in timings) else 0.6


def parse(lines: list[str]) -> Transcript:
    b = Builder(NAME)
    i = 0
    while i < len(lines):
        m = TIMING.match(lines[i])
        line = lines[i].strip()
        if m:
            start, end = seconds(m.group("a")), seconds(m.group("b"))
        elif "-->" in line:
            b.warn(i + 1, f"line {i + 1}: the cue timing '{line[:40]}' cannot be read; its text is kept")
            start = end = None
        else:
            if line and not line.lstrip("\ufeff").isdigit():
                b.warn(i + 1, f"line {i + 1} is outside any subtitle cue; kept as text")
                b.utterance(i + 1, _TAG.sub("", line))
            i += 1
            continue
        j = i + 1
        texts = []
        while j < len(lines) and lines[j].strip() and not _timing_like(lines[j]):
            texts.append((j + 1, _TAG.sub("", lines[j]).strip()))
            j += 1
        # a cue index on the line before the next timing belongs to that cue
        if texts and j < len(lines) and _timing_like(lines[j]) and texts[-1][1].isdigit():
            texts.pop()
        texts = [(n, t) for n, t in texts if t]
        if texts:
            first_line, first = texts[0]
            body = "\n".join(t for _, t in texts)
            sp = speaker_of(first)
            if sp:
                body = "\n".join([sp.group("text")] + [t for _, t in texts[1:]])
            b.utterance(first_line, body, speaker=sp.group("name").strip() if sp else None, start=start, end=end,
                        end_line=texts[-1][0] if len(texts) > 1 else None)
        else:
            b.warn(i + 1, f"line {i + 1}: a subtitle cue with no text; skipped")
        i = j
    return b.transcript()


def _timing_like(line: str) -> bool:
    return TIMING.match(line) is not None or "-->" in line
