"""Rows read from the hub become events only when every field reads as one of ours."""

from __future__ import annotations

import json
from typing import Any

import pytest

from imperfect_trainer.deck.sync.clock import Hlc
from imperfect_trainer.deck.sync.event_ids import event_id
from imperfect_trainer.deck.sync.events import UnreadableEventError, checked_event

STAMP = Hlc(1_796_000_000_000, 2)
IDENTITY = str(event_id(STAMP, b"\x01" * 8))
DEVICE = "5b0f1c1e-7f1e-4b52-9f5e-3f1c2b7a9d10"
ANSWER = {
    "reviewed_at": "2026-11-23 07:30:00.000000",
    "practice_day": "2026-11-23",
    "grade": 4,
    "duration_ms": 3200,
    "drill": False,
    "fresh_start": False,
}


def test_an_answer_as_the_hub_hands_it_back_reads_as_the_event_sent() -> None:
    event = checked_event(IDENTITY, STAMP.text, DEVICE, "answer", "card-1", json.dumps(ANSWER))

    assert (event.event_id, event.hlc, event.subject, dict(event.payload)) == (
        IDENTITY,
        STAMP,
        "card-1",
        ANSWER,
    )


def _as_the_hub_writes(payload: dict[str, Any]) -> str:
    """``payload`` as PostgreSQL writes a jsonb out: keys by length, then bytes."""
    ordered = sorted(payload.items(), key=lambda item: (len(item[0]), item[0]))
    fields = (f"{json.dumps(key)}: {json.dumps(value)}" for key, value in ordered)
    return "{" + ", ".join(fields) + "}"


@pytest.mark.parametrize(
    "text",
    [
        _as_the_hub_writes(ANSWER),
        _as_the_hub_writes(
            {**ANSWER, "grade": None, "drill": True, "fresh_start": True, "duration_ms": 0}
        ),
        _as_the_hub_writes({**ANSWER, "grade": 0, "duration_ms": 2**31 - 1}),
        _as_the_hub_writes({**ANSWER, "reviewed_at": "2026-11-23 07:30:00.000000+01:00"}),
        # An escaped character (no form of the hub's own) reads as JSON reads it.
        _as_the_hub_writes(ANSWER).replace("07:30:00", "07:3\\u0030:00"),
    ],
)
def test_an_answer_in_the_hubs_own_form_reads_as_sent(text: str) -> None:
    event = checked_event(IDENTITY, STAMP.text, DEVICE, "answer", "card-1", text)

    assert (dict(event.payload), event.payload_text()) == (json.loads(text), text)


@pytest.mark.parametrize(
    "text",
    [
        _as_the_hub_writes({**ANSWER, "grade": 6}),
        _as_the_hub_writes({**ANSWER, "duration_ms": 2**31}),
        _as_the_hub_writes({**ANSWER, "practice_day": "2026-13-01"}),
        _as_the_hub_writes({**ANSWER, "reviewed_at": "23 November"}),
        _as_the_hub_writes({key: value for key, value in ANSWER.items() if key != "drill"}),
        # A control character written raw is no JSON, though the day and time read.
        _as_the_hub_writes(ANSWER).replace("2026-11-23 07:30", "2026-11-23\x0107:30"),
    ],
)
def test_an_answer_in_the_hubs_form_with_a_field_out_of_range_is_left_out(text: str) -> None:
    with pytest.raises(UnreadableEventError):
        checked_event(IDENTITY, STAMP.text, DEVICE, "answer", "card-1", text)


@pytest.mark.parametrize(
    "change",
    [
        {"grade": 6},
        {"grade": True},
        {"grade": "4"},
        {"practice_day": "23/11/2026"},
        {"duration_ms": -1},
        {"drill": "no"},
        {"fresh_start": None},
    ],
)
def test_an_answer_with_a_field_out_of_range_is_left_out(change: dict[str, Any]) -> None:
    with pytest.raises(UnreadableEventError):
        checked_event(IDENTITY, STAMP.text, DEVICE, "answer", "card-1", {**ANSWER, **change})


