"""The app's icon: the shipped ensō, or a drawn stand-in if the file is missing."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from imperfect_trainer.resource_files import resource_root

_ICON_FILE = ("icons", "imperfect-trainer.svg")


def app_icon() -> QIcon:
    path = resource_root().joinpath(*_ICON_FILE)
    if path.is_file():
        icon = QIcon(str(path))
        if not icon.isNull():
            return icon
    return drawn_icon()


def drawn_icon(size: int = 64) -> QIcon:
    """A teal tile with an open circle: the same idea as the shipped icon, drawn in code."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#2f7471"))
    painter.drawRoundedRect(QRectF(2, 2, size - 4, size - 4), size * 0.2, size * 0.2)
    pen = QPen(QColor("#f6f1e7"), size * 0.09)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    inset = size * 0.24
    # Qt measures arcs in sixteenths of a degree; the circle stops short of closing.
    painter.drawArc(QRectF(inset, inset, size - 2 * inset, size - 2 * inset), 250 * 16, 320 * 16)
    painter.end()
    return QIcon(pixmap)
