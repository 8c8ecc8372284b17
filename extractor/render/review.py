"""What the exports share about review state: rejected items never leave, and a draft is marked as one."""
from __future__ import annotations

from ..schema import Minutes, Review


def without_rejected(minutes: Minutes) -> Minutes:
    """A copy of the draft without the items the recorder rejected (and without their ids in the agenda)."""
    keep = {
        "decisions": [d for d in minutes.decisions if d.review != Review.rejected],
        "action_items": [a for a in minutes.action_items if a.review != Review.rejected],
        "open_questions": [q for q in minutes.open_questions if q.review != Review.rejected],
    }
    if all(len(keep[k]) == len(getattr(minutes, k)) for k in keep):
        return minutes
    kept_ids = {d.id for d in keep["decisions"]}
    sections = [s.model_copy(update={"decisions": [i for i in s.decisions if i in kept_ids]})
                for s in minutes.sections]
    return minutes.model_copy(update={**keep, "sections": sections})


def unreviewed_count(minutes: Minutes) -> int:
    """How many items (decisions, tasks, open questions) are still in review `draft`."""
    items = [*minutes.decisions, *minutes.action_items, *minutes.open_questions]
    return sum(1 for i in items if i.review == Review.draft)


def draft_marker(minutes: Minutes, labels: dict) -> str | None:
    """The 草稿/Draft line for the top of an export, or None when no item awaits review."""
    waiting = unreviewed_count(minutes)
    if not waiting:
        return None
    total = len(minutes.decisions) + len(minutes.action_items) + len(minutes.open_questions)
    return labels["draft"] if waiting == total else labels["draft_some"].format(waiting)
