"""Pick the input format: the parser whose sniff() is most confident; plain text when none is sure."""
from __future__ import annotations

import logging
from types import ModuleType

from ..errors import UnknownFormatError

log = logging.getLogger(__name__)

SAMPLE_LINES = 2000  # sniffing looks at the head of the file only, so detection time does not grow with it
MIN_SCORE = 0.3  # below this no format is sure, and the text is read as plain lines


def _registry() -> dict[str, ModuleType]:
    from . import FORMATS  # the package lists the format modules; imported here to avoid a cycle

    return FORMATS


def detect(lines: list[str], formats: dict[str, ModuleType] | None = None) -> tuple[str, float]:
    """(format name, confidence 0..1) for the text's lines; ties go to the format listed first."""
    formats = formats if formats is not None else _registry()
    sample = lines[:SAMPLE_LINES]
    best, score = "plain", 0.0
    for name, module in formats.items():
        s = module.sniff(sample)
        if s > score:
            best, score = name, s
    if score < MIN_SCORE:
        return "plain", score
    return best, score


def choose(name: str, formats: dict[str, ModuleType] | None = None) -> str:
    """The format to read with: 'auto' or a known name. Raises UnknownFormatError for any other name."""
    formats = formats if formats is not None else _registry()
    if name == "auto" or name in formats:
        return name
    raise UnknownFormatError(f"Unknown format '{name}'; expected one of: auto, {', '.join(formats)}")
