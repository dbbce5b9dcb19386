"""What does not fit on a screen: words cut off in a label, button, box, tab or header (the
text's width in its font against the room the widget gives it), and widgets pushed past the
window's edge or past the side of the scroll area holding them."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QTabBar,
    QWidget,
)

# A pixel of rounding either way is not a cut-off letter.
_SLACK = 1


def _name(widget: QWidget, text: str) -> str:
    return f"{type(widget).__name__} “{' '.join(text.split())[:60]}”"


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or label.textFormat() == Qt.TextFormat.RichText or "<" in text:
        return None
    metrics = QFontMetrics(label.font())
    room = label.contentsRect().width() - 2 * max(0, label.indent()) - 2 * label.margin()
    if label.wordWrap():
        # A line may break at a space or at a zero-width space (a long path's folders).
        longest = max(re.split(r"[\s\u200b]+", text), key=metrics.horizontalAdvance)
        if metrics.horizontalAdvance(longest) > room + _SLACK:
            return f"{_name(label, text)}: the word “{longest}” is wider than the label"
        needed = metrics.boundingRect(
            QRect(0, 0, room, 100_000), int(Qt.TextFlag.TextWordWrap), text
        ).height()
        if needed > label.contentsRect().height() + _SLACK:
            return f"{_name(label, text)}: needs {needed} px of height, has {label.height()}"
        return None
    widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    if widest > room + _SLACK:
        return f"{_name(label, text)}: needs {widest} px, has {room}"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    text = _plain(button.text())
    if not text:
        return None
    # Measured as Qt measures a button's words (an underlined letter for Alt takes no room).
    needed = (
        QFontMetrics(button.font()).size(int(Qt.TextFlag.TextShowMnemonic), button.text()).width()
    )
    if isinstance(button, QPushButton):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        room = (
            button.style()
            .subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
            .width()
        )
    elif isinstance(button, QCheckBox | QRadioButton):
        element = (
            QStyle.SubElement.SE_CheckBoxContents
            if isinstance(button, QCheckBox)
            else QStyle.SubElement.SE_RadioButtonContents
        )
        option = QStyleOptionButton()
        button.initStyleOption(option)
        room = button.style().subElementRect(element, option, button).width()
    else:
        return None
    if needed > room + _SLACK:
        return f"{_name(button, text)}: needs {needed} px, has {room}"
    return None


def _combo_problem(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text or combo.isEditable():
        return None
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    room = (
        combo.style()
        .subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        .width()
    )
    needed = QFontMetrics(combo.font()).horizontalAdvance(text)
    if needed > room + _SLACK:
        return f"{_name(combo, text)}: needs {needed} px, has {room}"
    return None


def _header_problems(header: QHeaderView) -> list[str]:
    problems = []
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return []
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        needed = header.sectionSizeFromContents(section).width()
        if needed > header.sectionSize(section) + _SLACK:
            problems.append(
                f"column header “{text}”: needs {needed} px, has {header.sectionSize(section)}"
            )
    return problems


def _tab_problems(tabs: QTabBar) -> list[str]:
    return [
        f"tab “{tabs.tabText(n)}”: needs {tabs.tabSizeHint(n).width()} px, has "
        f"{tabs.tabRect(n).width()}"
        for n in range(tabs.count())
        if tabs.tabSizeHint(n).width() > tabs.tabRect(n).width() + _SLACK
    ]


def _wrapped_list_problems(items: QListWidget) -> list[str]:
    """Items of a list that wraps its words (the sidebar): every word on screen, whole."""
    if not items.wordWrap() or items.textElideMode() != Qt.TextElideMode.ElideNone:
        return []
    problems = []
    metrics = QFontMetrics(items.font())
    for row in range(items.count()):
        item = items.item(row)
        rect = items.visualItemRect(item)
        # The item's padding and borders (screen_style.py) take some of its room.
        room = rect.width() - 27
        needed = metrics.boundingRect(
            QRect(0, 0, room, 100_000), int(Qt.TextFlag.TextWordWrap), item.text()
        )
        if needed.width() > room + _SLACK or needed.height() > rect.height() - 16 + _SLACK:
            problems.append(f"list item “{item.text()}”: needs {needed.size()}, has {rect.size()}")
    return problems


def _scroll_view(widget: QWidget, root: QWidget) -> QWidget | None:
    """The viewport of the nearest scroll area (page or list) the widget sits in, if any."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return parent
        parent = parent.parentWidget()
    return None


def _out_of_view(widget: QWidget, root: QWidget) -> str | None:
    view = _scroll_view(widget, root)
    if view is not None and not isinstance(view.parentWidget(), QScrollArea):
        return None  # inside a table or list: their own business
    frame = view if view is not None else root
    top_left = widget.mapTo(frame, QPoint(0, 0))
    right = top_left.x() + widget.width()
    if top_left.x() < -_SLACK or right > frame.width() + _SLACK:
        where = f"{top_left.x()}…{right} of {frame.width()}"
        return f"{type(widget).__name__} runs past the side ({where})"
    if view is None and top_left.y() + widget.height() > frame.height() + _SLACK:
        return f"{type(widget).__name__} runs past the bottom of the window"
    return None


def misfits(root: QWidget) -> list[str]:
    """Everything on ``root`` (a window or dialog, shown) whose text or place does not fit."""
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or not widget.isVisible():
            continue
        if widget.objectName().startswith("qt_") and not isinstance(widget, QAbstractButton):
            continue
        found: list[str | None] = []
        if isinstance(widget, QLabel):
            found.append(_label_problem(widget))
        elif isinstance(widget, QAbstractButton):
            found.append(_button_problem(widget))
        elif isinstance(widget, QComboBox):
            found.append(_combo_problem(widget))
        elif isinstance(widget, QHeaderView):
            found += _header_problems(widget)
        elif isinstance(widget, QTabBar):
            found += _tab_problems(widget)
        elif isinstance(widget, QListWidget):
            found += _wrapped_list_problems(widget)
        if widget is not root:
            found.append(_out_of_view(widget, root))
        problems += [problem for problem in found if problem]
    return problems
