"""My practice goals: up to three, each with the seed's check beside it.

The seed ("Same page about goals") holds that high standards are not the enemy: what matters is
whether a goal is healthy striving toward one's potential or a standard that is never good
enough, and that it is talked through openly. The check records both answers. ``list_goals`` is
the reading API for other features (the supervision report). The ORM is imported by the
functions that write: the home screen reads the goals before the first card, and SQLAlchemy's
import costs a quarter of a second.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from imperfect_trainer.deck.storage.stored_values import day, moment

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store
    from imperfect_trainer.deck.sync.texts_apart import TextApart

MAX_GOALS = 3
MAX_GOAL_TEXT = 500
# The home screen suggests looking at the goals again once this many days have passed.
REVISIT_DAYS = 30


class Striving(StrEnum):
    HEALTHY = "healthy"
    NEVER_ENOUGH = "never-enough"
    UNSURE = "unsure"

    @property
    def label(self) -> str:
        return _STRIVING_LABELS[self]


_STRIVING_LABELS = {
    Striving.HEALTHY: "Healthy striving toward my potential",
    Striving.NEVER_ENOUGH: "A standard that is never good enough",
    Striving.UNSURE: "I’m not sure yet",
}


@dataclass(frozen=True, slots=True)
class Goal:
    id: int
    position: int
    text: str
    striving: Striving | None
    discussed_in_supervision: bool | None
    note: str
    created_at: dt.datetime
    updated_at: dt.datetime
    revisited_day: dt.date
    # "Share with my supervisor": only on a programme's server does anyone else ever see it.
    shared: bool = False


class TooManyGoalsError(ValueError):
    """Three goals are plenty; a fourth waits until one is done or let go."""


def list_goals(store: Store) -> list[Goal]:
    """The person's goals in their order (at most ``MAX_GOALS``). Read on the store's kept
    connection, without the ORM: the home screen asks before the first card."""
    with store.quick_transaction() as cursor:
        rows = cursor.execute(store.plain_sql.goals_in_order).fetchall()
    return [_goal(*row) for row in rows]


def _goal(
    goal_id: int,
    position: int,
    text: str,
    striving: str | None,
    discussed: int | None,
    note: str,
    created_at: str | dt.datetime,
    updated_at: str | dt.datetime,
    revisited_day: str | dt.date,
    shared: bool | int,
) -> Goal:
    return Goal(
        goal_id,
        position,
        text,
        Striving(striving) if striving else None,
        None if discussed is None else bool(discussed),
        note,
        moment(created_at),
        moment(updated_at),
        day(revisited_day),
        bool(shared),
    )


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be saved as a goal, or None when it can (the rule the screen shows
    before saving, and the one saving enforces)."""
    text = text.strip()
    if not text:
        return "a goal needs a few words"
    if len(text) > MAX_GOAL_TEXT:
        return f"a goal fits {MAX_GOAL_TEXT} characters"
    return None


def _checked_text(text: str) -> str:
    problem = text_problem(text)
    if problem is not None:
        raise ValueError(problem)
    return text.strip()


def add_goal(
    store: Store,
    text: str,
    now: dt.datetime,
    *,
    striving: Striving | None = None,
    discussed_in_supervision: bool | None = None,
    note: str = "",
) -> int:
    """Write a new goal; returns its id. Refused once there are three."""
    from sqlalchemy import func, select

    from imperfect_trainer.deck.storage.models import Goal as GoalRow

    text = _checked_text(text)
    with store.unit_of_work() as session:
        count, last = session.execute(
            select(func.count(), func.coalesce(func.max(GoalRow.position), 0))
        ).one()
        if count >= MAX_GOALS:
            raise TooManyGoalsError(f"at most {MAX_GOALS} goals")
        row = GoalRow(
            position=last + 1,
            text=text,
            striving=striving.value if striving else None,
            discussed_in_supervision=discussed_in_supervision,
            note=note.strip(),
            created_at=now,
            updated_at=now,
            revisited_day=store.practice_day(now),
        )
        session.add(row)
        session.flush()
        return row.id


