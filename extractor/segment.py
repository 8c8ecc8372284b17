"""Agenda sections (议程与讨论记录): explicit cues (议题一, 下一个议题, 接下来讨论, next item) split the
meeting into topics; each section keeps its first line, a few discussion points and its decisions."""
from __future__ import annotations

import re

from .rules import load_rules
from .schema import AgendaSection, Decision, Transcript
from .text import is_question, split_sentences, tidy

_SMALL_TALK = re.compile(r"^(?:好|好的|行|嗯|对|收到|可以|没问题|没意见|ok|okay|yep|sure|thanks)\W*$", re.I)


def segment(transcript: Transcript, decisions: list[Decision], max_points: int = 5) -> list[AgendaSection]:
    """Split a transcript into agenda sections; a meeting with no cue is one section."""
    lang = transcript.language
    rules = [r for r in load_rules(lang, "section") if r.label == "SECTION"]
    default_topic = "会议讨论" if lang == "zh" else "Discussion"
    sections: list[AgendaSection] = []
    bodies: list[list[str]] = []
    current = None
    for utt in transcript.utterances:
        text = utt.norm or utt.text
        topic = None
        for rule in rules:
            m = rule.pattern.search(text)
            if m:
                topic = tidy((m.groupdict().get("topic") or "").strip()) or None
                topic = topic or tidy(text)[:30]
                break
        if topic is not None or current is None:
            current = AgendaSection(topic=topic or default_topic, first_line=utt.line)
            sections.append(current)
            bodies.append([])
        bodies[-1].append(text)
    for section, body in zip(sections, bodies):
        section.points = _points(body, max_points)
    for d in decisions:
        line = min((e.line or 0) for e in d.evidence) if d.evidence else 0
        owner = sections[0] if sections else None
        for s in sections:
            if (s.first_line or 0) <= line:
                owner = s
        if owner is not None:
            owner.decisions.append(d.id)
    return sections


def _points(body: list[str], limit: int) -> list[str]:
    """The most informative statements of a section: long, not questions, not acknowledgements."""
    candidates = []
    for n, text in enumerate(body):
        for _, s in split_sentences(text):
            s = tidy(s)
            if len(s) < 12 or is_question(s) or _SMALL_TALK.match(s):
                continue
            score = len(s) + 15 * len(re.findall(r"\d", s)[:3])
            candidates.append((score, n, s[:80]))
    best = sorted(candidates, reverse=True)[:limit]
    return [s for _, _, s in sorted(best, key=lambda x: x[1])]
