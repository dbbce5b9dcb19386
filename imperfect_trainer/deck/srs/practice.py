"""One practice from start to summary, as plain Python: the window only renders what this says.

``Practice`` (the practice controller) asks the store for today's cards, keeps the queue and the
time box, and records each grade through the store before moving on, so a closed window, a crash
or a kill never loses an answer. "Now" is always passed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.srs.answer_log import AnswerResult
from imperfect_trainer.deck.srs.scheduling import DRILL_BELOW_GRADE, PracticeQueue, TimeBox
from imperfect_trainer.deck.srs.sm2 import due_in_days, review
from imperfect_trainer.deck.srs.todays_cards import PracticeCard
from imperfect_trainer.deck.store import Store

GRADE_LABELS = {
    0: "blank",
    1: "wrong, but it rang a bell",
    2: "wrong, then “of course”",
    3: "got there with effort",
    4: "right after a pause",
    5: "easy",
}


@dataclass(frozen=True, slots=True)
class PracticeSummary:
    cards_done: int
    answers: int
    minutes: float
    moved_forward: int
    still_settling: int
    waiting: int
    ended_by_time: bool


@dataclass(frozen=True, slots=True)
class AnsweredCard:
    result: AnswerResult
    card: PracticeCard
    reflection: str | None


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
    revealed: bool = False
    finished: bool = False
    ended_by_time: bool = False
    answered: list[AnsweredCard] = field(default_factory=list)
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
        which leaves their schedules alone (the debrief after a hard session)."""
        length = seconds or int(store.setting("session_seconds"))
        if card_ids is None:
            today = store.todays_practice(now)
            cards = {card.id: card for card in today.cards}
            queue = PracticeQueue.of(
                [c.id for c in today.cards if c.id not in today.drill_ids], today.drill_ids
            )
            refill = True
        else:
            cards = {card_id: store.card(card_id) for card_id in card_ids}
            queue = PracticeQueue.of([], drill_ids=card_ids)
            refill = False
        session_id = store.answers.start_session(now, kind=kind)
        practice = cls(
            store=store,
            started_at=now,
            time_box=TimeBox(now, length),
            session_id=session_id,
            kind=kind,
            queue=queue,
            cards=cards,
            card_shown_at=now,
            _refill=refill,
        )
        if practice.current is None:
            practice._finish(now)
        return practice

    @property
    def current(self) -> PracticeCard | None:
        item = self.queue.current
        return None if item is None or self.finished else self.cards[item.card_id]

    @property
    def current_is_drill(self) -> bool:
        item = self.queue.current
        return item is not None and item.drill

    @property
    def needs_typed_answer(self) -> bool:
        card = self.current
        return card is not None and card.kind is CardKind.REFLECTION

    def reveal(self) -> None:
        if self.current is not None:
            self.revealed = True

    def next_intervals(self) -> dict[int, int | None]:
        """For each grade, the days until the card's next review (None: it stays for today)."""
        card = self.current
        if card is None:
            return {}
        if self.current_is_drill:
            return {q: None if q < DRILL_BELOW_GRADE else 0 for q in GRADE_LABELS}
        return {q: due_in_days(review(card.state, q)) for q in GRADE_LABELS}

    def grade(self, quality: int, now: dt.datetime, *, reflection: str | None = None) -> None:
        """Record the grade (committed), then move to the next card or end when time is up.
        Only a revealed card is graded: a grade is a judgement of the answer seen."""
        card = self.current
        if card is None:
            raise RuntimeError("there is no card in hand to grade")
        if not self.revealed:
            raise RuntimeError("the answer is not shown yet: reveal the card before grading it")
        duration = int((now - self.card_shown_at).total_seconds() * 1000)
        result = self.store.answer(
            card.id,
            quality,
            now=now,
            session_id=self.session_id,
            duration_ms=duration,
            drill_only=self.kind != "daily",
            reflection=reflection,
        )
        self.queue.record(quality)
        self.answered.append(AnsweredCard(result, card, reflection))
        self.cards[card.id] = replace(card, state=result.state, due_day=result.due_day)
        self.revealed = False
        self.card_shown_at = now
        if self.time_box.is_up(now):
            self.ended_by_time = True
            self._finish(now)
        elif self.queue.current is None:
            self._top_up(now)
            if self.queue.current is None:
                self._finish(now)

    def undo(self, now: dt.datetime) -> AnsweredCard | None:
        """Take back the last answer of this practice, exactly; None at the practice's start."""
        if not self.answered:
            return None
        last = self.answered.pop()
        self.store.answers.undo(last.result.review_id)
        self.queue.undo()
        self.cards[last.card.id] = last.card
        self.revealed = False
        self.card_shown_at = now
        if self.finished:
            self.finished = False
            self.ended_by_time = False
        return last

    def end(self, now: dt.datetime) -> None:
        """End early (Esc, closing the window): everything answered is already stored."""
        if not self.finished:
            self._finish(now)

    def time_fraction(self, now: dt.datetime) -> float:
        return self.time_box.elapsed_fraction(now)

    def summary(self, now: dt.datetime) -> PracticeSummary:
        graded = [a for a in self.answered if not a.result.drill]
        moved = sum(
            1
            for a in graded
            if a.result.grade >= 3 and a.result.state.interval > a.card.state.interval
        )
        waiting = self.store.todays_practice(now, limit=0).available
        return PracticeSummary(
            cards_done=len({a.card.id for a in self.answered}),
            answers=len(self.answered),
            minutes=(now - self.started_at).total_seconds() / 60,
            moved_forward=moved,
            still_settling=sum(1 for a in graded if a.result.grade < DRILL_BELOW_GRADE),
            waiting=waiting,
            ended_by_time=self.ended_by_time,
        )

    def _top_up(self, now: dt.datetime) -> None:
        if not self._refill:
            return
        today = self.store.todays_practice(now)
        for card in today.cards:
            self.cards[card.id] = card
        self.queue.extend(
            [c.id for c in today.cards if c.id not in today.drill_ids], today.drill_ids
        )

    def _finish(self, now: dt.datetime) -> None:
        self.finished = True
        self.revealed = False  # an ended practice has no card in hand to grade
        self.store.answers.end_session(self.session_id, now)
