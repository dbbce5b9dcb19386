"""The hub's side of a sync: a programme's PostgreSQL (migration 0009), in short transactions.

A trainee's session may only read and add its own events (row-level security, SELECT and
INSERT alone). Uploading is idempotent: events the hub holds already are left out, and the
rest are numbered after the person's last position; a second computer of the same person
uploading at that moment takes the same positions, waits for the first to commit, collides,
and tries again. Events already there are never inserted with ``ON CONFLICT DO NOTHING``
instead: skipping a row would leave a gap in the positions another upload could fill later,
and a computer that had downloaded past the gap would never see that row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii as _string
from operator import itemgetter
from typing import TYPE_CHECKING

from imperfect_trainer.deck.storage.server_errors import ServerBusyError
from imperfect_trainer.deck.sync.events import Event, UnreadableEventError, checked_event
from imperfect_trainer.deck.sync.stored_events import Unsent

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

_ATTEMPTS = 5
_UNIQUE_VIOLATION = "23505"


@dataclass(frozen=True, slots=True)
class HubLook:
    """What the hub says before a sync."""

    epoch: str
    # How many of this computer's events it holds.
    mine: int
    last_position: int
    # The event at the position this computer downloaded up to, if still there.
    event_at_downloaded: str | None
    # The person's login: whose history a move copied (``stamping.MovedHistory``).
    owner: str


@dataclass(frozen=True, slots=True)
class Downloaded:
    events: tuple[Event, ...]
    last_position: int
    last_event: str | None
    unreadable: int


def look(engine: Engine, where: str, device: str, downloaded: int) -> HubLook:
    """The hub's epoch and what it holds, once its schema and the login are checked (the
    login reads only its own rows; the schema is this app's) in the same round trips."""
    from imperfect_trainer.deck.storage.programme import check_session
    from imperfect_trainer.deck.store import SCHEMA_REVISION

    with engine.begin() as connection:
        check_session(connection, where, SCHEMA_REVISION)
        row = connection.exec_driver_sql(
            "SELECT (SELECT epoch::text FROM hub_epoch ORDER BY made_at LIMIT 1),"
            " (SELECT count(*) FROM hub_events WHERE device = %s::uuid),"
            " (SELECT coalesce(max(position), 0) FROM hub_events),"
            " (SELECT event_id::text FROM hub_events WHERE position = %s), current_user",
            (device, downloaded),
        ).one()
    return HubLook(str(row[0]), int(row[1]), int(row[2]), row[3], str(row[4]))


def held_up_to(engine: Engine, device: str) -> tuple[int, int]:
    """How many of ``device``'s events the hub holds, and the person's last position, in one
    snapshot (positions are committed in order: every event up to it is there)."""
    with engine.begin() as connection:
        row = connection.exec_driver_sql(
            "SELECT (SELECT count(*) FROM hub_events WHERE device = %s::uuid),"
            " (SELECT coalesce(max(position), 0) FROM hub_events)",
            (device,),
        ).one()
    return int(row[0]), int(row[1])


_PRESENT = "SELECT event_id::text FROM hub_events WHERE event_id = ANY(%s::uuid[])"
# The batch goes as one JSON document (the driver would escape each array element itself),
# parsed once as jsonb: read as json, each payload's text would be parsed again into its column,
# about a third of the hub's work for a first sync's million events (measured).
_INSERT = """
    INSERT INTO hub_events (position, event_id, device, hlc, kind, subject, payload)
    SELECT (SELECT coalesce(max(position), 0) FROM hub_events) + n, e, d, h, k, s, p
    FROM ROWS FROM (jsonb_to_recordset(%s::jsonb)
        AS (e uuid, d uuid, h text, k text, s text, p jsonb)) WITH ORDINALITY
        AS given(e, d, h, k, s, p, n)"""


def upload(engine: Engine, where: str, events: Sequence[Unsent]) -> int:
    """Add ``events`` the hub does not hold yet, in one transaction committed durably;
    returns how many were new. A collision with the person's other computer is tried again;
    any other failure is the driver's error, for the caller to explain."""
    # Usually none is there yet, and the hub is not asked (a search for thousands of ids is
    # planned from the table's statistics, which know nothing of a person uploading for the
    # first time, and can take seconds). One already there collides on its id like a position
    # taken by the other computer, and from then on each batch is looked for first.
    look_first = False
    for _ in range(_ATTEMPTS):
        try:
            return _upload_once(engine, events, look_first)
        except Exception as error:
            if _sqlstate(error) != _UNIQUE_VIOLATION:
                raise
            look_first = True
    raise ServerBusyError(where, "kept receiving this person's events from another computer")


