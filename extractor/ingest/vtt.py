"""WebVTT subtitles (Teams/Zoom recordings): '<v Name>text</v>' voice tags or 'Name: text' cues.

Reads the WEBVTT header, NOTE/STYLE/REGION blocks, optional cue identifiers and cue settings. A cue line
whose timing cannot be read keeps its text (without times) and gets a warning.
"""
from __future__ import annotations

import html
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
_BLOCK = re.compile(r"^(?:NOTE|STYLE|REGION)(?:\s|$)")


def sniff(lines: list[str]) -> float:
    head = [ln for ln in lines[:3] if ln.strip()]
    if head and head[0].lstrip("\ufeff").strip().upper().startswith("WEBVTT"):
        return 0.99
    return 0.5 if any(TIMING.match(ln) for ln in lines[:50]) and any(VOICE.search(ln) for ln in lines[:200]) else 0.0


def parse(lines: list[str]) -> Transcript:
    b = Builder(NAME)
    i, total = 0, len(lines)
    first = True
    while i < total:
        stripped = lines[i].strip().lstrip("\ufeff")
        if not stripped:
            i += 1
            continue
        if (first and stripped.upper().startswith("WEBVTT")) or _BLOCK.match(stripped):
            while i < total and lines[i].strip():  # the header or a NOTE block runs to the next blank line
                i += 1
            first = False
            continue
        first = False
        m = TIMING.match(lines[i])
        if m:
            i = _cue(lines, i + 1, b, seconds(m.group("a")), seconds(m.group("b")))
        elif i + 1 < total and TIMING.match(lines[i + 1]):
            i += 1  # a cue identifier
        elif "-->" in stripped:
            b.warn(i + 1, f"line {i + 1}: the cue timing '{stripped[:40]}' cannot be read; its text is kept")
            i = _cue(lines, i + 1, b, None, None)
        else:
            b.warn(i + 1, f"line {i + 1} is outside any cue; kept as text")
            b.utterance(i + 1, _clean(stripped))
            i += 1
    return b.transcript()


def _clean(text: str) -> str:
    return html.unescape(_TAG.sub("", text)).strip()


def _cue(lines: list[str], j: int, b: Builder, start: float | None, end: float | None) -> int:
    """Read the text lines of one cue from index j; returns the index after the cue."""
    open_turn = False
    while j < len(lines) and lines[j].strip() and not TIMING.match(lines[j]):
        raw = lines[j]
        voice = VOICE.search(raw)
        text = _clean(raw)
        speaker = voice.group("name").strip() if voice else None
        if speaker is None:
            sp = speaker_of(text)
            if sp:
                speaker, text = sp.group("name").strip(), sp.group("text")
        if text:
            if speaker is None and open_turn:
                b.continue_last(j + 1, text)
            else:
                b.utterance(j + 1, text, speaker=speaker, start=start, end=end)
                open_turn = True
        j += 1
    if not open_turn and j > 0:
        b.warn(j, f"line {j}: a cue with no text; skipped")
    return j
