"""Two computers of one trainee apart, making and editing their own cards, debriefing, starting
a card fresh on one while answering it on the other: what the card and debrief sync tests
start from, and what they compare."""

from __future__ import annotations

import datetime as dt

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.features import browser, debrief, journal, own_cards
from imperfect_trainer.deck.features.own_cards import OwnCardDraft
from imperfect_trainer.deck.practice.session import Practice
from tests.deck.sync.computers import DAY, HOUR, Computer, gradable_cards
from tests.support.moments import MORNING

SHARED_FRONT = "Silence can be part of the work"
FIRST_BACK = "Let it sit for a breath."


def draft(front: str, back: str) -> OwnCardDraft:
    return OwnCardDraft(CardKind.FACT, front, back, "silence, pacing")


def own_card(side: Computer, front: str, back: str, moment: dt.datetime) -> str:
    return own_cards.add_own_card(side.store, draft(front, back), side.now(moment))


def edit_back(side: Computer, card_id: str, back: str, moment: dt.datetime) -> None:
    front = side.store.card(card_id).front
    own_cards.update_own_card(side.store, card_id, draft(front, back), side.now(moment))


def debrief_with_drills(side: Computer, situation: str, note: str, moment: dt.datetime) -> None:
    """A debrief kept, then its two-minute practice of two cards, as the window does it."""
    now = side.now(moment)
    entry = debrief.save_debrief(side.store, [situation], note, now)
    found = debrief.cards_for(side.store, [situation])
    cards = [card for card in found if side.store.card(card).kind != "reflection"][:2]
    practice = Practice.start(side.store, now, card_ids=cards, kind="debrief")
    debrief.attach_practice(side.store, entry, practice.session_id)
    for step in range(len(cards)):
        practice.reveal()
        practice.grade(4, now + (step + 1) * 20 * dt.timedelta(seconds=1))
    practice.end(now + dt.timedelta(minutes=2))


def apart(laptop: Computer, clinic: Computer) -> tuple[str, int]:
    """A day apart after syncing once; returns the card started fresh on the laptop (and
    answered on the clinic's computer after that) and how many answers were given in all."""
    (reset_card,) = gradable_cards(laptop.store, MORNING, 1)
    shared = own_card(laptop, SHARED_FRONT, FIRST_BACK, MORNING)
    laptop.answer(reset_card, 5, MORNING)
    laptop.answer(shared, 4, MORNING)
    for side in (laptop, clinic, laptop):
        side.sync(MORNING + HOUR)
    given = 2
    day = MORNING + DAY
    # The laptop: a card of its own, answered; the shared card's back edited; a card started
    # fresh; a debrief with its drills.
    mine = own_card(laptop, "A late client is still a client", "Start on time anyway.", day)
    laptop.answer(mine, 3, day + HOUR)
    edit_back(laptop, shared, "Let it sit; count to five.", day + HOUR)
    browser.reset_progress(laptop.store, [reset_card], laptop.now(day + HOUR))
    debrief_with_drills(laptop, "rupture", "We talked it through.", day + 2 * HOUR)
    # The clinic's computer: its own card, answered; the same back edited apart; the card the
    # laptop started fresh answered after that; a debrief of its own.
    theirs = own_card(clinic, "Relapse is part of recovery", "Not a verdict on the work.", day)
    clinic.answer(theirs, 5, day + HOUR)
    edit_back(clinic, shared, "Silence is an intervention too.", day + 2 * HOUR)
    clinic.answer(reset_card, 4, day + 3 * HOUR)
    debrief_with_drills(clinic, "relapse", "Back to old habits.", day + 4 * HOUR)
    # Each computer's own card and the card started fresh answered once, two drills each.
    return reset_card, given + 3 + 2 * 2


def cards(side: Computer) -> list[tuple[object, ...]]:
    """Every card a person made or changed, as the deck holds it."""
    with side.store.file.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT id, kind, section, front, back, tags, origin, position, retired, suspended,"
            " personal_note FROM cards WHERE origin = 'own' OR suspended OR personal_note"
            " IS NOT NULL ORDER BY id"
        )
        return [tuple(row) for row in rows]


Seen = tuple[str, str, tuple[str, ...], tuple[tuple[str, int | None], ...]]


def journal_seen(side: Computer) -> list[Seen]:
    """The journal as the person reads it: each entry's kind, text, situations and the cards
    drilled after a debrief."""
    return sorted(
        (
            item.kind,
            item.text,
            item.situations,
            tuple((card.front, card.grade) for card in item.practised),
        )
        for item in journal.entries(side.store)
    )
