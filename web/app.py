"""The recorder's review page and its HTTP API (FastAPI, server-rendered Jinja2 pages, a little plain JS).

Every request needs the session token: the `minutes_session` cookie that /login?token=... sets, or
`Authorization: Bearer TOKEN`. Every POST/PATCH made with the cookie also needs the CSRF token (the `csrf`
form field, or the X-CSRF-Token header from the page's script); bearer requests are not sent by browsers on
their own, so they need none.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import re
import secrets
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, unquote

from fastapi import Body, Depends, FastAPI, File, Form, Header, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.exceptions import HTTPException as StarletteHTTPException
from pydantic import BaseModel, Field, ValidationError

from extractor.schema import Minutes, Review

from .jobs import JobRunner, Transcriber
from .store import (KINDS, MEETING_ITEM, ConflictError, LockedError, NotFoundError, NotReadyError, Store,
                    StoreError, default_data_dir, kind_of, source_text_of)

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
COOKIE = "minutes_session"
USER_COOKIE = "minutes_user"
LOW_CONFIDENCE = 0.7
TEXT_SUFFIXES = frozenset({".txt", ".log", ".md", ".srt", ".vtt", ".json", ".csv"})
AUDIO_SUFFIXES = frozenset({".mp3", ".m4a", ".wav", ".ogg", ".opus", ".flac", ".mp4", ".webm", ".aac", ".mkv",
                            ".mov", ".amr", ".wma", ".m4v"})
MAX_UPLOAD = 500 * 1024 * 1024  # recordings
MAX_TEXT = 5 * 1024 * 1024  # chat logs, pasted or uploaded
_SAFE_PREFIXES = ("/login",)
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
_NAMES = re.compile(r"[,，、;；]")


# -- API bodies -------------------------------------------------------------------------------------------

class MeetingIn(BaseModel):
    """A meeting from pasted text."""

    text: str = Field(description="the chat log or transcript")
    meeting_date: dt.date | None = None
    attendees: list[str] = Field(default_factory=list)
    title: str | None = None
    input_format: str = "auto"


class MeetingOut(BaseModel):
    id: int
    status: Literal["queued", "running", "done", "failed"]
    stage: str | None = None
    progress: float = 0
    error: str | None = None
    title: str | None = None
    source_kind: str
    original_name: str | None = None
    signed_version: int | None = None


class ItemState(BaseModel):
    id: str
    kind: Literal["meeting", "decision", "action", "question"]
    review: Review | None = None
    version: int
    updated_by: str | None = None
    updated_at: str | None = None


class DraftOut(BaseModel):
    meeting_id: int
    revision: int
    signed_version: int | None = Field(description="set while the draft is signed off (read-only)")
    unreviewed: int
    minutes: dict = Field(description="the JSON contract (extractor.schema.Minutes), item ids and review included")
    items: list[ItemState]


class ItemUpdate(BaseModel):
    expected_version: int | None = Field(default=None, description="the version you read; or send If-Match")
    review: Review | None = Field(default=None, description="confirmed, rejected, edited (or back to draft)")
    fields: dict[str, Any] = Field(default_factory=dict, description="fields to change; any change makes it edited")


class ItemNew(BaseModel):
    kind: Literal["decision", "action", "question"]
    fields: dict[str, Any]


class SourceIn(BaseModel):
    text: str = Field(description="the whole new source text: the chat log, or a recording's transcript")
    expected_revision: int | None = Field(default=None, description="the source revision you read; or If-Match")


class SourceOut(BaseModel):
    meeting_id: int
    revision: int = Field(description="the newest source revision")
    extracted_revision: int | None = Field(description="the revision the draft was last extracted from")
    status: Literal["queued", "running", "done", "failed"]
    text: str | None = None
    revisions: list[dict] = Field(default_factory=list, description="number, created_by, created_at of each")


class SendIn(BaseModel):
    to: list[str] | str
    subject: str | None = None


# -- the app ----------------------------------------------------------------------------------------------

def create_app(data_dir: str | Path | None = None, *, token: str | None = None, extractors: str = "both",
               max_upload_bytes: int = MAX_UPLOAD, max_text_bytes: int = MAX_TEXT,
               transcriber: Transcriber | None = None, workers: int = 1) -> FastAPI:
    """The ASGI app over one data dir. `token` is the session token (a random one when None: app.state.token)."""
    store = Store(data_dir or default_data_dir())
    token = token or secrets.token_urlsafe(24)
    csrf = hmac.new(token.encode(), b"minutes-csrf", hashlib.sha256).hexdigest()
    jobs = JobRunner(store, extractors=extractors, transcriber=transcriber, workers=workers)

    # No /docs or /redoc: FastAPI's pages load their scripts from a CDN, and this page stays offline.
    app = FastAPI(title="minutes review", version="1", docs_url=None, redoc_url=None,
                  description="The recorder's review page for minutes drafts (会议纪要). Every request needs the "
                              "session token: `Authorization: Bearer TOKEN`, or the cookie /login?token= sets.")
    app.state.store, app.state.token, app.state.csrf, app.state.jobs = store, token, csrf, jobs
    app.state.max_upload, app.state.max_text = max_upload_bytes, max_text_bytes
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True
    templates.env.globals.update(LOW_CONFIDENCE=LOW_CONFIDENCE, kind_of=kind_of)
    templates.env.filters["clock"] = _clock
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.add_middleware(_Guard, token=token, limit=max_upload_bytes + 256 * 1024)
    app.router.on_shutdown.append(jobs.shutdown)
    for unfinished in store.meetings():  # the server stopped while these were queued or running
        if unfinished["status"] in ("queued", "running"):
            jobs.submit(unfinished["id"])

    # -- dependencies -------------------------------------------------------------------------------------

    async def check_csrf(request: Request) -> None:
        if request.method not in _UNSAFE or request.scope.get("minutes_auth") == "bearer":
            return
        sent = request.headers.get("x-csrf-token")
        if sent is None and request.headers.get("content-type", "").startswith(
                ("application/x-www-form-urlencoded", "multipart/form-data")):
            try:  # the first parse of the form; room for a pasted log up to the text limit, %-encoded
                sent = (await request.form(max_part_size=3 * max_text_bytes + 65536)).get("csrf")
            except StarletteHTTPException as err:
                if "maximum size" in str(err.detail):
                    raise HTTPException(413, f"a form field is over the limit of {_size(max_text_bytes)}") from None
                raise
        if not isinstance(sent, str) or not hmac.compare_digest(sent, csrf):
            raise HTTPException(403, "missing or wrong CSRF token; reload the page and try again")

    def who(request: Request) -> str:
        name = unquote(request.headers.get("x-minutes-user") or request.cookies.get(USER_COOKIE) or "")  # UTF-8, %-encoded
        return name.strip()[:40] or "记录人"

    guarded = [Depends(check_csrf)]

    def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        context.update(csrf=csrf, user=who(request))
        return templates.TemplateResponse(request, name, context, status_code=status)

    # -- shared steps ---------------------------------------------------------------------------------------

    def create(kind: str, options: dict, *, text: str | None = None, file_name: str | None = None,
               original: str | None = None) -> int:
        meeting_id = store.create_meeting(source_kind=kind, options=options, title=options.get("title"),
                                          source_text=text, file_name=file_name, original_name=original)
        jobs.submit(meeting_id)
        return meeting_id

    def options_of(meeting_date, attendees, title, input_format) -> dict:
        if isinstance(attendees, str):
            attendees = [n.strip() for n in _NAMES.split(attendees) if n.strip()]
        return {"meeting_date": meeting_date.isoformat() if meeting_date else None, "attendees": attendees or [],
                "title": (title or "").strip() or None, "input_format": input_format or "auto"}

    async def from_upload(upload: UploadFile, options: dict) -> int:
        from extractor.errors import InputError
        from extractor.ingest.decode import decode_bytes

        original = Path(upload.filename or "upload").name[:200]
        suffix = Path(original).suffix.lower()
        if suffix not in TEXT_SUFFIXES | AUDIO_SUFFIXES:
            raise HTTPException(415, f"{original}: not a file the page takes; give a chat log or transcript "
                                     f"({', '.join(sorted(TEXT_SUFFIXES))}) or a recording "
                                     f"({', '.join(sorted(AUDIO_SUFFIXES))})")
        recording = suffix in AUDIO_SUFFIXES
        limit = max_upload_bytes if recording else max_text_bytes
        name, path = store.upload_path(suffix)
        size = 0
        with open(path, "wb") as out:
            while chunk := await upload.read(1 << 20):
                size += len(chunk)
                if size > limit:
                    out.close()
                    path.unlink(missing_ok=True)
                    raise HTTPException(413, f"{original} is over the limit of {_size(limit)} "
                                             f"for {'recordings' if recording else 'text files'}")
                out.write(chunk)
        if size == 0:
            path.unlink(missing_ok=True)
            raise HTTPException(422, f"{original} is empty")
        if recording:
            if not _looks_like_media(path):
                path.unlink(missing_ok=True)
                raise HTTPException(415, f"{original} does not look like audio or video; give the recording itself")
            return create("recording", options, file_name=name, original=original)
        try:
            text, _ = decode_bytes(path.read_bytes(), original)
        except InputError as err:
            path.unlink(missing_ok=True)
            raise HTTPException(415, str(err)) from None
        return create("file", options, text=text, file_name=name, original=original)

    def save_source(request: Request, meeting_id: int, text: str, expected: int | None) -> dict:
        """A new source revision, and its re-extraction queued (nothing queued when the text is unchanged)."""
        if len(text.encode()) > max_text_bytes:
            raise HTTPException(413, f"the source text is over {_size(max_text_bytes)}")
        saved = store.edit_source(meeting_id, text, who=who(request), expected_revision=expected)
        if saved["changed"]:
            jobs.submit(meeting_id)
        return saved

    def minutes_for(meeting_id: int, version: int | None) -> Minutes:
        try:
            if version is not None:
                return store.version(meeting_id, version)["minutes"]
            return store.draft(meeting_id)["minutes"]
        except StoreError as err:
            raise _http(err) from None

    def export_response(meeting_id: int, fmt: str, version: int | None) -> Response:
        from extractor.render import EXPORT_FORMATS, export_minutes
        from extractor.send import attachment_name

        if fmt not in EXPORT_FORMATS:
            raise HTTPException(404, f"unknown export format {fmt!r}; expected one of: {', '.join(EXPORT_FORMATS)}")
        minutes = minutes_for(meeting_id, version)
        try:
            data = export_minutes(minutes, fmt)
        except Exception as err:  # ExportUnavailableError without the export extra
            from extractor.errors import MinutesError

            if isinstance(err, MinutesError):
                raise HTTPException(501, str(err)) from None
            raise
        stem = attachment_name(minutes).removesuffix(".docx") + (f"_v{version}" if version else "")
        filename = stem + EXPORT_FORMATS[fmt]
        media = {"md": "text/markdown; charset=utf-8", "json": "application/json", "csv": "text/csv; charset=utf-8",
                 "ics": "text/calendar; charset=utf-8", "html": "text/html; charset=utf-8",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}[fmt]
        return Response(data, media_type=media, headers={
            "Content-Disposition": f"attachment; filename=\"minutes{EXPORT_FORMATS[fmt]}\"; "
                                   f"filename*=UTF-8''{quote(filename)}"})

    def send(meeting_id: int, to, subject: str | None):
        from extractor.errors import SendError, UnreviewedDraftError
        from extractor.send import SendOptions, send_minutes

        minutes = minutes_for(meeting_id, None)
        try:
            result = send_minutes(minutes, SendOptions(to=to, subject=subject or None))
        except UnreviewedDraftError as err:
            raise HTTPException(409, str(err).replace(" with --allow-unreviewed", "").replace(
                ", or send anyway", "")) from None
        except SendError as err:
            raise HTTPException(422 if type(err).__name__ == "SendConfigError" else 502, str(err)) from None
        store.log(meeting_id, "server", "send", {"to": result.recipients, "subject": result.subject})
        return result

    # -- pages ------------------------------------------------------------------------------------------

    @app.get("/login", include_in_schema=False)
    def login(request: Request):
        given = request.query_params.get("token", "")
        if not given or not hmac.compare_digest(given, token):
            return HTMLResponse("<!doctype html><meta charset=utf-8><title>minutes</title><p>Wrong or missing "
                                "token. Open the login link that <code>minutes serve</code> printed.</p>",
                                status_code=401)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
        return response

    @app.post("/logout", include_in_schema=False, dependencies=guarded)
    def logout():
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    @app.post("/name", include_in_schema=False, dependencies=guarded)
    def set_name(request: Request, name: str = Form(""), back: str = Form("/")):
        response = RedirectResponse(back if back.startswith("/") and not back.startswith("//") else "/", 303)
        response.set_cookie(USER_COOKIE, quote(name.strip()[:40]), httponly=True, samesite="strict", path="/")
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request):
        return page(request, "index.html", meetings=store.meetings(),
                    max_upload=_size(max_upload_bytes), max_text=_size(max_text_bytes),
                    accept=",".join(sorted(TEXT_SUFFIXES | AUDIO_SUFFIXES)))

    @app.post("/meetings", include_in_schema=False, dependencies=guarded)
    async def create_page(request: Request):
        # The form is read by hand (check_csrf parsed it first): FastAPI's Form() would cap the pasted text at 1 MiB.
        form = await request.form()
        text, file = str(form.get("text") or ""), form.get("file")
        meeting_date, attendees = str(form.get("meeting_date") or ""), str(form.get("attendees") or "")
        title, input_format = str(form.get("title") or ""), str(form.get("input_format") or "auto")
        try:
            date = dt.date.fromisoformat(meeting_date) if meeting_date.strip() else None
        except ValueError:
            raise HTTPException(422, f"'{meeting_date}' is not a date; use YYYY-MM-DD") from None
        options = options_of(date, attendees, title, input_format)
        if isinstance(file, StarletteUpload) and file.filename:
            meeting_id = await from_upload(file, options)
        elif text.strip():
            if len(text.encode()) > max_text_bytes:
                raise HTTPException(413, f"the pasted text is over {_size(max_text_bytes)}")
            meeting_id = create("text", options, text=text)
        else:
            raise HTTPException(422, "paste a chat log or choose a file")
        return RedirectResponse(f"/meetings/{meeting_id}", status_code=303)

    @app.get("/meetings/{meeting_id}", response_class=HTMLResponse, include_in_schema=False)
    def review_page(request: Request, meeting_id: int):
        return _review(request, meeting_id)

    def _review(request: Request, meeting_id: int, version: int | None = None, status: int = 200,
                error: str | None = None, notice: str | None = None) -> HTMLResponse:
        try:
            meeting = store.meeting(meeting_id)
        except StoreError as err:
            raise _http(err) from None
        if meeting["status"] != "done" and not store.has_draft(meeting_id):
            return page(request, "pending.html", meeting=meeting, status=status)
        draft = store.draft(meeting_id)
        signed = None
        if version is not None:
            try:
                signed = store.version(meeting_id, version)
            except StoreError as err:
                raise _http(err) from None
        minutes = signed["minutes"] if signed else draft["minutes"]
        source = source_text_of(meeting)
        lines = (source or "").replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
        if meeting["status"] == "failed" and error is None:
            error = f"重新提取失败（原文第 {meeting['source_revision']} 版）：{meeting['error']}"
        from extractor.render import unreviewed_count, without_rejected
        from extractor.render.markdown import labels

        return page(request, "review.html", status=status, meeting=meeting, minutes=minutes, draft=draft,
                    signed=signed, read_only=signed is not None or draft["signed_version"] is not None,
                    lines=lines, L=labels(minutes), versions=store.versions(meeting_id),
                    unreviewed=unreviewed_count(without_rejected(minutes)), error=error, notice=notice,
                    audit=store.audit(meeting_id)[-20:], kinds=KINDS, source=source or "",
                    source_revisions=store.source_revisions(meeting_id))

    @app.get("/meetings/{meeting_id}/versions/{number}", response_class=HTMLResponse, include_in_schema=False)
    def version_page(request: Request, meeting_id: int, number: int):
        return _review(request, meeting_id, version=number)

    @app.post("/meetings/{meeting_id}/items/{item_id}", include_in_schema=False, dependencies=guarded)
    async def item_form(request: Request, meeting_id: int, item_id: str):
        form = await request.form()
        action = form.get("action", "edit")
        try:
            expected = int(form.get("version", ""))
        except ValueError:
            expected = None
        review = {"confirm": Review.confirmed, "reject": Review.rejected, "undo": Review.draft}.get(action)
        fields = {} if review else _form_fields(item_id, form)
        try:
            store.update_item(meeting_id, item_id, who=who(request), expected_version=expected, review=review,
                              fields=fields)
        except (StoreError, ValidationError, ValueError) as err:
            return _review(request, meeting_id, status=_http(err).status_code, error=_message(err))
        return RedirectResponse(f"/meetings/{meeting_id}#item-{item_id}", status_code=303)

    @app.post("/meetings/{meeting_id}/items", include_in_schema=False, dependencies=guarded)
    async def add_form(request: Request, meeting_id: int):
        form = await request.form()
        kind = str(form.get("kind", ""))
        prefix = KINDS.get(kind, (None, None, "X"))[2]
        try:
            added = store.add_item(meeting_id, kind, _form_fields(f"{prefix}0", form), who=who(request))
        except (StoreError, ValidationError, ValueError) as err:
            return _review(request, meeting_id, status=_http(err).status_code, error=_message(err))
        return RedirectResponse(f"/meetings/{meeting_id}#item-{added['id']}", status_code=303)

    @app.post("/meetings/{meeting_id}/source", include_in_schema=False, dependencies=guarded)
    async def source_form(request: Request, meeting_id: int):
        # Read by hand (check_csrf parsed it first), as for a pasted log: Form() would cap the text at 1 MiB.
        form = await request.form()
        try:
            expected = int(str(form.get("revision", "")))
        except ValueError:
            expected = None
        if expected is None:
            return _review(request, meeting_id, status=428, error="the form has no source revision; reload the page")
        try:
            save_source(request, meeting_id, str(form.get("text") or ""), expected)
        except (StoreError, ValueError) as err:
            return _review(request, meeting_id, status=_http(err).status_code, error=_message(err))
        return RedirectResponse(f"/meetings/{meeting_id}#source", status_code=303)

    @app.get("/meetings/{meeting_id}/source/{number}", include_in_schema=False)
    def source_revision_page(meeting_id: int, number: int):
        try:
            revision = store.source_revision(meeting_id, number)
        except StoreError as err:
            raise _http(err) from None
        return Response(revision["text"], media_type="text/plain; charset=utf-8")

    @app.post("/meetings/{meeting_id}/signoff", include_in_schema=False, dependencies=guarded)
    def signoff_form(request: Request, meeting_id: int):
        try:
            number = store.sign_off(meeting_id, who=who(request))
        except StoreError as err:
            return _review(request, meeting_id, status=_http(err).status_code, error=str(err))
        return RedirectResponse(f"/meetings/{meeting_id}/versions/{number}", status_code=303)

    @app.post("/meetings/{meeting_id}/reopen", include_in_schema=False, dependencies=guarded)
    def reopen_form(request: Request, meeting_id: int):
        try:
            store.reopen(meeting_id, who=who(request))
        except StoreError as err:
            raise _http(err) from None
        return RedirectResponse(f"/meetings/{meeting_id}", status_code=303)

    @app.post("/meetings/{meeting_id}/send", include_in_schema=False, dependencies=guarded)
    def send_form(request: Request, meeting_id: int, to: str = Form(""), subject: str = Form("")):
        try:
            result = send(meeting_id, to, subject)
        except HTTPException as err:
            return _review(request, meeting_id, status=err.status_code, error=str(err.detail))
        return _review(request, meeting_id, notice=f"已发送：{result.subject} → {', '.join(result.recipients)}")

    @app.get("/meetings/{meeting_id}/export/{fmt}", include_in_schema=False)
    def export_page(meeting_id: int, fmt: str, version: int | None = None):
        return export_response(meeting_id, fmt, version)

    @app.get("/meetings/{meeting_id}/audio", include_in_schema=False)
    def audio(meeting_id: int):
        try:
            meeting = store.meeting(meeting_id)
        except StoreError as err:
            raise _http(err) from None
        path = store.file_path(meeting)
        if meeting["source_kind"] != "recording" or path is None or not path.exists():
            raise HTTPException(404, f"meeting {meeting_id} has no recording")
        return FileResponse(path, media_type=_media_type(path.suffix))

    # -- the API ----------------------------------------------------------------------------------------

    @app.get("/api/meetings", response_model=list[MeetingOut], tags=["meetings"])
    def api_meetings():
        """Every meeting, newest first, with its job state."""
        return [_meeting_out(m) for m in store.meetings()]

    @app.post("/api/meetings", status_code=202, response_model=MeetingOut, tags=["meetings"],
              dependencies=guarded)
    def api_create(body: MeetingIn):
        """A meeting from pasted text; the draft is made in the background (poll GET /api/meetings/{id})."""
        if not body.text.strip():
            raise HTTPException(422, "text is empty; give the chat log or transcript")
        if len(body.text.encode()) > max_text_bytes:
            raise HTTPException(413, f"the text is over {_size(max_text_bytes)}")
        meeting_id = create("text", options_of(body.meeting_date, body.attendees, body.title, body.input_format),
                            text=body.text)
        return _meeting_out(store.meeting(meeting_id))

    @app.post("/api/meetings/file", status_code=202, response_model=MeetingOut, tags=["meetings"],
              dependencies=guarded)
    async def api_create_file(file: UploadFile = File(..., description="a chat log/transcript or a recording"),
                              meeting_date: dt.date | None = Form(None), attendees: str = Form(""),
                              title: str = Form(""), input_format: str = Form("auto")):
        """A meeting from an uploaded file: text (size limit max_text) or a recording (max_upload)."""
        meeting_id = await from_upload(file, options_of(meeting_date, attendees, title, input_format))
        return _meeting_out(store.meeting(meeting_id))

    @app.get("/api/meetings/{meeting_id}", response_model=MeetingOut, tags=["meetings"])
    def api_meeting(meeting_id: int):
        """A meeting's job state: queued, running (stage, progress 0..1), done or failed (error)."""
        try:
            meeting = store.meeting(meeting_id)
        except StoreError as err:
            raise _http(err) from None
        out = _meeting_out(meeting)
        if store.has_draft(meeting_id):
            out.signed_version = store.draft(meeting_id)["signed_version"]
        return out

    @app.get("/api/meetings/{meeting_id}/draft", response_model=DraftOut, tags=["review"])
    def api_draft(meeting_id: int, response: Response):
        """The working draft: the JSON contract, plus each item's review status and version (for If-Match)."""
        try:
            draft = store.draft(meeting_id)
        except StoreError as err:
            raise _http(err) from None
        response.headers["ETag"] = f'"{draft["revision"]}"'
        return _draft_out(meeting_id, draft)

    @app.patch("/api/meetings/{meeting_id}/items/{item_id}", tags=["review"], dependencies=guarded,
               responses={409: {"description": "the item changed since expected_version (names the last writer)"},
                          423: {"description": "the draft is signed off"},
                          428: {"description": "no expected_version or If-Match"}})
    def api_update(request: Request, meeting_id: int, item_id: str, body: ItemUpdate,
                   if_match: str | None = Header(None)):
        """Confirm, reject or edit one item (or `meeting`, the 会议基本信息), given the version you read."""
        expected = _expected(body.expected_version, if_match, "expected_version", "item version")
        try:
            return store.update_item(meeting_id, item_id, who=who(request), expected_version=expected,
                                     review=body.review, fields=body.fields)
        except (StoreError, ValidationError, ValueError) as err:
            raise _http(err) from None

    @app.post("/api/meetings/{meeting_id}/items", status_code=201, tags=["review"], dependencies=guarded)
    def api_add(request: Request, meeting_id: int, body: ItemNew):
        """Add a decision, task or open question the extractors missed."""
        try:
            return store.add_item(meeting_id, body.kind, body.fields, who=who(request))
        except (StoreError, ValidationError, ValueError) as err:
            raise _http(err) from None

    @app.get("/api/meetings/{meeting_id}/source", response_model=SourceOut, tags=["source"])
    def api_source(meeting_id: int, response: Response):
        """The newest source text (a recording's transcript), its revision (for If-Match) and the earlier ones."""
        try:
            src, meeting = store.source(meeting_id), store.meeting(meeting_id)
        except StoreError as err:
            raise _http(err) from None
        response.headers["ETag"] = f'"{src["revision"]}"'
        return SourceOut(meeting_id=meeting_id, status=meeting["status"], **src)

    @app.get("/api/meetings/{meeting_id}/source/{number}", tags=["source"])
    def api_source_revision(meeting_id: int, number: int):
        """One source revision as it was saved (earlier ones stay readable)."""
        try:
            return store.source_revision(meeting_id, number)
        except StoreError as err:
            raise _http(err) from None

    @app.put("/api/meetings/{meeting_id}/source", status_code=202, response_model=SourceOut, tags=["source"],
             dependencies=guarded,
             responses={409: {"description": "the source changed since expected_revision, or no draft yet"},
                        423: {"description": "the draft is signed off"},
                        428: {"description": "no expected_revision or If-Match"}})
    def api_edit_source(request: Request, meeting_id: int, body: SourceIn, if_match: str | None = Header(None)):
        """Save an edited source text as a new revision and re-extract in the background with the meeting's
        options. Confirmed, edited, rejected and added items stay as they are; draft items are replaced by
        the new extraction's (poll GET /api/meetings/{id} until done, then read the draft)."""
        expected = _expected(body.expected_revision, if_match, "expected_revision", "source revision")
        try:
            save_source(request, meeting_id, body.text, expected)
            src, meeting = store.source(meeting_id), store.meeting(meeting_id)
        except (StoreError, ValueError) as err:
            raise _http(err) from None
        return SourceOut(meeting_id=meeting_id, status=meeting["status"], **{**src, "text": None})

    @app.post("/api/meetings/{meeting_id}/signoff", tags=["versions"], dependencies=guarded)
    def api_signoff(request: Request, meeting_id: int):
        """Freeze the draft as the next signed version; the draft stays read-only until reopened."""
        try:
            return {"version": store.sign_off(meeting_id, who=who(request))}
        except StoreError as err:
            raise _http(err) from None

    @app.post("/api/meetings/{meeting_id}/reopen", tags=["versions"], dependencies=guarded)
    def api_reopen(request: Request, meeting_id: int):
        """Start a new version after a sign-off: the draft becomes editable again; signed versions stay."""
        try:
            store.reopen(meeting_id, who=who(request))
        except StoreError as err:
            raise _http(err) from None
        return {"signed_version": None}

    @app.get("/api/meetings/{meeting_id}/versions", tags=["versions"])
    def api_versions(meeting_id: int):
        """The signed-off versions: number, who signed, when."""
        return store.versions(meeting_id)

    @app.get("/api/meetings/{meeting_id}/versions/{number}", tags=["versions"])
    def api_version(meeting_id: int, number: int):
        """One signed-off version (read-only)."""
        try:
            v = store.version(meeting_id, number)
        except StoreError as err:
            raise _http(err) from None
        return {**v, "minutes": v["minutes"].model_dump(mode="json")}

    @app.patch("/api/meetings/{meeting_id}/versions/{number}/items/{item_id}", tags=["versions"],
               dependencies=guarded, responses={423: {"description": "always: signed versions are read-only"}})
    def api_edit_version(meeting_id: int, number: int, item_id: str):
        """Signed versions cannot be edited: this always answers 423 (reopen the draft for a new version)."""
        try:
            store.version(meeting_id, number)
        except StoreError as err:
            raise _http(err) from None
        raise HTTPException(423, f"version {number} is signed off and read-only; POST "
                                 f"/api/meetings/{meeting_id}/reopen to start a new version")

    @app.get("/api/meetings/{meeting_id}/export/{fmt}", tags=["export"],
             responses={200: {"content": {"application/octet-stream": {}}}})
    def api_export(meeting_id: int, fmt: Literal["md", "docx", "json", "csv", "ics", "html"],
                   version: int | None = None):
        """The draft (or a signed version) as md, docx, json, csv, ics or html; rejected items left out."""
        return export_response(meeting_id, fmt, version)

    @app.post("/api/meetings/{meeting_id}/send", tags=["export"], dependencies=guarded,
              responses={409: {"description": "items are still unreviewed"}})
    def api_send(meeting_id: int, body: SendIn):
        """Mail the minutes (SMTP settings from the environment or config file); refused while items are unreviewed."""
        return send(meeting_id, body.to, body.subject).model_dump()

    @app.get("/api/meetings/{meeting_id}/audit", tags=["review"])
    def api_audit(meeting_id: int):
        """Every change to the meeting: who, when, item, action, before and after."""
        return store.audit(meeting_id)

    return app


