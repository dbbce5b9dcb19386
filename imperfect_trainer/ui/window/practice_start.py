"""Starting a practice: today's, or two minutes with the cards for a debrief's situations
(every answer a drill, the session attached to the debrief's journal entry). A collection that
refuses is told (``operations``) and no practice starts."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from imperfect_trainer.deck.features import debrief
from imperfect_trainer.deck.practice.session import Practice
from imperfect_trainer.deck.srs.scheduling import back_after_long_break
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common.operations import JOURNAL, run_op


def todays_practice(
    window: QWidget, store: Store, now: dt.datetime
) -> tuple[Practice, bool] | None:
    """Today's practice, and whether it is the first after a long break (its closing line)."""
    last = run_op(window, store.answers.last_practice_day)
    practice = run_op(window, lambda: Practice.start(store, now))
    if practice is None:
        return None
    return practice, back_after_long_break(store.practice_day(now), last)


def debrief_practice(
    window: QWidget, store: Store, now: dt.datetime, card_ids: list[str], entry_id: int | None
) -> Practice | None:
    practice = run_op(
        window,
        lambda: Practice.start(
            store, now, seconds=debrief.DEBRIEF_SECONDS, card_ids=card_ids, kind="debrief"
        ),
    )
    if practice is not None and entry_id is not None:
        run_op(
            window, lambda: debrief.attach_practice(store, entry_id, practice.session_id), JOURNAL
        )
    return practice
