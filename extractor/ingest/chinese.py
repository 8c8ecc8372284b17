"""Traditional → Simplified Chinese for matching (OpenCC t2s); the user's text is kept for display."""
from __future__ import annotations

import logging
from functools import lru_cache

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _converter():
    try:
        import opencc
    except ImportError:  # Traditional text is then matched as written
        log.warning("opencc is not installed; Traditional Chinese is matched as written")
        return None
    return opencc.OpenCC("t2s")


def has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def to_simplified(text: str) -> str:
    conv = _converter()
    return conv.convert(text) if conv is not None and has_cjk(text) else text
