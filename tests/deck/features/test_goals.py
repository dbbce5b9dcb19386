"""My practice goals: at most three, each with the seed's check, and a monthly look."""

from __future__ import annotations

import datetime as dt

import pytest

from imperfect_trainer.deck.features import goals
from imperfect_trainer.deck.features.goals import Striving, TooManyGoalsError
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends


def test_goals_are_listed_in_order_with_their_check(store: Store) -> None:
    first = goals.add_goal(
        store,
        "  Let a session go off-plan  ",
        MORNING,
        striving=Striving.HEALTHY,
        discussed_in_supervision=True,
    )
    goals.add_goal(store, "Never miss a note", MORNING, striving=Striving.NEVER_ENOUGH)
    listed = goals.list_goals(store)
    top = listed[0]
    assert (top.id, top.text, top.striving, top.discussed_in_supervision) == (
        first,
        "Let a session go off-plan",
        Striving.HEALTHY,
        True,
    )
    assert [g.position for g in listed] == [1, 2]
    assert listed[1].discussed_in_supervision is None


def test_a_fourth_goal_is_refused(store: Store) -> None:
    for n in range(goals.MAX_GOALS):
        goals.add_goal(store, f"Goal {n}", MORNING)
    with pytest.raises(TooManyGoalsError):
        goals.add_goal(store, "One more", MORNING)


def test_an_empty_goal_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="a few words"):
        goals.add_goal(store, "   ", MORNING)


def test_saving_a_goal_updates_its_check_and_counts_as_a_look(store: Store) -> None:
    goal_id = goals.add_goal(store, "Prepare less", MORNING)
    later = MORNING + dt.timedelta(days=40)
    goals.update_goal(
        store,
        goal_id,
        "Prepare a little less",
        later,
        striving=Striving.UNSURE,
        discussed_in_supervision=False,
        note="Ask about it on Thursday",
    )
    (goal,) = goals.list_goals(store)
    assert (goal.text, goal.striving, goal.discussed_in_supervision, goal.note) == (
        "Prepare a little less",
        Striving.UNSURE,
        False,
        "Ask about it on Thursday",
    )
    assert goal.revisited_day == store.practice_day(later)


def test_a_look_is_suggested_once_a_month_and_never_without_goals(store: Store) -> None:
    today = store.practice_day(MORNING)
    assert not goals.revisit_due([], today)
    goals.add_goal(store, "Rest on Sundays", MORNING)
    saved = goals.list_goals(store)
    assert not goals.revisit_due(saved, today + dt.timedelta(days=29))
    assert goals.revisit_due(saved, today + dt.timedelta(days=30))
    goals.mark_revisited(store, MORNING + dt.timedelta(days=30))
    assert not goals.revisit_due(goals.list_goals(store), today + dt.timedelta(days=30))


def test_a_goal_can_be_removed(store: Store) -> None:
    goal_id = goals.add_goal(store, "Rest on Sundays", MORNING)
    goals.delete_goal(store, goal_id)
    assert goals.list_goals(store) == []


def test_a_goal_is_shared_only_when_ticked_and_can_be_taken_back(store: Store) -> None:
    goal = goals.add_goal(store, "Finish notes in ten minutes", MORNING)
    assert not goals.list_goals(store)[0].shared
    goals.set_shared(store, goal, True)
    assert goals.list_goals(store)[0].shared
    goals.set_shared(store, goal, False)
    assert not goals.list_goals(store)[0].shared
