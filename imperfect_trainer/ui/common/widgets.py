"""Small constructors for styled widgets; the role is the object name the style sheet targets."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QScreen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class Button(QPushButton):
    """A push button that Enter presses as well as Space, wherever it is (Qt's own take Enter
    only in dialogs, or when marked auto-default)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in _ENTER and plain == Qt.KeyboardModifier.NoModifier:
            if not event.isAutoRepeat():
                self.click()
            event.accept()
            return
        super().keyPressEvent(event)


def label(text: str = "", role: str = "", *, wrap: bool = False) -> QLabel:
    widget = QLabel(text)
    widget.setObjectName(role)
    widget.setWordWrap(wrap)
    return widget


class WholeTextLabel(QLabel):
    """A wrapped label that keeps the height its text needs at the width it is given: a
    splitter's pane does not ask its children for height-for-width, so a long text (a
    reflection's question, at the largest text size) would otherwise be cut."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


def button(text: str = "", role: str = "") -> QPushButton:
    widget = Button(text)
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


def breakable_path(path: str) -> str:
    """A file path that a wrapping label may break after each folder (a zero-width space after
    every separator), so a long one never runs off the side."""
    return path.replace("/", "/\u200b").replace("\\", "\\\u200b")


def fit_to_text(dialog: QDialog, characters: int, *, least_height: int = 0) -> None:
    """Size a dialog for its words at the current text size: ``characters`` average characters
    wide and as tall as its wrapped words need (``least_height`` at least), within the screen."""
    dialog.ensurePolished()
    room = _screen_for(dialog).availableGeometry()
    width = min(dialog.fontMetrics().averageCharWidth() * characters, room.width() - 40)
    layout = dialog.layout()
    height = least_height
    if layout is not None:
        width = max(width, layout.totalMinimumSize().width())
        if layout.hasHeightForWidth():
            height = max(height, layout.totalHeightForWidth(width))
        else:
            height = max(height, layout.totalSizeHint().height())
    dialog.resize(width, min(height, room.height() - 60))


def _screen_for(dialog: QDialog) -> QScreen:
    """The screen the dialog opens on: its window's, else the first. Found through the
    application, not ``QWidget.screen()``, whose screen Python was seen to free with the
    dialog (a crash at the next window's start)."""
    parent = dialog.parentWidget()
    if parent is not None:
        found = QGuiApplication.screenAt(parent.mapToGlobal(parent.rect().center()))
        if found is not None:
            return found
    return QGuiApplication.primaryScreen()


def save_on_ctrl_enter(dialog: QDialog, save: Callable[[], object]) -> None:
    """Ctrl+Enter saves the dialog from anywhere in it, its text boxes too, as it saves
    everywhere else in the app (plain Enter in a box types a new line)."""
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, save)


def text_box(name: str, placeholder: str, lines: int) -> QPlainTextEdit:
    """A box for a few lines of the person's own words; Tab moves on, as in a form."""
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 20)
    return box
