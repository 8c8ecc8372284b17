"""Build transcripts in tests without going through a parser."""
from __future__ import annotations

import datetime as dt

from extractor import ExtractOptions, Minutes, extract_minutes
from extractor.schema import MeetingInfo, Transcript, Utterance
from extractor.text import language_of


def transcript(*turns: str, meeting_date: dt.date | None = None) -> Transcript:
    """Each turn is "Speaker：text" (or just text for an unlabelled line); line n is turn n."""
    utts = []
    for n, turn in enumerate(turns):
        speaker, sep, text = turn.partition("：")
        if not sep:
            speaker, sep, text = turn.partition(": ")
        if not sep:
            speaker, text = None, turn
        utts.append(Utterance(index=n, line=n + 1, speaker=speaker, text=text, norm=text))
    lang = language_of(" ".join(u.text for u in utts))
    return Transcript(format="test", language=lang, utterances=utts, meeting=MeetingInfo(date=meeting_date))


def minutes_of(*turns: str, meeting_date: dt.date | None = dt.date(2024, 3, 12),
               attendees: tuple[str, ...] = ()) -> Minutes:
    return extract_minutes(transcript(*turns), ExtractOptions(meeting_date=meeting_date, attendees=attendees))
