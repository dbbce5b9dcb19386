"""Calm light and dark palettes and one type scale for the whole app."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication

from imperfect_trainer.deck.settings_registry import BASE_FONT_SIZE

# The text size a new person gets is the setting's default: one number, kept in the registry.
BASE_POINT_SIZE = BASE_FONT_SIZE

_LIGHT = {
    "disabled": "#9a9da0",
    "window": "#f6f4f0",
    "surface": "#ffffff",
    "text": "#2a2c2e",
    "muted": "#6b6f73",
    "accent": "#2f7471",
    "accent_text": "#ffffff",
    "line": "#dcd8d0",
}
_DARK = {
    "disabled": "#6c7074",
    "window": "#1d1f21",
    "surface": "#26292c",
    "text": "#e7e5e1",
    "muted": "#a3a7ab",
    "accent": "#6db3ae",
    "accent_text": "#10201f",
    "line": "#3a3e42",
}


def is_dark(scheme: str) -> bool:
    if scheme == "dark":
        return True
    if scheme == "light":
        return False
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def colours(scheme: str) -> dict[str, str]:
    return _DARK if is_dark(scheme) else _LIGHT


def apply_theme(
    app: QApplication, scheme: str = "system", point_size: int = BASE_POINT_SIZE
) -> None:
    """Fusion with our palette, so light and dark look the same on every desktop."""
    app.setStyle("Fusion")
    c = colours(scheme)
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: c["window"],
        QPalette.ColorRole.WindowText: c["text"],
        QPalette.ColorRole.Base: c["surface"],
        QPalette.ColorRole.AlternateBase: c["window"],
        QPalette.ColorRole.Text: c["text"],
        QPalette.ColorRole.Button: c["surface"],
        QPalette.ColorRole.ButtonText: c["text"],
        QPalette.ColorRole.Highlight: c["accent"],
        QPalette.ColorRole.HighlightedText: c["accent_text"],
        QPalette.ColorRole.PlaceholderText: c["muted"],
        QPalette.ColorRole.ToolTipBase: c["surface"],
        QPalette.ColorRole.ToolTipText: c["text"],
        QPalette.ColorRole.Mid: c["line"],
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    # Unavailable menu entries, buttons and boxes read as unavailable (the same colours for
    # every state would make them look like any other).
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(c["disabled"]))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, QColor(c["window"]))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSize(point_size)
    app.setFont(font)
    app.setStyleSheet(_style_sheet(c, point_size))


def _style_sheet(c: dict[str, str], pt: int) -> str:
    return f"""
    QLabel#title {{ font-size: {pt + 11}pt; font-weight: 600; }}
    QLabel#lead {{ font-size: {pt + 3}pt; }}
    QLabel#muted {{ color: {c["muted"]}; }}
    QLabel#kind {{
        color: {c["accent"]}; font-size: {pt - 1}pt; font-weight: 600;
    }}
    QLabel#front {{ font-size: {pt + 9}pt; }}
    QLabel#back {{ font-size: {pt + 3}pt; }}
    QLabel#note {{ color: {c["muted"]}; font-style: italic; }}
    QFrame#card {{
        background: {c["surface"]}; border: 1px solid {c["line"]}; border-radius: 14px;
    }}
    QFrame#rule {{ background: {c["line"]}; max-height: 1px; border: none; }}
    QPushButton {{
        padding: 8px 18px; border-radius: 8px; border: 1px solid {c["line"]};
        background: {c["surface"]};
    }}
    /* The focus ring is one pixel thicker than the border: the padding gives that pixel
       back, so the words keep their room. */
    QPushButton:focus {{ border: 2px solid {c["accent"]}; padding: 7px 17px; }}
    QPushButton#primary {{
        background: {c["accent"]}; color: {c["accent_text"]}; border: 2px solid transparent;
        font-size: {pt + 2}pt; font-weight: 600; padding: 8px 26px;
    }}
    QPushButton#primary:focus {{ border: 2px solid {c["text"]}; padding: 8px 26px; }}
    QPushButton#primary:disabled {{ background: {c["line"]}; color: {c["muted"]}; }}
    QPushButton#grade {{ padding: 8px 6px; min-width: 92px; }}
    QPushButton#grade:focus {{ padding: 7px 5px; }}
    QPlainTextEdit {{
        border: 1px solid {c["line"]}; border-radius: 8px; padding: 6px;
        background: {c["window"]};
    }}
    QProgressBar {{
        border: none; background: {c["line"]}; max-height: 4px; border-radius: 2px;
    }}
    QProgressBar::chunk {{ background: {c["accent"]}; border-radius: 2px; }}
    """


def style_day_mark(painter: QPainter, practised: bool, scheme: str) -> None:
    """A practised day is filled with the accent; any other day is a plain outline, never red."""
    c = colours(scheme)
    if practised:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(c["accent"]))
    else:
        painter.setPen(QPen(QColor(c["line"]), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
