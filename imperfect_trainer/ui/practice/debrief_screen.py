"""After a hard session: pick what happened, add a note if it helps, then (if you like) two
minutes with cards for those situations. Those answers leave every schedule alone.

A form filled in but not saved stays as it was when the person leaves the screen and comes
back; closing the window asks before losing it (saving is the person's choice here, as it
decides whether there is a practice)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QMenu,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features import debrief
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import N_, _, ngettext
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.commands import Command
from imperfect_trainer.ui.common.deck_words import deck_word
from imperfect_trainer.ui.common.operations import JOURNAL, run_op
from imperfect_trainer.ui.common.page_scroll import scroll_page
from imperfect_trainer.ui.common.reflow import FlowRow

INTRO = N_(
    "That sounds like a hard one. Nothing here is a test. If it helps, note what happened, "
    "then take two minutes with a few cards that fit."
)
CLOSING = N_(
    "A hard session is information, not a verdict. Be as kind to yourself tonight as you "
    "would be to a colleague who had the same hour."
)


def done_text(practised: int | None, *, wrote_note: bool) -> str:
    """The closing words; ``practised`` is how many cards were practised (None: not offered),
    ``wrote_note`` whether a note went into the journal (a debrief without one is no entry)."""
    saved = _("Your note is in the journal.") if wrote_note else ""
    if practised is None:
        return saved
    if practised == 0:
        went = _("No cards were practised this time, and that is fine.")
    else:
        went = ngettext(
            "You went through {count} card; its schedule is unchanged.",
            "You went through {count} cards; their schedules are unchanged.",
            practised,
        ).format(count=practised)
    return f"{saved} {went}".strip()


class DebriefScreen(QWidget):
    # The cards to practise and the journal entry the practice belongs to.
    practice_requested = Signal(list, object)
    journal_requested = Signal(int)  # the entry just written
    home_requested = Signal()

    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.pages = QStackedWidget()

        self.checks: dict[str, QCheckBox] = {}
        situations = FlowRow(spacing=10, columns=True)
        for situation in debrief.SITUATIONS:
            check = QCheckBox(deck_word(situation.label))
            check.setAccessibleName(deck_word(situation.label))
            check.toggled.connect(self._update_buttons)
            self.checks[situation.tag] = check
            situations.add(check)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(_("A few words about the session"))
        self.note.setPlaceholderText(
            _("Kept in your journal. Leave out client names and identifying details.")
        )
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 4 + 16)
        self.note.textChanged.connect(self._update_buttons)
        self.practise = Command(
            _("Save and &practise"),
            _("Save, then two minutes with a few cards that fit what happened"),
            self,
            keys=_("Ctrl+Return"),
            run=self.save_and_practise,
        )
        self.save = Command(
            _("&Save without practising"),
            _("Keep the note in your journal"),
            self,
            keys=_("Ctrl+S"),
            run=self.save_only,
        )
        self.commands: list[QAction] = [self.practise, self.save]
        self.practise_button = self.practise.button(role="primary")
        self.save_button = self.save.button()
        buttons = FlowRow(spacing=10)
        buttons.add(self.practise_button, self.save_button)
        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 8, 0)
        form_layout.setSpacing(14)
        form_layout.addWidget(widgets.label(_("After a hard session"), role="title", wrap=True))
        form_layout.addWidget(widgets.label(_(INTRO), role="lead", wrap=True))
        form_layout.addSpacing(4)
        form_layout.addWidget(widgets.label(_("What happened?"), role="heading", wrap=True))
        form_layout.addLayout(situations)
        form_layout.addSpacing(4)
        form_layout.addWidget(
            widgets.label(_("A few words, if it helps"), role="heading", wrap=True)
        )
        form_layout.addWidget(self.note)
        form_layout.addLayout(buttons)
        form_layout.addStretch(1)

        self.done_line = widgets.label(role="lead", wrap=True)
        self.journal_button = widgets.button(_("Open the journal"))
        self.journal_button.setToolTip(_("The note you just wrote, in your journal"))
        self.home_button = widgets.button(_("Back to home"), role="primary")
        self.home_button.setAutoDefault(True)
        self.journal_button.clicked.connect(self._open_journal)
        self.home_button.clicked.connect(self.home_requested)
        done_buttons = FlowRow(spacing=10)
        done_buttons.add(self.home_button, self.journal_button)
        done = QWidget()
        done_layout = QVBoxLayout(done)
        done_layout.setContentsMargins(0, 0, 8, 0)
        done_layout.setSpacing(14)
        done_layout.addStretch(1)
        done_layout.addWidget(widgets.label(_("That’s enough for now."), role="title", wrap=True))
        done_layout.addWidget(self.done_line)
        done_layout.addWidget(widgets.label(_(CLOSING), role="lead", wrap=True))
        done_layout.addSpacing(8)
        done_layout.addLayout(done_buttons)
        done_layout.addStretch(2)

        self.form, self.done = form, done
        # The debrief's entry and whether it holds a note (without one it is no journal entry).
        self.entry_id: int | None = None
        self.wrote_note = False
        self.pages.addWidget(scroll_page(form))
        self.pages.addWidget(scroll_page(done))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 16, 16)
        layout.addWidget(self.pages)
        self._update_buttons()

    def page_menus(self) -> list[QMenu]:
        return []

    def chosen(self) -> list[str]:
        return [tag for tag, check in self.checks.items() if check.isChecked()]

    def unsaved(self) -> bool:
        """Whether the form holds situations or a note not yet saved."""
        return self.showing_form and bool(self.chosen() or self.note.toPlainText().strip())

    @property
    def showing_form(self) -> bool:
        return self.pages.currentIndex() == 0

    def open_form(self) -> None:
        """The form as the person left it, or a fresh one once the last was saved."""
        if not self.unsaved():
            self.start_over()

    def keep_edits(self, closing: bool) -> list[str]:
        if closing and self.unsaved():
            return [_("What you wrote after a hard session is not saved yet.")]
        return []

    def start_over(self) -> None:
        """A fresh, empty form."""
        for check in self.checks.values():
            check.setChecked(False)
        self.note.clear()
        self.pages.setCurrentIndex(0)
        next(iter(self.checks.values())).setFocus()

    def show_done(self, practised: int | None) -> None:
        self.done_line.setText(done_text(practised, wrote_note=self.wrote_note))
        self.done_line.setVisible(bool(self.done_line.text()))
        self.journal_button.setVisible(self.wrote_note)
        self.pages.setCurrentIndex(1)
        self.home_button.setFocus()

    def _open_journal(self) -> None:
        if self.entry_id is not None:
            self.journal_requested.emit(self.entry_id)

    def _update_buttons(self) -> None:
        situations = bool(self.chosen())
        self.practise.allow(
            None if situations else _("Pick what happened, and the cards will fit it")
        )
        self.save.allow(
            None
            if self.note.toPlainText().strip()
            else _("Write a few words to keep in your journal, or practise with cards that fit")
        )

    def _save(self) -> int | None:
        situations, note, now = self.chosen(), self.note.toPlainText(), self.clock()
        entry_id = run_op(
            self, lambda: debrief.save_debrief(self.store, situations, note, now), JOURNAL
        )
        if entry_id is not None:
            self.entry_id, self.wrote_note = entry_id, bool(note.strip())
        return entry_id

    def save_only(self) -> None:
        if self._save() is not None:
            self.show_done(None)

    def save_and_practise(self) -> None:
        situations = self.chosen()
        cards = run_op(self, lambda: debrief.cards_for(self.store, situations))
        if cards is None:
            return
        entry_id: int | None = None
        if self.note.toPlainText().strip():
            entry_id = self._save()
            if entry_id is None:
                return
        else:
            # Ticks without a note are no journal entry (it would be one the journal never
            # shows): the cards are practised all the same.
            self.entry_id, self.wrote_note = None, False
        if cards:
            self.practice_requested.emit(cards, entry_id)
        else:
            self.show_done(0)
