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
    "recorder": r"记录人|记录|纪要整理|minutes by|recorder|note ?taker|scribe|notes(?: by| taken by)?|minutes taken by",
    "attendees": r"参会人员|参会人|与会人员|出席人员|出席|参加人员|attendees|participants|present",
    "absentees": r"缺席人员|缺席|请假|absent|apologies",
}
_LINE = re.compile(
    r"^\s*(?P<key>" + "|".join(f"(?:{v})" for v in _KEYS.values()) + r")\s*[：:]\s*(?P<value>.*?)\s*$", re.I
)
_KEY_PREFIX = re.compile(r"^\s*(?P<key>[^：:\s][^：:]{0,11}?)\s*[：:]")
_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:\s*[年\-/._]\s*(?P<m>\d{1,2})\s*[月\-/._]\s*(?P<d>\d{1,2})"
                   r"|(?P<m2>[01]\d)(?P<d2>[0-3]\d))(?!\d)")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_EN_DATE = re.compile(
    r"\b(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>(?:19|20)\d{2})"
    r"|(?P<mon2>[A-Za-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d{2}))\b"
)
_TIME = re.compile(r"(?<!\d)(?P<h>\d{1,2}):(?P<mi>\d{2})(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?")
_AFTERNOON = re.compile(r"下午|晚上|傍晚|中午")
_SPLIT = re.compile(r"[、，,;；/]|\s{2,}|\s+and\s+|\s*&\s*|\s+(?=[\u4e00-\u9fff])(?<=[\u4e00-\u9fff）)]\s)")
_REMARK = re.compile(r"\s*[（(][^）)]*[,，;；][^）)]*[）)]")  # "(rough call notes, lightly cleaned up)"
_ORG = re.compile(r"^(?P<name>[^（(]+?)\s*[（(](?P<org>[^）)]+)[）)]\s*$")
# A value that reads as speech, not as a header value ("主持人：好，我们开始吧" is the host speaking).
_SPEECH = re.compile(r"[。！？!?…]|^(?:好|嗯|呃|那|对|行|哦|OK|ok|Okay|okay|我|你|大家|各位|今天|下面|首先|欢迎|谢谢)")
_WHEN_VALUE = re.compile(r"\d|[年月日号周星期今明昨]|\b(?:" + "|".join(_MONTHS) + r")", re.I)


def header_key(line: str) -> tuple[str, str] | None:
    """(field, value) when the line is a header line such as '参会人：张伟、李娜' (Traditional keys too).

    A line whose value reads as speech is not a header ('主持人：好，我们开始吧' is an utterance).
    """
    m = _LINE.match(line)
    if m:
        field, value = _field(m.group("key")), m.group("value")
    else:
        p = _KEY_PREFIX.match(line)
        if p is None:
            return None
        key = p.group("key")
        simple = to_simplified(key)
        if simple == key:
            return None
        m = _LINE.match(simple + line[p.end("key") :])
        if not m:
            return None
        field, value = _field(m.group("key")), m.group("value")  # the value as the user wrote it
    return (field, value) if _plausible(field, value) else None


def _plausible(field: str, value: str) -> bool:
    if field == "title":
        return len(value) <= 80
    if field == "when":
        return not value or (len(value) <= 60 and _WHEN_VALUE.search(value) is not None)
    if field == "place":
        return len(value) <= 60 and not _SPEECH.search(value)
    # people: host, recorder, attendees, absentees
    value = value.rstrip("。. ")
    if _SPEECH.search(value):
        return False
    parts = [p for p in _SPLIT.split(value) if p and p.strip()]
    longest = max((len(p.strip()) for p in parts), default=0)
    if field in ("host", "recorder"):
        return len(parts) <= 3 and longest <= 30
    return longest <= 40


def _field(key: str) -> str:
    for field, pattern in _KEYS.items():
        if re.fullmatch(pattern, key, re.I):
            return field
    raise AssertionError(key)  # _LINE only matches known keys


def parse_date(value: str) -> dt.date | None:
    """The first date written in `value`: '2024-03-12', '2024年3月12日', '20240312', 'March 12, 2024'."""
    m = _DATE.search(value)
    if not m:
        return _english_date(value)
    month, day = m.group("m") or m.group("m2"), m.group("d") or m.group("d2")
    try:
        return dt.date(int(m.group("y")), int(month), int(day))
    except ValueError:
        return None


def _english_date(value: str) -> dt.date | None:
    m = _EN_DATE.search(value)
    if not m:
        return None
    month = _MONTHS.get((m.group("mon1") or m.group("mon2"))[:3].lower())
    if month is None:
        return None
    try:
        return dt.date(int(m.group("y1") or m.group("y2")), month, int(m.group("d1") or m.group("d2")))
    except ValueError:
        return None


def start_time(value: str) -> str | None:
    """'14:02', '下午2:30' or '2:30 PM' as 'HH:MM' (24-hour)."""
    t = _TIME.search(value)
    if not t:
        return None
    h, mi = int(t.group("h")), int(t.group("mi"))
    ampm = (t.group("ampm") or "").lower()[:1]
    if h < 12 and (ampm == "p" or (not ampm and _AFTERNOON.search(value[: t.start()]))):
        h += 12
    elif h == 12 and ampm == "a":
        h = 0
    return f"{h:02d}:{mi:02d}" if h < 24 and mi < 60 else None


def split_people(value: str, info: MeetingInfo) -> list[str]:
    """The names in a header value ('Helen Park (chair), Greg Sullivan', '张伟（产品部）、李娜'), each
    one's role or department in parentheses kept in `info.departments`. A remark in parentheses
    ('Linda (rough notes, lightly cleaned up)') is no department."""
    people = []
    for part in _SPLIT.split(_REMARK.sub("", value)):
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
        info.start_time = info.start_time or start_time(value)
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


_DATE_FIRST = re.compile(r"^\s*(?:\d|(?:" + "|".join(_MONTHS) + r"|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|星期|周[一二三四五六日天])",
                         re.I)


def meeting_line(line: str, info: MeetingInfo) -> bool:
    """An unlabelled line above a transcript: a date line ("2024年3月12日 下午 2:02|1小时 3分钟",
    "March 1, 2024, 10:00AM") or the title. False when it is neither (meeting text)."""
    date = parse_date(line) if len(line) <= 60 else None
    if date is not None and _DATE_FIRST.match(line):
        info.date = info.date or date
        info.start_time = info.start_time or start_time(line)
        return True
    if info.title is None and len(line) <= 120:
        info.title = line
        # "2024-03-12 周会", "Weekly sync-20240301_100000-Meeting Recording", "… - Regular Meeting - December 16, 2025"
        info.date = info.date or date or parse_date(line)
        return True
    return False


# The label lines meeting apps put above a transcript ("文字记录", "智能纪要 · 钉钉闪记", "会议时长：26分钟").
APP_LABELS = re.compile(r"^(?:文字记录|会议记录|智能纪要|会议时长|录音时长|转写|转录|关键词|transcript|录音转文字)[\s\S]{0,30}$", re.I)


def preamble_line(line: str, info: MeetingInfo, labels: re.Pattern[str] | None = None,
                  date_or_title: bool = True) -> bool:
    """A line of the block above a transcript, its meeting info filled into `info`: a header line
    ('会议时间：…'), a label line of the app (`labels`: '文字记录', a duration) or, where `date_or_title`,
    a date line or the title. False when the line is meeting text."""
    hit = header_key(line)
    if hit:
        apply_header(hit[0], hit[1], info)
        return True
    if labels is not None and labels.match(line):
        return True
    return date_or_title and meeting_line(line, info)
