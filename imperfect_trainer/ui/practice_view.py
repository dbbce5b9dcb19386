"""The practice screen: a passive view. It shows what it is told and reports keys and clicks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.srs.practice import GRADE_LABELS
from imperfect_trainer.ui import widgets

_REVEAL_KEYS = {Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter}
_DIGITS = {getattr(Qt.Key, f"Key_{q}"): q for q in GRADE_LABELS}


def interval_text(days: int | None) -> str:
    if days is None:
        return "again soon"
    if days == 0:
        return "done today"
    if days < 365:
        return f"{days} d"
    return f"{days / 365:.1f} y"


def two_lines(words: str) -> str:
    """Break a grade's label near its middle so six buttons fit side by side."""
    parts = words.split()
    if len(parts) < 2:
        return words + "\n"
    best = min(
        range(1, len(parts)),
        key=lambda i: abs(len(" ".join(parts[:i])) - len(" ".join(parts[i:]))),
    )
    return " ".join(parts[:best]) + "\n" + " ".join(parts[best:])


class PracticeView(QWidget):
    reveal_requested = Signal()
    grade_chosen = Signal(int)
    end_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._revealed = False
        self._typing = False

        self.kind = widgets.label(role="kind")
        self.front = widgets.label(role="front", wrap=True)
        self.front.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_box = QPlainTextEdit()
        self.answer_box.setPlaceholderText(
            "Type your answer. It is kept in your journal; leave out client names."
        )
        self.answer_box.setAccessibleName("Your answer")
        self.answer_box.setTabChangesFocus(True)
        self.answer_box.setMaximumHeight(140)
        self.answer_box.installEventFilter(self)
        self.rule = widgets.frame("rule")
        self.back = widgets.label(role="back", wrap=True)
        self.back.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = widgets.label(role="note", wrap=True)
        self.show_button = QPushButton("Show answer")
        self.show_button.setAccessibleName("Show answer")
        self.show_button.clicked.connect(self.reveal_requested)

        card = widgets.frame("card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(36, 28, 36, 28)
        card_layout.setSpacing(16)
        card_layout.addWidget(self.kind)
        card_layout.addWidget(self.front)
        card_layout.addWidget(self.answer_box)
        card_layout.addWidget(self.rule)
        card_layout.addWidget(self.back)
        card_layout.addWidget(self.note)
        card_layout.addStretch(1)

        self.grade_buttons: list[QPushButton] = []
        grades = QGridLayout()
        grades.setSpacing(8)
        for quality, label in GRADE_LABELS.items():
            button = widgets.button(role="grade")
            button.setAccessibleName(f"Grade {quality}: {label}")
            button.setToolTip(f"{quality} — {label} (key {quality})")
            button.clicked.connect(lambda _=False, q=quality: self.grade_chosen.emit(q))
            grades.addWidget(button, 0, quality)
            grades.setColumnStretch(quality, 1)
            self.grade_buttons.append(button)

        self.hint = widgets.label(role="muted")
        self.end_button = QPushButton("End practice")
        self.end_button.setAccessibleName("End practice")
        self.end_button.clicked.connect(self.end_requested)
        self.time_bar = QProgressBar()
        self.time_bar.setTextVisible(False)
        self.time_bar.setRange(0, 1000)
        self.time_bar.setAccessibleName("Time used of this practice")

        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.show_button)
        bottom.addWidget(self.end_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 20)
        layout.setSpacing(14)
        layout.addWidget(self.time_bar)
        layout.addWidget(card, 1)
        layout.addLayout(grades)
        layout.addLayout(bottom)

    # ------------------------------------------------------------------------ rendering

    def show_card(
        self, kind_label: str, front: str, *, typing: bool, drill: bool, typed: str = ""
    ) -> None:
        self._revealed = False
        self._typing = typing
        suffix = " · once more" if drill else ""
        self.kind.setText(kind_label.upper() + suffix)
        self.front.setText(front)
        self.answer_box.setVisible(typing)
        self.answer_box.setReadOnly(False)
        self.answer_box.setPlainText(typed)
        for widget in (self.rule, self.back, self.note):
            widget.hide()
        for button in self.grade_buttons:
            button.hide()
        self.show_button.show()
        if typing:
            self.hint.setText("Ctrl+Enter shows the guidance · Esc ends")
            self.answer_box.setFocus()
        else:
            self.hint.setText("Space or Enter shows the answer · Esc ends")
            self.setFocus()

    def show_answer(self, back: str, note: str | None, intervals: dict[int, int | None]) -> None:
        self._revealed = True
        self.answer_box.setReadOnly(True)
        self.back.setText(back)
        self.note.setText(f"Your note: {note}" if note else "")
        self.rule.show()
        self.back.show()
        self.note.setVisible(bool(note))
        self.show_button.hide()
        for quality, button in enumerate(self.grade_buttons):
            words = GRADE_LABELS[quality]
            button.setText(
                f"{quality}\n{two_lines(words)}\n{interval_text(intervals.get(quality))}"
            )
            button.show()
        self.hint.setText("Digits 0–5 grade · Ctrl+Z undoes · Esc ends")
        self.setFocus()

    def set_time_fraction(self, fraction: float) -> None:
        self.time_bar.setValue(round(fraction * 1000))

    def typed_answer(self) -> str:
        return self.answer_box.toPlainText() if self._typing else ""

    # ----------------------------------------------------------------------------- keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Escape:
            self.end_requested.emit()
        elif not self._revealed and key in _REVEAL_KEYS and (ctrl or not self._typing):
            self.reveal_requested.emit()
        elif self._revealed and key in _DIGITS and not ctrl:
            self.grade_chosen.emit(_DIGITS[key])
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # In the answer box, plain Enter and Space type; Ctrl+Enter and Esc belong to the practice.
        if watched is self.answer_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if key == Qt.Key.Key_Escape or (ctrl and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
                self.keyPressEvent(event)
                return True
        return super().eventFilter(watched, event)
