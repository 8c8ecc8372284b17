"""Background drafting: extraction (and transcription of recordings) off the request thread.

One worker thread by default, so a long recording does not starve the machine and the server keeps
answering; each job writes its stage and progress to the store, which the page polls.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from extractor.errors import MinutesError

from .store import Store

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
        except MinutesError as err:
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
