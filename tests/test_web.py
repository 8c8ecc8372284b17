"""The review page and its API (web/), through fastapi's TestClient against a data dir in tmp_path.

Extraction runs the rule extractors only (fast); recordings use a fake transcriber that replays segments.
"""
from __future__ import annotations

import io
import json
import sqlite3
import threading
import time
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from cli.main import cli
from conftest import FIXTURES
from extractor.schema import Minutes, Transcript, Utterance

pytest.importorskip("fastapi")
pytest.importorskip("multipart")
from fastapi.testclient import TestClient  # noqa: E402

from web import create_app  # noqa: E402
from web.store import MIGRATIONS, ConflictError, LockedError, Store  # noqa: E402

TOKEN = "test-token-123"
DEMO = (FIXTURES / "demo_meeting.txt").read_text(encoding="utf-8")
XSS = "<script>alert(1)</script>"


class FakeTranscriber:
    """Replays fixed segments as a transcript; `gate` (an Event) holds it back until the test releases it."""

    def __init__(self, gate: threading.Event | None = None):
        self.gate, self.calls, self.progress = gate, [], []

    def __call__(self, path, options, progress=None):
        self.calls.append((path, options))
        if self.gate is not None:
            assert self.gate.wait(10)
        turns = [(0.0, 4.5, "王强3月20号之前把研发排期表发给我"), (12.0, 16.0, "李娜下周三前提交营销素材"),
                 (20.0, 24.0, "<b>这个</b>下次再议吧")]
        utterances = []
        for i, (start, end, text) in enumerate(turns):
            utterances.append(Utterance(index=i, line=i + 1, text=text, norm=text, start=start, end=end))
            if progress:
                progress(end, 24.0)
                self.progress.append(end)
        return Transcript(source=path.name, format="audio", utterances=utterances)


@pytest.fixture
def fake():
    return FakeTranscriber()


@pytest.fixture
def app(tmp_path, fake):
    return create_app(tmp_path / "data", token=TOKEN, extractors="rules", max_upload_bytes=64 * 1024,
                      max_text_bytes=16 * 1024, transcriber=fake)


@pytest.fixture
def anon(app):
    with TestClient(app) as c:
        yield c


@pytest.fixture
def page(app):
    """A browser that logged in: the session cookie, and the CSRF token its forms carry."""
    with TestClient(app) as c:
        r = c.get(f"/login?token={TOKEN}", follow_redirects=False)
        assert r.status_code == 303
        c.csrf = app.state.csrf
        yield c


@pytest.fixture
def api(app):
    with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        yield c


def wait(api, meeting_id: int) -> dict:
    for _ in range(200):
        state = api.get(f"/api/meetings/{meeting_id}").json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.05)
    raise AssertionError(f"meeting {meeting_id} still {state}")


def create_demo(api, text: str = DEMO, **extra) -> int:
    r = api.post("/api/meetings", json={"text": text, **extra})
    assert r.status_code == 202, r.text
    meeting_id = r.json()["id"]
    assert wait(api, meeting_id)["status"] == "done"
    return meeting_id


def draft(api, meeting_id: int) -> dict:
    r = api.get(f"/api/meetings/{meeting_id}/draft")
    assert r.status_code == 200, r.text
    return r.json()


def version_of(d: dict, item_id: str) -> int:
    return next(i["version"] for i in d["items"] if i["id"] == item_id)


def item(d: dict, item_id: str) -> dict:
    m = d["minutes"]
    return next(i for i in (*m["decisions"], *m["action_items"], *m["open_questions"]) if i["id"] == item_id)


# -- the session token ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/api/meetings", "/docs", "/openapi.json", "/static/app.js",
                                  "/meetings/1", "/meetings/1/export/md"])
def test_every_route_needs_the_token(anon, path):
    r = anon.get(path)
    assert r.status_code == 401
    assert "login link" in r.json()["detail"]


def test_wrong_token_is_refused_everywhere(anon, app):
    assert anon.get("/api/meetings", headers={"Authorization": "Bearer nope"}).status_code == 401
    r = anon.get("/login?token=nope", follow_redirects=False)
    assert r.status_code == 401 and "set-cookie" not in r.headers
    assert anon.get("/login", follow_redirects=False).status_code == 401
    anon.cookies.set("minutes_session", "nope")
    assert anon.get("/").status_code == 401
    assert anon.post("/api/meetings", json={"text": DEMO}).status_code == 401
    assert app.state.store.meetings() == []


def test_login_link_sets_an_http_only_cookie(anon):
    r = anon.get(f"/login?token={TOKEN}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"]
    assert "minutes_session=" in cookie and "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    assert anon.get("/").status_code == 200
    r = anon.post("/logout", data={"csrf": "x"})
    assert r.status_code == 403  # even logging out needs the CSRF token


def test_bearer_token_works_without_a_cookie(api):
    assert api.get("/api/meetings").json() == []
    assert api.get("/docs").status_code == 404  # its scripts would come from a CDN; the schema is enough
    assert "/api/meetings/{meeting_id}/items/{item_id}" in api.get("/openapi.json").json()["paths"]


# -- CSRF ---------------------------------------------------------------------------------------------------

def test_forms_need_the_csrf_token(page, app):
    assert page.post("/meetings", data={"text": DEMO}).status_code == 403
    assert page.post("/meetings", data={"text": DEMO, "csrf": "forged"}).status_code == 403
    assert app.state.store.meetings() == []
    r = page.post("/meetings", data={"text": DEMO, "csrf": page.csrf}, follow_redirects=False)
    assert r.status_code == 303


def test_cookie_api_calls_need_the_csrf_header(page, api):
    meeting_id = create_demo(api)
    d = draft(page, meeting_id)
    body = {"expected_version": version_of(d, "A1"), "review": "confirmed"}
    assert page.patch(f"/api/meetings/{meeting_id}/items/A1", json=body).status_code == 403
    r = page.patch(f"/api/meetings/{meeting_id}/items/A1", json=body, headers={"X-CSRF-Token": page.csrf})
    assert r.status_code == 200, r.text


def test_page_carries_the_csrf_token_in_every_form(page, api):
    meeting_id = create_demo(api)
    html = page.get(f"/meetings/{meeting_id}").text
    forms = html.count("<form ")
    assert forms > 10
    assert html.count(f'name="csrf" value="{page.csrf}"') == forms


