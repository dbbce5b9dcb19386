"""The supervision report's words and chart: the report as HTML for a QTextDocument (its
sections, goals and the journal entries shared), and the chart of sections met drawn as an
image. ``report_pdf`` lays them out on pages and writes the file."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
)

from imperfect_trainer.deck.features.report_data import SupervisionReport
from imperfect_trainer.deck.features.report_period import Period, PracticeFigures
from imperfect_trainer.deck.features.supervision import SectionProgress
from imperfect_trainer.translation import N_, _, ngettext
from imperfect_trainer.ui.common.deck_words import deck_word
from imperfect_trainer.ui.common.language import day_text, long_day, number

ACCENT = "#2f7471"
SOFT = "#cfe3e1"
LINE = "#dcd8d0"
TEXT = "#2a2c2e"
MUTED = "#6b6f73"
CHART_URL = "chart://mastery"
GOALS_HEADING = N_("My practice goals")
TRAINEE_GOALS_HEADING = N_("Goals they chose to share")
ENTRY_KINDS = {
    "debrief": N_("after a hard session"),
    "reflection": N_("reflection"),
    "note": N_("note"),
}


def entry_kind(kind: str) -> str:
    """A journal entry's kind in words (the core keeps "debrief", "reflection", "note")."""
    return _(ENTRY_KINDS[kind]) if kind in ENTRY_KINDS else kind


def period_words(period: Period) -> str:
    """'1 to 3 December 2026', '28 November to 3 December 2026', or across years."""
    first, last = period.first, period.last
    if first == last:
        return long_day(last)
    if first.year != last.year:
        start = long_day(first)
    elif first.month != last.month:
        start = day_text(first, _("d MMMM"))
    else:
        start = day_text(first, _("d"))
    return _("{first} to {last}").format(first=start, last=long_day(last))


def days_words(figures: PracticeFigures) -> str:
    """'2 of 3 days', said the same on the screen and in the PDF."""
    days = figures.period.days
    return ngettext("{practised} of {count} day", "{practised} of {count} days", days).format(
        practised=figures.days_practised, count=days
    )


def time_words(figures: PracticeFigures) -> str:
    """Minutes as a person says them: a few seconds are 'under a minute', never '0'."""
    if not figures.days_practised:
        return _("none")
    whole = round(figures.minutes)
    if whole < 1:
        return _("under a minute")
    return ngettext("about {count} minute", "about {count} minutes", whole).format(count=whole)


def goals_heading(report: SupervisionReport) -> str:
    return _(GOALS_HEADING) if report.trainee is None else _(TRAINEE_GOALS_HEADING)


def report_html(report: SupervisionReport) -> str:
    """The report's text; the mastery chart is an image resource named ``CHART_URL``."""
    e = html.escape
    own = report.trainee is None
    period = period_words(report.period)
    if own:
        parts = [
            f"<h1>{e(_('Supervision report'))}</h1>"
            f"<p class='muted'>{e(_('Imperfect Trainer'))} · {period}</p>"
        ]
    else:
        trainee = report.trainee or ""
        shared = _("only what they chose to share with you, and a summary of their practice")
        parts = [
            f"<h1>{e(_('Supervision report: {trainee}').format(trainee=trainee))}</h1>"
            f"<p class='muted'>{e(_('Imperfect Trainer'))} · {period} · {e(shared)}</p>"
        ]
    parts += [
        f"<h2>{e(_('Practice'))}</h2><table class='numbers' cellspacing='0' cellpadding='6'>",
        _row(_("Days practised"), days_words(report.practice)),
        _row(_("Time practising"), time_words(report.practice)),
    ]
    if own:
        retention = (
            "—"
            if report.retention is None
            else _("{percent}%").format(percent=round(report.retention * 100))
        )
        parts += [
            _row(_("Cards reviewed"), _count(report.cards_reviewed)),
            _row(_("Answers given"), _count(report.answers)),
            _row(_("Retention (first answers graded 3 or more)"), retention),
        ]
    parts += ["</table>", f"<h2>{e(_('Mastery by idea'))}</h2>", *_mastery(report)]
    if own:
        parts.append(f"<h2>{e(_('Ideas still hard'))}</h2>")
        parts += _hard_ideas(report)
    parts += _goals(report)
    parts += _journal(report)
    return "".join(parts)


