"""The review page's storage: one SQLite file in the data dir, uploaded recordings beside it.

Tables (schema version 2, see MIGRATIONS):

    meetings       the source (pasted text or an uploaded file under a generated name), the options the
                   draft was made with, and the background job's state and progress
    drafts         the working draft as the Minutes JSON, with a revision number and a lock once signed off
    item_versions  per item (D1, A2, Q1, and "meeting" for 会议基本信息): its version, last writer, when
    audit          every change: who, when, which item, the action, before and after (JSON)
    versions       signed-off copies of the draft, read-only (triggers refuse UPDATE and DELETE)
    source_revisions  every text the draft was extracted from: revision 1 the pasted/uploaded text or the
                   recording's transcript, then each edit the recorder saved (read-only like versions); the
                   meeting's source_text (transcript_text for a recording) is the newest

Every change runs in one transaction (BEGIN IMMEDIATE), so two writers of the same item cannot both win: the
second one's expected version no longer matches and it gets ConflictError naming the first.
Only the standard library here: the web extra is needed for the app, not for the store.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extractor.schema import ActionItem, Decision, Evidence, MeetingInfo, Minutes, OpenQuestion, Review

MEETING_ITEM = "meeting"
"""The item id under which 会议基本信息 is versioned and edited."""

SOURCE_ITEM = "source"
"""The audit log's item id for edits of the source text (the chat log, or a recording's transcript)."""

KINDS = {"decision": ("decisions", Decision, "D"), "action": ("action_items", ActionItem, "A"),
         "question": ("open_questions", OpenQuestion, "Q")}
"""Item kind -> (Minutes field, model, id prefix)."""

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE meetings (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        title TEXT,
        source_kind TEXT NOT NULL CHECK (source_kind IN ('text', 'file', 'recording')),
        source_text TEXT,
        file_name TEXT,
        original_name TEXT,
        options_json TEXT NOT NULL DEFAULT '{}',
        transcript_text TEXT,
        status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        stage TEXT,
        progress REAL NOT NULL DEFAULT 0,
        error TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE drafts (
        meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        minutes_json TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 1,
        signed_version INTEGER,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE item_versions (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        updated_by TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (meeting_id, item_id)
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        item_id TEXT,
        action TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT
    );
    CREATE INDEX audit_meeting ON audit(meeting_id, id);
    CREATE TABLE versions (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id),
        number INTEGER NOT NULL,
        minutes_json TEXT NOT NULL,
        signed_by TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        PRIMARY KEY (meeting_id, number)
    );
    CREATE TRIGGER versions_read_only_update BEFORE UPDATE ON versions
        BEGIN SELECT RAISE(ABORT, 'signed-off versions are read-only'); END;
    CREATE TRIGGER versions_read_only_delete BEFORE DELETE ON versions
        BEGIN SELECT RAISE(ABORT, 'signed-off versions are read-only'); END;
    """,
    # 2: source revisions (the recorder edits the transcript; extraction re-runs and merges)
    """
    CREATE TABLE source_revisions (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id),
        number INTEGER NOT NULL,
        text TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (meeting_id, number)
    );
    CREATE TRIGGER source_revisions_read_only_update BEFORE UPDATE ON source_revisions
        BEGIN SELECT RAISE(ABORT, 'source revisions are read-only'); END;
    CREATE TRIGGER source_revisions_read_only_delete BEFORE DELETE ON source_revisions
        BEGIN SELECT RAISE(ABORT, 'source revisions are read-only'); END;
    ALTER TABLE meetings ADD COLUMN source_revision INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE meetings ADD COLUMN extracted_revision INTEGER;
    INSERT INTO source_revisions (meeting_id, number, text, created_by, created_at)
        SELECT id, 1, CASE WHEN source_kind = 'recording' THEN transcript_text ELSE source_text END,
               CASE WHEN source_kind = 'recording' THEN 'transcriber' ELSE 'input' END, created_at
        FROM meetings WHERE (CASE WHEN source_kind = 'recording' THEN transcript_text ELSE source_text END)
            IS NOT NULL;
    UPDATE meetings SET extracted_revision = 1 WHERE status = 'done';
    """,
]


