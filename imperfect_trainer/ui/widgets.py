"""Small constructors for styled widgets; the role is the object name the style sheet targets."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


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


def reading_column(screen: QWidget, max_width: int = 780) -> QVBoxLayout:
    """The layout of a reading screen: text kept to a comfortable line length on wide windows."""
    column = QWidget()
    column.setMaximumWidth(max_width)
    outer = QHBoxLayout(screen)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(column, 1)
    outer.addStretch()
    return QVBoxLayout(column)
