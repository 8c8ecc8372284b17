"""Markdown in the 会议纪要 layout: Chinese headings for Chinese meetings, English for English ones."""
from __future__ import annotations

from ..schema import Evidence, Minutes

_L = {
    "zh": {
        "title": "会议纪要", "info": "一、会议基本信息", "agenda": "二、议程与讨论记录", "decisions": "三、决议",
        "tasks": "四、任务分配", "open": "五、待跟进问题", "warnings": "提示",
        "fields": ["会议名称", "会议时间", "地点/形式", "主持人", "记录人", "参会人", "缺席"],
        "item": "项目", "value": "内容", "topic": "议题", "points": "讨论要点", "resolved": "决议",
        "task_cols": ["#", "任务描述", "负责人", "协作方", "完成时间", "交付物", "状态", "依据"],
        "none": "无", "draft": "草稿：以下条目均待记录人确认后再发送。", "line": "第{}行",
        "unresolved": "（未解析：{}）", "status": {"open": "未开始", "in_progress": "进行中", "done": "已完成",
                                                  "cancelled": "已取消"},
        "sep": "、",
    },
    "en": {
        "title": "Meeting minutes", "info": "1. Meeting information", "agenda": "2. Agenda and discussion",
        "decisions": "3. Decisions", "tasks": "4. Action items", "open": "5. Open questions", "warnings": "Notes",
        "fields": ["Title", "Date", "Place / format", "Host", "Recorder", "Attendees", "Absent"],
        "item": "Item", "value": "Value", "topic": "Topic", "points": "Discussion", "resolved": "Decisions",
        "task_cols": ["#", "Task", "Owner", "Collaborators", "Due", "Deliverable", "Status", "Source"],
        "none": "None", "draft": "Draft: every item awaits the recorder's confirmation.", "line": "line {}",
        "unresolved": " (unresolved: {})", "status": {"open": "open", "in_progress": "in progress", "done": "done",
                                                    "cancelled": "cancelled"},
        "sep": ", ",
    },
}


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ") if text not in (None, "") else "—"


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:02d}:{s % 60:02d}"


def _refs(evidence: list[Evidence], L: dict) -> str:
    refs = []
    for e in evidence:
        if e.start is not None:
            refs.append(f"[{_clock(e.start)}]" + (f" {L['line'].format(e.line)}" if e.line else ""))
        elif e.line is not None:
            refs.append(L["line"].format(e.line))
    return L["sep"].join(dict.fromkeys(refs))


def render_markdown(minutes: Minutes) -> str:
    L = _L["zh" if minutes.language == "zh" else "en"]
    m = minutes.meeting
    sep = L["sep"]
    out: list[str] = []
    out.append(f"# {L['title']}" + (f"：{m.title}" if m.title and minutes.language == "zh" else f": {m.title}" if m.title else ""))
    out += ["", f"> {L['draft']}", "", f"## {L['info']}", "", f"| {L['item']} | {L['value']} |", "|---|---|"]
    when = " ".join(x for x in (m.date.isoformat() if m.date else None, m.start_time) if x)
    values = [m.title, when, m.place, m.host, m.recorder, sep.join(m.attendees), sep.join(m.absentees)]
    for name, value in zip(L["fields"], values):
        out.append(f"| {name} | {_cell(value)} |")

    out += ["", f"## {L['agenda']}", ""]
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

    out += [f"## {L['decisions']}", ""]
    if not minutes.decisions:
        out.append(L["none"])
    for d in minutes.decisions:
        out.append(f"{d.id}. {d.text} （{_refs(d.evidence, L)}）" if minutes.language == "zh"
                   else f"{d.id}. {d.text} ({_refs(d.evidence, L)})")
    out += ["", f"## {L['tasks']}", ""]
    if minutes.action_items:
        cols = L["task_cols"]
        out += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        for a in minutes.action_items:
            due = a.due.isoformat() if a.due else (L["unresolved"].format(a.due_text) if a.due_text else None)
            out.append("| " + " | ".join(_cell(x) for x in (
                a.id, a.task, a.owner, sep.join(a.collaborators), due, a.deliverable,
                L["status"][a.status.value], _refs(a.evidence, L))) + " |")
    else:
        out.append(L["none"])
    out += ["", f"## {L['open']}", ""]
    if not minutes.open_questions:
        out.append(L["none"])
    for q in minutes.open_questions:
        out.append(f"{q.id}. {q.text} （{_refs(q.evidence, L)}）" if minutes.language == "zh"
                   else f"{q.id}. {q.text} ({_refs(q.evidence, L)})")
    if minutes.warnings:
        out += ["", f"## {L['warnings']}", ""]
        for w in minutes.warnings:
            where = f"{L['line'].format(w.line)}: " if w.line else ""
            out.append(f"- {where}{w.message}")
    return "\n".join(out) + "\n"
