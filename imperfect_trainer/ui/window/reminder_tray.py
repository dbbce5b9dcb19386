"""The daily reminder: once a day when not yet practised, one gentle message, and a tray icon
where the desktop has a tray.

``ReminderScheduler`` decides (features/reminder.py, with an injected clock), tested without a
tray; ``ReminderTray`` says it through the desktop's notifications (``desktop_notifications``,
which GNOME shows too), else as the tray icon's message, else not at all: a reminder is never
worth an error.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from imperfect_trainer.deck.features import preferences, reminder
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import _
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.deck_words import deck_word
from imperfect_trainer.ui.window.app_icon import app_icon
from imperfect_trainer.ui.window.desktop_notifications import DesktopNotifications

CHECK_EVERY_MS = 60_000
MESSAGE_SHOWN_MS = 15_000


class ReminderScheduler(QObject):
    """Looks once a minute whether today's reminder is due; emits ``due`` at most once a day."""

    due = Signal()

    def __init__(self, store: Store, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        # A timer rather than one alarm at the chosen time: it survives sleep, clock changes
        # and a new setting without any rescheduling.
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        self.check()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> bool:
        now = self.clock()
        try:
            if not reminder.should_remind(self.store, now):
                return False
            reminder.mark_reminded(self.store, now)
        except StoreError:
            # A reminder is never worth an error dialog; the next minute tries again.
            return False
        self.due.emit()
        return True


class ReminderTray(QObject):
    """The tray icon (only while the reminder is on) and the reminder's message; clicking the
    message opens the window (the tray's starts the practice)."""

    practice_requested = Signal()
    open_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        available: bool,
        notifications: DesktopNotifications | None = None,
        background: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.notifications = notifications
        # Started at login to wait for the reminder: closing the window keeps it waiting.
        self.background = background
        self.can_notify = notifications is not None and notifications.available
        self.available = available or self.can_notify
        self.scheduler = ReminderScheduler(store, clock, self)
        self.scheduler.due.connect(self._remind)
        if notifications is not None:
            notifications.clicked.connect(self.open_requested)
        self.icon: QSystemTrayIcon | None = None
        if available:
            self._add_icon()
        self.apply_settings()

    def _add_icon(self) -> None:
        self.icon = QSystemTrayIcon(app_icon(), self)
        self.icon.setToolTip(_("Imperfect Trainer"))
        menu = QMenu()
        for text, signal in (
            (_("Open Imperfect Trainer"), self.open_requested),
            (_("Practise now"), self.practice_requested),
            (_("Quit"), self.quit_requested),
        ):
            action = QAction(text, menu)
            action.triggered.connect(signal)
            menu.addAction(action)
        self.menu = menu
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self.practice_requested)

    @property
    def active(self) -> bool:
        """Whether the tray icon is there: a tray exists and the person switched it on."""
        return self.icon is not None and self.icon.isVisible()

    @property
    def keeps_app_open(self) -> bool:
        """Whether closing the window leaves the app running: for the tray icon, or for the
        reminder the app was started at login to wait for."""
        return self.active or (self.background and self.scheduler.timer.isActive())

    def apply_settings(self) -> None:
        """Follow the reminder setting: icon and timer on, or both off. Started at login, the
        timer runs even where nothing can show the reminder yet: the desktop's notifications
        and tray may come up after the programs started at login."""
        if (self.available or self.background) and preferences.reminder_enabled(self.store):
            if self.icon is not None:
                self.icon.show()
            self.scheduler.start()
        else:
            self.scheduler.stop()
            if self.icon is not None:
                self.icon.hide()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_requested.emit()

    def _remind(self) -> None:
        title, message = deck_word(reminder.MESSAGE_TITLE), deck_word(reminder.MESSAGE)
        if self.notifications is not None and self.notifications.notify(
            title, message, deck_word(reminder.OPEN_WORDS)
        ):
            return
        if self.icon is not None:
            self.icon.showMessage(title, message, app_icon(), MESSAGE_SHOWN_MS)
