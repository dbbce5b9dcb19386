"""Event ids: UUIDv7 (RFC 9562), made on the computer that made the event (pure).

The first 48 bits are the event's clock milliseconds, so ids sort roughly as the events were
made and index well on the hub; the next 12 bits carry the clock's counter (RFC 9562's
"fixed-length dedicated counter"), so ids made within one millisecond still sort in order; the
rest is random, given by the caller (nothing here reads a clock or a random source).
"""

from __future__ import annotations

import uuid

from imperfect_trainer.deck.sync.clock import Hlc

RANDOM_BYTES = 8
_VERSION = 7


def event_id(stamp: Hlc, random_bytes: bytes) -> uuid.UUID:
    """The id of an event stamped ``stamp``; ``random_bytes`` is 8 bytes from a random source."""
    return uuid.UUID(int=_value(stamp, random_bytes))


def event_id_text(stamp: Hlc, random_bytes: bytes) -> str:
    """``event_id`` as its canonical text, made without a ``uuid.UUID`` (a first sync makes
    a million of them)."""
    digits = f"{_value(stamp, random_bytes):032x}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def _value(stamp: Hlc, random_bytes: bytes) -> int:
    if len(random_bytes) != RANDOM_BYTES:
        raise ValueError(f"an event id needs {RANDOM_BYTES} random bytes")
    wall = stamp.wall_ms & ((1 << 48) - 1)
    counter = min(stamp.counter, 0xFFF)
    random_part = int.from_bytes(random_bytes, "big") & ((1 << 62) - 1)
    return (wall << 80) | (_VERSION << 76) | (counter << 64) | (0b10 << 62) | random_part


def is_event_id(value: uuid.UUID) -> bool:
    return value.version == _VERSION and value.variant == uuid.RFC_4122
