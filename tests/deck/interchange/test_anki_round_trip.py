"""There and back with the real Anki: our package into Anki, Anki's export back here, and
edits on either side kept by whichever was made last."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.content.deck_file import builtin_deck
from imperfect_trainer.deck.features.own_cards import (
    OwnCardDraft,
    add_own_card,
    own_card_draft,
    update_own_card,
)
from imperfect_trainer.deck.interchange.anki_export import RETIRED_TAG, export_apkg
from imperfect_trainer.deck.interchange.card_files import plan_card_file
from imperfect_trainer.deck.interchange.import_plan import ImportPlan, apply_plan
from imperfect_trainer.deck.storage.models import Card
from imperfect_trainer.deck.store import Store
from tests.support.anki_notes import (
    export_package,
    import_package,
    new_collection,
    person_collection,
)
from tests.support.moments import MORNING

# Anki stamps its own edits with the real clock; an edit "here, later" must come after them.
AFTER_ANKI = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)


@pytest.fixture
def anki(tmp_path: Path) -> Any:
    collection = new_collection(tmp_path / "anki")
    yield collection
    collection.close()


def imported_here(store: Store, path: Path, now: dt.datetime = MORNING) -> ImportPlan:
    plan = plan_card_file(store, path)
    apply_plan(store, plan, now, skip_refused=False)
    return plan


def anki_note(collection: Any, search: str) -> Any:
    [note_id] = collection.find_notes(search)
    return collection.get_note(note_id)


def add_mine(store: Store, front: str, back: str, kind: CardKind = CardKind.REALITY) -> str:
    return add_own_card(store, OwnCardDraft(kind, front, back, "mine"), MORNING)


def test_our_cards_go_to_anki_and_come_back_unchanged(
    store: Store, anki: Any, tmp_path: Path
) -> None:
    add_mine(store, "I must reply tonight.", "Most emails can wait.")
    written = export_apkg(store, tmp_path / "ours.apkg", MORNING)
    import_package(anki, tmp_path / "ours.apkg", with_scheduling=False)
    assert anki.note_count() == written.notes == len(builtin_deck().cards) + 1

    plan = imported_here(store, export_package(anki, tmp_path / "from-anki.apkg"))

    assert (len(plan.new), len(plan.updated), plan.unchanged) == (0, 0, written.notes)
    assert (plan.kept, plan.refused) == ([], [])


def test_edits_in_anki_come_back_to_own_cards_and_leave_the_apps_own_alone(
    store: Store, anki: Any, tmp_path: Path
) -> None:
    mine = add_mine(store, "I must reply tonight.", "Most emails can wait.")
    export_apkg(store, tmp_path / "ours.apkg", MORNING)
    import_package(anki, tmp_path / "ours.apkg")
    own_note = anki_note(anki, "tag:mine")
    own_note["Back"] = "Most can wait <b>until morning</b>."
    anki.update_note(own_note)
    builtin = builtin_deck().cards[0]
    builtin_note = anki_note(anki, f'"Front:{builtin.front[:20]}*"')
    builtin_note["Back"] = "My own words"
    anki.update_note(builtin_note)

    plan = imported_here(store, export_package(anki, tmp_path / "from-anki.apkg"))

    assert [edit.content.id for _, edit in plan.updated] == [mine]
    assert store.card(mine).back == "Most can wait until morning."
    assert [(kept.card_id, kept.reason) for kept in plan.kept] == [
        (builtin.id, "it comes with the app")
    ]
    assert store.card(builtin.id).back == builtin.back


def test_a_card_edited_in_anki_keeps_the_edit_through_the_next_export_unless_overwritten(
    store: Store, anki: Any, tmp_path: Path
) -> None:
    mine = add_mine(store, "I must reply tonight.", "Most emails can wait.")
    other = add_mine(store, "A session went badly.", "One session is one session.")
    export_apkg(store, tmp_path / "first.apkg", MORNING)
    import_package(anki, tmp_path / "first.apkg")
    note = anki_note(anki, '"Front:I must reply tonight."')
    note["Back"] = "Edited in Anki"
    anki.update_note(note)
    # Here, the other card changes after Anki's edit; this one does not.
    draft = own_card_draft(store, other)
    update_own_card(
        store, other, OwnCardDraft(draft.kind, draft.front, "Changed here", draft.tags), AFTER_ANKI
    )

    export_apkg(store, tmp_path / "second.apkg", AFTER_ANKI)
    import_package(anki, tmp_path / "second.apkg")

    assert anki_note(anki, '"Front:I must reply tonight."')["Back"] == "Edited in Anki"
    assert anki_note(anki, '"Front:A session went badly."')["Back"] == "Changed here"
    overwrite_at = AFTER_ANKI + dt.timedelta(hours=1)
    export_apkg(store, tmp_path / "third.apkg", overwrite_at, overwrite_anki_edits=True)
    import_package(anki, tmp_path / "third.apkg")
    assert anki_note(anki, '"Front:I must reply tonight."')["Back"] == "Most emails can wait."
    assert store.card(mine).back == "Most emails can wait."


def test_reflections_arrive_in_their_own_subdeck_saying_there_is_nothing_to_grade(
    store: Store, anki: Any, tmp_path: Path
) -> None:
    add_mine(store, "What went well today?", "Name one thing.", CardKind.REFLECTION)

    export_apkg(store, tmp_path / "ours.apkg", MORNING)
    import_package(anki, tmp_path / "ours.apkg")
    export_apkg(store, tmp_path / "without.apkg", MORNING, reflections=False)

    card = anki_note(anki, "tag:mine").cards()[0]
    assert anki.decks.name(card.did) == "Imperfect Trainer::Reflections"
    assert "nothing to get right" in card.question()
    assert "Nothing to grade" in card.answer()
    reflections = sum(card.kind is CardKind.REFLECTION for card in builtin_deck().cards) + 1
    fresh = new_collection(tmp_path / "fresh")
    try:
        import_package(fresh, tmp_path / "without.apkg")
        assert fresh.note_count() == anki.note_count() - reflections
        assert fresh.find_notes("tag:mine") == []
    finally:
        fresh.close()


def test_a_retired_card_is_tagged_in_anki_which_keeps_it_until_the_person_deletes_it(
    store: Store, anki: Any, tmp_path: Path
) -> None:
    retired = builtin_deck().cards[0]
    export_apkg(store, tmp_path / "first.apkg", MORNING)
    import_package(anki, tmp_path / "first.apkg")
    before = anki.card_count()
    with store.unit_of_work() as session:
        session.execute(
            update(Card).where(Card.id == retired.id).values(retired=True, updated_at=AFTER_ANKI)
        )

    written = export_apkg(store, tmp_path / "second.apkg", AFTER_ANKI)
    import_package(anki, tmp_path / "second.apkg")

    assert written.retired == 1
    [note_id] = anki.find_notes(f"tag:{RETIRED_TAG}")
    assert anki.get_note(note_id)["Front"].startswith(retired.front[:10])
    # What no package can do: Anki still has the card, in its deck, not suspended.
    assert anki.card_count() == before


def test_notes_from_anki_go_back_to_anki_without_copies(store: Store, tmp_path: Path) -> None:
    collection = person_collection(tmp_path / "anki")
    try:
        plan = imported_here(store, export_package(collection, tmp_path / "mine.apkg"))
        assert len(plan.new) == 3
        before = collection.note_count()

        written = export_apkg(store, tmp_path / "ours.apkg", MORNING)
        import_package(collection, tmp_path / "ours.apkg")

        # The three notes went back under their own GUIDs: Anki added only the app's deck.
        assert collection.note_count() == before + written.notes - 3
    finally:
        collection.close()
    with store.unit_of_work() as session:
        fronts = list(session.scalars(select(Card.front).where(Card.origin == "own")))
    assert len(fronts) == 3
