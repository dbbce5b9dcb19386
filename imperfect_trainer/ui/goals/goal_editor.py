"""One goal on the goals screen and its check: typed text kept to the goal's limit (with the
reason shown), a quiet word back on the check that never moves the Save button, and a line
beside Save that says whether the goal is saved. On a programme's server, a "Share with my
supervisor" tick too, which the goals screen saves at once."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features import goals
from imperfect_trainer.deck.features.goals import Goal, Striving
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import texts_apart
from imperfect_trainer.deck.sync.texts_apart import TextApart
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.choices import wrapped
from imperfect_trainer.ui.common.deck_words import deck_word
from imperfect_trainer.ui.common.edits import SaveStatus
from imperfect_trainer.ui.common.reflow import FlowRow
from imperfect_trainer.ui.common.texts_apart import TextsApart, Wording

TOO_LONG = N_("A goal fits {count} characters; the rest was left out.")
TOO_LONG_TOGETHER = N_(
    "Not added: together they are longer than a goal fits ({count} characters). Copy the "
    "words you want into your goal, then choose “Done with it”."
)
NEEDS_WORDS = N_("Write the goal in a few words, and it will be kept.")
SAVED_AS_YOU_WRITE = N_("Your changes are saved as you write.")
APART = Wording(
    N_("Add it to this goal"),
    N_("Add this text to the end of your goal, or of its note if it was written there"),
    N_(
        "Written on this computer while apart; the goal now holds the later text from another "
        "computer:"
    ),
    {"note": N_("Written as the goal’s note:")},
)
_NOT_YET = 0
_YES = 1


def response(striving: Striving | None, discussed: bool | None) -> str:
    """A word back on the check, never a verdict, and never a suggestion already taken up."""
    talked = discussed is True
    if striving is Striving.NEVER_ENOUGH:
        if talked:
            return _("You have talked it through: the aim can be adjusted together, not abandoned.")
        return _("Worth taking to supervision: the aim may be adjusted rather than abandoned.")
    if striving is Striving.UNSURE:
        if talked:
            return _("Not knowing yet is fine; it often gets clearer as you keep looking at it.")
        return _("Not knowing yet is fine; talking it through usually makes it clearer.")
    if striving is Striving.HEALTHY:
        line = _(
            "Good. Keep an eye out, together, for signs it turns into a never-enough treadmill."
        )
        if discussed is False:
            line += " " + _("Perhaps bring it to your next supervision.")
        return line
    return ""


# The room kept below the check for the word back, so nothing below it moves when it appears.
def _longest_response() -> str:
    return max(
        (response(s, d) for s, d in itertools.product(Striving, (None, True, False))), key=len
    )


@dataclass(frozen=True, slots=True)
class GoalDraft:
    """A goal as it stands on screen, saved or not."""

    text: str
    striving: Striving | None
    discussed: bool | None
    note: str

    def normalised(self) -> GoalDraft:
        return GoalDraft(self.text.strip(), self.striving, self.discussed, self.note.strip())

    @staticmethod
    def of(goal: Goal | None) -> GoalDraft:
        if goal is None:
            return GoalDraft("", None, None, "")
        return GoalDraft(goal.text, goal.striving, goal.discussed_in_supervision, goal.note)


class GoalEditor(QWidget):
    """One goal and its check."""

    # Anything typed or chosen.
    changed = Signal()
    # The share tick, ticked (True) or unticked by the person: for the screen to save.
    share_requested = Signal(bool)

    def __init__(
        self,
        number: int,
        goal: Goal | None,
        store: Store,
        parent: QWidget | None = None,
        *,
        sharing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.number = number
        self.saved = goal
        self._saved_at: dt.datetime | None = None
        panel = widgets.frame("panel")
        self.heading = widgets.label(_("Goal {number}").format(number=number), role="heading")
        self.text = QPlainTextEdit(goal.text if goal else "")
        self.text.setAccessibleName(_("Goal {number}").format(number=number))
        self.text.setPlaceholderText(_("e.g. Let a session go off-plan when my client needs it"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 2 + 20)
        self.too_long = widgets.label(
            _(TOO_LONG).format(count=goals.MAX_GOAL_TEXT), role="problem", wrap=True
        )
        self.too_long.hide()
        # Its text or note as written on another computer while apart, for the screen to add.
        self.written_apart = TextsApart(store, APART)
        self.striving = QButtonGroup(self)
        striving_row = QVBoxLayout()
        striving_row.setSpacing(4)
        for index, choice in enumerate(Striving):
            place, radio = wrapped(deck_word(choice.label), QRadioButton())
            self.striving.addButton(radio, index)
            striving_row.addWidget(place)
        self.discussed = QButtonGroup(self)
        discussed_row = QHBoxLayout()
        for value, label in ((_YES, _("Yes")), (_NOT_YET, _("Not yet"))):
            radio = QRadioButton(label)
            radio.setAccessibleName(
                _("Talked through with my supervisor: {label}").format(label=label)
            )
            self.discussed.addButton(radio, value)
            discussed_row.addWidget(radio)
        discussed_row.addStretch(1)
        self.reply = widgets.label(role="aside", wrap=True)
        self.reply.setAccessibleName(_("A word back on your check"))
        self.note = QLineEdit(goal.note if goal else "")
        self.note.setAccessibleName(_("Note on goal {number}").format(number=number))
        self.note.setPlaceholderText(
            _("A note, e.g. what “good enough” would look like (optional)")
        )
        self.share_place, self.share_box = wrapped(
            _("Share this goal and its check with my supervisor"), QCheckBox()
        )
        self.share_box.setAccessibleName(
            _("Share goal {number} with my supervisor").format(number=number)
        )
        self.share_box.setToolTip(
            _("Your supervisor sees the goal, its check and its note while this is ticked (Ctrl+H)")
        )
        self.share_box.setChecked(bool(goal and goal.shared))
        self.share_box.toggled.connect(self.share_requested)
        if not sharing:
            self.share_place.hide()
        self.save_button = widgets.button(_("Save goal"))
        self.save_button.setToolTip(_("Save this goal now; it also saves when you pause (Ctrl+S)"))
        self.status = SaveStatus()
        self.status.setMinimumWidth(self.status.fontMetrics().averageCharWidth() * 16)
        self.remove_button = widgets.button(_("Remove…"))
        self.remove_button.setToolTip(_("Remove goal {number}").format(number=number))
        buttons = FlowRow(spacing=14)
        buttons.add(self.save_button, self.status, self.remove_button, grow=self.status)

        inner = QVBoxLayout(panel)
        inner.setContentsMargins(20, 16, 20, 16)
        inner.setSpacing(8)
        inner.addWidget(self.heading)
        inner.addWidget(self.text)
        inner.addWidget(self.too_long)
        inner.addWidget(self.written_apart)
        inner.addWidget(
            widgets.label(
                _(
                    "Is this healthy striving toward my potential, or a standard that is never "
                    "good enough?"
                ),
                wrap=True,
            )
        )
        inner.addLayout(striving_row)
        inner.addWidget(widgets.label(_("Have I talked it through with my supervisor?"), wrap=True))
        inner.addLayout(discussed_row)
        inner.addLayout(self._reply_room())
        inner.addWidget(self.note)
        inner.addWidget(self.share_place)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(panel)

        self.apply(GoalDraft.of(goal))
        self.text.textChanged.connect(self._limit_text)
        self.text.textChanged.connect(self._edited)
        self.note.textChanged.connect(self._edited)
        self.striving.idToggled.connect(self._edited)
        self.discussed.idToggled.connect(self._edited)
        self._edited()

    def _reply_room(self) -> QGridLayout:
        """The word back, over a hidden twin holding the longest one: the room never changes."""
        room = widgets.label(_longest_response(), role="aside", wrap=True)
        for label in (room, self.reply):
            policy = label.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            label.setSizePolicy(policy)
        room.hide()
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(room, 0, 0)
        grid.addWidget(self.reply, 0, 0)
        return grid

    @property
    def goal_id(self) -> int | None:
        return self.saved.id if self.saved else None

    def chosen_striving(self) -> Striving | None:
        index = self.striving.checkedId()
        return list(Striving)[index] if index >= 0 else None

    def chosen_discussed(self) -> bool | None:
        value = self.discussed.checkedId()
        return None if value < 0 else value == _YES

    def draft(self) -> GoalDraft:
        return GoalDraft(
            self.text.toPlainText(),
            self.chosen_striving(),
            self.chosen_discussed(),
            self.note.text(),
        )

    def apply(self, draft: GoalDraft) -> None:
        """Show ``draft`` (a goal as saved, or edits carried over from before a refresh)."""
        if self.text.toPlainText() != draft.text:
            self.text.setPlainText(draft.text)
        self.note.setText(draft.note)
        striving = -1 if draft.striving is None else list(Striving).index(draft.striving)
        discussed = -1 if draft.discussed is None else (_YES if draft.discussed else _NOT_YET)
        for group, chosen in ((self.striving, striving), (self.discussed, discussed)):
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(group.id(button) == chosen)
            group.setExclusive(True)

    def dirty(self) -> bool:
        """Whether the screen holds something the saved goal does not."""
        return self.draft().normalised() != GoalDraft.of(self.saved).normalised()

    def show_shared(self, shared: bool) -> None:
        """Show the tick as saved, without asking to share anything."""
        self.share_box.blockSignals(True)
        self.share_box.setChecked(shared)
        self.share_box.blockSignals(False)

    def too_long_with(self, other: TextApart) -> bool:
        """Whether the saved goal would be too long with ``other`` added; if so, says so."""
        goal = self.saved
        if goal is None or other.field == "note":
            return False
        if goals.text_problem(texts_apart.appended(goal.text, other.text)) is None:
            return False
        self.status.show_problem(_(TOO_LONG_TOGETHER).format(count=goals.MAX_GOAL_TEXT))
        return True

    def mark_saved(self, goal: Goal, when: dt.datetime) -> None:
        self.saved, self._saved_at = goal, when
        self._edited()

    def _edited(self) -> None:
        self.reply.setText(response(self.chosen_striving(), self.chosen_discussed()))
        self.reply.setVisible(bool(self.reply.text()))
        dirty = self.dirty()
        self.save_button.setEnabled(dirty)
        if not dirty and self._saved_at is not None:
            self.status.show_saved(self._saved_at)
        elif not dirty:
            self.status.show_unsaved(_(SAVED_AS_YOU_WRITE) if self.saved else "")
        elif goals.text_problem(self.text.toPlainText()) is None:
            self.status.show_unsaved()
        else:
            self.status.show_unsaved(_(NEEDS_WORDS))
        self.changed.emit()

    def _limit_text(self) -> None:
        """Refuse what goes past the limit (typed or pasted), where it was put, and say so."""
        text = self.text.toPlainText()
        excess = len(text) - goals.MAX_GOAL_TEXT
        self.too_long.setVisible(excess >= 0)
        if excess <= 0:
            return
        cursor = self.text.textCursor()
        # Qt counts positions in UTF-16 units, Python in characters.
        before = _characters_in(text, cursor.position())
        # What was just typed or pasted ends at the cursor; text set all at once ends the goal.
        start = before - excess if before >= excess else goals.MAX_GOAL_TEXT
        cursor.setPosition(_utf16_length(text[:start]))
        cursor.setPosition(_utf16_length(text[: start + excess]), QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self.text.setTextCursor(cursor)


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _characters_in(text: str, utf16_position: int) -> int:
    return len(text.encode("utf-16-le")[: 2 * utf16_position].decode("utf-16-le", "ignore"))
