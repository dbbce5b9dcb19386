"""The practice screen: a passive view. It shows what it is told and reports keys and clicks.

A card to recall shows its front, then its back and six grade buttons worded for its kind. A
reflection shows its question, its guidance, what was written for it last time, and a box to
write in, with Save (Ctrl+Enter) and Not today: it has no grades.

It holds at any window and text size: the card's words scroll inside the card (by the arrow
and page keys too; while writing, by Page Up and Page Down), the grade buttons stand six in a
row, or three in two rows, and wrap their words to the room they get, and the buttons below
go under the key hint when they do not fit beside it. What appears without the focus moving
(a card's front, its back, a reflection's question) is announced to a screen reader.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QWidget,
)

from imperfect_trainer.deck.content.cards import GradeWords
from imperfect_trainer.deck.features.reflections import LastWritten
from imperfect_trainer.deck.practice.session import GRADES, Phase
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common.announce import announce
from imperfect_trainer.ui.common.deck_words import deck_word
from imperfect_trainer.ui.common.language import long_day
from imperfect_trainer.ui.practice.practice_layout import NOT_TODAY_TIP, PracticeLayout

_REVEAL_KEYS = {Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter}
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_DIGITS = {getattr(Qt.Key, f"Key_{q}"): q for q in GRADES}
# Keys that scroll the card's words: (direction, by a page rather than a line).
_SCROLL_KEYS = {
    Qt.Key.Key_Up: (-1, False),
    Qt.Key.Key_Down: (1, False),
    Qt.Key.Key_PageUp: (-1, True),
    Qt.Key.Key_PageDown: (1, True),
}
NOTHING_WRITTEN = N_("Nothing was saved: write a few words first, or choose Not today.")
WRITE_HINT = N_("Ctrl+Enter saves · Alt+N: not today · Esc ends (what you wrote is kept)")
FRONT_HINT = N_("Space or Enter shows the answer · Esc ends")
CLEAR_TO_SET_ASIDE = N_(
    "To leave it for another day, clear what you wrote first: it is never thrown away."
)
# Enough of last time's answer to recognise it; the whole of it is in the journal.
LAST_TIME_SHOWN = 280


def last_time_text(last: LastWritten | None) -> str | None:
    """What was written for this reflection last time, with its day (None: nothing yet)."""
    if last is None:
        return None
    text = " ".join(last.text.split())
    if len(text) > LAST_TIME_SHOWN:
        text = text[: LAST_TIME_SHOWN - 1].rstrip() + "…"
    return _("Last time, on {day}, you wrote: “{text}”").format(day=long_day(last.day), text=text)


class PracticeView(PracticeLayout):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Where the practice is: read from it (``read_phase``), never kept here as well.
        self.phase: Callable[[], Phase] = lambda: Phase.FINISHED
        self.answer_box.installEventFilter(self)
        self.answer_box.textChanged.connect(self._typed)
        self.save_button.clicked.connect(self._save)

    def read_phase(self, phase: Callable[[], Phase]) -> None:
        """Where the practice is, asked of it whenever a key needs to know."""
        self.phase = phase

    # ------------------------------------------------------------------------ rendering

    def show_card(self, kind_label: str, front: str, words: GradeWords, *, drill: bool) -> None:
        """A card to recall: its front, waiting for Space or Enter."""
        self._show(kind_label, front, drill=drill, writing=False)
        self.words = words
        self.hint.setText(_(FRONT_HINT))
        self.setFocus()
        announce(self, front)

    def show_reflection(
        self, front: str, guidance: str, last_time: str | None, *, typed: str = ""
    ) -> None:
        """A reflection: its question, guidance and last answer, and a box to write in."""
        self._show(deck_word("Reflection"), front, drill=False, writing=True)
        self.guidance.setText(guidance)
        self.guidance.show()
        self.last_time.setText(last_time or "")
        self.last_time.setVisible(bool(last_time))
        self.answer_box.setAccessibleDescription(guidance)
        self.answer_box.setPlainText(typed)
        self.show_button.hide()
        self.save_button.show()
        self.not_today_button.show()
        self._fit_bottom()
        self._typed()
        self.hint.setText(_(WRITE_HINT))
        self.card_scroll.updateGeometry()
        self.answer_box.setFocus()
        announce(self, front)

    def _show(self, kind_label: str, front: str, *, drill: bool, writing: bool) -> None:
        suffix = " · " + _("once more") if drill else ""
        self.kind.setText(kind_label.upper() + suffix)
        self.front.setText(front)
        self.answer_box.setVisible(writing)
        self.answer_box.setPlainText("")
        hidden: tuple[QWidget, ...] = (
            self.guidance,
            self.last_time,
            self.rule,
            self.back,
            self.note,
            *self.grade_buttons,
            self.save_button,
            self.not_today_button,
        )
        for widget in hidden:
            widget.hide()
        self.show_button.show()
        self._fit_bottom()
        self.card_scroll.verticalScrollBar().setValue(0)
        self.card_scroll.updateGeometry()

    def show_answer(self, back: str, note: str | None, intervals: dict[int, int | None]) -> None:
        self.intervals = intervals
        self.back.setText(back)
        self.note.setText(_("Your note: {note}").format(note=note) if note else "")
        self.rule.show()
        self.back.show()
        self.note.setVisible(bool(note))
        self.show_button.hide()
        self._word_grades()
        for button in self.grade_buttons:
            button.show()
        self._fit_grades()
        self._fit_bottom()
        self.hint.setText(
            _("Grade {judges}: 0–5 · Esc ends").format(judges=self.words.judges)
            if self.compact
            else _("Grade {judges}: digits 0–5 · Ctrl+Z undoes · Esc ends").format(
                judges=self.words.judges
            )
        )
        self.card_scroll.updateGeometry()
        self.setFocus()
        # In a small window the back may be below the front's last line: once the card is laid
        # out again, bring it into view.
        QTimer.singleShot(0, self._back_into_view)
        announce(self, back)
        if note:
            announce(self, self.note.text())

    def _back_into_view(self) -> None:
        """Scroll the card so the back shows whole, with as much of the front above it as
        fits; a back taller than the card shows from its first line."""
        if self.back.isHidden():
            return
        bar = self.card_scroll.verticalScrollBar()
        view = self.card_scroll.viewport().height()
        last = self.note if self.note.isVisible() else self.back
        bottom = last.geometry().bottom() + 1
        if bottom > bar.value() + view:
            bar.setValue(min(self.rule.geometry().top(), bottom - view))

    def say(self, message: str) -> None:
        """A short message in the hint line (what a key could not do, and why)."""
        self.hint.setText(message)
        announce(self, message)

    def set_time_fraction(self, fraction: float) -> None:
        self.time_bar.setValue(round(fraction * 1000))

    def typed_answer(self) -> str:
        return self.answer_box.toPlainText() if self.phase() is Phase.REFLECTION else ""

    def _typed(self) -> None:
        # "Not today" never throws away what was written: with something in the box it only
        # says so (a disabled button would let Alt+N type an "n" instead).
        empty = not self.answer_box.toPlainText().strip()
        self.not_today_button.setToolTip(_(NOT_TODAY_TIP) if empty else _(CLEAR_TO_SET_ASIDE))
        if self.phase() is Phase.REFLECTION:
            self.hint.setText(_(WRITE_HINT))

    def _save(self) -> None:
        self.reflection_written.emit(self.answer_box.toPlainText())

    # ----------------------------------------------------------------------------- keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        phase = self.phase()
        if key == Qt.Key.Key_Escape:
            self.end_requested.emit()
        elif phase is Phase.REFLECTION and ctrl and key in _ENTER_KEYS:
            self._save()
        elif phase is Phase.FRONT and key in _REVEAL_KEYS:
            self.reveal_requested.emit()
        elif phase is Phase.ANSWER and key in _DIGITS and not ctrl:
            self.grade_chosen.emit(_DIGITS[key])
        elif key in _SCROLL_KEYS:
            direction, by_page = _SCROLL_KEYS[key]
            bar = self.card_scroll.verticalScrollBar()
            step = bar.pageStep() if by_page else bar.singleStep()
            bar.setValue(bar.value() + direction * step)
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # In the answer box, plain Enter and Space type; Ctrl+Enter and Esc belong to the practice.
        if watched is self.answer_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            # Page up and down scroll the card's words (the box itself holds a few lines).
            paging = key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
            if key == Qt.Key.Key_Escape or (ctrl and key in _ENTER_KEYS) or paging:
                self.keyPressEvent(event)
                return True
        return super().eventFilter(watched, event)
