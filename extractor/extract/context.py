"""What every extractor sees: the transcript, its roster, its rules, and per-sentence rule hits."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from ..owners import Roster
from ..rules import Rule, load_rules
from ..schema import Evidence, Transcript, Utterance
from ..text import is_question, split_sentences


@dataclass(frozen=True)
class Hit:
    rule: Rule
    match: re.Match[str]

    @property
    def label(self) -> str:
        return self.rule.label


class RuleSet:
    """All rules of one language, by kind, with a helper to list the hits on a piece of text."""

    KINDS = ("decision", "open_question", "action", "collaborator", "deliverable", "section")

    def __init__(self, lang: str):
        self.lang = lang
        self.by_kind = {kind: load_rules(lang, kind) for kind in self.KINDS}

    def hits(self, kind: str, text: str, label: str | None = None) -> list[Hit]:
        out = []
        for rule in self.by_kind[kind]:
            if label is not None and rule.label != label:
                continue
            m = rule.pattern.search(text)
            if m:
                out.append(Hit(rule, m))
        return out

    def first(self, kind: str, text: str, label: str) -> Hit | None:
        for rule in self.by_kind[kind]:
            if rule.label == label:
                m = rule.pattern.search(text)
                if m:
                    return Hit(rule, m)
        return None

    def has(self, kind: str, text: str, label: str) -> bool:
        return self.first(kind, text, label) is not None


@dataclass
class Sentence:
    utt: Utterance
    offset: int
    text: str


@dataclass
class Context:
    transcript: Transcript
    roster: Roster
    meeting_date: dt.date | None
    lang: str
    extractors: str = "rules"
    rules: RuleSet = field(init=False)

    def __post_init__(self) -> None:
        self.rules = RuleSet(self.lang)

    @property
    def utterances(self) -> list[Utterance]:
        return self.transcript.utterances

    @cached_property
    def chair(self) -> str | None:
        """Who runs the meeting: the host the header names, else the one who speaks most (three times or
        more, and more than anyone else)."""
        host = self.roster.canonical(self.transcript.meeting.host) if self.transcript.meeting.host else None
        if host:
            return host
        counts = Counter(u.speaker for u in self.utterances if u.speaker)
        top = counts.most_common(2)
        if top and top[0][1] >= 3 and (len(top) == 1 or top[0][1] > top[1][1]):
            return top[0][0]
        return None

    @cached_property
    def sentences(self) -> list[list[Sentence]]:
        """Sentences of each utterance, by utterance index."""
        return [[Sentence(u, o, s) for o, s in split_sentences(u.norm or u.text)] for u in self.utterances]

    def previous_speaker(self, index: int) -> Utterance | None:
        """The nearest earlier utterance by someone else (the person a reply is addressed to)."""
        me = self.utterances[index].speaker
        for j in range(index - 1, max(-1, index - 6), -1):
            u = self.utterances[j]
            if u.speaker and u.speaker != me:
                return u
        return None

    @cached_property
    def _display_map(self) -> dict[str, str]:
        """Simplified character -> the character the user wrote, from utterances whose forms align."""
        table: dict[str, str] = {}
        for u in self.utterances:
            if u.norm != u.text and len(u.norm) == len(u.text):
                for a, b in zip(u.norm, u.text):
                    if a != b and not a.isspace():  # a wrapped line joined for matching stays joined
                        table.setdefault(a, b)
        return table

    def display(self, text: str | None) -> str | None:
        """Text built from the matching form, shown in the user's own script (Traditional stays Traditional)."""
        table = self._display_map
        if not text or not table:
            return text
        return "".join(table.get(ch, ch) for ch in text)

    def speaker_of(self, index: int) -> tuple[str | None, str]:
        """The speaker of an utterance and how we know: labelled, or, in unlabelled speech, the person the
        line before addressed by name at its start or end ("…怎么补偿高总" → 高翔 answers)."""
        utt = self.utterances[index]
        if utt.speaker or index == 0:
            return utt.speaker, f"speaker of line {utt.line}"
        prev = self.utterances[index - 1]
        text = (prev.norm or prev.text).rstrip("？?。.!！ ")
        for m in self.roster.find(text):
            if m.start <= 2 or len(text) - m.end <= 1:
                return m.name, f"speaker taken as {m.name}, addressed at line {prev.line}"
        invited = self._invited_before(index)
        if invited is not None:
            return invited
        return None, f"speaker of line {utt.line} (unlabelled)"

    def _invited_before(self, index: int) -> tuple[str, str] | None:
        """In unlabelled speech, the person given the floor by name in one of the three lines before
        ("先请李娜说一下测试的进度", "Tom, can you tell us about the budget"), where no line since asks
        anything or names anyone else."""
        for j in range(index - 1, max(-1, index - 4), -1):
            u = self.utterances[j]
            if u.speaker:
                return None
            text = u.norm or u.text
            names = {m.name for m in self.roster.find(text)}
            if names and self.rules.has("action", text, "IN_MEETING") and len(names) == 1:
                name = names.pop()
                return name, f"speaker taken as {name}, asked to speak at line {u.line}"
            if names or is_question(text):
                return None
        return None

    def evidence(self, utt: Utterance, quote: str | None = None, reason: str | None = None,
                 rule: str | None = None) -> Evidence:
        return Evidence(line=utt.line, start=utt.start, end=utt.end, speaker=utt.speaker,
                        quote=(quote or utt.text).strip()[:300], reason=reason, extractor=self.extractors,
                        rule=rule)


def decided_outside_deferrals(ctx: Context, text: str, chair: bool = False) -> bool:
    """A decision cue in the sentence apart from its deferrals ("等那边定了再说" decides nothing;
    "先按6%来，下季度看效果再说" does). Beside a deferral, a cue that only agrees ("agreed, parking it")
    agrees to put the matter off. `chair`: the meeting's chair said it, so the chair's cues count too."""
    deferred = [m.span() for h in ctx.rules.hits("open_question", text, "DEFER") for m in h.rule.pattern.finditer(text)]
    labels = ("DECISION", "CHAIR_DECISION") if chair else ("DECISION",)
    for h in [h for label in labels for h in ctx.rules.hits("decision", text, label)]:
        for m in h.rule.pattern.finditer(text):
            if deferred and ctx.rules.has("decision", m.group(0).strip(" ,.!，。！"), "ASSENT"):
                continue
            if all(m.end() <= a or m.start() >= b for a, b in deferred):
                return True
    return False
