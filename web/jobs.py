"""Background drafting: extraction (and transcription of recordings) off the request thread.

One worker thread by default, so a long recording does not starve the machine and the server keeps
answering; each job writes its stage and progress to the store, which the page polls.

A meeting that already has a draft is re-extracted: the recorder edited its source text (a recording's
transcript, the audio staying as it is), and the new items are merged into the draft (web.merge) with the
meeting's same options.
"""
from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from extractor.errors import MinutesError

from .store import Store, StoreError, source_text_of

log = logging.getLogger(__name__)

Transcriber = Callable[..., object]
"""transcribe(path, options, progress=callback) -> Transcript; extractor.ingest.audio.transcribe by default."""


def extract_options(options: dict, extractors: str):
    """ExtractOptions from a meeting's stored options (meeting_date, attendees, title, input_format)."""
    from extractor import ExtractOptions

    values = {"input_format": options.get("input_format") or "auto",
              "meeting_date": dt.date.fromisoformat(options["meeting_date"]) if options.get("meeting_date") else None,
              "attendees": tuple(options.get("attendees") or ()), "title": options.get("title") or None}
    if "extractors" in ExtractOptions.model_fields:  # the trained-model switch
        values["extractors"] = extractors
    return ExtractOptions(**values)


class JobRunner:
    def __init__(self, store: Store, *, extractors: str = "both", transcriber: Transcriber | None = None,
                 workers: int = 1):
        self.store = store
        self.extractors = extractors
        self.transcriber = transcriber
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="minutes-job")
        self.futures: dict[int, Future] = {}

    def submit(self, meeting_id: int) -> Future:
        future = self.pool.submit(self.run, meeting_id)
        self.futures[meeting_id] = future
        return future

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)

    def run(self, meeting_id: int) -> None:
        store = self.store
        try:
            meeting = store.meeting(meeting_id)
            options = extract_options(meeting["options"], self.extractors)
            if store.has_draft(meeting_id):
                return self._rerun(meeting, options)
            transcript_text = None
            if meeting["source_kind"] == "recording":
                minutes, transcript_text = self._recording(meeting, options)
            else:
                from extractor import extract_text

                store.set_job(meeting_id, status="running", stage="extracting", progress=0.1)
                minutes = extract_text(meeting["source_text"] or "", options)
                if meeting.get("original_name"):
                    minutes = minutes.model_copy(update={"source": meeting["original_name"]})
            store.save_draft(meeting_id, minutes, transcript_text)
        except (MinutesError, StoreError) as err:
            store.set_job(meeting_id, status="failed", stage="failed", error=str(err))
        except Exception as err:  # shown on the page; the traceback goes to the server log
            log.exception("job for meeting %s failed", meeting_id)
            store.set_job(meeting_id, status="failed", stage="failed",
                          error=f"unexpected {type(err).__name__}: {err}")

    def _recording(self, meeting: dict, options):
        """Transcribe with progress (as extract_file does for a recording), then extract."""
        from extractor import extract_minutes
        from extractor.ingest.audio import TranscribeOptions
        from extractor.render import render_transcript

        meeting_id = meeting["id"]
        store = self.store
        store.set_job(meeting_id, status="running", stage="transcribing", progress=0.0)
        transcribe = self.transcriber
        if transcribe is None:
            from extractor.ingest.audio import transcribe
        last = [0.0]

        def progress(done: float, total: float) -> None:
            frac = min(1.0, done / total) if total > 0 else 0.0
            if frac - last[0] >= 0.02 or frac >= 1.0:  # a write every 2% at most
                last[0] = frac
                store.set_job(meeting_id, progress=round(0.9 * frac, 3))

        audio = TranscribeOptions(attendees=options.attendees)
        transcript = transcribe(store.file_path(meeting), audio, progress=progress)
        transcript.source = meeting.get("original_name") or transcript.source
        store.set_job(meeting_id, stage="extracting", progress=0.92)
        minutes = extract_minutes(transcript, options)
        return minutes, render_transcript(transcript, "txt")

    def _rerun(self, meeting: dict, options) -> None:
        """Extract again from the newest source revision and merge the result into the draft."""
        from extractor import extract_minutes, extract_text

        meeting_id, revision = meeting["id"], meeting["source_revision"]
        self.store.set_job(meeting_id, status="running", stage="extracting", progress=0.1)
        text = source_text_of(meeting) or ""
        if meeting["source_kind"] == "recording":
            minutes = extract_minutes(transcript_from_text(text, meeting.get("original_name")), options)
        else:
            minutes = extract_text(text, options)
        if meeting.get("original_name"):
            minutes = minutes.model_copy(update={"source": meeting["original_name"]})
        self.store.merge_extraction(meeting_id, minutes, revision)


_CLOCK = re.compile(r"^\[(?:(\d+):)?(\d{1,2}):(\d{2})\] ?")


def transcript_from_text(text: str, source: str | None = None):
    """A recording's transcript back from its text form (extractor.render.render_transcript's txt, as edited):
    `[mm:ss]` (or `[h:mm:ss]`) before a line is its start in the recording, so evidence keeps its second;
    line n stays line n."""
    from extractor.ingest import parse_text

    starts: dict[int, float] = {}
    lines = []
    for n, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        m = _CLOCK.match(line)
        if m:
            h, mm, ss = m.groups()
            starts[n] = int(h or 0) * 3600 + int(mm) * 60 + int(ss)
            line = line[m.end():]
        lines.append(line)
    transcript = parse_text("\n".join(lines), source=source)
    ordered = sorted(starts)
    for u in transcript.utterances:
        u.start = starts.get(u.line)
        after = bisect.bisect_right(ordered, u.end_line or u.line)
        u.end = starts[ordered[after]] if after < len(ordered) else None
    transcript.format = "audio"
    return transcript
