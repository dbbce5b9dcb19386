"""The desktop's own notifications (the freedesktop.org Notifications service, over D-Bus):
GNOME, KDE, Xfce and the rest show them whether or not they have a tray.

The call must carry D-Bus's exact types (``Notify`` is ``susssasa{sv}i``: a uint32 id to
replace, an int32 timeout), and PySide6 cannot say so: a Python int goes as int32 in a message's
arguments, and ``QDBusArgument << int`` picks uint16, both of which the daemons refuse. Qt's
typed path is a ``QDBusInterface`` method, whose types come from the interface's description.
The daemons' own descriptions leave the hints as a raw ``a{sv}`` that Qt cannot call with, so the
interface is first described here, by an adaptor with the specification's typed signature
registered on this connection; Qt keeps one description per interface name and connection, and
the daemon's interface is then called with these types.
"""

from __future__ import annotations

from PySide6.QtCore import (
    Q_ARG,
    Q_RETURN_ARG,
    SLOT,
    ClassInfo,
    QMetaObject,
    QObject,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusConnection, QDBusInterface, QDBusMessage

from imperfect_trainer import COMPONENT_ID

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = SERVICE
# Where this app's own description of the interface lives on its connection (never called).
_DESCRIPTION_PATH = "/io/github/imperfect_trainer/NotificationsDescription"
# "default" is the click on the notification itself (the specification's name for it).
DEFAULT_ACTION = "default"
# Qt's typed call waits for the daemon's answer on the GUI thread: dunst answers in about a
# millisecond (median of 20 under Xvfb: 1.2 ms), and one that hangs is given up after this
# long, once a day, for the tray's message.
REPLY_TIMEOUT_MS = 3_000
_SERVER_DEFAULT_TIMEOUT = -1


# PySide's stubs know ClassInfo only with names that are identifiers; Qt's key has a space.
@ClassInfo({"D-Bus Interface": INTERFACE})  # type: ignore[call-arg]
class _NotifyDescription(QDBusAbstractAdaptor):  # type: ignore[operator]
    """Notify as the specification types it; only its description is used."""

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(
        self,
        app_name: str,
        replaces_id: int,
        app_icon: str,
        summary: str,
        body: str,
        actions: list[str],
        hints: dict[str, object],
        expire_timeout: int,
    ) -> int:
        return 0


class DesktopNotifications(QObject):
    """Sends notifications and tells when one of them was clicked (``clicked``)."""

    clicked = Signal()

    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.sent: set[int] = set()
        self._interface: QDBusInterface | None = None
        self._description = QObject(self)
        _NotifyDescription(self._description)
        if bus.isConnected():
            clicked = SLOT("_action_invoked(QDBusMessage)")
            # The stubs want the slot as bytes; PySide itself takes only the text SLOT gives.
            bus.connect(SERVICE, PATH, INTERFACE, "ActionInvoked", self, clicked)  # type: ignore[call-overload]

    @property
    def available(self) -> bool:
        """Whether a notification service runs, or the bus would start one."""
        if not self.bus.isConnected():
            return False
        names = self.bus.interface()
        if names.isServiceRegistered(SERVICE).value():
            return True
        return SERVICE in (names.activatableServiceNames().value() or [])

    def notify(self, summary: str, body: str, open_words: str) -> bool:
        """Show one notification; False when there is no service or it did not answer."""
        interface = self._notifications()
        if interface is None:
            return False
        try:
            sent = QMetaObject.invokeMethod(
                interface,
                "Notify",
                Qt.ConnectionType.DirectConnection,
                Q_RETURN_ARG("uint"),
                Q_ARG(str, "Imperfect Trainer"),
                Q_ARG("uint", 0),
                Q_ARG(str, COMPONENT_ID),
                Q_ARG(str, summary),
                Q_ARG(str, body),
                Q_ARG("QStringList", [DEFAULT_ACTION, open_words]),
                Q_ARG("QVariantMap", {"desktop-entry": COMPONENT_ID}),
                Q_ARG(int, _SERVER_DEFAULT_TIMEOUT),
            )
        except RuntimeError:
            return False
        if interface.lastError().isValid() or not isinstance(sent, int) or sent == 0:
            return False
        self.sent.add(sent)
        return True

    def _notifications(self) -> QDBusInterface | None:
        if self._interface is not None:
            return self._interface
        if not self.bus.isConnected():
            return None
        # Described first (see the module's note), then the daemon's interface takes it.
        self.bus.registerObject(
            _DESCRIPTION_PATH, self._description, QDBusConnection.RegisterOption.ExportAdaptors
        )
        QDBusInterface(self.bus.baseService(), _DESCRIPTION_PATH, INTERFACE, self.bus)
        interface = QDBusInterface(SERVICE, PATH, INTERFACE, self.bus, self)
        interface.setTimeout(REPLY_TIMEOUT_MS)
        self._interface = interface
        return interface

    @Slot(QDBusMessage)
    def _action_invoked(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if len(arguments) != 2:
            return
        notification, action = arguments
        # Other programs' notifications are clicked on the same bus.
        if notification in self.sent and action == DEFAULT_ACTION:
            self.clicked.emit()


def session_notifications(parent: QObject | None = None) -> DesktopNotifications | None:
    """The session's notifications, or None where there is no session bus (not Linux, say)."""
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return None
    return DesktopNotifications(bus, parent)
