"""Backups: the list of saved copies, with Back up now and Restore."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.storage.backup_jobs import BackupJob, RestoreJob, TakeBackup
from imperfect_trainer.deck.storage.backups import Backup, list_backups
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.clock import local_now
from imperfect_trainer.ui.common.language import moment_text, number
from imperfect_trainer.ui.common.operations import (
    EVERYTHING,
    Failure,
    op_done,
    run_in_background,
    run_op,
)
from imperfect_trainer.ui.common.reflow import FlowRow

_NOT_BACKED_UP = Failure(N_("Backup"), N_("The backup could not be written."))
_NOT_RESTORED = Failure(N_("Restore"), N_("Nothing was changed."))


def describe(backup: Backup) -> str:
    size_kb = max(1, round(backup.size / 1024))
    when = moment_text(backup.taken_at, _("dddd d MMMM yyyy, HH:mm"))
    return f"{when}  ·  {number(size_kb)} KB"


class BackupsPanel(QWidget):
    """Lists backups, newest first; restoring asks first and keeps a copy of the current state."""

    def __init__(
        self, store: Store, parent: QWidget | None = None, *, take: TakeBackup = BackupJob.take
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.take = take
        self.list = QListWidget()
        self.list.setAccessibleName(_("Backups, newest first"))
        self.explanation = widgets.label(
            _(
                "A backup is taken when you close the app after practising, every half hour of "
                "use, and before any update or repair. Older ones are thinned out: everything "
                "from today, then one a day for a week, one a week for a month, one a month for "
                "a year."
            ),
            role="muted",
            wrap=True,
        )
        self.backup_button = widgets.button(_("Back up now"))
        self.restore_button = widgets.button(_("Restore…"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.list.currentItemChanged.connect(self._update_buttons)

        # Side by side while they fit; in a narrow window (or longer words) one under the other.
        buttons = FlowRow(spacing=8)
        buttons.add(self.backup_button, self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.explanation)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for backup in list_backups(self.store.data_dir):
            item = QListWidgetItem(describe(backup))
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.list.currentRow() >= 0)

    def back_up_now(self) -> None:
        """Taken on a worker (the collection writes it on a connection of its own): the window
        goes on answering meanwhile, and this panel waits, its button saying why."""
        job = run_op(
            self, lambda: self.store.safety.begin_backup(local_now()), failure=_NOT_BACKED_UP
        )
        if job is None:
            return
        self.backup_button.setText(_("Backing up…"))
        operation = run_in_background(self, lambda: self.take(job), failure=_NOT_BACKED_UP)
        operation.finished.connect(self._done)
        operation.failed.connect(self._done)

    def restore_selected(self) -> None:
        if self.list.currentRow() < 0:
            return
        item = self.list.currentItem()
        answer = QMessageBox.question(
            self,
            _("Restore this backup?"),
            _(
                "Your collection will go back to {moment}.\n\nA backup of how it is now is "
                "taken first, so this can be undone by restoring that."
            ).format(moment=item.text().split("  ·")[0]),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        backup = Path(item.data(Qt.ItemDataRole.UserRole))
        now = local_now()
        job = run_op(
            self, lambda: self.store.safety.begin_restore(backup, now), failure=_NOT_RESTORED
        )
        if job is None:
            return
        # Copying and checking the backup, and the backup of now, on a worker; the swap of the
        # file holds the store, so it waits for the GUI thread (``backup_jobs``).
        self.restore_button.setText(_("Restoring…"))
        operation = run_in_background(self, job.prepare, failure=_NOT_RESTORED)
        operation.finished.connect(lambda _outcome: self._swap(job, now))
        operation.failed.connect(lambda _error: self._gave_up(job))

    def _swap(self, job: RestoreJob, now: dt.datetime) -> None:
        def swap() -> None:
            job.swap()
            self.store.reopened(now)

        op_done(self, swap, EVERYTHING, failure=_NOT_RESTORED)
        self._done()  # it lists the copy taken just before

    def _gave_up(self, job: RestoreJob) -> None:
        job.abandon()
        self._done()

    def _done(self, _outcome: object = None) -> None:
        self.backup_button.setText(_("Back up now"))
        self.restore_button.setText(_("Restore…"))
        self.refresh()


class BackupsDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Backups"))
        self.panel = BackupsPanel(store, self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(close)
        widgets.fit_to_text(self, 60, least_height=self.fontMetrics().lineSpacing() * 18)
