"""The supervision report as a PDF, drawn with Qt (QTextDocument on a QPdfWriter, no browser).

The same drawing serves a person's own report and a supervisor's report on a trainee
(``report.trainee``), which holds only what the trainee shares: it names the trainee, speaks
of "their" goals and entries, and leaves out what a supervisor is not shown."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
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
from imperfect_trainer.deck.features.supervision import SectionProgress
from imperfect_trainer.deck.settings_registry import DEFAULT_REPORT_FOOTER
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
    parts += ["</table>", "<h2>Mastery by idea</h2>", *_mastery(report)]
    if own:
        parts.append("<h2>Ideas still hard</h2>")
        parts += _hard_ideas(report)
    parts += _goals(report)
    parts += _journal(report)
    return "".join(parts)


def _mastery(report: SupervisionReport) -> list[str]:
    """The chart of the sections met, then what it shows and what it leaves out, in words."""
    when = (
        "As their collection stands now (the supervision views keep no earlier state)."
        if report.mastery_today
        else f"As it stood on {report.last.day} {report.last:%B %Y}, the period's last day."
    )
    met = met_sections(report)
    unmet = [s for s in report.sections if s not in met]
    parts = [f"<p><img src='{CHART_URL}'></p>"] if met else ["<p>No idea met yet.</p>"]
    key = (
        "Dark: settled (an interval of three weeks or more). Light: still settling. Grey: "
        "not seen yet. "
        if met
        else ""
    )
    if unmet:
        cards = sum(s.cards for s in unmet)
        key += (
            f"Not met yet: {len(unmet)} {'section' if len(unmet) == 1 else 'more sections'} "
            f"({cards} card{'s' if cards != 1 else ''}). "
        )
    parts.append(f"<p class='muted'>{key}{when}</p>")
    return parts


def met_sections(report: SupervisionReport) -> list[SectionProgress]:
    """The sections the chart draws: those with a card met (the rest would be empty bars)."""
    return [section for section in report.sections if section.cards > section.new]


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
    elif not report.answers:
        parts.append("<p>Nothing was practised in this period.</p>")
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
            # The entry's line is a small heading: it stays on the page of its first words.
            parts.append(f"<h4>{entry.day.day} {entry.day:%B %Y} · {e(entry.kind)}{about}</h4>")
            parts += [f"<p>{paragraph}</p>" for paragraph in _paragraphs(entry.text)]
    else:
        parts.append("<p class='muted'>None shared.</p>")
    return parts


def _paragraphs(text: str) -> list[str]:
    """The person's paragraphs (a blank line between), each line break inside one kept."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return [
        "<br>".join(html.escape(line) for line in paragraph.splitlines())
        for paragraph in paragraphs
        if paragraph.strip()
    ]


def _row(label: str, value: str) -> str:
    return f"<tr><td>{html.escape(label)}</td><td class='value'>{html.escape(value)}</td></tr>"


STYLE = f"""
body {{ color: {TEXT}; }}
h1 {{ color: {ACCENT}; font-size: 20pt; margin-bottom: 0; }}
h2 {{ color: {ACCENT}; font-size: 13pt; margin-top: 18px; }}
h4 {{ color: {MUTED}; font-size: 10.5pt; font-weight: normal; margin-top: 10px;
      margin-bottom: 2px; }}
.muted {{ color: {MUTED}; }}
table.numbers td {{ border-bottom: 1px solid {LINE}; }}
td.value {{ font-weight: bold; }}
"""


CHART_WIDTH = 640  # as shown on the page, in the page's pixels
CHART_SCALE = 2  # drawn at twice that, so it stays sharp when printed
CHART_POINTS = 9.5
BAR_HEIGHT = 12
ROW_GAP = 6


