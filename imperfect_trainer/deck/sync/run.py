"""One sync of a local collection with its programme's hub, step by step.

1. What changed here since the last sync becomes events (one local transaction).
2. The hub is asked for its epoch and how many of this computer's events it holds: a hub that
   lost events it had confirmed (emptied, restored from an older dump, set up again) is told
   apart, and everything this computer holds is sent to it again. Nothing local is deleted
   because the hub lacks it.
3. The events the hub lacks are uploaded in batches, each one hub transaction, then marked
   sent here (a local transaction). A reply lost between the two leaves them unmarked: the
   next sync sends them again, and the hub, finding them there, writes nothing twice.
4. The other computers' events are downloaded after the last position read, in batches, each
   merged in one local transaction together with the new position.
   While the person practises on this computer the merge waits (``merging``): what was
   downloaded stays kept, and the next sync merges it first.
5. What the supervisor may see of the merged collection is published to the hub (one short
   hub transaction, only what differs): shared entries and goals, practised days, mastery.

A kill or a fault between any two steps leaves the collection as the last transaction did;
the next sync picks up from there.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING

from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.sync import (
    downloads,
    hub_publication,
    hub_side,
    side_tables,
    stamping,
    stored_events,
)
from imperfect_trainer.deck.sync.shared_summary import shared_summary
from imperfect_trainer.deck.sync.side_tables import SyncState
from imperfect_trainer.deck.sync.stamping import MovedHistory, RandomBytes

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from imperfect_trainer.deck.storage.server_address import ServerAddress
    from imperfect_trainer.deck.store import Store

BATCH = 5000
# Whether the local steps that rewrite schedules may run now, held while they do (the window's
# practice, which must not have a card's schedule change under it, nor wait for the write
# lock): None, always.
Merging = Callable[[], AbstractContextManager[bool]]


class NotJoinedError(StoreError):
    """The collection syncs with no programme."""

    advice = "join one first: imperfect-trainer join postgresql://NAME@SERVER/DATABASE"


@dataclass
class SyncReport:
    hub: str
    sent: int = 0
    received: int = 0
    answers_added: int = 0
    answers_taken_back: int = 0
    entries_changed: int = 0
    goals_changed: int = 0
    cards_changed: int = 0
    settings_changed: int = 0
    texts_kept: int = 0
    waiting: int = 0
    unreadable: int = 0
    # Why everything was sent again, when the hub had lost events it had confirmed.
    refilled: str | None = None
    # Rows of the supervisor's view written on the hub.
    published: int = 0


def join(
    store: Store,
    hub_url: str,
    random: RandomBytes = os.urandom,
    *,
    moved: MovedHistory | None = None,
) -> ServerAddress:
    """Tie the local collection to the hub at ``hub_url`` (checked as every server URL is).
    With ``moved``, the collection holds that history, just copied from the hub's server by
    a move: stamped as the server's in the same transaction (``stamping.stamp_moved_history``),
    so it is sent once whichever of the person's computers copied it too."""
    from imperfect_trainer.deck.storage.server_address import server_address

    address = server_address(hub_url)
    with store.statements() as connection:
        state = side_tables.join(connection, hub_url, str(uuid.UUID(bytes=random(16), version=4)))
        if moved is not None:
            stamping.stamp_moved_history(connection, state, moved)
    return address


def leave(store: Store) -> str | None:
    with store.statements() as connection:
        return side_tables.leave(connection)


def joined_hub(store: Store) -> str | None:
    with store.statements() as connection:
        state = side_tables.read_state(connection)
    return None if state is None else state.hub


def sync(
    store: Store,
    now: dt.datetime,
    *,
    random: RandomBytes = os.urandom,
    batch: int = BATCH,
    merging: Merging | None = None,
) -> SyncReport:
    """Sync the local collection with its hub; raises a ``StoreError`` saying what failed (the
    collection is then as the last finished step left it, and the next sync carries on)."""
    from imperfect_trainer.deck.storage.postgres_collection import make_server_engine
    from imperfect_trainer.deck.storage.server_address import server_address

    state = _state(store)
    if state is None or state.hub is None:
        raise NotJoinedError(store.path, "is not tied to a programme's server")
    address = server_address(state.hub)
    engine = make_server_engine(address)
    report = SyncReport(address.where)
    may_merge = merging or _always
    try:
        with may_merge() as merge, store.statements() as connection:
            # Side tables a later version added, made before anything reads them.
            side_tables.make_tables(connection)
            # What a sync that stopped half-way (or waited for a practice) had downloaded,
            # merged first.
            if merge:
                _add(report, downloads.merge_staged(connection))
            stamping.stamp_local_changes(connection, state, now, random)
        with _hub(address.where):
            look = hub_side.look(engine, address.where, state.device, state.downloaded)
        with store.statements() as connection:
            report.refilled = _lost_events(connection, state, look)
            if report.refilled:
                side_tables.start_again_with(connection, look.epoch)
            else:
                side_tables.note_epoch(connection, look.epoch)
            own_known = _own_events(connection, state.device)
        report.sent = _upload(store, engine, address.where, batch)
        # This computer's own events are not read back, unless the hub holds some it lacks
        # (its collection restored from an older backup).
        skip = state.device if look.mine <= own_known else None
        held = _moved_history_held(store, engine, address.where, look)
        _download(store, engine, address.where, report, now, batch, skip, held)
        with may_merge() as merge:
            if merge:
                with store.statements() as connection:
                    _add(report, downloads.merge_staged(connection))
        if report.settings_changed:
            store.settings.reload()
        report.published = _publish(store, engine, address.where)
        with store.statements() as connection:
            side_tables.note_synced(connection, now)
    finally:
        engine.dispose()
    return report


