"""Fixtures shared by the window's tests."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from tests.support.window_support import ShownWarning


@pytest.fixture
def announced(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the window asks a screen reader to say (announcements), in order."""
    said: list[str] = []
    passed_on = QAccessible.updateAccessibility

    def listen(event: QAccessibleEvent) -> None:
        if event.type() == QAccessible.Event.Announcement:
            said.append(event.message())  # type: ignore[attr-defined]
        passed_on(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(listen))
    return said


@pytest.fixture
def warned(monkeypatch: pytest.MonkeyPatch) -> list[ShownWarning]:
    """The warnings the window shows (``QMessageBox.warning``), in order, none waiting for a
    click."""
    shown: list[ShownWarning] = []

    def warning(_parent: QWidget, title: str, text: str, *_args: object) -> None:
        shown.append(ShownWarning(title, text))

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown
