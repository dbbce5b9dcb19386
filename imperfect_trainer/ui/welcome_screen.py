"""First run: the five-minute idea, what the grades mean on each kind of card, and how
reflections differ. Enter continues."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from imperfect_trainer.deck.content.cards import GRADE_SCALES
from imperfect_trainer.deck.srs.practice import GRADES
from imperfect_trainer.deck.srs.scheduling import REFLECTION_LADDER_DAYS
from imperfect_trainer.ui import widgets

WELCOME_TEXT = (
    "This is a practice against perfectionism, so it asks little of you: about five minutes a "
    "day. Each card shows a pattern, a reality check, a reframe, a situation or a question. "
    "Think of your answer, show the card's back, and say honestly how it went. When the five "
    "minutes are up, whatever is left simply waits. A missed day costs nothing."
)
GRADES_INTRO = "The grades are always 0 to 5 (keys 0–5); their words fit what the card asks of you:"
REPEATS_TEXT = (
    "A card graded below 4 comes back later in the same practice until it feels solid; those "
    "repeats never change its schedule."
)


def ladder_words(rungs: tuple[int, ...] = REFLECTION_LADDER_DAYS) -> str:
    """The reflection ladder in words: "after 7 days, then 30 days, then every 90 days"."""
    steps = [f"after {rungs[0]} days"] if len(rungs) > 1 else []
    steps += [f"then {days} days" for days in rungs[1:-1]]
    steps.append(f"then every {rungs[-1]} days" if steps else f"every {rungs[-1]} days")
    return ", ".join(steps)


REFLECTIONS_TEXT = (
    "Reflection questions are not graded. Write a few lines (they are kept in your journal, "
    "and shown to you the next time), or choose Not today. A reflection comes back "
    f"{ladder_words()}; a practice holds one unless you ask for more in Settings."
)


def grades_table() -> str:
    """Each grade's words on each kind of card, side by side."""
    head = "".join(
        f"<th align='left' style='padding: 0 14px 6px 0'>{escape(scale.kinds)}<br>"
        f"<span style='font-weight: normal'>{escape(scale.judges)}</span></th>"
        for scale in GRADE_SCALES
    )
    rows = "".join(
        f"<tr><td style='padding: 2px 10px 2px 0'><b>{grade}</b></td>"
        + "".join(
            f"<td style='padding: 2px 14px 2px 0'>{escape(scale[grade])}</td>"
            for scale in GRADE_SCALES
        )
        + "</tr>"
        for grade in GRADES
    )
    return f"<table width='100%' cellspacing='0'><tr><th></th>{head}</tr>{rows}</table>"


class WelcomeScreen(QWidget):
    continue_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.continue_button = widgets.button("Continue", role="primary")
        self.continue_button.setAutoDefault(True)
        self.continue_button.setAccessibleName("Continue")
        self.continue_button.clicked.connect(self.continue_requested)
        self.grades = QLabel(grades_table(), wordWrap=True)
        self.grades.setAccessibleName("What each grade means on each kind of card")

        layout = widgets.reading_column(self, max_width=900)
        layout.setContentsMargins(56, 40, 56, 36)
        layout.setSpacing(14)
        layout.addStretch(1)
        layout.addWidget(widgets.label("Welcome to Imperfect Trainer", role="title"))
        layout.addWidget(widgets.label(WELCOME_TEXT, role="lead", wrap=True))
        layout.addWidget(widgets.label(GRADES_INTRO, role="muted", wrap=True))
        layout.addWidget(self.grades)
        layout.addWidget(widgets.label(REPEATS_TEXT, role="muted", wrap=True))
        layout.addWidget(widgets.label(REFLECTIONS_TEXT, role="muted", wrap=True))
        layout.addSpacing(10)
        row = QHBoxLayout()
        row.addWidget(self.continue_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def focus_continue(self) -> None:
        self.continue_button.setFocus()
