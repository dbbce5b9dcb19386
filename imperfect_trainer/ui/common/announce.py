"""Something a screen reader should say now, without moving the focus: a change the person did
not look at (an action done, a card shown). Qt passes it on as an announcement (AT-SPI's
"announcement" signal, which Orca speaks); with no screen reader running it costs nothing."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


def announce(widget: QWidget, text: str) -> None:
    """Say ``text`` politely (after what is being read), on behalf of ``widget``."""
    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))
