"""My practice goals: up to three, each with the seed's check — healthy striving or a standard
that is never good enough, and whether it has been talked through in supervision.

A goal is saved when the person pauses, leaves the screen or closes the window (or presses
Save); the line beside Save says which it is. Unsaved goals survive everything else on the
screen (saving or removing another goal, coming back later); closing asks before losing one
that cannot be saved yet (no words, or the collection refused it).

On a programme's server, each goal has a "Share with my supervisor" tick, saved at once (a goal
not saved yet is saved first): Ctrl+H ticks or unticks the goal being written in, and the
Goals menu lists which goals are shared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from imperfect_trainer.deck.features import goals
from imperfect_trainer.deck.features.goals import Goal
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync.texts_apart import TextApart
from imperfect_trainer.translation import _
from imperfect_trainer.ui.common.announce import announce
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.language import day_words
from imperfect_trainer.ui.common.operations import GOALS, op_done, run_op
from imperfect_trainer.ui.goals.goal_editor import GoalDraft, GoalEditor
from imperfect_trainer.ui.goals.goals_layout import GoalsLayout


class GoalsScreen(GoalsLayout):
    revisited = Signal()

    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.clock = clock
        self.add.triggered.connect(self.add_goal)
        self.save_all.triggered.connect(self.save_everything)
        self.looked.triggered.connect(self.mark_looked)
        self.share.triggered.connect(self.toggle_share)
        self.idle.timeout.connect(self._save_all)

    def refresh(self) -> None:
        """Show the saved goals, with any unsaved edits still on them."""
        found = run_op(
            self, lambda: (goals.list_goals(self.store), goals.written_apart(self.store))
        )
        if found is None:
            return
        saved, apart = found
        drafts = [(editor.goal_id, editor.draft()) for editor in self.editors if editor.dirty()]
        while self.editors:
            self._drop(self.editors[-1])
        edited = dict(drafts)
        for goal in saved:
            editor = self._add_editor(goal)
            editor.written_apart.show_texts(apart.get(goal.id, ()))
            if goal.id in edited:
                editor.apply(edited[goal.id])
        ids = {goal.id for goal in saved}
        # New goals not saved yet, or whose saved goal has gone (a restore): kept as new ones,
        # even past three (a sync may have brought goals from another computer meanwhile).
        for goal_id, draft in drafts:
            if goal_id is None or goal_id not in ids:
                self._add_editor(None).apply(draft)
        if not self.editors:
            self._add_editor(None)
        self._show_last_look(saved)

    def _show_last_look(self, saved: list[Goal]) -> None:
        if saved:
            oldest = min(goal.revisited_day for goal in saved)
            today = self.store.practice_day(self.clock())
            said = day_words(oldest, today)
            self.last_look.setText(
                _("Last looked at {said}.").format(said=said)
                if oldest >= today - dt.timedelta(days=1)
                else _("Last looked at on {said}.").format(said=said)
            )
        else:
            self.last_look.setText("")
        self.too_many.setVisible(len(saved) > goals.MAX_GOALS)
        self.too_many.setText(
            _(
                "Your computers brought {count} goals together. Three are plenty: keep the "
                "ones that matter most and remove the others when you are ready. Nothing is "
                "removed for you."
            ).format(count=len(saved))
        )
        self.looked_button.setVisible(bool(saved))
        self.looked.setVisible(bool(saved))
        self._update_add()

    def _add_editor(self, goal: Goal | None) -> GoalEditor:
        editor = GoalEditor(len(self.editors) + 1, goal, self.store, sharing=self.sharing)
        editor.written_apart.add = lambda other: self.add_apart(editor, other)
        editor.save_button.clicked.connect(lambda: self.save(editor))
        editor.share_requested.connect(lambda shared: self.set_shared(editor, shared))
        editor.remove_button.clicked.connect(lambda: self.remove(editor))
        editor.changed.connect(self._edited)
        self.editors.append(editor)
        self.list.addWidget(editor)
        return editor

    def _drop(self, editor: GoalEditor) -> None:
        self.editors.remove(editor)
        editor.hide()
        self.list.removeWidget(editor)
        editor.deleteLater()

    def _editor_in_focus(self) -> GoalEditor | None:
        focus = self.focusWidget()
        held = [e for e in self.editors if focus is not None and e.isAncestorOf(focus)]
        return held[0] if held else (self.editors[0] if self.editors else None)

    def toggle_share(self) -> None:
        editor = self._editor_in_focus()
        if editor is not None:
            editor.share_box.toggle()

    def set_shared(self, editor: GoalEditor, shared: bool) -> None:
        """Share a goal with the supervisor, or take it back; a goal not saved yet (or with
        edits) is saved first, so the supervisor reads what is on screen."""
        if (editor.goal_id is None or editor.dirty()) and self._save(editor) is not None:
            editor.show_shared(bool(editor.saved and editor.saved.shared))
            return
        saved = editor.saved
        assert saved is not None
        if not op_done(self, lambda: goals.set_shared(self.store, saved.id, shared), GOALS):
            editor.show_shared(saved.shared)
            return
        editor.saved = replace(saved, shared=shared)
        editor.show_shared(shared)
        announce(
            editor.share_box,
            _("Goal {number} shared with your supervisor.").format(number=editor.number)
            if shared
            else _("Goal {number} no longer shared with your supervisor.").format(
                number=editor.number
            ),
        )

    def _update_add(self) -> None:
        full = len(self.editors) >= goals.MAX_GOALS
        self.add.allow(_("Three goals are plenty: remove one to write another") if full else None)

    def save_everything(self) -> None:
        """Save every goal now (Ctrl+S), keeping the cursor where it was."""
        focus = self.focusWidget()
        self._save_all()
        if focus is not None:
            focus.setFocus()

    def _edited(self) -> None:
        if any(editor.dirty() for editor in self.editors):
            self.idle.start()

    def add_goal(self) -> None:
        if len(self.editors) < goals.MAX_GOALS:
            self._add_editor(None).text.setFocus()
            self._update_add()

    def save(self, editor: GoalEditor) -> None:
        if self._save(editor) is not None and not editor.draft().text.strip():
            editor.text.setFocus()

    def _save(self, editor: GoalEditor) -> str | None:
        """Save one goal as it stands; returns what went wrong, if anything (also shown)."""
        draft = editor.draft()
        problem = goals.text_problem(draft.text)
        if problem is None:
            problem = self._write(editor, draft)
        if problem is not None:
            editor.status.show_problem(
                _("Not saved: {problem}. It is still here.").format(problem=problem)
            )
            return _("Goal {number}: {problem}.").format(number=editor.number, problem=problem)
        return None

    def _write(self, editor: GoalEditor, draft: GoalDraft) -> str | None:
        now, goal_id = self.clock(), editor.goal_id
        try:
            if goal_id is None:
                goal_id = goals.add_goal(
                    self.store,
                    draft.text,
                    now,
                    striving=draft.striving,
                    discussed_in_supervision=draft.discussed,
                    note=draft.note,
                )
            else:
                goals.update_goal(
                    self.store,
                    goal_id,
                    draft.text,
                    now,
                    striving=draft.striving,
                    discussed_in_supervision=draft.discussed,
                    note=draft.note,
                )
            saved = goals.list_goals(self.store)
        except goals.TooManyGoalsError:
            return _("three goals are plenty: remove one, then this one saves")
        except StoreError as error:
            return error.problem
        self._saved(editor, next(goal for goal in saved if goal.id == goal_id), now, saved)
        return None

    def _saved(self, editor: GoalEditor, goal: Goal, now: dt.datetime, saved: list[Goal]) -> None:
        editor.mark_saved(goal, now)
        self._show_last_look(saved)
        self.revisited.emit()

    def add_apart(self, editor: GoalEditor, other: TextApart) -> bool:
        """A text written apart added to the end of the goal's text (or of its note), the goal
        as on screen saved first; True once added."""
        if (editor.dirty() and self._save(editor) is not None) or editor.too_long_with(other):
            return False
        goal = editor.saved
        assert goal is not None  # only a saved goal has texts written apart
        now = self.clock()
        saved = run_op(self, lambda: goals.add_text_apart(self.store, goal.id, other.key, now))
        added = next((one for one in saved or () if one.id == goal.id), None)
        if saved is None or added is None:
            return False
        editor.apply(GoalDraft.of(added))
        self._saved(editor, added, now, saved)
        return True

    def _save_all(self) -> list[str]:
        """Save every edited goal that can be; returns why the others could not."""
        self.idle.stop()
        problems = []
        for editor in list(self.editors):
            if not editor.dirty():
                continue
            if not editor.draft().text.strip():
                problems.append(
                    _("Goal {number} has no words yet, so it cannot be kept.").format(
                        number=editor.number
                    )
                )
                continue
            problem = self._save(editor)
            if problem is not None:
                problems.append(problem)
        return problems

    def keep_edits(self, closing: bool) -> list[str]:
        problems = self._save_all()
        # Leaving the screen keeps the rest on it; only closing would lose them.
        return problems if closing else []

    def remove(self, editor: GoalEditor) -> None:
        goal_id = editor.goal_id
        if goal_id is not None or editor.dirty():
            confirmed = QMessageBox.question(
                self,
                _("Remove this goal?"),
                _("Remove this goal? Letting a goal go can be part of healthy striving too."),
            )
            if confirmed != QMessageBox.StandardButton.Yes:
                return
        if goal_id is not None and not op_done(
            self, lambda: goals.delete_goal(self.store, goal_id), GOALS
        ):
            return
        self._drop(editor)
        self.refresh()
        self.revisited.emit()

    def mark_looked(self) -> None:
        now = self.clock()
        if op_done(self, lambda: goals.mark_revisited(self.store, now), GOALS):
            self.refresh()
            self.revisited.emit()
