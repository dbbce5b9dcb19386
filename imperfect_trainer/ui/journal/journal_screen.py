"""The journal: reflections typed in practice, notes after hard sessions and entries of the
person's own, newest first, to write, search, reread, edit or delete.

An edit is saved into the entry itself when the person pauses, chooses another entry, searches,
leaves the screen or closes the window; the line beside Save says which it is. A new entry is
written the same way and becomes an entry with its first words (an empty one leaves nothing).
If the collection refuses, the text stays in the editor (and closing asks first).

On a programme's server, each entry has a "Share with my supervisor" tick (Ctrl+H), saved at
once; the list marks the entries shared, and unticking takes one back at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtWidgets import QMessageBox, QWidget

from imperfect_trainer.deck.features import journal
from imperfect_trainer.deck.features.journal import JournalItem
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import _
from imperfect_trainer.ui.common.announce import announce
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.operations import JOURNAL, op_done, run_op
from imperfect_trainer.ui.journal import entry_rows
from imperfect_trainer.ui.journal.journal_layout import (
    NEW_ENTRY,
    SAVED_AS_YOU_WRITE,
    JournalLayout,
    context,
    heading,
)


class JournalScreen(JournalLayout):
    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(store, clock, parent)
        self.items: list[JournalItem] = []
        # The entry in the editor, as it is saved; the editor may hold more. None with
        # ``writing_new``: a new entry, not saved until it has words.
        self.shown: JournalItem | None = None
        self.writing_new = False
        self._saved_at: dt.datetime | None = None
        self.new.triggered.connect(self.write_new)
        self.search_command.triggered.connect(self.focus_search)
        self.save_command.triggered.connect(self.save)
        self.delete_command.triggered.connect(self.delete)
        if self.sharing:
            # The menu entry or Ctrl+H has just flipped the command's tick: the box follows.
            self.share.triggered.connect(lambda: self.share_box.setChecked(self.share.isChecked()))
            self.share_box.toggled.connect(self._set_shared)
        self.search.textChanged.connect(self.refresh)
        self.list.currentRowChanged.connect(self._choose)
        self.editor.textChanged.connect(self._edited)
        self.idle.timeout.connect(self._save_edit)
        self.written_apart.entry = lambda: self.shown if self._save_edit() is None else None
        self.written_apart.changed.connect(self._saved)
        self._show_entry(-1)

    def _today(self) -> dt.date:
        return self.store.practice_day(self.clock())

    def refresh(self) -> None:
        if self._save_edit() is not None:
            return  # the unsaved text stays on screen, and its status says why
        self._load(self.shown.id if self.shown is not None else None)

    def _load(self, chosen: int | None) -> None:
        items = run_op(self, lambda: journal.entries(self.store, self.search.text()))
        if items is None:
            return
        self.items = items
        entry_rows.fill(self.list, items, self._today())
        if not self.writing_new:
            row = self._row(chosen) if chosen is not None else -1
            self.list.setCurrentRow(max(row, 0) if items else -1)
            self._show_entry(self.list.currentRow())
        nothing_at_all = not items and not self.search.text()
        self.empty.setVisible(nothing_at_all)

    def choose_entry(self, entry_id: int) -> None:
        """Show one entry (the note a debrief just saved), clearing a search that hides it."""
        if self._row(entry_id) < 0 and self.search.text():
            self.search.clear()
        row = self._row(entry_id)
        if row >= 0:
            self.list.setCurrentRow(row)
            self.editor.setFocus()

    def current(self) -> JournalItem | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _row(self, entry_id: int) -> int:
        return entry_rows.row_of(self.items, entry_id)

    def _choose(self, row: int) -> None:
        held = self.shown
        if self._save_edit() is not None and held is not None and self._row(held.id) >= 0:
            # The edit could not be saved: the entry holding it stays in view.
            self.list.blockSignals(True)
            self.list.setCurrentRow(self._row(held.id))
            self.list.blockSignals(False)
            return
        if row >= 0:
            self.writing_new = False
        self._show_entry(row)

    def write_new(self) -> None:
        """An empty page for an entry of the person's own; it is kept once it has words."""
        if self._save_edit() is not None:
            return
        self.writing_new = True
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self._show_entry(-1)
        self.editor.setFocus()

    def _show_entry(self, row: int) -> None:
        item = self.items[row] if 0 <= row < len(self.items) else None
        self.idle.stop()
        self.shown = item
        self._saved_at = None
        self.detail.setEnabled(item is not None or self.writing_new)
        self.editor.blockSignals(True)
        if self.writing_new:
            self.entry_heading.setText(_(NEW_ENTRY))
            self.entry_context.setText(_("Kept in your journal once it has a few words."))
            self.editor.setPlainText("")
        elif item is None:
            self.entry_heading.setText(_("No entry chosen") if self.items else "")
            self.entry_context.setText("")
            self.editor.setPlainText("")
        else:
            self.entry_heading.setText(heading(item))
            self.entry_context.setText(context(item))
            self.editor.setPlainText(item.text)
        self.editor.blockSignals(False)
        self.entry_context.setVisible(bool(self.entry_context.text()))
        self.written_apart.show_for(item)
        self._show_shared(item is not None and item.shared)
        self._edited()

    def unsaved(self) -> bool:
        """Whether the editor holds text the entry does not (yet)."""
        typed = self.editor.toPlainText().strip()
        if self.writing_new:
            return bool(typed)
        return self.shown is not None and typed != self.shown.text

    def _edited(self) -> None:
        dirty = self.unsaved()
        self.save_command.allow(None if dirty else _("Nothing to save: every change is saved"))
        if self.shown is None:
            self.delete_command.allow(_("Choose an entry first"))
        else:
            self.delete_command.allow(None)
        if self.sharing:
            self._allow_sharing()
        if dirty:
            self.status.show_unsaved()
            self.idle.start()
        elif self.shown is None:
            self.status.clear()
        elif self._saved_at is not None:
            self.status.show_saved(self._saved_at)
        else:
            self.status.show_unsaved(_(SAVED_AS_YOU_WRITE))

    def _save_edit(self) -> str | None:
        """Save the editor's text into its entry; returns what went wrong, if anything."""
        self.idle.stop()
        if not self.unsaved():
            return None
        if self.writing_new:
            return self._save_new()
        item = self.shown
        assert item is not None
        text, now = self.editor.toPlainText(), self.clock()
        try:
            journal.update_text(self.store, item.id, text, now)
        except StoreError as error:
            self.status.show_problem(
                _("Not saved: {problem}. Your text is still here.").format(problem=error.problem)
            )
            return _("Your edit to the journal entry of {heading}: {problem}.").format(
                heading=heading(item), problem=error.problem
            )
        self._saved(replace(item, text=text.strip(), updated_at=now), now)
        return None

    def _saved(self, item: JournalItem, now: dt.datetime | None) -> None:
        """The entry as saved (``now``; None: its text as it was) in the list and editor."""
        self.shown, self._saved_at = item, now or self._saved_at
        if self.editor.toPlainText().strip() != item.text:
            self.editor.setPlainText(item.text)  # a text written apart added to it
        entry_rows.show_changed(self.list, self.items, item, self._today())
        self._edited()

    def _save_new(self) -> str | None:
        text, now = self.editor.toPlainText(), self.clock()
        try:
            entry_id = journal.add_free_entry(self.store, text, now)
        except StoreError as error:
            self.status.show_problem(
                _("Not saved: {problem}. Your text is still here.").format(problem=error.problem)
            )
            return _("Your new journal entry: {problem}.").format(problem=error.problem)
        self.writing_new = False
        self._load(entry_id)
        if self.shown is not None and self.shown.id == entry_id:
            self._saved_at = now
            self._edited()
        return None

    def _allow_sharing(self) -> None:
        if self.shown is not None or self.unsaved():
            why_not = None
        elif self.writing_new:
            why_not = _("Write a few words first: an empty entry is not kept, so not shared")
        else:
            why_not = _("Choose an entry first")
        self.share.allow(why_not)
        self.share_box.setEnabled(why_not is None)
        self.share_box.setToolTip(self.share.toolTip())

    def _set_shared(self, shared: bool) -> None:
        """Share the entry shown, or take it back; it is saved first, so the supervisor reads
        what is on screen (a new entry is kept first, once it has words)."""
        if self._save_edit() is not None or self.shown is None:
            self._show_shared(self.shown is not None and self.shown.shared)
            return
        item = self.shown
        if not op_done(self, lambda: journal.set_shared(self.store, item.id, shared), JOURNAL):
            self._show_shared(item.shared)
            return
        self.shown = replace(item, shared=shared)
        entry_rows.show_changed(self.list, self.items, self.shown, self._today())
        self._show_shared(shared)
        announce(
            self.share_box,
            _("Shared with your supervisor.")
            if shared
            else _("No longer shared with your supervisor."),
        )

    def keep_edits(self, closing: bool) -> list[str]:
        problem = self._save_edit()
        return [problem] if problem is not None and closing else []

    def save(self) -> None:
        typing = self.editor.textCursor().position()
        problem = self._save_edit()
        if problem is not None:
            QMessageBox.warning(
                self,
                _("Imperfect Trainer"),
                _("That could not be saved.\n\n{problem}").format(problem=problem),
            )
        # Saving never takes the cursor away from the text.
        cursor = self.editor.textCursor()
        cursor.setPosition(min(typing, len(self.editor.toPlainText())))
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def delete(self) -> None:
        item = self.current()
        if item is None:
            return
        confirmed = QMessageBox.question(
            self,
            _("Delete this entry?"),
            _("Delete this journal entry? The answers it came from stay in your history.")
            if item.kind != journal.FREE_ENTRY
            else _("Delete this journal entry?"),
        )
        if confirmed != QMessageBox.StandardButton.Yes:
            return
        if op_done(self, lambda: journal.delete_entry(self.store, item.id), JOURNAL):
            self.shown = None  # its edit, if any, went with it
            self.refresh()