def _mastery(report: SupervisionReport) -> list[str]:
    """The chart of the sections met, then what it shows and what it leaves out, in words."""
    when = (
        _("As their collection stands now (the supervision views keep no earlier state).")
        if report.mastery_today
        else _("As it stood on {day}, the period's last day.").format(day=long_day(report.last))
    )
    met = met_sections(report)
    unmet = [s for s in report.sections if s not in met]
    parts = [f"<p><img src='{CHART_URL}'></p>"] if met else [f"<p>{_('No idea met yet.')}</p>"]
    key = (
        _(
            "Dark: settled (an interval of three weeks or more). Light: still settling. Grey: "
            "not seen yet."
        )
        + " "
        if met
        else ""
    )
    if unmet:
        cards = sum(s.cards for s in unmet)
        sections = ngettext(
            "Not met yet: {count} section", "Not met yet: {count} more sections", len(unmet)
        ).format(count=len(unmet))
        card_words = ngettext("{count} card", "{count} cards", cards).format(count=cards)
        key += f"{sections} ({card_words}). "
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
        parts.append(f"<p>{_('Nothing was practised in this period.')}</p>")
    else:
        parts.append(f"<p>{_('None stand out at the moment.')}</p>")
    return parts


def _goals(report: SupervisionReport) -> list[str]:
    e = html.escape
    talked_question = (
        _("Talked through with my supervisor?")
        if report.trainee is None
        else _("Talked through in supervision?")
    )
    parts = [f"<h2>{goals_heading(report)}</h2>"]
    if report.goals:
        for position, goal in enumerate(report.goals, start=1):
            striving = deck_word(goal.striving.label) if goal.striving else _("not answered yet")
            talked = {True: _("yes"), False: _("not yet"), None: _("not answered yet")}[
                goal.discussed_in_supervision
            ]
            parts.append(
                f"<p><b>{position}. {e(goal.text)}</b><br>"
                f"<span class='muted'>{e(_('Healthy striving or never good enough?'))}</span> "
                f"{e(striving)}<br>"
                f"<span class='muted'>{talked_question}</span> {talked}"
                + (f"<br>{e(goal.note)}" if goal.note else "")
                + "</p>"
            )
    elif report.trainee is None:
        parts.append(f"<p>{_('No goals written yet.')}</p>")
    else:
        parts.append(f"<p class='muted'>{_('None shared.')}</p>")
    return parts


def _journal(report: SupervisionReport) -> list[str]:
    e = html.escape
    heading = (
        _("Journal entries I chose to share")
        if report.trainee is None
        else _("Journal entries they chose to share")
    )
    parts = [f"<h2>{e(heading)}</h2>"]
    if report.journal:
        for entry in report.journal:
            about = (
                " — " + e(_("on “{front}”").format(front=entry.card_front))
                if entry.card_front
                else ""
            )
            # The entry's line is a small heading: it stays on the page of its first words.
            parts.append(f"<h4>{long_day(entry.day)} · {e(entry_kind(entry.kind))}{about}</h4>")
            parts += [f"<p>{paragraph}</p>" for paragraph in _paragraphs(entry.text)]
    else:
        parts.append(f"<p class='muted'>{_('None shared.')}</p>")
    return parts


def _paragraphs(text: str) -> list[str]:
    """The person's paragraphs (a blank line between), each line break inside one kept."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return [
        "<br>".join(html.escape(line) for line in paragraph.splitlines())
        for paragraph in paragraphs
        if paragraph.strip()
    ]


def _count(value: int | None) -> str:
    return "—" if value is None else number(value)


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
        for index, text in enumerate(lines):
            painter.drawText(
                QRectF(0, top + ROW_GAP / 2 + index * line, label_width, line),
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


def text_font(points: float) -> QFont:
    """The report's font, without ligatures: "fi" stays two letters in the PDF's text, so a
    search for "confidential" or "first" finds it and a copied line reads the same."""
    font = QFont()
    font.setPointSizeF(points)
    font.setFeature(QFont.Tag("liga"), 0)
    return font
