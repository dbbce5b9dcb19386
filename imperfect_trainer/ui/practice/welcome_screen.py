"""First run: the five-minute idea, what the grades mean on each kind of card, and how
reflections differ. Enter continues.

The words scroll when the window is small or the text large; the grades' words on the three
kinds of card stand side by side where there is room for them, one kind under another where
there is not."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from imperfect_trainer.deck.content.cards import GRADE_SCALES, GradeWords
from imperfect_trainer.deck.practice.session import GRADES
from imperfect_trainer.deck.srs.scheduling import REFLECTION_LADDER_DAYS
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common import deck_words, widgets
from imperfect_trainer.ui.common.page_scroll import scroll_page

WELCOME_TEXT = N_(
    "This is a practice against perfectionism, so it asks little of you: about five minutes a "
    "day. Each card shows a pattern, a reality check, a reframe, a situation or a question. "
    "Think of your answer, show the card's back, and say honestly how it went. When the five "
    "minutes are up, whatever is left simply waits. A missed day costs nothing."
)
GRADES_INTRO = N_(
    "The grades are always 0 to 5 (keys 0–5); their words fit what the card asks of you:"
)
REPEATS_TEXT = N_(
    "A card graded below 4 comes back later in the same practice until it feels solid; those "
    "repeats never change its schedule."
)
# The three kinds stand side by side from this many average characters of width each.
SCALE_CHARACTERS = 20


def ladder_words(rungs: tuple[int, ...] = REFLECTION_LADDER_DAYS) -> str:
    """The reflection ladder in words: "after 7 days, then 30 days, then every 90 days"."""
    steps = [_("after {days} days").format(days=rungs[0])] if len(rungs) > 1 else []
    steps += [_("then {days} days").format(days=days) for days in rungs[1:-1]]
    last = rungs[-1]
    steps.append(
        _("then every {days} days").format(days=last)
        if steps
        else _("every {days} days").format(days=last)
    )
    return ", ".join(steps)


REFLECTIONS_TEXT = N_(
    "Reflection questions are not graded. Write a few lines (they are kept in your journal, "
    "and shown to you the next time), or choose Not today. A reflection comes back "
    "{ladder}; a practice holds one unless you ask for more in Settings."
)


def _scale(scale: GradeWords) -> QWidget:
    """One kind of card: what its grades judge, and each grade's words."""
    block = QWidget()
    block.setAccessibleName(
        _("{kinds}: grades for {judges}").format(kinds=scale.kinds, judges=scale.judges)
    )
    grid = QGridLayout(block)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(10)
    grid.setVerticalSpacing(4)
    grid.addWidget(widgets.label(scale.kinds, role="heading", wrap=True), 0, 0, 1, 2)
    grid.addWidget(widgets.label(scale.judges, role="muted", wrap=True), 1, 0, 1, 2)
    grid.setRowMinimumHeight(2, 4)
    bold = QFont()
    bold.setBold(True)
    for grade in GRADES:
        number = QLabel(str(grade))
        number.setFont(bold)
        grid.addWidget(number, grade + 3, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(widgets.label(scale[grade], wrap=True), grade + 3, 1)
    grid.setColumnStretch(1, 1)
    grid.setRowStretch(len(GRADES) + 3, 1)
    return block


class GradeScales(QWidget):
    """The grades' words on each kind of card: side by side, or one kind under another."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("What each grade means on each kind of card"))
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(24)
        self.blocks = [_scale(deck_words.grade_words(scale)) for scale in GRADE_SCALES]
        for block in self.blocks:
            self.row.addWidget(block, 1)

    def texts(self) -> list[str]:
        """Every word shown, in reading order."""
        return [label.text() for label in self.findChildren(QLabel)]

    def side_by_side(self) -> bool:
        return self.row.direction() == QBoxLayout.Direction.LeftToRight

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= (
            len(GRADE_SCALES) * SCALE_CHARACTERS * self.fontMetrics().averageCharWidth()
        )
        wanted = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if wanted != self.row.direction():
            self.row.setDirection(wanted)
        super().resizeEvent(event)


class WelcomeScreen(QWidget):
    continue_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.continue_button = widgets.button(_("Continue"), role="primary")
        self.continue_button.setAutoDefault(True)
        self.continue_button.setToolTip(_("On to today’s practice (Enter)"))
        self.continue_button.clicked.connect(self.continue_requested)
        self.grades = GradeScales()

        content = QWidget()
        layout = widgets.reading_column(content, max_width=900)
        layout.setContentsMargins(40, 32, 40, 28)
        layout.setSpacing(14)
        layout.addStretch(1)
        layout.addWidget(widgets.label(_("Welcome to Imperfect Trainer"), role="title", wrap=True))
        layout.addWidget(widgets.label(_(WELCOME_TEXT), role="lead", wrap=True))
        layout.addWidget(widgets.label(_(GRADES_INTRO), role="muted", wrap=True))
        layout.addWidget(self.grades)
        layout.addWidget(widgets.label(_(REPEATS_TEXT), role="muted", wrap=True))
        layout.addWidget(
            widgets.label(
                _(REFLECTIONS_TEXT).format(ladder=ladder_words()), role="muted", wrap=True
            )
        )
        layout.addSpacing(10)
        row = QHBoxLayout()
        row.addWidget(self.continue_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_page(content))

    def focus_continue(self) -> None:
        self.continue_button.setFocus()