def update_goal(
    store: Store,
    goal_id: int,
    text: str,
    now: dt.datetime,
    *,
    striving: Striving | None,
    discussed_in_supervision: bool | None,
    note: str = "",
) -> None:
    """Save a goal and its check; saving counts as looking at it again."""
    from sqlalchemy import update

    from imperfect_trainer.deck.storage.models import Goal as GoalRow

    text = _checked_text(text)
    with store.unit_of_work() as session:
        session.execute(
            update(GoalRow)
            .where(GoalRow.id == goal_id)
            .values(
                text=text,
                striving=striving.value if striving else None,
                discussed_in_supervision=discussed_in_supervision,
                note=note.strip(),
                updated_at=now,
                revisited_day=store.practice_day(now),
            )
        )


def written_apart(store: Store) -> dict[int, tuple[TextApart, ...]]:
    """Each goal's text and note as written on another computer while apart (the sync keeps
    them all), not yet added to it or done with; none in a collection that never synced."""
    from imperfect_trainer.deck.sync import texts_apart
    from imperfect_trainer.deck.sync.versioned_rows import GOALS

    with store.statements() as connection:
        apart = texts_apart.unseen(connection, GOALS)
    found = {}
    for goal in list_goals(store):
        held = {"text": goal.text, "note": goal.note}
        texts = tuple(
            other
            for other in apart.get(str(goal.id), ())
            if other.field in held and texts_apart.not_in(held[other.field], (other,))
        )
        if texts:
            found[goal.id] = texts
    return found


def add_text_apart(store: Store, goal_id: int, key: str, now: dt.datetime) -> list[Goal] | None:
    """Add the text written apart ``key`` to the end of the goal's text (or its note, where it
    was written), saved as an edit (so it syncs as one), and show it no more; returns the goals
    as saved (None, changing nothing, when the goal is gone: removed by a sync meanwhile).
    Refused (ValueError, changing nothing) when the two together are longer than a goal fits."""
    from sqlalchemy import select, update

    from imperfect_trainer.deck.storage.models import Goal as GoalRow
    from imperfect_trainer.deck.sync import texts_apart
    from imperfect_trainer.deck.sync.versioned_rows import kept_field

    field = kept_field(key)
    column = GoalRow.note if field == "note" else GoalRow.text
    with store.unit_of_work() as session:
        text = session.scalars(select(column).where(GoalRow.id == goal_id)).first()
        if text is None:
            return None
        texts_apart.add(
            session.connection(),
            key,
            text,
            lambda added: session.execute(
                update(GoalRow)
                .where(GoalRow.id == goal_id)
                .values(
                    {
                        column: added if field == "note" else _checked_text(added),
                        GoalRow.updated_at: now,
                        GoalRow.revisited_day: store.practice_day(now),
                    }
                )
            ),
            # The note is one line.
            " " if field == "note" else "\n\n",
        )
    return list_goals(store)


def set_shared(store: Store, goal_id: int, shared: bool) -> None:
    """Tick or untick "Share with my supervisor" for one goal (and its check)."""
    from sqlalchemy import update

    from imperfect_trainer.deck.storage.models import Goal as GoalRow

    with store.unit_of_work() as session:
        session.execute(update(GoalRow).where(GoalRow.id == goal_id).values(shared=shared))


def delete_goal(store: Store, goal_id: int) -> None:
    from sqlalchemy import delete

    from imperfect_trainer.deck.storage.models import Goal as GoalRow
    from imperfect_trainer.deck.storage.removal_statements import Removal

    with store.unit_of_work() as session:
        session.execute(Removal(delete(GoalRow).where(GoalRow.id == goal_id)))


def mark_revisited(store: Store, now: dt.datetime) -> None:
    """The person looked at their goals and left them as they are."""
    from sqlalchemy import update

    from imperfect_trainer.deck.storage.models import Goal as GoalRow

    with store.unit_of_work() as session:
        session.execute(update(GoalRow).values(revisited_day=store.practice_day(now)))


def revisit_due(goals: list[Goal], today: dt.date) -> bool:
    """Whether a month has passed since any goal was last looked at (never without goals)."""
    return any((today - goal.revisited_day).days >= REVISIT_DAYS for goal in goals)
