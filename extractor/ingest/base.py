"""Shared pieces of the format parsers: a turn builder that keeps line numbers and never drops text."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..schema import DraftWarning, MeetingInfo, Transcript, Utterance

CLOCK = re.compile(r"^(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{2})(?:[.,](?P<ms>\d{1,3}))?$")


def seconds(clock: str) -> float | None:
    """'01:02:03', '02:03', '00:00:01,200' or '00:01.500' as seconds."""
    m = CLOCK.match(clock.strip())
    if not m:
        return None
    h = int(m.group("h") or 0)
    ms = m.group("ms") or "0"
    return h * 3600 + int(m.group("m")) * 60 + int(m.group("s")) + int(ms.ljust(3, "0")) / 1000


_DAY = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


def timestamp(date: str | None, time: str) -> dt.datetime | None:
    """'2024-05-29' + '09:41:07' (or '2024/5/29' + '09:41') as a datetime; None when either is not real."""
    m = _DAY.match((date or "").strip())
    if not m:
        return None
    try:
        parts = [int(x) for x in time.strip().split(":")]
        return dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)), parts[0], parts[1],
                           parts[2] if len(parts) > 2 else 0)
    except (ValueError, IndexError):
        return None


# Apps that label each turn "发言人 孟晓岚 15:30" (DingTalk's 闪记): the label is not part of the name. A numbered
# voice ("发言人 2") keeps it, as speakers.py names those.
_LABEL = re.compile(r"^(?:发言人|说话人|讲话人)\s+(?=[^\s\d０-９])")


def speaker_name(speaker: str | None) -> str | None:
    """A speaker as the header gives it, trimmed, without an app's turn label; None when empty."""
    return _LABEL.sub("", (speaker or "").strip()) or None


@dataclass
class Builder:
    """Collects utterances: `start()` a turn at a header, `add()` its text lines."""

    fmt: str
    utterances: list[Utterance] = field(default_factory=list)
    warnings: list[DraftWarning] = field(default_factory=list)
    meeting: MeetingInfo = field(default_factory=MeetingInfo)
    _pending: dict | None = None
    _header_line: int | None = None

    def start(self, header_line: int, speaker: str | None = None, org: str | None = None,
              start: float | None = None, end: float | None = None, timestamp: dt.datetime | None = None) -> None:
        self.flush()
        self._pending = {"speaker": speaker_name(speaker), "org": org, "start": start, "end": end,
                         "timestamp": timestamp, "lines": []}
        self._header_line = header_line

    def add(self, line_no: int, text: str) -> None:
        """A text line: belongs to the open turn, or stands alone (unlabelled) when none is open."""
        if self._pending is None:
            self.utterance(line_no, text)
            return
        self._pending["lines"].append((line_no, text))

    def utterance(self, line_no: int, text: str, speaker: str | None = None, org: str | None = None,
                  start: float | None = None, end: float | None = None,
                  timestamp: dt.datetime | None = None, end_line: int | None = None) -> None:
        self.flush()
        text = text.strip()
        if not text:
            return
        speaker = speaker_name(speaker)
        if org and speaker:
            self.meeting.departments.setdefault(speaker, org)
        self.utterances.append(Utterance(index=len(self.utterances), line=line_no, end_line=end_line,
                                         speaker=speaker, speaker_org=org, text=text,
                                         start=start, end=end, timestamp=timestamp))

    def warn(self, line_no: int, message: str, code: str = "unreadable_line") -> None:
        self.warnings.append(DraftWarning(code=code, line=line_no, message=message))

    def continue_last(self, line_no: int, text: str) -> None:
        """A line that continues the previous utterance (wrapped text)."""
        if self._pending is not None:
            self._pending["lines"].append((line_no, text))
        elif self.utterances:
            last = self.utterances[-1]
            last.text = f"{last.text}\n{text.strip()}"
            last.end_line = line_no
        else:
            self.utterance(line_no, text)

    def flush(self) -> None:
        p, self._pending = self._pending, None
        if p is None:
            return
        lines = [(n, t) for n, t in p["lines"] if t.strip()]
        if not lines:
            self.warnings.append(DraftWarning(code="unreadable_line", line=self._header_line,
                                              message=f"line {self._header_line} starts a message but no text "
                                                      "follows it; skipped"))
            return
        text = "\n".join(t.strip() for _, t in lines)
        self.utterance(lines[0][0], text, p["speaker"], p["org"], p["start"], p["end"], p["timestamp"],
                       end_line=lines[-1][0] if len(lines) > 1 else None)

    def transcript(self) -> Transcript:
        self.flush()
        # Offsets without an end run until the next utterance starts.
        for a, b in zip(self.utterances, self.utterances[1:]):
            if a.start is not None and a.end is None and b.start is not None and b.start >= a.start:
                a.end = b.start
        return Transcript(format=self.fmt, utterances=self.utterances, meeting=self.meeting,
                          warnings=self.warnings)


def share(lines: list[str], pattern: re.Pattern[str]) -> float:
    """Share of the non-blank lines that match `pattern`."""
    content = [ln for ln in lines if ln.strip()]
    if not content:
        return 0.0
    return sum(1 for ln in content if pattern.match(ln)) / len(content)
