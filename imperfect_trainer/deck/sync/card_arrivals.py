"""The staged card versions merged, most of a first sync's in bulk: an own card this computer
never had, whose one version is all there is of it (no edit, no deletion, no trace of it here),
is written a batch at a time in a few statements. Every other card goes through
``local_cards.merge_versions``, in the same order, so both leave the same rows (a card placed
after the deck's last card sees the cards added before it)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from imperfect_trainer.deck.srs.sm2 import START_EASINESS_HUNDREDTHS
from imperfect_trainer.deck.sync import local_cards
from imperfect_trainer.deck.sync.versioned_rows import CARDS, RowMerged

if TYPE_CHECKING:
    from sqlalchemy import Connection

# Cards looked at, and at most written, at once: a statement's parameters stay under SQLite's
# oldest limit (999), and a first sync's hundred thousand cards are never all in memory.
_AT_ONCE = 500

# The staged version of each card that has no other and is neither here nor known here. Found
# through each card's versions (``+`` keeps SQLite from reading every staged event instead: a
# first sync's hundred thousand cards, once for each few hundred).
_ONLY_VERSIONS = """
    SELECT e.subject, e.event_id, e.payload FROM sync_events AS e
    WHERE e.kind = 'card' AND +e.applied = 0 AND e.subject IN ({marks})
    AND NOT EXISTS (SELECT 1 FROM sync_events AS o
        WHERE o.kind = 'card' AND o.subject = e.subject AND o.rowid <> e.rowid)
    AND NOT EXISTS (SELECT 1 FROM cards AS c WHERE c.id = e.subject)
    AND NOT EXISTS (SELECT 1 FROM sync_cards AS s WHERE s.card_key = e.subject)"""
# The cards added in bulk wait here for their schedules, in the order they were added: each is
# written once, with its answers' schedule (``answer_arrivals``) or a new card's, instead of
# written new and then changed (every change goes through the section totals' trigger).
_WAITING = """
    CREATE TEMP TABLE IF NOT EXISTS sync_arrived (place INTEGER PRIMARY KEY,
        card_id TEXT NOT NULL UNIQUE, repetitions INTEGER, easiness_hundredths INTEGER,
        interval_days INTEGER, due_day TEXT, last_review_day TEXT, introduced_day TEXT,
        review_count INTEGER, lapses INTEGER)"""
# The same columns as ``card_replay.SCHEDULE``, for a card still waiting.
DECIDED = (
    "UPDATE temp.sync_arrived SET repetitions = ?, easiness_hundredths = ?, interval_days = ?,"
    " due_day = ?, last_review_day = ?, introduced_day = ?, review_count = ?, lapses = ?"
    " WHERE card_id = ?"
)
_ADD_STATES = f"""
    INSERT INTO card_states (card_id, repetitions, easiness_hundredths, interval_days, due_day,
        last_review_day, introduced_day, review_count, lapses)
    SELECT card_id, coalesce(repetitions, 0),
        coalesce(easiness_hundredths, {START_EASINESS_HUNDREDTHS}), coalesce(interval_days, 0),
        due_day, last_review_day, introduced_day, coalesce(review_count, 0), coalesce(lapses, 0)
    FROM temp.sync_arrived ORDER BY place"""
_POSITION = local_cards.FIELDS.index("position")


class _Arrival(NamedTuple):
    card_id: str
    event_id: str
    fields: dict[str, Any]


def merge_cards(connection: Connection, card_keys: Sequence[str]) -> RowMerged:
    """Each card in ``card_keys`` (sorted) from its versions here; returns how many changed
    and how many texts written apart were kept. The schedules of the cards added in bulk wait
    for ``add_states``."""
    connection.exec_driver_sql(_WAITING)
    connection.exec_driver_sql("DELETE FROM temp.sync_arrived")
    changed = texts_kept = 0
    deck = _Deck(connection)
    for start in range(0, len(card_keys), _AT_ONCE):
        some = card_keys[start : start + _AT_ONCE]
        arriving = _arrivals(connection, some)
        waiting: list[_Arrival] = []
        for card_key in some:
            if card_key in arriving:
                waiting.append(arriving[card_key])
                continue
            changed += _add(connection, waiting, deck)
            waiting = []
            add_states(connection)
            merged = local_cards.merge_versions(connection, card_key)
            deck.changed()
            changed += merged.changed
            texts_kept += merged.texts_kept
        changed += _add(connection, waiting, deck)
    return RowMerged(changed, texts_kept)


def add_states(connection: Connection) -> None:
    """The schedules of the cards added in bulk written, in the order the cards were added
    (before any card merged one at a time, which may add a schedule of its own), each as
    decided by its answers or a new card's."""
    connection.exec_driver_sql(_ADD_STATES)
    connection.exec_driver_sql("DELETE FROM temp.sync_arrived")


