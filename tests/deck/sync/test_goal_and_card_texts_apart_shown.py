"""A goal's and an own card's texts written apart, as the goals screen and the card's editor
read them after a real sync: shown on both computers; added on one, they reach the other inside
the goal or card (the edit the next sync sends) and are shown on neither; done with on one,
they are shown on the other no more after its next sync."""

from __future__ import annotations

import pytest

from imperfect_trainer.deck.features import goals, own_cards
from imperfect_trainer.deck.features.goals import Goal
from imperfect_trainer.deck.sync import texts_apart
from tests.deck.sync.cards_apart import edit_back, own_card
from tests.deck.sync.computers import DAY, HOUR, Computer
from tests.support.moments import MORNING

pytestmark = pytest.mark.postgres

LAPTOPS_GOAL, CLINICS_GOAL = "Send my notes the same day", "Send my notes before the weekend"
LAPTOPS_NOTE, CLINICS_NOTE = "Fridays are hardest.", "Block half an hour after the last client."
LAPTOPS_BACK, CLINICS_BACK = "Let it sit; count to five.", "Silence is an intervention too."


def _only(side: Computer) -> Goal:
    (goal,) = goals.list_goals(side.store)
    return goal


def _edit(side: Computer, text: str, note: str, hours: int) -> None:
    goal = _only(side)
    goals.update_goal(
        side.store,
        goal.id,
        text,
        side.now(MORNING + hours * HOUR),
        striving=goal.striving,
        discussed_in_supervision=goal.discussed_in_supervision,
        note=note,
    )


def test_a_goals_text_and_note_added_on_one_computer_reach_the_other(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    goals.add_goal(laptop.store, "Send my notes on time", MORNING)
    for side in (laptop, clinic):
        side.sync(MORNING + HOUR)
    _edit(laptop, LAPTOPS_GOAL, LAPTOPS_NOTE, 2)
    _edit(clinic, CLINICS_GOAL, CLINICS_NOTE, 3)
    for side in (laptop, clinic, laptop):
        side.sync(MORNING + DAY)

    # The clinic's later edit won; the laptop's text and note are shown beside it on both.
    for side, here in ((laptop, True), (clinic, False)):
        assert (_only(side).text, _only(side).note) == (CLINICS_GOAL, CLINICS_NOTE)
        listed = goals.written_apart(side.store)[_only(side).id]
        assert [(other.text, other.here) for other in listed] == [
            (LAPTOPS_GOAL, here),
            (LAPTOPS_NOTE, here),
        ]

    goal_id = _only(clinic).id
    for other in goals.written_apart(clinic.store)[goal_id]:
        goals.add_text_apart(clinic.store, goal_id, other.key, clinic.now(MORNING + DAY))
    for side in (clinic, laptop):
        side.sync(MORNING + 2 * DAY)

    for side in (laptop, clinic):
        goal = _only(side)
        assert goal.text == f"{CLINICS_GOAL}\n\n{LAPTOPS_GOAL}"
        assert goal.note == f"{CLINICS_NOTE} {LAPTOPS_NOTE}"
        assert goals.written_apart(side.store) == {}
        assert sorted(side.kept_texts()) == sorted([LAPTOPS_GOAL, LAPTOPS_NOTE])


def _back_edited_apart(laptop: Computer, clinic: Computer) -> str:
    """An own card made on the laptop, synced, its back then edited on both while apart (the
    clinic's later), and synced again: returns its id."""
    card_id = own_card(laptop, "Silence can be part of the work", "Let it sit.", MORNING)
    for side in (laptop, clinic):
        side.sync(MORNING + HOUR)
    edit_back(laptop, card_id, LAPTOPS_BACK, MORNING + 2 * HOUR)
    edit_back(clinic, card_id, CLINICS_BACK, MORNING + 3 * HOUR)
    for side in (laptop, clinic, laptop):
        side.sync(MORNING + DAY)
    return card_id


def test_an_own_cards_back_added_on_one_computer_reaches_the_other(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    card_id = _back_edited_apart(laptop, clinic)

    for side in (laptop, clinic):
        assert side.store.card(card_id).back == CLINICS_BACK
        assert [o.text for o in own_cards.written_apart(side.store, card_id)] == [LAPTOPS_BACK]

    (other,) = own_cards.written_apart(laptop.store, card_id)
    draft = own_cards.with_text_apart(own_cards.own_card_draft(laptop.store, card_id), other)
    own_cards.add_text_apart(laptop.store, card_id, draft, other.key, laptop.now(MORNING + DAY))
    for side in (laptop, clinic):
        side.sync(MORNING + 2 * DAY)

    for side in (laptop, clinic):
        assert side.store.card(card_id).back == f"{CLINICS_BACK}\n\n{LAPTOPS_BACK}"
        assert own_cards.written_apart(side.store, card_id) == ()
        assert side.kept_texts() == [LAPTOPS_BACK]


def test_an_own_cards_back_done_with_on_one_computer_is_done_with_on_the_other(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    card_id = _back_edited_apart(laptop, clinic)

    (other,) = own_cards.written_apart(laptop.store, card_id)
    texts_apart.done_with(laptop.store, other.key)
    laptop.sync(MORNING + 2 * DAY)
    report = clinic.sync(MORNING + 2 * DAY)

    assert report.unreadable == 0
    for side in (laptop, clinic):
        assert own_cards.written_apart(side.store, card_id) == ()
        assert side.store.card(card_id).back == CLINICS_BACK
        assert side.kept_texts() == [LAPTOPS_BACK]