@pytest.mark.parametrize(
    ("identity", "stamp", "kind", "payload"),
    [
        ("8a6e0804-2bd0-4672-b79d-d97027f9071a", STAMP.text, "answer", ANSWER),  # a UUIDv4
        (IDENTITY, "yesterday", "answer", ANSWER),
        (IDENTITY, STAMP.text, "drop table", ANSWER),
        (IDENTITY, STAMP.text, "answer", "[1, 2]"),
        (IDENTITY, STAMP.text, "undo", {"answer": "not an id"}),
        (IDENTITY, STAMP.text, "entry", {"parents": [], "changed": {"owner": "someone"}}),
        (IDENTITY, STAMP.text, "entry", {"parents": [], "changed": {"text": 12}}),
        (IDENTITY, STAMP.text, "card", {"parents": [], "changed": {"origin": "builtin"}}),
        (IDENTITY, STAMP.text, "card", {"parents": [], "changed": {"suspended": "yes"}}),
        (IDENTITY, STAMP.text, "fresh", {"at": "after lunch"}),
        (IDENTITY, STAMP.text, "session", {"parents": [], "changed": {"kind": "daily"}}),
        (IDENTITY, STAMP.text, "session", {"parents": [], "changed": {"answers": ["x"]}}),
        (IDENTITY, STAMP.text, "seen", {}),  # its subject, "subject", names no text kept
    ],
)
def test_a_row_that_is_no_event_of_ours_is_left_out(
    identity: str, stamp: str, kind: str, payload: object
) -> None:
    with pytest.raises(UnreadableEventError):
        checked_event(identity, stamp, DEVICE, kind, "subject", payload)


def test_a_cards_version_a_fresh_start_and_a_debriefs_practice_read_as_sent() -> None:
    card = {"parents": [], "changed": {"front": "F", "back": "B", "origin": "own"}}
    fresh = {"at": "2026-11-23T07:30:00+00:00"}
    practice = {"parents": [], "changed": {"kind": "debrief", "answers": [IDENTITY]}}

    for kind, payload in (("card", card), ("fresh", fresh), ("session", practice)):
        event = checked_event(IDENTITY, STAMP.text, DEVICE, kind, "own.f-1", json.dumps(payload))
        assert (event.kind, dict(event.payload)) == (kind, payload)


@pytest.mark.parametrize("key", [IDENTITY, f"{IDENTITY}:front", f"{IDENTITY}:personal_note"])
def test_a_text_seen_elsewhere_reads_as_sent(key: str) -> None:
    event = checked_event(IDENTITY, STAMP.text, DEVICE, "seen", key, "{}")
    assert (event.kind, event.subject, dict(event.payload)) == ("seen", key, {})


@pytest.mark.parametrize(
    ("key", "payload"),
    [(IDENTITY, {"text": "x"}), (f"{IDENTITY}:owner", {}), ("front", {}), (f"{IDENTITY}:", {})],
)
def test_a_text_seen_elsewhere_naming_no_kept_text_is_left_out(key: str, payload: object) -> None:
    with pytest.raises(UnreadableEventError):
        checked_event(IDENTITY, STAMP.text, DEVICE, "seen", key, payload)


def test_every_field_a_text_is_kept_from_can_be_seen_elsewhere() -> None:
    from imperfect_trainer.deck.sync import local_cards, local_goals

    for written_in in {*local_cards.TEXTS, *local_goals.TEXTS} - {"text"}:
        checked_event(IDENTITY, STAMP.text, DEVICE, "seen", f"{IDENTITY}:{written_in}", "{}")


def test_the_sync_rules_read_no_clock_database_or_window() -> None:
    import ast

    from tests.support.paths import PACKAGE

    for name in ("clock", "event_ids", "events", "answer_replay", "entry_merge"):
        tree = ast.parse((PACKAGE / "deck" / "sync" / f"{name}.py").read_text("utf-8"))
        imported = {
            (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        roots = {module.split(".")[0] for module in imported}
        assert not roots & {"sqlalchemy", "sqlite3", "PySide6", "time", "os", "random"}, name