class _Deck:
    """The deck's last place, read once and then followed through the cards added in bulk
    (a first sync's hundred thousand cards, a ``max`` over all of them for each few hundred);
    read again after any card merged one at a time, which may add, move or delete one."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._last: Any = None
        self._known = False

    def last(self) -> Any:
        if not self._known:
            self._last = self._connection.exec_driver_sql(
                "SELECT max(position) FROM cards"
            ).scalar()
            self._known = True
        return self._last

    def placed(self, last: Any) -> None:
        self._last, self._known = last, True

    def changed(self) -> None:
        self._known = False


def _arrivals(connection: Connection, card_keys: Sequence[str]) -> dict[str, _Arrival]:
    """The cards among ``card_keys`` that arrive whole in one version, which a merge of
    their versions would add as that version tells them."""
    rows = connection.exec_driver_sql(
        _ONLY_VERSIONS.format(marks=", ".join("?" * len(card_keys))), tuple(card_keys)
    )
    found = {}
    for card_key, event_id, payload_text in rows:
        payload = json.loads(payload_text)
        changed = payload.get("changed")
        parents = payload.get("parents")
        if (
            local_cards.is_own(card_key)
            and not payload.get("deleted", False)
            and isinstance(parents, list)
            and event_id not in parents
            and isinstance(changed, dict)
            and {"front", "created_at"} <= set(changed)
            # A place given as a whole number (as every computer writes it) is compared
            # here as SQLite compares the places it holds.
            and (type(changed.get("position", 0)) is int)
        ):
            found[card_key] = _Arrival(card_key, event_id, changed)
    return found


def _add(connection: Connection, arrivals: Sequence[_Arrival], deck: _Deck) -> int:
    """The cards added as ``merge_versions`` adds each, in a few statements."""
    if not arrivals:
        return 0
    last = deck.last()
    if last is not None and type(last) is not int:
        # A place that is no number (written by hand on the hub): one card at a time.
        add_states(connection)
        for arrival in arrivals:
            local_cards.merge_versions(connection, arrival.card_id)
        deck.changed()
        return len(arrivals)
    rows = []
    for arrival in arrivals:
        row = local_cards.own_row(arrival.fields, _after(last))
        position = row[_POSITION]
        last = position if last is None else max(last, position)
        rows.append((arrival.card_id, *row))
    deck.placed(last)
    connection.exec_driver_sql(local_cards.ADD_OWN, rows)
    connection.exec_driver_sql(
        "INSERT INTO temp.sync_arrived (card_id) VALUES (?)",
        [(arrival.card_id,) for arrival in arrivals],
    )
    marks = ", ".join("?" * len(arrivals))
    # As written: the fields as synced are the row's, read back.
    written = {
        str(row[0]): local_cards.card_fields(row[1 : 1 + len(local_cards.FIELDS)])
        for row in connection.exec_driver_sql(
            local_cards.CARD_ROWS + f" AND c.id IN ({marks})",
            tuple(arrival.card_id for arrival in arrivals),
        )
    }
    CARDS.keep_mappings(
        connection,
        [
            (arrival.card_id, arrival.card_id, json.dumps(written[arrival.card_id]),
             json.dumps([arrival.event_id]))
            for arrival in arrivals
        ],
    )  # fmt: skip
    return len(arrivals)


def _after(last: int | None) -> Callable[[], int]:
    """The place after ``last``, as ``merge_versions`` finds it."""
    return lambda: int(last or 0) + 1
