"""One practice from start to summary, as plain Python: the window only renders what this says.

``Practice`` (the practice controller) asks the store for today's cards, keeps the queue and the
time box, and records each answer through the store before moving on, so a closed window, a
crash or a kill never loses an answer. "Now" is always passed in.

Cards to recall are shown, then graded 0–5. A reflection is a prompt instead: it is answered in
writing (``write_reflection``) or left for another day (``set_aside``, "Not today", kept on
disk for the rest of that practice day), never graded and never repeated in the same practice,
and a practice takes in at most as many reflections as the person allows
(``reflections_per_practice``, one unless they ask for more).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import Enum

from imperfect_trainer.deck.content.cards import RECALL_WORDS, CardKind
from imperfect_trainer.deck.practice.answer_log import AnswerResult
from imperfect_trainer.deck.practice.todays_cards import PracticeCard, TodaysPractice
from imperfect_trainer.deck.srs.answer_rules import Decision, decide_answer
from imperfect_trainer.deck.srs.scheduling import PracticeQueue, TimeBox, comes_back
from imperfect_trainer.deck.srs.sm2 import PASSING_QUALITY
from imperfect_trainer.deck.storage.store_errors import CardChangedError
from imperfect_trainer.deck.store import Store

GRADES = range(6)
# The recall words, for an answer shown without its card's kind (a card's history).
GRADE_LABELS = dict(RECALL_WORDS.items())


class Phase(Enum):
    """Where a practice is: the one answer to "is the answer shown?" that the window reads."""

    FRONT = "a card's front, waiting for its answer to be shown"
    ANSWER = "the card's answer shown, waiting for a grade"
    REFLECTION = "a reflection, waiting for what is written (or Not today)"
    FINISHED = "the practice is over"


def button_days(decision: Decision, today: dt.date, *, back_later: bool) -> int | None:
    """What a grade's button says its answer does: the days until the card is due again (a
    scheduling answer), or, for a repeat that leaves the schedule alone, 0 ("done today") or
    None (it comes back later in this practice, ``back_later``)."""
    due = decision.schedule.due_day
    if decision.answer.drill or due is None:
        return None if back_later else 0
    return (due - today).days


@dataclass(frozen=True, slots=True)
class PracticeSummary:
    """What a practice did. Each card graded in it counts once, in one of three places, by its
    scheduling answer in this practice: passed (3–5, ``moved_forward``), missed (0–2,
    ``still_settling``), or none because every answer was a repeat of a card missed earlier
    today (``once_more``). Reflections are written, not graded, and counted apart.
    ``repeats`` is how many answers were a missed card met once more."""

    cards_graded: int
    reflections_written: int
    answers: int
    minutes: float
    moved_forward: int
    still_settling: int
    once_more: int
    waiting: int
    ended_by_time: bool
    repeats: int = 0

    @property
    def cards_done(self) -> int:
        return self.cards_graded + self.reflections_written


@dataclass(frozen=True, slots=True)
class AnsweredCard:
    """An answer given in this practice: a grade, or (``reflection``) the text written."""

    result: AnswerResult
    card: PracticeCard
    reflection: str | None


@dataclass(frozen=True, slots=True)
class SetAsideCard:
    """A reflection the person chose "Not today" for: nothing was written."""

    card: PracticeCard


@dataclass(slots=True)
class Practice:
    """A practice in progress. Create with ``Practice.start``."""

    store: Store
    started_at: dt.datetime
    time_box: TimeBox
    session_id: int
    kind: str
    queue: PracticeQueue
    cards: dict[str, PracticeCard]
    card_shown_at: dt.datetime
    reflections_allowed: int
    answer_shown: bool = False
    over: bool = False
    ended_by_time: bool = False
    steps: list[AnsweredCard | SetAsideCard] = field(default_factory=list)
    # The reflections this practice has taken in (at most ``reflections_allowed``).
    reflections: set[str] = field(default_factory=set)
    _refill: bool = True

    @classmethod
    def start(
        cls,
        store: Store,
        now: dt.datetime,
        *,
        seconds: int | None = None,
        card_ids: list[str] | None = None,
        kind: str = "daily",
    ) -> Practice:
        """Today's practice, or (with ``card_ids``) a practice of just those cards as drills,
        which leaves their schedules alone (the debrief after a hard session). It holds at most
        as many reflections as the settings allow, and none set aside today ("Not today")."""
        length = seconds or int(store.setting("session_seconds"))
        # Read before anything is written: a collection that cannot give today's cards is left
        # exactly as it was.
        if card_ids is None:
            today: TodaysPractice | None = store.todays_practice(now)
            chosen: list[PracticeCard] = []
        else:
            today, chosen = None, [store.card(card_id) for card_id in card_ids]
        session_id = store.answers.start_session(now, kind=kind)
        practice = cls(
            store=store,
            started_at=now,
            time_box=TimeBox(now, length),
            session_id=session_id,
            kind=kind,
            queue=PracticeQueue(),
            cards={},
            card_shown_at=now,
            reflections_allowed=int(store.setting("reflections_per_practice")),
            _refill=card_ids is None,
        )
        if today is not None:
            practice._take_in_today(today, now)
        else:
            practice._take_in(chosen, [], [card.id for card in chosen], now)
        if practice.current is None:
            practice._finish(now)
        return practice

    @property
    def answered(self) -> list[AnsweredCard]:
        return [step for step in self.steps if isinstance(step, AnsweredCard)]

    @property
    def phase(self) -> Phase:
        card = self.current
        if card is None:
            return Phase.FINISHED
        if card.kind is CardKind.REFLECTION:
            return Phase.REFLECTION
        return Phase.ANSWER if self.answer_shown else Phase.FRONT

    @property
    def finished(self) -> bool:
        return self.phase is Phase.FINISHED

    @property
    def revealed(self) -> bool:
        return self.phase is Phase.ANSWER

    @property
    def current(self) -> PracticeCard | None:
        item = self.queue.current
        return None if item is None or self.over else self.cards[item.card_id]

    @property
    def current_is_drill(self) -> bool:
        item = self.queue.current
        return item is not None and item.drill

    @property
    def current_is_reflection(self) -> bool:
        card = self.current
        return card is not None and card.kind is CardKind.REFLECTION

    def reveal(self) -> None:
        if self.phase is Phase.FRONT:
            self.answer_shown = True

    def decision(self, grade: int | None, today: dt.date) -> Decision:
        """What ``grade`` on the card in hand does, decided on the schedule it was shown with:
        the same decision its commit stores (``grade`` checks that schedule is still stored)."""
        card = self._in_hand()
        return decide_answer(card.schedule, grade, today, drill_only=self.kind != "daily")

    def next_intervals(self, now: dt.datetime) -> dict[int, int | None]:
        """For each grade, what its button says (``button_days``)."""
        item = self.queue.current
        if self.phase is not Phase.ANSWER or item is None:
            return {}
        today = self.store.practice_day(now)
        return {
            q: button_days(
                self.decision(q, today), today, back_later=comes_back(q, drill=item.drill)
            )
            for q in GRADES
        }

    def grade(self, quality: int, now: dt.datetime) -> None:
        """Record the grade (committed), then move to the next card or end when time is up.
        Only a revealed card is graded: a grade is a judgement of the answer seen."""
        card = self._in_hand()
        if card.kind is CardKind.REFLECTION:
            raise RuntimeError("a reflection is written, not graded")
        if self.phase is not Phase.ANSWER:
            raise RuntimeError("the answer is not shown yet: reveal the card before grading it")
        self._record(card, quality, None, now)

    def write_reflection(self, text: str, now: dt.datetime) -> None:
        """Keep what was written for the reflection in hand (committed, in the journal), and
        move on; it comes back on the reflection ladder. Blank text is refused, unsaved."""
        card = self._in_hand()
        if card.kind is not CardKind.REFLECTION:
            raise RuntimeError(f"a {card.kind.label} card is graded, not written")
        written = text.strip()
        if not written:
            raise ValueError("there is nothing written to keep")
        self._record(card, None, written, now)

    def set_aside(self, now: dt.datetime) -> None:
        """ "Not today" for the reflection in hand: nothing is written, it stays due, and it is
        not offered again this practice day."""
        card = self._in_hand()
        if card.kind is not CardKind.REFLECTION:
            raise RuntimeError("only a reflection can be left for another day")
        self.store.today.set_aside(card.id, self.store.practice_day(now))
        self.queue.set_aside()
        self.steps.append(SetAsideCard(card))
        self._next(now)

    def undo(self, now: dt.datetime) -> AnsweredCard | SetAsideCard | None:
        """Take back the last step of this practice, exactly: an answer (with its journal entry)
        or a "Not today". None at the practice's start."""
        if not self.steps:
            return None
        last = self.steps.pop()
        if isinstance(last, AnsweredCard):
            self.store.answers.undo(last.result.review_id)
            # Shown again with the schedule the undo stored.
            self.cards[last.card.id] = self.store.card(last.card.id)
        else:
            self.store.today.set_aside(last.card.id, None)
            self.cards[last.card.id] = last.card
        self.queue.undo()
        self.answer_shown = False
        self.card_shown_at = now
        self.over = False
        self.ended_by_time = False
        return last

    def end(self, now: dt.datetime) -> None:
        """End early (Esc, closing the window): everything answered is already stored."""
        if not self.over:
            self._finish(now)

    def time_fraction(self, now: dt.datetime) -> float:
        return self.time_box.elapsed_fraction(now)

    def summary(self, now: dt.datetime) -> PracticeSummary:
        answered = self.answered
        written = {a.card.id for a in answered if a.result.grade is None}
        graded = {a.card.id for a in answered if a.result.grade is not None} - written
        scheduling = {
            a.card.id: a.result.grade
            for a in answered
            if not a.result.drill and a.result.grade is not None
        }
        passed = sum(1 for grade in scheduling.values() if grade >= PASSING_QUALITY)
        return PracticeSummary(
            cards_graded=len(graded),
            reflections_written=len(written),
            answers=len(answered),
            minutes=(now - self.started_at).total_seconds() / 60,
            moved_forward=passed,
            still_settling=len(scheduling) - passed,
            once_more=len(graded - scheduling.keys()),
            waiting=self.store.todays_practice(now, limit=0).available,
            ended_by_time=self.ended_by_time,
            repeats=sum(1 for a in answered if a.result.drill and a.result.grade is not None),
        )

    def _in_hand(self) -> PracticeCard:
        card = self.current
        if card is None:
            raise RuntimeError("there is no card in hand to answer")
        return card

    def _record(
        self, card: PracticeCard, grade: int | None, written: str | None, now: dt.datetime
    ) -> None:
        duration = int((now - self.card_shown_at).total_seconds() * 1000)
        try:
            result = self.store.answers.record(
                card.id,
                grade,
                now=now,
                session_id=self.session_id,
                duration_ms=duration,
                drill_only=self.kind != "daily",
                reflection=written,
                expected=card.schedule,
            )
        except CardChangedError:
            # Answered elsewhere since it was shown: it stays in hand with what is stored now.
            self.cards[card.id] = self.store.card(card.id)
            raise
        self.queue.record(grade)
        self.steps.append(AnsweredCard(result, card, written))
        self.cards[card.id] = replace(card, schedule=result.schedule)
        self._next(now)

    def _next(self, now: dt.datetime) -> None:
        self.answer_shown = False
        self.card_shown_at = now
        if self.time_box.is_up(now):
            self.ended_by_time = True
            self._finish(now)
        elif self.queue.current is None:
            self._top_up(now)
            if self.queue.current is None:
                self._finish(now)

    def _top_up(self, now: dt.datetime) -> None:
        if self._refill:
            self._take_in_today(self.store.todays_practice(now), now)

    def _take_in_today(self, today: TodaysPractice, now: dt.datetime) -> None:
        drills = set(today.drill_ids)
        rest = [card.id for card in today.cards if card.id not in drills]
        # A card answered in this practice has had its once more (or needs none).
        met = {step.card.id for step in self.steps}
        again = [card_id for card_id in today.drill_ids if card_id not in met]
        self._take_in(today.cards, rest, again, now)

    def _take_in(
        self,
        cards: Iterable[PracticeCard],
        card_ids: list[str],
        drill_ids: list[str],
        now: dt.datetime,
    ) -> None:
        """Queue ``card_ids`` in order after ``drill_ids`` (repeats), leaving out reflections
        set aside today and any beyond the practice's allowance."""
        for card in cards:
            self.cards[card.id] = card
        set_aside = self.store.today.set_aside_on(self.store.practice_day(now))
        drills = [card_id for card_id in drill_ids if self._welcome(card_id, set_aside)]
        rest = [card_id for card_id in card_ids if self._welcome(card_id, set_aside)]
        self.queue.extend(rest, drills)

    def _welcome(self, card_id: str, set_aside: frozenset[str]) -> bool:
        """Whether the practice takes in this card: any card but a reflection set aside today,
        or one more reflection than it allows."""
        if self.cards[card_id].kind is not CardKind.REFLECTION:
            return True
        if card_id in set_aside:
            return False
        if card_id not in self.reflections:
            if len(self.reflections) >= self.reflections_allowed:
                return False
            self.reflections.add(card_id)
        return True

    def _finish(self, now: dt.datetime) -> None:
        self.over = True
        self.answer_shown = False  # an ended practice has no card in hand to grade
        self.store.answers.end_session(self.session_id, now)
