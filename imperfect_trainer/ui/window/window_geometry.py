"""The window's size and place, kept between runs as a setting (Qt's own saved geometry)."""

from __future__ import annotations

import base64

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QWidget

FIRST_SIZE = (1200, 760)


def restore_geometry(window: QWidget, saved: object) -> None:
    """Put the window back where it was; the first size when nothing (valid) was saved."""
    if isinstance(saved, str) and window.restoreGeometry(QByteArray(base64.b64decode(saved))):
        return
    window.resize(*FIRST_SIZE)


def geometry_to_keep(window: QWidget) -> str:
    return base64.b64encode(bytes(window.saveGeometry().data())).decode("ascii")
