"""A supervisor's report on one trainee: choose the period, save the PDF. It holds only what
the trainee shares (their practice's summary, mastery, and the goals and journal entries they
ticked), drawn as a person's own report is and written by the same private writer.

What the trainee shares is read from the programme's server on a worker with a connection of
its own (``supervision.OwnConnection``): a slow or lost server never freezes the window, the
dialog says it is reading, and a server that cannot be reached is said in the dialog, which
stays open to try again."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features.report_data import report_on
from imperfect_trainer.deck.features.supervision import OwnConnection, TraineeOverview
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import _
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.supervision.report_dialog import (
    PERIOD_BACKWARDS,
    ask_where,
    date_of,
    period_edits,
    period_form,
    save_pdf,
    save_pdf_buttons,
)
from imperfect_trainer.ui.supervision.server_reads import read_off_thread


class TraineeReportDialog(QDialog):
    def __init__(
        self, store: Store, trainee: str, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.trainee = trainee
        self.server = OwnConnection.of(store)
        # The report being read: where it is to be written, and its period.
        self._asked: tuple[Path, dt.date, dt.date] | None = None
        self.setWindowTitle(_("Supervision report on {trainee}").format(trainee=trainee))
        self.first, self.last = period_edits(today)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self._check_period)
        self.heading = widgets.label(
            _("A report on {trainee}").format(trainee=trainee), role="lead", wrap=True
        )
        note = widgets.label(
            _(
                "It holds the summary of {trainee}'s practice and only the goals and journal "
                "entries they chose to share with you. The PDF is saved on this computer, "
                "readable by you alone: keep it as carefully as your own notes."
            ).format(trainee=trainee),
            role="muted",
            wrap=True,
        )
        self.problem = widgets.label(_(PERIOD_BACKWARDS), role="notice", wrap=True)
        self.problem.hide()
        # "Reading…", or why the server could not be read.
        self.status = widgets.label(role="notice", wrap=True)
        self.status.hide()
        self.buttons = save_pdf_buttons(self.save, self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(note)
        layout.addLayout(period_form(self.first, self.last))
        layout.addWidget(self.problem)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        widgets.fit_to_text(self, 60, least_height=self.fontMetrics().lineSpacing() * 14)

    def period(self) -> tuple[dt.date, dt.date]:
        return date_of(self.first.date()), date_of(self.last.date())

    def _check_period(self) -> None:
        first, last = self.period()
        self.problem.setVisible(last < first)
        self.save_button.setEnabled(first <= last)

    def save(self) -> None:
        _first, last = self.period()
        # A role's name may hold any character; the file's name keeps the plain ones.
        name = re.sub(r"[^\w-]+", "-", self.trainee)
        target = ask_where(self, f"supervision-report-{name}-{last}.pdf")
        if target is not None:
            self.write_to(target)

    def write_to(self, target: Path) -> None:
        """Read what the trainee shares, then write the report to ``target``; the dialog closes
        once it is written."""
        first, last = self.period()
        trainee, server = self.trainee, self.server
        self._asked = (target, first, last)
        self.save_button.setEnabled(False)
        self._say(_("Reading what {trainee} shares…").format(trainee=trainee))
        read_off_thread(
            lambda: server.overview(trainee, first, last), self._came_back, "trainee-report"
        )

    def _came_back(self, outcome: object) -> None:
        if isinstance(outcome, TraineeOverview):
            self._read(outcome)
        else:
            assert isinstance(outcome, BaseException)
            self._unreachable(outcome)

    def _read(self, seen: TraineeOverview) -> None:
        asked, self._asked = self._asked, None
        self._say("")
        self._check_period()
        if asked is None or not self.isVisible():
            return  # cancelled while the server was read
        target, first, last = asked
        save_pdf(self, self.store, lambda: report_on(seen, first, last), target)

    def _unreachable(self, error: BaseException) -> None:
        self._asked = None
        self._check_period()
        if not isinstance(error, StoreError):
            self._say("")
            raise error  # a fault of the app's, for the error boundary to tell
        self._say(
            _(
                "The server cannot be reached ({problem}): the report needs what {trainee} "
                "shares now. Nothing was written; Save PDF… tries again."
            ).format(problem=error.problem, trainee=self.trainee)
        )

    def _say(self, words: str) -> None:
        self.status.setText(words)
        self.status.setVisible(bool(words))
