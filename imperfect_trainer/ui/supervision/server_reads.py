"""Reads of the programme's server off the GUI thread (My trainees, the report on a trainee):
a slow or lost server never freezes the window.

Each read runs on a daemon thread with a connection of its own (``supervision.OwnConnection``):
the store's kept connection is the GUI thread's and is never touched. Its way back is a Qt
object owned by the application, never by Python, and deleted on the GUI thread once it has
come back. The worker's frames may outlive it, kept by a cycle in the driver's (a failed
connection keeps each attempt's error, and each error its frames) and freed later by the
garbage collector on whatever thread it runs then: nothing freed there may delete a Qt object.
So ``read`` holds no Qt object either, only what it reads with.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal


class _Back(QObject):
    done = Signal(object)


def read_off_thread(
    read: Callable[[], object], receive: Callable[[object], None], name: str
) -> None:
    """Run ``read`` on a worker named ``name``; ``receive`` is given, on the GUI thread, what it
    returned or the exception it raised."""
    back = _Back(QCoreApplication.instance())
    back.done.connect(receive, Qt.ConnectionType.QueuedConnection)
    back.done.connect(back.deleteLater, Qt.ConnectionType.QueuedConnection)

    def work() -> None:
        try:
            outcome = read()
        except BaseException as error:  # told on the GUI thread, whatever it is
            back.done.emit(error)
            return
        back.done.emit(outcome)

    threading.Thread(target=work, name=name, daemon=True).start()
