"""A card's schedule from its merged answers, the same on every computer (pure).

Each computer keeps every answer any of the person's computers gave; the schedule is derived
from them. The answers are ordered by their clock stamps (device and event id break ties), and
run through the very rules that decided them (``answer_rules.decide_answer``), so whatever
order the answers arrived in, every computer reaches the same schedule. The same card answered
on two offline computers is two answers, both counted: the second of a practice day is a drill,
as it would have been on one computer.

What ``answer_rules.replay`` reads from a log row, an answer as merged needs told explicitly:

* ``drill``: a drill where it was given (a debrief's drills-only practice, or a repeat that day
  on that computer) stays a drill; any other answer is decided again in the merged order (it
  becomes a drill if another computer's answer that day comes first).
* ``fresh_start``: an answer whose computer had made the card new again ("Start this card
  fresh") after answering it. ``replay`` infers this from a log row whose card was new before
  it; after a merge that inference would take another computer's first answer for a fresh
  start and throw the first computer's progress away.

"Start this card fresh" made on a computer that syncs is an event of its own (a fresh start,
``fresh_starts``), ordered among the answers by its clock stamp: answers given after it on
any computer count after it, as they would on one computer.

``Replayed.answers`` are the answers as decided in the merged order: written back into the log
rows, they make the local log tell the same story (undo takes back exactly these states, and
Check Database's replay of the rows reaches the same schedule).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from operator import itemgetter

from imperfect_trainer.deck.srs.answer_rules import NEW_CARD, Answer, Schedule, decide_answer

OrderKey = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class MergedAnswer:
    """One answer as every computer knows it. ``order`` is (clock stamp, device, event id)."""

    order: OrderKey
    grade: int | None
    practice_day: dt.date
    drill: bool
    fresh_start: bool = False


@dataclass(frozen=True, slots=True)
class Replayed:
    schedule: Schedule
    # In merged order, each with its ``MergedAnswer``.
    answers: tuple[tuple[MergedAnswer, Answer], ...]


def replay_merged(
    answers: Iterable[MergedAnswer], fresh_starts: Iterable[OrderKey] = ()
) -> Replayed:
    schedule = NEW_CARD
    decided: list[tuple[MergedAnswer, Answer]] = []
    steps: list[tuple[OrderKey, MergedAnswer | None]] = [
        (answer.order, answer) for answer in answers
    ]
    steps += [(order, None) for order in fresh_starts]
    for _, merged in sorted(steps, key=itemgetter(0)):
        if merged is None or (merged.fresh_start and not merged.drill and not schedule.is_new):
            schedule = replace(NEW_CARD, review_count=schedule.review_count, lapses=schedule.lapses)
        if merged is None:
            continue
        decision = decide_answer(
            schedule, merged.grade, merged.practice_day, drill_only=merged.drill
        )
        decided.append((merged, decision.answer))
        schedule = decision.schedule
    return Replayed(schedule, tuple(decided))
