"""待跟进问题: issues raised and explicitly left open or deferred."""
from __future__ import annotations

import re

from ..schema import OpenQuestion
from ..text import is_question, tidy
from .context import Context, decided_outside_deferrals

_REFERS_BACK = re.compile(r"^(?:这个|那个|这件事|这事|这块|这一块|that|this|it)\b|^(?:这个|那个|这)", re.I)
_ASKS = re.compile(r"是否|要不要|能不能|可不可以|需不需要|有没有|怎么|谁来|谁负责|\?|？|whether|should we|are we|is that|do we", re.I)


def extract_open_questions(ctx: Context) -> list[OpenQuestion]:
    out: list[OpenQuestion] = []
    used: set[int] = set()  # utterances already closed by a deferral
    utts, sents = ctx.utterances, ctx.sentences
    for i, utt in enumerate(utts):
        for s in sents[i]:
            hit = ctx.rules.first("open_question", s.text, "DEFER")
            if not hit or decided_outside_deferrals(ctx, s.text):
                continue  # "先按6%来，下季度看效果再说" settles it for now
            text = tidy(s.text)
            evidence = [ctx.evidence(utt, s.text, rule=hit.rule.id, reason="deferred")]
            own_issue = bool(_ASKS.search(s.text)) and not _REFERS_BACK.search(text)
            raised = None if own_issue else (_raised_earlier_in_turn(ctx, i, s) or _raised_in(ctx, i, used))
            if raised is not None:
                q_text = tidy(raised[1])
                if q_text and q_text not in text:
                    text = f"{q_text}；{text}" if ctx.lang == "zh" else f"{q_text} — {text}"
                evidence.insert(0, ctx.evidence(raised[0], raised[1], reason="question raised"))
            used.update(e.line for e in evidence)
            out.append(OpenQuestion(text=text, evidence=evidence, confidence=round(0.5 + 0.4 * hit.rule.weight, 2)))
            break  # one open question per utterance
    return out


_REACH_SECONDS = 20.0
UNSURE = re.compile(r"不知道|不确定|不清楚|还没定|没想好|don't know|not sure|unclear|undecided|whether|if the", re.I)


def _raised_in_turn_pattern(text: str) -> bool:
    return bool(_ASKS.search(text) or UNSURE.search(text))


def _raised_earlier_in_turn(ctx: Context, index: int, deferral):
    """The issue stated earlier in the same turn ("…we still don't know if X. Let's follow up next week.")."""
    for s in reversed([s for s in ctx.sentences[index] if s.offset < deferral.offset]):
        if _raised_in_turn_pattern(s.text):
            return ctx.utterances[index], s.text
    return None


def _raised_in(ctx: Context, index: int, used: set[int]):
    """The question the deferral answers: the nearest earlier question within three utterances (seven in
    unlabelled speech, and no more than 20 seconds back where times are known) that no earlier deferral
    has closed."""
    reach = 4 if ctx.utterances[index].speaker is not None else 8  # speech segments are short
    start = ctx.utterances[index].start
    for j in range(index - 1, max(-1, index - reach), -1):
        end = ctx.utterances[j].end
        if start is not None and end is not None and start - end > _REACH_SECONDS:
            return None  # long speech segments: eight of them can go back minutes
        if ctx.utterances[j].line in used:
            if j == index - 1:  # the deferral goes on about the issue just deferred
                return ctx.utterances[j], ctx.sentences[j][-1].text if ctx.sentences[j] else ""
            return None
        for s in reversed(ctx.sentences[j]):
            if is_question(s.text) or _ASKS.search(s.text):
                return ctx.utterances[j], s.text
    return None
