"""The sidebar: the screens as a list, the one shown selected, each with its keyboard shortcut
in the tooltip. A screen reader reads it as a list of screens ("Cards, selected, 2 of 7"),
and the arrow keys move through the screens as they do through tabs."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from imperfect_trainer.translation import _
from imperfect_trainer.ui.common import widgets

# Beside a name's words: the item's padding and border (screen_style.py), the sidebar's margins.
_ITEM_ACROSS = 2 * 10 + 2 * 2 + 3
_ITEM_DOWN = 2 * 6 + 2 * 2 + 2
_PADDING = _ITEM_ACROSS + 2 * 10 + 4
_LEAST_WIDTH = 212


def two_line_width(name: str, metrics: QFontMetrics) -> int:
    """The narrowest width that keeps a name to two lines, broken at a space."""
    words = name.split()
    return min(
        max(
            metrics.horizontalAdvance(" ".join(words[:cut])),
            metrics.horizontalAdvance(" ".join(words[cut:])),
        )
        for cut in range(1, len(words) + 1)
    )


class _ScreenList(QListWidget):
    def keyboardSearch(self, search: str) -> None:
        # Letters typed here were meant for the screen (a list's type-ahead would jump to
        # the screen whose name starts with them): they choose nothing.
        return

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Qt makes the first item current when a list without one gets the focus; here that
        # would open Today. The focus only shows where the person is.
        before = self.currentRow()
        self.blockSignals(True)
        super().focusInEvent(event)
        if self.currentRow() != before:
            self.setCurrentRow(before)
            if before < 0:
                self.clearSelection()
        self.blockSignals(False)


class Sidebar(QWidget):
    page_chosen = Signal(int)
    # A screen clicked: the person means to work in it, so the focus moves into it.
    page_clicked = Signal(int)

    def __init__(self, pages: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        """``pages``: each screen's name and shortcut (e.g. "Ctrl+2"), in order."""
        super().__init__(parent)
        self.setObjectName("sidebar")
        # A plain QWidget paints no style-sheet background unless asked to.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.names = [name for name, _ in pages]
        self.app_name = widgets.label(_("Imperfect Trainer"), role="appname", wrap=True)
        self.list = _ScreenList()
        self.list.setObjectName("nav")
        self.list.setAccessibleName(_("Screens"))
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.list.setFrameShape(QListWidget.Shape.NoFrame)
        for name, shortcut in pages:
            item = QListWidgetItem(name)
            item.setToolTip(f"{name} ({shortcut})")
            item.setData(
                Qt.ItemDataRole.AccessibleDescriptionRole,
                _("Shortcut {shortcut}").format(shortcut=shortcut),
            )
            self.list.addItem(item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 18, 10, 14)
        layout.setSpacing(2)
        layout.addWidget(self.app_name)
        layout.addWidget(self.list, 1)
        self.list.currentRowChanged.connect(self._chosen)
        self.list.itemClicked.connect(lambda item: self.page_clicked.emit(self.list.row(item)))
        self._fit_width()

    def _chosen(self, row: int) -> None:
        if row >= 0:
            self.page_chosen.emit(row)

    def set_current(self, index: int | None) -> None:
        """Mark the screen shown; None (the practice's own screens) marks none."""
        self.list.blockSignals(True)
        if index is None:
            self.list.clearSelection()
            self.list.setCurrentRow(-1)
        else:
            self.list.setCurrentRow(index)
        self.list.blockSignals(False)
        # The list's own accessible interface learns of a change made with signals blocked
        # only when it repaints; tell it now.
        self.list.viewport().update()

    @property
    def current(self) -> int | None:
        row = self.list.currentRow()
        return row if row >= 0 and self.list.item(row).isSelected() else None

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_width()

    def _fit_width(self) -> None:
        """Wide enough for every screen's name in two lines at most, in the current font, and
        each item as tall as its name's lines."""
        metrics = self.list.fontMetrics()
        width = max(_LEAST_WIDTH, max(two_line_width(n, metrics) for n in self.names) + _PADDING)
        self.setFixedWidth(width)
        room = width - _PADDING + 2
        for row, name in enumerate(self.names):
            lines = metrics.boundingRect(
                QRect(0, 0, room, 10_000), int(Qt.TextFlag.TextWordWrap), name
            ).height()
            self.list.item(row).setSizeHint(QSize(room, lines + _ITEM_DOWN))
        self.list.setMinimumHeight(self.list.sizeHintForRow(0) * 2)

    def sizeHint(self) -> QSize:
        return QSize(self.width(), super().sizeHint().height())
