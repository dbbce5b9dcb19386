"""The practice screen's parts and where they sit at any window and text size: the card's
words scrolling inside the card, the box to write in below them, the grade buttons six in a row
or three in two rows, and the buttons below beside the key hint or under it. What they show
and what the keys do is ``practice_view``."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.content.cards import RECALL_WORDS, GradeWords
from imperfect_trainer.deck.practice.session import GRADES
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.practice.grade_buttons import (
    GRADE_SPACING,
    GradeButton,
    grade_columns,
    grade_widths,
)

NOT_TODAY_TIP = N_("Leave this question for another day; nothing is written (Alt+N)")
# Below these many average characters wide or text lines high the page gives up its wide
# margins, so the card keeps room for its words at the largest text size.
ROOMY_WIDTH_CHARACTERS = 60
ROOMY_HEIGHT_LINES = 30
# Below this many text lines high, the grade buttons show their digits alone (``GradeButton``).
COMPACT_BELOW_LINES = 24
# The key hint keeps at least this many average characters a line beside the buttons below.
HINT_CHARACTERS = 24


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


class PracticeLayout(QWidget):
    """The practice screen's widgets, laid out and fitted to the room; they show nothing yet."""

    reveal_requested = Signal()
    grade_chosen = Signal(int)
    reflection_written = Signal(str)
    not_today_requested = Signal()
    end_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Practice"))
        self.compact = False
        self.intervals: dict[int, int | None] = {}
        self.words: GradeWords = RECALL_WORDS

        self.kind = widgets.label(role="kind", wrap=True)
        self.front = widgets.label(role="front", wrap=True)
        self.front.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.guidance = widgets.label(role="muted", wrap=True)
        self.last_time = widgets.label(role="note", wrap=True)
        self.last_time.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_box = QPlainTextEdit()
        self.answer_box.setPlaceholderText(
            _("Write your answer. It is kept in your journal; leave out client names.")
        )
        self.answer_box.setAccessibleName(_("Your answer"))
        self.answer_box.setTabChangesFocus(True)
        self.rule = widgets.frame("rule")
        self.back = widgets.label(role="back", wrap=True)
        self.back.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = widgets.label(role="note", wrap=True)
        self.show_button = widgets.button(_("Show answer"))
        self.show_button.setToolTip(_("Show the card's back (Space or Enter)"))
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
            button.setAccessibleName(
                _("Grade {quality}").format(quality=quality)
            )  # worded for the card once shown
            button.clicked.connect(lambda _=False, q=quality: self.grade_chosen.emit(q))
            self.grade_buttons.append(button)
        self._place_grades(6)

        self.hint = widgets.label(role="muted", wrap=True)
        self.save_button = widgets.button(_("&Save"), role="primary")
        self.save_button.setAccessibleName(_("Save what you wrote"))
        self.save_button.setToolTip(_("Keep it in your journal (Ctrl+Enter)"))
        self.not_today_button = widgets.button(_("&Not today"))
        self.not_today_button.setAccessibleName(_("Not today"))
        self.not_today_button.setToolTip(_(NOT_TODAY_TIP))
        self.not_today_button.clicked.connect(self.not_today_requested)
        self.end_button = widgets.button(_("End practice"))
        self.end_button.setToolTip(_("End the practice here; every answer is kept (Esc)"))
        self.end_button.clicked.connect(self.end_requested)
        self.time_bar = QProgressBar()
        self.time_bar.setTextVisible(False)
        self.time_bar.setRange(0, 1000)
        self.time_bar.setAccessibleName(_("Time used of this practice"))

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
