"""The Cards page's commands (each a button, a menu entry and a key), and when each can be used
on the cards chosen: when it cannot, the command says why."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from imperfect_trainer.deck.features.browser import BrowserRow
from imperfect_trainer.ui.cards.browser_actions import BrowserActions
from imperfect_trainer.ui.common.commands import Command

NONE_CHOSEN = "Choose a card in the table first"
RETIRED = "Retired cards are no longer in the deck; only their history is kept"


class BrowserCommands:
    def __init__(
        self, parent: QWidget, focus_search: Callable[[], None], runs: BrowserActions
    ) -> None:
        self.search = Command(
            "&Search", "Search the cards", parent, keys="Ctrl+F", run=focus_search
        )
        self.add = Command(
            "&Add card…", "Write a card of your own", parent, keys="Ctrl+N", run=runs.add_card
        )
        self.edit = Command(
            "&Edit…", "Change one of your own cards", parent, keys="Ctrl+E", run=runs.edit_card
        )
        self.note = Command(
            "&Note…",
            "A personal note, shown on the back in practice",
            parent,
            keys="Ctrl+Shift+N",
            run=runs.edit_note,
        )
        self.suspend = Command(
            "S&uspend",
            "Keep out of practice for now; the schedule is kept",
            parent,
            keys="Ctrl+J",
            run=runs.toggle_suspended,
        )
        self.reset = Command(
            "&Reset progress…",
            "Start the card fresh, as a new card (its answers stay in the history)",
            parent,
            keys="Ctrl+Shift+R",
            run=runs.reset_progress,
        )
        self.history = Command(
            "&History…",
            "Every answer given to the card",
            parent,
            keys="Ctrl+H",
            run=runs.show_history,
        )
        self.delete = Command(
            "&Delete…",
            "Delete your own card and its answers",
            parent,
            keys=QKeySequence.StandardKey.Delete,
            run=runs.delete_cards,
        )
        # On the chosen cards: the row of buttons under the table and the context menu.
        self.on_chosen = [self.edit, self.note, self.suspend, self.reset, self.history, self.delete]
        self.all: list[QAction] = [self.search, self.add, *self.on_chosen]

    def allow_for(self, rows: list[BrowserRow]) -> None:
        """Enable what can be done to the chosen cards; the others say why not."""
        one = rows[0] if len(rows) == 1 else None
        if one is None:
            one_why = NONE_CHOSEN if not rows else "Choose one card for this"
            self.edit.allow(one_why)
            self.note.allow(one_why)
            self.history.allow(one_why)
        else:
            self.edit.allow(
                None
                if one.own
                else "Cards that come with the app are not edited, so updates can improve "
                f"them: add a note instead ({self.note.keys})"
            )
            self.note.allow(
                RETIRED
                if one.retired
                else None
                if not one.own
                else f"Everything on your own card is yours to edit: use Edit… ({self.edit.keys})"
            )
            self.history.allow(None)
        any_retired = any(row.retired for row in rows)
        for command in (self.suspend, self.reset):
            command.allow(NONE_CHOSEN if not rows else RETIRED if any_retired else None)
        if not rows:
            self.delete.allow(NONE_CHOSEN)
        elif not all(row.own for row in rows):
            self.delete.allow(
                "Only your own cards can be deleted; a built-in card can be suspended instead"
            )
        else:
            self.delete.allow(None)
        if bool(rows) and all(row.suspended for row in rows):
            self.suspend.set_words("Uns&uspend", "Bring back into practice, with its schedule")
        else:
            self.suspend.set_words("S&uspend", "Keep out of practice for now; the schedule is kept")
        self.suspend.allow(self.suspend.why_not)
