"""Pick the input format: the parser whose sniff() is most confident; plain text otherwise."""
from __future__ import annotations

from types import ModuleType

from ..errors import UnknownFormatError


def detect(lines: list[str], formats: dict[str, ModuleType]) -> tuple[str, float]:
    sample = lines[:2000]
    best, score = "plain", 0.0
    for name, module in formats.items():
        s = module.sniff(sample)
        if s > score:
            best, score = name, s
    if score < 0.3:
        return "plain", score
    return best, score


def choose(name: str, formats: dict[str, ModuleType]) -> str:
    if name == "auto" or name in formats:
        return name
    raise UnknownFormatError(f"Unknown format '{name}'; expected one of: auto, {', '.join(formats)}")
