"""The hybrid logical clock that orders a person's events across their computers (pure).

Wall clocks disagree (a laptop an hour behind, one a year ahead after a flat battery), so an
event is stamped with the largest moment its computer has *seen*: its own clock or any stamp
it has received, with a counter for events within one millisecond. An event made after a
computer received another therefore always orders after it, whatever its wall clock says;
that causality is what the merged replay of a card's answers needs (Kulkarni et al., "Logical
Physical Clocks", 2014). Moments come in as milliseconds: nothing here reads a clock.

A stamp received from a computer whose clock is far ahead moves this clock no further than
``AHEAD_LIMIT_MS`` past this computer's own: the event keeps its stamp (every computer orders
it the same), but one computer set a year ahead cannot drag every other computer's later
answers a year ahead with it, behind which a computer that had not heard of it yet would fall.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_WALL_DIGITS = 15
AHEAD_LIMIT_MS = 24 * 3_600_000
_COUNTER_DIGITS = 10


@dataclass(frozen=True, order=True, slots=True)
class Hlc:
    """A stamp: milliseconds since the epoch, and a counter within that millisecond."""

    wall_ms: int
    counter: int = 0
    # Its text, once written or read (a first sync reads and keeps a million stamps).
    _text: str | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not 0 <= self.wall_ms < 10**_WALL_DIGITS or not 0 <= self.counter < 10**_COUNTER_DIGITS:
            raise ValueError(f"not a clock stamp: {self.wall_ms}, {self.counter}")

    @property
    def text(self) -> str:
        """Fixed width, so text order is clock order (the hub and SQLite sort it as text)."""
        text = self._text
        if text is None:
            text = f"{self.wall_ms:0{_WALL_DIGITS}d}-{self.counter:0{_COUNTER_DIGITS}d}"
            object.__setattr__(self, "_text", text)
        return text

    @classmethod
    def parse(cls, text: str) -> Hlc:
        if not _STAMP.fullmatch(text):
            raise ValueError(f"not a clock stamp: {text!r}")
        # Its digits fit their widths, so the stamp is in range without ``__post_init__``'s
        # check (a first sync reads a million); the text is its own, kept as it came.
        stamp = object.__new__(cls)
        setattr_ = object.__setattr__
        setattr_(stamp, "wall_ms", int(text[:_WALL_DIGITS]))
        setattr_(stamp, "counter", int(text[_WALL_DIGITS + 1 :]))
        setattr_(stamp, "_text", text)
        return stamp


_STAMP = re.compile(f"[0-9]{{{_WALL_DIGITS}}}-[0-9]{{{_COUNTER_DIGITS}}}")


START = Hlc(0, 0)


def tick(last: Hlc, physical_ms: int) -> Hlc:
    """The stamp of a new local event made at ``physical_ms``: later than ``last`` always."""
    if physical_ms > last.wall_ms:
        return Hlc(physical_ms, 0)
    return Hlc(last.wall_ms, last.counter + 1)


def receive(last: Hlc, remote: Hlc, physical_ms: int) -> Hlc:
    """The clock after an event stamped ``remote`` arrived at ``physical_ms``: later than both,
    unless ``remote`` is more than ``AHEAD_LIMIT_MS`` ahead of ``physical_ms``, when it counts
    as that far ahead and no further."""
    limit = physical_ms + AHEAD_LIMIT_MS
    if remote.wall_ms > limit:
        remote = Hlc(limit, 0)
    wall = max(last.wall_ms, remote.wall_ms, physical_ms)
    if wall == last.wall_ms == remote.wall_ms:
        return Hlc(wall, max(last.counter, remote.counter) + 1)
    if wall == last.wall_ms:
        return Hlc(wall, last.counter + 1)
    if wall == remote.wall_ms:
        return Hlc(wall, remote.counter + 1)
    return Hlc(wall, 0)


def receive_all(last: Hlc, remotes: Iterable[Hlc], physical_ms: int) -> Hlc:
    """The clock after ``remotes`` arrived one after another at ``physical_ms``: ``receive``
    for each, in whole numbers (a first sync receives a million stamps)."""
    limit = physical_ms + AHEAD_LIMIT_MS
    wall, counter = last.wall_ms, last.counter
    for remote in remotes:
        remote_wall, remote_counter = remote.wall_ms, remote.counter
        if remote_wall > limit:
            remote_wall, remote_counter = limit, 0
        moved = max(wall, remote_wall, physical_ms)
        if moved == wall == remote_wall:
            counter = max(counter, remote_counter) + 1
        elif moved == wall:
            counter += 1
        elif moved == remote_wall:
            counter = remote_counter + 1
        else:
            counter = 0
        wall = moved
    return Hlc(wall, counter)
