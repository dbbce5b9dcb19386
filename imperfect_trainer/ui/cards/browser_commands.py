"""The Cards page's commands (each a button, a menu entry and a key), and when each can be used
on the cards chosen: when it cannot, the command says why."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from imperfect_trainer.deck.features.browser import BrowserRow
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.cards.browser_actions import BrowserActions
from imperfect_trainer.ui.common.commands import Command

NONE_CHOSEN = N_("Choose a card in the table first")
RETIRED = N_("Retired cards are no longer in the deck; only their history is kept")


class BrowserCommands:
    def __init__(
        self, parent: QWidget, focus_search: Callable[[], None], runs: BrowserActions
    ) -> None:
        self.search = Command(
            _("&Search"), _("Search the cards"), parent, keys=_("Ctrl+F"), run=focus_search
        )
        self.add = Command(
            _("&Add card…"),
            _("Write a card of your own"),
            parent,
            keys=_("Ctrl+N"),
            run=runs.add_card,
        )
        self.edit = Command(
            _("&Edit…"),
            _("Change one of your own cards"),
            parent,
            keys=_("Ctrl+E"),
            run=runs.edit_card,
        )
        self.note = Command(
            _("&Note…"),
            _("A personal note, shown on the back in practice"),
            parent,
            keys=_("Ctrl+Shift+N"),
            run=runs.edit_note,
        )
        self.suspend = Command(
            _("S&uspend"),
            _("Keep out of practice for now; the schedule is kept"),
            parent,
            keys=_("Ctrl+J"),
            run=runs.toggle_suspended,
        )
        self.reset = Command(
            _("&Reset progress…"),
            _("Start the card fresh, as a new card (its answers stay in the history)"),
            parent,
            keys=_("Ctrl+Shift+R"),
            run=runs.reset_progress,
        )
        self.history = Command(
            _("&History…"),
            _("Every answer given to the card"),
            parent,
            keys=_("Ctrl+H"),
            run=runs.show_history,
        )
        self.delete = Command(
            _("&Delete…"),
            _("Delete your own card and its answers"),
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
            one_why = _(NONE_CHOSEN) if not rows else _("Choose one card for this")
            self.edit.allow(one_why)
            self.note.allow(one_why)
            self.history.allow(one_why)
        else:
            self.edit.allow(
                None
                if one.own
                else _(
                    "Cards that come with the app are not edited, so updates can improve them: "
                    "add a note instead ({keys})"
                ).format(keys=self.note.keys)
            )
            self.note.allow(
                _(RETIRED)
                if one.retired
                else None
                if not one.own
                else _("Everything on your own card is yours to edit: use Edit… ({keys})").format(
                    keys=self.edit.keys
                )
            )
            self.history.allow(None)
        any_retired = any(row.retired for row in rows)
        for command in (self.suspend, self.reset):
            command.allow(_(NONE_CHOSEN) if not rows else _(RETIRED) if any_retired else None)
        if not rows:
            self.delete.allow(_(NONE_CHOSEN))
        elif not all(row.own for row in rows):
            self.delete.allow(
                _("Only your own cards can be deleted; a built-in card can be suspended instead")
            )
        else:
            self.delete.allow(None)
        if bool(rows) and all(row.suspended for row in rows):
            self.suspend.set_words(
                _("Uns&uspend"), _("Bring back into practice, with its schedule")
            )
        else:
            self.suspend.set_words(
                _("S&uspend"), _("Keep out of practice for now; the schedule is kept")
            )
        self.suspend.allow(self.suspend.why_not)
