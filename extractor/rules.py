"""Load and validate the rule data under rules/.

One rule per JSONL line. Every file is validated with a strict pydantic model; all problems are collected
and reported together as `path:line: message` (RuleFileError). Lexicons are `*.txt`, one entry per line,
`#` starts a comment.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import RuleFileError

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
LANGUAGES = ("zh", "en")


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid")
    match: list[str] = Field(default_factory=list)
    no_match: list[str] = Field(default_factory=list)


class Rule(BaseModel):
    """One pattern with its label, its own examples, and label-specific parameters."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z]{2}\.[a-z_]+\.[a-z0-9_]+$")
    label: str = Field(pattern=r"^[A-Z_]+$")
    regex: str
    weight: float = Field(default=1.0, ge=0.0, le=1.0)
    params: dict[str, Any] = Field(default_factory=dict)
    examples: Examples = Field(default_factory=Examples)
    note: str | None = None

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as err:
            raise ValueError(f"regex does not compile: {err}") from None
        return value

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compile(self.regex)


@lru_cache(maxsize=None)
def _compile(regex: str) -> re.Pattern[str]:
    return re.compile(regex, re.IGNORECASE)


def _read_file(path: Path, problems: list[str]) -> list[Rule]:
    rules: list[Rule] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("//"):
            continue
        where = f"{path.relative_to(RULES_DIR.parent)}:{number}"
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as err:
            problems.append(f"{where}: not JSON ({err.msg})")
            continue
        try:
            rules.append(Rule.model_validate(data))
        except ValidationError as err:
            for e in err.errors():
                loc = ".".join(str(p) for p in e["loc"]) or "rule"
                problems.append(f"{where}: {loc}: {e['msg']}")
    return rules


@lru_cache(maxsize=None)
def load_rules(lang: str, kind: str) -> tuple[Rule, ...]:
    """The rules of rules/<lang>/<kind>.jsonl, validated. Raises RuleFileError listing every problem."""
    path = RULES_DIR / lang / f"{kind}.jsonl"
    if not path.exists():
        return ()
    problems: list[str] = []
    rules = _read_file(path, problems)
    if problems:
        raise RuleFileError(problems)
    return tuple(rules)


@lru_cache(maxsize=None)
def load_lexicon(lang: str, name: str) -> tuple[str, ...]:
    """Entries of rules/<lang>/<name>.txt, comments and blanks dropped, order kept."""
    path = RULES_DIR / lang / f"{name}.txt"
    if not path.exists():
        return ()
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        entry = raw.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return tuple(out)


def check_rules() -> tuple[int, list[str]]:
    """Validate every rule file and run every rule's examples. Returns (rules checked, problems)."""
    problems: list[str] = []
    count = 0
    seen: dict[str, str] = {}
    for lang in LANGUAGES:
        for path in sorted((RULES_DIR / lang).glob("*.jsonl")):
            for rule in _read_file(path, problems):
                count += 1
                where = f"{path.relative_to(RULES_DIR.parent)}"
                if rule.id in seen:
                    problems.append(f"{where}: duplicate id {rule.id} (also in {seen[rule.id]})")
                seen[rule.id] = where
                for text in rule.examples.match:
                    if not rule.pattern.search(text):
                        problems.append(f"{where}: {rule.id}: does not match its example {text!r}")
                for text in rule.examples.no_match:
                    if rule.pattern.search(text):
                        problems.append(f"{where}: {rule.id}: matches its counter-example {text!r}")
    return count, problems
