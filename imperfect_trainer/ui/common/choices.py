"""A check box or radio button whose words wrap onto more lines when the window is narrow or
the text large (Qt's own keep their text on one line and cut it off). The words are a label
beside the box: clicking them ticks it, and a screen reader reads them as the box's name."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QLabel, QSizePolicy, QWidget

B = TypeVar("B", bound=QAbstractButton)


class _Words(QLabel):
    def __init__(self, text: str, button: QAbstractButton) -> None:
        super().__init__(text)
        self.button = button
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.button.isEnabled():
            self.button.click()
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseReleaseEvent(event)


class WrappedChoice(QWidget):
    """``button`` (a QCheckBox or QRadioButton, given without text) with ``text`` beside it."""

    def __init__(self, text: str, button: QAbstractButton, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = button
        button.setText("")
        button.setAccessibleName(text)
        self.words = _Words(text, button)
        self.words.setAccessibleName(text)
        # The box as tall as the first line of words, so it sits level with them.
        button.setMinimumHeight(self.words.fontMetrics().lineSpacing())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.words, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.button and event.type() == QEvent.Type.EnabledChange:
            self.words.setEnabled(self.button.isEnabled())
        return super().eventFilter(watched, event)

    def text(self) -> str:
        return self.words.text()


def wrapped(text: str, button: B) -> tuple[WrappedChoice, B]:
    """The choice to place, and its button to read and set."""
    return WrappedChoice(text, button), button
