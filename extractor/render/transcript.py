"""A transcript as text: txt ('[mm:ss] speaker: text', one line per utterance), srt, vtt, or JSON."""
from __future__ import annotations

import json

from ..schema import Transcript


def _stamp(seconds: float | None, sep: str) -> str:
    s = max(0.0, seconds or 0.0)
    ms = int(round((s - int(s)) * 1000))
    whole = int(s)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}{sep}{ms:03d}"


def _clock(seconds: float | None) -> str:
    s = int(seconds or 0)
    return f"{s // 60:02d}:{s % 60:02d}" if s < 3600 else f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def render_transcript(t: Transcript, fmt: str = "txt") -> str:
    """Line n of the txt form is utterance n, so evidence line numbers point into it."""
    if fmt == "json":
        return json.dumps(t.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    out: list[str] = []
    if fmt == "vtt":
        out.append("WEBVTT\n")
    for n, u in enumerate(t.utterances, start=1):
        text = u.text.replace("\n", " ")
        if fmt == "txt":
            who = f"{u.speaker}: " if u.speaker else ""
            out.append(f"[{_clock(u.start)}] {who}{text}" if u.start is not None else f"{who}{text}")
        elif fmt == "srt":
            who = f"{u.speaker}：" if u.speaker else ""
            out.append(f"{n}\n{_stamp(u.start, ',')} --> {_stamp(u.end, ',')}\n{who}{text}\n")
        elif fmt == "vtt":
            voice = f"<v {u.speaker}>" if u.speaker else ""
            out.append(f"{_stamp(u.start, '.')} --> {_stamp(u.end, '.')}\n{voice}{text}\n")
        else:
            raise ValueError(f"unknown transcript format {fmt!r}")
    return "\n".join(out) + "\n"
