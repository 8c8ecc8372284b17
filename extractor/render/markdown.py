"""Markdown in the 会议纪要 layout: Chinese headings for Chinese meetings, English for English ones."""
from __future__ import annotations

from ..schema import ActionItem, Evidence, Minutes
from .review import draft_marker, without_rejected

LABELS = {
    "zh": {
        "title": "会议纪要", "warnings": "提示",
        "heads": {"info": "会议基本信息", "agenda": "议程与讨论记录", "decisions": "决议", "tasks": "任务分配",
                  "tracking": "任务分配与进度跟踪", "open": "待跟进问题"},
        "fields": ["会议名称", "会议时间", "地点/形式", "主持人", "记录人", "参会人", "缺席"],
        "item": "项目", "value": "内容", "topic": "议题", "points": "讨论要点", "resolved": "决议",
        "task_cols": ["#", "任务描述", "负责人", "协作方", "完成时间", "交付物", "状态", "依据"], "no": "序号",
        "csv_cols": ["任务描述", "负责人", "协作方", "截止日期", "交付物", "状态", "来源"],
        "none": "无", "draft": "草稿：以下条目均待记录人确认后再发送。",
        "draft_some": "草稿：尚有{}项待记录人确认后再发送。", "draft_tag": "草稿", "line": "第{}行",
        "unresolved": "（未解析：{}）", "status": {"open": "未开始", "in_progress": "进行中", "done": "已完成",
                                                  "cancelled": "已取消"},
        "other_topic": "其他", "deliverable": "交付物", "collaborators": "协作方", "evidence": "依据",
        "meeting": "会议", "colon": "：", "sep": "、",
    },
    "en": {
        "title": "Meeting minutes", "warnings": "Notes",
        "heads": {"info": "Meeting information", "agenda": "Agenda and discussion", "decisions": "Decisions",
                  "tasks": "Action items", "tracking": "Action items and progress", "open": "Open questions"},
        "fields": ["Title", "Date", "Place / format", "Host", "Recorder", "Attendees", "Absent"],
        "item": "Item", "value": "Value", "topic": "Topic", "points": "Discussion", "resolved": "Decisions",
        "task_cols": ["#", "Task", "Owner", "Collaborators", "Due", "Deliverable", "Status", "Source"], "no": "No.",
        "csv_cols": ["Task", "Owner", "Collaborators", "Due date", "Deliverable", "Status", "Source"],
        "none": "None", "draft": "Draft: every item awaits the recorder's confirmation.",
        "draft_some": "Draft: {} items still await the recorder's confirmation.", "draft_tag": "Draft",
        "line": "line {}",
        "unresolved": " (unresolved: {})", "status": {"open": "open", "in_progress": "in progress", "done": "done",
                                                    "cancelled": "cancelled"},
        "other_topic": "Other", "deliverable": "Deliverable", "collaborators": "Collaborators",
        "evidence": "Source", "meeting": "Meeting", "colon": ": ", "sep": ", ",
    },
}

_NUMERALS = "一二三四五六七八九十"


def labels(minutes: Minutes) -> dict:
    """The heading and label table for the draft's language (Chinese unless the meeting was in English)."""
    return LABELS["zh" if minutes.language == "zh" else "en"]


def heading(L: dict, n: int, key: str) -> str:
    """Section heading number n: 一、会议基本信息 or 1. Meeting information."""
    name = L["heads"][key]
    return f"{_NUMERALS[n - 1]}、{name}" if L is LABELS["zh"] else f"{n}. {name}"


def document_title(minutes: Minutes) -> str:
    """会议纪要：<title>, or Meeting minutes: <title>."""
    L, t = labels(minutes), minutes.meeting.title
    return L["title"] + (f"{L['colon']}{t}" if t else "")


