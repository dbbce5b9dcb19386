"""Dialogs for one card: writing or editing an own card, and a personal note on a built-in one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.features import own_cards
from imperfect_trainer.deck.features.own_cards import OwnCardDraft
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync.texts_apart import TextApart
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.deck_words import deck_word
from imperfect_trainer.ui.common.operations import Changes, op_done, run_op
from imperfect_trainer.ui.common.page_scroll import scroll_page
from imperfect_trainer.ui.common.texts_apart import TextsApart, Wording

_FRONT_HINTS = {
    CardKind.REFRAME: N_(
        "The inner critic’s words, e.g. “A good therapist would have fixed that.”"
    ),
    CardKind.REALITY: N_("A belief to check against reality"),
    CardKind.SIGN: N_("A sign that perfectionism is at work"),
    CardKind.PRACTICE: N_("A situation to practise responding to"),
    CardKind.REFLECTION: N_("A question to answer in writing"),
    CardKind.FACT: N_("Something to remember"),
    CardKind.DISCERN: N_("A goal or standard: healthy striving, or never good enough?"),
}


APART = Wording(
    N_("Add it to this card"),
    N_("Add this text to the end of the side it was written on, and save the card"),
    N_(
        "Written on this computer while apart; the card now holds the later text from another "
        "computer:"
    ),
    {"front": N_("Written on the front:"), "back": N_("Written on the back:")},
)


class OwnCardDialog(QDialog):
    """Write a new own card, or edit one (``card_id``). Saving checks it first."""

    def __init__(
        self, store: Store, clock: Clock, parent: QWidget | None = None, card_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.card_id = card_id
        self.setWindowTitle(_("Edit your card") if card_id else _("Add your own card"))

        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Kind of card"))
        for kind in CardKind:
            self.kind.addItem(deck_word(kind.label), kind.value)
        self.front = widgets.text_box(_("Front"), "", 3)
        self.back = widgets.text_box(
            _("Back"), _("The reframe, answer or guidance you want to see"), 4
        )
        self.tags = QLineEdit()
        self.tags.setAccessibleName(_("Tags"))
        self.tags.setPlaceholderText(_("e.g. rumination, late-client (optional)"))
        self.section = QLineEdit(own_cards.OWN_SECTION)
        self.section.setAccessibleName(_("Section"))
        self.problem = widgets.label(role="notice", wrap=True)
        self.problem.setAccessibleName(_("What needs a change before saving"))
        self.problem.hide()
        # The front or back as written on another computer while apart (an own card edited).
        self.written_apart = TextsApart(store, APART)
        self.written_apart.add = self._add_apart
        self.added = widgets.label(role="muted", wrap=True)
        self.added.hide()
        privacy = widgets.label(
            _("Your cards stay on this computer. Leave out client names and identifying details."),
            role="muted",
            wrap=True,
        )

        form = QFormLayout()
        form.setSpacing(10)
        # At a large text size the labels go above their fields rather than squeezing them.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Front"), self.front)
        form.addRow(_("Back"), self.back)
        form.addRow(_("Tags"), self.tags)
        form.addRow(_("Section"), self.section)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(_("Save card"))

        # The fields scroll when a text written apart makes them taller than the screen has
        # room for (800x600 at the largest text size); Save and Cancel stay in view.
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.setSpacing(12)
        # First, so it is seen on opening even at the largest text size.
        fields_layout.addWidget(self.written_apart)
        fields_layout.addWidget(self.added)
        fields_layout.addLayout(form)
        fields_layout.addWidget(self.problem)
        fields_layout.addWidget(privacy)
        fields_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        self.fields_area = scroll_page(fields)
        layout.addWidget(self.fields_area, 1)
        layout.addWidget(buttons)

        self.kind.currentIndexChanged.connect(self._update_hint)
        if card_id is not None:
            self._load(card_id)
        self._update_hint()
        widgets.save_on_ctrl_enter(self, self.save)
        self.front.setFocus()
        widgets.fit_to_text(self, 56)

    def _load(self, card_id: str) -> None:
        draft = own_cards.own_card_draft(self.store, card_id)
        self.kind.setCurrentIndex(self.kind.findData(draft.kind.value))
        self.front.setPlainText(draft.front)
        self.back.setPlainText(draft.back)
        self.tags.setText(draft.tags)
        self.section.setText(draft.section)
        self.written_apart.show_texts(own_cards.written_apart(self.store, card_id))

    def _update_hint(self) -> None:
        self.front.setPlaceholderText(_(_FRONT_HINTS[CardKind(self.kind.currentData())]))

    def draft(self) -> OwnCardDraft:
        return OwnCardDraft(
            kind=CardKind(self.kind.currentData()),
            front=self.front.toPlainText(),
            back=self.back.toPlainText(),
            tags=self.tags.text(),
            section=self.section.text(),
        )

    def _refused(self, draft: OwnCardDraft) -> bool:
        """Whether the draft cannot be saved yet; if so, why is shown, at the field to change."""
        found = own_cards.problems(self.store, draft, editing=self.card_id)
        if not found:
            return False
        self.problem.setText(found[0].message)
        self.problem.show()
        self.adjustSize()
        fields: dict[str, QWidget] = {
            "front": self.front,
            "back": self.back,
            "tags": self.tags,
            "section": self.section,
        }
        fields[found[0].field].setFocus()
        return True

    def _add_apart(self, other: TextApart) -> bool:
        """The text added to the end of the field it was written in, and the card saved as the
        dialog holds it (it stays open: the person sees what was added)."""
        card_id = self.card_id
        assert card_id is not None  # only a card being edited has texts written apart
        draft = own_cards.with_text_apart(self.draft(), other)
        box = self.front if other.field == "front" else self.back
        if box.toPlainText() != getattr(draft, other.field):
            box.setPlainText(getattr(draft, other.field))
        if self._refused(draft):
            return False
        now = self.clock()
        if not op_done(
            self,
            lambda: own_cards.add_text_apart(self.store, card_id, draft, other.key, now),
            Changes.of_cards([card_id]),
        ):
            return False
        self.problem.hide()
        self.added.setText(
            _("Added to the front and saved.")
            if other.field == "front"
            else _("Added to the back and saved.")
        )
        self.added.show()
        self.fields_area.ensureWidgetVisible(box)
        return True

    def save(self) -> None:
        draft = self.draft()
        if self._refused(draft):
            return
        now = self.clock()
        card_id = self.card_id
        if card_id is None:
            saved = run_op(
                self,
                lambda: own_cards.add_own_card(self.store, draft, now),
                lambda card_id: Changes.of_cards([card_id]),
            )
            if saved is None:
                return
            self.card_id = saved
        elif not op_done(
            self,
            lambda: own_cards.update_own_card(self.store, card_id, draft, now),
            Changes.of_cards([card_id]),
        ):
            return
        self.accept()
