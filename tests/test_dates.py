"""Due dates: every row of FORMAT.md §3 in Chinese and English, the weekday rules from each day of the week,
calendar edges, working days against the real holiday calendar, things that are not deadlines, and the
shared dev set. Expected dates are written out by hand, never computed by the code under test."""
from __future__ import annotations

import json
import logging
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.dates import DueMatch, add_working_days, find_all_due, find_due, resolve_due
from extractor.rules import load_rules

from conftest import SHARED_EVAL

D = date.fromisoformat
WED = D("2025-03-12")  # a Wednesday; its week runs Mon 2025-03-10 .. Sun 2025-03-16


def _case(text: str, meeting: str, due: str | None):
    return pytest.param(text, D(meeting), None if due is None else D(due), id=f"{text}@{meeting}")


# ---------------------------------------------------------------------------------------------- §3 table
CONVENTION_TABLE = [
    # absolute dates: the meeting's year, or the next one when already past
    _case("张伟3月20日前把排期表发出来", "2025-03-12", "2025-03-20"),
    _case("3月20号之前给我", "2025-03-12", "2025-03-20"),
    _case("截止3月20日", "2025-03-12", "2025-03-20"),
    _case("需求文档截止三月二十号", "2025-03-12", "2025-03-20"),
    _case("2024年3月20日前提交", "2025-03-12", "2024-03-20"),
    _case("2026-01-15前上线", "2025-03-12", "2026-01-15"),
    _case("please send it by March 20", "2025-03-12", "2025-03-20"),
    _case("by March 20th", "2025-03-12", "2025-03-20"),
    _case("3月1日前交", "2025-03-12", "2026-03-01"),
    _case("by March 1", "2025-03-12", "2026-03-01"),
    # relative days
    _case("明天给我", "2025-03-12", "2025-03-13"),
    _case("后天之前发出来", "2025-03-12", "2025-03-14"),
    _case("大后天上线", "2025-03-12", "2025-03-15"),
    _case("tomorrow", "2025-03-12", "2025-03-13"),
    _case("the day after tomorrow", "2025-03-12", "2025-03-14"),
    # this week's day
    _case("本周五前", "2025-03-12", "2025-03-14"),
    _case("这周五给我", "2025-03-12", "2025-03-14"),
    _case("can you do it this Friday", "2025-03-12", "2025-03-14"),
    # next week's day
    _case("下周三交", "2025-03-12", "2025-03-19"),
    _case("let's target next Wednesday", "2025-03-12", "2025-03-19"),
    # bare weekday: strictly after the meeting date
    _case("周五前", "2025-03-12", "2025-03-14"),
    _case("by Friday", "2025-03-12", "2025-03-14"),
    # this week
    _case("本周内完成", "2025-03-12", "2025-03-14"),
    _case("这周之内", "2025-03-12", "2025-03-14"),
    _case("by end of week", "2025-03-12", "2025-03-14"),
    # next week
    _case("下周给到大家", "2025-03-12", "2025-03-21"),
    _case("下周内", "2025-03-12", "2025-03-21"),
    _case("sometime next week", "2025-03-12", "2025-03-21"),
    # month end
    _case("月底", "2025-03-12", "2025-03-31"),
    _case("本月底交", "2025-03-12", "2025-03-31"),
    _case("月底前", "2025-02-05", "2025-02-28"),
    _case("by the end of the month", "2025-03-12", "2025-03-31"),
    _case("end of month", "2024-02-10", "2024-02-29"),
    # next month's day
    _case("下个月15号", "2025-03-12", "2025-04-15"),
    _case("下月十五号之前", "2025-12-20", "2026-01-15"),
    # within
    _case("3天内", "2025-03-12", "2025-03-15"),
    _case("十天之内", "2025-03-12", "2025-03-22"),
    _case("一周内", "2025-03-12", "2025-03-19"),
    _case("两周内", "2025-03-12", "2025-03-26"),
    _case("三周内", "2025-03-12", "2025-04-02"),
    _case("半个月内", "2025-03-12", "2025-03-27"),
    _case("within 3 days", "2025-03-12", "2025-03-15"),
    _case("within two weeks", "2025-03-12", "2025-03-26"),
    _case("in a week", "2025-03-12", "2025-03-19"),
    # within a month: same day next month, clamped
    _case("一个月内", "2025-03-12", "2025-04-12"),
    _case("一个月内", "2025-01-31", "2025-02-28"),
    _case("一个月内", "2024-01-31", "2024-02-29"),
    _case("within a month", "2025-01-31", "2025-02-28"),
    _case("一个月之内", "2025-12-31", "2026-01-31"),
    # week after next
    _case("下下周三", "2025-03-12", "2025-03-26"),
    _case("the Wednesday after next", "2025-03-12", "2025-03-26"),
    # a named period: its last day
    _case("年内搞定", "2025-03-12", "2025-12-31"),
    _case("8月份上线", "2025-03-12", "2025-08-31"),
    _case("8月份上线", "2025-09-03", "2026-08-31"),
    _case("by the end of August", "2025-03-12", "2025-08-31"),
    # year end
    _case("年底前", "2025-03-12", "2025-12-31"),
    _case("年前完成", "2025-03-12", "2025-12-31"),
    _case("by end of year", "2025-03-12", "2025-12-31"),
    # quarter
    _case("Q2", "2025-03-12", "2025-06-30"),
    _case("二季度", "2025-03-12", "2025-06-30"),
    _case("第二季度末", "2025-03-12", "2025-06-30"),
    _case("by end of Q3", "2025-03-12", "2025-09-30"),
    _case("第四季度结束前", "2024-07-09", "2024-12-31"),
    # time of day: the day only
    _case("下班前", "2025-03-12", "2025-03-12"),
    _case("今天上午", "2025-03-12", "2025-03-12"),
    _case("明天下午3点前", "2025-03-12", "2025-03-13"),
    _case("今晚", "2025-03-12", "2025-03-12"),
    _case("today", "2025-03-12", "2025-03-12"),
    _case("by EOD", "2025-03-12", "2025-03-12"),
    _case("tomorrow at 5pm", "2025-03-12", "2025-03-13"),
    # no deadline stated
    _case("这个方案大家再看看", "2025-03-12", None),
    _case("let's discuss the budget", "2025-03-12", None),
]


