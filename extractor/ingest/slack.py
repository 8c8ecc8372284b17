"""Slack: an export's JSON (one day file, or a folder of them with users.json), or copied text
'[10:02] alice: text' / 'alice  10:02 AM' then the message (Discord's 'alice — Today at 10:02 AM' too)."""
from __future__ import annotations

import datetime as dt
import json
import re

from ..schema import DraftWarning, Transcript
from .base import Builder, share

NAME = "slack"
DESCRIPTION = "Slack export JSON (file or folder) or copied text: '[10:02] alice: text'"
SAMPLE = "[10:02] alice: I'll send the release notes by Friday"

INLINE = re.compile(r"^\s*\[(?P<time>\d{1,2}:\d{2}(?::\d{2})?\s?(?:[AaPp][Mm])?)\]\s*(?P<name>[^:\]]{1,40}?)\s*:\s*(?P<text>.*)$")
HEADER = re.compile(r"^\s*(?P<name>[^\s\[\]\d][^\[\]]{0,40}?)"
                    r"(?:\s+[—–-]\s+(?:Today|Yesterday|\d{1,2}/\d{1,2}/\d{2,4})(?:\s+at)?)?"  # Discord: "Mira — Today at"
                    r"\s+\[?(?P<time>\d{1,2}:\d{2}\s?[AaPp][Mm])\]?\s*$")
_MENTION = re.compile(r"<@(?P<id>[A-Z0-9]+)(?:\|(?P<name>[^>]+))?>")
_SPECIAL = re.compile(r"<!(here|channel|everyone)(?:\|[^>]*)?>")
_TEXT_KEY = re.compile(r'"text"\s*:\s*"')
_SYSTEM = ("channel_join", "channel_leave")  # "<@U1> has joined the channel": nothing said
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
        except json.JSONDecodeError as err:
            result = _parse_text(lines)
            if '"text"' in text:  # meant to be an export, but cut short or edited by hand
                line = err.lineno + (len(lines) - len(text.split("\n")))
                result.warnings.insert(0, DraftWarning(code="unreadable_line", line=line,
                                                       message=f"line {line}: the Slack JSON is not valid "
                                                               f"({err.msg}); read as plain lines instead"))
            return result
        return parse_json(data, lines, users or {})
    return _parse_text(lines)


def _name(msg: dict, users: dict[str, str]) -> str | None:
    profile = msg.get("user_profile") or {}
    return (profile.get("real_name") or profile.get("display_name") or msg.get("user_name")
            or users.get(msg.get("user", "")) or msg.get("username") or msg.get("user"))


def parse_json(data: object, lines: list[str], users: dict[str, str], line_offset: int = 0,
               builder: Builder | None = None) -> Transcript:
    """Messages of one Slack day file; each utterance's line is where its "text" value stands in the file."""
    b = builder or Builder(NAME)
    messages = data.get("messages", []) if isinstance(data, dict) else data
    if not isinstance(messages, list):
        b.warn(line_offset + 1, "the JSON has no list of messages; nothing to read")
        return b.transcript()
    where = _TextLines("\n".join(lines))
    last_line = 1
    for msg in messages:
        if not isinstance(msg, dict) or not isinstance(msg.get("text"), str) or not msg["text"].strip():
            continue
        if msg.get("subtype") in _SYSTEM:
            continue
        body = _MENTION.sub(lambda m: "@" + (m.group("name") or users.get(m.group("id"), m.group("id"))), msg["text"])
        body = _SPECIAL.sub(lambda m: "@" + m.group(1), body)
        body = _LINK.sub(lambda m: m.group("label") or m.group("url"), body)
        body = body.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        last_line = where.find(msg["text"]) or last_line
        when = None
        try:
            when = dt.datetime.fromtimestamp(float(msg.get("ts")), tz=dt.timezone.utc).replace(tzinfo=None)
        except (TypeError, ValueError, OverflowError, OSError):
            pass
        if when is not None and b.meeting.date is None:
            b.meeting.date = when.date()
        b.utterance(line_offset + last_line, body, speaker=_name(msg, users), timestamp=when)
    return b.transcript()


class _TextLines:
    """The line of every "text" string value in the raw JSON, found in file order."""

    def __init__(self, raw: str) -> None:
        decoder = json.JSONDecoder()
        self.entries: list[tuple[int, str]] = []
        line, last = 1, 0
        for m in _TEXT_KEY.finditer(raw):
            try:
                value, _ = decoder.raw_decode(raw, m.end() - 1)
            except ValueError:
                continue
            line += raw.count("\n", last, m.start())
            last = m.start()
            self.entries.append((line, value))
        self.cursor = 0

    def find(self, text: str, window: int = 500) -> int | None:
        """The line of the next "text" value equal to `text`, searching forward from the last one found."""
        for k in range(self.cursor, min(len(self.entries), self.cursor + window)):
            if self.entries[k][1] == text:
                self.cursor = k + 1
                return self.entries[k][0]
        return None


def _parse_text(lines: list[str]) -> Transcript:
    """Copied text: under one 'Name  10:02 AM' header Slack shows that person's messages one per line, so
    each line after the first is a message of its own (evidence points at the line that says it)."""
    b = Builder(NAME)
    seen_turn = False
    speaker, said = None, 0  # who the last header named, and how many of their lines followed it
    for n, line in enumerate(lines, start=1):
        m = INLINE.match(line)
        if m:
            seen_turn, speaker = True, None
            b.utterance(n, m.group("text"), speaker=m.group("name"))
            continue
        m = HEADER.match(line)
        if m:
            seen_turn, speaker, said = True, m.group("name"), 0
            b.start(n, m.group("name"))
        elif not line.strip():  # a blank line inside a message; the next header ends it
            continue
        elif seen_turn and speaker is not None and said > 0:
            b.utterance(n, line, speaker=speaker)  # the next message under the same header
        elif seen_turn:
            said += 1
            b.continue_last(n, line)
        else:
            b.add(n, line)
    return b.transcript()
