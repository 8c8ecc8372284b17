"""Slack: an export's JSON (one day file, or a folder of them with users.json), or copied text
'[10:02] alice: text' / 'alice  10:02 AM' then the message."""
from __future__ import annotations

import datetime as dt
import json
import re

from ..schema import Transcript
from .base import Builder, share

NAME = "slack"
DESCRIPTION = "Slack export JSON (file or folder) or copied text: '[10:02] alice: text'"
SAMPLE = "[10:02] alice: I'll send the release notes by Friday"

INLINE = re.compile(r"^\s*\[(?P<time>\d{1,2}:\d{2}(?::\d{2})?\s?(?:[AaPp][Mm])?)\]\s*(?P<name>[^:\]]{1,40}?)\s*:\s*(?P<text>.*)$")
HEADER = re.compile(r"^\s*(?P<name>[^\s\[\]\d][^\[\]]{0,40}?)\s+\[?(?P<time>\d{1,2}:\d{2}\s?[AaPp][Mm])\]?\s*$")
_MENTION = re.compile(r"<@(?P<id>[A-Z0-9]+)(?:\|(?P<name>[^>]+))?>")
_LINK = re.compile(r"<(?P<url>[^|>]+)(?:\|(?P<label>[^>]+))?>")


def sniff(lines: list[str]) -> float:
    head = "\n".join(lines[:5]).lstrip()
    if head.startswith(("[", "{")) and '"ts"' in "\n".join(lines[:400]) and '"text"' in "\n".join(lines[:400]):
        return 0.97
    s = max(share(lines, INLINE), share(lines, HEADER))
    return 0.88 if s >= 0.15 else s * 4


def parse(lines: list[str], users: dict[str, str] | None = None) -> Transcript:
    text = "\n".join(lines).lstrip()
    if text.startswith(("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = None
        if data is not None:
            return parse_json(data, lines, users or {})
    return _parse_text(lines)


def _name(msg: dict, users: dict[str, str]) -> str | None:
    profile = msg.get("user_profile") or {}
    return (profile.get("real_name") or profile.get("display_name") or msg.get("user_name")
            or users.get(msg.get("user", "")) or msg.get("username") or msg.get("user"))


def parse_json(data, lines: list[str], users: dict[str, str], line_offset: int = 0,
               builder: Builder | None = None) -> Transcript:
    b = builder or Builder(NAME)
    messages = data.get("messages", []) if isinstance(data, dict) else data
    if not isinstance(messages, list):
        b.warn(1, "the JSON has no list of messages; nothing to read")
        return b.transcript()
    ts_lines = {}
    for n, line in enumerate(lines, start=1):
        m = re.search(r'"ts"\s*:\s*"([\d.]+)"', line)
        if m:
            ts_lines.setdefault(m.group(1), n)
    for k, msg in enumerate(messages):
        if not isinstance(msg, dict) or not isinstance(msg.get("text"), str) or not msg["text"].strip():
            continue
        if msg.get("subtype") in ("channel_join", "channel_leave", "bot_message"):
            continue
        body = _MENTION.sub(lambda m: "@" + (m.group("name") or users.get(m.group("id"), m.group("id"))), msg["text"])
        body = _LINK.sub(lambda m: m.group("label") or m.group("url"), body)
        line = _text_line(lines, ts_lines.get(str(msg.get("ts", ""))))
        when = None
        try:
            when = dt.datetime.fromtimestamp(float(msg.get("ts")), tz=dt.timezone.utc).replace(tzinfo=None)
        except (TypeError, ValueError, OverflowError, OSError):
            pass
        if when is not None and b.meeting.date is None:
            b.meeting.date = when.date()
        b.utterance(line_offset + (line or k + 1), body, speaker=_name(msg, users), timestamp=when)
    return b.transcript()


def _text_line(lines: list[str], ts_line: int | None) -> int | None:
    """The line of a message's "text" value: the nearest "text" key to its "ts" line."""
    if ts_line is None:
        return None
    for dist in range(0, 30):
        for n in (ts_line - dist, ts_line + dist):
            if 1 <= n <= len(lines) and re.match(r'\s*"text"\s*:', lines[n - 1]):
                return n
    return ts_line


def _parse_text(lines: list[str]) -> Transcript:
    b = Builder(NAME)
    for n, line in enumerate(lines, start=1):
        m = INLINE.match(line)
        if m:
            b.utterance(n, m.group("text"), speaker=m.group("name"))
            continue
        m = HEADER.match(line)
        if m:
            b.start(n, m.group("name"))
        elif line.strip():
            b.add(n, line)
        else:
            b.flush()
    return b.transcript()
