"""A joined collection's window syncs by itself: ``BackgroundSync`` does the syncing, the
foot of home carries its ``SyncLine``, and what a sync brought is said to the pages as any
operation's ``Changes``. A solo clinician's window has none of it and never reaches for the
network (nor for SQLAlchemy or psycopg)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from imperfect_trainer.deck.sync.joined import hub_of
from imperfect_trainer.ui.common.operations import announce_changes
from imperfect_trainer.ui.common.window_context import WindowContext
from imperfect_trainer.ui.practice.home_screen import HomeScreen
from imperfect_trainer.ui.window.background_sync import BackgroundSync, SyncOutcome
from imperfect_trainer.ui.window.page_stack import PageStack
from imperfect_trainer.ui.window.practice_flow import FlowState, PracticeFlow
from imperfect_trainer.ui.window.sync_line import SyncLine


class WindowSync(QObject):
    def __init__(
        self,
        context: WindowContext,
        flow: PracticeFlow,
        stack: PageStack,
        home: HomeScreen,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.flow = flow
        self.line = SyncLine(context.clock)
        home.place_at_foot(self.line)
        self.syncs = BackgroundSync(
            context.store.data_dir, context.clock, lambda: flow.practice_open, self
        )
        self._practising = False
        flow.starting = self.syncs.start_practice
        self.syncs.started.connect(self.line.syncing)
        self.syncs.finished.connect(self._synced)
        stack.shown.connect(self._screen_shown)

    def _screen_shown(self, *_shown: object) -> None:
        practising = self.flow.practice_open
        if self._practising and not practising:
            self.syncs.practice_over()
        self._practising = practising

    def _synced(self, outcome: SyncOutcome) -> None:
        self.line.show_outcome(outcome)
        changes = outcome.changes
        if not changes:
            return
        # The merge wrote through the sync's own connection: the window's store has it made
        # durable and backed up as its own writes.
        self.context.store.mark_written()
        announce_changes(self.line, changes)
        if self.flow.state is FlowState.HOME:
            self.flow.show_home()  # today's cards as the other computers left them


def joined_sync(
    context: WindowContext, flow: PracticeFlow, stack: PageStack, home: HomeScreen, parent: QObject
) -> WindowSync | None:
    """The window's syncing, started, when its collection has joined a programme's hub."""
    if hub_of(context.store) is None:
        return None
    sync = WindowSync(context, flow, stack, home, parent)
    sync.syncs.begin()
    return sync
