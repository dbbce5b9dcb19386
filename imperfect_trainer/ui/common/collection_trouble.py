"""When the collection itself fails while the window is open: say what, where and what to do.

Only a damaged collection is offered a backup (its file is kept beside the restored one,
untouched); a locked, read-only or full disk gets its own advice, since going back in time
would not mend it. Every failed action was one transaction, so nothing was half-written.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from imperfect_trainer.deck.storage.backups import newest_good_backup
from imperfect_trainer.deck.storage.store_errors import DatabaseDamagedError, StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.language import long_moment

NOT_SAVED = N_("That could not be saved, and nothing was changed.")
DAMAGED_TITLE = N_("Your collection is damaged")


def _sentence(text: str) -> str:
    return f"{text[:1].upper()}{text[1:]}." if text else ""


class CollectionTrouble(QObject):
    """Tells the person about a failing collection; ``restored`` after a backup replaced it."""

    restored = Signal()

    def __init__(self, store: Store, clock: Clock, window: QWidget) -> None:
        super().__init__(window)
        self.store = store
        self.clock = clock
        self.window = window
        self._telling = False

    def tell(self, error: StoreError) -> None:
        if self._telling:
            return  # one dialog at a time, however many actions failed behind it
        self._telling = True
        try:
            if isinstance(error, DatabaseDamagedError):
                self._offer_backup(error)
            else:
                QMessageBox.warning(
                    self.window,
                    _("Imperfect Trainer"),
                    f"{_(NOT_SAVED)}\n\n{error.path}\n{_sentence(error.problem)}\n\n"
                    f"{_sentence(error.advice)}",
                )
        finally:
            self._telling = False

    def _offer_backup(self, error: DatabaseDamagedError) -> None:
        backup = newest_good_backup(self.store.data_dir)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _(DAMAGED_TITLE),
            f"{error.path}\n{_sentence(error.problem)}\n\n" + _("Nothing in it has been changed."),
            parent=self.window,
        )
        restore = None
        if backup is None:
            box.setInformativeText(
                _(
                    "No good backup was found. Copy the whole data folder somewhere safe before "
                    "anything else, then run Check Database."
                )
            )
        else:
            box.setInformativeText(
                _("Restoring the newest good backup keeps the damaged file beside it, untouched.")
            )
            restore = box.addButton(
                _("Restore the backup of {moment}").format(moment=long_moment(backup.taken_at)),
                QMessageBox.ButtonRole.AcceptRole,
            )
        box.addButton(_("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if backup is None or box.clickedButton() is not restore:
            return
        try:
            self.store.restore(backup.path, self.clock())
        except StoreError as failure:
            QMessageBox.critical(self.window, _("The backup could not be restored"), f"{failure}")
            return
        self.restored.emit()
