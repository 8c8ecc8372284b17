"""Known speech-recognition confusions in meeting talk, fixed before extraction (rules/<lang>/asr_fixes.jsonl).

Applied to recordings and unlabelled speech text only; chat logs are typed, not heard.
"""
from __future__ import annotations

from ..rules import load_rules


def fix_asr(text: str, lang: str = "zh") -> str:
    for rule in load_rules(lang, "asr_fixes"):
        text = rule.pattern.sub(rule.params.get("replace", ""), text)
    return text
