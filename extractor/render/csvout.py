"""The task table as CSV for Feishu (飞书多维表格) and DingTalk (钉钉多维表) imports, and for Excel."""
from __future__ import annotations

import csv
import io

from ..schema import Minutes
from .markdown import evidence_refs, labels
from .review import without_rejected


def render_tasks_csv(minutes: Minutes) -> str:
    """One row per task under the header 任务描述,负责人,协作方,截止日期,交付物,状态,来源 (English for English meetings).

    The text starts with a UTF-8 byte-order mark, so Excel reads the Chinese correctly, and rows end in CRLF
    (RFC 4180); write it with newline="" to keep them. 截止日期 is YYYY-MM-DD; a deadline that could not be
    resolved keeps the phrase as spoken (下周三前) rather than being dropped. 来源 is the evidence as in the
    Markdown (第14行、第15行, or [01:15] 第3行). Rejected tasks are left out.
    """
    minutes = without_rejected(minutes)
    L = labels(minutes)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(L["csv_cols"])
    for a in minutes.action_items:
        due = a.due.isoformat() if a.due else (a.due_text or "")
        writer.writerow([a.task, a.owner or "", L["sep"].join(a.collaborators), due, a.deliverable or "",
                         L["status"][a.status.value], evidence_refs(a.evidence, L)])
    return "\ufeff" + buf.getvalue()