# -- creating meetings --------------------------------------------------------------------------------------

def test_paste_a_chat_log_and_review_it(page, api):
    r = page.post("/meetings", data={"text": DEMO, "csrf": page.csrf, "meeting_date": "", "attendees": ""},
                  follow_redirects=False)
    location = r.headers["location"]
    meeting_id = int(location.rsplit("/", 1)[1])
    wait(api, meeting_id)
    html = page.get(location).text
    for heading in ("一、会议基本信息", "二、议程与讨论记录", "三、决议", "四、任务分配", "五、待跟进问题"):
        assert heading in html
    for column in ("任务描述", "负责人", "协作方", "完成时间", "交付物", "状态"):
        assert f"<th>{column}</th>" in html
    assert "官网改版与五一活动协调会" in html
    # evidence: A1 quotes line 14, links to it, and the transcript panel has that line
    assert 'href="#line-14" data-line="14"' in html
    assert '<li id="line-14" value="14">周敏：何静，新版首页的设计稿你本周五前给陈磊一版。</li>' in html
    assert 'class="extractor" title="提取器">rules' in html
    assert "0.90" in html and "待确认" in html
    assert "尚有 <strong id=\"unreviewed\">7</strong> 项" in html
    assert page.get("/").text.count(f'href="/meetings/{meeting_id}"') == 1


def test_meeting_date_and_attendees_go_to_the_extractor(api):
    text = "王强：李娜你下周三前把方案发我。\n李娜：好的。"
    meeting_id = create_demo(api, text, meeting_date="2024-03-12", attendees=["王强", "李娜", "张伟"], title="周会")
    m = draft(api, meeting_id)["minutes"]
    assert m["meeting"]["date"] == "2024-03-12" and m["meeting"]["title"] == "周会"
    assert m["meeting"]["attendees"] == ["王强", "李娜", "张伟"]
    assert m["action_items"][0]["owner"] == "李娜" and m["action_items"][0]["due"] == "2024-03-20"


def test_chat_text_is_shown_escaped(page, api):
    meeting_id = create_demo(api, DEMO + f"陈磊：{XSS}\n", title=f"<img src=x onerror=alert(1)>")
    html = page.get(f"/meetings/{meeting_id}").text
    assert XSS not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert page.get("/").text.count("&lt;img src=x") == 1


def test_upload_a_text_file(api, app):
    r = api.post("/api/meetings/file", files={"file": ("2025-04-08 协调会.txt", DEMO.encode("gb18030"))},
                 data={"attendees": ""})
    assert r.status_code == 202, r.text
    meeting_id = r.json()["id"]
    assert wait(api, meeting_id)["status"] == "done"
    d = draft(api, meeting_id)
    assert d["minutes"]["source"] == "2025-04-08 协调会.txt" and len(d["minutes"]["action_items"]) == 4
    stored = list((app.state.store.uploads).iterdir())
    assert len(stored) == 1 and stored[0].suffix == ".txt" and "协调会" not in stored[0].name


def test_the_upload_name_never_reaches_the_file_system(api, app, tmp_path):
    r = api.post("/api/meetings/file", files={"file": ("../../../escape.txt", DEMO.encode())})
    assert r.status_code == 202
    wait(api, r.json()["id"])
    assert not (tmp_path / "escape.txt").exists() and not (tmp_path.parent / "escape.txt").exists()
    assert app.state.store.meeting(r.json()["id"])["original_name"] == "escape.txt"
    assert [p.parent for p in app.state.store.uploads.iterdir()] == [app.state.store.uploads]


def test_oversize_uploads_are_refused(api, page, app):
    big = ("周敏：" + "很长的一句话。" * 2000 + "\n").encode()  # about 40 KiB: over the 16 KiB text limit
    r = api.post("/api/meetings/file", files={"file": ("big.txt", big)})
    assert r.status_code == 413 and r.json()["detail"] == "big.txt is over the limit of 16 KiB for text files"
    r = api.post("/api/meetings/file", files={"file": ("huge.wav", b"RIFF" + b"\0" * 100 * 1024)})
    assert r.status_code == 413  # over the whole-request limit of the guard
    r = page.post("/meetings", data={"text": big.decode(), "csrf": page.csrf})
    assert r.status_code == 413
    r = page.post("/meetings", data={"text": "x" * 130_000, "csrf": page.csrf})  # over what the form parser takes
    assert r.status_code == 413 and "16 KiB" in r.json()["detail"]
    assert api.post("/api/meetings", json={"text": big.decode()}).status_code == 413
    assert app.state.store.meetings() == [] and list(app.state.store.uploads.iterdir()) == []


def test_wrong_types_are_refused(api, app):
    r = api.post("/api/meetings/file", files={"file": ("setup.exe", b"MZ\x90\x00")})
    assert r.status_code == 415 and ".txt" in r.json()["detail"]
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 200
    r = api.post("/api/meetings/file", files={"file": ("chat.txt", png)})
    assert r.status_code == 415 and "chat.txt" in r.json()["detail"]
    r = api.post("/api/meetings/file", files={"file": ("talk.wav", "周敏：这不是录音".encode())})
    assert r.status_code == 415 and "audio" in r.json()["detail"]
    r = api.post("/api/meetings/file", files={"file": ("empty.txt", b"")})
    assert r.status_code == 422
    assert app.state.store.meetings() == [] and list(app.state.store.uploads.iterdir()) == []


def test_empty_paste_is_refused(page, api):
    assert page.post("/meetings", data={"text": "  ", "csrf": page.csrf}).status_code == 422
    assert api.post("/api/meetings", json={"text": ""}).status_code == 422
    assert page.post("/meetings", data={"text": DEMO, "csrf": page.csrf, "meeting_date": "4月8日"}).status_code == 422


