"""A journal entry from its versions: later wins per field, typed text never dropped."""

from __future__ import annotations

import itertools
from typing import Any

from imperfect_trainer.deck.sync.entry_merge import EntryVersion, KeptText, merge_entry

FIRST: dict[str, Any] = {"kind": "note", "text": "Late again; I apologised twice.", "shared": False}


def _version(
    event_id: str, stamp: int, parents: tuple[str, ...] = (), deleted: bool = False, **changed: Any
) -> EntryVersion:
    return EntryVersion(
        event_id,
        (f"{stamp:015d}-0000000000", "device", event_id),
        frozenset(parents),
        changed,
        deleted,
    )


CREATED = EntryVersion("a", (f"{1:015d}-0000000000", "device", "a"), frozenset(), FIRST)


def test_an_entry_edited_on_two_computers_keeps_both_texts() -> None:
    laptop = _version("b", 5, ("a",), text="Late again. One apology was enough.")
    clinic = _version("c", 7, ("a",), text="Late again; the client was kind about it.")

    for versions in itertools.permutations([CREATED, laptop, clinic]):
        merged = merge_entry(versions)
        assert merged.fields["text"] == "Late again; the client was kind about it."
        assert merged.kept_texts == (KeptText("b", "Late again. One apology was enough."),)
        assert merged.heads == {"b", "c"}


def test_a_later_edit_that_had_seen_the_earlier_one_replaces_it_without_keeping_it() -> None:
    edited = _version("b", 5, ("a",), text="first edit")
    again = _version("c", 9, ("b",), text="second edit")

    merged = merge_entry([again, CREATED, edited])

    assert merged.fields["text"] == "second edit"
    assert merged.kept_texts == ()
    assert merged.heads == {"c"}


def test_the_later_change_wins_field_by_field() -> None:
    shared_here = _version("b", 5, ("a",), shared=True)
    text_there = _version("c", 3, ("a",), text="written on the clinic's computer")

    merged = merge_entry([text_there, shared_here, CREATED])

    assert merged.fields == {**FIRST, "shared": True, "text": "written on the clinic's computer"}
    assert merged.kept_texts == ()


def test_an_entry_deleted_on_one_computer_and_edited_on_the_other_stays_with_the_edit() -> None:
    deleted = _version("b", 9, ("a",), deleted=True)
    edited = _version("c", 5, ("a",), text="kept: written while the other deleted it")

    merged = merge_entry([deleted, edited, CREATED])

    assert not merged.deleted
    assert merged.fields["text"] == "kept: written while the other deleted it"


def test_a_deletion_that_had_seen_every_version_removes_the_entry() -> None:
    edited = _version("b", 5, ("a",), text="then edited")
    deleted = _version("c", 9, ("b",), deleted=True)

    assert merge_entry([deleted, CREATED, edited]).deleted


def test_an_own_cards_front_and_back_written_apart_are_each_kept() -> None:
    card = EntryVersion(
        "a", (f"{1:015d}-0000000000", "device", "a"), frozenset(), {"front": "F", "back": "B"}
    )
    laptop = _version("b", 5, ("a",), front="F, said kindly", back="B, shorter")
    clinic = _version("c", 7, ("a",), back="B, with an example")

    merged = merge_entry([card, laptop, clinic], ("front", "back", "personal_note"))

    assert (merged.fields["front"], merged.fields["back"]) == (
        "F, said kindly",
        "B, with an example",
    )
    assert merged.kept_texts == (KeptText("b", "B, shorter", "back"),)


def test_a_goals_note_written_apart_is_kept_and_one_emptied_is_not() -> None:
    goal = EntryVersion(
        "a", (f"{1:015d}-0000000000", "device", "a"), frozenset(), {"text": "G", "note": "N"}
    )
    laptop = _version("b", 5, ("a",), note="Ask Sam to cover")
    clinic = _version("c", 7, ("a",), note="Tuesdays are hardest")
    emptied = _version("d", 9, ("a",), note="")

    kept = merge_entry([goal, laptop, clinic], ("text", "note")).kept_texts
    assert kept == (KeptText("b", "Ask Sam to cover", "note"),)
    merged = merge_entry([goal, laptop, clinic, emptied], ("text", "note"))
    # The emptied note is the goal's now; both notes written before it stay kept.
    assert merged.fields["note"] == ""
    assert [text.text for text in merged.kept_texts] == ["Ask Sam to cover", "Tuesdays are hardest"]
