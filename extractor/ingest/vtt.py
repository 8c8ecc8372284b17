"""WebVTT subtitles (Teams/Zoom recordings): '<v Name>text</v>' voice tags or 'Name: text' cues."""
from __future__ import annotations

import re

from ..schema import Transcript
from .base import Builder, seconds
from .colon import speaker_of

NAME = "vtt"
DESCRIPTION = "WebVTT (Teams, Zoom): cues with '<v Name>text</v>' voice tags or 'Name: text'"
SAMPLE = "WEBVTT\n00:00:52.800 --> 00:00:58.900\n<v 钱刚>宋佳你周五前把预约规则通知到所有供应商。</v>"

TIMING = re.compile(
    r"^\s*(?P<a>(?:\d{1,2}:)?\d{2}:\d{2}\.\d{1,3})\s*-->\s*(?P<b>(?:\d{1,2}:)?\d{2}:\d{2}\.\d{1,3})"
)
VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+(?P<name>[^>]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d{2}:[\d:.]+>")


def sniff(lines: list[str]) -> float:
    head = [ln for ln in lines[:3] if ln.strip()]
    if head and head[0].lstrip("\ufeff").strip().upper().startswith("WEBVTT"):
        return 0.99
    return 0.5 if any(TIMING.match(ln) for ln in lines[:50]) and any(VOICE.search(ln) for ln in lines[:200]) else 0.0


def parse(lines: list[str]) -> Transcript:
    b = Builder(NAME)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip().upper().startswith(("NOTE", "STYLE", "REGION", "WEBVTT")):
            while i < len(lines) and lines[i].strip():
                i += 1
            continue
        m = TIMING.match(line)
        if not m:
            i += 1  # cue identifiers and blank lines
            continue
        start, end = seconds(m.group("a")), seconds(m.group("b"))
        j = i + 1
        while j < len(lines) and lines[j].strip() and not TIMING.match(lines[j]):
            raw = lines[j]
            voice = VOICE.search(raw)
            text = _TAG.sub("", raw).strip()
            speaker = voice.group("name").strip() if voice else None
            if speaker is None:
                sp = speaker_of(text)
                if sp:
                    speaker, text = sp.group("name").strip(), sp.group("text")
            if text:
                if speaker is None and b.utterances and b.utterances[-1].start == start:
                    b.continue_last(j + 1, text)
                else:
                    b.utterance(j + 1, text, speaker=speaker, start=start, end=end)
            j += 1
        i = j
    return b.transcript()
