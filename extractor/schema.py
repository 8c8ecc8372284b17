"""The records every stage passes along: a transcript in, a minutes draft out.

`Minutes.model_dump(mode="json")` is a superset of the evaluation contract (shared/eval/FORMAT.md §1).
"""
from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Review(str, Enum):
    """Where an item stands with the recorder. Nothing leaves as `draft`."""

    draft = "draft"
    confirmed = "confirmed"
    rejected = "rejected"
    edited = "edited"


class TaskStatus(str, Enum):
    """The 状态 column of the task table."""

    open = "open"  # 未开始
    in_progress = "in_progress"  # 进行中
    done = "done"  # 已完成
    cancelled = "cancelled"  # 已取消


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Utterance(_Record):
    """One message or spoken turn, as it stands in the input."""

    index: int = Field(description="0-based position in the transcript")
    line: int = Field(description="1-based input line where the utterance text begins")
    end_line: int | None = Field(default=None, description="last input line of the text, if it spans several")
    speaker: str | None = None
    speaker_org: str | None = Field(default=None, description="department or role given beside the name")
    text: str = Field(description="the text as the user wrote it (display form)")
    norm: str = Field(default="", description="simplified-Chinese normalized text used for matching")
    start: float | None = Field(default=None, description="seconds from the start of the recording")
    end: float | None = None
    timestamp: dt.datetime | None = Field(default=None, description="wall-clock time when the input has one")
    channel: int | None = Field(default=None, description="audio channel, for multi-channel recordings")


class MeetingInfo(_Record):
    """会议基本信息."""

    title: str | None = None
    date: dt.date | None = None
    start_time: str | None = None
    place: str | None = None
    host: str | None = None
    recorder: str | None = None
    attendees: list[str] = Field(default_factory=list)
    absentees: list[str] = Field(default_factory=list)
    departments: dict[str, str] = Field(default_factory=dict, description="person -> department, where given")


class DraftWarning(_Record):
    """Something the recorder should know: a skipped line, an unresolved date."""

    code: str
    message: str
    line: int | None = None


class Transcript(_Record):
    """A parsed input: utterances plus whatever meeting info the input itself states."""

    source: str | None = None
    format: str
    language: str = "zh"
    utterances: list[Utterance] = Field(default_factory=list)
    meeting: MeetingInfo = Field(default_factory=MeetingInfo)
    warnings: list[DraftWarning] = Field(default_factory=list)


class Evidence(_Record):
    """Where an item came from, and why a field was filled the way it was."""

    line: int | None = None
    start: float | None = None
    end: float | None = None
    speaker: str | None = None
    quote: str | None = None
    reason: str | None = Field(default=None, description="e.g. 'owner: speaker of line 14'")
    extractor: str = "rules"
    rule: str | None = None


class _Item(_Record):
    id: str = ""
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = 0.5
    review: Review = Review.draft


class Decision(_Item):
    """决议."""

    text: str


class ActionItem(_Item):
    """任务分配: one row of the task table."""

    task: str
    owner: str | None = None
    collaborators: list[str] = Field(default_factory=list)
    due: dt.date | None = None
    due_text: str | None = Field(default=None, description="the deadline phrase as spoken")
    deliverable: str | None = None
    status: TaskStatus = TaskStatus.open


class OpenQuestion(_Item):
    """待跟进问题."""

    text: str


class AgendaSection(_Record):
    """议程与讨论记录: one topic with its discussion points and decisions."""

    topic: str
    first_line: int | None = None
    points: list[str] = Field(default_factory=list)
    decisions: list[str] = Field(default_factory=list, description="ids of decisions made under this topic")


class Minutes(_Record):
    """The draft the recorder reviews."""

    schema_version: str = "1"
    language: str = "zh"
    source: str | None = None
    format: str | None = None
    meeting: MeetingInfo = Field(default_factory=MeetingInfo)
    sections: list[AgendaSection] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    action_items: list[ActionItem] = Field(default_factory=list)
    open_questions: list[OpenQuestion] = Field(default_factory=list)
    warnings: list[DraftWarning] = Field(default_factory=list)


def minutes_json_schema() -> dict:
    """The JSON Schema of a minutes draft (`minutes schema`)."""
    return Minutes.model_json_schema()
