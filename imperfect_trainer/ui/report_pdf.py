"""The supervision report as a PDF, drawn with Qt (QTextDocument on a QPdfWriter, no browser).

The same drawing serves a person's own report and a supervisor's report on a trainee
(``report.trainee``), which holds only what the trainee shares: it names the trainee, speaks
of "their" goals and entries, and leaves out what a supervisor is not shown."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from imperfect_trainer.deck.features.report_data import SupervisionReport
from imperfect_trainer.deck.storage.private_files import ExportError, write_private_bytes

ACCENT = "#2f7471"
SOFT = "#cfe3e1"
LINE = "#dcd8d0"
TEXT = "#2a2c2e"
MUTED = "#6b6f73"
CHART_URL = "chart://mastery"
GOALS_HEADING = "My practice goals"
TRAINEE_GOALS_HEADING = "Goals they chose to share"


def goals_heading(report: SupervisionReport) -> str:
    return GOALS_HEADING if report.trainee is None else TRAINEE_GOALS_HEADING


def report_html(report: SupervisionReport) -> str:
    """The report's text; the mastery chart is an image resource named ``CHART_URL``."""
    e = html.escape
    own = report.trainee is None
    period = report.period.words()
    if own:
        parts = [f"<h1>Supervision report</h1><p class='muted'>Imperfect Trainer · {period}</p>"]
    else:
        parts = [
            f"<h1>Supervision report: {e(report.trainee or '')}</h1><p class='muted'>"
            f"Imperfect Trainer · {period} · only what they chose to share with you, and a "
            "summary of their practice</p>"
        ]
    parts += [
        "<h2>Practice</h2><table class='numbers' cellspacing='0' cellpadding='6'>",
        _row("Days practised", report.practice.days_words),
        _row("Time practising", report.practice.time_words),
    ]
    if own:
        retention = "—" if report.retention is None else f"{report.retention:.0%}"
        parts += [
            _row("Cards reviewed", str(report.cards_reviewed)),
            _row("Answers given", str(report.answers)),
            _row("Retention (first answers graded 3 or more)", retention),
        ]
    parts += [
        "</table>",
        "<h2>Mastery by idea</h2><p class='muted'>Dark: settled (interval of three weeks or "
        "more). Light: still settling. The rest not yet seen.</p>",
        f"<p><img src='{CHART_URL}'></p>",
    ]
    if own:
        parts.append("<h2>Ideas still hard</h2>")
        parts += _hard_ideas(report)
    parts += _goals(report)
    parts += _journal(report)
    return "".join(parts)


def _hard_ideas(report: SupervisionReport) -> list[str]:
    e = html.escape
    parts = []
    if report.hard_ideas:
        parts.append("<ul>")
        parts += [
            f"<li>{e(idea.front)} <span class='muted'>({e(idea.section)})</span></li>"
            for idea in report.hard_ideas
        ]
        parts.append("</ul>")
    else:
        parts.append("<p>None stand out at the moment.</p>")
    return parts


def _goals(report: SupervisionReport) -> list[str]:
    e = html.escape
    talked_question = (
        "Talked through with my supervisor?"
        if report.trainee is None
        else "Talked through in supervision?"
    )
    parts = [f"<h2>{goals_heading(report)}</h2>"]
    if report.goals:
        for number, goal in enumerate(report.goals, start=1):
            striving = goal.striving.label if goal.striving else "not answered yet"
            talked = {True: "yes", False: "not yet", None: "not answered yet"}[
                goal.discussed_in_supervision
            ]
            parts.append(
                f"<p><b>{number}. {e(goal.text)}</b><br>"
                f"<span class='muted'>Healthy striving or never good enough?</span> "
                f"{e(striving)}<br>"
                f"<span class='muted'>{talked_question}</span> {talked}"
                + (f"<br>{e(goal.note)}" if goal.note else "")
                + "</p>"
            )
    elif report.trainee is None:
        parts.append("<p>No goals written yet.</p>")
    else:
        parts.append("<p class='muted'>None shared.</p>")
    return parts


def _journal(report: SupervisionReport) -> list[str]:
    e = html.escape
    parts = [
        "<h2>Journal entries I chose to share</h2>"
        if report.trainee is None
        else "<h2>Journal entries they chose to share</h2>"
    ]
    if report.journal:
        for entry in report.journal:
            about = f" — on “{e(entry.card_front)}”" if entry.card_front else ""
            parts.append(
                f"<p><span class='muted'>{entry.day:%d %B %Y} · {e(entry.kind)}{about}</span>"
                f"<br>{e(entry.text)}</p>"
            )
    else:
        parts.append("<p class='muted'>None shared.</p>")
    return parts


