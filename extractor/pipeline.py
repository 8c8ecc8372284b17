"""The main job: an input file (or text) in, a minutes draft out."""
from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .errors import StrictModeError
from .extract import Extractors, extract_items
from .ingest import parse_text, read_input
from .ingest.audio import TranscribeOptions, is_audio, stderr_progress, transcribe
from .owners import NOT_PEOPLE, Roster
from .rules import load_lexicon
from .schema import DraftWarning, Minutes, Transcript
from .segment import segment
from .speakers import numbered

log = logging.getLogger(__name__)


class ExtractOptions(BaseModel):
    """Context a user gives beside the input (all optional)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    input_format: str = "auto"
    meeting_date: dt.date | None = None
    attendees: tuple[str, ...] = Field(default=())
    title: str | None = None
    strict: bool = False
    audio: TranscribeOptions | None = None  # how to transcribe, when the input is a recording
    extractors: Extractors = "both"  # rules, the trained model (models/), or both


def extract_file(path: str | Path, options: ExtractOptions | None = None) -> Minutes:
    """Read `path` (any supported chat/transcript format) and draft its minutes."""
    options = options or ExtractOptions()
    if is_audio(path) and options.input_format in ("auto", "audio"):
        audio = options.audio or TranscribeOptions()
        if options.attendees and not audio.attendees:
            audio = audio.model_copy(update={"attendees": options.attendees})
        transcript = transcribe(path, audio, progress=stderr_progress())
    else:
        transcript = read_input(path, options.input_format)
    return extract_minutes(transcript, options)


def extract_text(text: str, options: ExtractOptions | None = None) -> Minutes:
    """Draft minutes from text already in memory (pasted chat logs)."""
    options = options or ExtractOptions()
    return extract_minutes(parse_text(text, options.input_format), options)


def build_roster(transcript: Transcript, attendees: tuple[str, ...] = ()) -> Roster:
    meeting = transcript.meeting
    names = list(attendees) + list(meeting.attendees)
    listed = Roster.build(names, meeting.departments, fuzzy=False) if names else None
    # A speaker labelled by title (卢工 for 卢志刚 on the list) is that attendee, not one more person.
    names += [u.speaker for u in transcript.utterances
              if u.speaker and not numbered(u.speaker)
              and (listed is None or listed.canonical(u.speaker) in (None, u.speaker))]
    # Homophones (唐朋 for 唐鹏) are a speech-recognition problem: match them where speakers are unlabelled
    # or only numbered (说话人2: the app did not know the voice).
    fuzzy = any(u.speaker is None or numbered(u.speaker) for u in transcript.utterances)
    return Roster.build(names, meeting.departments, fuzzy=fuzzy)


def extract_minutes(transcript: Transcript, options: ExtractOptions | None = None) -> Minutes:
    """Run segmentation and the extractors over a parsed transcript."""
    options = options or ExtractOptions()
    meeting = transcript.meeting.model_copy(deep=True)
    if options.meeting_date is not None:
        meeting.date = options.meeting_date
    if options.title:
        meeting.title = options.title
    roster = build_roster(transcript, options.attendees)
    for name in _named_in_text(transcript):
        if roster.canonical(name) is None:  # "唐朋" spoken for 唐鹏 stays 唐鹏
            roster.add(name)
    meeting.attendees = _attendees(transcript, options.attendees, roster)
    warnings = list(transcript.warnings)
    decisions, actions, questions = extract_items(transcript, roster, meeting.date, options.extractors, warnings)
    sections = segment(transcript, decisions)
    if meeting.date is None and any(a.due_text for a in actions):
        warnings.append(DraftWarning(code="no_meeting_date",
                                     message="No meeting date in the input; due dates stay unresolved "
                                             "(pass --meeting-date YYYY-MM-DD). The spoken phrases are kept as due_text."))
    for a in actions:
        if a.owner is None:
            line = a.evidence[0].line if a.evidence else None
            warnings.append(DraftWarning(code="owner_missing", line=line,
                                         message=f"Task {a.id} has no owner; assign one before sending."))
    if options.strict and warnings:
        first = warnings[0]
        where = f" (line {first.line})" if first.line else ""
        raise StrictModeError(f"--strict: {len(warnings)} warning(s), first{where}: {first.message}")
    return Minutes(language=transcript.language, source=transcript.source, format=transcript.format,
                   meeting=meeting, sections=sections, decisions=decisions, action_items=actions,
                   open_questions=questions, warnings=warnings)


_MENTION = re.compile(r"@([\u4e00-\u9fffA-Za-z](?:[\w\u4e00-\u9fff]|[-·](?=[\w\u4e00-\u9fff])){0,15})")  # @财务-钱姐
_NOT_MENTIONED = NOT_PEOPLE | {"我", "你", "他", "她", "我们", "你们", "大家", "me"}  # "有问题群里@我"
# A name spoken to someone: "王强你…", "那李娜，…" at the start of a clause.
_VOCATIVE = re.compile(r"(?:^|[，,。！？!?\s]|那|好|行|对了|吧|啊|了|呢)([\u4e00-\u9fff]{2,3}?)(?=你|，|,)")
_NOT_A_NAME = re.compile(r"^(?:明天|今天|后天|昨天|明年|明早|明晚|明白)|[吧了呢啊吗嘛哈去来点些的]$")  # "明天吧，…", "简单点，…" open no address


# An English name given a task: "Priya to book the studio", "Tom will send…", "Dana, can you…".
_EN_NAMED = re.compile(r"(?:^|[.:;!?]\s+|,\s*)(?:(?:And|So|Then|Also|OK|Okay),?\s+)?([A-Z][a-z]{2,})"
                       r"(?=(?: to| will| is going to| owns|, (?:can|could|would|please)))")
_EN_NOT_NAMES = frozenset("The This That These Those We You They It Okay So And But Also Great Thanks Sure Yes No "
                          "Agreed Alright Right Well Maybe Let Who What When Where Why How Should Can Could Would "
                          "Will Action Item Next Everyone Someone Nobody Somebody Then Now Today Tomorrow".split())


def _named_in_text(transcript: Transcript) -> list[str]:
    """People named in the text who may never speak: @mentions, and names addressed directly whose
    surname is a common one (rules/zh/surnames.txt)."""
    surnames = set(load_lexicon("zh", "surnames"))
    found: list[str] = []
    # A name is rarely written in lower case; "Just to summarise" does not make "Just" a person.
    lower_words = {w for u in transcript.utterances for w in re.findall(r"\b[a-z]{3,}\b", u.text)}
    speakers = {u.speaker for u in transcript.utterances if u.speaker}
    for u in transcript.utterances:
        text = u.norm or u.text
        for m in _MENTION.finditer(text):
            if m.group(1) not in _NOT_MENTIONED:
                found.append(m.group(1))
        for m in _EN_NAMED.finditer(text):
            if m.group(1) not in _EN_NOT_NAMES and m.group(1).lower() not in lower_words:
                found.append(m.group(1))
        for m in _VOCATIVE.finditer(text):
            name = m.group(1)
            if name[0] in surnames and not name.endswith(("总", "经理", "老师", "工")) and not _NOT_A_NAME.search(name) \
                    and not any(name.startswith(s) for s in speakers if len(s) < len(name)):  # "那王姐去，…"
                found.append(name)
    return found


def _attendees(transcript: Transcript, given: tuple[str, ...], roster: Roster) -> list[str]:
    if given:
        return list(dict.fromkeys(given))
    if transcript.meeting.attendees:
        return list(transcript.meeting.attendees)
    return list(dict.fromkeys(u.speaker for u in transcript.utterances if u.speaker))
