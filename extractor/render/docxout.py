"""A Word document (.docx) in the 会议纪要 layout: 会议基本信息, 议程与讨论记录, 任务分配与进度跟踪, 待跟进问题.

python-docx is imported inside `render_docx` (export extra), so importing this module stays cheap.
"""
from __future__ import annotations

import io

from ..errors import ExportUnavailableError
from ..schema import Minutes
from .markdown import document_title, due_cell, evidence_refs, heading, labels, meeting_values
from .review import draft_marker, without_rejected

# A4 portrait with 2 cm margins leaves 17 cm; column widths in cm for each table.
_INFO_WIDTHS = (3.0, 14.0)
_AGENDA_WIDTHS = (3.0, 8.5, 5.5)
_TASK_WIDTHS = (1.3, 3.4, 1.5, 1.5, 2.6, 2.5, 1.6, 2.6)


def _need_docx():
    try:
        import docx
    except ImportError:
        raise ExportUnavailableError("Word (.docx) export needs the export extra: pip install 'minutes[export]'") from None
    return docx


def _dash(value: object) -> str:
    return str(value) if value not in (None, "") else "—"


def render_docx(minutes: Minutes) -> bytes:
    """The draft as .docx bytes. Rejected items are left out; unreviewed items put 草稿/Draft at the top.

    Raises ExportUnavailableError when python-docx (the export extra) is not installed.
    """
    docx = _need_docx()
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    minutes = without_rejected(minutes)
    L = labels(minutes)
    zh = minutes.language == "zh"
    doc = docx.Document()

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))

    def east_asian(style, font: str) -> None:
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)

    east_asian(doc.styles["Normal"], "宋体")
    doc.styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1"):
        doc.styles[name].font.color.rgb = RGBColor(0, 0, 0)
        east_asian(doc.styles[name], "黑体")

    def shade(cell, fill: str = "D9D9D9") -> None:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shd)

    def put(cell, lines: list[str] | str, bold: bool = False) -> None:
        """One paragraph per line; a list of several lines becomes bullets."""
        bullets = isinstance(lines, list) and len(lines) > 1
        lines = [lines] if isinstance(lines, str) else (lines or ["—"])
        for n, line in enumerate(lines):
            para = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            if bullets:
                para.style = doc.styles["List Bullet"]
            para.add_run(line).bold = bold

    def table(header: list[str] | None, rows: list[list], widths: tuple[float, ...]):
        t = doc.add_table(rows=0, cols=len(widths))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        if header:
            cells = t.add_row().cells
            for cell, text in zip(cells, header):
                put(cell, text, bold=True)
                shade(cell)
            tr_pr = t.rows[0]._tr.get_or_add_trPr()  # repeat the header row on every page
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            tr_pr.append(repeat)
        for row in rows:
            for cell, value in zip(t.add_row().cells, row):
                put(cell, value)
        for column, width in zip(t.columns, widths):  # the grid (LibreOffice) and each cell (Word)
            column.width = Cm(width)
            for cell in column.cells:
                cell.width = Cm(width)
        return t

    marker = draft_marker(minutes, L)
    if marker:
        head = section.header.paragraphs[0]
        head.text = L["draft_tag"]
        head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    title = doc.add_heading(document_title(minutes), level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if marker:
        run = doc.add_paragraph().add_run(marker)
        run.bold = True
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)

    doc.add_heading(heading(L, 1, "info"), level=1)
    info = table(None, [[name, _dash(value)] for name, value in meeting_values(minutes)], _INFO_WIDTHS)
    for row in info.rows:
        shade(row.cells[0], "F2F2F2")
        row.cells[0].paragraphs[0].runs[0].bold = True

    doc.add_heading(heading(L, 2, "agenda"), level=1)
    by_id = {d.id: d for d in minutes.decisions}
    paren = ("（{}）", "({})")[not zh]

    def decision_line(d) -> str:
        refs = evidence_refs(d.evidence, L)
        return f"{d.id}. {d.text}" + (" " + paren.format(refs) if refs else "")

    rows, placed = [], set()
    for s in minutes.sections:
        decided = [by_id[i] for i in s.decisions if i in by_id]
        placed.update(d.id for d in decided)
        rows.append([s.topic, s.points or ["—"], [decision_line(d) for d in decided] or ["—"]])
    rest = [d for d in minutes.decisions if d.id not in placed]
    if rest:
        rows.append([L["other_topic"], ["—"], [decision_line(d) for d in rest]])
    if not rows:
        rows.append([L["none"], ["—"], ["—"]])
    table([L["topic"], L["points"], L["resolved"]], rows, _AGENDA_WIDTHS)

    doc.add_heading(heading(L, 3, "tracking"), level=1)
    sep = L["sep"]
    tasks = [[a.id or str(n), a.task, _dash(a.owner), _dash(sep.join(a.collaborators)), _dash(due_cell(a, L)),
              _dash(a.deliverable), L["status"][a.status.value], _dash(evidence_refs(a.evidence, L))]
             for n, a in enumerate(minutes.action_items, start=1)]
    table([L["no"], *L["task_cols"][1:]], tasks, _TASK_WIDTHS)
    if not tasks:
        doc.add_paragraph(L["none"])

    doc.add_heading(heading(L, 4, "open"), level=1)
    for q in minutes.open_questions:
        refs = evidence_refs(q.evidence, L)
        doc.add_paragraph(f"{q.id}. {q.text}" + (" " + paren.format(refs) if refs else ""))
    if not minutes.open_questions:
        doc.add_paragraph(L["none"])

    if minutes.warnings:
        doc.add_heading(L["warnings"], level=1)
        for w in minutes.warnings:
            where = f"{L['line'].format(w.line)}: " if w.line else ""
            doc.add_paragraph(f"{where}{w.message}", style="List Bullet")

    props = doc.core_properties
    props.title = document_title(minutes)
    props.author = minutes.meeting.recorder or ""
    props.language = "zh-CN" if zh else "en"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
