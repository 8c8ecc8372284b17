"""Properties: extraction never raises on arbitrary meetings, and every item points at a real line."""
from __future__ import annotations

import datetime as dt

from helpers import transcript
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import ExtractOptions, extract_minutes, render_json, render_markdown

WORDS = st.sampled_from(
    ["张伟", "李娜", "你", "我来", "我这边", "明天", "下周三前", "把", "方案", "发群里", "就这么定了", "待定", "吗", "？",
     "，", "。", "@李娜", "由王强负责", "I'll", "send", "the report", "by Friday", "TBD", "Tom,", "can you", "?", "好的"]
)
TURN = st.tuples(st.sampled_from(["张伟", "李娜", "Tom", ""]),
                 st.one_of(st.lists(WORDS, max_size=12).map("".join), st.text(max_size=40)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TURN, max_size=12), st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)))
def test_extract_never_raises_and_evidence_is_real(turns, meeting_date):
    lines = [f"{who}：{text.replace(chr(10), ' ')}" if who else text.replace("\n", " ") for who, text in turns]
    t = transcript(*lines)
    m = extract_minutes(t, ExtractOptions(meeting_date=meeting_date))
    starts = {u.line for u in t.utterances}
    for item in [*m.decisions, *m.action_items, *m.open_questions]:
        assert item.evidence, item
        assert {e.line for e in item.evidence} <= starts
    render_markdown(m)
    render_json(m)
