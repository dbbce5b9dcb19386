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
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.content.cards import RECALL_WORDS, GradeWords
from imperfect_trainer.deck.features.reflections import LastWritten
from imperfect_trainer.deck.practice.session import GRADES, Phase
from imperfect_trainer.ui import widgets
from imperfect_trainer.ui.announce import announce

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
NOTHING_WRITTEN = "Nothing was saved: write a few words first, or choose Not today."
WRITE_HINT = "Ctrl+Enter saves · Alt+N: not today · Esc ends (what you wrote is kept)"
FRONT_HINT = "Space or Enter shows the answer · Esc ends"
NOT_TODAY_TIP = "Leave this question for another day; nothing is written (Alt+N)"
CLEAR_TO_SET_ASIDE = (
    "To leave it for another day, clear what you wrote first: it is never thrown away."
)
# Enough of last time's answer to recognise it; the whole of it is in the journal.
LAST_TIME_SHOWN = 280
# A grade button asks for no more than this many average characters of width: narrower, its
# words wrap onto another line rather than push a third of the six buttons onto a new row.
GRADE_WORDS_WIDE = 14
# Below these many average characters wide or text lines high the page gives up its wide
# margins, so the card keeps room for its words at the largest text size.
ROOMY_WIDTH_CHARACTERS = 60
ROOMY_HEIGHT_LINES = 30
# Below this many text lines high, the grade buttons show their digits alone (``GradeButton``).
COMPACT_BELOW_LINES = 24
GRADE_SPACING = 8
# The key hint keeps at least this many average characters a line beside the buttons below.
HINT_CHARACTERS = 24


def interval_text(days: int | None) -> str:
    if days is None:
        return "again soon"
    if days == 0:
        return "done today"
    if days < 365:
        return f"{days} d"
    return f"{days / 365:.1f} y"


def interval_words(days: int | None) -> str:
    """When the card comes back after this grade, in words (a grade button's description)."""
    if days is None:
        return "Comes back later in this practice"
    if days == 0:
        return "Done for today"
    if days < 365:
        return f"Comes back in {days} day{'' if days == 1 else 's'}"
    return f"Comes back in about {days / 365:.1f} years"


def last_time_text(last: LastWritten | None) -> str | None:
    """What was written for this reflection last time, with its day (None: nothing yet)."""
    if last is None:
        return None
    text = " ".join(last.text.split())
    if len(text) > LAST_TIME_SHOWN:
        text = text[: LAST_TIME_SHOWN - 1].rstrip() + "…"
    return f"Last time, on {last.day.day} {last.day:%B %Y}, you wrote: “{text}”"


def two_lines(words: str) -> str:
    """Break a grade's words near their middle: the shape a grade button asks room for."""
    parts = words.split()
    if len(parts) < 2:
        return words + "\n"
    best = min(
        range(1, len(parts)),
        key=lambda i: abs(len(" ".join(parts[:i])) - len(" ".join(parts[i:]))),
    )
    return " ".join(parts[:best]) + "\n" + " ".join(parts[best:])


def grade_label(quality: int, words: str, days: int | None) -> str:
    """A grade button's words: its key and when the card comes back, then what it means."""
    return f"{quality} · {interval_text(days)}\n{words}"


class GradeButton(widgets.Button):
    """A grade button whose words wrap to the width it is given (a push button's own words
    stay on one line and are cut off). The words are a label inside it, which clicks pass
    through; a screen reader reads the button's name and description."""

    _PAD = 6
    # The padding each side and the focus ring's two pixels each side.
    _EDGES = 2 * _PAD + 4

    def __init__(self, quality: int) -> None:
        super().__init__()
        self.setObjectName("grade")
        # As wide as its share of the row, as tall as the tallest in its row.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.quality = quality
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(self._PAD, self._PAD, self._PAD, self._PAD)
        layout.addWidget(self.words)

    def set_grade(self, words: str, days: int | None, *, compact: bool) -> None:
        """Its words; ``compact`` (a window short of room): the digit alone, the words and when
        the card comes back in its tooltip and for a screen reader."""
        text = str(self.quality) if compact else grade_label(self.quality, words, days)
        if self.words.text() != text:
            self.words.setText(text)
        self.setAccessibleName(f"Grade {self.quality}: {words}")
        self.setAccessibleDescription(interval_words(days))
        self.setToolTip(f"{self.quality} — {words}. {interval_words(days)} (key {self.quality})")