@pytest.mark.parametrize("text, meeting, expected", CONVENTION_TABLE)
def test_convention_table(text, meeting, expected):
    assert resolve_due(text, meeting) == expected


# ---------------------------------------------------------------------------------------------- weekdays
# The meeting on each day of the week 2025-03-10 (Mon) .. 2025-03-16 (Sun).
WEEK = [D("2025-03-10"), D("2025-03-11"), D("2025-03-12"), D("2025-03-13"), D("2025-03-14"), D("2025-03-15"),
        D("2025-03-16")]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

# phrase -> expected due for a meeting on Mon, Tue, ..., Sun of that week
WEEKDAY_TABLE = {
    # this week's day: the same date whatever day the meeting is on
    "本周五前": ["03-14"] * 7,
    "这周一": ["03-10"] * 7,
    "这礼拜六": ["03-15"] * 7,
    "这周日前": ["03-16"] * 7,
    "this Friday": ["03-14"] * 7,
    # next week's day
    "下周三": ["03-19"] * 7,
    "下礼拜一之前": ["03-17"] * 7,
    "下个星期天": ["03-23"] * 7,
    "next Tuesday": ["03-18"] * 7,
    "Friday next week": ["03-21"] * 7,
    # the week after next
    "下下周三": ["03-26"] * 7,
    "下下个星期五": ["03-28"] * 7,
    # bare weekday: the next one strictly after the meeting date
    "周五前": ["03-14", "03-14", "03-14", "03-14", "03-21", "03-21", "03-21"],
    "星期一之前": ["03-17"] * 7,
    "礼拜三": ["03-12", "03-12", "03-19", "03-19", "03-19", "03-19", "03-19"],
    "周日以前": ["03-16", "03-16", "03-16", "03-16", "03-16", "03-16", "03-23"],
    "by Friday": ["03-14", "03-14", "03-14", "03-14", "03-21", "03-21", "03-21"],
    "on Monday": ["03-17"] * 7,
    # whole weeks: their Friday
    "本周内": ["03-14"] * 7,
    "下周": ["03-21"] * 7,
    "next week": ["03-21"] * 7,
    "by end of the week": ["03-14"] * 7,
}
WEEKDAY_CASES = [
    pytest.param(text, WEEK[i], D("2025-" + want[i]), id=f"{text}@{DAYS[i]}")
    for text, want in WEEKDAY_TABLE.items() for i in range(7)
]


