"""Restated items merge into one: near each other in the meeting and saying much the same thing."""
from __future__ import annotations

import re
from typing import TypeVar

from ..schema import Decision, OpenQuestion

T = TypeVar("T", Decision, OpenQuestion)


def _grams(text: str) -> set[str]:
    t = re.sub(r"[^\w]", "", text.lower())
    return {t[i : i + 2] for i in range(len(t) - 1)}


def _overlap(a: str, b: str) -> float:
    ga, gb = _grams(a), _grams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / min(len(ga), len(gb))


def merge_similar(items: list[T], window: int) -> list[T]:
    """Merge an item into an earlier one whose evidence lies within `window` utterance lines and whose
    text overlaps, or which shares an evidence line. The later wording wins; all evidence is kept."""
    out: list[T] = []
    for item in sorted(items, key=lambda x: min((e.line or 0) for e in x.evidence) if x.evidence else 0):
        lines = {e.line for e in item.evidence}
        target = None
        for prev in reversed(out):
            prev_lines = {e.line for e in prev.evidence}
            if lines & prev_lines:
                target = prev
                break
            gap = min(abs(a - b) for a in lines for b in prev_lines) if lines and prev_lines else 99
            if gap <= window * 3 and _overlap(prev.text, item.text) >= 0.3:
                target = prev
                break
        if target is None:
            out.append(item)
            continue
        if len(item.text) >= len(target.text) * 0.6:
            target.text = item.text
        for e in item.evidence:
            if all(e.line != p.line for p in target.evidence):
                target.evidence.append(e)
        target.evidence.sort(key=lambda e: e.line or 0)
        target.confidence = max(target.confidence, item.confidence)
    return out