def _upload_once(engine: Engine, events: Sequence[Unsent], look_first: bool) -> int:
    with engine.begin() as connection:
        # The reply to this commit is what lets the computer count the events as held.
        connection.exec_driver_sql("SET LOCAL synchronous_commit TO on")
        new = events
        if look_first:
            present = _present(connection, [event.event_id for event in events])
            new = [event for event in events if event.event_id not in present]
        if new:
            connection.exec_driver_sql(_INSERT, (_document(new),))
    return len(new)


def _document(events: Sequence[Unsent]) -> str:
    """The events as one JSON array, each payload spliced in as the JSON text it is kept as
    (the hub parses it, and refuses the batch if it is not). Each text is escaped as
    ``json.dumps`` does, by the function it calls, without its cost per call (five a row)."""
    return (
        "["
        + ",".join(
            f'{{"e":{_string(event.event_id)},"d":{_string(event.device)},'
            f'"h":{_string(event.hlc)},"k":{_string(event.kind)},"s":{_string(event.subject)},'
            f'"p":{event.payload}}}'
            for event in events
        )
        + "]"
    )


def _present(connection: Connection, event_ids: list[str]) -> set[str]:
    rows = connection.exec_driver_sql(_PRESENT, (event_ids,))
    return {str(row[0]) for row in rows}


# A page of the person's events after a position, but this computer's own and those of a device
# it holds up to a position (a moved history it sent); and, when the page is not full, the
# person's last position (a row with no device), so that the events after the page left out
# are passed over without being read. One statement: one snapshot.
_PAGE = """
    WITH page AS MATERIALIZED (
        SELECT position, event_id, device, hlc, kind, subject, payload FROM hub_events
        WHERE position > %(after)s AND device IS DISTINCT FROM %(skip)s::uuid
            AND (device IS DISTINCT FROM %(held)s::uuid OR position > %(held_to)s)
        ORDER BY position LIMIT %(limit)s)
    SELECT position, event_id::text, device::text, hlc, kind, subject, payload::text FROM page
    UNION ALL
    SELECT position, event_id::text, NULL, NULL, NULL, NULL, NULL FROM hub_events
    WHERE position = (SELECT max(position) FROM hub_events) AND position > %(after)s
        AND (SELECT count(*) FROM page) < %(limit)s"""


def download(
    engine: Engine,
    after: int,
    limit: int,
    skip_device: str | None,
    held: tuple[str, int] | None = None,
) -> Downloaded:
    """The person's events after position ``after``, at most ``limit``, but those of
    ``skip_device`` (this computer's own, which it holds) and, with ``held`` (a device, a
    position), that device's up to that position. Rows that do not read as events (written by
    hand) are counted and left out."""
    held_device, held_to = held or (None, 0)
    with engine.begin() as connection:
        # Read in position order through the index, whatever the table's statistics say: a
        # person's rows just uploaded look like none to the planner, whose sort of all of them
        # for every page would take a first sync minutes.
        connection.exec_driver_sql("SET LOCAL enable_sort TO off")
        page = connection.exec_driver_sql(
            _PAGE,
            {
                "after": after,
                "skip": skip_device,
                "held": held_device,
                "held_to": held_to,
                "limit": limit,
            },
        )
        # The driver's rows as they are, plain tuples (all there once the page was read, its
        # failures already told apart): a first sync reads a million.
        with page:
            rows = sorted(page.cursor.fetchall(), key=itemgetter(0))
    last_position, last_event = after, None
    events: list[Event] = []
    unreadable = 0
    for position, identity, device, stamp, kind, subject, payload in rows:
        if position > last_position:
            last_position, last_event = int(position), str(identity)
        if device is None:
            continue  # the last position, past this computer's own events
        try:
            events.append(checked_event(identity, stamp, device, kind, subject, payload))
        except UnreadableEventError:
            unreadable += 1
    return Downloaded(tuple(events), last_position, last_event, unreadable)


def _sqlstate(error: BaseException) -> str | None:
    original = getattr(error, "orig", None) or error
    return getattr(original, "sqlstate", None)
