"""Style for the screens beyond practice: sidebar, tables, forms, panels and gentle notices.

Appended to ``theme.apply_theme``'s style sheet with the same colours and type scale, so a
change of theme or text size restyles every screen at once.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from imperfect_trainer.ui.theme import apply_theme, colours


def apply_appearance(app: QApplication, scheme: str, point_size: int) -> None:
    apply_theme(app, scheme, point_size)
    app.setStyleSheet(app.styleSheet() + screens_style_sheet(colours(scheme), point_size))


def screens_style_sheet(c: dict[str, str], pt: int) -> str:
    return f"""
    QWidget#sidebar {{ background: {c["surface"]}; border-right: 1px solid {c["line"]}; }}
    QLabel#appname {{ font-weight: 600; padding: 4px 12px 12px 12px; }}
    QPushButton#nav {{
        text-align: left; border: none; border-radius: 8px; padding: 8px 12px;
        background: transparent;
    }}
    QPushButton#nav:hover {{ background: {c["window"]}; }}
    QPushButton#nav:checked {{ background: {c["window"]}; color: {c["accent"]}; font-weight: 600; }}
    QPushButton#nav:focus {{ border: 2px solid {c["accent"]}; }}
    QLabel#heading {{ font-size: {pt + 2}pt; font-weight: 600; }}
    QLabel#notice {{
        background: {c["surface"]}; border: 1px solid {c["line"]}; border-radius: 8px;
        padding: 8px 12px; color: {c["muted"]};
    }}
    QLabel#hint {{ color: {c["accent"]}; }}
    QFrame#panel {{
        background: {c["surface"]}; border: 1px solid {c["line"]}; border-radius: 12px;
    }}
    QLineEdit, QComboBox, QSpinBox, QTimeEdit {{
        border: 1px solid {c["line"]}; border-radius: 6px; padding: 4px 8px;
        background: {c["surface"]}; min-height: {pt + 10}px;
    }}
    QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QTimeEdit:focus, QPlainTextEdit:focus {{
        border: 2px solid {c["accent"]};
    }}
    QTableView, QListWidget {{
        background: {c["surface"]}; border: 1px solid {c["line"]}; border-radius: 8px;
        gridline-color: {c["line"]};
    }}
    QListWidget::item {{ padding: 8px 6px; border-bottom: 1px solid {c["line"]}; }}
    QHeaderView::section {{
        background: {c["window"]}; color: {c["muted"]}; border: none;
        border-bottom: 1px solid {c["line"]}; padding: 4px 8px; font-weight: 600;
    }}
    QScrollArea {{ border: none; background: transparent; }}
    QScrollArea > QWidget > QWidget {{ background: transparent; }}
    QCheckBox, QRadioButton {{ spacing: 8px; }}
    """