# -- helpers ------------------------------------------------------------------------------------------------

def _meeting_out(m: dict) -> MeetingOut:
    return MeetingOut(id=m["id"], status=m["status"], stage=m.get("stage"), progress=m.get("progress") or 0,
                      error=m.get("error"), title=m.get("title"), source_kind=m["source_kind"],
                      original_name=m.get("original_name"), signed_version=m.get("signed_version"))


def _draft_out(meeting_id: int, draft: dict) -> DraftOut:
    from extractor.render import unreviewed_count, without_rejected

    minutes: Minutes = draft["minutes"]
    reviews = {i.id: i.review for i in (*minutes.decisions, *minutes.action_items, *minutes.open_questions)}
    items = [ItemState(id=item_id, kind=kind_of(item_id) or "meeting", review=reviews.get(item_id), **state)
             for item_id, state in draft["items"].items()]
    return DraftOut(meeting_id=meeting_id, revision=draft["revision"], signed_version=draft["signed_version"],
                    unreviewed=unreviewed_count(without_rejected(minutes)),
                    minutes=minutes.model_dump(mode="json"), items=items)


def _message(err: Exception) -> str:
    if isinstance(err, ValidationError):
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "item"
        return f"{where}: {first['msg']}"
    return str(err)


def _http(err: Exception) -> HTTPException:
    if isinstance(err, ConflictError):
        return HTTPException(409, {"message": str(err), "item": err.item_id, "current_version": err.current,
                                   "expected_version": err.expected, "last_writer": err.last_writer,
                                   "changed_at": err.at})
    status = {NotFoundError: 404, LockedError: 423, NotReadyError: 409}.get(type(err))
    if status is None:
        status = 422 if isinstance(err, (ValidationError, ValueError)) else 400
    return HTTPException(status, _message(err))


