"""Rule extractors: decisions, action items and open questions from a transcript.

`extract_items(transcript, roster, meeting_date)` runs each extractor, merges restated items, numbers them.
"""
from __future__ import annotations

import datetime as dt

from ..owners import Roster
from ..schema import ActionItem, Decision, OpenQuestion, Transcript
from .actions import extract_actions
from .context import Context
from .decisions import extract_decisions
from .merge import merge_similar
from .questions import extract_open_questions

__all__ = ["extract_items"]


def extract_items(
    transcript: Transcript, roster: Roster, meeting_date: dt.date | None
) -> tuple[list[Decision], list[ActionItem], list[OpenQuestion]]:
    ctx = Context(transcript=transcript, roster=roster, meeting_date=meeting_date, lang=transcript.language)
    index_of_line = {u.line: u.index for u in transcript.utterances}

    def position(line: int | None) -> int:
        return index_of_line.get(line, 0) if line is not None else 0

    decisions = merge_similar(extract_decisions(ctx), position, window=3, min_overlap=0.4, same_speaker_window=2)
    actions = extract_actions(ctx)
    questions = merge_similar(extract_open_questions(ctx), position, window=1, min_overlap=0.5)
    for prefix, items in (("D", decisions), ("A", actions), ("Q", questions)):
        for n, item in enumerate(items, start=1):
            item.id = f"{prefix}{n}"
    for a in actions:
        a.confidence = _action_confidence(a)
        a.task, a.deliverable, a.due_text = ctx.display(a.task), ctx.display(a.deliverable), ctx.display(a.due_text)
    for item in (*decisions, *questions):
        item.text = ctx.display(item.text)
    return decisions, actions, questions


def _action_confidence(a: ActionItem) -> float:
    score = 0.45 + (0.2 if a.owner else 0) + (0.15 if a.due else 0.05 if a.due_text else 0)
    score += 0.05 * min(2, len(a.evidence) - 1) + (0.05 if a.deliverable else 0)
    return round(min(score, 0.95), 2)