def test_a_recording_is_transcribed_in_the_background(page, api, app, fake):
    wav = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\0" * 64
    r = api.post("/api/meetings/file", files={"file": ("周会.wav", wav)},
                 data={"meeting_date": "2024-03-12", "attendees": "王强,李娜"})
    assert r.status_code == 202
    meeting_id = r.json()["id"]
    assert wait(api, meeting_id)["status"] == "done"
    path, options = fake.calls[0]
    assert path.parent == app.state.store.uploads and path.suffix == ".wav" and options.attendees == ("王强", "李娜")
    assert fake.progress == [4.5, 16.0, 24.0]
    html = page.get(f"/meetings/{meeting_id}").text
    assert f'<audio id="player" controls preload="metadata" src="/meetings/{meeting_id}/audio">' in html
    assert 'class="play" data-start="12.0"' in html and "▶ 00:12" in html
    assert '<li id="line-2" value="2">[00:12] 李娜下周三前提交营销素材</li>' in html
    assert "&lt;b&gt;这个&lt;/b&gt;" in html
    audio = page.get(f"/meetings/{meeting_id}/audio")
    assert audio.status_code == 200 and audio.content == wav and audio.headers["content-type"] == "audio/wav"
    part = page.get(f"/meetings/{meeting_id}/audio", headers={"Range": "bytes=0-3"})
    assert part.status_code == 206 and part.content == b"RIFF"
    tasks = draft(api, meeting_id)["minutes"]["action_items"]
    assert [(a["owner"], a["due"], a["evidence"][0]["start"]) for a in tasks] == [
        ("王强", "2024-03-20", 0.0), ("李娜", "2024-03-20", 12.0)]


def test_the_server_answers_while_a_job_runs(tmp_path, page):
    gate = threading.Event()
    slow = FakeTranscriber(gate)
    app = create_app(tmp_path / "slow", token=TOKEN, extractors="rules", transcriber=slow)
    with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        r = c.post("/api/meetings/file", files={"file": ("a.wav", b"RIFF" + b"\0" * 60)})
        meeting_id = r.json()["id"]
        for _ in range(100):
            if c.get(f"/api/meetings/{meeting_id}").json()["stage"] == "transcribing":
                break
            time.sleep(0.02)
        state = c.get(f"/api/meetings/{meeting_id}").json()
        assert state["status"] == "running" and state["stage"] == "transcribing"
        html = c.get(f"/meetings/{meeting_id}").text
        assert "正在转写录音" in html and '<meta http-equiv="refresh" content="2">' in html and "<progress" in html
        assert c.get("/").status_code == 200
        assert c.get(f"/api/meetings/{meeting_id}/draft").status_code == 409
        gate.set()
        assert wait(c, meeting_id)["status"] == "done"


def test_a_failed_job_says_why(page, api):
    r = api.post("/api/meetings", json={"text": "\n\n \n"})
    assert r.status_code == 422
    r = api.post("/api/meetings", json={"text": "x", "input_format": "excel"})
    state = wait(api, r.json()["id"])
    assert state["status"] == "failed" and "excel" in state["error"]
    html = page.get(f"/meetings/{r.json()['id']}").text
    assert "生成草稿失败" in html and "excel" in html and "refresh" not in html


# -- the draft and its items --------------------------------------------------------------------------------

def test_draft_is_the_json_contract_with_item_states(api):
    meeting_id = create_demo(api)
    r = api.get(f"/api/meetings/{meeting_id}/draft")
    assert r.headers["etag"] == '"1"'
    d = r.json()
    Minutes.model_validate(d["minutes"])
    assert [i["id"] for i in d["minutes"]["action_items"]] == ["A1", "A2", "A3", "A4"]
    states = {i["id"]: i for i in d["items"]}
    assert set(states) == {"meeting", "D1", "D2", "A1", "A2", "A3", "A4", "Q1"}
    assert states["A1"] == {"id": "A1", "kind": "action", "review": "draft", "version": 1,
                            "updated_by": "extractor", "updated_at": states["A1"]["updated_at"]}
    assert d["unreviewed"] == 7 and d["signed_version"] is None
    assert api.get("/api/meetings/99/draft").status_code == 404


def test_concurrent_edit_of_the_same_item_gets_409_naming_the_last_writer(api):
    meeting_id = create_demo(api)
    seen = version_of(draft(api, meeting_id), "A2")
    first = api.patch(f"/api/meetings/{meeting_id}/items/A2", headers={"X-Minutes-User": quote("陈磊")},
                      json={"expected_version": seen, "fields": {"owner": "孙浩"}})
    assert first.status_code == 200 and first.json()["version"] == seen + 1
    second = api.patch(f"/api/meetings/{meeting_id}/items/A2", headers={"X-Minutes-User": quote("何静")},
                       json={"expected_version": seen, "fields": {"deliverable": "联调报告"}})
    assert second.status_code == 409
    detail = second.json()["detail"]
    assert detail["last_writer"] == "陈磊" and detail["current_version"] == seen + 1 and "陈磊" in detail["message"]
    a2 = item(draft(api, meeting_id), "A2")
    assert a2["owner"] == "孙浩" and a2["deliverable"] is None  # nothing silently lost, nothing silently applied
    r = api.patch(f"/api/meetings/{meeting_id}/items/A2", headers={"If-Match": f'"{seen + 1}"'},
                  json={"fields": {"deliverable": "联调报告"}})
    assert r.status_code == 200 and item(draft(api, meeting_id), "A2")["owner"] == "孙浩"
    assert api.patch(f"/api/meetings/{meeting_id}/items/A2", json={"review": "confirmed"}).status_code == 428


