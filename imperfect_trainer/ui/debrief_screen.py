"""After a hard session: pick what happened, add a note if it helps, then (if you like) two
minutes with cards for those situations. Those answers leave every schedule alone.

A form filled in but not saved stays as it was when the person leaves the screen and comes
back; closing the window asks before losing it (saving is the person's choice here, as it
decides whether there is a practice)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features import debrief
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui import widgets
from imperfect_trainer.ui.clock import Clock
from imperfect_trainer.ui.guard import guarded

INTRO = (
    "That sounds like a hard one. Nothing here is a test. If it helps, note what happened, "
    "then take two minutes with a few cards that fit."
)
CLOSING = (
    "A hard session is information, not a verdict. Be as kind to yourself tonight as you "
    "would be to a colleague who had the same hour."
)


def done_text(practised: int | None) -> str:
    """The closing words; ``practised`` is how many cards were practised (None: not offered)."""
    saved = "Your note is in the journal."
    if practised is None:
        return saved
    if practised == 0:
        return saved + " No cards were practised this time, and that is fine."
    cards = "card" if practised == 1 else "cards"
    return f"{saved} You went through {practised} {cards}; their schedules are unchanged."


class DebriefScreen(QWidget):
    # The cards to practise and the journal entry the practice belongs to.
    practice_requested = Signal(list, int)
    journal_requested = Signal()
    home_requested = Signal()

    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.pages = QStackedWidget()

        self.checks: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(10)
        for index, situation in enumerate(debrief.SITUATIONS):
            check = QCheckBox(situation.label)
            check.setAccessibleName(situation.label)
            check.toggled.connect(self._update_buttons)
            self.checks[situation.tag] = check
            grid.addWidget(check, index // 2, index % 2)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("A few words about the session")
        self.note.setPlaceholderText(
            "Kept in your journal. Leave out client names and identifying details."
        )
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(110)
        self.note.textChanged.connect(self._update_buttons)
        self.practise_button = widgets.button("Save and practise two minutes", role="primary")
        self.save_button = widgets.button("Save without practising")
        self.practise_button.clicked.connect(self.save_and_practise)
        self.save_button.clicked.connect(self.save_only)
        buttons = QHBoxLayout()
        buttons.addWidget(self.practise_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.setSpacing(14)
        form_layout.addWidget(widgets.label("After a hard session", role="title"))
        form_layout.addWidget(widgets.label(INTRO, role="lead", wrap=True))
        form_layout.addSpacing(4)
        form_layout.addWidget(widgets.label("What happened?", role="heading"))
        form_layout.addLayout(grid)
        form_layout.addSpacing(4)
        form_layout.addWidget(widgets.label("A few words, if it helps", role="heading"))
        form_layout.addWidget(self.note)
        form_layout.addLayout(buttons)
        form_layout.addStretch(1)

        self.done_line = widgets.label(role="lead", wrap=True)
        self.journal_button = widgets.button("Open the journal")
        self.home_button = widgets.button("Back to home", role="primary")
        self.home_button.setAutoDefault(True)
        self.journal_button.clicked.connect(self.journal_requested)
        self.home_button.clicked.connect(self.home_requested)
        done_buttons = QHBoxLayout()
        done_buttons.addWidget(self.home_button)
        done_buttons.addWidget(self.journal_button)
        done_buttons.addStretch(1)
        done = QWidget()
        done_layout = QVBoxLayout(done)
        done_layout.setContentsMargins(0, 0, 0, 0)
        done_layout.setSpacing(14)
        done_layout.addStretch(1)
        done_layout.addWidget(widgets.label("That’s enough for now.", role="title"))
        done_layout.addWidget(self.done_line)
        done_layout.addWidget(widgets.label(CLOSING, role="lead", wrap=True))
        done_layout.addSpacing(8)
        done_layout.addLayout(done_buttons)
        done_layout.addStretch(2)

        self.form, self.done = form, done
        self.pages.addWidget(form)
        self.pages.addWidget(done)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(56, 40, 56, 32)
        layout.addWidget(self.pages)
        self._update_buttons()

    def chosen(self) -> list[str]:
        return [tag for tag, check in self.checks.items() if check.isChecked()]

    def unsaved(self) -> bool:
        """Whether the form holds situations or a note not yet saved."""
        return self.pages.currentWidget() is self.form and bool(
            self.chosen() or self.note.toPlainText().strip()
        )

    def open_form(self) -> None:
        """The form as the person left it, or a fresh one once the last was saved."""
        if not self.unsaved():
            self.start_over()

    def keep_edits(self, closing: bool) -> list[str]:
        if closing and self.unsaved():
            return ["What you wrote after a hard session is not saved yet."]
        return []

    def start_over(self) -> None:
        """A fresh, empty form."""
        for check in self.checks.values():
            check.setChecked(False)
        self.note.clear()
        self.pages.setCurrentWidget(self.form)
        next(iter(self.checks.values())).setFocus()

    def show_done(self, practised: int | None) -> None:
        self.done_line.setText(done_text(practised))
        self.pages.setCurrentWidget(self.done)
        self.home_button.setFocus()

    def _update_buttons(self) -> None:
        situations = bool(self.chosen())
        self.practise_button.setEnabled(situations)
        self.practise_button.setToolTip(
            "" if situations else "Pick what happened, and the cards will fit it"
        )
        self.save_button.setEnabled(situations or bool(self.note.toPlainText().strip()))

    def _save(self) -> int | None:
        situations, note, now = self.chosen(), self.note.toPlainText(), self.clock()
        return guarded(self, lambda: debrief.save_debrief(self.store, situations, note, now))

    def save_only(self) -> None:
        if self._save() is not None:
            self.show_done(None)

    def save_and_practise(self) -> None:
        situations = self.chosen()
        cards = guarded(self, lambda: debrief.cards_for(self.store, situations))
        if cards is None:
            return
        entry_id = self._save()
        if entry_id is None:
            return
        if cards:
            self.practice_requested.emit(cards, entry_id)
        else:
            self.show_done(0)
