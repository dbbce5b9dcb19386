"""A stand-in for the desktop's notification daemon, run as its own process on a private bus.

It answers ``Notify`` only when the call has the specification's exact signature
(``susssasa{sv}i``: Qt hands a call to a typed slot only then), prints each call as one JSON
line, and then "clicks": first another program's notification, then the one just shown.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusConnection

SERVICE = "org.freedesktop.Notifications"
FIRST_ID = 7
SOMEONE_ELSES_ID = 99


@ClassInfo({"D-Bus Interface": SERVICE})  # type: ignore[call-arg]
class Notifications(QDBusAbstractAdaptor):  # type: ignore[operator]
    # Typed by name: Qt sends a signal's arguments with the types it was declared with.
    ActionInvoked = Signal("uint", str)  # type: ignore[arg-type]

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setAutoRelaySignals(True)
        self.next_id = FIRST_ID

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
        shown = self.next_id
        self.next_id += 1
        call = {
            "app_name": app_name,
            "replaces_id": replaces_id,
            "app_icon": app_icon,
            "summary": summary,
            "body": body,
            "actions": actions,
            "hints": {key: str(value) for key, value in hints.items()},
            "expire_timeout": expire_timeout,
            "id": shown,
        }
        print(json.dumps(call), flush=True)
        QTimer.singleShot(0, lambda: self._click(shown))
        return shown

    @Slot(result="QStringList")
    def GetCapabilities(self) -> list[str]:
        return ["actions", "body"]

    def _click(self, shown: int) -> None:
        self.ActionInvoked.emit(SOMEONE_ELSES_ID, "default")
        self.ActionInvoked.emit(shown, "default")


def main() -> int:
    app = QCoreApplication(sys.argv)
    bus = QDBusConnection.sessionBus()
    holder = QObject()
    Notifications(holder)
    registered = bus.registerObject(
        "/org/freedesktop/Notifications", holder, QDBusConnection.RegisterOption.ExportAdaptors
    )
    if not (registered and bus.registerService(SERVICE)):
        print("cannot register", bus.lastError().message(), flush=True)
        return 1
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
