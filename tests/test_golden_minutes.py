"""Golden minutes drafts: each format fixture through the whole pipeline, as the CLI's JSON."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import FIXTURES, check_golden

from extractor import ExtractOptions, extract_file, render_json

CASES = sorted(p.name for p in (FIXTURES / "formats").iterdir()) + ["../demo_meeting.txt"]


@pytest.mark.parametrize("name", CASES)
def test_golden_minutes(name, update_golden):
    minutes = extract_file(FIXTURES / "formats" / name, ExtractOptions(meeting_date=dt.date(2024, 6, 3))
                           if name != "../demo_meeting.txt" else None)
    got = json.loads(render_json(minutes))
    check_golden(FIXTURES / "expected" / "minutes" / f"{name.replace('../', '')}.json", got, update_golden)
