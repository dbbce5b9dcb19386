"""The practice screen: a passive view. It shows what it is told and reports keys and clicks.

A card to recall shows its front, then its back and six grade buttons worded for its kind. A
reflection shows its question, its guidance, what was written for it last time, and a box to
write in, with Save (Ctrl+Enter) and Not today: it has no grades.
"""

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

from imperfect_trainer.deck.content.cards import RECALL_WORDS, GradeWords
from imperfect_trainer.deck.features.reflections import LastWritten
from imperfect_trainer.deck.srs.practice import GRADES
from imperfect_trainer.ui import widgets

_REVEAL_KEYS = {Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter}
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_DIGITS = {getattr(Qt.Key, f"Key_{q}"): q for q in GRADES}
NOTHING_WRITTEN = "Nothing was saved: write a few words first, or choose Not today."
WRITE_HINT = "Ctrl+Enter saves · Alt+N: not today · Esc ends (what you wrote is kept)"
NOT_TODAY_TIP = "Leave this question for another day; nothing is written (Alt+N)"
CLEAR_TO_SET_ASIDE = (
    "To leave it for another day, clear what you wrote first: it is never thrown away."
)
# Enough of last time's answer to recognise it; the whole of it is in the journal.
LAST_TIME_SHOWN = 280


def interval_text(days: int | None) -> str:
    if days is None:
        return "again soon"
    if days == 0:
        return "done today"
    if days < 365:
        return f"{days} d"
    return f"{days / 365:.1f} y"


