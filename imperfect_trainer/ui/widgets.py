"""Small constructors for styled widgets; the role is the object name the style sheet targets."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QPushButton


def label(text: str = "", role: str = "", *, wrap: bool = False) -> QLabel:
    widget = QLabel(text)
    widget.setObjectName(role)
    widget.setWordWrap(wrap)
    return widget


def button(text: str = "", role: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(role)
    widget.setAccessibleName(text)
    return widget


def frame(role: str) -> QFrame:
    widget = QFrame()
    widget.setObjectName(role)
    return widget
