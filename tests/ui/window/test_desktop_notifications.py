"""The daily reminder through the desktop's notifications, against a stand-in daemon on a
private D-Bus session bus: the call's exact types, kind words, one a day, and a click that
opens the window on home."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from imperfect_trainer import COMPONENT_ID
from imperfect_trainer.deck.features import preferences, reminder
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.window.desktop_notifications import (
    PATH,
    SERVICE,
    DesktopNotifications,
)
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page
from tests.support.moments import MORNING
from tests.support.session_bus import (
    FakeDaemon,
    PrivateBus,
    needs_dbus_daemon,
    notification_daemon,
    private_bus,
)
from tests.support.window_support import FakeClock

pytestmark = [pytest.mark.gui, needs_dbus_daemon]
__all__ = ["notification_daemon", "private_bus"]  # the fixtures, for this module

EVENING = MORNING.replace(hour=19, minute=30)


def _window(
    store: Store, clock: FakeClock, qtbot: QtBot, bus: QDBusConnection, *, tray: bool = False
) -> MainWindow:
    store.set_setting("welcome_seen", True)
    window = MainWindow(
        store, clock=clock, tray_available=tray, notifications=DesktopNotifications(bus)
    )
    qtbot.addWidget(window)
    return window


def test_the_notification_goes_with_the_specifications_types_and_kind_words(
    private_bus: PrivateBus, notification_daemon: FakeDaemon, qtbot: QtBot
) -> None:
    notifications = DesktopNotifications(private_bus.connection)
    assert notifications.available

    assert notifications.notify(reminder.MESSAGE_TITLE, reminder.MESSAGE, reminder.OPEN_WORDS)

    call = notification_daemon.next_call()
    assert call == {
        "app_name": "Imperfect Trainer",
        "replaces_id": 0,
        "app_icon": COMPONENT_ID,
        "summary": "Imperfect Trainer",
        "body": "Five minutes for yourself?",
        "actions": ["default", "Open"],
        "hints": {"desktop-entry": COMPONENT_ID},
        "expire_timeout": -1,
        "id": call["id"],
    }
    assert notifications.sent == {call["id"]}


def test_the_stand_in_daemon_refuses_a_call_with_plain_python_types(
    private_bus: PrivateBus, notification_daemon: FakeDaemon
) -> None:
    """What PySide sends without the typed path (int32 for the uint32 id): the daemon, like
    GNOME's and dunst, refuses it, so the test above could not pass on a wrongly typed call."""
    message = QDBusMessage.createMethodCall(SERVICE, PATH, SERVICE, "Notify")
    message.setArguments(["Imperfect Trainer", 0, "", "summary", "body", [], {}, -1])

    reply = private_bus.connection.call(message)

    assert reply.type() == QDBusMessage.MessageType.ErrorMessage
    assert reply.errorName() == "org.freedesktop.DBus.Error.UnknownMethod"


def test_the_reminder_arrives_once_a_day_as_a_notification_and_a_click_opens_home(
    store: Store, private_bus: PrivateBus, notification_daemon: FakeDaemon, qtbot: QtBot
) -> None:
    preferences.set_reminder(store, True, dt.time(19, 0))
    clock = FakeClock(MORNING)
    window = _window(store, clock, qtbot, private_bus.connection)
    window.go(Page.STATISTICS)
    window.hide()
    clock.now = EVENING

    with qtbot.waitSignal(window.tray.notifications.clicked, timeout=10_000):  # type: ignore[union-attr]
        assert window.tray.scheduler.check()

    assert notification_daemon.next_call()["body"] == "Five minutes for yourself?"
    assert window.isVisible()
    assert window.stack.currentWidget() is window.home
    clock.advance(60 * 60)
    assert not window.tray.scheduler.check()  # no second one today, however long the evening


def test_with_no_notification_service_the_tray_says_it_and_without_a_tray_nothing_does(
    store: Store, private_bus: PrivateBus, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QSystemTrayIcon, "showMessage", lambda _icon, _title, text, *_rest: shown.append(text)
    )
    preferences.set_reminder(store, True, dt.time(19, 0))
    clock = FakeClock(EVENING)
    with_tray = _window(store, clock, qtbot, private_bus.connection, tray=True)
    assert not with_tray.tray.can_notify
    with_tray.tray.scheduler.check()
    assert shown == ["Five minutes for yourself?"]

    clock.advance(24 * 60 * 60)
    without = _window(store, clock, qtbot, private_bus.connection)
    assert not without.tray.available  # neither notifications nor a tray: Settings says so
    assert not without.tray.scheduler.timer.isActive()
    assert shown == ["Five minutes for yourself?"]


def test_on_a_desktop_without_a_tray_the_reminder_can_be_chosen_when_notifications_work(
    store: Store, private_bus: PrivateBus, notification_daemon: FakeDaemon, qtbot: QtBot
) -> None:
    window = _window(store, FakeClock(MORNING), qtbot, private_bus.connection)
    window.show()
    window.go(Page.SETTINGS)
    screen = window.stack.settings

    assert not screen.no_tray.isVisible()
    assert screen.reminder_on.isEnabled()
    screen.reminder_on.click()
    assert window.tray.scheduler.timer.isActive()
    assert window.tray.icon is None


def test_only_a_click_on_our_own_notification_counts(private_bus: PrivateBus, qtbot: QtBot) -> None:
    notifications = DesktopNotifications(private_bus.connection)
    notifications.sent.add(7)
    clicks: list[None] = []
    notifications.clicked.connect(lambda: clicks.append(None))

    def invoked(notification: int, action: str) -> QDBusMessage:
        message = QDBusMessage.createSignal(PATH, SERVICE, "ActionInvoked")
        message.setArguments([notification, action])
        return message

    notifications._action_invoked(invoked(99, "default"))  # another program's
    notifications._action_invoked(invoked(7, "snooze"))  # not the click on it
    assert clicks == []
    notifications._action_invoked(invoked(7, "default"))
    assert clicks == [None]


def test_started_at_login_closing_the_window_keeps_the_reminder_waiting(
    store: Store, private_bus: PrivateBus, notification_daemon: FakeDaemon, qtbot: QtBot
) -> None:
    preferences.set_reminder(store, True, dt.time(19, 0))
    store.set_setting("welcome_seen", True)
    window = MainWindow(
        store,
        clock=FakeClock(MORNING),
        tray_available=False,
        notifications=DesktopNotifications(private_bus.connection),
        background=True,
    )
    qtbot.addWidget(window)
    window.show()

    window.close()
    assert not window.isVisible()
    assert window.tray.keeps_app_open
    assert window.tray.scheduler.timer.isActive()  # this evening's reminder still comes