def _form_fields(item_id: str, form) -> dict:
    """An edit form's fields for the kind of item; empty text is None, name lists are split on 、,，."""
    def text(name):
        value = form.get(name)
        return None if value is None else (str(value).strip() or None)

    def names(name):
        value = form.get(name)
        return None if value is None else [n.strip() for n in _NAMES.split(str(value)) if n.strip()]

    if item_id == MEETING_ITEM:
        fields = {k: text(k) for k in ("title", "date", "start_time", "place", "host", "recorder")}
        fields.update(attendees=names("attendees"), absentees=names("absentees"))
    elif kind_of(item_id) == "action":
        fields = {k: text(k) for k in ("task", "owner", "due", "due_text", "deliverable", "status")}
        fields["collaborators"] = names("collaborators")
        if fields.get("status") is None:
            fields.pop("status")
    else:
        fields = {"text": text("text")}
    return {k: v for k, v in fields.items() if v is not None or form.get(k) is not None}


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB" if n >= 1024 * 1024 else f"{n // 1024} KiB"


def _clock(seconds: float | None) -> str:
    s = int(seconds or 0)
    return f"{s // 60:02d}:{s % 60:02d}" if s < 3600 else f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _media_type(suffix: str) -> str:
    return {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".wav": "audio/wav", ".ogg": "audio/ogg",
            ".opus": "audio/ogg", ".flac": "audio/flac", ".mp4": "video/mp4", ".webm": "audio/webm",
            ".aac": "audio/aac", ".m4v": "video/mp4", ".mov": "video/quicktime"}.get(suffix, "application/octet-stream")


def _looks_like_media(path: Path) -> bool:
    """A cheap check of the first bytes against the containers recordings come in."""
    with open(path, "rb") as fh:
        head = fh.read(64)
    return (head[:4] in (b"RIFF", b"OggS", b"fLaC", b"\x1aE\xdf\xa3", b"#!AM", b"0&\xb2u")
            or head[:3] == b"ID3" or head[4:8] == b"ftyp" or (head[:2] == b"\xff\xfb")
            or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0))