class StoreError(Exception):
    """Base of what the store refuses; str() is one sentence for the user."""


class NotFoundError(StoreError):
    pass


class ConflictError(StoreError):
    """The item changed since the writer read it (expected version is stale)."""

    def __init__(self, item_id: str, expected: int, current: int, last_writer: str | None, at: str | None):
        self.item_id, self.expected, self.current, self.last_writer, self.at = item_id, expected, current, \
            last_writer, at
        super().__init__(f"{item_id} was changed by {last_writer or 'someone'} at {at} (now version {current}, "
                         f"you edited version {expected}); reload to see their change, then edit again")


class LockedError(StoreError):
    """The draft is signed off; a new version has to be started before it changes."""


class NotReadyError(StoreError):
    """The meeting has no draft yet (its job is queued, running or failed), or is being re-extracted."""


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def default_data_dir() -> Path:
    """$MINUTES_DATA_DIR, else the user data dir (platformdirs when installed, else ~/.local/share/minutes)."""
    if os.environ.get("MINUTES_DATA_DIR"):
        return Path(os.environ["MINUTES_DATA_DIR"]).expanduser()
    try:
        from platformdirs import user_data_dir
    except ImportError:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        return Path(base) / "minutes"
    return Path(user_data_dir("minutes", appauthor=False))


def _items(minutes: Minutes):
    yield from minutes.decisions
    yield from minutes.action_items
    yield from minutes.open_questions


def kind_of(item_id: str) -> str | None:
    for kind, (_, _, prefix) in KINDS.items():
        if item_id.startswith(prefix) and item_id[1:].isdigit():
            return kind
    return None