@pytest.mark.parametrize("text, meeting, expected", WEEKDAY_CASES)
def test_weekday_from_every_day_of_the_week(text, meeting, expected):
    assert resolve_due(text, meeting) == expected


# ---------------------------------------------------------------------------------------------- edges
EDGES = [
    # year rollover
    _case("1月5日前交", "2025-12-18", "2026-01-05"),
    _case("一月五号之前", "2025-12-18", "2026-01-05"),
    _case("by January 5", "2025-12-18", "2026-01-05"),
    _case("下个月10号", "2025-12-18", "2026-01-10"),
    _case("Q1之前", "2025-11-03", "2026-03-31"),
    # leap years
    _case("2月29日前", "2024-01-10", "2024-02-29"),
    _case("月底", "2024-02-03", "2024-02-29"),
    _case("月底", "2100-02-03", "2100-02-28"),
    # next week's day across a month and a year boundary
    _case("下周三", "2025-01-29", "2025-02-05"),
    _case("下周三", "2025-12-30", "2026-01-07"),
    _case("下下周一", "2025-12-24", "2026-01-05"),
    # times of day are dropped
    _case("明天下午3点前", "2025-12-31", "2026-01-01"),
    _case("明天上午九点前完成压测", "2025-01-09", "2025-01-10"),
    _case("后天晚上8:30之前", "2025-03-12", "2025-03-14"),
    _case("大后天下班前上线V2.1版本", "2025-04-20", "2025-04-23"),
    # a bare day of the month: this month if still ahead, else next month
    _case("20号前", "2025-03-12", "2025-03-20"),
    _case("5号前", "2025-03-12", "2025-04-05"),
    _case("31号之前", "2025-04-12", "2025-05-31"),
    # full-width digits
    _case("３月２０日前", "2025-03-12", "2025-03-20"),
    # several dates: the corrected one, then the one that reads as a deadline, then the last
    _case("20号可能出不来，能不能宽限到25号", "2025-03-12", "2025-03-25"),
    _case("下周三……那就下周四吧", "2025-03-12", "2025-03-20"),
    _case("下周三可能来不及，周四吧", "2025-03-12", "2025-03-20"),
    _case("明天先开个会，周五之前把方案定下来", "2025-03-12", "2025-03-14"),
    _case("下周一到周三", "2025-03-12", "2025-03-19"),
    _case("Wednesday won't work, let's say Thursday", "2025-03-12", "2025-03-13"),
    # more ways to say it
    _case("截止到本月28号", "2025-03-12", "2025-03-28"),
    _case("两个星期内能搞定吗", "2025-07-28", "2025-08-11"),
    _case("一个半月内", "2025-03-12", "2025-04-27"),
    _case("国庆前", "2025-03-12", "2025-09-30"),
    _case("3.20前给我", "2025-03-12", "2025-03-20"),
    _case("截止3/20", "2025-03-12", "2025-03-20"),
    _case("by the 8th", "2025-03-12", "2025-04-08"),
    _case("mid-April", "2025-03-12", "2025-04-15"),
    _case("5个工作日内", "2025-03-12", "2025-03-19"),
    # English ordinals spelled out
    _case("Program draft by October fifteenth?", "2024-09-30", "2024-10-15"),
    _case("add Wednesday, October twenty-third", "2024-09-30", "2024-10-23"),
    _case("我把年底到期的会员名单拉一下，周一前发给Coco", "2025-11-28", "2025-12-01"),  # 年底 says which members
    _case("月底的数据下周三前给我", "2025-03-12", "2025-03-19"),
    _case("年底到期的那批合同，年底前要续上", "2025-03-12", "2025-12-31"),
    _case("明天有点够呛，后台的评价只能一条一条导出来，给我三天吧。", "2025-07-03", "2025-07-06"),
    _case("能不能再宽限一周", "2025-07-03", "2025-07-10"),
    _case("名单我晚上发你", "2024-09-26", "2024-09-26"),  # a promise for this evening
    _case("周六晚上给你", "2024-09-26", "2024-09-28"),
    _case("we'll have it for the thirteenth", "2025-12-16", "2026-01-13"),
    _case("before the fifteenth", "2025-12-16", "2026-01-15"),
    # a month named as when it happens
    _case("set up a meeting with the PTA sometime in January", "2025-12-16", "2026-01-31"),
    _case("during March", "2025-01-10", "2025-03-31"),
]


