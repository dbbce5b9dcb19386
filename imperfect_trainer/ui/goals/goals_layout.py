"""The goals page's parts and where they sit: what goals are for, the monthly look, Add a goal,
and the goals one under another; the menu of goals shared on a programme's server. What they do
is ``goals_screen``."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QVBoxLayout, QWidget

from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.commands import Command
from imperfect_trainer.ui.common.edits import AUTOSAVE_MS
from imperfect_trainer.ui.common.page_scroll import scroll_page
from imperfect_trainer.ui.common.reflow import FlowRow
from imperfect_trainer.ui.goals.goal_editor import GoalEditor

INTRO = N_(
    "High standards are not the enemy. Write up to three goals for your own practice and check "
    "each one honestly: is it healthy striving toward your potential, or a standard that is "
    "never good enough? Talk it through with your supervisor, so you are on the same page."
)
SHARING_NOTE = N_(
    "Your supervisor sees a goal, its check and its note only while you tick “Share this "
    "goal and its check with my supervisor”; untick it to take it back."
)


class GoalsLayout(QWidget):
    """The goals page's widgets and commands, laid out; they do nothing yet."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.editors: list[GoalEditor] = []
        # Sharing is for a programme's server: local goals never leave the computer.
        self.sharing = store.on_server

        self.title = widgets.label(_("My practice goals"), role="title", wrap=True)
        self.intro = widgets.label(_(INTRO), role="lead", wrap=True)
        self.last_look = widgets.label(role="muted", wrap=True)
        # More than three goals, brought together by a sync from computers used apart.
        self.too_many = widgets.label(role="muted", wrap=True)
        self.too_many.setVisible(False)
        self.add = Command(
            _("&Add a goal"),
            _("Write another goal (up to three)"),
            self,
            keys=_("Ctrl+N"),
        )
        self.save_all = Command(
            _("&Save every goal"),
            _("Save the goals now; they also save when you pause"),
            self,
            keys=_("Ctrl+S"),
        )
        self.looked = Command(
            _("I’ve &looked at them"),
            _("Keep them as they are; the monthly reminder rests again"),
            self,
            keys=_("Ctrl+L"),
        )
        self.commands: list[QAction] = [self.add, self.save_all, self.looked]
        self.share = Command(
            _("Share t&his goal with my supervisor"),
            _("Tick or untick sharing for the goal you are writing in (the first, if none)"),
            self,
            keys=_("Ctrl+H"),
        )
        if self.sharing:
            self.commands.append(self.share)
        else:
            self.share.setEnabled(False)
            self.share.setVisible(False)
        self.add_button = self.add.button()
        self.looked_button = self.looked.button()
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(AUTOSAVE_MS)
        self.list = QVBoxLayout()
        self.list.setSpacing(14)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.setSpacing(14)
        inner.addWidget(self.intro)
        if self.sharing:
            inner.addWidget(widgets.label(_(SHARING_NOTE), role="muted", wrap=True))
        # The monthly look and adding a goal sit above the goals, where they are seen first.
        row = FlowRow(spacing=12)
        row.add(self.add_button, self.looked_button)
        inner.addLayout(row)
        inner.addWidget(self.last_look)
        inner.addWidget(self.too_many)
        inner.addLayout(self.list)
        inner.addStretch(1)
        scroll = scroll_page(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 16, 12)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)

    def page_menus(self) -> list[QMenu]:
        if not self.sharing:
            return []
        menu = QMenu(_("&Goals shared with my supervisor"), self)
        menu.setToolTipsVisible(True)
        for editor in self.editors:
            words = " ".join(editor.draft().text.split()) or _("(no words yet)")
            if len(words) > 40:
                words = words[:39].rstrip() + "…"
            action = menu.addAction(
                _("Goal {number}: {words}").format(number=editor.number, words=words)
            )
            action.setCheckable(True)
            action.setChecked(editor.share_box.isChecked())
            action.setToolTip(editor.share_box.accessibleName())
            action.triggered.connect(lambda _=False, e=editor: e.share_box.toggle())
        return [menu]
