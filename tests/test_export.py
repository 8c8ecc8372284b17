"""Exports of a draft: .docx tables, task CSV, .ics deadlines, reading the JSON back, and `minutes export`."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys

import pytest
from click.testing import CliRunner
from helpers import minutes_of

from cli.main import cli
from conftest import FIXTURES
from extractor import (
    Evidence,
    ExtractOptions,
    Minutes,
    Review,
    export_minutes,
    extract_file,
    load_minutes,
    render_docx,
    render_html,
    render_ics,
    render_json,
    render_markdown,
    render_tasks_csv,
)
from extractor.errors import DraftFileError, ExportUnavailableError

docx = pytest.importorskip("docx")
icalendar = pytest.importorskip("icalendar")

TASK_HEADER = ["序号", "任务描述", "负责人", "协作方", "完成时间", "交付物", "状态", "依据"]


@pytest.fixture(scope="module")
def demo() -> Minutes:
    return extract_file(FIXTURES / "demo_meeting.txt", ExtractOptions(extractors="rules"))  # exports, not extraction, under test


def reviewed(m: Minutes, review: Review = Review.confirmed, **by_id: Review) -> Minutes:
    """A copy with every item set to `review`, except the ids given (A2=Review.rejected)."""
    m = m.model_copy(deep=True)
    for item in [*m.decisions, *m.action_items, *m.open_questions]:
        item.review = by_id.get(item.id, review)
    return m


def open_docx(data: bytes):
    assert data[:2] == b"PK"
    return docx.Document(io.BytesIO(data))


def rows(table) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in table.rows]


def paragraphs(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


# --- docx -----------------------------------------------------------------------------------------------------

def test_docx_has_the_chinese_minutes_layout(demo):
    doc = open_docx(render_docx(demo))
    text = paragraphs(doc)
    assert text[0] == "会议纪要：官网改版与五一活动协调会"
    assert ["一、会议基本信息", "二、议程与讨论记录", "三、任务分配与进度跟踪", "四、待跟进问题"] == [
        p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    info, agenda, tasks = doc.tables
    assert rows(info) == [
        ["会议名称", "官网改版与五一活动协调会"], ["会议时间", "2025-04-08 10:00"], ["地点/形式", "5楼会议室（飞书会议同步）"],
        ["主持人", "周敏"], ["记录人", "何静"], ["参会人", "周敏、陈磊、何静、孙浩、刘芳"], ["缺席", "—"]]
    agenda_rows = rows(agenda)
    assert agenda_rows[0] == ["议题", "讨论要点", "决议"]
    assert [r[0] for r in agenda_rows[1:]] == ["会议讨论", "五一活动"]
    assert "预算控制在六万以内" in agenda_rows[2][1]
    assert agenda_rows[1][2] == "D1. 官网改版4月22号上线 （第11行、第13行）"
    task_rows = rows(tasks)
    assert task_rows[0] == TASK_HEADER
    assert task_rows[1] == ["A1", "新版首页的设计稿你给陈磊一版", "何静", "—", "2025-04-11", "新版首页的设计稿", "未开始",
                            "第14行、第15行"]
    assert task_rows[2][:5] == ["A2", "支付页联调我来跟第三方对接", "陈磊", "孙浩", "2025-04-16"]
    assert len(task_rows) == 5
    assert any(t.startswith("Q1. 要不要找个网红直播带一下") and t.endswith("（第25行、第26行）") for t in text)


def test_docx_of_an_unreviewed_draft_is_marked_at_the_top(demo):
    doc = open_docx(render_docx(demo))
    assert paragraphs(doc)[1] == "草稿：以下条目均待记录人确认后再发送。"
    assert doc.sections[0].header.paragraphs[0].text == "草稿"
    partly = open_docx(render_docx(reviewed(demo, Review.confirmed, A3=Review.draft)))
    assert paragraphs(partly)[1] == "草稿：尚有1项待记录人确认后再发送。"


def test_docx_of_a_confirmed_draft_has_no_marker(demo):
    doc = open_docx(render_docx(reviewed(demo)))
    assert not any("草稿" in t for t in paragraphs(doc))
    assert doc.sections[0].header.paragraphs[0].text == ""


def test_rejected_items_are_left_out_of_every_export(demo):
    m = reviewed(demo, A2=Review.rejected, D1=Review.rejected, Q1=Review.rejected)
    doc = open_docx(render_docx(m))
    _, agenda, tasks = doc.tables
    assert [r[0] for r in rows(tasks)[1:]] == ["A1", "A3", "A4"]
    assert "官网改版4月22号上线" not in rows(agenda)[1][2]
    assert not any("网红" in t for t in paragraphs(doc))
    md = export_minutes(m, "md").decode("utf-8")
    assert "| A2 |" not in md and "| A3 |" in md
    assert "D1." not in md and "D2." in md and "Q1." not in md
    assert "  - 官网改版4月22号上线" not in md.split("### 议题2")[0]  # nor under its agenda topic
    html = export_minutes(m, "html").decode("utf-8")
    assert "<td>A2</td>" not in html and "<td>A3</td>" in html and "Q1." not in html
    csv_text = export_minutes(m, "csv").decode("utf-8")
    assert "支付页联调" not in csv_text and "活动细则" in csv_text
    assert "SUMMARY:陈磊" not in export_minutes(m, "ics").decode("utf-8")
    data = json.loads(export_minutes(m, "json"))
    assert [a["id"] for a in data["action_items"]] == ["A1", "A3", "A4"]
    assert [d["id"] for d in data["decisions"]] == ["D2"]
    assert data["open_questions"] == []
    assert data["sections"][0]["decisions"] == []
    assert "支付页联调" in render_json(m)  # the draft file itself keeps them, so a rejection can be undone


def test_docx_in_english_with_recording_times():
    m = minutes_of("Priya: Agreed. Let's go with option B.", "Sarah: I'll have the final mockups ready by Friday.",
                   meeting_date=dt.date(2024, 2, 27))
    m.action_items[0].evidence = [Evidence(line=2, start=75.0, end=80.0)]
    doc = open_docx(render_docx(m))
    assert paragraphs(doc)[0] == "Meeting minutes"
    assert paragraphs(doc)[1] == "Draft: every item awaits the recorder's confirmation."
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"][:4] == [
        "1. Meeting information", "2. Agenda and discussion", "3. Action items and progress", "4. Open questions"]
    info, agenda, tasks = doc.tables
    assert rows(info)[0] == ["Title", "—"]
    assert rows(agenda)[0] == ["Topic", "Discussion", "Decisions"]
    header, first = rows(tasks)[:2]
    assert header == ["No.", "Task", "Owner", "Collaborators", "Due", "Deliverable", "Status", "Source"]
    assert first[2] == "Sarah" and first[4] == "2024-03-01" and first[7] == "[01:15] line 2"


def test_docx_of_an_empty_draft_says_none():
    doc = open_docx(render_docx(Minutes()))
    assert rows(doc.tables[2]) == [TASK_HEADER]
    assert paragraphs(doc).count("无") == 2  # no tasks, no open questions


# --- CSV ------------------------------------------------------------------------------------------------------

def test_tasks_csv_for_feishu_and_dingtalk(demo):
    text = render_tasks_csv(demo)
    assert text.startswith("\ufeff任务描述,")
    assert "\r\n" in text
    table = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert table[0] == ["任务描述", "负责人", "协作方", "截止日期", "交付物", "状态", "来源"]
    assert table[1] == ["新版首页的设计稿你给陈磊一版", "何静", "", "2025-04-11", "新版首页的设计稿", "未开始", "第14行、第15行"]
    assert table[2][1:4] == ["陈磊", "孙浩", "2025-04-16"]
    assert len(table) == 5


def test_tasks_csv_quotes_commas_quotes_and_newlines():
    m = minutes_of("张伟：王强你明天把排期表发我。", "王强：好的。")
    m.action_items[0].task = '把"排期表",报价单\n发我'
    m.action_items[0].collaborators = ["李娜", "赵敏"]
    table = list(csv.reader(io.StringIO(render_tasks_csv(m).removeprefix("\ufeff"))))
    assert table[1][:4] == ['把"排期表",报价单\n发我', "王强", "李娜、赵敏", "2024-03-13"]


def test_tasks_csv_keeps_an_unresolved_deadline_phrase():
    m = minutes_of("张伟：王强你下周三前把排期表发我。", meeting_date=None)
    table = list(csv.reader(io.StringIO(render_tasks_csv(m).removeprefix("\ufeff"))))
    assert table[1][3] == "下周三前"


# --- ICS ------------------------------------------------------------------------------------------------------

def test_ics_has_one_all_day_event_per_due_date(demo):
    cal = icalendar.Calendar.from_ical(render_ics(demo))
    events = cal.walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [dt.date(2025, 4, 11), dt.date(2025, 4, 16),
                                                      dt.date(2025, 4, 18), dt.date(2025, 4, 10)]
    assert all(type(e.decoded("dtstart")) is dt.date for e in events)  # all-day, not a time
    assert events[0].decoded("dtend") == dt.date(2025, 4, 12)
    assert str(events[0]["summary"]) == "何静：新版首页的设计稿你给陈磊一版"
    description = str(events[0]["description"])
    assert "交付物：新版首页的设计稿" in description
    assert "第14行 周敏：何静，新版首页的设计稿你本周五前给陈磊一版。" in description
    assert description.startswith("草稿")
    assert "协作方：孙浩" in str(events[1]["description"])


def test_ics_uids_are_stable_and_distinct(demo):
    first = [str(e["uid"]) for e in icalendar.Calendar.from_ical(render_ics(demo)).walk("VEVENT")]
    second = [str(e["uid"]) for e in icalendar.Calendar.from_ical(render_ics(demo.model_copy(deep=True))).walk("VEVENT")]
    assert first == second
    assert len(set(first)) == 4 and first[0].endswith("-A1@minutes")
    other = demo.model_copy(update={"source": "another_meeting.txt"})
    assert not set(first) & {str(e["uid"]) for e in icalendar.Calendar.from_ical(render_ics(other)).walk("VEVENT")}


def test_ics_leaves_out_tasks_without_a_date():
    m = minutes_of("张伟：王强你下周三前把排期表发我。", "张伟：李娜你明天把报价单发给客户。", meeting_date=None)
    m.action_items[1].due = dt.date(2024, 3, 11)
    events = icalendar.Calendar.from_ical(render_ics(m)).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [f"{m.action_items[1].owner}：{m.action_items[1].task}"]


# --- HTML -----------------------------------------------------------------------------------------------------

def test_html_escapes_everything_from_the_draft(demo):
    m = demo.model_copy(deep=True)
    m.meeting.title = "<b>周会</b>"
    m.action_items[0].task = "<script>alert('x')</script>"
    m.sections[0].points[0] = "a & b <img src=x onerror=alert(1)>"
    page = render_html(m)
    assert "<script>" not in page and "<img" not in page and "<b>周会" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "a &amp; b &lt;img" in page
    assert "<title>会议纪要：&lt;b&gt;周会&lt;/b&gt;</title>" in page


# --- reading a draft back -------------------------------------------------------------------------------------

def test_load_minutes_round_trips(demo, tmp_path):
    path = tmp_path / "draft.json"
    path.write_text(render_json(demo), encoding="utf-8")
    assert load_minutes(path) == demo
    path.write_bytes(b"\xef\xbb\xbf" + render_json(demo).encode("utf-8"))  # saved by an editor with a BOM
    assert load_minutes(str(path)) == demo


@pytest.mark.parametrize("content, expected", [
    (b"# minutes\n", "invalid JSON at line 1"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\xff", "not UTF-8"),
    (b"[1, 2]", "not a minutes draft (no 'meeting'"),
    (b'{"meeting": {}, "action_items": [{"task": "x", "due": "next week"}]}', "action_items.0.due"),
    (b'{"meeting": {}, "action_items": [], "colour": 1}', "colour: Extra inputs are not permitted"),
], ids=["markdown", "binary", "list", "bad-date", "extra-field"])
def test_load_minutes_rejects_what_is_not_a_draft(tmp_path, content, expected):
    path = tmp_path / "draft.json"
    path.write_bytes(content)
    with pytest.raises(DraftFileError) as err:
        load_minutes(path)
    message = str(err.value)
    assert expected in message
    assert "\n" not in message and str(path) in message


def test_load_minutes_missing_file(tmp_path):
    with pytest.raises(DraftFileError, match="no such draft file"):
        load_minutes(tmp_path / "nope.json")


def test_unknown_export_format(demo):
    with pytest.raises(ValueError, match="expected one of: md, docx"):
        export_minutes(demo, "xls")


def test_a_lean_install_names_the_extra(demo, monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx now raises ImportError
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(ExportUnavailableError, match=r"pip install 'minutes\[export\]'"):
        render_docx(demo)
    with pytest.raises(ExportUnavailableError, match=r"pip install 'minutes\[export\]'"):
        render_ics(demo)
    assert render_tasks_csv(demo)  # CSV needs nothing extra


# --- the command ----------------------------------------------------------------------------------------------

@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def draft(demo, tmp_path):
    path = tmp_path / "draft.json"
    path.write_text(render_json(demo), encoding="utf-8")
    return path


def test_export_markdown_to_stdout(runner, draft, demo):
    result = runner.invoke(cli, ["export", str(draft)])
    assert result.exit_code == 0, result.output
    assert result.output == render_markdown(demo)


def test_export_docx_to_a_file_and_format_from_the_suffix(runner, draft, tmp_path):
    out = tmp_path / "会议纪要.docx"
    result = runner.invoke(cli, ["export", str(draft), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert rows(open_docx(out.read_bytes()).tables[2])[0] == TASK_HEADER


def test_export_docx_to_redirected_stdout(runner, draft):
    result = runner.invoke(cli, ["export", str(draft), "--format", "docx"])
    assert result.exit_code == 0
    assert rows(open_docx(result.stdout_bytes).tables[0])[0] == ["会议名称", "官网改版与五一活动协调会"]


def test_export_docx_refuses_a_terminal(runner, draft, monkeypatch):
    import cli.export as command

    class Terminal(io.BytesIO):
        def isatty(self):
            return True

    monkeypatch.setattr(command, "_binary_stdout", Terminal)
    result = runner.invoke(cli, ["export", str(draft), "--format", "docx"])
    assert result.exit_code == 2
    assert "give -o FILE.docx" in result.output


@pytest.mark.parametrize("fmt, start", [("csv", "\ufeff任务描述,负责人"), ("ics", "BEGIN:VCALENDAR"),
                                        ("json", "{"), ("html", "<!DOCTYPE html>")])
def test_export_text_formats(runner, draft, tmp_path, fmt, start):
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(cli, ["export", str(draft), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().decode("utf-8").startswith(start)
    assert f"wrote {out}" in result.stderr


def test_export_of_a_bad_draft_is_one_line(runner, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("周敏：开会\n", encoding="utf-8")
    result = runner.invoke(cli, ["export", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "not a minutes draft" in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_export_without_the_extra_is_one_line(runner, draft, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)
    result = runner.invoke(cli, ["export", str(draft), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 1
    assert result.output == "Error: Word (.docx) export needs the export extra: pip install 'minutes[export]'\n"


def test_markdown_marks_only_what_awaits_review(demo):
    assert "> 草稿：以下条目均待记录人确认后再发送。" in render_markdown(demo)
    assert "> 草稿：尚有1项待记录人确认后再发送。" in render_markdown(reviewed(demo, A1=Review.draft))
    assert "草稿" not in render_markdown(reviewed(demo))
    assert "草稿" not in render_markdown(reviewed(demo, Review.edited))
