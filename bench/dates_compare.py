"""Due-date resolution on shared/eval/dates_dev.jsonl: extractor.resolve_due, and JioNLP when installed.

    .venv/bin/python bench/dates_compare.py            # ours
    pip install jionlp && python bench/dates_compare.py  # both (JioNLP is not a dependency: it is large)

For JioNLP the deadline is the end of the last time entity that `jio.ner.extract_time` parses, with the
meeting day 09:00 as the time base.
"""
from __future__ import annotations

import collections
import datetime as dt
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ROWS = ROOT.parent / "shared" / "eval" / "dates_dev.jsonl"


def ours(text: str, meeting: dt.date) -> str | None:
    from extractor import resolve_due

    got = resolve_due(text, meeting)
    return got.isoformat() if got else None


def jionlp_resolve(text: str, meeting: dt.date) -> str | None:
    import jionlp as jio

    base = time.mktime(dt.datetime(meeting.year, meeting.month, meeting.day, 9).timetuple())
    got = None
    try:
        for ent in jio.ner.extract_time(text, time_base=base, with_parsing=True):
            span = (ent.get("detail") or {}).get("time")
            if isinstance(span, list) and len(span) == 2 and isinstance(span[1], str):
                got = span[1][:10]
    except Exception:  # JioNLP raises on some phrases; count them as misses
        return None
    return got


def main() -> None:
    rows = [json.loads(line) for line in ROWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    resolvers = {"minutes": ours}
    try:
        import jionlp  # noqa: F401
        resolvers["jionlp"] = jionlp_resolve
    except ImportError:
        print("(jionlp not installed: only our resolver is measured)")
    for name, fn in resolvers.items():
        ok, total = collections.Counter(), collections.Counter()
        for r in rows:
            cat = r.get("category") or "no_deadline"
            total[cat] += 1
            ok[cat] += fn(r["text"], dt.date.fromisoformat(r["meeting_date"])) == r["due"]
        print(f"{name}: {sum(ok.values())}/{len(rows)} = {sum(ok.values()) / len(rows):.2f}")
        print("  " + ", ".join(f"{c} {ok[c]}/{total[c]}" for c in sorted(total)))


if __name__ == "__main__":
    main()
