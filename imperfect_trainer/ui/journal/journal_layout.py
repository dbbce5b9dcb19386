"""The journal page's parts and where they sit: the list of entries beside the one chosen,
its editor, the share tick on a programme's server, Save and Delete with the line that says
whether it is saved; and the words it shows. What they do is ``journal_screen``."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features import journal
from imperfect_trainer.deck.features.debrief import situation_label
from imperfect_trainer.deck.features.journal import JournalItem
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import N_, _, ngettext
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.choices import wrapped
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.commands import Command
from imperfect_trainer.ui.common.deck_words import deck_word
from imperfect_trainer.ui.common.edits import AUTOSAVE_MS, SaveStatus
from imperfect_trainer.ui.common.language import moment_text
from imperfect_trainer.ui.common.page_scroll import scroll_page
from imperfect_trainer.ui.common.reflow import FlowRow, ReflowSplitter
from imperfect_trainer.ui.common.search_field import search_field
from imperfect_trainer.ui.journal.texts_apart import TextsApart

PRIVACY_NOTE = N_(
    "A private place, kept only on this computer. Please leave out client names and anything "
    "that could identify someone."
)
SERVER_PRIVACY_NOTE = N_(
    "On your programme's server, for you alone: your supervisor sees only the entries you "
    "tick “Share with my supervisor”. Please leave out client names and anything that could "
    "identify someone."
)
SHARE = N_("Share with my supervisor")
# First on the entry's line, where the list never cuts it off.
SHARED_MARK = N_("Shared · ")
_PREVIEW = 90
SAVED_AS_YOU_WRITE = N_("Your changes are saved as you write.")
NEW_ENTRY = N_("A new entry")
_KINDS = {
    "debrief": N_("After a hard session"),
    "reflection": N_("Reflection"),
    journal.FREE_ENTRY: N_("Note"),
}


def heading(item: JournalItem, today: dt.date | None = None) -> str:
    when = item.created_at.astimezone()
    pattern = (
        _("ddd d MMM, HH:mm")
        if today is not None and when.year == today.year
        else _("ddd d MMM yyyy, HH:mm")
    )
    kind = _KINDS.get(item.kind)
    return f"{moment_text(when, pattern)} · {_(kind) if kind else item.kind}"


def preview(item: JournalItem) -> str:
    text = " ".join(item.text.split()) or ", ".join(
        deck_word(situation_label(t)) for t in item.situations
    )
    text = text or _("(nothing written)")
    return text if len(text) <= _PREVIEW else text[: _PREVIEW - 1].rstrip() + "…"


def list_text(item: JournalItem, today: dt.date) -> str:
    """An entry in the list: its heading (marked when shared) over its first words."""
    return f"{_(SHARED_MARK) if item.shared else ''}{heading(item, today)}\n{preview(item)}"


def context(item: JournalItem) -> str:
    """What the entry was about: the card it answered, or a debrief's situations and practice."""
    if item.kind == journal.FREE_ENTRY:
        return ""
    if item.kind != "debrief":
        return (
            _("On the card: {front}").format(front=item.card_front)
            if item.card_front
            else _("On a card since deleted")
        )
    parts = []
    if item.situations:
        parts.append(
            _("What happened: {situations}").format(
                situations="; ".join(deck_word(situation_label(t)) for t in item.situations)
            )
        )
    if item.practised:
        count = len({card.front for card in item.practised})
        parts.append(
            ngettext(
                "Afterwards you practised {count} card for a couple of minutes (its schedule "
                "was left as it was).",
                "Afterwards you practised {count} cards for a couple of minutes (their "
                "schedules were left as they were).",
                count,
            ).format(count=count)
        )
    return "\n".join(parts)


