"""Meeting-info header blocks at the top of a transcript: 会议主题/时间/地点/主持人/记录人/参会人/缺席."""
from __future__ import annotations

import datetime as dt
import re

from ..schema import MeetingInfo
from .chinese import to_simplified

_KEYS = {
    "title": r"会议主题|会议名称|会议标题|主题|名称|title|subject|meeting|minutes",
    "when": r"会议时间|时间|日期|date|time|when",
    "place": r"会议地点|地点|形式|会议形式|location|place|where|venue",
    "host": r"主持人|主持|host|chair|facilitator",
    "recorder": r"记录人|记录|纪要整理|minutes by|recorder|note ?taker|scribe",
    "attendees": r"参会人员|参会人|与会人员|出席人员|出席|参加人员|attendees|participants|present",
    "absentees": r"缺席人员|缺席|请假|absent|apologies",
}
_LINE = re.compile(
    r"^\s*(?P<key>" + "|".join(f"(?:{v})" for v in _KEYS.values()) + r")\s*[：:]\s*(?P<value>.*?)\s*$", re.I
)
_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:\s*[年\-/._]\s*(?P<m>\d{1,2})\s*[月\-/._]\s*(?P<d>\d{1,2})"
                   r"|(?P<m2>[01]\d)(?P<d2>[0-3]\d))(?!\d)")
_TIME = re.compile(r"(?<!\d)(?P<h>\d{1,2}):(?P<mi>\d{2})")
_SPLIT = re.compile(r"[、，,;；/]|\s{2,}|\s+(?=[\u4e00-\u9fff])(?<=[\u4e00-\u9fff）)]\s)")
_ORG = re.compile(r"^(?P<name>[^（(]+?)\s*[（(](?P<org>[^）)]+)[）)]\s*$")


def header_key(line: str) -> tuple[str, str] | None:
    """(field, value) when the line is a header line such as '参会人：张伟、李娜'."""
    m = _LINE.match(line)
    if not m:
        simple = to_simplified(line)
        m = _LINE.match(simple) if simple != line else None
        if not m:
            return None
        if len(simple) == len(line):  # show the value as the user wrote it
            return _field(m.group("key")), line[m.start("value") : m.end("value")]
        return _field(m.group("key")), m.group("value")
    return _field(m.group("key")), m.group("value")


def _field(key: str) -> str:
    for field, pattern in _KEYS.items():
        if re.fullmatch(pattern, key, re.I):
            return field
    raise AssertionError(key)  # _LINE only matches known keys


def parse_date(value: str) -> dt.date | None:
    m = _DATE.search(value)
    if not m:
        return None
    month, day = m.group("m") or m.group("m2"), m.group("d") or m.group("d2")
    try:
        return dt.date(int(m.group("y")), int(month), int(day))
    except ValueError:
        return None


def split_people(value: str, info: MeetingInfo) -> list[str]:
    people = []
    for part in _SPLIT.split(value):
        part = part.strip(" 　。.等")
        if not part:
            continue
        m = _ORG.match(part)
        if m:
            name = m.group("name").strip()
            info.departments[name] = m.group("org").strip()
            part = name
        people.append(part)
    return people


def apply_header(field: str, value: str, info: MeetingInfo) -> None:
    """Fill one header field into MeetingInfo (values the input states win over nothing)."""
    if field == "title":
        info.title = info.title or value or None
    elif field == "when":
        info.date = info.date or parse_date(value)
        t = _TIME.search(value)
        if t and not info.start_time:
            info.start_time = f"{int(t.group('h')):02d}:{t.group('mi')}"
    elif field == "place":
        info.place = info.place or value or None
    elif field == "host":
        info.host = info.host or (split_people(value, info) or [None])[0]
    elif field == "recorder":
        info.recorder = info.recorder or (split_people(value, info) or [None])[0]
    elif field == "attendees":
        info.attendees = info.attendees or split_people(value, info)
    elif field == "absentees":
        info.absentees = info.absentees or split_people(value, info)


def read_header(lines: list[str], limit: int = 15) -> tuple[MeetingInfo, set[int]]:
    """Header lines among the first `limit` lines: (info, indices of the lines used)."""
    info = MeetingInfo()
    used: set[int] = set()
    for i, line in enumerate(lines[:limit]):
        hit = header_key(line)
        if hit:
            apply_header(hit[0], hit[1], info)
            used.add(i)
    return info, used
