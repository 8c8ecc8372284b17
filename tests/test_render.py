"""Markdown layout in both languages, evidence references, sections, and the JSON serializer."""
from __future__ import annotations

import datetime as dt
import json

from helpers import minutes_of

from extractor import render_json, render_markdown
from extractor.schema import Evidence


def test_chinese_markdown_tables_and_references():
    m = minutes_of("张伟：议题一，上线时间。", "张伟：那就这么定，4月18号上线。", "张伟：王强你周五前把排期表发我。",
                   "王强：好的。", "张伟：定价先待定吧。")
    md = render_markdown(m)
    assert "### 议题1：上线时间" in md
    assert "D1. 4月18号上线 （第2行）" in md
    assert "| A1 | 把排期表发我 | 王强 | — | 2024-03-15 | 排期表 | 未开始 | 第3行、第4行 |" in md
    assert "Q1. 定价先待定吧" in md


def test_english_markdown_uses_english_headings():
    m = minutes_of("Priya: Agreed. Let's go with option B.", "Sarah: I'll have the final mockups ready by Friday.",
                   meeting_date=dt.date(2024, 2, 27))
    md = render_markdown(m)
    assert md.startswith("# Meeting minutes")
    assert "## 4. Action items" in md
    assert "| A1 |" in md and "Sarah" in md and "2024-03-01" in md


def test_times_are_shown_for_recordings():
    m = minutes_of("张伟：王强你明天把排期表发我。")
    m.action_items[0].evidence = [Evidence(line=3, start=75.0, end=80.0)]
    assert "[01:15] 第3行" in render_markdown(m)


def test_unresolved_due_is_shown_with_its_phrase():
    m = minutes_of("张伟：王强你下周三前把排期表发我。", meeting_date=None)
    md = render_markdown(m)
    assert "（未解析：下周三前）" in md
    assert "--meeting-date" in md  # the warning says how to fix it


def test_json_round_trips_through_the_schema():
    from extractor import Minutes

    m = minutes_of("张伟：王强你明天把排期表发我。")
    data = json.loads(render_json(m))
    assert Minutes.model_validate(data) == m
    assert data["action_items"][0]["review"] == "draft"


def test_announced_agenda_names_the_sections():
    m = minutes_of("杨帆：今天两个议题：议题一是新品排期，议题二是仓储备货。", "杨帆：先看议题一。", "孔丽：固件还差一个bug。",
                   "杨帆：好，议题二。", "袁梅：库存够用。")
    assert [(s.topic, s.first_line) for s in m.sections] == [("新品排期", 1), ("仓储备货", 4)]


def test_long_meeting_without_cues_is_cut_at_a_topic_shift():
    first = [f"张伟：服务器扩容的机房机柜电源{i}号要检查" for i in range(12)]
    second = [f"李娜：年会节目彩排场地预订餐饮菜单{i}份" for i in range(12)]
    m = minutes_of(*first, *second)
    assert len(m.sections) == 2
    assert m.sections[1].first_line == 13