class JournalLayout(QWidget):
    """The journal page's widgets and commands, laid out; they do nothing yet."""

    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock

        self.title = widgets.label(_("Journal"), role="title")
        # Sharing is for a programme's server: a local journal never leaves the computer.
        self.sharing = store.on_server
        self.privacy = widgets.label(
            _(SERVER_PRIVACY_NOTE) if self.sharing else _(PRIVACY_NOTE), role="aside", wrap=True
        )
        self.privacy.setAccessibleName(_("Privacy reminder"))
        self.search = search_field(_("Search the journal"), _("Search your entries"))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Journal entries, newest first"))
        # Two unwrapped lines per entry, cut with "…": wrapped items in a list resize unevenly.
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = widgets.label(
            _(
                "Nothing here yet. What you type on reflection cards, notes after a hard "
                "session and entries of your own (New entry) will appear here."
            ),
            role="muted",
            wrap=True,
        )

        self.entry_heading = widgets.label(role="heading", wrap=True)
        self.entry_context = widgets.WholeTextLabel()
        self.entry_context.setObjectName("muted")
        self.entry_context.setWordWrap(True)
        self.entry_context.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(_("Entry text"))
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(self.editor.fontMetrics().lineSpacing() * 4)
        self.new = Command(_("&New entry"), _("Write an entry of your own"), self, keys=_("Ctrl+N"))
        self.search_command = Command(_("&Search"), _("Search the journal"), self, keys=_("Ctrl+F"))
        self.save_command = Command(
            _("&Save changes"),
            _("Save the entry now (it also saves when you pause)"),
            self,
            keys=_("Ctrl+S"),
        )
        self.delete_command = Command(_("&Delete…"), _("Delete this entry"), self, keys=_("Ctrl+D"))
        self.commands: list[QAction] = [
            self.new,
            self.search_command,
            self.save_command,
            self.delete_command,
        ]
        self.share_place, self.share_box = wrapped(_(SHARE), QCheckBox())
        self.share = Command(
            _("S&hare with my supervisor"),
            _("Tick to let your supervisor read this entry; untick to take it back at once"),
            self,
            keys=_("Ctrl+H"),
        )
        self.share.setCheckable(True)
        if self.sharing:
            self.commands.append(self.share)
        else:
            self.share.setEnabled(False)
            self.share.setVisible(False)
            self.share_place.hide()
        self.new_button = self.new.button()
        self.save_button = self.save_command.button(role="primary")
        self.status = SaveStatus()
        self.delete_button = self.delete_command.button()
        buttons = FlowRow(spacing=14)
        buttons.add(self.save_button, self.status, self.delete_button, grow=self.status)
        self.status.setMinimumWidth(self.status.fontMetrics().averageCharWidth() * 16)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(AUTOSAVE_MS)
        self.detail = widgets.frame("panel")
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(16, 12, 16, 12)
        detail_layout.setSpacing(10)
        detail_layout.addWidget(self.entry_heading)
        detail_layout.addWidget(self.entry_context)
        detail_layout.addWidget(self.editor, 1)
        self.written_apart = TextsApart(store, clock)
        detail_layout.addWidget(self.written_apart)
        detail_layout.addWidget(self.share_place)
        detail_layout.addLayout(buttons)

        self.split = ReflowSplitter(80)
        self.split.addWidget(self.list)
        self.split.addWidget(self.detail)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        self.list.setMinimumWidth(self.list.fontMetrics().averageCharWidth() * 22)
        self.list.setMinimumHeight(self.list.fontMetrics().lineSpacing() * 5)

        top = FlowRow(spacing=12)
        top.add(self.search, self.new_button, grow=self.search)
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 22)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.privacy)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.split, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 16, 12)
        outer.addWidget(scroll_page(content))

    def page_menus(self) -> list[QMenu]:
        return []

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _show_shared(self, shared: bool) -> None:
        """Show the tick as saved (without sharing anything)."""
        self.share_box.blockSignals(True)
        self.share_box.setChecked(shared)
        self.share_box.blockSignals(False)
        self.share.setChecked(shared)