@pytest.mark.parametrize("text, meeting, expected", EDGES)
def test_edges(text, meeting, expected):
    assert resolve_due(text, meeting) == expected


# ---------------------------------------------------------------------------------------------- working days
# Calendar facts (State Council notices): 2024 National Day off Oct 1-7, Sep 29 (Sun) and Oct 12 (Sat) are
# working days; 2025 Spring Festival off Jan 28 - Feb 4, Jan 26 (Sun) and Feb 8 (Sat) are working days.
def test_calendar_facts_the_package_knows():
    import chinese_calendar

    assert chinese_calendar.is_workday(D("2024-10-12"))  # a 调休 Saturday
    assert not chinese_calendar.is_workday(D("2024-10-07"))
    assert chinese_calendar.is_workday(D("2025-01-26"))  # a 调休 Sunday
    assert not chinese_calendar.is_workday(D("2025-02-03"))


@pytest.mark.parametrize("start, n, expected", [
    ("2024-09-30", 1, "2024-10-08"),  # over the National Day week
    ("2024-09-30", 3, "2024-10-10"),  # the third working day after Sep 30 (Oct 8, 9, 10)
    ("2024-10-10", 2, "2024-10-12"),  # Friday, then the 调休 Saturday
    ("2024-09-27", 1, "2024-09-29"),  # Friday, then the 调休 Sunday
    ("2025-01-24", 2, "2025-01-27"),  # Sun Jan 26 works
    ("2025-01-24", 3, "2025-02-05"),  # then Spring Festival
    ("2025-03-12", 5, "2025-03-19"),  # an ordinary week
    ("2025-03-12", 0, "2025-03-12"),
    ("2025-03-17", -1, "2025-03-14"),
])
def test_add_working_days(start, n, expected):
    assert add_working_days(D(start), n) == D(expected)


def test_working_days_in_text_use_the_holiday_calendar():
    assert resolve_due("3个工作日内", D("2024-09-30")) == D("2024-10-10")
    assert resolve_due("within 2 business days", D("2024-10-10")) == D("2024-10-12")


def test_working_days_fall_back_to_monday_to_friday_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="extractor.dates"):
        assert add_working_days(D("2090-03-10"), 5) == D("2090-03-17")  # Friday 2090-03-10 -> Friday
    assert "2090" in caplog.text


# ---------------------------------------------------------------------------------------------- not deadlines
@pytest.mark.parametrize("text", [
    "V2.0", "升级到V2.0版本", "3个人", "这个需求要3个人", "20%", "转化率提升了20%", "50台", "采购50台服务器",
    "满300减40", "1.5倍", "第2版", "看一下第3版的改动", "两个bug", "这个bug修了两个", "12345", "大概300左右",
    "回归要两周", "完整回归至少要两周", "这个功能点大概要2到3个人天", "V3.1和V3.2的差异", "3号楼会议室",
    "1/3的用户", "上周五已经发了", "每周五交周报", "第二季度的数据已经出来了", "8月份的数据不太好",
    "It took two weeks to test", "version 2.0", "we need 3 people", "on the 2nd floor", "may 5 people",
    "1/3 of users", "",
])
def test_not_a_deadline(text):
    assert find_due(text, WED) is None


def test_duration_becomes_a_deadline_with_within():
    assert resolve_due("回归两周内完成", WED) == D("2025-03-26")
    assert resolve_due("完整回归至少要两周", WED) is None