class Store:
    """The SQLite database and the uploads folder of one data dir. Safe to share between threads."""

    def __init__(self, data_dir: str | os.PathLike):
        self.data_dir = Path(data_dir)
        self.uploads = self.data_dir / "uploads"
        self.uploads.mkdir(parents=True, exist_ok=True)
        self.path = self.data_dir / "minutes.sqlite3"
        self._local = threading.local()
        with self._tx() as db:
            self._migrate(db)

    # -- connections and transactions -----------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA busy_timeout=30000")
            self._local.db = db
        return db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        db = self._conn()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _migrate(self, db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = db.execute("SELECT version FROM schema_version").fetchone()
        current = row["version"] if row else 0
        if row is None:
            db.execute("INSERT INTO schema_version (version) VALUES (0)")
        if current > len(MIGRATIONS):
            raise StoreError(f"{self.path} was written by a newer minutes (schema version {current}); "
                             f"upgrade minutes or use another --data-dir")
        for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
            for statement in _statements(script):
                db.execute(statement)
            db.execute("UPDATE schema_version SET version = ?", (number,))

    def schema_version(self) -> int:
        return self._conn().execute("SELECT version FROM schema_version").fetchone()["version"]

    # -- meetings and jobs ----------------------------------------------------------------------------

    def upload_path(self, suffix: str) -> tuple[str, Path]:
        """A new generated file name (and its path) for an upload; only the checked suffix comes from the user."""
        name = f"{uuid.uuid4().hex}{suffix}"
        return name, self.uploads / name

    def create_meeting(self, *, source_kind: str, options: dict, title: str | None = None,
                       source_text: str | None = None, file_name: str | None = None,
                       original_name: str | None = None) -> int:
        with self._tx() as db:
            t = now()
            cur = db.execute(
                "INSERT INTO meetings (created_at, title, source_kind, source_text, file_name, original_name, "
                "options_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (t, title, source_kind, source_text, file_name, original_name,
                 json.dumps(options, ensure_ascii=False), t))
            meeting_id = int(cur.lastrowid)
            if source_text is not None:
                db.execute("INSERT INTO source_revisions (meeting_id, number, text, created_by, created_at) "
                           "VALUES (?, 1, ?, 'input', ?)", (meeting_id, source_text, t))
            return meeting_id

    def meeting(self, meeting_id: int) -> dict:
        row = self._conn().execute("SELECT * FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no meeting {meeting_id}")
        out = dict(row)
        out["options"] = json.loads(out.pop("options_json") or "{}")
        return out

    def meetings(self) -> list[dict]:
        rows = self._conn().execute(
            "SELECT m.id, m.created_at, m.title, m.source_kind, m.original_name, m.status, m.stage, m.progress, "
            "m.error, d.signed_version, (SELECT MAX(number) FROM versions v WHERE v.meeting_id = m.id) AS versions "
            "FROM meetings m LEFT JOIN drafts d ON d.meeting_id = m.id ORDER BY m.id DESC").fetchall()
        return [dict(r) for r in rows]

    def file_path(self, meeting: dict) -> Path | None:
        name = meeting.get("file_name")
        return self.uploads / name if name else None

    def set_job(self, meeting_id: int, *, status: str | None = None, stage: str | None = None,
                progress: float | None = None, error: str | None = None) -> None:
        sets, args = ["updated_at = ?"], [now()]
        for column, value in (("status", status), ("stage", stage), ("progress", progress), ("error", error)):
            if value is not None:
                sets.append(f"{column} = ?")
                args.append(value)
        with self._tx() as db:
            db.execute(f"UPDATE meetings SET {', '.join(sets)} WHERE id = ?", (*args, meeting_id))

    def save_draft(self, meeting_id: int, minutes: Minutes, transcript_text: str | None = None,
                   who: str = "extractor") -> None:
        """Store the extracted draft (the job's result) and mark the job done."""
        t = now()
        data = minutes.model_dump(mode="json")
        with self._tx() as db:
            db.execute("INSERT INTO drafts (meeting_id, minutes_json, updated_at) VALUES (?, ?, ?)",
                       (meeting_id, json.dumps(data, ensure_ascii=False), t))
            for item_id in [MEETING_ITEM, *(i.id for i in _items(minutes))]:
                db.execute("INSERT INTO item_versions (meeting_id, item_id, updated_by, updated_at) "
                           "VALUES (?, ?, ?, ?)", (meeting_id, item_id, who, t))
            db.execute("UPDATE meetings SET status = 'done', stage = 'done', progress = 1, updated_at = ?, "
                       "title = COALESCE(title, ?), transcript_text = COALESCE(?, transcript_text), "
                       "extracted_revision = source_revision WHERE id = ?",
                       (t, minutes.meeting.title, transcript_text, meeting_id))
            if transcript_text is not None:  # a recording: its transcript is revision 1 of the source
                db.execute("INSERT OR IGNORE INTO source_revisions (meeting_id, number, text, created_by, "
                           "created_at) VALUES (?, 1, ?, 'transcriber', ?)", (meeting_id, transcript_text, t))
            self._audit(db, meeting_id, who, None, "extract", None, {"items": sum(1 for _ in _items(minutes))})

    # -- the draft ------------------------------------------------------------------------------------

    def draft(self, meeting_id: int) -> dict:
        """{'minutes': Minutes, 'revision', 'signed_version', 'items': {item_id: {version, updated_by, updated_at}}}"""
        return self._draft(self._conn(), meeting_id)

    def _draft(self, db: sqlite3.Connection, meeting_id: int) -> dict:
        row = db.execute("SELECT * FROM drafts WHERE meeting_id = ?", (meeting_id,)).fetchone()
        if row is None:
            meeting = self.meeting(meeting_id)  # NotFoundError when there is no such meeting
            raise NotReadyError(f"meeting {meeting_id} has no draft yet (job {meeting['status']})")
        items = {r["item_id"]: {"version": r["version"], "updated_by": r["updated_by"], "updated_at": r["updated_at"]}
                 for r in db.execute("SELECT * FROM item_versions WHERE meeting_id = ?", (meeting_id,))}
        return {"minutes": Minutes.model_validate_json(row["minutes_json"]), "revision": row["revision"],
                "signed_version": row["signed_version"], "updated_at": row["updated_at"], "items": items}

    def _write(self, db, meeting_id: int, minutes: Minutes) -> None:
        db.execute("UPDATE drafts SET minutes_json = ?, revision = revision + 1, updated_at = ? WHERE meeting_id = ?",
                   (json.dumps(minutes.model_dump(mode="json"), ensure_ascii=False), now(), meeting_id))

    def _check(self, db, meeting_id: int, draft: dict, item_id: str, expected: int | None) -> dict:
        if draft["signed_version"] is not None:
            raise LockedError(f"meeting {meeting_id} is signed off as version {draft['signed_version']} and "
                              f"read-only; start a new version to change it")
        state = draft["items"].get(item_id)
        if state is None:
            raise NotFoundError(f"meeting {meeting_id} has no item {item_id}")
        if expected is not None and expected != state["version"]:
            raise ConflictError(item_id, expected, state["version"], state["updated_by"], state["updated_at"])
        return state

    def _bump(self, db, meeting_id: int, item_id: str, who: str) -> int:
        db.execute("UPDATE item_versions SET version = version + 1, updated_by = ?, updated_at = ? "
                   "WHERE meeting_id = ? AND item_id = ?", (who, now(), meeting_id, item_id))
        return db.execute("SELECT version FROM item_versions WHERE meeting_id = ? AND item_id = ?",
                          (meeting_id, item_id)).fetchone()["version"]

    def update_item(self, meeting_id: int, item_id: str, *, who: str, expected_version: int | None,
                    review: Review | None = None, fields: dict | None = None) -> dict:
        """Change one item's review state and/or fields. An edit of any field makes the review `edited`.

        Raises ConflictError when expected_version is not the item's version, LockedError when signed off,
        NotFoundError, and ValueError (pydantic's) for fields that do not fit the item.
        """
        with self._tx() as db:
            draft = self._draft(db, meeting_id)
            self._check(db, meeting_id, draft, item_id, expected_version)
            minutes: Minutes = draft["minutes"]
            if item_id == MEETING_ITEM:
                before = minutes.meeting.model_dump(mode="json")
                after_model = MeetingInfo.model_validate({**before, **(fields or {})})
                minutes = minutes.model_copy(update={"meeting": after_model})
                after, action = after_model.model_dump(mode="json"), "edit"
            else:
                field, model, _ = KINDS[kind_of(item_id)]
                items = list(getattr(minutes, field))
                pos = next(i for i, x in enumerate(items) if x.id == item_id)
                before = items[pos].model_dump(mode="json")
                data = dict(before)
                protected = {"id", "evidence", "review"}
                changes = {k: v for k, v in (fields or {}).items() if k not in protected}
                data.update(changes)
                checked = model.model_validate(data).model_dump(mode="json")
                edited = {k for k in changes if before.get(k) != checked.get(k)}
                if review is not None:
                    data["review"] = review.value
                elif edited:
                    data["review"] = Review.edited.value
                new = model.model_validate(data)
                items[pos] = new
                minutes = minutes.model_copy(update={field: items})
                after = new.model_dump(mode="json")
                action = review.value if review is not None and not edited else ("edit" if edited else "review")
            self._write(db, meeting_id, minutes)
            version = self._bump(db, meeting_id, item_id, who)
            self._audit(db, meeting_id, who, item_id, action, before, after)
            return {"id": item_id, "version": version, "item": after}

    def add_item(self, meeting_id: int, kind: str, fields: dict, *, who: str) -> dict:
        """A new item the recorder adds: review `edited`, evidence naming the recorder as its source."""
        if kind not in KINDS:
            raise ValueError(f"unknown item kind {kind!r}; expected one of: {', '.join(KINDS)}")
        field, model, prefix = KINDS[kind]
        with self._tx() as db:
            draft = self._draft(db, meeting_id)
            if draft["signed_version"] is not None:
                raise LockedError(f"meeting {meeting_id} is signed off as version {draft['signed_version']} and "
                                  f"read-only; start a new version to change it")
            minutes: Minutes = draft["minutes"]
            taken = [int(i.id[1:]) for i in getattr(minutes, field) if i.id[1:].isdigit()]
            item_id = f"{prefix}{max(taken, default=0) + 1}"
            clean = {k: v for k, v in fields.items() if k not in ("id", "evidence", "review")}
            new = model.model_validate({**clean, "id": item_id, "review": Review.edited.value, "confidence": 1.0,
                                        "evidence": [Evidence(extractor="recorder", reason=f"added by {who}")]})
            minutes = minutes.model_copy(update={field: [*getattr(minutes, field), new]})
            self._write(db, meeting_id, minutes)
            db.execute("INSERT INTO item_versions (meeting_id, item_id, updated_by, updated_at) VALUES (?, ?, ?, ?)",
                       (meeting_id, item_id, who, now()))
            after = new.model_dump(mode="json")
            self._audit(db, meeting_id, who, item_id, "add", None, after)
            return {"id": item_id, "version": 1, "item": after}


    # -- the source text and its revisions ------------------------------------------------------------

    def has_draft(self, meeting_id: int) -> bool:
        return self._conn().execute("SELECT 1 FROM drafts WHERE meeting_id = ?", (meeting_id,)).fetchone() is not None

    def source(self, meeting_id: int) -> dict:
        """The text the draft is (being) extracted from: {'revision', 'text', 'extracted_revision', 'revisions'}."""
        meeting = self.meeting(meeting_id)
        return {"revision": meeting["source_revision"], "text": source_text_of(meeting),
                "extracted_revision": meeting["extracted_revision"], "revisions": self.source_revisions(meeting_id)}

    def source_revisions(self, meeting_id: int) -> list[dict]:
        rows = self._conn().execute("SELECT number, created_by, created_at FROM source_revisions "
                                    "WHERE meeting_id = ? ORDER BY number", (meeting_id,)).fetchall()
        return [dict(r) for r in rows]

    def source_revision(self, meeting_id: int, number: int) -> dict:
        row = self._conn().execute("SELECT * FROM source_revisions WHERE meeting_id = ? AND number = ?",
                                   (meeting_id, number)).fetchone()
        if row is None:
            self.meeting(meeting_id)
            raise NotFoundError(f"meeting {meeting_id} has no source revision {number}")
        return {k: row[k] for k in ("number", "text", "created_by", "created_at")}

    def edit_source(self, meeting_id: int, text: str, *, who: str, expected_revision: int | None) -> dict:
        """Store `text` as the next source revision (earlier ones stay) and queue the re-extraction.

        Returns {'revision', 'changed'}; an unchanged text makes no revision and queues nothing. Raises
        ConflictError (item 'source') when expected_revision is not the current revision, LockedError when
        the draft is signed off, NotReadyError before the first draft, ValueError for an empty text.
        """
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            raise ValueError("the source text is empty; a draft needs something to be extracted from")
        with self._tx() as db:
            draft = self._draft(db, meeting_id)
            meeting = self.meeting(meeting_id)
            if draft["signed_version"] is not None:
                raise LockedError(f"meeting {meeting_id} is signed off as version {draft['signed_version']} and "
                                  f"read-only; start a new version to edit the source")
            current = meeting["source_revision"]
            if expected_revision is not None and expected_revision != current:
                last = db.execute("SELECT created_by, created_at FROM source_revisions WHERE meeting_id = ? "
                                  "AND number = ?", (meeting_id, current)).fetchone()
                raise ConflictError(SOURCE_ITEM, expected_revision, current, last and last["created_by"],
                                    last and last["created_at"])
            before = source_text_of(meeting) or ""
            if text == before.replace("\r\n", "\n").replace("\r", "\n"):
                return {"revision": current, "changed": False}
            t = now()
            db.execute("INSERT OR IGNORE INTO source_revisions (meeting_id, number, text, created_by, created_at) "
                       "VALUES (?, ?, ?, ?, ?)", (meeting_id, current, before,
                                                  "transcriber" if meeting["source_kind"] == "recording" else "input",
                                                  meeting["created_at"]))
            revision = current + 1
            db.execute("INSERT INTO source_revisions (meeting_id, number, text, created_by, created_at) "
                       "VALUES (?, ?, ?, ?, ?)", (meeting_id, revision, text, who, t))
            column = "transcript_text" if meeting["source_kind"] == "recording" else "source_text"
            db.execute(f"UPDATE meetings SET {column} = ?, source_revision = ?, status = 'queued', stage = 'queued', "
                       "progress = 0, error = NULL, updated_at = ? WHERE id = ?", (text, revision, t, meeting_id))
            old_lines, new_lines = _diff(before, text)
            self._audit(db, meeting_id, who, SOURCE_ITEM, "edit_source", {"revision": current, "lines": old_lines},
                        {"revision": revision, "lines": new_lines})
            return {"revision": revision, "changed": True}

    def merge_extraction(self, meeting_id: int, minutes: Minutes, revision: int, who: str = "extractor") -> dict | None:
        """Merge a re-extraction of source revision `revision` into the draft (see web.merge) and mark the job
        done. None, changing nothing, when a newer revision was saved meanwhile (its own job follows)."""
        from .merge import merge

        with self._tx() as db:
            meeting = self.meeting(meeting_id)
            if meeting["source_revision"] != revision:
                return None
            draft = self._draft(db, meeting_id)
            if draft["signed_version"] is not None:
                raise LockedError(f"meeting {meeting_id} was signed off as version {draft['signed_version']} "
                                  f"before the re-extraction finished; start a new version and save the source again")
            lines = (source_text_of(meeting) or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
            keep_meeting = draft["items"].get(MEETING_ITEM, {}).get("version", 1) > 1
            current: Minutes = draft["minutes"]
            merged, report = merge(current, minutes, lines, revision=revision, keep_meeting=keep_meeting)
            t = now()
            self._write(db, meeting_id, merged)
            for item_id in report["removed"]:
                db.execute("DELETE FROM item_versions WHERE meeting_id = ? AND item_id = ?", (meeting_id, item_id))
            for item_id in report["updated"]:
                self._bump(db, meeting_id, item_id, who)
            for item_id in report["added"]:
                db.execute("INSERT INTO item_versions (meeting_id, item_id, updated_by, updated_at) "
                           "VALUES (?, ?, ?, ?)", (meeting_id, item_id, who, t))
            if merged.meeting != current.meeting:
                self._bump(db, meeting_id, MEETING_ITEM, who)
            db.execute("UPDATE meetings SET status = 'done', stage = 'done', progress = 1, error = NULL, "
                       "extracted_revision = ?, updated_at = ? WHERE id = ?", (revision, t, meeting_id))
            self._audit(db, meeting_id, who, SOURCE_ITEM, "reextract", None, report)
            return report

    # -- sign-off and versions ------------------------------------------------------------------------

    def sign_off(self, meeting_id: int, *, who: str) -> int:
        """Freeze the draft as the next version (read-only); the draft is locked until a new version starts."""
        with self._tx() as db:
            draft = self._draft(db, meeting_id)
            if draft["signed_version"] is not None:
                raise LockedError(f"meeting {meeting_id} is already signed off as version {draft['signed_version']}")
            meeting = self.meeting(meeting_id)
            if meeting["status"] in ("queued", "running"):
                raise NotReadyError(f"meeting {meeting_id} is being re-extracted from source revision "
                                    f"{meeting['source_revision']}; sign off when the merged draft is shown")
            row = db.execute("SELECT COALESCE(MAX(number), 0) + 1 AS n FROM versions WHERE meeting_id = ?",
                             (meeting_id,)).fetchone()
            number = row["n"]
            data = json.dumps(draft["minutes"].model_dump(mode="json"), ensure_ascii=False)
            db.execute("INSERT INTO versions (meeting_id, number, minutes_json, signed_by, signed_at) "
                       "VALUES (?, ?, ?, ?, ?)", (meeting_id, number, data, who, now()))
            db.execute("UPDATE drafts SET signed_version = ? WHERE meeting_id = ?", (number, meeting_id))
            self._audit(db, meeting_id, who, None, "sign_off", None, {"version": number})
            return number

    def reopen(self, meeting_id: int, *, who: str) -> None:
        """Start a new version after a sign-off: the draft becomes editable; signed versions stay as they are."""
        with self._tx() as db:
            draft = self._draft(db, meeting_id)
            if draft["signed_version"] is None:
                return
            db.execute("UPDATE drafts SET signed_version = NULL WHERE meeting_id = ?", (meeting_id,))
            self._audit(db, meeting_id, who, None, "reopen", {"version": draft["signed_version"]}, None)

    def versions(self, meeting_id: int) -> list[dict]:
        rows = self._conn().execute("SELECT number, signed_by, signed_at FROM versions WHERE meeting_id = ? "
                                    "ORDER BY number", (meeting_id,)).fetchall()
        return [dict(r) for r in rows]

    def version(self, meeting_id: int, number: int) -> dict:
        row = self._conn().execute("SELECT * FROM versions WHERE meeting_id = ? AND number = ?",
                                   (meeting_id, number)).fetchone()
        if row is None:
            raise NotFoundError(f"meeting {meeting_id} has no signed version {number}")
        return {"number": row["number"], "signed_by": row["signed_by"], "signed_at": row["signed_at"],
                "minutes": Minutes.model_validate_json(row["minutes_json"])}

    # -- audit ----------------------------------------------------------------------------------------

    def _audit(self, db, meeting_id, who, item_id, action, before, after) -> None:
        dump = (lambda v: None if v is None else json.dumps(v, ensure_ascii=False))
        db.execute("INSERT INTO audit (meeting_id, at, who, item_id, action, before_json, after_json) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)", (meeting_id, now(), who, item_id, action, dump(before), dump(after)))

    def log(self, meeting_id: int, who: str, action: str, after: dict | None = None) -> None:
        """An audit entry for something that changes no item (a mail sent)."""
        with self._tx() as db:
            self._audit(db, meeting_id, who, None, action, None, after)

    def audit(self, meeting_id: int) -> list[dict]:
        rows = self._conn().execute("SELECT * FROM audit WHERE meeting_id = ? ORDER BY id", (meeting_id,)).fetchall()
        out = []
        for r in rows:
            d = dict(r)
            d["before"] = json.loads(d.pop("before_json")) if d["before_json"] else None
            d["after"] = json.loads(d.pop("after_json")) if d["after_json"] else None
            out.append(d)
        return out


def source_text_of(meeting: dict) -> str | None:
    """The newest source text: the transcript for a recording, else the pasted or uploaded text."""
    return meeting["transcript_text"] if meeting["source_kind"] == "recording" else meeting["source_text"]


def _diff(before: str, after: str) -> tuple[list[dict], list[dict]]:
    """The changed lines of an edit, each side as [{'line': n, 'text': ...}] (1-based; the full texts are
    the source revisions)."""
    a, b = before.replace("\r\n", "\n").split("\n"), after.split("\n")
    old, new = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            old += [{"line": n + 1, "text": a[n]} for n in range(i1, i2)]
            new += [{"line": n + 1, "text": b[n]} for n in range(j1, j2)]
    return old, new


def _statements(script: str) -> list[str]:
    """Split a migration into whole statements (trigger bodies included), as sqlite3 itself judges them."""
    out, buf = [], ""
    for part in script.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf.strip())
            buf = ""
    return out
