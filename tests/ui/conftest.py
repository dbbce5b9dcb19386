"""Fixtures shared by the window's tests."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible, QAccessibleEvent


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
