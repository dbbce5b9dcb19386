"""My practice goals: up to three, each with the seed's check — healthy striving or a standard
that is never good enough, and whether it has been talked through in supervision."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck import goals
from imperfect_trainer.deck.goals import Goal, Striving
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui import widgets
from imperfect_trainer.ui.clock import Clock
from imperfect_trainer.ui.guard import attempt, guarded
from imperfect_trainer.ui.page_scroll import scroll_page

INTRO = (
    "High standards are not the enemy. Write up to three goals for your own practice and check "
    "each one honestly: is it healthy striving toward your potential, or a standard that is "
    "never good enough? Talk it through with your supervisor, so you are on the same page."
)
_NOT_YET = 0
_YES = 1


def response(striving: Striving | None, discussed: bool | None) -> str:
    """A word back on the check, never a verdict."""
    if striving is Striving.NEVER_ENOUGH:
        line = "Worth taking to supervision: the aim may be adjusted rather than abandoned."
    elif striving is Striving.UNSURE:
        line = "Not knowing yet is fine; talking it through usually makes it clearer."
    elif striving is Striving.HEALTHY:
        line = "Good. Keep an eye out, together, for signs it turns into a never-enough treadmill."
    else:
        return ""
    if discussed is False:
        line += " Perhaps bring it to your next supervision."
    return line


class GoalEditor(QWidget):
    """One goal and its check, saved with its own button."""

    changed = Signal()

    def __init__(self, number: int, goal: Goal | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.goal_id = goal.id if goal else None
        panel = widgets.frame("panel")
        self.heading = widgets.label(f"Goal {number}", role="heading")
        self.text = QPlainTextEdit(goal.text if goal else "")
        self.text.setAccessibleName(f"Goal {number}")
        self.text.setPlaceholderText("e.g. Let a session go off-plan when my client needs it")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(64)
        self.striving = QButtonGroup(self)
        striving_row = QVBoxLayout()
        striving_row.setSpacing(4)
        for index, choice in enumerate(Striving):
            radio = QRadioButton(choice.label)
            radio.setAccessibleName(choice.label)
            self.striving.addButton(radio, index)
            striving_row.addWidget(radio)
            if goal and goal.striving is choice:
                radio.setChecked(True)
        self.discussed = QButtonGroup(self)
        discussed_row = QHBoxLayout()
        for value, label in ((_YES, "Yes"), (_NOT_YET, "Not yet")):
            radio = QRadioButton(label)
            radio.setAccessibleName(f"Talked through with my supervisor: {label}")
            self.discussed.addButton(radio, value)
            discussed_row.addWidget(radio)
            if goal and goal.discussed_in_supervision is not None:
                radio.setChecked(goal.discussed_in_supervision == bool(value))
        discussed_row.addStretch(1)
        self.note = QLineEdit(goal.note if goal else "")
        self.note.setAccessibleName(f"Note on goal {number}")
        self.note.setPlaceholderText("A note, e.g. what “good enough” would look like (optional)")
        self.reply = widgets.label(role="hint", wrap=True)
        self.save_button = widgets.button("Save goal")
        self.remove_button = widgets.button("Remove…")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)

        inner = QVBoxLayout(panel)
        inner.setContentsMargins(20, 16, 20, 16)
        inner.setSpacing(8)
        inner.addWidget(self.heading)
        inner.addWidget(self.text)
        inner.addWidget(
            widgets.label(
                "Is this healthy striving toward my potential, or a standard that is never "
                "good enough?",
                wrap=True,
            )
        )
        inner.addLayout(striving_row)
        inner.addWidget(widgets.label("Have I talked it through with my supervisor?", wrap=True))
        inner.addLayout(discussed_row)
        inner.addWidget(self.note)
        inner.addWidget(self.reply)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(panel)

        self.striving.idToggled.connect(self._update_reply)
        self.discussed.idToggled.connect(self._update_reply)
        self._update_reply()

    def chosen_striving(self) -> Striving | None:
        index = self.striving.checkedId()
        return list(Striving)[index] if index >= 0 else None

    def chosen_discussed(self) -> bool | None:
        value = self.discussed.checkedId()
        return None if value < 0 else value == _YES

    def _update_reply(self) -> None:
        text = response(self.chosen_striving(), self.chosen_discussed())
        self.reply.setText(text)
        self.reply.setVisible(bool(text))


class GoalsScreen(QWidget):
    revisited = Signal()

    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.editors: list[GoalEditor] = []

        self.title = widgets.label("My practice goals", role="title")
        self.intro = widgets.label(INTRO, role="lead", wrap=True)
        self.last_look = widgets.label(role="muted", wrap=True)
        self.add_button = widgets.button("Add a goal")
        self.looked_button = widgets.button("I’ve looked at them")
        self.looked_button.setToolTip("Keep them as they are; the monthly reminder rests again")
        self.add_button.clicked.connect(self.add_goal)
        self.looked_button.clicked.connect(self.mark_looked)
        self.list = QVBoxLayout()
        self.list.setSpacing(14)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.setSpacing(14)
        inner.addWidget(self.intro)
        # The monthly look and adding a goal sit above the goals, where they are seen first.
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.looked_button)
        row.addSpacing(12)
        row.addWidget(self.last_look, 1)
        inner.addLayout(row)
        inner.addLayout(self.list)
        inner.addStretch(1)
        scroll = scroll_page(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 24, 12)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)

    def refresh(self) -> None:
        saved = guarded(self, lambda: goals.list_goals(self.store))
        if saved is None:
            return
        while self.editors:
            old = self.editors.pop()
            old.hide()
            self.list.removeWidget(old)
            old.deleteLater()
        for goal in saved:
            self._add_editor(goal)
        if not saved:
            self._add_editor(None)
        if saved:
            oldest = min(goal.revisited_day for goal in saved)
            self.last_look.setText(f"Last looked at on {oldest.day} {oldest:%B %Y}.")
        else:
            self.last_look.setText("")
        self.looked_button.setVisible(bool(saved))
        self._update_add()

    def _add_editor(self, goal: Goal | None) -> GoalEditor:
        editor = GoalEditor(len(self.editors) + 1, goal)
        editor.save_button.clicked.connect(lambda: self.save(editor))
        editor.remove_button.clicked.connect(lambda: self.remove(editor))
        self.editors.append(editor)
        self.list.addWidget(editor)
        return editor

    def _update_add(self) -> None:
        self.add_button.setEnabled(len(self.editors) < goals.MAX_GOALS)
        self.add_button.setToolTip(
            "" if len(self.editors) < goals.MAX_GOALS else "Three goals are plenty"
        )

    def add_goal(self) -> None:
        if len(self.editors) < goals.MAX_GOALS:
            self._add_editor(None).text.setFocus()
            self._update_add()

    def save(self, editor: GoalEditor) -> None:
        text = editor.text.toPlainText()
        if not text.strip():
            editor.reply.setText("Write the goal in a few words first.")
            editor.reply.show()
            editor.text.setFocus()
            return
        striving, discussed = editor.chosen_striving(), editor.chosen_discussed()
        note, now = editor.note.text(), self.clock()
        goal_id = editor.goal_id
        if goal_id is None:
            saved = attempt(
                self,
                lambda: goals.add_goal(
                    self.store,
                    text,
                    now,
                    striving=striving,
                    discussed_in_supervision=discussed,
                    note=note,
                ),
            )
        else:
            saved = attempt(
                self,
                lambda: goals.update_goal(
                    self.store,
                    goal_id,
                    text,
                    now,
                    striving=striving,
                    discussed_in_supervision=discussed,
                    note=note,
                ),
            )
        if saved:
            self.refresh()
            self.revisited.emit()

    def remove(self, editor: GoalEditor) -> None:
        goal_id = editor.goal_id
        if goal_id is not None:
            confirmed = QMessageBox.question(
                self,
                "Remove this goal?",
                "Remove this goal? Letting a goal go can be part of healthy striving too.",
            )
            if confirmed != QMessageBox.StandardButton.Yes:
                return
            if not attempt(self, lambda: goals.delete_goal(self.store, goal_id)):
                return
        self.refresh()
        self.revisited.emit()

    def mark_looked(self) -> None:
        now = self.clock()
        if attempt(self, lambda: goals.mark_revisited(self.store, now)):
            self.refresh()
            self.revisited.emit()
