"""Style for the screens beyond practice: sidebar, tables, forms, panels and gentle notices.

Appended to ``theme.apply_theme``'s style sheet with the same colours and type scale, so a
change of theme or text size restyles every screen at once.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from imperfect_trainer.resource_files import resource_root
from imperfect_trainer.ui.common.theme import apply_theme, colours, is_dark


def apply_to_running_app(scheme: str, point_size: int) -> None:
    """The colour scheme and text size for every window of the app now running."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_appearance(app, scheme, point_size)


def apply_appearance(app: QApplication, scheme: str, point_size: int) -> None:
    extra = screens_style_sheet(colours(scheme), point_size) + _indicators(scheme, point_size)
    # Setting an application style sheet restyles every widget alive, a visible pause; skip it
    # when this scheme and size are already in place (a new window, a restore).
    if app.styleSheet().endswith(extra) and app.font().pointSize() == point_size:
        return
    apply_theme(app, scheme, point_size)
    app.setStyleSheet(app.styleSheet() + extra)


def screens_style_sheet(c: dict[str, str], pt: int) -> str:
    # Spin boxes, time edits and combo boxes keep Fusion's own drawing (with the palette):
    # a border set here would switch their arrows to style-sheet rendering, which draws none.
    return f"""
    QWidget#sidebar {{ background: {c["surface"]}; border-right: 1px solid {c["line"]}; }}
    QLabel#appname {{ font-weight: 600; padding: 4px 12px 12px 12px; }}
    QListWidget#nav, QListWidget#nav:focus {{
        background: transparent; border: none; outline: none;
    }}
    QListWidget#nav::item {{
        border: 2px solid transparent; border-radius: 8px; padding: 6px 10px; margin: 1px 0;
        color: {c["text"]};
    }}
    QListWidget#nav::item:hover {{ background: {c["window"]}; }}
    QListWidget#nav::item:selected {{
        background: {c["window"]}; color: {c["accent"]}; border-left: 3px solid {c["accent"]};
    }}
    QListWidget#nav::item:focus {{ border: 2px solid {c["accent"]}; }}
    /* Unavailable: faint words on no background, a dashed outline (a button's size never
       changes with its state, so the padding makes up for a thinner border). */
    QPushButton:disabled {{
        color: {c["disabled"]}; background: transparent; border: 1px dashed {c["muted"]};
    }}
    QPushButton#primary:disabled {{
        color: {c["disabled"]}; background: transparent; border: 1px dashed {c["muted"]};
        padding: 9px 27px;
    }}
    QCheckBox:disabled, QRadioButton:disabled, QLabel:disabled {{ color: {c["disabled"]}; }}
    QTabBar#periods::tab {{
        padding: 6px 14px; border: 1px solid {c["line"]}; background: {c["surface"]};
        margin-left: 4px; border-radius: 8px;
    }}
    QTabBar#periods::tab:selected {{
        background: {c["accent"]}; color: {c["accent_text"]}; border-color: {c["accent"]};
    }}
    QTabBar#periods::tab:selected:focus {{ border: 2px solid {c["text"]}; padding: 5px 13px; }}
    QLabel#heading {{ font-size: {pt + 2}pt; font-weight: 600; }}
    QLabel#notice {{
        background: {c["surface"]}; border: 1px solid {c["line"]}; border-radius: 8px;
        padding: 8px 12px; color: {c["muted"]};
    }}
    QLabel#aside {{
        color: {c["muted"]}; font-style: italic; border: none;
        border-left: 3px solid {c["line"]}; padding: 2px 0 2px 10px;
    }}
    QLabel#saved {{ color: {c["accent"]}; font-weight: 600; }}
    QLabel#problem {{ font-weight: 600; }}
    QFrame#panel {{
        background: {c["surface"]}; border: 1px solid {c["line"]}; border-radius: 12px;
    }}
    QLineEdit {{
        border: 1px solid {c["line"]}; border-radius: 6px; padding: 5px 8px;
        background: {c["surface"]};
    }}
    QLineEdit:focus, QPlainTextEdit:focus {{ border: 2px solid {c["accent"]}; }}
    QTableView, QListWidget {{
        background: {c["surface"]}; border: 1px solid {c["line"]}; border-radius: 8px;
        gridline-color: {c["line"]}; outline: none;
    }}
    QListWidget::item {{ padding: 8px 10px; border-bottom: 1px solid {c["line"]}; }}
    QTableView:focus, QListWidget:focus, QTreeWidget:focus {{ border: 2px solid {c["accent"]}; }}
    QListWidget::item:selected {{
        background: {c["window"]}; color: {c["text"]}; border-left: 3px solid {c["accent"]};
    }}
    QHeaderView::section {{
        background: {c["window"]}; color: {c["muted"]}; border: none;
        border-bottom: 1px solid {c["line"]}; padding: 4px 6px;
    }}
    QScrollArea {{ border: none; background: transparent; }}
    QWidget#scrollcontent {{ background: transparent; }}
    QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
    QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 2px; }}
    QScrollBar::handle {{ background: {c["line"]}; border-radius: 3px; }}
    QScrollBar::handle:hover {{ background: {c["muted"]}; }}
    QScrollBar::handle:vertical {{ min-height: 32px; }}
    QScrollBar::handle:horizontal {{ min-width: 32px; }}
    QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
    QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
    QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
    QCheckBox, QRadioButton {{ spacing: 8px; }}
    """


def _indicators(scheme: str, point_size: int) -> str:
    """Check boxes and radio buttons with an outline that reads on both palettes (Fusion's own
    outline nearly vanishes on the dark one), growing with the text size."""
    c = colours(scheme)
    size = max(16, round(point_size * 1.3))
    variant = "dark" if is_dark(scheme) else "light"
    icons = resource_root().joinpath("icons")
    check = str(icons.joinpath(f"check-{variant}.svg"))
    dot = str(icons.joinpath(f"dot-{variant}.svg"))
    return f"""
    QCheckBox::indicator, QRadioButton::indicator, QAbstractItemView::indicator {{
        width: {size}px; height: {size}px; border: 1.5px solid {c["muted"]};
        background: {c["surface"]};
    }}
    QCheckBox::indicator, QAbstractItemView::indicator {{ border-radius: 4px; }}
    QRadioButton::indicator {{ border-radius: {size // 2 + 1}px; }}
    QCheckBox::indicator:checked, QRadioButton::indicator:checked,
    QAbstractItemView::indicator:checked {{
        background: {c["accent"]}; border-color: {c["accent"]};
    }}
    QCheckBox::indicator:checked, QAbstractItemView::indicator:checked {{
        image: url({check});
    }}
    QRadioButton::indicator:checked {{ image: url({dot}); }}
    QCheckBox::indicator:focus, QRadioButton::indicator:focus {{ border-color: {c["accent"]}; }}
    QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{
        border-color: {c["line"]};
    }}
    """