def test_two_writers_at_once_one_wins(app, api):
    meeting_id = create_demo(api)
    store = app.state.store
    results = []

    def write(name):
        try:
            store.update_item(meeting_id, "D1", who=name, expected_version=1, fields={"text": f"{name}的版本"})
            results.append("ok")
        except ConflictError:
            results.append("conflict")

    threads = [threading.Thread(target=write, args=(n,)) for n in ("甲", "乙", "丙", "丁")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict", "conflict", "conflict", "ok"]
    assert len([e for e in store.audit(meeting_id) if e["item_id"] == "D1"]) == 1


def test_page_forms_confirm_edit_and_reject(page, api):
    meeting_id = create_demo(api)
    base = f"/meetings/{meeting_id}/items"
    page.post("/name", data={"name": "何静", "csrf": page.csrf})
    r = page.post(f"{base}/D1", data={"csrf": page.csrf, "version": 1, "action": "confirm"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("#item-D1")
    page.post(f"{base}/Q1", data={"csrf": page.csrf, "version": 1, "action": "reject"})
    r = page.post(f"{base}/A1", data={
        "csrf": page.csrf, "version": 1, "action": "edit", "task": "首页设计稿给陈磊", "owner": "何静",
        "collaborators": "陈磊、周敏", "due": "2025-04-12", "due_text": "", "deliverable": "首页设计稿 v1",
        "status": "in_progress"})
    assert r.status_code == 200
    d = draft(api, meeting_id)
    assert item(d, "D1")["review"] == "confirmed" and item(d, "Q1")["review"] == "rejected"
    a1 = item(d, "A1")
    assert (a1["task"], a1["owner"], a1["collaborators"], a1["due"], a1["due_text"], a1["deliverable"],
            a1["status"], a1["review"]) == ("首页设计稿给陈磊", "何静", ["陈磊", "周敏"], "2025-04-12", None,
                                            "首页设计稿 v1", "in_progress", "edited")
    assert a1["evidence"][0]["line"] == 14  # evidence stays
    page.post(f"{base}/D2", data={"csrf": page.csrf, "version": 1, "action": "edit", "text": "满减满200减30"})
    assert item(draft(api, meeting_id), "D2") | {"evidence": None} == item(draft(api, meeting_id), "D2") | {
        "text": "满减满200减30", "review": "edited", "evidence": None}
    audit = api.get(f"/api/meetings/{meeting_id}/audit").json()
    a1_edit = next(e for e in audit if e["item_id"] == "A1")
    assert a1_edit["who"] == "何静" and a1_edit["action"] == "edit"
    assert a1_edit["before"]["due"] == "2025-04-11" and a1_edit["after"]["due"] == "2025-04-12"
    html = page.get(f"/meetings/{meeting_id}").text
    assert "已确认" in html and "已驳回" in html and "已修改" in html and "何静 · A1 edit" in html
    # a stale form is refused on the page too, saying who changed it
    r = page.post(f"{base}/A1", data={"csrf": page.csrf, "version": 1, "action": "confirm"})
    assert r.status_code == 409 and "A1 was changed by 何静" in r.text
    r = page.post(f"{base}/A1", data={"csrf": page.csrf, "version": 2, "action": "edit", "task": "x",
                                     "due": "next friday"})
    assert r.status_code == 422 and "due" in r.text


def test_meeting_info_is_editable(page, api):
    meeting_id = create_demo(api)
    r = page.post(f"/meetings/{meeting_id}/items/meeting", data={
        "csrf": page.csrf, "version": 1, "action": "edit", "title": "协调会（修订）", "date": "2025-04-09",
        "start_time": "14:00", "place": "线上", "host": "周敏", "recorder": "何静",
        "attendees": "周敏、陈磊、何静", "absentees": "刘芳"})
    assert r.status_code == 200
    info = draft(api, meeting_id)["minutes"]["meeting"]
    assert (info["title"], info["date"], info["place"], info["attendees"], info["absentees"]) == (
        "协调会（修订）", "2025-04-09", "线上", ["周敏", "陈磊", "何静"], ["刘芳"])
    assert "协调会（修订）" in page.get(f"/meetings/{meeting_id}").text


def test_add_items_on_the_page_and_by_api(page, api):
    meeting_id = create_demo(api)
    r = page.post(f"/meetings/{meeting_id}/items", data={
        "csrf": page.csrf, "kind": "action", "task": "整理会议录音", "owner": "何静", "collaborators": "",
        "due": "2025-04-10", "due_text": "", "deliverable": "", "status": "open"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("#item-A5")
    r = api.post(f"/api/meetings/{meeting_id}/items", json={"kind": "question", "fields": {"text": "直播预算谁出？"}})
    assert r.status_code == 201 and r.json()["id"] == "Q2"
    assert api.post(f"/api/meetings/{meeting_id}/items", json={"kind": "action", "fields": {}}).status_code == 422
    d = draft(api, meeting_id)
    a5 = item(d, "A5")
    assert a5["owner"] == "何静" and a5["review"] == "edited" and a5["evidence"][0]["extractor"] == "recorder"
    assert version_of(d, "Q2") == 1
    assert 'class="found-by" title="提取器">recorder' in page.get(f"/meetings/{meeting_id}").text


# -- sign-off and versions ----------------------------------------------------------------------------------

def test_sign_off_freezes_a_version(page, api, app):
    meeting_id = create_demo(api)
    api.patch(f"/api/meetings/{meeting_id}/items/D1", json={"expected_version": 1, "review": "confirmed"})
    r = page.post(f"/meetings/{meeting_id}/signoff", data={"csrf": page.csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/meetings/{meeting_id}/versions/1"
    # editing while signed is refused, on the API and on the page
    r = api.patch(f"/api/meetings/{meeting_id}/items/D2", json={"expected_version": 1, "review": "confirmed"})
    assert r.status_code == 423 and "version 1" in r.json()["detail"]
    assert api.post(f"/api/meetings/{meeting_id}/items", json={"kind": "decision", "fields": {"text": "x"}}
                    ).status_code == 423
    assert page.post(f"/meetings/{meeting_id}/items/D2", data={"csrf": page.csrf, "version": 1,
                                                               "action": "confirm"}).status_code == 423
    assert api.patch(f"/api/meetings/{meeting_id}/versions/1/items/D2", json={}).status_code == 423
    assert api.post(f"/api/meetings/{meeting_id}/signoff").status_code == 423
    html = page.get(f"/meetings/{meeting_id}").text
    assert "已签发为 v1" in html and 'action="/meetings/%d/items/D2"' % meeting_id not in html
    # the database itself refuses to change a signed version
    with pytest.raises(sqlite3.DatabaseError, match="read-only"):
        with sqlite3.connect(app.state.store.path) as db:
            db.execute("UPDATE versions SET signed_by = 'x'")
    # a new version: edits go to the draft, v1 stays as signed
    assert api.post(f"/api/meetings/{meeting_id}/reopen").status_code == 200
    r = api.patch(f"/api/meetings/{meeting_id}/items/D2", json={"expected_version": 1, "fields": {"text": "改了"}})
    assert r.status_code == 200
    assert api.post(f"/api/meetings/{meeting_id}/signoff").json() == {"version": 2}
    v1 = api.get(f"/api/meetings/{meeting_id}/versions/1").json()
    assert item({"minutes": v1["minutes"]}, "D2")["text"] != "改了" and v1["signed_by"] == "记录人"
    assert [v["number"] for v in api.get(f"/api/meetings/{meeting_id}/versions").json()] == [1, 2]
    html = page.get(f"/meetings/{meeting_id}/versions/1").text
    assert "已签发版本 v1" in html and "<form method=\"post\" action=\"/meetings/%d/items" % meeting_id not in html
    assert f"/export/docx?version=1" in html
    assert api.get(f"/api/meetings/{meeting_id}/versions/9").status_code == 404


def test_store_migrates_once_and_keeps_wal(tmp_path):
    store = Store(tmp_path)
    assert store.schema_version() == len(MIGRATIONS) == 2
    assert store._conn().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    meeting_id = store.create_meeting(source_kind="text", options={}, source_text="x")
    again = Store(tmp_path)
    assert again.schema_version() == 2 and again.meeting(meeting_id)["source_text"] == "x"
    with sqlite3.connect(tmp_path / "minutes.sqlite3") as db:
        db.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(Exception, match="newer minutes"):
        Store(tmp_path)


def test_store_refuses_changes_after_sign_off(tmp_path, api, app):
    meeting_id = create_demo(api)
    store = app.state.store
    store.sign_off(meeting_id, who="周敏")
    with pytest.raises(LockedError):
        store.update_item(meeting_id, "A1", who="x", expected_version=1, fields={"owner": "y"})


# -- editing the source: a new revision, re-extraction, merge ------------------------------------------------

def edited_demo() -> str:
    """The demo with A2's due date changed (line 16), D1's settling line reworded (line 13), and a new task
    said after line 24 (so Q1's lines 25-26 move to 26-27)."""
    lines = DEMO.split("\n")
    assert lines[15].startswith("陈磊：支付页联调") and "下周三前" in lines[15]
    lines[15] = lines[15].replace("下周三前", "下周五前")
    assert lines[12] == "周敏：行，那就定了，官网改版4月22号上线。"
    lines[12] = "周敏：行，那就定了，官网改版4月23号上线。"
    lines.insert(24, "陈磊：我4月16号前把测试环境的账号整理好发给孙浩。")
    return "\n".join(lines)


def put_source(client, meeting_id: int, text: str, revision: int | None, **kw):
    body = {"text": text} if revision is None else {"text": text, "expected_revision": revision}
    return client.put(f"/api/meetings/{meeting_id}/source", json=body, **kw)


def test_editing_the_transcript_re_extracts_and_keeps_the_recorders_decisions(page, api):
    meeting_id = create_demo(api)
    before = draft(api, meeting_id)
    assert item(before, "A2")["due"] == "2025-04-16" and item(before, "Q1")["evidence"][0]["line"] == 25
    who = {"X-Minutes-User": quote("何静")}
    assert api.patch(f"/api/meetings/{meeting_id}/items/D1", headers=who,
                     json={"expected_version": 1, "review": "confirmed"}).status_code == 200
    assert api.patch(f"/api/meetings/{meeting_id}/items/A1", headers=who,
                     json={"expected_version": 1, "fields": {"owner": "陈磊", "due": "2025-04-12"}}).status_code == 200
    assert api.patch(f"/api/meetings/{meeting_id}/items/Q1", headers=who,
                     json={"expected_version": 1, "review": "rejected"}).status_code == 200
    added = api.post(f"/api/meetings/{meeting_id}/items", headers=who,
                     json={"kind": "question", "fields": {"text": "直播预算谁出？"}}).json()
    assert added["id"] == "Q2"
    decided = draft(api, meeting_id)
    kept = {i: item(decided, i) for i in ("D1", "A1", "Q1", "Q2")}

    src = api.get(f"/api/meetings/{meeting_id}/source")
    assert src.status_code == 200 and src.headers["etag"] == '"1"'
    assert src.json()["revision"] == 1 and src.json()["text"] == DEMO
    new_text = edited_demo()
    r = put_source(api, meeting_id, new_text, 1, headers=who)
    assert r.status_code == 202, r.text
    assert r.json()["revision"] == 2 and r.json()["status"] in ("queued", "running", "done")
    assert wait(api, meeting_id)["status"] == "done"
    after = draft(api, meeting_id)
    m = after["minutes"]

    # the recorder's decisions are exactly as they were, but for evidence re-pointed to where the quote now is
    for item_id, old in kept.items():
        new = item(after, item_id)
        assert new | {"evidence": None} == old | {"evidence": None}, item_id
    assert item(after, "D1")["review"] == "confirmed" and item(after, "D1")["text"] == "官网改版4月22号上线"
    a1 = item(after, "A1")
    assert (a1["owner"], a1["due"], a1["review"]) == ("陈磊", "2025-04-12", "edited")
    assert item(after, "Q1")["review"] == "rejected"
    assert [e["line"] for e in item(after, "Q1")["evidence"]] == [26, 27]  # moved down by the inserted line
    d1_lines = {e["line"]: e for e in item(after, "D1")["evidence"]}
    assert "quote not found in source revision 2" not in (d1_lines[11]["reason"] or "")
    assert "quote not found in source revision 2" in d1_lines[13]["reason"]  # its line was reworded
    # nothing doubled: the restated D1, A1 and Q1 of the new extraction were dropped
    assert [d["id"] for d in m["decisions"]] == ["D1", "D2"]
    assert [q["id"] for q in m["open_questions"]] == ["Q1", "Q2"]
    assert not any("4月23号" in d["text"] for d in m["decisions"])
    # draft items follow the edited text: A2's due date, and the new line's task
    assert [a["id"] for a in m["action_items"]] == ["A1", "A2", "A3", "A4", "A5"]
    a2 = item(after, "A2")
    assert (a2["due"], a2["due_text"], a2["review"]) == ("2025-04-18", "下周五前", "draft")
    assert "下周五前" in a2["evidence"][0]["quote"]
    a5 = item(after, "A5")
    assert (a5["owner"], a5["due"], a5["review"], a5["evidence"][0]["line"]) == ("陈磊", "2025-04-16", "draft", 25)
    assert [e["line"] for e in item(after, "A4")["evidence"]] == [24]
    assert version_of(after, "A2") == 2 and version_of(after, "A5") == 1 and version_of(after, "D1") == 2
    assert {i["id"] for i in after["items"]} == {"meeting", "D1", "D2", "A1", "A2", "A3", "A4", "A5", "Q1", "Q2"}
    assert [s["decisions"] for s in m["sections"]] == [["D1"], ["D2"]]
    # a stale item version from before the re-run is refused (A2 was replaced)
    r = api.patch(f"/api/meetings/{meeting_id}/items/A2", json={"expected_version": 1, "review": "confirmed"})
    assert r.status_code == 409

    # the old revision stays readable; the audit log has the edit (who, when, before, after) and the merge
    assert api.get(f"/api/meetings/{meeting_id}/source/1").json()["text"] == DEMO
    assert api.get(f"/api/meetings/{meeting_id}/source/2").json() | {"created_at": None} == {
        "number": 2, "text": new_text, "created_by": "何静", "created_at": None}
    assert page.get(f"/meetings/{meeting_id}/source/1").text == DEMO
    assert api.get(f"/api/meetings/{meeting_id}/source/3").status_code == 404
    audit = api.get(f"/api/meetings/{meeting_id}/audit").json()
    edit = next(e for e in audit if e["action"] == "edit_source")
    assert edit["who"] == "何静" and edit["item_id"] == "source" and edit["at"]
    assert edit["before"]["revision"] == 1 and edit["after"]["revision"] == 2
    assert {"line": 16, "text": DEMO.split("\n")[15]} in edit["before"]["lines"]
    assert {"line": 16, "text": new_text.split("\n")[15]} in edit["after"]["lines"]
    assert {"line": 25, "text": "陈磊：我4月16号前把测试环境的账号整理好发给孙浩。"} in edit["after"]["lines"]
    merged = next(e for e in audit if e["action"] == "reextract")
    assert set(merged["after"]["kept"]) == {"D1", "A1", "Q1", "Q2"} and merged["after"]["added"] == ["A5"]

    # the page shows the merged draft and the edited source
    html = page.get(f"/meetings/{meeting_id}").text
    assert '<li id="line-25" value="25">陈磊：我4月16号前把测试环境的账号整理好发给孙浩。</li>' in html
    assert 'id="item-A5"' in html and "第 2 版" in html and f'href="/meetings/{meeting_id}/source/1"' in html
    assert f'name="revision" value="2"' in html and "何静 · source edit_source" in html


def test_editing_the_source_on_the_page(page, api):
    meeting_id = create_demo(api)
    html = page.get(f"/meetings/{meeting_id}").text
    assert f'<form method="post" action="/meetings/{meeting_id}/source"' in html
    assert '<input type="hidden" name="revision" value="1">' in html
    assert "<textarea name=\"text\" rows=\"16\">\n" + DEMO.split("\n")[0] in html  # the whole text, to edit
    page.post("/name", data={"name": "周敏", "csrf": page.csrf})
    text = DEMO.replace("4月18号前", "4月21号前").replace("\n", "\r\n")  # browsers send CRLF
    assert page.post(f"/meetings/{meeting_id}/source", data={"text": text, "revision": 1}).status_code == 403
    assert api.get(f"/api/meetings/{meeting_id}/source").json()["revision"] == 1
    r = page.post(f"/meetings/{meeting_id}/source", data={"text": text, "revision": 1, "csrf": page.csrf},
                  follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/meetings/{meeting_id}#source"
    assert wait(api, meeting_id)["status"] == "done"
    assert item(draft(api, meeting_id), "A3")["due"] == "2025-04-21"
    src = api.get(f"/api/meetings/{meeting_id}/source").json()
    assert src["revision"] == 2 and "\r" not in src["text"] and src["revisions"][1]["created_by"] == "周敏"
    # a form from before that edit is stale
    r = page.post(f"/meetings/{meeting_id}/source", data={"text": DEMO, "revision": 1, "csrf": page.csrf})
    assert r.status_code == 409 and "source was changed by 周敏" in r.text
    assert api.get(f"/api/meetings/{meeting_id}/source").json()["revision"] == 2


def test_source_edits_that_are_refused(page, api):
    meeting_id = create_demo(api)
    text = DEMO.replace("4月18号前", "4月21号前")
    # a cookie request without the CSRF header
    assert put_source(page, meeting_id, text, 1).status_code == 403
    assert put_source(api, meeting_id, text, None).status_code == 428
    assert put_source(api, meeting_id, text, None, headers={"If-Match": "x"}).status_code == 400
    assert put_source(api, meeting_id, "  \n", 1).status_code == 422
    assert put_source(api, meeting_id, "周敏：" + "很长。" * 6000, 1).status_code == 413
    assert put_source(api, 99, text, 1).status_code == 404
    assert api.get(f"/api/meetings/{meeting_id}/source").json()["revision"] == 1
    # the same text again makes no revision and no re-run
    r = put_source(api, meeting_id, DEMO, 1)
    assert r.status_code == 202 and r.json()["revision"] == 1 and r.json()["status"] == "done"
    # If-Match works; then a stale revision gets 409 naming who saved the newer one
    r = api.put(f"/api/meetings/{meeting_id}/source", json={"text": text},
                headers={"If-Match": '"1"', "X-Minutes-User": quote("陈磊")})
    assert r.status_code == 202 and r.json()["revision"] == 2
    wait(api, meeting_id)
    r = put_source(api, meeting_id, DEMO + "周敏：补一句。\n", 1)
    assert r.status_code == 409
    detail = r.json()["detail"]
    assert detail["item"] == "source" and detail["current_version"] == 2 and detail["last_writer"] == "陈磊"
    # signed off: 423 on the API and on the page, and the page has no source form
    assert api.post(f"/api/meetings/{meeting_id}/signoff").status_code == 200
    assert put_source(api, meeting_id, DEMO, 2).status_code == 423
    r = page.post(f"/meetings/{meeting_id}/source", data={"text": DEMO, "revision": 2, "csrf": page.csrf})
    assert r.status_code == 423
    assert f'action="/meetings/{meeting_id}/source"' not in page.get(f"/meetings/{meeting_id}").text
    assert api.get(f"/api/meetings/{meeting_id}/source").json()["revision"] == 2
    assert len([e for e in api.get(f"/api/meetings/{meeting_id}/audit").json() if e["action"] == "edit_source"]) == 1
    # the database keeps every revision as it was
    with pytest.raises(sqlite3.DatabaseError, match="read-only"):
        with sqlite3.connect(page.app.state.store.path) as db:
            db.execute("UPDATE source_revisions SET text = 'x'")


def test_while_re_extracting_the_draft_stays_on_the_page_and_sign_off_waits(app, page, api):
    meeting_id = create_demo(api)
    jobs = app.state.jobs
    gate = threading.Event()
    jobs.pool.submit(gate.wait, 10)  # holds the one worker, so the re-extraction stays queued
    r = put_source(api, meeting_id, DEMO.replace("4月18号前", "4月21号前"), 1)
    assert r.status_code == 202 and r.json()["status"] == "queued"
    html = page.get(f"/meetings/{meeting_id}").text
    assert 'id="rerun"' in html and "正在按第 2 版原文重新提取" in html and 'id="item-A3"' in html
    assert 'http-equiv="refresh"' not in html
    assert draft(api, meeting_id)["minutes"]["action_items"][2]["due"] == "2025-04-18"  # not merged yet
    assert api.post(f"/api/meetings/{meeting_id}/signoff").status_code == 409
    # the recorder keeps reviewing meanwhile; the merge keeps that decision
    assert api.patch(f"/api/meetings/{meeting_id}/items/A3",
                     json={"expected_version": 1, "review": "confirmed"}).status_code == 200
    gate.set()
    assert wait(api, meeting_id)["status"] == "done"
    a3 = item(draft(api, meeting_id), "A3")
    assert a3["review"] == "confirmed" and a3["due"] == "2025-04-18"
    assert [a["id"] for a in draft(api, meeting_id)["minutes"]["action_items"]] == ["A1", "A2", "A3", "A4"]
    assert api.post(f"/api/meetings/{meeting_id}/signoff").status_code == 200


def test_a_stale_re_extraction_is_not_merged(app, api):
    meeting_id = create_demo(api)
    store = app.state.store
    store.edit_source(meeting_id, DEMO.replace("4月18号前", "4月21号前"), who="x", expected_revision=1)
    store.edit_source(meeting_id, DEMO.replace("4月18号前", "4月25号前"), who="x", expected_revision=2)
    from extractor import ExtractOptions, extract_text

    fresh = extract_text(DEMO.replace("4月18号前", "4月21号前"), ExtractOptions(extractors="rules"))
    assert store.merge_extraction(meeting_id, fresh, 2) is None  # revision 3 was saved meanwhile
    assert store.meeting(meeting_id)["status"] == "queued"
    app.state.jobs.submit(meeting_id).result(10)
    assert item(draft(api, meeting_id), "A3")["due"] == "2025-04-25"
    assert store.meeting(meeting_id)["extracted_revision"] == 3


def test_editing_a_recordings_transcript(page, api, app, fake):
    wav = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\0" * 64
    r = api.post("/api/meetings/file", files={"file": ("周会.wav", wav)},
                 data={"meeting_date": "2024-03-12", "attendees": "王强,李娜,张伟"})
    meeting_id = r.json()["id"]
    assert wait(api, meeting_id)["status"] == "done"
    src = api.get(f"/api/meetings/{meeting_id}/source").json()
    assert src["revision"] == 1 and src["revisions"][0]["created_by"] == "transcriber"
    assert src["text"].split("\n")[1] == "[00:12] 李娜下周三前提交营销素材"
    api.patch(f"/api/meetings/{meeting_id}/items/A1", json={"expected_version": 1, "review": "confirmed"})
    text = src["text"].replace("李娜下周三前", "李娜下周五前") + "[00:30] 张伟明天之前把会议室订好\n"
    assert put_source(api, meeting_id, text, 1).status_code == 202
    assert wait(api, meeting_id)["status"] == "done"
    assert len(fake.calls) == 1  # not transcribed again: the audio stays as it is
    tasks = draft(api, meeting_id)["minutes"]["action_items"]
    assert [(a["id"], a["owner"], a["due"], a["review"], a["evidence"][0]["start"]) for a in tasks] == [
        ("A1", "王强", "2024-03-20", "confirmed", 0.0), ("A2", "李娜", "2024-03-22", "draft", 12.0),
        ("A3", "张伟", "2024-03-13", "draft", 30.0)]
    assert api.get(f"/api/meetings/{meeting_id}/source/1").json()["text"] == src["text"]
    html = page.get(f"/meetings/{meeting_id}").text
    assert '<li id="line-4" value="4">[00:30] 张伟明天之前把会议室订好</li>' in html
    assert "编辑转写" in html and 'class="play" data-start="30.0"' in html
    assert page.get(f"/meetings/{meeting_id}/audio").content == wav


def test_store_migration_keeps_earlier_sources_as_revision_1(tmp_path, monkeypatch):
    import web.store as store_module

    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS[:1])
    old = Store(tmp_path)
    assert old.schema_version() == 1
    with old._tx() as db:
        db.execute("INSERT INTO meetings (created_at, source_kind, source_text, status, updated_at) "
                   "VALUES ('2025-04-08T10:00:00+08:00', 'text', '周敏：旧的。', 'done', 'x')")
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS)
    new = Store(tmp_path)
    assert new.schema_version() == 2
    assert new.source_revision(1, 1)["text"] == "周敏：旧的。" and new.meeting(1)["source_revision"] == 1
    assert new.meeting(1)["extracted_revision"] == 1


# -- export and send ----------------------------------------------------------------------------------------

def test_exports(page, api):
    docx = pytest.importorskip("docx")
    meeting_id = create_demo(api)
    api.patch(f"/api/meetings/{meeting_id}/items/A4", json={"expected_version": 1, "review": "rejected"})
    expected = {"md": "text/markdown", "json": "application/json", "csv": "text/csv", "ics": "text/calendar",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    for fmt, media in expected.items():
        r = page.get(f"/meetings/{meeting_id}/export/{fmt}")
        assert r.status_code == 200 and r.headers["content-type"].startswith(media), fmt
        assert "attachment" in r.headers["content-disposition"]
        assert "审批单" not in (r.content.decode("utf-8", "replace") if fmt != "docx" else ""), fmt
    assert "# 会议纪要：官网改版与五一活动协调会" in page.get(f"/meetings/{meeting_id}/export/md").text
    doc = docx.Document(io.BytesIO(page.get(f"/meetings/{meeting_id}/export/docx").content))
    tasks = [t for t in doc.tables if "任务描述" in [c.text for c in t.rows[0].cells]]
    assert tasks and len(tasks[0].rows) == 1 + 3  # A4 rejected
    assert json.loads(api.get(f"/api/meetings/{meeting_id}/export/json").content)["action_items"][-1]["id"] == "A3"
    assert api.get(f"/api/meetings/{meeting_id}/export/xls").status_code == 422
    assert page.get(f"/meetings/{meeting_id}/export/xls").status_code == 404
    assert page.get(f"/meetings/{meeting_id}/export/md?version=3").status_code == 404


from test_send import smtp  # noqa: E402,F401  (the local aiosmtpd server fixture)


def test_send_refuses_while_items_are_unreviewed_then_sends(page, api, smtp):
    meeting_id = create_demo(api)
    r = page.post(f"/meetings/{meeting_id}/send", data={"csrf": page.csrf, "to": "chen@example.com"})
    assert r.status_code == 409 and "7 item(s) are still in review" in r.text and not smtp.envelopes
    r = api.post(f"/api/meetings/{meeting_id}/send", json={"to": ["chen@example.com"]})
    assert r.status_code == 409
    d = draft(api, meeting_id)
    for state in d["items"]:
        if state["id"] != "meeting":
            api.patch(f"/api/meetings/{meeting_id}/items/{state['id']}",
                      json={"expected_version": state["version"], "review": "confirmed"})
    r = page.post(f"/meetings/{meeting_id}/send", data={"csrf": page.csrf, "to": "chen@example.com, 孙浩 <sun@example.com>"})
    assert r.status_code == 200 and "已发送" in r.text
    assert len(smtp.envelopes) == 1 and smtp.envelopes[0].rcpt_tos == ["chen@example.com", "sun@example.com"]
    r = api.post(f"/api/meetings/{meeting_id}/send", json={"to": "not-an-address"})
    assert r.status_code == 422
    assert any(e["action"] == "send" for e in api.get(f"/api/meetings/{meeting_id}/audit").json())


# -- the command ---------------------------------------------------------------------------------------------

def test_serve_help_and_registration():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0 and "--data-dir" in result.output and "127.0.0.1" in result.output


def test_serve_without_the_web_extra_names_the_install(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "uvicorn", None)
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: the review page needs the web extra (uvicorn is not installed): "
                                     "pip install 'minutes[web]'")


def test_serve_prints_the_login_link(monkeypatch, tmp_path):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, log_level: seen.update(app=app, host=host, port=port))
    monkeypatch.delenv("MINUTES_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--data-dir", str(tmp_path / "d"), "--port", "9001"])
    assert result.exit_code == 0, result.output
    token = seen["app"].state.token
    assert f"http://127.0.0.1:9001/login?token={token}" in result.output and seen["host"] == "127.0.0.1"
    assert (tmp_path / "d" / "minutes.sqlite3").exists()
    monkeypatch.setenv("MINUTES_TOKEN", "fixed-token")
    result = CliRunner().invoke(cli, ["serve", "--data-dir", str(tmp_path / "d")])
    assert seen["app"].state.token == "fixed-token" and "fixed-token" not in result.output


def test_default_data_dir(monkeypatch, tmp_path):
    from web.store import default_data_dir

    monkeypatch.setenv("MINUTES_DATA_DIR", str(tmp_path / "x"))
    assert default_data_dir() == tmp_path / "x"
    monkeypatch.delenv("MINUTES_DATA_DIR")
    assert default_data_dir().name == "minutes"


def test_a_long_paste_from_the_page_form_is_taken(tmp_path):
    """The page's form is multipart (it has the file input); a pasted log over 1 MiB must still go through."""
    app = create_app(tmp_path / "long", token=TOKEN, extractors="rules")
    with TestClient(app) as c:
        c.get(f"/login?token={TOKEN}")
        long_text = "周敏：" + "今天先同步一下进度。" * 60000 + "\n" + DEMO  # about 1.9 MB
        r = c.post("/meetings", data={"text": long_text, "csrf": app.state.csrf},
                   files={"file": ("", b"", "application/octet-stream")}, follow_redirects=False)
        assert r.status_code == 303, r.text
        assert app.state.store.meeting(1)["source_text"] == long_text


def test_unfinished_jobs_resume_when_the_server_starts(tmp_path):
    store = Store(tmp_path / "resume")
    meeting_id = store.create_meeting(source_kind="text", options={"meeting_date": "2025-04-08"}, source_text=DEMO)
    store.set_job(meeting_id, status="running", stage="extracting")
    app = create_app(tmp_path / "resume", token=TOKEN, extractors="rules")
    with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        assert wait(c, meeting_id)["status"] == "done"
        assert len(draft(c, meeting_id)["minutes"]["action_items"]) == 4


def test_a_re_extraction_left_queued_runs_when_the_server_starts(tmp_path):
    app = create_app(tmp_path / "rerun", token=TOKEN, extractors="rules")
    with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        meeting_id = create_demo(c)
        c.patch(f"/api/meetings/{meeting_id}/items/A3", json={"expected_version": 1, "review": "rejected"})
    store = Store(tmp_path / "rerun")  # the server is down: the edit is saved, its job never ran
    store.edit_source(meeting_id, DEMO.replace("两个工作日内", "4月9号前"), who="周敏", expected_revision=1)
    app = create_app(tmp_path / "rerun", token=TOKEN, extractors="rules")
    with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        assert wait(c, meeting_id)["status"] == "done"
        d = draft(c, meeting_id)
        assert item(d, "A4")["due"] == "2025-04-09" and item(d, "A3")["review"] == "rejected"
        assert len(d["minutes"]["action_items"]) == 4
