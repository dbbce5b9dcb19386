"""The events computers exchange through the hub, as JSON, checked on the way in (pure).

An event read from the hub may have been written by anything holding the person's login (their
own psql too): each is checked field by field, and one that does not read as an event is left
out of the merge (``UnreadableEventError``), never half applied.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from imperfect_trainer.deck.sync.clock import Hlc
from imperfect_trainer.deck.sync.event_ids import is_event_id

ANSWER = "answer"
UNDO = "undo"
ENTRY = "entry"
GOAL = "goal"
SETTING = "setting"
CARD = "card"
FRESH = "fresh"
SESSION = "session"
# A text written apart the person added or was done with (its subject): shown on no computer.
SEEN = "seen"
KINDS = (ANSWER, UNDO, ENTRY, GOAL, SETTING, CARD, FRESH, SESSION, SEEN)
_LONGEST_TEXT = 1_000_000


class UnreadableEventError(ValueError):
    """An event on the hub that is not one this app wrote."""


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    hlc: Hlc
    device: str
    kind: str
    # The card an answer, undo, fresh start or card version is about, the journal entry's,
    # goal's or debrief practice's own id, a setting's key.
    subject: str
    payload: Mapping[str, Any]
    # The payload's JSON text as it came from the hub (kept as it is, not written again).
    text: str | None = field(default=None, compare=False, repr=False)

    @property
    def order(self) -> tuple[str, str, str]:
        return (self.hlc.text, self.device, self.event_id)

    def payload_text(self) -> str:
        if self.text is not None:
            return self.text
        return _PAYLOAD_TEXT(self.payload)


# One encoder for every payload written here (``json.dumps`` with options makes one per call).
_PAYLOAD_TEXT = json.JSONEncoder(sort_keys=True, separators=(",", ":")).encode


def checked_event(
    event_id: object, hlc: object, device: object, kind: object, subject: object, payload: object
) -> Event:
    """The event from a hub row; raises ``UnreadableEventError``."""
    try:
        identity = _event_id_text(event_id)
        if not (isinstance(device, str) and _CANONICAL_UUID.fullmatch(device)):
            uuid.UUID(str(device))
        stamp = Hlc.parse(str(hlc))
    except ValueError as error:
        raise UnreadableEventError(f"event {event_id!r}: {error}") from None
    if kind not in KINDS or not isinstance(subject, str) or not 0 < len(subject) <= 200:
        raise UnreadableEventError(f"event {event_id!r}: kind {kind!r} or subject")
    if kind == SEEN and not _is_kept_key(subject):
        raise UnreadableEventError(f"seen {event_id!r}: names no text kept")
    text = payload if isinstance(payload, str) else None
    if text is not None:
        if kind == ANSWER and (answer := _hub_answer(text)) is not None:
            return Event(identity, stamp, str(device), ANSWER, subject, answer, text)
        try:
            payload = json.loads(text)
        except ValueError:
            raise UnreadableEventError(f"event {event_id!r}: payload is not JSON") from None
    if not isinstance(payload, dict):
        raise UnreadableEventError(f"event {event_id!r}: payload is not an object")
    _CHECKS[str(kind)](payload, str(event_id))
    return Event(identity, stamp, str(device), str(kind), subject, payload, text)


# As the hub writes a uuid out (a million of them are read at a first sync: no parse for these).
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_CANONICAL_EVENT_ID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
)


def _event_id_text(event_id: object) -> str:
    """``event_id`` in its canonical form; raises ``ValueError`` if it is not a UUIDv7."""
    if isinstance(event_id, str) and _CANONICAL_EVENT_ID.fullmatch(event_id):
        return event_id
    identity = uuid.UUID(str(event_id))
    if not is_event_id(identity):
        raise ValueError("not a UUIDv7")
    return str(identity)


# An answer's payload as the hub writes its jsonb out (keys by length, then bytes): a first sync
# reads a million, and one that is exactly this is read without parsing JSON. Its texts are
# printable ASCII without a quote or backslash, so each reads as JSON would read it; anything
# else (another form, an escape, a field out of range) is read and checked the general way.
_TEXT = r'"([ !#-\[\]-~]*)"'
_HUB_ANSWER = re.compile(
    r'\{"drill": (true|false), "grade": (null|[0-5]), "duration_ms": (0|[1-9][0-9]{0,9}), '
    rf'"fresh_start": (true|false), "reviewed_at": {_TEXT}, "practice_day": {_TEXT}\}}'
)


def _hub_answer(text: str) -> dict[str, Any] | None:
    """The answer payload ``text`` reads as, if it is in the hub's form and every field is in
    range; ``None`` otherwise (for the general reading to read or refuse)."""
    found = _HUB_ANSWER.fullmatch(text)
    if found is None:
        return None
    drill, grade, duration, fresh, reviewed_at, day = found.groups()
    duration_ms = int(duration)
    if duration_ms >= 2**31 or not (_is_moment(reviewed_at) and _is_day(day)):
        return None
    return {
        "drill": _LITERALS[drill],
        "grade": _LITERALS[grade],
        "duration_ms": duration_ms,
        "fresh_start": _LITERALS[fresh],
        "reviewed_at": reviewed_at,
        "practice_day": day,
    }


_LITERALS: dict[str, bool | int | None] = {
    "true": True, "false": False, "null": None, **{str(grade): grade for grade in range(6)}
}  # fmt: skip


def _check_answer(payload: Mapping[str, Any], event_id: str) -> None:
    grade = payload.get("grade")
    ok = (
        (grade is None or (type(grade) is int and 0 <= grade <= 5))
        and _is_day(payload.get("practice_day"))
        and _is_moment(payload.get("reviewed_at"))
        and type(payload.get("duration_ms")) is int
        and 0 <= payload["duration_ms"] < 2**31
        and type(payload.get("drill")) is bool
        and type(payload.get("fresh_start")) is bool
    )
    if not ok:
        raise UnreadableEventError(f"answer {event_id}: fields missing or out of range")


def _check_undo(payload: Mapping[str, Any], event_id: str) -> None:
    if not _is_uuid(payload.get("answer")):
        raise UnreadableEventError(f"undo {event_id}: names no answer")


def _check_fresh(payload: Mapping[str, Any], event_id: str) -> None:
    if not _is_moment(payload.get("at")):
        raise UnreadableEventError(f"fresh start {event_id}: moment")


def _check_seen(payload: Mapping[str, Any], event_id: str) -> None:
    if payload:
        raise UnreadableEventError(f"seen {event_id}: payload")


def _check_setting(payload: Mapping[str, Any], event_id: str) -> None:
    value = payload.get("value")
    if not isinstance(value, str) or len(value) > _LONGEST_TEXT:
        raise UnreadableEventError(f"setting {event_id}: value")


def _check_version(
    kind: str, checks: Mapping[str, Callable[[object], bool]]
) -> Callable[[Mapping[str, Any], str], None]:
    """The check of a version of a row kept across computers (a journal entry, a goal): its
    parents, and its changed fields, each known and in range, or its deletion."""

    def check(payload: Mapping[str, Any], event_id: str) -> None:
        parents = payload.get("parents")
        if not isinstance(parents, list) or not all(_is_uuid(parent) for parent in parents):
            raise UnreadableEventError(f"{kind} {event_id}: parents")
        if payload.get("deleted") is True:
            return
        changed = payload.get("changed")
        if not isinstance(changed, dict) or not changed or not set(changed) <= set(checks):
            raise UnreadableEventError(f"{kind} {event_id}: changed fields")
        for name, value in changed.items():
            if not checks[name](value):
                raise UnreadableEventError(f"{kind} {event_id}: {name}")

    return check


def _is_card(value: object) -> bool:
    return value is None or (isinstance(value, str) and 0 < len(value) <= 120)


def _is_situations(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(situation, str) and 0 < len(situation) <= 40 for situation in value
    )


# A journal entry's fields as events carry them ("answer" is the answer event it reflects on).
_ENTRY_CHECKS: dict[str, Callable[[object], bool]] = {
    "kind": lambda value: isinstance(value, str) and 0 < len(value) <= 20,
    "card": _is_card,
    "answer": lambda value: value is None or _is_uuid(value),
    "practice_day": lambda value: _is_day(value),
    "created_at": lambda value: _is_moment(value),
    "updated_at": lambda value: _is_moment(value),
    "text": lambda value: isinstance(value, str) and len(value) <= _LONGEST_TEXT,
    "shared": lambda value: type(value) is bool,
    "situations": _is_situations,
    # The debrief's practice (its id across computers).
    "session": lambda value: _is_optional_uuid(value),
}
# A goal's fields, its check with it.
_GOAL_CHECKS: dict[str, Callable[[object], bool]] = {
    "position": lambda value: type(value) is int and 0 <= value < 2**31,
    "text": _ENTRY_CHECKS["text"],
    "striving": lambda value: value is None or (isinstance(value, str) and 0 < len(value) <= 20),
    "discussed_in_supervision": lambda value: value is None or type(value) is bool,
    "note": _ENTRY_CHECKS["text"],
    "created_at": _ENTRY_CHECKS["created_at"],
    "updated_at": _ENTRY_CHECKS["updated_at"],
    "revisited_day": _ENTRY_CHECKS["practice_day"],
    "shared": _ENTRY_CHECKS["shared"],
}


def _is_short(longest: int) -> Callable[[object], bool]:
    return lambda value: isinstance(value, str) and 0 < len(value) <= longest


def _is_note(value: object) -> bool:
    return value is None or (isinstance(value, str) and len(value) <= _LONGEST_TEXT)


# A card's fields: an own card's every one, a built-in card's note and suspension.
_CARD_CHECKS: dict[str, Callable[[object], bool]] = {
    "kind": _is_short(20),
    "source": _is_short(60),
    "section": _is_short(200),
    "front": _ENTRY_CHECKS["text"],
    "back": _ENTRY_CHECKS["text"],
    "tags": lambda value: isinstance(value, str) and len(value) <= 2000,
    "origin": lambda value: value == "own",
    "position": _GOAL_CHECKS["position"],
    "retired": _ENTRY_CHECKS["shared"],
    "suspended": _ENTRY_CHECKS["shared"],
    "personal_note": _is_note,
    "created_at": _ENTRY_CHECKS["created_at"],
    "updated_at": _ENTRY_CHECKS["updated_at"],
}
# A debrief's practice.
_SESSION_CHECKS: dict[str, Callable[[object], bool]] = {
    "kind": lambda value: value == "debrief",
    "practice_day": _ENTRY_CHECKS["practice_day"],
    "started_at": _ENTRY_CHECKS["created_at"],
    "ended_at": lambda value: value is None or _is_moment(value),
    "planned_seconds": lambda value: type(value) is int and 0 <= value < 2**31,
    # The answers given in it (their events).
    "answers": lambda value: (
        isinstance(value, list)
        and len(value) <= 10_000
        and all(_is_uuid(answer) for answer in value)
    ),
}
_CHECKS = {
    ANSWER: _check_answer,
    UNDO: _check_undo,
    ENTRY: _check_version(ENTRY, _ENTRY_CHECKS),
    GOAL: _check_version(GOAL, _GOAL_CHECKS),
    SETTING: _check_setting,
    CARD: _check_version(CARD, _CARD_CHECKS),
    FRESH: _check_fresh,
    SESSION: _check_version(SESSION, _SESSION_CHECKS),
    SEEN: _check_seen,
}


def _is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def _is_kept_key(value: str) -> bool:
    """A kept text's key (``versioned_rows.kept_key``): its version's id, and the field it was
    written in when that is not the text (a card's ``front``, a goal's ``note``)."""
    version, colon, written_in = value.partition(":")
    return _is_uuid(version) and (not colon or written_in in _KEPT_FIELDS)


# The fields a text written apart is kept from, besides an entry's or goal's text.
_KEPT_FIELDS = frozenset({"note", "front", "back", "personal_note"})


def _is_optional_uuid(value: object) -> bool:
    return value is None or _is_uuid(value)


def _is_day(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_moment(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True
