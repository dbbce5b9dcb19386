"""What an import will do, shown before it is done, and then done all at once.

Every importer (a cards CSV, an Anki package, Anki's plain-text export) reads its file into
``IncomingCard`` records; ``plan_import`` compares them with the collection and sorts each into
new, updated, unchanged (some of them kept as they are here, with the reason) or refused (with
where and why). ``apply_plan`` then adds and changes them in one transaction, or, while anything
is refused and the person did not choose to leave those out, changes nothing.

A card already here is found by its Anki note's GUID (``anki_ids``) or by the same front (case
and spacing aside). An own card takes the incoming text; a card that comes with the app keeps
its wording; an own card edited here after the note's last edit in Anki keeps the edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from imperfect_trainer.deck.content.cards import (
    OWN_SOURCE,
    CardContent,
    CardFieldError,
    CardKind,
    card_from_fields,
    front_key,
    own_card_id,
)
from imperfect_trainer.deck.content.deck_merge import CardChangedError, OwnCardEdit
from imperfect_trainer.deck.interchange.anki_ids import note_guid
from imperfect_trainer.deck.storage.models import Card
from imperfect_trainer.deck.store import Store

# An own card's section is a heading the person chooses; this one when they leave it blank.
DEFAULT_SECTION = "My own cards"
# How many of each kind of change the summary names one by one (refusals are all named).
LISTED = 20


class ImportFileError(ValueError):
    """A file could not be imported; the message names the file, the line and the field."""

    def __init__(self, path: Path, line: int | None, field: str | None, message: str) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.message = message
        parts = [str(path)]
        if line is not None:
            parts.append(f"line {line}")
        if field:
            parts.append(f"field {field!r}")
        super().__init__(", ".join(parts) + f": {message}")


@dataclass(frozen=True, slots=True)
class IncomingCard:
    """One card as a file gives it, before it is compared with the collection.

    ``where`` names it for the person ("line 4", "Anki note nid:1712…"); ``kind``, ``tags``
    and ``section`` are None when the file does not say (a new card takes the chosen kind, no
    tags and the default section; a card already here keeps its own). ``modified`` is the
    note's last edit in Anki, when known; ``problem`` is (field, why) when the file's own text
    is already wrong.
    """

    where: str
    line: int | None
    front: str
    back: str
    kind: CardKind | None = None
    tags: tuple[str, ...] | None = None
    section: str | None = None
    guid: str | None = None
    modified: dt.datetime | None = None
    problem: tuple[str | None, str] | None = None


@dataclass(frozen=True, slots=True)
class Refused:
    where: str
    line: int | None
    field: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class Kept:
    """In the file with other text, but left as it is here, and why."""

    where: str
    card_id: str
    reason: str


@dataclass
class ImportPlan:
    path: Path
    new: list[tuple[str, CardContent]] = field(default_factory=list)
    updated: list[tuple[str, OwnCardEdit]] = field(default_factory=list)
    unchanged: int = 0
    kept: list[Kept] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    # What the person should know about the whole file (its history, its pictures, its tags).
    remarks: list[str] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return len(self.new) + len(self.updated)

    def summary(self) -> list[str]:
        """The plan as the command prints it, before and after the import alike."""
        lines = [
            f"{self.path}: {len(self.new)} new, {len(self.updated)} updated, "
            f"{self.unchanged + len(self.kept)} unchanged, {len(self.refused)} refused"
        ]
        lines += [f"  {remark}" for remark in self.remarks]
        lines += _listed("new", [f"{where}: {_short(card.front)}" for where, card in self.new])
        lines += _listed(
            "updated",
            [f"{where}: {_short(edit.content.front)} ({_what_changed(edit)})"
             for where, edit in self.updated],
        )  # fmt: skip
        lines += _listed(
            "unchanged", [f"{k.where}: kept as it is here ({k.reason})" for k in self.kept]
        )
        lines += [
            f"  refused  {refusal.where}"
            + (f", field {refusal.field!r}" if refusal.field else "")
            + f": {refusal.reason}"
            for refusal in self.refused
        ]
        return lines


class ImportRefusedError(ImportFileError):
    """Some cards of a file are refused, so none was imported; ``plan`` lists them all."""

    def __init__(self, plan: ImportPlan) -> None:
        first = plan.refused[0]
        more = len(plan.refused) - 1
        also = f" (and {more} more refused)" if more else ""
        super().__init__(plan.path, first.line, first.field, first.reason + also)
        self.plan = plan


def plan_import(
    store: Store,
    path: Path,
    incoming: Sequence[IncomingCard],
    *,
    default_kind: CardKind,
    new_id: Callable[[IncomingCard], str] | None = None,
) -> ImportPlan:
    """Compare ``incoming`` with the collection; nothing is written."""
    with store.unit_of_work() as session:
        cards = [
            _Existing(
                CardContent(
                    card.id,
                    CardKind(card.kind),
                    card.source,
                    card.section,
                    card.front,
                    card.back,
                    tuple(card.tags.split()),
                ),
                card.origin == "own",
                card.retired,
                card.updated_at,
            )
            for card in session.scalars(select(Card))
        ]
    by_id = {card.content.id: card for card in cards}
    by_guid = {note_guid(card.content.id): card for card in cards}
    by_front = {front_key(card.content.front): card for card in cards if not card.retired}
    plan = ImportPlan(Path(path))
    fronts_seen: dict[str, str] = {}
    cards_seen: dict[str, str] = {}
    for item in incoming:
        _plan_one(
            plan, item, by_id, by_guid, by_front, fronts_seen, cards_seen, default_kind,
            new_id or _default_new_id,
        )  # fmt: skip
    return plan


def apply_plan(store: Store, plan: ImportPlan, now: dt.datetime, *, skip_refused: bool) -> None:
    """Do what ``plan`` says in one transaction; with refusals (unless ``skip_refused``), or
    when the collection changed since the plan, nothing at all."""
    if plan.refused and not skip_refused:
        raise ImportRefusedError(plan)
    if not plan.changes:
        return
    try:
        store.cards.import_own(
            [card for _, card in plan.new], [edit for _, edit in plan.updated], now
        )
    except IntegrityError:
        # The window added one of these cards between the plan and this transaction.
        raise ImportFileError(
            plan.path, None, "front", "a card with one of these fronts was just added; import again"
        ) from None
    except CardChangedError as error:
        raise ImportFileError(
            plan.path, None, None, f"{error.card_id} was just changed in the window; import again"
        ) from None


@dataclass(frozen=True, slots=True)
class _Existing:
    content: CardContent
    own: bool
    retired: bool
    updated_at: dt.datetime


def _default_new_id(item: IncomingCard) -> str:
    return own_card_id(item.front)


def _plan_one(
    plan: ImportPlan,
    item: IncomingCard,
    by_id: dict[str, _Existing],
    by_guid: dict[str, _Existing],
    by_front: dict[str, _Existing],
    fronts_seen: dict[str, str],
    cards_seen: dict[str, str],
    default_kind: CardKind,
    new_id: Callable[[IncomingCard], str],
) -> None:
    def refuse(field_name: str | None, reason: str) -> None:
        plan.refused.append(Refused(item.where, item.line, field_name, reason))

    if item.problem is not None:
        refuse(*item.problem)
        return
    key = front_key(item.front)
    if key and key in fronts_seen:
        refuse("front", f"the same front is already at {fronts_seen[key]}")
        return
    found = by_guid.get(item.guid) if item.guid else None
    by_same_front = found is None
    if found is None:
        found = by_front.get(key)
    if found is None:
        card_id = new_id(item)
        if card_id in by_id:
            # Same id, other front: this row was imported before and the card since edited.
            refuse("front", f"was imported before as {card_id}, since edited here")
            return
        content = _checked(
            item, card_id, item.kind or default_kind, item.tags or (), item.section, refuse
        )
        if content is not None:
            fronts_seen[key] = item.where
            cards_seen[card_id] = item.where
            plan.new.append((item.where, content))
        return
    card_id = found.content.id
    if card_id in cards_seen:
        refuse("front", f"is the same card ({card_id}) as {cards_seen[card_id]}")
        return
    fronts_seen[key] = item.where
    cards_seen[card_id] = item.where
    if found.retired:
        plan.kept.append(Kept(item.where, card_id, "retired by a deck update"))
        return
    if not found.own:
        same = (found.content.front, found.content.back) == (item.front, item.back)
        if same:
            plan.unchanged += 1
        elif by_same_front:
            refuse("front", f"a card that comes with the app has this front ({card_id})")
        else:
            plan.kept.append(Kept(item.where, card_id, "it comes with the app"))
        return
    content = _checked(
        item,
        card_id,
        item.kind or found.content.kind,
        found.content.tags if item.tags is None else item.tags,
        item.section or found.content.section,
        refuse,
    )
    if content is None:
        return
    if content == found.content:
        plan.unchanged += 1
        return
    other = by_front.get(front_key(content.front))
    if other is not None and other.content.id != card_id:
        refuse("front", f"another card already has this front ({other.content.id})")
        return
    if item.modified is not None and found.updated_at > item.modified:
        edited = f"edited here {found.updated_at:%d %B %Y}, in Anki {item.modified:%d %B %Y}"
        plan.kept.append(Kept(item.where, card_id, edited))
        return
    plan.updated.append((item.where, OwnCardEdit(content, found.content)))


def _checked(
    item: IncomingCard,
    card_id: str,
    kind: CardKind,
    tags: tuple[str, ...],
    section: str | None,
    refuse: Callable[[str | None, str], None],
) -> CardContent | None:
    section = (section or "").strip() or DEFAULT_SECTION
    raw = {
        "id": card_id,
        "kind": kind.value,
        "source": OWN_SOURCE,
        "section": section,
        "front": item.front,
        "back": item.back,
        "tags": list(tags),
    }
    try:
        # An own card's section is free text, so the one it names is the one it may have.
        return card_from_fields(raw, known_sources={OWN_SOURCE: {section}})
    except CardFieldError as error:
        # The id is made from the front, so a problem with it is a problem with the front.
        refuse("front" if error.field == "id" else error.field, error.message)
        return None


def _listed(label: str, items: list[str]) -> list[str]:
    lines = [f"  {label:<9}{item}" for item in items[:LISTED]]
    if len(items) > LISTED:
        lines.append(f"  {label:<9}… and {len(items) - LISTED} more")
    return lines


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _what_changed(edit: OwnCardEdit) -> str:
    names = ("front", "back", "kind", "tags", "section")
    after, before = edit.content, edit.was
    pairs = (
        (after.front, before.front),
        (after.back, before.back),
        (after.kind, before.kind),
        (after.tags, before.tags),
        (after.section, before.section),
    )
    return ", ".join(name for name, (new, old) in zip(names, pairs, strict=True) if new != old)
