"""A screen's content in a frameless scroll area, so long screens work in small windows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget


def scroll_page(content: QWidget) -> QScrollArea:
    # The name lets the style sheet make the content transparent without touching the
    # scroll bars, which are children of the scroll area too.
    content.setObjectName("scrollcontent")
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(content)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    # Tab goes to the page's controls (the area scrolls to show each), never to the area
    # itself, which would take the focus without showing it.
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return scroll
