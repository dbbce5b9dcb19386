"""An entry, a goal or an own card edited on two computers while apart, merged as the sync merges
it: one text in it, the other kept beside it (without a hub: the rows the merge writes, written
the same way)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.features import goals, journal, own_cards
from imperfect_trainer.deck.features.own_cards import OwnCardDraft
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import local_cards, local_goals, side_tables, versioned_rows
from imperfect_trainer.deck.sync.entry_merge import TEXT, EntryVersion, MergedEntry, merge_entry
from imperfect_trainer.deck.sync.versioned_rows import CARDS, ENTRIES, GOALS, Side
from tests.support.moments import MORNING

WRITTEN = "Late again; I apologised twice."
HERE = "Late again; the client was kind about it."
THERE = "Late again. One apology was enough."
LATER = MORNING + dt.timedelta(days=3)


# The versions' ids: a uuid each, as the sync's are (a kept text's key adds its field to it).
FIRST, CLINICS, LAPTOPS = (f"00000000-0000-4000-8000-00000000000{n}" for n in (1, 2, 3))


def _version(
    event_id: str, stamp: int, parents: tuple[str, ...], changed: dict[str, Any]
) -> EntryVersion:
    order = (f"{stamp:015d}-0000000000", "clinic" if event_id == CLINICS else "laptop", event_id)
    return EntryVersion(event_id, order, frozenset(parents), changed, False)


def _apart(
    first: dict[str, Any], clinic: dict[str, Any], laptop: dict[str, Any]
) -> list[EntryVersion]:
    """Made on the laptop, then changed on both while apart, the laptop's change the later."""
    return [
        _version(FIRST, 1, (), first),
        _version(CLINICS, 5, (FIRST,), clinic),
        _version(LAPTOPS, 7, (FIRST,), laptop),
    ]


def _keep(
    store: Store,
    device: str,
    side: Side,
    row: tuple[str, int | str],
    versions: list[EntryVersion],
    result: MergedEntry,
) -> int:
    """The rows the merge writes beside the row: its mapping and the texts it keeps."""
    with store.statements() as connection:
        # A collection that synced (and is not tied to a hub now, so the window stays offline).
        side_tables.join(connection, "postgresql://trainee@hub.invalid/programme", device)
        side_tables.leave(connection)
        side.keep_mapping(connection, row[0], row[1], "{}", f'["{CLINICS}", "{LAPTOPS}"]')
        return versioned_rows.keep_texts(connection, row[0], versions, result)


def merged_apart(store: Store, device: str = "laptop") -> int:
    """An entry whose two computers edited it while apart, merged as the sync merges it on
    ``device``: the laptop's text won, the clinic's kept beside it. Returns the entry's id."""
    entry_id = journal.add_free_entry(store, WRITTEN, MORNING)
    versions = _apart({"kind": "note", TEXT: WRITTEN}, {TEXT: THERE}, {TEXT: HERE})
    result = merge_entry(versions)
    journal.update_text(store, entry_id, result.fields[TEXT], LATER)
    assert _keep(store, device, ENTRIES, ("entry-1", entry_id), versions, result) == 1
    return entry_id


GOAL = "Leave at six"
GOAL_HERE = "Leave at six, most days"
GOAL_THERE = "Leave by six, and say so at the team meeting"
NOTE_HERE = "Tuesdays are hardest."
NOTE_THERE = "Ask Sam to cover the late slot."


def goal_merged_apart(store: Store, device: str = "laptop") -> int:
    """A goal whose text and note the two computers both changed while apart, merged as the
    sync merges it on ``device``: the laptop's won, the clinic's kept beside it. Returns its id."""
    goal_id = goals.add_goal(store, GOAL, MORNING)
    versions = _apart(
        {TEXT: GOAL, "note": ""},
        {TEXT: GOAL_THERE, "note": NOTE_THERE},
        {TEXT: GOAL_HERE, "note": NOTE_HERE},
    )
    result = merge_entry(versions, local_goals.TEXTS)
    fields = result.fields
    goals.update_goal(
        store,
        goal_id,
        fields[TEXT],
        LATER,
        striving=None,
        discussed_in_supervision=None,
        note=fields["note"],
    )
    assert _keep(store, device, GOALS, ("goal-1", goal_id), versions, result) == 2
    return goal_id


FRONT = "Silence can be part of the work"
FRONT_HERE = "Silence is part of the work"
FRONT_THERE = "A pause can be part of the work"
BACK_HERE = "Let it sit; count to five."
BACK_THERE = "Silence is an intervention too."


def card_merged_apart(store: Store, device: str = "laptop") -> str:
    """An own card whose front and back the two computers both changed while apart, merged as
    the sync merges it on ``device``: the laptop's won, the clinic's kept beside it. Returns
    the card's id."""
    card_id = own_cards.add_own_card(
        store, OwnCardDraft(CardKind.FACT, FRONT, "Let it sit for a breath."), MORNING
    )
    versions = _apart(
        {"front": FRONT, "back": "Let it sit for a breath."},
        {"front": FRONT_THERE, "back": BACK_THERE},
        {"front": FRONT_HERE, "back": BACK_HERE},
    )
    result = merge_entry(versions, local_cards.TEXTS)
    draft = OwnCardDraft(CardKind.FACT, result.fields["front"], result.fields["back"])
    own_cards.update_own_card(store, card_id, draft, LATER)
    assert _keep(store, device, CARDS, (card_id, card_id), versions, result) == 2
    return card_id


CARD_NOTE_HERE = "Say it once, then wait."
CARD_NOTE_THERE = "Ask what the silence was like for them."


def note_merged_apart(store: Store, device: str = "laptop") -> str:
    """A built-in card whose note the two computers both changed while apart, merged as the
    sync merges it on ``device``: the laptop's won, the clinic's kept beside it. Returns the
    card's id."""
    card_id = store.todays_practice(MORNING, limit=1).cards[0].id
    versions = _apart(
        {"personal_note": "Wait."},
        {"personal_note": CARD_NOTE_THERE},
        {"personal_note": CARD_NOTE_HERE},
    )
    result = merge_entry(versions, local_cards.TEXTS)
    own_cards.set_personal_note(store, card_id, result.fields["personal_note"], LATER)
    assert _keep(store, device, CARDS, (card_id, card_id), versions, result) == 1
    return card_id


def on_disk(store: Store) -> list[str]:
    with store.statements() as connection:
        return [text for _, text in versioned_rows.kept_texts(connection)]
