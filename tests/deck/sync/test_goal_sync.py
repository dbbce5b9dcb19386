"""Goals and their checks on two computers of one trainee: the later change wins per field,
a goal's text written on both while apart is kept on both, a deleted goal goes."""

from __future__ import annotations

import pytest

from imperfect_trainer.deck.features import goals
from imperfect_trainer.deck.features.goals import Goal, Striving
from tests.deck.sync.computers import DAY, HOUR, Computer
from tests.support.moments import MORNING

pytestmark = pytest.mark.postgres

TEXT = "Send my notes on time"


def _goals(side: Computer) -> list[tuple[str, Striving | None, bool | None, str]]:
    return [
        (goal.text, goal.striving, goal.discussed_in_supervision, goal.note)
        for goal in goals.list_goals(side.store)
    ]


def _only(side: Computer) -> Goal:
    (goal,) = goals.list_goals(side.store)
    return goal


def _save(
    side: Computer,
    goal: Goal,
    hours: int,
    *,
    text: str | None = None,
    striving: Striving | None = None,
    note: str | None = None,
) -> None:
    """The goal saved as the window saves it (every field), with the changes given."""
    goals.update_goal(
        side.store,
        goal.id,
        text or goal.text,
        side.now(MORNING + hours * HOUR),
        striving=striving or goal.striving,
        discussed_in_supervision=goal.discussed_in_supervision,
        note=goal.note if note is None else note,
    )


def test_a_goal_written_on_one_computer_is_on_the_other_after_both_sync(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    goals.add_goal(laptop.store, TEXT, MORNING, striving=Striving.HEALTHY, note="weekly")

    laptop.sync(MORNING + HOUR)
    report = clinic.sync(MORNING + HOUR)

    assert report.goals_changed == 1
    assert _goals(clinic) == _goals(laptop) == [(TEXT, Striving.HEALTHY, None, "weekly")]


def test_a_goals_check_changed_on_both_computers_apart_keeps_each_later_change(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    goals.add_goal(laptop.store, TEXT, MORNING)
    for side in (laptop, clinic):
        side.sync(MORNING + HOUR)

    _save(laptop, _only(laptop), 2, striving=Striving.HEALTHY)
    _save(clinic, _only(clinic), 3, note="Talked it over")
    for side in (laptop, clinic, laptop):
        side.sync(MORNING + DAY)

    # Each computer changed one field: both changes are kept.
    assert _goals(laptop) == _goals(clinic) == [(TEXT, Striving.HEALTHY, None, "Talked it over")]
    assert laptop.kept_texts() == clinic.kept_texts() == []


def test_a_goals_text_edited_on_both_computers_apart_keeps_both_texts(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    goals.add_goal(laptop.store, TEXT, MORNING)
    for side in (laptop, clinic):
        side.sync(MORNING + HOUR)

    _save(laptop, _only(laptop), 2, text="Send my notes the same day")
    _save(clinic, _only(clinic), 3, text="Send my notes before the weekend")
    for side in (laptop, clinic, laptop):
        side.sync(MORNING + DAY)

    for side in (laptop, clinic):
        assert _only(side).text == "Send my notes before the weekend"
        assert side.kept_texts() == ["Send my notes the same day"]


def test_a_goal_deleted_on_one_computer_is_gone_from_the_other_after_its_sync(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    goals.add_goal(laptop.store, TEXT, MORNING)
    goals.add_goal(laptop.store, "Ask for feedback", MORNING)
    for side in (laptop, clinic):
        side.sync(MORNING + HOUR)

    (goal,) = [goal for goal in goals.list_goals(clinic.store) if goal.text == TEXT]
    goals.delete_goal(clinic.store, goal.id)
    for side in (clinic, laptop):
        side.sync(MORNING + DAY)

    assert [goal.text for goal in goals.list_goals(laptop.store)] == ["Ask for feedback"]
    assert [goal.text for goal in goals.list_goals(clinic.store)] == ["Ask for feedback"]
