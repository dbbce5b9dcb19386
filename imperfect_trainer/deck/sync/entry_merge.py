"""One journal entry (or goal, or own card) from its versions on every computer: the later
change wins per field, and typed text is never dropped (pure).

Each computer records a version of an entry whenever it finds the entry changed since the last
sync: the fields it changed, and the versions it had seen (``parents``). Two versions neither
of which had seen the other were made apart. Merged:

* each field takes the value of the latest version (clock order) that changed it;
* the text of every version made apart from the winning text is kept beside it
  (``MergedEntry.kept_texts``), to be shown to the person: nothing typed is thrown away (a
  goal has two texts, its text and its note, an own card its front and its back, each kept
  so);
* a deletion removes the entry only if it had seen every version: an entry edited on one
  computer while deleted on another stays, with the edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from imperfect_trainer.deck.sync.answer_replay import OrderKey

TEXT = "text"


@dataclass(frozen=True, slots=True)
class EntryVersion:
    """One computer's change to an entry; ``deleted`` for a deletion (no fields)."""

    event_id: str
    order: OrderKey
    parents: frozenset[str]
    changed: Mapping[str, Any] = field(default_factory=dict)
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class KeptText:
    event_id: str
    text: str
    # The field it was written in: ``text``, or an own card's ``front`` or ``back``.
    field: str = TEXT


@dataclass(frozen=True, slots=True)
class MergedEntry:
    fields: Mapping[str, Any]
    deleted: bool
    kept_texts: tuple[KeptText, ...]
    # The versions no other has seen: the parents of the next local change.
    heads: frozenset[str]


def merge_entry(versions: Iterable[EntryVersion], texts: tuple[str, ...] = (TEXT,)) -> MergedEntry:
    ordered = sorted(versions, key=lambda version: version.order)
    by_id = {version.event_id: version for version in ordered}
    seen = {version.event_id: _seen_by(version, by_id) for version in ordered}
    superseded = set().union(*seen.values()) if seen else set()
    heads = frozenset(version.event_id for version in ordered if version.event_id not in superseded)
    edits = [version for version in ordered if not version.deleted]
    fields: dict[str, Any] = {}
    for version in edits:
        fields.update(version.changed)
    deletions = [version for version in ordered if version.deleted]
    deleted = bool(deletions) and all(
        any(edit.event_id in seen[deletion.event_id] for deletion in deletions) for edit in edits
    )
    kept = tuple(
        text for name in texts for text in _kept_texts(edits, seen, name, fields.get(name))
    )
    return MergedEntry(fields, deleted, kept, heads)


def _seen_by(version: EntryVersion, by_id: Mapping[str, EntryVersion]) -> set[str]:
    """Every version ``version`` had seen, through its parents' parents."""
    found: set[str] = set()
    waiting = list(version.parents)
    while waiting:
        parent = waiting.pop()
        if parent in found:
            continue
        found.add(parent)
        if parent in by_id:
            waiting.extend(by_id[parent].parents)
    return found


def _kept_texts(
    edits: list[EntryVersion], seen: Mapping[str, set[str]], name: str, winner: object
) -> tuple[KeptText, ...]:
    """The texts written apart from the winning one: each text version no later text version
    had seen, unless it says the same as the winner or as one kept already."""
    texts = [version for version in edits if name in version.changed]
    superseded = set().union(*(seen[version.event_id] for version in texts)) if texts else set()
    kept: list[KeptText] = []
    said = {winner}
    for version in texts:
        text = version.changed[name]
        # A note taken away (None, or a goal's emptied) is no text to keep.
        if (
            version.event_id in superseded
            or text in said
            or not isinstance(text, str)
            or not text.strip()
        ):
            continue
        said.add(text)
        kept.append(KeptText(version.event_id, text, name))
    return tuple(kept)