def _always() -> AbstractContextManager[bool]:
    return nullcontext(True)


def _state(store: Store) -> SyncState | None:
    with store.statements() as connection:
        return side_tables.read_state(connection)


@contextmanager
def _hub(where: str) -> Iterator[None]:
    """The hub's failures, told apart as every server failure is."""
    from sqlalchemy.exc import DBAPIError

    from imperfect_trainer.deck.storage.server_errors import error_from_postgres

    try:
        yield
    except DBAPIError as error:
        raise error_from_postgres(where, error) from error


def _lost_events(connection: Connection, state: SyncState, look: hub_side.HubLook) -> str | None:
    if state.epoch is not None and state.epoch != look.epoch:
        return "the programme's server was set up again"
    confirmed = stored_events.acknowledged(connection, state.device)
    if look.mine < confirmed:
        return (
            f"the programme's server holds {look.mine} of the {confirmed} changes it had "
            "received from this computer (emptied, or restored from an older copy)"
        )
    if state.downloaded and look.event_at_downloaded != state.downloaded_event:
        return "the programme's server no longer holds what this computer read from it"
    return None


def _own_events(connection: Connection, device: str) -> int:
    found = connection.exec_driver_sql(
        "SELECT count(*) FROM sync_events WHERE device = ?", (device,)
    ).scalar()
    return int(found or 0)


def _moved_history_held(
    store: Store, engine: Engine, where: str, look: hub_side.HubLook
) -> tuple[str, int] | None:
    """The history a move copied here, not read back from the start when the hub holds just
    what this computer sent of it (the same count, and this computer's are all there): its
    device, and the last position it may have reached. None otherwise: a computer that copied
    different rows of the server sent different events, which are read."""
    moved = MovedHistory.of(look.epoch, look.owner).device
    with store.statements() as connection:
        state = side_tables.read_state(connection)
        assert state is not None
        if state.downloaded:
            return None  # read past it before, reading on from there
        sent_here = _own_events(connection, moved)
    if not sent_here:
        return None
    with _hub(where):
        held, last_position = hub_side.held_up_to(engine, moved)
    return (moved, last_position) if held == sent_here else None


def _upload(store: Store, engine: Engine, where: str, batch: int) -> int:
    """The events the hub lacks, a batch at a time: each counts as sent here once the hub has
    committed it. The next batch is read here while the hub takes this one."""
    sent = 0
    with store.statements() as connection:
        events = stored_events.waiting_upload(connection, batch)
    with ThreadPoolExecutor(1, thread_name_prefix="sync-upload") as hub:
        while events:
            sending = hub.submit(_send, engine, where, events)
            with store.statements() as connection:
                following = stored_events.waiting_upload(connection, batch, skip=len(events))
            sent += sending.result()
            with store.statements() as connection:
                stored_events.mark_uploaded(connection, [event.event_id for event in events])
            events = following
    return sent


def _send(engine: Engine, where: str, events: list[stored_events.Unsent]) -> int:
    with _hub(where):
        return hub_side.upload(engine, where, events)


def _download(
    store: Store,
    engine: Engine,
    where: str,
    report: SyncReport,
    now: dt.datetime,
    batch: int,
    skip: str | None,
    held: tuple[str, int] | None,
) -> None:
    """The hub's events after the last position read, a batch at a time, each kept here with
    its position in one transaction. The next batch is read (and checked) while this one is
    kept; one kept counts as read, and nothing else does."""
    state = _state(store)
    assert state is not None
    position = state.downloaded
    with ThreadPoolExecutor(1, thread_name_prefix="sync-download") as hub:
        fetching = hub.submit(_fetch, engine, where, position, batch, skip, held)
        while (got := fetching.result()).last_position != position:
            fetching = hub.submit(_fetch, engine, where, got.last_position, batch, skip, held)
            with store.statements() as connection:
                downloads.stage_events(
                    connection, got.events, got.last_position, got.last_event, now
                )
            position = got.last_position
            report.received += len(got.events)
            report.unreadable += got.unreadable


def _fetch(
    engine: Engine,
    where: str,
    after: int,
    batch: int,
    skip: str | None,
    held: tuple[str, int] | None,
) -> hub_side.Downloaded:
    with _hub(where):
        return hub_side.download(engine, after, batch, skip, held)


def _publish(store: Store, engine: Engine, where: str) -> int:
    with store.statements() as connection:
        state = side_tables.read_state(connection)
        assert state is not None
        wanted = shared_summary(connection)
    with _hub(where):
        return hub_publication.publish(engine, wanted, state.downloaded)


def _add(report: SyncReport, merged: downloads.Merged) -> None:
    report.answers_added += merged.answers_added
    report.answers_taken_back += merged.answers_taken_back
    report.entries_changed += merged.entries_changed
    report.goals_changed += merged.goals_changed
    report.cards_changed += merged.cards_changed
    report.settings_changed += merged.settings_changed
    report.texts_kept += merged.texts_kept
    report.waiting = merged.waiting
