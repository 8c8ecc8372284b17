"""Numbered speakers named: meeting apps label the voices they do not know 说话人1, 发言人2, Speaker 3.

When one speaker addresses an attendee by name ("丁敏你先说一下", "周总我补充一句", "Priya, can you…") and the
next voice to speak is a numbered one, that voice is taken to be the attendee addressed. Each such turn
is a vote; so is a reply that opens by naming the one it answers ("好的孔哥……"). A label takes the name with
most votes, one name per label and one label per name (the strongest first), and never a name its own
speaker addressed. Saying "我是X" / "I'm X" is a vote too.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .owners import Roster
from .schema import Transcript

NUMBERED = re.compile(r"^(?:说话人|发言人|讲话人|参会人|与会者|用户|speaker|participant|guest)\s*[0-9０-９]{1,3}$", re.I)
_BEFORE = re.compile(r"(?:^|[\s，,。.！!？?、；;：:]|好|行|嗯|那|对)$")  # an address opens a clause
_AFTER = re.compile(r"^(?:你|您|[，,:：\s]|那边|这边|呢|啊|[？?]|我|这个|还有|can|could|would|will|what|do|are|please)", re.I)
_SELF = re.compile(r"(?:^|[\s，,。.])(?:我是|我叫|i'm|i am|this is)\s*$", re.I)


@dataclass(frozen=True)
class Naming:
    label: str  # 说话人3
    name: str  # the attendee
    spoken: str  # as addressed: 谢亭
    line: int | None  # where they were addressed (or introduced themselves)
    votes: int


def numbered(label: str | None) -> bool:
    return bool(label and NUMBERED.match(label.strip()))


def name_numbered_speakers(transcript: Transcript, roster: Roster) -> list[Naming]:
    """The attendee each numbered speaker label stands for, where the talk says so."""
    utts = transcript.utterances
    labels = {u.speaker for u in utts if numbered(u.speaker)}
    if not labels:
        return []
    taken_names = {roster.canonical(u.speaker) for u in utts if u.speaker and not numbered(u.speaker)}
    votes: dict[str, Counter] = {label: Counter() for label in labels}
    first: dict[tuple[str, str], tuple[str, int | None]] = {}
    never: set[tuple[str, str]] = set()  # (label, name): the label addressed that name
    for k, u in enumerate(utts):
        text = u.norm or u.text
        for spoken, name in _addressed(text, roster):
            if numbered(u.speaker):
                never.add((u.speaker, name))
            nxt = next((v for v in utts[k + 1 : k + 4] if v.speaker and v.speaker != u.speaker), None)
            if nxt is not None and numbered(nxt.speaker):
                votes[nxt.speaker][name] += 1
                first.setdefault((nxt.speaker, name), (spoken, u.line))
        prev = next((v for v in reversed(utts[max(0, k - 3) : k]) if v.speaker and v.speaker != u.speaker), None)
        if prev is not None and numbered(prev.speaker):
            for spoken, name in _replied_to(text, roster):  # "好的孔哥……", "进来了孔哥，…": who just spoke
                votes[prev.speaker][name] += 1
                first.setdefault((prev.speaker, name), (spoken, u.line))
        if numbered(u.speaker):
            for spoken, name in _introduced(text, roster):
                votes[u.speaker][name] += 2
                first.setdefault((u.speaker, name), (spoken, u.line))
    pairs = sorted(((n, label, name) for label, c in votes.items() for name, n in c.items()
                    if (label, name) not in never and name not in taken_names),
                   key=lambda x: (-x[0], len(votes[x[1]]), x[1], x[2]))
    out, used_labels, used_names = [], set(), set()
    for n, label, name in pairs:
        if label in used_labels or name in used_names:
            continue
        rival = max((m for other, m in votes[label].items() if other != name and other not in used_names), default=0)
        if rival >= n:
            continue  # as much said for someone else: leave the label as it is
        used_labels.add(label)
        used_names.add(name)
        spoken, line = first[(label, name)]
        out.append(Naming(label, name, spoken, line, n))
    return sorted(out, key=lambda x: x.label)


def _addressed(text: str, roster: Roster) -> list[tuple[str, str]]:
    """Attendees the text speaks to: a name that opens a clause and is followed by 你/您, a comma or a
    question ("丁敏你先说一下", "周总，…", "Priya, can you…")."""
    out = []
    for m in roster.find(text):
        if m.how not in ("exact", "alias", "homophone"):
            continue
        if _BEFORE.search(text[: m.start]) and _AFTER.match(text[m.end :] or "，"):
            out.append((text[m.start : m.end], m.name))
    return out


def _replied_to(text: str, roster: Roster) -> list[tuple[str, str]]:
    """The attendee a reply opens by naming ("好的孔哥……", "进来了孔哥，我在地铁上", "孔哥，…"): the one just
    answered."""
    out = []
    for m in roster.find(text)[:1]:
        if m.how in ("exact", "alias", "homophone") and len(text[: m.start].strip(" ，,")) <= 4 \
                and _REPLY_END.match(text[m.end :]):
            out.append((text[m.start : m.end], m.name))
    return out


_REPLY_END = re.compile(r"^(?:$|[，,。.！!…~？?\s])")


def _introduced(text: str, roster: Roster) -> list[tuple[str, str]]:
    """Attendees the speaker says they are ("我是丁敏", "this is Priya")."""
    return [(text[m.start : m.end], m.name) for m in roster.find(text)
            if m.how in ("exact", "alias", "homophone") and _SELF.search(text[: m.start])]
