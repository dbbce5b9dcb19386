"""The practice flow: from the first welcome through home, a practice card by card, to its
summary, with the state it is in named (``FlowState``) instead of guessed from the screen shown.

As in Anki's ``moveToState``, every move goes through ``_move_to``, which shows the state's
screen; each action checks first that the present state allows it. The practice itself (queue,
time box, each grade committed before the next card) is ``deck.practice.session.Practice``: this
only asks it and renders what it says. Within a practice, where it is (a front, its answer, a
reflection) is the practice's own ``phase``, which this and the view read, never copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from imperfect_trainer.deck.content.cards import grade_words
from imperfect_trainer.deck.features import reflections
from imperfect_trainer.deck.practice.session import AnsweredCard, Phase, Practice
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common import deck_words
from imperfect_trainer.ui.common.operations import (
    ANSWERED,
    WRITTEN,
    Changes,
    op_done,
    run_op,
)
from imperfect_trainer.ui.common.window_context import WindowContext
from imperfect_trainer.ui.practice.home_screen import HomeScreen
from imperfect_trainer.ui.practice.practice_view import (
    CLEAR_TO_SET_ASIDE,
    NOTHING_WRITTEN,
    PracticeView,
    last_time_text,
)
from imperfect_trainer.ui.practice.summary_screen import SummaryScreen
from imperfect_trainer.ui.practice.todays_outlook import todays_outlook
from imperfect_trainer.ui.practice.welcome_screen import WelcomeScreen
from imperfect_trainer.ui.window.answers_to_disk import AnswersToDisk
from imperfect_trainer.ui.window.page_stack import PageStack
from imperfect_trainer.ui.window.practice_start import debrief_practice, todays_practice

SAVE_BEFORE_UNDO = N_(
    "Save what you wrote (Ctrl+Enter) or clear it first; then Ctrl+Z takes back the last answer."
)


class FlowState(Enum):
    WELCOME = "the first run's welcome"
    HOME = "home: what today holds, Start practice"
    PRACTICE = "a practice, card by card (where in a card: ``Practice.phase``)"
    SUMMARY = "the summary of a practice"
    PAGE = "another page (cards, statistics, …; a debrief's practice ends on its page)"

    @property
    def focused(self) -> bool:
        """A full-screen moment: no sidebar, no jumping to other pages."""
        return self in _FOCUSED


_FOCUSED = frozenset({FlowState.PRACTICE, FlowState.WELCOME})
# Ctrl+Z takes back the last answer while the practice or its summary is shown.
_UNDOABLE = frozenset({FlowState.PRACTICE, FlowState.SUMMARY})


@dataclass(frozen=True, slots=True)
class FlowScreens:
    welcome: WelcomeScreen
    home: HomeScreen
    practice: PracticeView
    summary: SummaryScreen


class PracticeFlow(QObject):
    home_shown = Signal()

    def __init__(
        self, context: WindowContext, stack: PageStack, screens: FlowScreens, window: QWidget
    ) -> None:
        super().__init__(window)
        self.context = context
        self.stack = stack
        self.screens = screens
        self.window = window
        self.state = FlowState.HOME
        self.practice: Practice | None = None
        # Whether the practice in hand is the first after a long break (its closing line).
        self.returning = False
        self.disk = AnswersToDisk(context.store, window, self._stop_unsaved)
        self.starting: Callable[[Callable[[], None]], None] = _at_once
        for screen in (screens.welcome, screens.practice, screens.summary):
            stack.addWidget(screen)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)

        screens.welcome.continue_requested.connect(self._welcome_done)
        screens.home.start_requested.connect(self.start_practice)
        screens.practice.reveal_requested.connect(self.reveal)
        screens.practice.grade_chosen.connect(self.grade)
        screens.practice.reflection_written.connect(self.write_reflection)
        screens.practice.not_today_requested.connect(self.set_aside)
        screens.practice.end_requested.connect(self.end_practice)
        screens.summary.home_requested.connect(self.show_home)
        screens.practice.read_phase(self.phase)

    def phase(self) -> Phase:
        """Where the practice on screen is (FINISHED when none is)."""
        practice = self.practice
        if self.state is not FlowState.PRACTICE or practice is None:
            return Phase.FINISHED
        return practice.phase

    # ------------------------------------------------------------------------ moving

    def _move_to(self, state: FlowState, screen: QWidget) -> None:
        self.state = state
        self.stack.show_screen(screen, focused=state.focused)

    def begin(self) -> None:
        """The first screen: the welcome on the very first run, else home."""
        if self.context.store.setting("welcome_seen"):
            self.show_home()
        else:
            self._move_to(FlowState.WELCOME, self.screens.welcome)
            self.screens.welcome.focus_continue()

    def _welcome_done(self) -> None:
        run_op(self.window, lambda: self.context.store.set_setting("welcome_seen", True))
        self.show_home()

    def show_home(self) -> None:
        now = self.context.clock()
        outlook = todays_outlook(self.context.store, now)
        self._move_to(FlowState.HOME, self.screens.home)
        self.screens.home.show_day(now, outlook, self.context.scheme)
        self.home_shown.emit()

    def open_page(self, screen: QWidget) -> None:
        self._move_to(FlowState.PAGE, screen)

    # ---------------------------------------------------------------------- practice

    @property
    def practice_open(self) -> bool:
        return self.practice is not None and not self.practice.finished

    def start_practice(self) -> None:
        self.starting(self._start_todays)

    def _start_todays(self) -> None:
        started = todays_practice(self.window, self.context.store, self.context.clock())
        if started is not None:
            self.practice, self.returning = started
            self._show_card()

    def start_debrief_practice(self, card_ids: list[str], entry_id: int | None) -> None:
        """Two minutes with the cards for a debrief's situations; every answer is a drill."""
        self.starting(lambda: self._start_debrief(card_ids, entry_id))

    def _start_debrief(self, card_ids: list[str], entry_id: int | None) -> None:
        store, now = self.context.store, self.context.clock()
        if (practice := debrief_practice(self.window, store, now, card_ids, entry_id)) is not None:
            self.practice = practice
            self._show_card()

    def _show_card(self, typed: str = "") -> None:
        practice = self.practice
        assert practice is not None
        card = practice.current
        if card is None:
            self._show_summary()
            return
        if practice.phase is Phase.REFLECTION:
            last = run_op(
                self.window, lambda: reflections.last_written(self.context.store, card.id)
            )
            self._move_to(FlowState.PRACTICE, self.screens.practice)
            self.screens.practice.show_reflection(
                card.front, card.back, last_time_text(last), typed=typed
            )
        else:
            self._move_to(FlowState.PRACTICE, self.screens.practice)
            self.screens.practice.show_card(
                deck_words.kind_label(card.kind),
                card.front,
                deck_words.grade_words(grade_words(card.kind)),
                drill=practice.current_is_drill and practice.kind == "daily",
            )
        self._tick()
        self.ticker.start()

    def reveal(self) -> None:
        practice = self.practice
        if self.phase() is not Phase.FRONT or practice is None:
            return
        practice.reveal()
        self._show_answer(practice)

    def _show_answer(self, practice: Practice) -> None:
        card = practice.current
        assert card is not None
        intervals = practice.next_intervals(self.context.clock())
        self.screens.practice.show_answer(card.back, card.personal_note, intervals)

    def grade(self, quality: int) -> None:
        practice = self.practice
        # Practice.grade refuses an unrevealed card too; here a stray key simply does nothing.
        if self.phase() is not Phase.ANSWER or practice is None:
            return
        answered = self._answered(lambda: practice.grade(quality, self.context.clock()))
        if not answered and practice.phase is Phase.ANSWER:
            # Nothing was written; the buttons say again what each grade does now.
            self._show_answer(practice)

    def write_reflection(self, text: str) -> None:
        """Keep what was written for the reflection in hand; blank text is said, not saved."""
        practice = self.practice
        if self.phase() is not Phase.REFLECTION or practice is None:
            return
        if not text.strip():
            self.screens.practice.say(_(NOTHING_WRITTEN))
            return
        self._answered(lambda: practice.write_reflection(text, self.context.clock()), WRITTEN)

    def set_aside(self) -> None:
        """Not today: the reflection in hand waits for another day; nothing is written."""
        practice = self.practice
        if self.phase() is not Phase.REFLECTION or practice is None:
            return
        if self.screens.practice.typed_answer().strip():
            self.screens.practice.say(_(CLEAR_TO_SET_ASIDE))
            return
        run_op(self.window, lambda: practice.set_aside(self.context.clock()), ANSWERED)
        self._show_card()

    def _answered(self, answer: Callable[[], None], changes: Changes = ANSWERED) -> bool:
        if not op_done(self.window, answer, changes):
            return False  # the trouble was said; the card and what was written stay on screen
        self._show_card()
        # The answer is committed; it reaches the disk once the next card is on screen.
        QTimer.singleShot(0, self.flush_to_disk)
        return True

    def undo(self) -> None:
        """Take back the last answer (Ctrl+Z) while the practice or its summary is shown."""
        practice = self.practice
        if practice is None or self.state not in _UNDOABLE:
            return
        if self.phase() is Phase.REFLECTION and self.screens.practice.typed_answer().strip():
            self.screens.practice.say(_(SAVE_BEFORE_UNDO))
            return
        undone = run_op(self.window, lambda: practice.undo(self.context.clock()), WRITTEN)
        if undone is None:
            return
        written = undone.reflection if isinstance(undone, AnsweredCard) else None
        self._show_card(typed=written or "")

    def _keep_writing(self) -> bool:
        """Leaving a reflection with something written in its box keeps it, as Save would.
        False if it could not be kept (the trouble was said)."""
        practice = self.practice
        text = self.screens.practice.typed_answer()
        if self.phase() is not Phase.REFLECTION or practice is None or not text.strip():
            return True
        if not op_done(
            self.window, lambda: practice.write_reflection(text, self.context.clock()), WRITTEN
        ):
            return False
        QTimer.singleShot(0, self.flush_to_disk)
        return True

    def end_practice(self) -> None:
        practice = self.practice
        if practice is not None:
            if not self._keep_writing():
                return  # the text stays in its box rather than be lost with the practice
            run_op(self.window, lambda: practice.end(self.context.clock()), ANSWERED)
            self._show_summary()

    def _show_summary(self) -> None:
        self.ticker.stop()
        practice = self.practice
        assert practice is not None
        if practice.kind == "debrief":
            page = self.stack.debrief
            page.show_done(len({answer.card.id for answer in practice.answered}))
            self._move_to(FlowState.PAGE, page)
            return
        now = self.context.clock()
        self._move_to(FlowState.SUMMARY, self.screens.summary)
        self.screens.summary.show_summary(
            practice.summary(now),
            self.context.store.practice_day(now),
            after_long_break=self.returning,
        )

    def _tick(self) -> None:
        practice = self.practice
        if practice is not None and not practice.finished:
            self.screens.practice.set_time_fraction(practice.time_fraction(self.context.clock()))

    # ------------------------------------------------------------ disk, restore, close

    def flush_to_disk(self) -> None:
        """Make what was committed durable (``AnswersToDisk``)."""
        self.disk.flush()

    def _stop_unsaved(self) -> None:
        if self.practice_open:
            self.end_practice()

    def forget_practice(self) -> None:
        """A backup replaced the collection: the practice in hand belongs to the old one."""
        self.practice = None

    def stop(self) -> None:
        """The window closes: a practice in progress ends (its answers are all stored)."""
        self.ticker.stop()
        practice = self.practice
        if practice is not None and not practice.finished:
            self._keep_writing()
            run_op(self.window, lambda: practice.end(self.context.clock()), ANSWERED)


def _at_once(start: Callable[[], None]) -> None:
    """How a practice starts when no sync can be merging (``WindowSync`` has its own)."""
    start()