def test_past_quarter_in_passing_is_not_a_deadline():
    assert resolve_due("第二季度的数据已经出来了", D("2025-09-01")) is None
    assert resolve_due("Q2的复盘", D("2025-09-01")) is None
    assert resolve_due("Q2之前", D("2025-09-01")) == D("2026-06-30")  # a deadline: the next one


def test_past_date_in_a_report_still_resolves():
    # "7月15号那批货" reports the past; returning a date is acceptable and the caller decides.
    m = find_due("7月15号那批货已经到了", D("2025-08-01"))
    assert m is not None and m.text == "7月15号"


# ---------------------------------------------------------------------------------------------- the match
def test_match_carries_phrase_offsets_kind_and_rule():
    text = "张伟你周五前把排期表发出来"
    m = find_due(text, WED)
    assert m == DueMatch(text="周五前", start=3, end=6, due=D("2025-03-14"), kind="WEEKDAY_BARE",
                         rule="zh.due.bare_weekday")
    assert text[m.start:m.end] == m.text


def test_match_without_meeting_date_keeps_the_phrase():
    m = find_due("下周三之前把方案发出来", None)
    assert m is not None and m.text == "下周三之前" and m.due is None and m.kind == "WEEKDAY_NEXT"
    assert resolve_due("下周三", WED) == D("2025-03-19")


def test_find_all_due_in_order_and_not_overlapping():
    found = find_all_due("下周三可能来不及，下周四吧，最晚3月28日", WED)
    assert [m.text for m in found] == ["下周三", "下周四", "3月28日"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert [m.due for m in found] == [D("2025-03-19"), D("2025-03-20"), D("2025-03-28")]


# ---------------------------------------------------------------------------------------------- rule data
def _due_rules():
    for lang in ("zh", "en"):
        yield from load_rules(lang, "due")


def test_every_match_example_passes_the_prefilter():
    prefilters = [r.pattern for r in _due_rules() if r.label == "PREFILTER"]
    assert len(prefilters) == 2
    for rule in _due_rules():
        if rule.label in {"PREFILTER", "SUFFIX", "CUE_BEFORE", "CORRECTION", "NEGATED_AFTER", "NEGATED_BEFORE"}:
            continue
        for text in rule.examples.match:
            assert any(p.search(text) for p in prefilters), f"{rule.id}: prefilter misses {text!r}"


def test_every_date_rule_example_resolves():
    for rule in _due_rules():
        if rule.label.isupper() and rule.label not in {"PREFILTER", "SUFFIX", "CUE_BEFORE", "CORRECTION",
                                                       "NEGATED_AFTER", "NEGATED_BEFORE"}:
            for text in rule.examples.match:
                cue = "截止" if rule.params.get("needs_cue") else ""
                assert find_due(cue + text if not text.startswith(("by", "before")) else text, WED) is not None, \
                    f"{rule.id}: {text!r}"


# ---------------------------------------------------------------------------------------------- properties
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789０１号日月年周星期礼拜天一二三十两半下本这前之内后底季度Q"
                                           "aybnextFridaymonthweek /.-，。")), max_size=40))
def test_find_due_never_raises_on_date_like_text(text):
    m = find_due(text, WED)
    assert m is None or (text[m.start:m.end] == m.text and m.text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.one_of(st.none(), st.dates()))
def test_find_due_never_raises(text, meeting):
    for m in find_all_due(text, meeting):
        assert text[m.start:m.end] == m.text


# ---------------------------------------------------------------------------------------------- dev set
def test_dates_dev_accuracy():
    path = SHARED_EVAL / "dates_dev.jsonl"
    if not path.exists():
        pytest.skip("../shared/eval/dates_dev.jsonl is not here")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    wrong = []
    for row in rows:
        got = resolve_due(row["text"], D(row["meeting_date"]))
        if (got.isoformat() if got else None) != row["due"]:
            wrong.append((row["text"], row["meeting_date"], row["due"], got))
    accuracy = 1 - len(wrong) / len(rows)
    assert accuracy >= 0.97, wrong
