"""Supervision report: choose the period and, one by one, any journal entries to share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features.report_data import (
    SupervisionReport,
    gather_report,
    journal_choices,
)
from imperfect_trainer.deck.features.report_period import Period
from imperfect_trainer.deck.storage.private_files import ExportError, write_private_bytes
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.language import long_day, month_year, short_day
from imperfect_trainer.ui.common.operations import Failure, run_in_background, run_op
from imperfect_trainer.ui.supervision.report_html import entry_kind
from imperfect_trainer.ui.supervision.report_pdf import draw_report_pdf

PERIOD_BACKWARDS = N_("The period ends before it starts: choose the dates again.")
NO_REPORT = Failure(
    N_("Supervision report"),
    N_("No report was written."),
    (ValueError, OSError, StoreError, ExportError),
)


def fit_calendar(edit: QDateEdit) -> None:
    """The pop-up calendar as wide as its month name and seven day columns need at the current
    text size (Qt's own size cuts them off when the text is large), weekends in the ordinary
    colour rather than Qt's red."""
    calendar = edit.calendarWidget()
    plain = QTextCharFormat()
    plain.setForeground(calendar.palette().text())
    for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
        calendar.setWeekdayTextFormat(day, plain)
    metrics = calendar.fontMetrics()
    column = metrics.horizontalAdvance("00") + metrics.averageCharWidth() * 3
    width = max(column * 8, metrics.horizontalAdvance(month_year(dt.date(2026, 9, 1))) * 2)
    calendar.setMinimumSize(width, metrics.lineSpacing() * 10)


def period_edits(today: dt.date) -> tuple[QDateEdit, QDateEdit]:
    """A report's first and last day, the last ``DEFAULT_DAYS`` up to ``today`` to start."""
    period = Period.ending(today)
    first = QDateEdit(qdate(period.first))
    last = QDateEdit(qdate(period.last))
    for edit, name in ((first, _("Report from")), (last, _("Report to"))):
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(_("d MMMM yyyy"))
        edit.setAccessibleName(name)
        fit_calendar(edit)
    return first, last


def period_form(first: QDateEdit, last: QDateEdit) -> QFormLayout:
    form = QFormLayout()
    form.addRow(_("From"), first)
    form.addRow(_("To"), last)
    return form


def save_pdf_buttons(save: Callable[[], None], cancel: Callable[[], None]) -> QDialogButtonBox:
    """Save PDF… and Cancel."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save PDF…"))
    buttons.accepted.connect(save)
    buttons.rejected.connect(cancel)
    return buttons


def ask_where(parent: QWidget, file_name: str) -> Path | None:
    """Where to save the PDF, suggested in the home folder; None when the person cancels."""
    suggested = str(Path.home() / file_name)
    target = QFileDialog.getSaveFileName(parent, _("Save report"), suggested, _("PDF (*.pdf)"))[0]
    return Path(target) if target else None


def save_pdf(
    dialog: QDialog,
    store: Store,
    report: Callable[[], SupervisionReport],
    target: Path,
) -> None:
    """Gather the report and draw its PDF, headed with the name the person gave and footed
    with their confidentiality line, then write it on a worker (a slow or full disk never
    freezes the window) and close ``dialog``. A failure is told, nothing is written, and the
    dialog stays open. Gathering and drawing stay here: they read the store, whose connection
    belongs to this thread, and lay out text with the app's fonts."""
    pdf = run_op(
        dialog,
        lambda: draw_report_pdf(
            report(),
            target,
            name=store.setting("report_name"),
            footer=store.setting("report_footer"),
        ),
        failure=NO_REPORT,
    )
    if pdf is None:
        return
    writing = run_in_background(dialog, lambda: write_private_bytes(target, pdf), failure=NO_REPORT)
    writing.finished.connect(lambda _written: dialog.accept())


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_of(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class ReportDialog(QDialog):
    def __init__(self, store: Store, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(_("Supervision report"))
        self.first, self.last = period_edits(today)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self.refresh_entries)
        self.entries = QListWidget()
        self.entries.setAccessibleName(_("Journal entries to share"))
        self.entries.setWordWrap(True)
        self.entries.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.none_in_period = widgets.label(role="notice", wrap=True)
        self.none_in_period.setAccessibleName(_("No journal entries in this period"))
        note = widgets.label(
            _(
                "Journal entries stay private unless you tick them. Read each one again before "
                "sharing: no client names or identifying details."
            ),
            role="muted",
            wrap=True,
        )
        self.buttons = save_pdf_buttons(self.save, self.reject)
        # Asked here, kept for the next report: the name is the person's to give or leave out.
        self.name = QLineEdit(store.setting("report_name"))
        self.name.setAccessibleName(_("Your name on each page"))
        self.name.setPlaceholderText(_("optional"))

        layout = QVBoxLayout(self)
        form = period_form(self.first, self.last)
        form.addRow(_("Your name on each page"), self.name)
        layout.addLayout(form)
        layout.addWidget(widgets.label(_("Journal entries to share"), role="lead", wrap=True))
        layout.addWidget(note)
        layout.addWidget(self.none_in_period)
        layout.addWidget(self.entries, 1)
        layout.addWidget(self.buttons)
        self.refresh_entries()
        self.entries.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        widgets.fit_to_text(self, 60, least_height=self.fontMetrics().lineSpacing() * 20)

    def refresh_entries(self) -> None:
        self.entries.clear()
        first, last = date_of(self.first.date()), date_of(self.last.date())
        choices = [] if last < first else journal_choices(self.store, first, last)
        for choice in choices:
            kind = entry_kind(choice.kind)
            item = QListWidgetItem(f"{short_day(choice.day)} · {kind}\n{choice.preview}")
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.entries.addItem(item)
        if last < first:
            self.none_in_period.setText(_(PERIOD_BACKWARDS))
        else:
            self.none_in_period.setText(
                _(
                    "No journal entries fall between {first} and {last}: the report will have none."
                ).format(first=long_day(first), last=long_day(last))
            )
        self.none_in_period.setVisible(not choices)
        self.entries.setVisible(bool(choices))

    def shared_ids(self) -> list[int]:
        return [
            int(self.entries.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.entries.count())
            if self.entries.item(row).checkState() == Qt.CheckState.Checked
        ]

    def save(self) -> None:
        target = ask_where(self, f"supervision-report-{date_of(self.last.date())}.pdf")
        if target is not None:
            self.write_to(target)

    def write_to(self, target: Path) -> None:
        """Write the report to ``target``; the dialog closes once it is written."""
        first, last = date_of(self.first.date()), date_of(self.last.date())
        name = self.name.text().strip()
        if name != self.store.setting("report_name"):
            self.store.set_setting("report_name", name)
        save_pdf(
            self,
            self.store,
            lambda: gather_report(self.store, first, last, self.shared_ids()),
            target,
        )