class _Guard:
    """Pure ASGI middleware: the session token on every request but /login, and a cap on body size."""

    def __init__(self, app, token: str, limit: int):
        self.app, self.token, self.limit = app, token, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if not path.startswith(_SAFE_PREFIXES):
            how = self._auth(headers)
            if how is None:
                return await _plain(send, 401, "unauthorized: open the login link `minutes serve` printed, or send "
                                              "Authorization: Bearer TOKEN", {"www-authenticate": "Bearer"})
            scope["minutes_auth"] = how
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.limit:
            return await _plain(send, 413, f"request body over the limit of {_size(self.limit)}")
        seen = 0
        started = False

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracking_send)
        except _TooLarge:
            if not started:
                await _plain(send, 413, f"request body over the limit of {_size(self.limit)}")

    def _auth(self, headers: dict) -> str | None:
        bearer = headers.get("authorization", "")
        if bearer[:7].lower() == "bearer " and hmac.compare_digest(bearer[7:].strip(), self.token):
            return "bearer"
        for part in headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE and hmac.compare_digest(value, self.token):
                return "cookie"
        return None


class _TooLarge(Exception):
    pass


async def _plain(send, status: int, text: str, extra: dict | None = None) -> None:
    body = json.dumps({"detail": text}, ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in (extra or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _expected(given: int | None, if_match: str | None, field: str, what: str) -> int:
    """The version a writer read: `field` in the body, else the If-Match header; 400 when the header is
    no number, 428 when neither is there."""
    if given is None and if_match:
        try:
            given = int(if_match.strip('W/" '))
        except ValueError:
            raise HTTPException(400, f"If-Match {if_match!r} is not a {what}") from None
    if given is None:
        raise HTTPException(428, f"give {field} (or If-Match) with the {what} you read")
    return given
