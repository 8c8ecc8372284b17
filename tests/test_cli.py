"""The command line through click's CliRunner: exit codes, stdout, one-line errors."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import cli
from conftest import FIXTURES

DEMO = str(FIXTURES / "demo_meeting.txt")


@pytest.fixture
def runner():
    return CliRunner()


def test_extract_markdown_has_the_minutes_layout(runner):
    result = runner.invoke(cli, ["extract", DEMO])
    assert result.exit_code == 0, result.output
    out = result.output
    for heading in ("# 会议纪要：官网改版与五一活动协调会", "## 一、会议基本信息", "## 二、议程与讨论记录",
                    "## 三、决议", "## 四、任务分配", "## 五、待跟进问题"):
        assert heading in out
    assert "| 任务描述 | 负责人 | 协作方 | 完成时间 | 交付物 | 状态 | 依据 |" in out
    assert "2025-04-11" in out  # 本周五 of a Tuesday meeting


def test_extract_json_meets_the_contract(runner):
    result = runner.invoke(cli, ["extract", DEMO, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["meeting"]["date"] == "2025-04-08"
    assert data["meeting"]["title"] == "官网改版与五一活动协调会"
    for key in ("decisions", "action_items", "open_questions"):
        assert isinstance(data[key], list) and data[key]
    task = data["action_items"][0]
    assert set(task) >= {"task", "owner", "due", "deliverable", "collaborators", "evidence"}
    assert all(isinstance(e["line"], int) for item in data["action_items"] for e in item["evidence"])


def test_meeting_date_and_attendees_options(runner, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("张伟：李娜你明天把报价单发给客户。\n李娜：好的。\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(notes), "--format", "json", "--meeting-date", "2024-03-10",
                                 "--attendees", "张伟,李娜,王强"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["meeting"]["attendees"] == ["张伟", "李娜", "王强"]
    assert [(a["owner"], a["due"]) for a in data["action_items"]] == [("李娜", "2024-03-11")]


def test_bad_meeting_date_is_a_usage_error(runner):
    result = runner.invoke(cli, ["extract", DEMO, "--meeting-date", "next tuesday"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_missing_file_is_a_usage_error(runner):
    result = runner.invoke(cli, ["extract", "no/such/file.txt"])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_output_file(runner, tmp_path):
    out = tmp_path / "draft.md"
    result = runner.invoke(cli, ["extract", DEMO, "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# 会议纪要")


def test_rules_check(runner):
    result = runner.invoke(cli, ["rules", "check"])
    assert result.exit_code == 0
    assert "rules OK" in result.output


def test_schema_is_json_schema(runner):
    result = runner.invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Minutes"
    assert "ActionItem" in schema["$defs"]


def test_formats_lists_every_format_with_a_sample(runner):
    result = runner.invoke(cli, ["formats"])
    assert result.exit_code == 0
    for name in ("transcript", "wechat", "dingtalk", "colon", "srt", "vtt", "slack", "zoom", "namelines", "whatsapp", "plain"):
        assert name in result.output


def test_version_and_help(runner):
    assert "minutes" in runner.invoke(cli, ["--version"]).output
    help_text = runner.invoke(cli, ["extract", "-h"]).output
    assert "Example:" in help_text


@pytest.mark.parametrize("content,message", [
    (b"", "is empty"),
    (b"%PDF-1.4 binary", "is a PDF document, not text"),
    (b"ID3\x03\x00\x00\x00\x00", "looks like audio or video"),
])
def test_bad_input_is_one_line_error_without_traceback(runner, tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = runner.invoke(cli, ["extract", str(bad)])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.output.count("\n") == 1


def test_unknown_input_format_names_the_choices(runner):
    result = runner.invoke(cli, ["extract", DEMO, "--input-format", "xls"])
    assert result.exit_code == 1
    assert "Unknown format 'xls'; expected one of: auto, transcript, wechat" in result.output


def test_strict_turns_warnings_into_an_error(runner, tmp_path):
    notes = tmp_path / "chat.txt"
    notes.write_text("2024-06-03 10:01:12 张三\n\n2024-06-03 10:02:00 李四\n我明天把报价单发群里\n", encoding="utf-8")
    lenient = runner.invoke(cli, ["extract", str(notes), "--format", "json"])
    assert lenient.exit_code == 0
    assert json.loads(lenient.output)["warnings"][0]["line"] == 1
    strict = runner.invoke(cli, ["extract", str(notes), "--strict"])
    assert strict.exit_code == 1
    assert "--strict" in strict.output and "line 1" in strict.output
