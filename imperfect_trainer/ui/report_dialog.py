"""Supervision report: choose the period and, one by one, any journal entries to share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features.report_data import gather_report, journal_choices
from imperfect_trainer.deck.storage.private_files import ExportError
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui import widgets
from imperfect_trainer.ui.report_pdf import write_report_pdf

DEFAULT_DAYS = 30


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class ReportDialog(QDialog):
    def __init__(self, store: Store, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Supervision report")
        self.resize(620, 520)
        self.first = QDateEdit(_qdate(today - dt.timedelta(days=DEFAULT_DAYS - 1)))
        self.last = QDateEdit(_qdate(today))
        for edit, name in ((self.first, "Report from"), (self.last, "Report to")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMMM yyyy")
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self.refresh_entries)
        self.entries = QListWidget()
        self.entries.setAccessibleName("Journal entries to share")
        note = widgets.label(
            "Journal entries stay private unless you tick them. Read each one again before "
            "sharing: no client names or identifying details.",
            role="muted",
            wrap=True,
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Save PDF…")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("From", self.first)
        form.addRow("To", self.last)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(widgets.label("Journal entries to share", role="lead"))
        layout.addWidget(note)
        layout.addWidget(self.entries, 1)
        layout.addWidget(self.buttons)
        self.refresh_entries()

    def refresh_entries(self) -> None:
        self.entries.clear()
        for choice in journal_choices(self.store, _day(self.first.date()), _day(self.last.date())):
            item = QListWidgetItem(f"{choice.day:%d %b} · {choice.kind} · {choice.preview}")
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.entries.addItem(item)

    def shared_ids(self) -> list[int]:
        return [
            int(self.entries.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.entries.count())
            if self.entries.item(row).checkState() == Qt.CheckState.Checked
        ]

    def save(self) -> None:
        suggested = str(Path.home() / f"supervision-report-{_day(self.last.date())}.pdf")
        target, _ = QFileDialog.getSaveFileName(self, "Save report", suggested, "PDF (*.pdf)")
        if target:
            self.write_to(Path(target))

    def write_to(self, target: Path) -> bool:
        try:
            report = gather_report(
                self.store, _day(self.first.date()), _day(self.last.date()), self.shared_ids()
            )
            write_report_pdf(report, target)
        except (ValueError, OSError, StoreError, ExportError) as error:
            QMessageBox.warning(self, "Supervision report", f"No report was written.\n\n{error}")
            return False
        self.accept()
        return True