# Each grade button's widest first line ("4 · again soon"): the button is as wide whatever the
# interval it says, so the buttons never change rows from one card to the next.
_WIDEST_INTERVALS = ("again soon", "done today", "364 d", "99.9 y")


@dataclass(frozen=True, slots=True)
class GradeWidths:
    """The room six grade buttons ask for, in pixels: each at most two lines of its words
    (``natural``), or its longest word (``least``)."""

    natural: int
    least: int


@cache
def grade_widths(words: tuple[str, ...], font_key: str, *, compact: bool = False) -> GradeWidths:
    """Measured once per set of grade words and font (the text size), not on each layout pass:
    showing an answer measures nothing. ``compact``: the digits alone."""
    font = QFont()
    font.fromString(font_key)
    metrics = QFontMetrics(font)
    if compact:
        digit = max(metrics.horizontalAdvance(str(q)) for q in GRADES) + GradeButton._EDGES
        return GradeWidths(digit, digit)
    firsts = max(
        metrics.horizontalAdvance(f"{q} · {interval}")
        for q in GRADES
        for interval in _WIDEST_INTERVALS
    )
    widest_word = max(
        (metrics.horizontalAdvance(w) for text in words for w in text.split()), default=0
    )
    shaped = max(
        metrics.horizontalAdvance(line) for text in words for line in two_lines(text).split("\n")
    )
    natural = max(widest_word, min(shaped, GRADE_WORDS_WIDE * metrics.averageCharWidth()))
    edges = GradeButton._EDGES
    return GradeWidths(max(natural, firsts) + edges, max(widest_word, firsts) + edges)


def grade_columns(room: int, wanted: int) -> int:
    """Six grade buttons side by side if they fit, else three in each of two rows (else two,
    else one): always full rows, never five and one."""
    return next((n for n in (6, 3, 2) if n * wanted + (n - 1) * GRADE_SPACING <= room), 1)


