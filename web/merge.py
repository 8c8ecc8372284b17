"""Merging a re-extraction (after the recorder edited the transcript) into the draft under review.

The recorder's decisions win: items whose review is confirmed, edited or rejected, and items the recorder
added, are kept as they are (only their evidence line is re-pointed to where the quoted text now stands).
Items still in review `draft` are replaced by the new extraction's items; a new item that restates a kept
one (same kind, similar wording by extractor.extract.merge.overlap, or sharing an evidence quote) is
dropped, so a rejected item does not come back and nothing is doubled. A new item that restates a replaced
draft item takes over its id; the others get ids after every id the draft had.
"""
from __future__ import annotations

from extractor.extract.merge import overlap
from extractor.schema import Minutes, Review

FIELDS = (("decisions", "D"), ("action_items", "A"), ("open_questions", "Q"))
KEPT_REVIEWS = frozenset({Review.confirmed, Review.edited, Review.rejected})
MIN_OVERLAP = 0.5
"""Wording overlap (shared content grams over the smaller item's) from which a new item restates another,
the same bar the extractors use to merge restated items."""
UNFOUND = "quote not found in source revision"


def is_kept(item) -> bool:
    """The recorder decided on it (confirmed, edited, rejected) or added it."""
    return item.review in KEPT_REVIEWS or any(e.extractor == "recorder" for e in item.evidence)


def _text(item) -> str:
    return getattr(item, "task", None) or getattr(item, "text", "") or ""


def _quotes(item) -> set[str]:
    return {e.quote.strip() for e in item.evidence if e.quote and e.quote.strip()}


def restates(new, old) -> float:
    """How strongly `new` restates `old` (same kind assumed): 0 when it does not, else a score for ranking."""
    shared = 1.0 if _quotes(new) & _quotes(old) else 0.0
    words = overlap(_text(new), _text(old))
    if shared or words >= MIN_OVERLAP:
        return shared + words
    return 0.0


def _number(item_id: str) -> int:
    return int(item_id[1:]) if item_id[1:].isdigit() else 0


def _first_line(item) -> int | None:
    lines = [e.line for e in item.evidence if e.line]
    return min(lines) if lines else None


def _find(quote: str, lines: list[str], near: int | None) -> int | None:
    """The 1-based line holding `quote` (its first line, for a quote over several), nearest to `near`."""
    probe = quote.strip().split("\n")[0].strip()
    if not probe:
        return None
    hits = [n for n, line in enumerate(lines, start=1) if probe in line]
    if not hits:
        return None
    return min(hits, key=lambda n: (abs(n - (near or 0)), n))


def repoint(item, lines: list[str], revision: int) -> tuple[object, list[dict]]:
    """The item with each quoted evidence line pointing where its quote now stands; a note where it is gone."""
    moves, evidence = [], []
    for e in item.evidence:
        if not e.quote or e.extractor == "recorder":
            evidence.append(e)
            continue
        here = e.line is not None and 1 <= e.line <= len(lines) and \
            e.quote.strip().split("\n")[0].strip() in lines[e.line - 1]
        if here:
            evidence.append(e)
            continue
        found = _find(e.quote, lines, e.line)
        if found is not None:
            moves.append({"item": item.id, "from": e.line, "to": found})
            evidence.append(e.model_copy(update={"line": found}))
            continue
        note = f"{UNFOUND} {revision}"
        reason = e.reason or ""
        if UNFOUND not in reason:
            reason = f"{reason}; {note}" if reason else note
        elif note not in reason:  # a later revision: say which one
            reason = reason[:reason.index(UNFOUND)] + note
        moves.append({"item": item.id, "from": e.line, "to": None})
        evidence.append(e.model_copy(update={"reason": reason}))
    return item.model_copy(update={"evidence": evidence}), moves


def merge(current: Minutes, fresh: Minutes, lines: list[str], *, revision: int,
          keep_meeting: bool) -> tuple[Minutes, dict]:
    """The merged draft and a report: kept, removed (replaced drafts), updated (ids reused), added, dropped,
    moved (evidence re-pointed, `to` None where the quote is gone)."""
    report: dict = {"source_revision": revision, "kept": [], "removed": [], "updated": [], "added": [],
                    "dropped": [], "moved": []}
    fresh_to_final: dict[str, str] = {}
    merged: dict[str, list] = {}
    for field, prefix in FIELDS:
        old, new = getattr(current, field), [i.model_copy(deep=True) for i in getattr(fresh, field)]
        kept, drafts = [], []
        for item in old:
            if is_kept(item):
                item, moves = repoint(item, lines, revision)
                report["moved"] += moves
                kept.append(item)
            else:
                drafts.append(item)
        report["kept"] += [i.id for i in kept]
        incoming = []
        for item in new:
            best = max(kept, key=lambda k: restates(item, k), default=None)
            if best is not None and restates(item, best) > 0:
                fresh_to_final[item.id] = best.id
                report["dropped"].append({"text": _text(item), "restates": best.id})
            else:
                incoming.append(item)
        # a new item that restates a replaced draft item keeps that item's id (best matches first)
        pairs = sorted(((restates(n, d), i, j) for i, n in enumerate(incoming) for j, d in enumerate(drafts)),
                       key=lambda p: -p[0])
        ids: dict[int, str] = {}
        used: set[int] = set()
        for score, i, j in pairs:
            if score > 0 and i not in ids and j not in used:
                ids[i] = drafts[j].id
                used.add(j)
        taken = max((_number(x.id) for x in (*old, *kept)), default=0)
        for i, item in enumerate(incoming):
            if i in ids:
                final = ids[i]
                report["updated"].append(final)
            else:
                taken += 1
                final = f"{prefix}{taken}"
                report["added"].append(final)
            fresh_to_final[item.id] = final
            item.id = final
        report["removed"] += [d.id for j, d in enumerate(drafts) if j not in used]
        both = [*kept, *incoming]
        merged[field] = sorted(both, key=lambda x: (_first_line(x) is None, _first_line(x) or 0))
    sections = []
    for s in fresh.sections:
        seen: list[str] = []
        for d in s.decisions:
            final = fresh_to_final.get(d)
            if final and final not in seen:
                seen.append(final)
        sections.append(s.model_copy(update={"decisions": seen}))
    placed = {d for s in sections for d in s.decisions}
    for d in merged["decisions"]:  # a kept decision no new section names: under the topic its line is in
        if d.id in placed or not sections:
            continue
        line = _first_line(d)
        home = sections[0]
        for s in sections:
            if line is not None and s.first_line is not None and s.first_line <= line:
                home = s
        home.decisions.append(d.id)
    out = fresh.model_copy(update={**merged, "sections": sections, "source": current.source or fresh.source,
                                   "meeting": current.meeting if keep_meeting else fresh.meeting})
    return out, report

