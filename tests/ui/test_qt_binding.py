"""The Qt binding itself: a release that leaks references to None would abort the app (a
"Fatal Python error: none_dealloc") after a few hundred screen refreshes on Python 3.11."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.gui


def test_calls_that_return_nothing_leave_none_alone(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for number in range(1000):
        label.setText(str(number))
        label.setVisible(number % 2 == 0)
    # A little drift is the interpreter's own; a leak is one reference per call.
    assert sys.getrefcount(None) >= before - 50
