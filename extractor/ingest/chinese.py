"""Traditional → Simplified Chinese for matching (OpenCC t2s); the user's text is kept for display."""
from __future__ import annotations

import logging
import re
from functools import lru_cache

log = logging.getLogger(__name__)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _converter():
    try:
        import opencc  # heavy: loaded on first use only
    except ImportError:  # Traditional text is then matched as written
        log.warning("opencc is not installed (pip install opencc); Traditional Chinese is matched as written")
        return None
    return opencc.OpenCC("t2s")


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def to_simplified(text: str) -> str:
    conv = _converter()
    return conv.convert(text) if conv is not None and has_cjk(text) else text


def to_simplified_many(texts: list[str]) -> list[str]:
    """`to_simplified` over many texts in one OpenCC call (about three times faster than one call each)."""
    conv = _converter()
    if conv is None or not texts:
        return list(texts)
    joined = "\n".join(texts)
    if not has_cjk(joined):
        return list(texts)
    out_lines = conv.convert(joined).split("\n")
    if len(out_lines) != joined.count("\n") + 1:  # t2s maps characters, never line breaks; be safe anyway
        return [to_simplified(t) for t in texts]
    result, pos = [], 0
    for text in texts:
        n = text.count("\n") + 1
        result.append("\n".join(out_lines[pos : pos + n]))
        pos += n
    return result
