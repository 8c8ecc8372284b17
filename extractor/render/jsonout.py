"""The JSON a user and the scorer read: the whole draft, a superset of shared/eval/FORMAT.md §1."""
from __future__ import annotations

import json

from ..schema import Minutes


def render_json(minutes: Minutes, indent: int | None = 2) -> str:
    return json.dumps(minutes.model_dump(mode="json"), ensure_ascii=False, indent=indent)
