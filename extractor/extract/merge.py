"""Restated items merge into one: close together in the meeting and saying much the same thing."""
from __future__ import annotations

import re
from typing import Callable, TypeVar

from ..schema import Decision, OpenQuestion
from ..text import content_grams

T = TypeVar("T", Decision, OpenQuestion)


def overlap(a: str, b: str) -> float:
    """Shared content grams over the smaller item's grams."""
    ga, gb = content_grams(a), content_grams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / min(len(ga), len(gb))


def merge_similar(items: list[T], position: Callable[[int | None], int], window: int,
                  min_overlap: float = 0.5, same_speaker_window: int = 0) -> list[T]:
    """Merge an item into an earlier one that shares an evidence line, or lies within `window`
    utterances and overlaps in wording, or (with `same_speaker_window`) was said by the same speaker
    just before. The later wording wins when it is not much shorter; all evidence is kept."""

    spans: dict[int, list[int]] = {}

    def span(item: T) -> list[int]:
        key = id(item)
        if key not in spans:
            spans[key] = [position(e.line) for e in item.evidence] or [0]
        return spans[key]

    reach = max(window, same_speaker_window)
    out: list[T] = []
    for item in sorted(items, key=lambda x: min(span(x))):
        lines = {e.line for e in item.evidence}
        speakers = {e.speaker for e in item.evidence if e.speaker}
        first = min(span(item))
        target = None
        for prev in reversed(out):
            if max(span(prev)) < first - reach:
                break  # sorted by position: nothing earlier can be close enough
            if lines & {e.line for e in prev.evidence}:
                target = prev
                break
            gap = min(abs(a - b) for a in span(item) for b in span(prev))
            if gap <= window and overlap(prev.text, item.text) >= min_overlap:
                target = prev
                break
            prev_speakers = {e.speaker for e in prev.evidence if e.speaker}
            if gap <= same_speaker_window and speakers and speakers & prev_speakers \
                    and overlap(prev.text, item.text) >= 0.15:
                target = prev
                break
        if target is None:
            out.append(item)
            continue
        same_turn = bool(lines & {e.line for e in target.evidence})
        if same_turn and len(item.evidence) == 1 and overlap(target.text, item.text) < 0.2 \
                and item.text not in target.text and len(target.text) + len(item.text) <= 80:
            # two sentences of one turn ("每个月第一个礼拜三上门，杰哥去。十月一号过节，第一次就顺延到十月八号"): both
            sep = "；" if re.search(r"[\u4e00-\u9fff]", item.text) else "; "
            target.text = f"{target.text}{sep}{item.text}"
        elif len(item.text) >= len(target.text) * 0.6:
            target.text = item.text
        for e in item.evidence:
            if all(e.line != p.line for p in target.evidence):
                target.evidence.append(e)
        target.evidence.sort(key=lambda e: e.line or 0)
        spans.pop(id(target), None)
        target.confidence = max(target.confidence, item.confidence)
    return out