class CardWords(QScrollArea):
    """The card's words, scrolling when the card is too small for them, and asking for no
    more height than they take (so the box to write in follows them, not the card's foot)."""

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        # As page_scroll.scroll_page: see-through, frameless, and never the focus itself.
        content.setObjectName("scrollcontent")
        self.setWidgetResizable(True)
        self.setWidget(content)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        content = self.widget()
        hint = super().sizeHint()
        if content is None or not content.hasHeightForWidth():
            return hint
        return QSize(hint.width(), content.heightForWidth(self.viewport().width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()


class PracticeView(QWidget):
    reveal_requested = Signal()
    grade_chosen = Signal(int)
    reflection_written = Signal(str)
    not_today_requested = Signal()
    end_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Practice")
        self.compact = False
        self.intervals: dict[int, int | None] = {}
        # Where the practice is: read from it (``read_phase``), never kept here as well.
        self.phase: Callable[[], Phase] = lambda: Phase.FINISHED
        self.words: GradeWords = RECALL_WORDS

        self.kind = widgets.label(role="kind", wrap=True)
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
        self.answer_box.installEventFilter(self)
        self.answer_box.textChanged.connect(self._typed)
        self.rule = widgets.frame("rule")
        self.back = widgets.label(role="back", wrap=True)
        self.back.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = widgets.label(role="note", wrap=True)
        self.show_button = widgets.button("Show answer")
        self.show_button.setToolTip("Show the card's back (Space or Enter)")
        self.show_button.clicked.connect(self.reveal_requested)

        # The card's words scroll inside the card; the box to write in stays below them, in
        # view, so what is typed is always seen.
        words = QWidget()
        words_layout = QVBoxLayout(words)
        words_layout.setContentsMargins(0, 0, 8, 0)
        words_layout.setSpacing(16)
        for widget in (
            self.kind,
            self.front,
            self.guidance,
            self.last_time,
            self.rule,
            self.back,
            self.note,
        ):
            words_layout.addWidget(widget)
        words_layout.addStretch(1)
        self.card_scroll = CardWords(words)
        self.card = widgets.frame("card")
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setSpacing(12)
        self.card_layout.addWidget(self.card_scroll)
        self.card_layout.addWidget(self.answer_box)
        self.card_layout.addStretch(1)

        # Built once, in Qt's own grid: placed again only when the number of columns changes.
        self.grade_buttons: list[GradeButton] = []
        self.grades = QGridLayout()
        self.grades.setSpacing(GRADE_SPACING)
        self.grade_columns = 0
        for quality in GRADES:
            button = GradeButton(quality)
            button.setAccessibleName(f"Grade {quality}")  # worded for the card once shown
            button.clicked.connect(lambda _=False, q=quality: self.grade_chosen.emit(q))
            self.grade_buttons.append(button)
        self._place_grades(6)

        self.hint = widgets.label(role="muted", wrap=True)
        self.save_button = widgets.button("&Save", role="primary")
        self.save_button.setAccessibleName("Save what you wrote")
        self.save_button.setToolTip("Keep it in your journal (Ctrl+Enter)")
        self.save_button.clicked.connect(self._save)
        self.not_today_button = widgets.button("&Not today")
        self.not_today_button.setAccessibleName("Not today")
        self.not_today_button.setToolTip(NOT_TODAY_TIP)
        self.not_today_button.clicked.connect(self.not_today_requested)
        self.end_button = widgets.button("End practice")
        self.end_button.setToolTip("End the practice here; every answer is kept (Esc)")
        self.end_button.clicked.connect(self.end_requested)
        self.time_bar = QProgressBar()
        self.time_bar.setTextVisible(False)
        self.time_bar.setRange(0, 1000)
        self.time_bar.setAccessibleName("Time used of this practice")

        # The buttons keep together: beside the hint when there is room, else below it.
        actions = QWidget()
        actions_row = QHBoxLayout(actions)
        actions_row.setContentsMargins(0, 0, 0, 0)
        actions_row.setSpacing(10)
        for action in (self.not_today_button, self.save_button, self.show_button, self.end_button):
            actions_row.addWidget(action)
        self.action_buttons = actions
        # Qt's own box, turned from a row to a column when the buttons leave the hint too
        # little room (``_fit_bottom``): nothing here measures text on each layout pass.
        self.bottom = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.bottom.setSpacing(10)
        self.bottom.addWidget(self.hint, 1)
        self.bottom.addWidget(actions, 0, Qt.AlignmentFlag.AlignRight)

        self.page = QVBoxLayout(self)
        self.page.setSpacing(14)
        self.page.addWidget(self.time_bar)
        self.page.addWidget(self.card, 1)
        self.page.addLayout(self.grades)
        self.page.addLayout(self.bottom)
        self._fit_margins()

    def read_phase(self, phase: Callable[[], Phase]) -> None:
        """Where the practice is, asked of it whenever a key needs to know."""
        self.phase = phase

    # ------------------------------------------------------------------------ rendering

    def show_card(self, kind_label: str, front: str, words: GradeWords, *, drill: bool) -> None:
        """A card to recall: its front, waiting for Space or Enter."""
        self._show(kind_label, front, drill=drill, writing=False)
        self.words = words
        self.hint.setText(FRONT_HINT)
        self.setFocus()
        announce(self, front)

    def show_reflection(
        self, front: str, guidance: str, last_time: str | None, *, typed: str = ""
    ) -> None:
        """A reflection: its question, guidance and last answer, and a box to write in."""
        self._show("Reflection", front, drill=False, writing=True)
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
        self.hint.setText(WRITE_HINT)
        self.card_scroll.updateGeometry()
        self.answer_box.setFocus()
        announce(self, front)

    def _show(self, kind_label: str, front: str, *, drill: bool, writing: bool) -> None:
        suffix = " · once more" if drill else ""
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
        self.note.setText(f"Your note: {note}" if note else "")
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
            f"Grade {self.words.judges}: 0–5 · Esc ends"
            if self.compact
            else f"Grade {self.words.judges}: digits 0–5 · Ctrl+Z undoes · Esc ends"
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
        self.not_today_button.setToolTip(NOT_TODAY_TIP if empty else CLEAR_TO_SET_ASIDE)
        if self.phase() is Phase.REFLECTION:
            self.hint.setText(WRITE_HINT)

    def _save(self) -> None:
        self.reflection_written.emit(self.answer_box.toPlainText())

    # ------------------------------------------------------------------------- sizing

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_margins()
        self._fit_grades()
        self._fit_bottom()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_margins()
        super().changeEvent(event)

    def _word_grades(self) -> None:
        for quality, button in enumerate(self.grade_buttons):
            button.set_grade(self.words[quality], self.intervals.get(quality), compact=self.compact)

    def _fit_margins(self) -> None:
        metrics = self.fontMetrics()
        # Short of lines for the card (a small window, large text): the grade buttons give up
        # their words (in their tooltips still) so that the card's back shows whole.
        compact = self.height() < COMPACT_BELOW_LINES * metrics.lineSpacing()
        if compact != self.compact:
            self.compact = compact
            self._word_grades()
        roomy = (
            self.width() >= ROOMY_WIDTH_CHARACTERS * metrics.averageCharWidth()
            and self.height() >= ROOMY_HEIGHT_LINES * metrics.lineSpacing()
        )
        if roomy:
            self.page.setContentsMargins(40, 28, 40, 20)
            self.page.setSpacing(14)
            self.card_layout.setContentsMargins(36, 28, 28, 28)
        else:
            self.page.setContentsMargins(16, 10, 16, 10)
            self.page.setSpacing(8)
            self.card_layout.setContentsMargins(18, 12, 10, 12)
        # A box to write in of about four lines, less where the window is low.
        lines = 4 if roomy else 3
        self.answer_box.setFixedHeight(self.answer_box.fontMetrics().lineSpacing() * lines + 20)

    def _fit_grades(self) -> None:
        """As many grade buttons to a row as fit (``grade_columns``), each as wide as its
        share: the widths come from ``grade_widths``, measured once per words and text size."""
        margins = self.page.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        font = self.grade_buttons[0].words.font().toString()
        widths = grade_widths(tuple(self.words[q] for q in GRADES), font, compact=self.compact)
        columns = grade_columns(room, widths.natural)
        least = widths.least if columns == 1 else widths.natural
        for button in self.grade_buttons:
            if button.minimumWidth() != min(least, room):
                button.setMinimumWidth(min(least, room))
        if columns != self.grade_columns:
            self._place_grades(columns)

    def _fit_bottom(self) -> None:
        """The buttons beside the key hint while it keeps room for a few words a line, else
        under it."""
        margins = self.page.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        hint_room = HINT_CHARACTERS * self.hint.fontMetrics().averageCharWidth()
        side_by_side = (
            self.action_buttons.sizeHint().width() + self.bottom.spacing() + hint_room <= room
        )
        direction = (
            QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        )
        if self.bottom.direction() != direction:
            self.bottom.setDirection(direction)

    def _place_grades(self, columns: int) -> None:
        self.grade_columns = columns
        for button in self.grade_buttons:
            self.grades.removeWidget(button)
        for n, button in enumerate(self.grade_buttons):
            self.grades.addWidget(button, n // columns, n % columns)
        for column in range(6):
            self.grades.setColumnStretch(column, 1 if column < columns else 0)

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
