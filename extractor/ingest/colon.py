"""'姓名：内容' / 'Name: text' lines, with an optional header block (主题/时间/地点/主持人/记录人/参会人/缺席)."""
from __future__ import annotations

import re

from ..schema import Transcript
from .base import Builder
from .header import apply_header, header_key, meeting_line

NAME = "colon"
DESCRIPTION = "'姓名：内容', '【姓名】内容' or 'Name: text' lines, optional header block (会议主题/时间/地点/主持人/记录人/参会人/缺席)"
SAMPLE = "会议主题：Q2目标对齐会\n冯涛：那Q2销售目标就定4800万。"

LINE = re.compile(
    r"^\s*(?:\[?(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\]?\s+)?"
    r"(?P<name>[^\s：:，。,.!！?？\d\[<\"“'][^：:，。,!！?？\"“]{0,19}?)"
    r"(?:\s*[（(]\s*\d{1,2}:\d{2}(?::\d{2})?\s*[）)])?"  # "方晴(00:00:04)：": a time after the name
    r"\s*[：:]\s*(?P<text>\S.*)$"
)


# "【林子涵】人到得差不多了吧": the name in lenticular brackets (a common way to quote who said what)
BRACKETED = re.compile(r"^\s*(?:\[?(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\]?\s*)?【(?P<name>[^【】\s]{1,20})】\s*[：:]?\s*(?P<text>\S.*)$")


def speaker_of(line: str):
    """The (speaker, text) of a 'name: text' (or '【name】text') line, when the name looks like a name."""
    b = BRACKETED.match(line)
    if b and not re.search(r"[。！？!?，,]", b.group("name")):
        return b
    m = LINE.match(line)
    if not m or header_key(line):
        return None
    name = m.group("name").strip()
    if re.search(r"https?$|[。！？]", name) or len(name.split()) > 4:
        return None
    if re.search(r"[\u4e00-\u9fff]", name) and " " in name and not re.search(r"[（(]", name):
        return None
    return m


def sniff(lines: list[str]) -> float:
    content = [ln for ln in lines if ln.strip() and not header_key(ln)]
    if not content:
        return 0.0
    s = sum(1 for ln in content if speaker_of(ln)) / len(content)
    return 0.8 if s >= 0.5 else s


def parse(lines: list[str]) -> Transcript:
    b = Builder(NAME)
    started = False
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if not started or n <= 12:
            hit = header_key(line)
            if hit and not (started and hit[0] == "title"):
                apply_header(hit[0], hit[1], b.meeting)
                continue
        m = speaker_of(line)
        if m:
            started = True
            name = m.group("name").strip()
            org = None
            paren = re.match(r"^(.+?)\s*[（(]([^）)]+)[）)]$", name)
            if paren:
                name, org = paren.group(1), paren.group(2)
            b.utterance(n, m.group("text"), speaker=name, org=org)
        elif started:
            b.continue_last(n, line)
        elif not b.utterances and meeting_line(line.strip(), b.meeting):
            continue  # the title, a date line ("Thursday, December 19, 2024, 7:00 pm")
        else:
            b.utterance(n, line)
    return b.transcript()
