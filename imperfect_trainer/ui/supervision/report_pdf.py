"""The supervision report as a PDF, drawn with Qt (QTextDocument on a QPdfWriter, no browser).

The same drawing serves a person's own report and a supervisor's report on a trainee
(``report.trainee``), which holds only what the trainee shares: it names the trainee, speaks
of "their" goals and entries, and leaves out what a supervisor is not shown."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFontMetricsF,
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
from imperfect_trainer.deck.settings_registry import DEFAULT_REPORT_FOOTER
from imperfect_trainer.deck.storage.private_files import ExportError, write_private_bytes
from imperfect_trainer.translation import _
from imperfect_trainer.ui.common.deck_words import deck_word
from imperfect_trainer.ui.supervision.report_html import (
    CHART_SCALE,
    CHART_URL,
    LINE,
    MUTED,
    STYLE,
    goals_heading,
    mastery_chart,
    period_words,
    report_html,
    text_font,
)

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
        return (
            _("Supervision report · {name}").format(name=self.name)
            if self.name
            else _("Supervision report")
        )

    @staticmethod
    def page_words(number: int, count: int) -> str:
        return _("page {number} of {count}").format(number=number, count=count)


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
        _("Supervision report")
        if report.trainee is None
        else _("Supervision report: {trainee}").format(trainee=report.trainee)
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
    # The footer as Settings left it: its default line in the window's language.
    footer = deck_word(footer.strip())
    frame = PageFrame(report.trainee or name.strip(), period_words(report.period), footer)
    band = _band_height(writer)
    document = report_document(report, QSizeF(writer.width(), writer.height() - 2 * band))
    paint_pages(document, writer, frame)
    del writer  # the PDF is finished when the writer goes away
    pdf = bytes(buffer.data().data())
    if not pdf.rstrip().endswith(b"%%EOF"):
        raise ExportError(path, _("the report could not be drawn completely; nothing was written"))
    return pdf


def _band_height(writer: QPdfWriter) -> float:
    """The room the header (and the footer) takes, as ``paint_pages`` draws it."""
    return QFontMetricsF(text_font(HEADER_POINTS), writer).lineSpacing() * 2.5
