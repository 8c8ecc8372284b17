"""HTML in the same layout as the Markdown (the body of a sent mail); every string from the draft is escaped."""
from __future__ import annotations

from html import escape

from ..schema import Minutes
from .markdown import document_title, due_cell, evidence_refs, heading, labels, meeting_values
from .review import draft_marker, without_rejected

_CSS = ("body{font-family:'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;color:#222}"
        "table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #999;padding:4px 8px;"
        "vertical-align:top;text-align:left}th{background:#eee}.draft{color:#c00;font-weight:bold}"
        ".ref{color:#666}")


def _e(value: object) -> str:
    return escape(str(value)) if value not in (None, "") else "—"


def render_html(minutes: Minutes) -> str:
    """A whole HTML document. Rejected items are left out; unreviewed items put the 草稿/Draft line on top."""
    minutes = without_rejected(minutes)
    L = labels(minutes)
    zh = minutes.language == "zh"
    sep = L["sep"]

    def refs(evidence) -> str:
        r = evidence_refs(evidence, L)
        return f' <span class="ref">{"（" if zh else "("}{escape(r)}{"）" if zh else ")"}</span>' if r else ""

    lang = "zh-CN" if zh else "en"
    out = [f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
           f"<title>{escape(document_title(minutes))}</title><style>{_CSS}</style></head><body>",
           f"<h1>{escape(document_title(minutes))}</h1>"]
    marker = draft_marker(minutes, L)
    if marker:
        out.append(f'<p class="draft">{escape(marker)}</p>')

    out.append(f"<h2>{escape(heading(L, 1, 'info'))}</h2><table>")
    out += [f"<tr><th>{escape(name)}</th><td>{_e(value)}</td></tr>" for name, value in meeting_values(minutes)]
    out.append("</table>")

    out.append(f"<h2>{escape(heading(L, 2, 'agenda'))}</h2>")
    by_id = {d.id: d for d in minutes.decisions}
    for n, s in enumerate(minutes.sections, start=1):
        topic = f"{L['topic']}{n}：{s.topic}" if zh else f"{L['topic']} {n}: {s.topic}"
        out.append(f"<h3>{escape(topic)}</h3><ul>")
        if s.points:
            out.append(f"<li><b>{escape(L['points'])}</b><ul>"
                       + "".join(f"<li>{escape(p)}</li>" for p in s.points) + "</ul></li>")
        decided = [by_id[d] for d in s.decisions if d in by_id]
        if decided:
            out.append(f"<li><b>{escape(L['resolved'])}</b><ul>"
                       + "".join(f"<li>{escape(d.text)}</li>" for d in decided) + "</ul></li>")
        out.append("</ul>")

    def items(key: str, n: int, records) -> None:
        out.append(f"<h2>{escape(heading(L, n, key))}</h2>")
        if not records:
            out.append(f"<p>{escape(L['none'])}</p>")
            return
        out.append("<p>")
        out.append("<br>".join(f"{escape(r.id)}. {escape(r.text)}{refs(r.evidence)}" for r in records))
        out.append("</p>")

    items("decisions", 3, minutes.decisions)
    out.append(f"<h2>{escape(heading(L, 4, 'tasks'))}</h2>")
    if minutes.action_items:
        out.append("<table><tr>" + "".join(f"<th>{escape(c)}</th>" for c in L["task_cols"]) + "</tr>")
        for a in minutes.action_items:
            cells = (a.id, a.task, a.owner, sep.join(a.collaborators), due_cell(a, L), a.deliverable,
                     L["status"][a.status.value], evidence_refs(a.evidence, L))
            out.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
        out.append("</table>")
    else:
        out.append(f"<p>{escape(L['none'])}</p>")
    items("open", 5, minutes.open_questions)
    if minutes.warnings:
        out.append(f"<h2>{escape(L['warnings'])}</h2><ul>")
        for w in minutes.warnings:
            where = f"{L['line'].format(w.line)}: " if w.line else ""
            out.append(f"<li>{escape(where + w.message)}</li>")
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
