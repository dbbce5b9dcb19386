"""The quiet line that says how syncing goes: "Synced 3 minutes ago", "Syncing…", "Offline —
everything is kept here and will sync". Never a warning and never a count of what waits: the
practice works the same either way. Its words are its accessible name, so a screen reader
reads the line as it stands, and the reason behind a line is its description and tooltip."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QTimer

from imperfect_trainer.deck.storage.server_errors import (
    ServerSchemaBehindError,
    ServerUnreachableError,
)
from imperfect_trainer.deck.storage.store_errors import DatabaseTooNewError, StoreError
from imperfect_trainer.translation import N_, _, ngettext
from imperfect_trainer.ui.common.language import moment_text
from imperfect_trainer.ui.common.widgets import WholeTextLabel
from imperfect_trainer.ui.window.background_sync import SyncOutcome

SYNCING = N_("Syncing…")
OFFLINE = N_("Offline — everything is kept here and will sync")
UPDATE_APP = N_("Update the app to sync")
SERVER_UPDATING = N_("Waiting for the programme's server to be updated — everything is kept here")
NOT_SYNCED = N_("Not synced yet — everything is kept here")
JUST_NOW = N_("Synced just now")
MINUTE_MS = 60 * 1000


def synced_words(synced_at: dt.datetime, now: dt.datetime) -> str:
    minutes = int((now - synced_at).total_seconds() // 60)
    if minutes < 1:
        return _(JUST_NOW)
    if minutes < 60:
        return ngettext("Synced a minute ago", "Synced {count} minutes ago", minutes).format(
            count=minutes
        )
    time = f"{synced_at:%H:%M}"
    if synced_at.date() == now.date():
        return _("Synced at {time}").format(time=time)
    day = moment_text(synced_at, _("dd MMMM"))
    return _("Synced on {day} at {time}").format(day=day, time=time)


def failure_words(error: StoreError) -> str:
    if isinstance(error, DatabaseTooNewError):
        return _(UPDATE_APP)
    if isinstance(error, ServerSchemaBehindError):
        return _(SERVER_UPDATING)
    if isinstance(error, ServerUnreachableError):
        return _(OFFLINE)
    return _(NOT_SYNCED)


class SyncLine(WholeTextLabel):
    def __init__(self, clock: Callable[[], dt.datetime]) -> None:
        super().__init__()
        self.setObjectName("muted")
        self.setWordWrap(True)
        self.clock = clock
        self.synced_at: dt.datetime | None = None
        # "3 minutes ago" stays true as the minutes pass.
        self.ticker = QTimer(self)
        self.ticker.setInterval(MINUTE_MS)
        self.ticker.timeout.connect(self._retell)
        self._say(_(SYNCING), "")

    def syncing(self) -> None:
        self.ticker.stop()
        self._say(_(SYNCING), "")

    def show_outcome(self, outcome: SyncOutcome) -> None:
        if outcome.synced:
            self.synced_at = outcome.at
            self.ticker.start()
            self._retell()
            return
        self.ticker.stop()
        if outcome.error is None:
            self._say(_(NOT_SYNCED), "")
        else:
            self._say(failure_words(outcome.error), str(outcome.error))

    def _retell(self) -> None:
        if self.synced_at is not None:
            self._say(synced_words(self.synced_at, self.clock()), "")

    def _say(self, words: str, why: str) -> None:
        self.setText(words)
        self.setAccessibleName(words)
        self.setAccessibleDescription(why)
        self.setToolTip(why)
