"""The supervision report's pages as a supervisor reads them: rendered by pdftoppm, their
text read by pdftotext. A running header with the person's name and the period, the footer's
confidentiality line and "page 2 of 3" on every page, the person's paragraphs kept, headings
kept with what follows, no line left alone, the paper of the person's country."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSizeF
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QTextBlock, QTextDocument
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import goals
from imperfect_trainer.deck.features.report_data import (
    HardIdea,
    SharedEntry,
    SupervisionReport,
    gather_report,
)
from imperfect_trainer.deck.features.supervision import SectionProgress
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.supervision.report_html import (
    CHART_POINTS,
    GOALS_HEADING,
    label_lines,
    mastery_chart,
    text_font,
)
from imperfect_trainer.ui.supervision.report_pdf import report_document, write_report_pdf
from tests.support.moments import MORNING
from tests.support.pdf_pages import inked_rows, page_count, page_texts, paper, render_pages

pytestmark = pytest.mark.gui

NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
ENTRY = (
    "The session ran over again and I felt the familiar tug to apologise for it.\n\n"
    "Afterwards I had written three pages of notes, rewriting the formulation twice. Good "
    "enough would have been one page and one open question for supervision.\n\n"
    "Next time: stop at the hour,\nwrite the one question, and leave the rest."
)


def _long_report(store: Store, entries: int = 9) -> SupervisionReport:
    report = gather_report(store, *NOVEMBER)
    return dataclasses.replace(
        report,
        hard_ideas=[HardIdea(f"A hard idea number {n}", "A section", 2) for n in range(6)],
        goals=[_goal(n) for n in (1, 2, 3)],
        journal=[
            SharedEntry(dt.date(2026, 11, 1 + n), "note", None, f"Entry {n}. {ENTRY}")
            for n in range(entries)
        ],
    )


def _goal(number: int) -> goals.Goal:
    return goals.Goal(
        number,
        number,
        f"Goal {number}: let a session go off-plan when my client needs it",
        goals.Striving.HEALTHY,
        False,
        "",
        MORNING,
        MORNING,
        MORNING.date(),
    )


def test_every_page_has_the_name_the_period_the_confidentiality_line_and_its_number(
    store: Store, tmp_path: Path, qtbot: QtBot
) -> None:
    target = tmp_path / "report.pdf"
    write_report_pdf(_long_report(store), target, name="Dr Ada Byron")
    texts = page_texts(target)
    count = page_count(target)
    assert count >= 3
    assert len(texts) == count
    images = render_pages(target, tmp_path / "pages")
    assert len(images) == count
    # Every entry, every paragraph in full, and once: none lost past a page, none drawn twice
    # (out of sight on the page before, yet in the text a search or a screen reader reads).
    text = " ".join(" ".join(texts).split())
    for n in range(9):
        assert text.count(f"Entry {n}. The session ran over again") == 1, n
    assert text.count("Afterwards I had written three pages") == 9
    assert text.count("write the one question, and leave the rest.") == 9
    for number, (text, image) in enumerate(zip(texts, images, strict=True), start=1):
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        assert lines[0].startswith("Supervision report · Dr Ada Byron"), lines[0]
        assert lines[0].endswith("1 to 30 November 2026")
        assert lines[-1].startswith("Confidential — for supervision")
        assert lines[-1].endswith(f"page {number} of {count}")
        # Something drawn on the page between its header and its footer, not just the bands.
        rows = inked_rows(image)
        body = [y for y in rows if image.height() * 0.1 < y < image.height() * 0.9]
        assert len(body) > image.height() * 0.05, number


def test_without_a_name_the_header_says_what_the_report_is_and_the_footer_is_the_persons(
    store: Store, tmp_path: Path, qtbot: QtBot
) -> None:
    target = tmp_path / "report.pdf"
    write_report_pdf(
        gather_report(store, *NOVEMBER), target, footer="Private — for my supervisor only"
    )
    for page in page_texts(target):
        lines = [line.strip() for line in page.strip().splitlines() if line.strip()]
        assert lines[0].split("  ")[0] == "Supervision report"
        assert lines[-1].startswith("Private — for my supervisor only")
        assert "Confidential" not in page


def test_the_paragraphs_of_a_journal_entry_are_kept(
    store: Store, tmp_path: Path, qtbot: QtBot
) -> None:
    document = report_document(_long_report(store, entries=1), QSizeF(700, 900))
    texts = [block.text() for block in _blocks(document)]
    start = texts.index(
        "Entry 0. The session ran over again and I felt the familiar tug to apologise for it."
    )
    assert texts[start + 1].startswith("Afterwards I had written three pages")
    # A single line break inside a paragraph stays a line break.
    assert (
        texts[start + 2]
        == "Next time: stop at the hour,\u2028write the one question, and leave the rest."
    )
    target = tmp_path / "report.pdf"
    write_report_pdf(_long_report(store, entries=1), target)
    text = "\n".join(page_texts(target))
    for paragraph in ("Entry 0. The session ran over", "Afterwards I had written", "Next time:"):
        assert any(line.strip().startswith(paragraph) for line in text.splitlines()), paragraph


def _blocks(document: QTextDocument) -> Iterator[QTextBlock]:
    block = document.begin()
    for _ in range(document.blockCount()):
        yield block
        block = block.next()
    assert not block.isValid()


def _line_pages(document: QTextDocument, block: QTextBlock) -> list[int]:
    top = document.documentLayout().blockBoundingRect(block).top()
    lines = block.layout()
    height = document.pageSize().height()
    return [int((top + lines.lineAt(n).y() + 1) // height) for n in range(lines.lineCount())]


def test_no_heading_ends_a_page_and_no_line_is_left_alone(store: Store, qtbot: QtBot) -> None:
    page = QSizeF(560, 520)  # small pages, so every kind of block meets a page's end
    moved = 0
    for entries in range(1, 7):
        for hard in range(0, 12, 3):
            report = dataclasses.replace(
                _long_report(store, entries),
                hard_ideas=[HardIdea(f"A hard idea {n}", "A section", 1) for n in range(hard)],
            )
            document = report_document(report, page)
            blocks = [b for b in _blocks(document) if b.layout().lineCount()]
            for block, following in itertools.pairwise(blocks):
                pages = _line_pages(document, block)
                where = (entries, hard, block.text()[:40])
                if block.blockFormat().headingLevel():
                    assert pages[-1] == _line_pages(document, following)[0], where
                if pages[0] != pages[-1]:
                    assert len(pages) > 6, where  # a short paragraph is never split
                    assert pages.count(pages[0]) >= 2, where
                    assert pages.count(pages[-1]) >= 2, where
            moved += any(b.blockFormat().pageBreakPolicy() for b in _blocks(document))
    assert moved  # the rules did have page ends to move things across


def _long_goal(number: int) -> goals.Goal:
    text = f"Goal {number}: " + "let a session go off-plan when my client needs it, " * 4
    return dataclasses.replace(
        _goal(number),
        text=text.strip(),
        note="What good enough looks like: one agenda item, agreed together. " * 3,
    )


def test_a_goal_is_never_split_across_two_pages(store: Store, qtbot: QtBot) -> None:
    page = QSizeF(700, 560)  # small pages, so goals meet a page's end often
    moved = 0
    base = gather_report(store, *NOVEMBER)
    for hard in range(0, 16):
        report = dataclasses.replace(
            base,
            hard_ideas=[HardIdea(f"A hard idea {n}", "A section", 1) for n in range(hard)],
            goals=[_long_goal(n) for n in (1, 2, 3)],
        )
        document = report_document(report, page)
        block = next(b for b in _blocks(document) if b.text() == GOALS_HEADING)
        heading_page = _line_pages(document, block)[-1]
        for number in (1, 2, 3):
            block = block.next()
            assert block.text().startswith(f"{number}. Goal {number}:")
            pages = set(_line_pages(document, block))
            assert len(pages) == 1, (hard, number)
            if number == 1:
                assert pages == {heading_page}  # the heading never ends a page alone
        moved += document.pageCount() > 1 and any(
            b.blockFormat().pageBreakPolicy() for b in _blocks(document)
        )
    assert moved  # some of these goals did meet a page's end, and were moved whole


@pytest.fixture
def locale() -> Iterator[None]:
    yield
    QLocale.setDefault(QLocale.system())


@pytest.mark.parametrize(
    ("country", "size"),
    [
        (QLocale.Country.UnitedStates, "letter"),
        (QLocale.Country.Canada, "letter"),
        (QLocale.Country.Germany, "A4"),
        (QLocale.Country.UnitedKingdom, "A4"),
    ],
)
def test_the_paper_is_the_countrys(
    store: Store,
    tmp_path: Path,
    qtbot: QtBot,
    locale: None,
    country: QLocale.Country,
    size: str,
) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, country))
    target = tmp_path / "report.pdf"
    write_report_pdf(gather_report(store, *NOVEMBER), target)
    assert paper(target) == size


def test_the_name_is_asked_once_and_the_footer_is_worded_in_settings(
    store: Store, tmp_path: Path, qtbot: QtBot
) -> None:
    from imperfect_trainer.ui.settings.settings_screen import SettingsScreen
    from imperfect_trainer.ui.supervision.report_dialog import ReportDialog

    first = ReportDialog(store, MORNING.date())
    qtbot.addWidget(first)
    assert first.name.text() == ""  # optional: no name until the person gives one
    qtbot.keyClicks(first.name, "Dr Ada Byron")
    with qtbot.waitSignal(first.accepted):
        first.write_to(tmp_path / "first.pdf")
    assert (
        page_texts(tmp_path / "first.pdf")[0]
        .lstrip()
        .startswith("Supervision report · Dr Ada Byron")
    )

    settings = SettingsScreen(store, can_remind=False)
    qtbot.addWidget(settings)
    assert settings.report_name.text() == "Dr Ada Byron"
    assert settings.report_footer.text() == "Confidential — for supervision"
    settings.report_footer.selectAll()
    qtbot.keyClicks(settings.report_footer, "Private: for my supervisor only")

    again = ReportDialog(store, MORNING.date())
    qtbot.addWidget(again)
    assert again.name.text() == "Dr Ada Byron"  # asked once, kept
    with qtbot.waitSignal(again.accepted):
        again.write_to(tmp_path / "again.pdf")
    page = page_texts(tmp_path / "again.pdf")[-1]
    assert page.strip().splitlines()[-1].startswith("Private: for my supervisor only")


def _bars(chart: QImage) -> int:
    """How many bars a column of the chart's bar area crosses."""
    white = QColor("white").rgb()
    x = int(chart.width() * 0.97)
    inked = [chart.pixel(x, y) != white for y in range(chart.height())]
    return sum(1 for y, ink in enumerate(inked) if ink and (y == 0 or not inked[y - 1]))


