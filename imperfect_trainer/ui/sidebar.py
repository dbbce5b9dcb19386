"""The sidebar: one button per screen, each with its keyboard shortcut in the tooltip."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QPushButton, QVBoxLayout, QWidget

from imperfect_trainer.ui import widgets


class Sidebar(QWidget):
    page_chosen = Signal(int)

    def __init__(self, pages: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        """``pages``: each screen's label and shortcut (e.g. "Ctrl+2"), in order."""
        super().__init__(parent)
        self.setObjectName("sidebar")
        # A plain QWidget paints no style-sheet background unless asked to.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName("Screens")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 18, 10, 14)
        layout.setSpacing(2)
        layout.addWidget(widgets.label("Imperfect Trainer", role="appname"))
        for index, (text, shortcut) in enumerate(pages):
            button = widgets.button(text, role="nav")
            button.setCheckable(True)
            button.setToolTip(f"{text} ({shortcut})")
            button.setAccessibleDescription(f"Shortcut {shortcut}")
            self.group.addButton(button, index)
            self.buttons.append(button)
            layout.addWidget(button)
        layout.addStretch(1)
        self.group.idClicked.connect(self.page_chosen)
        self.setFixedWidth(212)

    def set_current(self, index: int | None) -> None:
        """Mark the screen shown; None (the practice's own screens) marks none."""
        if index is None:
            self.group.setExclusive(False)
            for button in self.buttons:
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.buttons[index].setChecked(True)