def last_time_text(last: LastWritten | None) -> str | None:
    """What was written for this reflection last time, with its day (None: nothing yet)."""
    if last is None:
        return None
    text = " ".join(last.text.split())
    if len(text) > LAST_TIME_SHOWN:
        text = text[: LAST_TIME_SHOWN - 1].rstrip() + "…"
    return f"Last time, on {last.day.day} {last.day:%B %Y}, you wrote: “{text}”"


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
    reflection_written = Signal(str)
    not_today_requested = Signal()
    end_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._revealed = False
        self._typing = False
        self.words: GradeWords = RECALL_WORDS

        self.kind = widgets.label(role="kind")
        self.front = widgets.label(role="front", wrap=True)
        self.front.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.guidance = widgets.label(role="muted", wrap=True)
        self.last_time = widgets.label(role="note", wrap=True)
        self.last_time.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_box = QPlainTextEdit()
        self.answer_box.setPlaceholderText(
            "Write your answer. It is kept in your journal; leave out client names."
        )
        self.answer_box.setAccessibleName("Your answer")
        self.answer_box.setTabChangesFocus(True)
        self.answer_box.setMaximumHeight(140)
        self.answer_box.installEventFilter(self)
        self.answer_box.textChanged.connect(self._typed)
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
        card_layout.addWidget(self.guidance)
        card_layout.addWidget(self.last_time)
        card_layout.addWidget(self.answer_box)
        card_layout.addWidget(self.rule)
        card_layout.addWidget(self.back)
        card_layout.addWidget(self.note)
        card_layout.addStretch(1)

        self.grade_buttons: list[QPushButton] = []
        grades = QGridLayout()
        grades.setSpacing(8)
        for quality in GRADES:
            button = widgets.button(role="grade")
            button.setAccessibleName(f"Grade {quality}")  # worded for the card once shown
            button.clicked.connect(lambda _=False, q=quality: self.grade_chosen.emit(q))
            grades.addWidget(button, 0, quality)
            grades.setColumnStretch(quality, 1)
            self.grade_buttons.append(button)

        self.hint = widgets.label(role="muted", wrap=True)
        self.save_button = widgets.button("&Save", role="primary")
        self.save_button.setAccessibleName("Save what you wrote")
        self.save_button.setToolTip("Keep it in your journal (Ctrl+Enter)")
        self.save_button.clicked.connect(self._save)
        self.not_today_button = QPushButton("&Not today")
        self.not_today_button.setAccessibleName("Not today")
        self.not_today_button.setToolTip(NOT_TODAY_TIP)
        self.not_today_button.clicked.connect(self.not_today_requested)
        self.end_button = QPushButton("End practice")
        self.end_button.setAccessibleName("End practice")
        self.end_button.clicked.connect(self.end_requested)
        self.time_bar = QProgressBar()
        self.time_bar.setTextVisible(False)
        self.time_bar.setRange(0, 1000)
        self.time_bar.setAccessibleName("Time used of this practice")

        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.not_today_button)
        bottom.addWidget(self.save_button)
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

    def show_card(self, kind_label: str, front: str, words: GradeWords, *, drill: bool) -> None:
        """A card to recall: its front, waiting for Space or Enter."""
        self._show(kind_label, front, drill=drill, typing=False)
        self.words = words
        self.hint.setText("Space or Enter shows the answer · Esc ends")
        self.setFocus()

    def show_reflection(
        self, front: str, guidance: str, last_time: str | None, *, typed: str = ""
    ) -> None:
        """A reflection: its question, guidance and last answer, and a box to write in."""
        self._show("Reflection", front, drill=False, typing=True)
        self.guidance.setText(guidance)
        self.guidance.show()
        self.last_time.setText(last_time or "")
        self.last_time.setVisible(bool(last_time))
        self.answer_box.setPlainText(typed)
        self.show_button.hide()
        self.save_button.show()
        self.not_today_button.show()
        self._typed()
        self.hint.setText(WRITE_HINT)
        self.answer_box.setFocus()

    def _show(self, kind_label: str, front: str, *, drill: bool, typing: bool) -> None:
        self._revealed = False
        self._typing = typing
        suffix = " · once more" if drill else ""
        self.kind.setText(kind_label.upper() + suffix)
        self.front.setText(front)
        self.answer_box.setVisible(typing)
        self.answer_box.setPlainText("")
        for widget in (self.guidance, self.last_time, self.rule, self.back, self.note):
            widget.hide()
        for button in (*self.grade_buttons, self.save_button, self.not_today_button):
            button.hide()
        self.show_button.show()

    def show_answer(self, back: str, note: str | None, intervals: dict[int, int | None]) -> None:
        self._revealed = True
        self.back.setText(back)
        self.note.setText(f"Your note: {note}" if note else "")
        self.rule.show()
        self.back.show()
        self.note.setVisible(bool(note))
        self.show_button.hide()
        for quality, button in enumerate(self.grade_buttons):
            words = self.words[quality]
            button.setText(
                f"{quality}\n{two_lines(words)}\n{interval_text(intervals.get(quality))}"
            )
            button.setAccessibleName(f"Grade {quality}: {words}")
            button.setToolTip(f"{quality} — {words} (key {quality})")
            button.show()
        self.hint.setText(f"Grade {self.words.judges}: digits 0–5 · Ctrl+Z undoes · Esc ends")
        self.setFocus()

    def say(self, message: str) -> None:
        """A short message in the hint line (what a key could not do, and why)."""
        self.hint.setText(message)

    def set_time_fraction(self, fraction: float) -> None:
        self.time_bar.setValue(round(fraction * 1000))

    def typed_answer(self) -> str:
        return self.answer_box.toPlainText() if self._typing else ""

    def _typed(self) -> None:
        # "Not today" never throws away what was written: with something in the box it only
        # says so (a disabled button would let Alt+N type an "n" instead).
        empty = not self.answer_box.toPlainText().strip()
        self.not_today_button.setToolTip(NOT_TODAY_TIP if empty else CLEAR_TO_SET_ASIDE)
        if self._typing:
            self.hint.setText(WRITE_HINT)

    def _save(self) -> None:
        self.reflection_written.emit(self.answer_box.toPlainText())

    # ----------------------------------------------------------------------------- keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Escape:
            self.end_requested.emit()
        elif self._typing and ctrl and key in _ENTER_KEYS:
            self._save()
        elif not self._typing and not self._revealed and key in _REVEAL_KEYS:
            self.reveal_requested.emit()
        elif not self._typing and self._revealed and key in _DIGITS and not ctrl:
            self.grade_chosen.emit(_DIGITS[key])
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # In the answer box, plain Enter and Space type; Ctrl+Enter and Esc belong to the practice.
        if watched is self.answer_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if key == Qt.Key.Key_Escape or (ctrl and key in _ENTER_KEYS):
                self.keyPressEvent(event)
                return True
        return super().eventFilter(watched, event)