def _met(report: SupervisionReport, count: int) -> SupervisionReport:
    sections = [SectionProgress(f"Section {n}", 10, 10 if n >= count else 4, 3) for n in range(31)]
    return dataclasses.replace(report, sections=sections)


def test_the_chart_draws_a_bar_for_each_section_met_and_says_how_many_are_not(
    store: Store, tmp_path: Path, qtbot: QtBot
) -> None:
    report = gather_report(store, *NOVEMBER)
    three, thirty = mastery_chart(_met(report, 3)), mastery_chart(_met(report, 30))
    assert (_bars(three), _bars(thirty)) == (3, 30)
    assert three.height() * 9 < thirty.height()  # a few rows, not 31 mostly empty ones
    target = tmp_path / "report.pdf"
    write_report_pdf(_met(report, 3), target)
    text = " ".join(" ".join(page_texts(target)).split())
    assert "Not met yet: 28 more sections (280 cards)." in text
    assert "As it stood on 30 November 2026, the period's last day." in text


def test_a_sections_name_is_wrapped_beside_its_bar_never_cut(qtbot: QtBot) -> None:
    name = "The Unspoken Truths of Being a Therapist: The Perfectionist's Paradox"
    metrics = QFontMetricsF(text_font(CHART_POINTS), QImage(1, 1, QImage.Format.Format_RGB32))
    lines = label_lines(name, metrics, 160)
    assert len(lines) > 1
    assert " ".join(lines) == name
    assert all(metrics.horizontalAdvance(line) <= 160 for line in lines)


def test_a_period_without_practice_says_so_and_lists_no_hard_idea(
    store: Store, tmp_path: Path, qtbot: QtBot
) -> None:
    card = next(c for c in store.todays_practice(MORNING).cards if c.kind.value != "reflection")
    store.answer(card.id, 1, now=MORNING + dt.timedelta(days=1))  # the day after the period
    target = tmp_path / "report.pdf"
    day = MORNING.date()
    write_report_pdf(gather_report(store, day - dt.timedelta(days=2), day), target)
    text = " ".join(" ".join(page_texts(target)).split())
    assert "Days practised 0 of 3 days" in text
    assert "Time practising none" in text
    assert "Nothing was practised in this period." in text
    assert card.front not in text
