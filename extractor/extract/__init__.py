"""Extractors: decisions, action items and open questions from a transcript.

`extract_items(transcript, roster, meeting_date, extractors)` runs the rule extractors, the model extractor
or both (combine.py), merges restated items and numbers them.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from ..owners import Roster
from ..schema import ActionItem, Decision, DraftWarning, OpenQuestion, Transcript
from ..speakers import name_numbered_speakers
from .actions import extract_actions
from .combine import combine
from .context import Context
from .decisions import extract_decisions
from .merge import merge_similar
from .model import Predictor, unavailable
from .questions import extract_open_questions

__all__ = ["Extractors", "extract_items"]

Extractors = Literal["rules", "model", "both"]


def extract_items(
    transcript: Transcript, roster: Roster, meeting_date: dt.date | None, extractors: Extractors = "both",
    warnings: list[DraftWarning] | None = None,
) -> tuple[list[Decision], list[ActionItem], list[OpenQuestion]]:
    """Items of the transcript, numbered D1…, A1…, Q1… in meeting order. Without a trained model (or
    spaCy) 'both' runs the rules alone and 'model' finds nothing; either way a warning says so."""
    namings = name_numbered_speakers(transcript, roster)
    if warnings is not None:
        warnings.extend(DraftWarning(code="speaker_named", line=n.line,
                                     message=f"{n.label} taken to be {n.name}: addressed as {n.spoken} "
                                             f"(line {n.line}; {n.votes} time{'s' if n.votes > 1 else ''})")
                        for n in sorted(namings, key=lambda n: n.line or 0))
    ctx = Context(transcript=_speakers_as_listed(transcript, roster, {n.label: n.name for n in namings}),
                  roster=roster, meeting_date=meeting_date,
                  lang=transcript.language)
    index_of_line = {u.line: u.index for u in transcript.utterances}

    def position(line: int | None) -> int:
        return index_of_line.get(line, 0) if line is not None else 0

    decisions: list[Decision] = []
    actions: list[ActionItem] = []
    questions: list[OpenQuestion] = []
    if extractors != "model":
        decisions = merge_similar(extract_decisions(ctx), position, window=3, min_overlap=0.4, same_speaker_window=2)
        actions = extract_actions(ctx)
        questions = merge_similar(extract_open_questions(ctx), position, window=1, min_overlap=0.5)
        for a in actions:
            a.confidence = _action_confidence(a)
    if extractors != "rules" and transcript.utterances:
        predictor = Predictor.load(ctx.lang)
        if predictor is None:
            if warnings is not None:
                what = "Items come from the rules alone" if extractors == "both" else "No items"
                warnings.append(DraftWarning(code="no_model", message=f"{what}: {unavailable(ctx.lang)}."))
        else:
            decisions, actions, questions = combine(ctx, predictor, (decisions, actions, questions), position,
                                                    with_rules=extractors == "both")
    for prefix, items in (("D", decisions), ("A", actions), ("Q", questions)):
        for n, item in enumerate(items, start=1):
            item.id = f"{prefix}{n}"
    for a in actions:
        a.task, a.deliverable, a.due_text = ctx.display(a.task), ctx.display(a.deliverable), ctx.display(a.due_text)
    for item in (*decisions, *questions):
        item.text = ctx.display(item.text)
    return decisions, actions, questions


def _speakers_as_listed(transcript: Transcript, roster: Roster, named: dict[str, str]) -> Transcript:
    """The transcript as the extractors see it: a speaker labelled by a title or nickname of one attendee
    (卢工, 张经理), or a numbered speaker the talk names (`named`: 说话人3 -> 丁敏), carries that attendee's
    name, so the tasks they take on are theirs. The transcript itself keeps the labels as written."""
    renamed = dict(named)
    for u in transcript.utterances:
        if u.speaker and u.speaker not in renamed:
            name = roster.canonical(u.speaker)
            renamed[u.speaker] = name if name and name != u.speaker else None
    if not any(renamed.values()):
        return transcript
    utterances = [u.model_copy(update={"speaker": renamed[u.speaker]}) if renamed.get(u.speaker) else u
                  for u in transcript.utterances]
    return transcript.model_copy(update={"utterances": utterances})


def _action_confidence(a: ActionItem) -> float:
    score = 0.45 + (0.2 if a.owner else 0) + (0.15 if a.due else 0.05 if a.due_text else 0)
    score += 0.05 * min(2, len(a.evidence) - 1) + (0.05 if a.deliverable else 0)
    return round(min(score, 0.95), 2)