def _row(label: str, value: str) -> str:
    return f"<tr><td>{html.escape(label)}</td><td class='value'>{html.escape(value)}</td></tr>"


STYLE = f"""
body {{ color: {TEXT}; }}
h1 {{ color: {ACCENT}; font-size: 20pt; margin-bottom: 0; }}
h2 {{ color: {ACCENT}; font-size: 13pt; margin-top: 18px; }}
.muted {{ color: {MUTED}; }}
table.numbers td {{ border-bottom: 1px solid {LINE}; }}
td.value {{ font-weight: bold; }}
"""


def mastery_chart(report: SupervisionReport, width: int = 1400) -> QImage:
    """Horizontal bars, one per seed section: settled, settling, not yet seen."""
    rows = report.sections
    row_height, label_width, gap = 34, 620, 10
    image = QImage(width, max(1, len(rows)) * row_height + 10, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(19)
    painter.setFont(font)
    bar_width = width - label_width - gap - 10
    for index, section in enumerate(rows):
        top = index * row_height + 5
        painter.setPen(QColor(TEXT))
        painter.drawText(
            QRectF(0, top, label_width, row_height - 6),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            _shorten(section.section, 58),
        )
        painter.setPen(Qt.PenStyle.NoPen)
        x = float(label_width + gap)
        painter.setBrush(QColor(LINE))
        painter.drawRoundedRect(QRectF(x, top + 6, bar_width, row_height - 16), 4, 4)
        for count, colour in ((section.settled, ACCENT), (section.settling, SOFT)):
            width_part = bar_width * count / section.cards if section.cards else 0
            if width_part:
                painter.setBrush(QColor(colour))
                painter.drawRect(QRectF(x, top + 6, width_part, row_height - 16))
            x += width_part
    painter.end()
    return image


def report_document(report: SupervisionReport, page: QSizeF) -> QTextDocument:
    """The report laid out on pages of ``page`` size, each goal whole on one page."""
    document = QTextDocument()
    body = QFont()
    body.setPointSizeF(10.5)
    document.setDefaultFont(body)
    document.setDefaultStyleSheet(STYLE)
    chart = mastery_chart(report)
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL), chart)
    document.setHtml(
        report_html(report).replace(
            f"<img src='{CHART_URL}'>", f"<img src='{CHART_URL}' width='640'>"
        )
    )
    document.setPageSize(page)
    keep_goals_whole(document, len(report.goals), goals_heading(report))
    return document


def _pages(document: QTextDocument, block: QTextBlock) -> tuple[int, int]:
    """The first and last page a block's lines fall on."""
    rect = document.documentLayout().blockBoundingRect(block)
    height = document.pageSize().height()
    return int(rect.top() // height), int((rect.bottom() - 1) // height)


def keep_goals_whole(document: QTextDocument, count: int, heading_text: str = GOALS_HEADING) -> int:
    """Move each goal that would be split by a page's end to the next page (with the heading,
    for the first goal, so the heading never ends a page alone); returns how many moved."""
    block = document.begin()
    while block.isValid() and block.text() != heading_text:
        block = block.next()
    heading = block
    moved = 0
    for number in range(count):
        block = block.next()
        if not block.isValid():
            break
        first, last = _pages(document, block)
        if first == last:
            continue
        target = heading if number == 0 and _pages(document, heading)[1] == first else block
        layout = QTextBlockFormat()
        layout.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(target).mergeBlockFormat(layout)
        moved += 1
    return moved


def write_report_pdf(report: SupervisionReport, path: Path) -> None:
    """Write the PDF privately and all at once (``ExportError`` names the file if it cannot)."""
    # Drawn in memory, then written by the same private writer as every export: QPdfWriter
    # on a file ignores write errors, and a full disk would leave a truncated PDF.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(
        "Supervision report" if report.trainee is None else f"Supervision report: {report.trainee}"
    )
    writer.setCreator("Imperfect Trainer")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(96)
    document = report_document(report, QSizeF(writer.width(), writer.height()))
    document.print_(writer)
    del writer  # the PDF is finished when the writer goes away
    pdf = bytes(buffer.data().data())
    if not pdf.rstrip().endswith(b"%%EOF"):
        raise ExportError(path, "the report could not be drawn completely; nothing was written")
    write_private_bytes(path, pdf)


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