def label_lines(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """A section's name in lines no wider than ``width``, broken between words (a word too
    long for a line has one to itself): never cut short."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def mastery_chart(report: SupervisionReport, width: int = CHART_WIDTH) -> QImage:
    """Horizontal bars, one per section met: settled, settling, not yet seen. As tall as its
    rows, each row as tall as its section's name wrapped beside the bar."""
    rows = met_sections(report)
    font = text_font(CHART_POINTS)
    probe = QImage(1, 1, QImage.Format.Format_RGB32)
    metrics = QFontMetricsF(font, probe)
    label_width = width * 0.42
    labels = [label_lines(section.section, metrics, label_width) for section in rows]
    line = metrics.lineSpacing()
    heights = [max(BAR_HEIGHT, line * len(lines)) + ROW_GAP for lines in labels]
    height = max(1.0, sum(heights))
    image = QImage(int(width * CHART_SCALE), int(height * CHART_SCALE), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(CHART_SCALE, CHART_SCALE)
    painter.setFont(font)
    gap = 10.0
    bar_left = label_width + gap
    bar_width = width - bar_left - 2
    top = 0.0
    for section, lines, row in zip(rows, labels, heights, strict=True):
        painter.setPen(QColor(TEXT))
        for number, text in enumerate(lines):
            painter.drawText(
                QRectF(0, top + ROW_GAP / 2 + number * line, label_width, line),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                text,
            )
        bar_top = top + (row - BAR_HEIGHT) / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(LINE))
        painter.drawRoundedRect(QRectF(bar_left, bar_top, bar_width, BAR_HEIGHT), 3, 3)
        x = bar_left
        for count, colour in ((section.settled, ACCENT), (section.settling, SOFT)):
            part = bar_width * count / section.cards if section.cards else 0
            if part:
                painter.setBrush(QColor(colour))
                painter.drawRect(QRectF(x, bar_top, part, BAR_HEIGHT))
            x += part
        top += row
    painter.end()
    return image


SHORT_BLOCK_LINES = 6  # a paragraph (or goal) this short is never split across two pages
LEAST_LINES = 2  # nor is a page to start or end with fewer of a longer one's lines
HEADER_POINTS = 8.5
SECTION_LEVEL = 2  # the report's sections are <h2>


@dataclass(frozen=True, slots=True)
class PageFrame:
    """What every page carries around the report: the running header (the person's name, if
    they gave one, and the period) and the footer (the confidentiality line, the page count)."""

    name: str
    period: str
    footer: str = DEFAULT_REPORT_FOOTER

    def header_left(self) -> str:
        return f"Supervision report · {self.name}" if self.name else "Supervision report"

    @staticmethod
    def page_words(number: int, count: int) -> str:
        return f"page {number} of {count}"


def text_font(points: float) -> QFont:
    """The report's font, without ligatures: "fi" stays two letters in the PDF's text, so a
    search for "confidential" or "first" finds it and a copied line reads the same."""
    font = QFont()
    font.setPointSizeF(points)
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def page_size_for(territory: QLocale.Country) -> QPageSize.PageSizeId:
    """Letter in the United States and Canada, where it is the paper in the printer; A4
    everywhere else."""
    letter = (QLocale.Country.UnitedStates, QLocale.Country.Canada)
    return QPageSize.PageSizeId.Letter if territory in letter else QPageSize.PageSizeId.A4


def report_document(report: SupervisionReport, page: QSizeF) -> QTextDocument:
    """The report laid out on pages of ``page`` size (the room between header and footer):
    headings kept with what follows, short paragraphs and goals whole, no line alone."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    body = text_font(10.5)
    document.setDefaultFont(body)
    document.setDefaultStyleSheet(STYLE)
    chart = mastery_chart(report)
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL), chart)
    shown = (chart.width() // CHART_SCALE, chart.height() // CHART_SCALE)
    document.setHtml(
        report_html(report).replace(
            f"<img src='{CHART_URL}'>",
            f"<img src='{CHART_URL}' width='{shown[0]}' height='{shown[1]}'>",
        )
    )
    document.setPageSize(page)
    keep_together(document, goals_heading(report))
    return document


def _line_pages(document: QTextDocument, block: QTextBlock) -> list[int]:
    """The page each of a block's lines falls on (the layout never splits a line)."""
    top = document.documentLayout().blockBoundingRect(block).top()
    height = document.pageSize().height()
    lines = block.layout()
    return [int((top + lines.lineAt(n).y() + 1) // height) for n in range(lines.lineCount())] or [
        int(top // height)
    ]


def _in_table(block: QTextBlock) -> bool:
    return QTextCursor(block).currentTable() is not None


def _move_to_next_page(document: QTextDocument, block: QTextBlock) -> bool:
    """Start a page at ``block``, or at the headings just before it, which go with it; False
    when that would not help (it already starts a page, or it is taller than a page)."""
    target = block
    while target.previous().isValid() and target.previous().blockFormat().headingLevel():
        target = target.previous()
    height = document.pageSize().height()
    layout = document.documentLayout()
    top = layout.blockBoundingRect(target).top()
    bottom = layout.blockBoundingRect(block).bottom()
    if top % height < 1 or bottom - top >= height:
        return False
    moved = QTextBlockFormat()
    moved.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(target).mergeBlockFormat(moved)
    # Qt lays out again only part of what follows a changed format, leaving later blocks with
    # no lines (and missing from the PDF): the rest of the document is laid out anew.
    document.markContentsDirty(target.position(), document.characterCount() - target.position())
    return True


def keep_together(document: QTextDocument, whole_under: str = "") -> int:
    """Start a new page where a page would otherwise end on a heading, split a short paragraph
    (or any under the heading ``whole_under``: the goals, each read as one) or leave one line
    of a longer one alone at its foot or head. The blocks are taken in order, so each move only
    shifts those still to come; returns how many moved."""
    moved = 0
    whole = False
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == SECTION_LEVEL:
            whole = block.text() == whole_under
        if not _in_table(block):
            pages = _line_pages(document, block)
            first, last = pages[0], pages[-1]
            split = first != last and (
                whole
                or len(pages) <= SHORT_BLOCK_LINES
                or pages.count(first) < LEAST_LINES
                or pages.count(last) < LEAST_LINES
            )
            previous = block.previous()
            after_heading = (
                previous.isValid()
                and previous.blockFormat().headingLevel() > 0
                and _line_pages(document, previous)[-1] != first
            )
            if (split or after_heading) and _move_to_next_page(document, block):
                moved += 1
        block = block.next()
    return moved


def paint_pages(document: QTextDocument, writer: QPdfWriter, frame: PageFrame) -> None:
    """Each page: the running header, its share of the report, and the footer."""
    painter = QPainter(writer)
    small = text_font(HEADER_POINTS)
    painter.setFont(small)
    band = painter.fontMetrics().lineSpacing() * 2.5
    width, height = float(writer.width()), float(writer.height())
    body = document.pageSize().height()
    count = document.pageCount()
    for page in range(count):
        if page:
            writer.newPage()
        painter.setFont(small)
        _band_text(painter, QRectF(0, 0, width, band / 2), frame.header_left(), frame.period)
        painter.setPen(QColor(LINE))
        painter.drawLine(QPointF(0, band * 0.6), QPointF(width, band * 0.6))
        painter.save()
        painter.translate(0, band - page * body)
        _draw_page(document, painter, QRectF(0, page * body, width, body))
        painter.restore()
        painter.setPen(QColor(LINE))
        painter.drawLine(QPointF(0, height - band * 0.6), QPointF(width, height - band * 0.6))
        _band_text(
            painter,
            QRectF(0, height - band / 2, width, band / 2),
            frame.footer,
            PageFrame.page_words(page + 1, count),
        )
    painter.end()


def _draw_page(document: QTextDocument, painter: QPainter, page: QRectF) -> None:
    """One page's lines. The layout is told a clip a hair inside the page, so a line starting
    right at the next page's top is not also drawn (clipped out of sight, yet in the PDF's
    text, read twice by a search or a screen reader) on this one."""
    painter.setClipRect(page)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = page.adjusted(0, 0.5, 0, -0.5)
    document.documentLayout().draw(painter, context)


def _band_text(painter: QPainter, rect: QRectF, left: str, right: str) -> None:
    """A header's or footer's two ends; the left one elided if both would not fit."""
    painter.setPen(QColor(MUTED))
    metrics = painter.fontMetrics()
    right_width = metrics.horizontalAdvance(right) + metrics.averageCharWidth() * 3
    left = metrics.elidedText(left, Qt.TextElideMode.ElideRight, int(rect.width() - right_width))
    centred = Qt.AlignmentFlag.AlignVCenter
    painter.drawText(rect, centred | Qt.AlignmentFlag.AlignLeft, left)
    painter.drawText(rect, centred | Qt.AlignmentFlag.AlignRight, right)


def write_report_pdf(
    report: SupervisionReport,
    path: Path,
    *,
    name: str = "",
    footer: str = DEFAULT_REPORT_FOOTER,
    page_size: QPageSize.PageSizeId | None = None,
) -> None:
    """Write the PDF privately and all at once (``ExportError`` names the file if it cannot).
    ``name`` heads every page (a report on a trainee is headed with theirs); the page size
    is the locale's unless given."""
    pdf = draw_report_pdf(report, path, name=name, footer=footer, page_size=page_size)
    write_private_bytes(path, pdf)


def draw_report_pdf(
    report: SupervisionReport,
    path: Path,
    *,
    name: str = "",
    footer: str = DEFAULT_REPORT_FOOTER,
    page_size: QPageSize.PageSizeId | None = None,
) -> bytes:
    """The PDF for ``path``, drawn in memory (``ExportError`` naming it if it could not be
    drawn whole; nothing is written here)."""
    # Written afterwards by the same private writer as every export: QPdfWriter on a file
    # ignores write errors, and a full disk would leave a truncated PDF.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(
        "Supervision report" if report.trainee is None else f"Supervision report: {report.trainee}"
    )
    writer.setCreator("Imperfect Trainer")
    size = page_size if page_size is not None else page_size_for(QLocale().territory())
    writer.setPageLayout(
        QPageLayout(
            QPageSize(size),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 14, 18, 14),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(96)
    frame = PageFrame(report.trainee or name.strip(), report.period.words(), footer.strip())
    band = _band_height(writer)
    document = report_document(report, QSizeF(writer.width(), writer.height() - 2 * band))
    paint_pages(document, writer, frame)
    del writer  # the PDF is finished when the writer goes away
    pdf = bytes(buffer.data().data())
    if not pdf.rstrip().endswith(b"%%EOF"):
        raise ExportError(path, "the report could not be drawn completely; nothing was written")
    return pdf


def _band_height(writer: QPdfWriter) -> float:
    """The room the header (and the footer) takes, as ``paint_pages`` draws it."""
    return QFontMetricsF(text_font(HEADER_POINTS), writer).lineSpacing() * 2.5
