"""Layouts that make room at any window size and text size: a row that wraps onto more lines
when its widgets do not fit side by side, and a splitter that stacks its two panes when the
window is too narrow for both."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLayout, QLayoutItem, QSplitter, QWidget, QWidgetItem


class FlowRow(QLayout):
    """Widgets side by side, each at its preferred width, wrapping onto the next line when the
    line is full (as words do). With ``stretch`` they share a line's spare room (filters);
    with ``columns`` every widget is as wide as the widest, so they line up as a grid with as
    many columns as fit (a list of choices)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int = 8,
        stretch: bool = False,
        columns: bool = False,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._growing: list[QLayoutItem] = []
        self._stretch = stretch
        self._columns = columns
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add(self, *widgets: QWidget, grow: QWidget | None = None) -> None:
        """Add widgets in order; ``grow`` (one of them) takes its line's spare room."""
        for widget in widgets:
            self.addChildWidget(widget)
            item = QWidgetItem(widget)
            self.addItem(item)
            if widget is grow:
                self._growing.append(item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        if item in self._growing:
            self._growing.remove(item)
        return item

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown)
        width += self.spacing() * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height) + self._margin_size()

    def minimumSize(self) -> QSize:
        widest = max((item.minimumSize().width() for item in self._shown()), default=0)
        return QSize(widest, self.heightForWidth(widest)) + self._margin_size()

    def _margin_size(self) -> QSize:
        margins: QMargins = self.contentsMargins()
        return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _width_of(self, item: QLayoutItem) -> int:
        if self._columns:
            return max(shown.sizeHint().width() for shown in self._shown())
        return item.sizeHint().width()

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            wanted = self._width_of(item)
            if lines[-1] and used + self.spacing() + wanted > width:
                lines.append([])
                used = 0
            used += (self.spacing() if lines[-1] else 0) + wanted
            lines[-1].append(item)
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        y = area.y()
        for line in self._lines(area.width()):
            widths = [min(self._width_of(item), area.width()) for item in line]
            spare = area.width() - sum(widths) - self.spacing() * (len(line) - 1)
            growing = [n for n, item in enumerate(line) if item in self._growing]
            if growing and spare > 0:
                widths[growing[0]] += spare
            elif self._stretch and spare > 0:
                for n in range(len(line)):
                    widths[n] += spare // len(line) + (1 if n < spare % len(line) else 0)
            # A line is as tall as its tallest item at the width it gets (wrapped words).
            height = max(
                item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
                for item, width in zip(line, widths, strict=True)
            )
            x = area.x()
            for item, width in zip(line, widths, strict=True):
                if move:
                    item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
                x += width + self.spacing()
            y += height + self.spacing()
        return y - self.spacing() - area.y() + margins.top() + margins.bottom()


class ReflowSplitter(QSplitter):
    """Two panes side by side when there is room for both, one above the other when not; the
    room each needs is given in average characters of the current font."""

    def __init__(self, wide_from_characters: int, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.wide_from_characters = wide_from_characters
        self.setChildrenCollapsible(False)

    def minimumSizeHint(self) -> QSize:
        # As narrow as the panes one above the other: it is by being narrow that it stacks.
        panes = [pane for n in range(self.count()) if (pane := self.widget(n)) is not None]
        hints = [pane.minimumSizeHint().expandedTo(pane.minimumSize()) for pane in panes]
        width = max((hint.width() for hint in hints), default=0)
        if self.orientation() == Qt.Orientation.Vertical:
            height = sum(hint.height() for hint in hints) + self.handleWidth() * len(hints)
        else:
            height = max((hint.height() for hint in hints), default=0)
        return QSize(width, height)

    def wide_enough(self, width: int) -> bool:
        return width >= self.wide_from_characters * self.fontMetrics().averageCharWidth()

    def resizeEvent(self, event: QResizeEvent) -> None:
        wanted = (
            Qt.Orientation.Horizontal
            if self.wide_enough(event.size().width())
            else Qt.Orientation.Vertical
        )
        if wanted != self.orientation():
            self.setOrientation(wanted)
        super().resizeEvent(event)
