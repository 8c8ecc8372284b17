"""Read an input file into a Transcript: decode bytes, detect the format, parse, normalize.

One module per source format in this package. Each format module exposes:

    NAME: str                      # the --input-format name, e.g. "wechat"
    DESCRIPTION: str               # one line for `minutes formats`
    SAMPLE: str                    # a short sample of the format
    def sniff(lines: list[str]) -> float        # 0..1, how sure it is that the text is in this format
    def parse(lines: list[str]) -> Transcript   # utterances with 1-based line numbers of the text line

detect.py picks the format with the highest sniff score. A new format is one new module listed below.
"""
from __future__ import annotations

import re

import json
import logging
from pathlib import Path

from ..errors import InputError
from ..schema import Transcript
from ..text import language_of
from . import colon, dingtalk, plain, slack, namelines, srt, transcript, vtt, wechat, whatsapp, zoom
from .asrfix import fix_asr
from .chinese import to_simplified_many
from .decode import decode_bytes
from .detect import choose, detect
from .header import parse_date

__all__ = ["FORMATS", "format_names", "parse_text", "read_input"]

log = logging.getLogger(__name__)

FORMATS = {m.NAME: m for m in (transcript, wechat, whatsapp, dingtalk, colon, srt, vtt, slack, zoom, namelines, plain)}


def format_names() -> list[str]:
    """The --input-format names, in the order detection tries them (without 'auto')."""
    return list(FORMATS)


def read_input(path: str | Path, input_format: str = "auto") -> Transcript:
    """Read a chat log / transcript file (or a Slack export folder) into a Transcript.

    Raises InputError (EmptyInputError, BinaryInputError, UnknownFormatError) with a one-line message.
    """
    path = Path(path)
    input_format = choose(input_format.strip().lower(), FORMATS)
    if path.is_dir():
        if input_format not in ("auto", slack.NAME):
            raise InputError(f"{path} is a folder; only a Slack export folder can be read "
                             f"(--input-format slack), or give one file")
        return _normalize(_read_slack_folder(path), path.name)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read {path}: {err.strerror or err}") from None
    text, warnings = decode_bytes(data, path.name)
    result = parse_text(text, input_format, source=path.name)
    result.warnings[:0] = warnings
    if result.meeting.date is None:
        result.meeting.date = parse_date(path.stem)  # "2024-03-10 周会.txt"
    return result


def parse_text(text: str, input_format: str = "auto", source: str | None = None) -> Transcript:
    """Parse text already decoded (a pasted chat log). Never raises on odd text: unreadable lines become
    warnings. Raises UnknownFormatError for an unknown `input_format`."""
    name = choose(input_format.strip().lower(), FORMATS)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    if name == "auto":
        name, score = detect(lines, FORMATS)
        log.info("detected format %s (%.2f)", name, score)
    result = FORMATS[name].parse(lines)
    result = _normalize(result, source)
    if result.format == "plain" and result.language == "zh":  # unlabelled lines are usually speech output
        for u in result.utterances:
            u.norm = fix_asr(u.norm)
    return result


def _read_slack_folder(folder: Path) -> Transcript:
    users: dict[str, str] = {}
    users_file = folder / "users.json"
    if users_file.exists():
        try:
            for u in json.loads(users_file.read_text(encoding="utf-8-sig")):
                users[u.get("id", "")] = (u.get("real_name") or (u.get("profile") or {}).get("real_name")
                                          or u.get("name") or u.get("id"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError, TypeError):
            log.warning("%s cannot be read; Slack user ids are shown as they are", users_file)
    days = sorted(p for p in folder.rglob("*.json") if p.name not in ("users.json", "channels.json",
                                                                       "integration_logs.json", "dms.json"))
    if not days:
        raise InputError(f"{folder} is a folder with no Slack day files (*.json) in it")
    builder = slack.Builder(slack.NAME)
    offset = 0
    for day in days:
        try:
            text, warnings = decode_bytes(day.read_bytes(), day.name)
        except (OSError, InputError) as err:
            builder.warn(offset + 1, f"{day.name} cannot be read ({err}); skipped")
            continue
        builder.warnings.extend(w.model_copy(update={"line": w.line + offset if w.line else None}) for w in warnings)
        lines = text.split("\n")
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            builder.warn(offset + 1, f"{day.name} is not valid JSON; skipped")
            offset += len(lines)
            continue
        slack.parse_json(data, lines, users, line_offset=offset, builder=builder)
        offset += len(lines)
    return builder.transcript()


# A line wrapped inside an English sentence (subtitle cues, copied chat): "I'll book the movers this\nweek".
# One character for one, so offsets into the text still hold.
_SOFT_WRAP = re.compile(r"(?<=[A-Za-z,])\n(?=[a-z])")
# A reply that opens by quoting the message it answers (Feishu/DingTalk/WeCom "回复 周凯：…", "引用 …"): the quote
# is someone else's words; the text keeps it, the rules read the reply alone.
_QUOTED = re.compile(r"^(?:回复|引用|Replying to|Reply to)\s*[^：:\n]{1,30}[：:][^\n]*\n(?=\S)")
# Spoken English hesitations inside a sentence ("Should I, uh, update the invite?"): the rules read past them
_EN_FILLER = re.compile(r"(?<=[A-Za-z]),?\s+(?:uh|um|umm|uhm|erm|er|ah|hmm)\b,?(?=\s+[A-Za-z])", re.I)


def _normalize(t: Transcript, source: str | None) -> Transcript:
    """Fill the matching form of every utterance (Simplified) and the language."""
    for u, norm in zip(t.utterances, to_simplified_many([u.text for u in t.utterances])):
        u.norm = _EN_FILLER.sub("", _SOFT_WRAP.sub(" ", _QUOTED.sub("", norm)))
    t.language = language_of(" ".join(u.norm for u in t.utterances[:400]))
    t.source = source
    return t

