"""Event ids are UUIDv7: sortable by the clock that stamped them, random beyond it."""

from __future__ import annotations

import uuid

import pytest

from imperfect_trainer.deck.sync.clock import Hlc
from imperfect_trainer.deck.sync.event_ids import event_id, event_id_text, is_event_id

NOON = 1_796_000_000_000


def test_an_event_id_is_a_version_7_uuid_carrying_its_milliseconds() -> None:
    made = event_id(Hlc(NOON, 0), bytes(range(8)))

    assert made.version == 7
    assert made.variant == uuid.RFC_4122
    assert is_event_id(made)
    assert made.int >> 80 == NOON


def test_ids_sort_as_their_stamps_whatever_their_random_part() -> None:
    stamps = [Hlc(NOON, 0), Hlc(NOON, 1), Hlc(NOON, 2), Hlc(NOON + 1, 0), Hlc(NOON + 86_400_000)]
    randoms = [b"\xff" * 8, b"\x00" * 8, b"\x80" * 8, b"\x01" * 8, b"\x7f" * 8]

    ids = [event_id(stamp, random) for stamp, random in zip(stamps, randoms, strict=True)]

    assert sorted(ids, key=str) == ids


def test_the_same_stamp_with_other_random_bytes_is_another_id() -> None:
    assert event_id(Hlc(NOON), b"\x00" * 8) != event_id(Hlc(NOON), b"\x00" * 7 + b"\x01")


def test_an_id_needs_its_eight_random_bytes() -> None:
    with pytest.raises(ValueError, match="8 random bytes"):
        event_id(Hlc(NOON), b"\x00" * 4)


def test_a_random_uuid4_is_not_taken_for_an_event_id() -> None:
    assert not is_event_id(uuid.UUID("8a6e0804-2bd0-4672-b79d-d97027f9071a"))


@pytest.mark.parametrize("random", [b"\x00" * 8, b"\xff" * 8, bytes(range(8)), b"\x80\x01" * 4])
@pytest.mark.parametrize("stamp", [Hlc(0), Hlc(NOON, 5), Hlc(NOON, 70_000), Hlc(2**48 + 3)])
def test_the_text_made_in_bulk_is_the_ids_own(stamp: Hlc, random: bytes) -> None:
    assert event_id_text(stamp, random) == str(event_id(stamp, random))