def meeting_values(minutes: Minutes) -> list[tuple[str, str | None]]:
    """The 会议基本信息 rows: (field name, value or None)."""
    L, m = labels(minutes), minutes.meeting
    when = " ".join(x for x in (m.date.isoformat() if m.date else None, m.start_time) if x)
    values = [m.title, when, m.place, m.host, m.recorder, L["sep"].join(m.attendees), L["sep"].join(m.absentees)]
    return [(name, v or None) for name, v in zip(L["fields"], values)]


def due_cell(a: ActionItem, L: dict) -> str | None:
    """The due date, or the spoken phrase marked unresolved."""
    return a.due.isoformat() if a.due else (L["unresolved"].format(a.due_text) if a.due_text else None)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ") if text not in (None, "") else "—"


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:02d}:{s % 60:02d}"


def evidence_refs(evidence: list[Evidence], L: dict) -> str:
    """第14行、第15行 or [01:15] 第3行: where an item came from, as every export shows it."""
    refs = []
    for e in evidence:
        if e.start is not None:
            refs.append(f"[{_clock(e.start)}]" + (f" {L['line'].format(e.line)}" if e.line else ""))
        elif e.line is not None:
            refs.append(L["line"].format(e.line))
    return L["sep"].join(dict.fromkeys(refs))


def render_markdown(minutes: Minutes) -> str:
    """The 会议纪要 layout; rejected items are left out, and a draft with unreviewed items says so at the top."""
    minutes = without_rejected(minutes)
    L = labels(minutes)
    sep = L["sep"]
    out: list[str] = [f"# {document_title(minutes)}", ""]
    marker = draft_marker(minutes, L)
    if marker:
        out += [f"> {marker}", ""]
    out += [f"## {heading(L, 1, 'info')}", "", f"| {L['item']} | {L['value']} |", "|---|---|"]
    for name, value in meeting_values(minutes):
        out.append(f"| {name} | {_cell(value)} |")

    out += ["", f"## {heading(L, 2, 'agenda')}", ""]
    by_id = {d.id: d for d in minutes.decisions}
    for n, s in enumerate(minutes.sections, start=1):
        out.append(f"### {L['topic']}{n}：{s.topic}" if minutes.language == "zh" else f"### {L['topic']} {n}: {s.topic}")
        out.append("")
        if s.points:
            out.append(f"- **{L['points']}**")
            out += [f"  - {p}" for p in s.points]
        if s.decisions:
            out.append(f"- **{L['resolved']}**")
            out += [f"  - {by_id[d].text}" for d in s.decisions if d in by_id]
        out.append("")

    out += [f"## {heading(L, 3, 'decisions')}", ""]
    if not minutes.decisions:
        out.append(L["none"])
    for d in minutes.decisions:
        out.append(f"{d.id}. {d.text} （{evidence_refs(d.evidence, L)}）" if minutes.language == "zh"
                   else f"{d.id}. {d.text} ({evidence_refs(d.evidence, L)})")
    out += ["", f"## {heading(L, 4, 'tasks')}", ""]
    if minutes.action_items:
        cols = L["task_cols"]
        out += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        for a in minutes.action_items:
            due = due_cell(a, L)
            out.append("| " + " | ".join(_cell(x) for x in (
                a.id, a.task, a.owner, sep.join(a.collaborators), due, a.deliverable,
                L["status"][a.status.value], evidence_refs(a.evidence, L))) + " |")
    else:
        out.append(L["none"])
    out += ["", f"## {heading(L, 5, 'open')}", ""]
    if not minutes.open_questions:
        out.append(L["none"])
    for q in minutes.open_questions:
        out.append(f"{q.id}. {q.text} （{evidence_refs(q.evidence, L)}）" if minutes.language == "zh"
                   else f"{q.id}. {q.text} ({evidence_refs(q.evidence, L)})")
    if minutes.warnings:
        out += ["", f"## {L['warnings']}", ""]
        for w in minutes.warnings:
            where = f"{L['line'].format(w.line)}: " if w.line else ""
            out.append(f"- {where}{w.message}")
    return "\n".join(out) + "\n"
