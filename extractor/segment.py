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
    agenda = _announced_agenda(transcript, rules)
    current = None
    for utt in transcript.utterances:
        text = utt.norm or utt.text
        topic = None
        for _, sentence in split_sentences(text):
            for rule in rules:
                m = rule.pattern.search(sentence.strip())
                if m:
                    groups = m.groupdict()
                    topic = (tidy((groups.get("topic") or "").strip()) or agenda.get(groups.get("num") or "")
                             or tidy(sentence)[:30])
                    break
            if topic:
                break
        if topic is not None and current is not None and len(bodies[-1]) <= 2 and (
                current.topic == default_topic or current.topic == topic or topic in agenda.values()):
            current.topic = topic  # the opening names the topic the next line starts: one section
        elif topic is not None or current is None:
            current = AgendaSection(topic=topic or default_topic, first_line=utt.line)
            sections.append(current)
            bodies.append([])
        bodies[-1].append(text)
    if len(sections) == 1 and len(transcript.utterances) >= 3 * _WINDOW:
        sections, bodies = _topic_shifts(transcript, default_topic)
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


_WINDOW = 8


def _announced_agenda(transcript: Transcript, rules) -> dict[str, str]:
    """Numbered topics announced anywhere ("议题一是W2的上市排期，议题二是…"): number -> topic."""
    agenda: dict[str, str] = {}
    for utt in transcript.utterances:
        for rule in rules:
            for m in rule.pattern.finditer(utt.norm or utt.text):
                num, topic = m.groupdict().get("num"), tidy((m.groupdict().get("topic") or "").strip())
                if num and topic:
                    agenda.setdefault(num, topic)
    return agenda


def _grams(text: str) -> set[str]:
    out = set()
    for run in re.findall(r"[\u3400-\u9fff]+", text):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    out.update(w for w in re.findall(r"[a-z]{4,}", text.lower()))
    return out


def _topic_shifts(transcript: Transcript, default_topic: str) -> tuple[list[AgendaSection], list[list[str]]]:
    """No explicit agenda cue: cut where the vocabulary of the next few utterances stops overlapping
    with the last few (a TextTiling-style depth score), at most one cut per 2 windows."""
    utts = transcript.utterances
    texts = [u.norm or u.text for u in utts]
    grams = [_grams(t) for t in texts]
    scores = []
    for gap in range(_WINDOW, len(utts) - _WINDOW + 1):
        left = set().union(*grams[gap - _WINDOW : gap])
        right = set().union(*grams[gap : gap + _WINDOW])
        scores.append((gap, len(left & right) / (len(left | right) or 1)))
    cuts: list[int] = []
    if scores:
        mean = sum(v for _, v in scores) / len(scores)
        for k, (gap, value) in enumerate(scores):
            lo = max(v for _, v in scores[max(0, k - _WINDOW // 2) : k]) if k else value
            hi = max(v for _, v in scores[k + 1 : k + 1 + _WINDOW // 2]) if k + 1 < len(scores) else value
            depth = (lo - value) + (hi - value)
            if value < mean * 0.6 and depth > mean * 0.5 and (not cuts or gap - cuts[-1] >= 2 * _WINDOW):
                cuts.append(gap)
    bounds = [0, *cuts, len(utts)]
    sections, bodies = [], []
    for a, b in zip(bounds, bounds[1:]):
        body = texts[a:b]
        first = next((re.split(r"[，,。.;；]", tidy(t))[0][:24] for t in body
                      if len(tidy(t)) >= 8 and not is_question(t)), None)
        topic = default_topic if a == 0 or first is None else first
        sections.append(AgendaSection(topic=topic, first_line=utts[a].line))
        bodies.append(body)
    return sections, bodies


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
