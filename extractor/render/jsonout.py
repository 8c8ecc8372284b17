"""The JSON a user and the scorer read: the whole draft, a superset of shared/eval/FORMAT.md §1.

`render_json` is lossless (rejected items stay, so a review can be undone); `load_minutes` reads it back.
"""
from __future__ import annotations

import json
import os

from ..errors import DraftFileError
from ..schema import Minutes

_HOW = "write one with `minutes extract INPUT --format json`"


def render_json(minutes: Minutes, indent: int | None = 2) -> str:
    return json.dumps(minutes.model_dump(mode="json"), ensure_ascii=False, indent=indent)


def load_minutes(path: str | os.PathLike) -> Minutes:
    """Read a draft that `minutes extract --format json` (or `render_json`) wrote.

    Raises DraftFileError, with one line naming the file and what is wrong, for anything else.
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise DraftFileError(f"no such draft file: {name}") from None
    except IsADirectoryError:
        raise DraftFileError(f"{name} is a folder, not a draft file; {_HOW}") from None
    except OSError as err:
        raise DraftFileError(f"cannot read {name}: {err.strerror or err}") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise DraftFileError(f"{name} is not a minutes draft (not UTF-8 JSON); {_HOW}") from None
    except json.JSONDecodeError as err:
        raise DraftFileError(f"{name} is not a minutes draft (invalid JSON at line {err.lineno}, "
                             f"column {err.colno}: {err.msg}); {_HOW}") from None
    if not isinstance(data, dict) or "meeting" not in data or "action_items" not in data:
        raise DraftFileError(f"{name} is JSON but not a minutes draft (no 'meeting' and 'action_items'); {_HOW}")
    return minutes_from_data(data, name)


def minutes_from_data(data: object, name: str = "draft") -> Minutes:
    """Validate parsed JSON as a draft; DraftFileError names the first problem and how many there are."""
    from pydantic import ValidationError

    try:
        return Minutes.model_validate(data)
    except ValidationError as err:
        problems = err.errors()
        first = problems[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        raise DraftFileError(f"{name} is not a valid minutes draft: {where}: {first['msg']}{more}") from None
