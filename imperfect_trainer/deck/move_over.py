"""A trainee or supervisor who worked on the programme's server (``--database URL``) moved, on
their first start, to a collection on this computer joined to that server (issue 25): they
practise at local speed, offline too, and their computers sync through the server.

The collection on this computer is made in the folder that already was this server's on this
computer (``DATA_DIR/servers/NAME``, where its JSON backups are). Whether the person supervises
anyone is remembered there first (``supervising_here``: their window offers My trainees with
the server away too); then four steps:

1. made: a new local collection there (``Store.open``);
2. copied: every row of the server collection, history included, copied into it in one
   transaction (``copy_collection``, checked as an import is). Left out when the server
   already holds this person's sync events (another computer of theirs moved first): the
   history then comes from the server at the first sync, as for any second computer;
3. joined: tied to the server, and the copied history stamped as the server's own events
   (``sync.run.join`` with ``MovedHistory``, one transaction): their ids made from the
   server, the person and the rows, so that two computers of the person's that both copied
   it (moving at the very same moment, or one stopped after copying while the other moved)
   make the very same events, and the server keeps each once;
4. synced: the first sync sends everything (``sync.run.sync``). A server lost here ends the
   move all the same (everything is on this computer and syncs next time).

Only then is ``moved-from-server.json`` written (private, in one rename). Each step is one
transaction and each is recognised when done (a local collection there; holding the person's
rows; joined), so a kill or a failure at any step leaves the next start to go on from where
it was: nothing lost, nothing copied or sent twice. The server's rows are never changed: they
stay as they were, and the supervisor sees the trainee through what their syncs publish.

From then on ``--database URL`` for this person opens the collection on this computer, with
no network needed. A supervisor's My trainees still reads the server, on a connection of its
own (``supervision.OwnConnection``), and shows the last look kept here when it cannot.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from imperfect_trainer.deck.features import supervising_here
from imperfect_trainer.deck.features.supervision import OwnConnection, supervises
from imperfect_trainer.deck.interchange.full_export import (
    CollectionNotEmptyError,
    copy_collection,
)
from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME
from imperfect_trainer.deck.storage.private_files import (
    ExportError,
    read_small_file,
    write_private_bytes,
)
from imperfect_trainer.deck.storage.server_address import server_address
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import run
from imperfect_trainer.deck.sync.joined import hub_of
from imperfect_trainer.deck.sync.stamping import MovedHistory

MARKER = "moved-from-server.json"
STEPS = ("made", "copied", "joined", "synced")


@dataclass(frozen=True, slots=True)
class Moved:
    """The move of this folder's collection from ``hub``, done at ``at``."""

    hub: str
    at: dt.datetime
    told: bool  # whether the person has been told why ``--database URL`` opens it here


@dataclass(frozen=True, slots=True)
class Opened:
    store: Store
    # Set while the person has not yet been told that their collection moved here.
    moved: Moved | None = None


def server_folder(data_dir: Path, url: str) -> Path:
    """The folder on this computer that is the server at ``url``'s: its JSON backups, and the
    collection it moves to."""
    return data_dir / "servers" / server_address(url).folder_name


def moved(folder: Path) -> Moved | None:
    """The finished move of ``folder``'s collection, if it was moved; None otherwise (a file
    that cannot be read counts as none: the move is then checked, and finished, again)."""
    try:
        document = json.loads(read_small_file(folder / MARKER))
        return Moved(
            str(document["hub"]), dt.datetime.fromisoformat(document["at"]), bool(document["told"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def told(folder: Path) -> None:
    """The person has been told why ``--database URL`` opens the collection here."""
    done = moved(folder)
    if done is not None and not done.told:
        _note(folder, Moved(done.hub, done.at, told=True))


def open_person(
    url: str,
    data_dir: Path,
    now: dt.datetime,
    *,
    step: Callable[[str], None] = lambda _name: None,
) -> Opened:
    """The collection ``--database URL`` means for this person in the window: the one on this
    computer, moved here first if it is not yet. The caller holds the folder's instance lock
    (the window's): a move rewrites the collection there. ``step`` is told of each step done
    (the tests stop the move there)."""
    address = server_address(url)
    folder = server_folder(data_dir, url)
    done = moved(folder)
    if done is not None:
        return Opened(Store.open(folder, now=now), None if done.told else done)
    started = (folder / DATABASE_NAME).exists()  # a move begun by an earlier start
    if not (started and _joined(folder, now)):
        with Store.open_server(address, folder, now=now) as server:
            if not started:
                # Not kept (a full disk): the window's next start with the server asks again.
                with suppress(ExportError):
                    supervising_here.remember(folder, supervises(server))
            _copy_and_join(server, folder, url, now, step)
    else:
        # 0.1.0 joined without stamping the copied history, which its first sync would have
        # stamped as this computer's own: stamped as the server's now (nothing, once it is),
        # when the server can say whose it is.
        with (
            suppress(StoreError),
            Store.open_server(address, folder, now=now) as server,
            Store.open(folder, now=now) as local,
        ):
            _join(server, local, url)
    return _finish(folder, address.where, now, step)


def recheck_supervising(folder: Path, hub: str) -> None:
    """Ask ``hub`` again whether the person whose collection moved to ``folder`` supervises
    anyone, and remember it (a trainee made a supervisor since sees My trainees at their next
    start). Meant for a worker: it touches no kept connection. A server that cannot be reached,
    or a full disk, leaves what was remembered as it was."""
    with suppress(StoreError, ExportError):
        supervising_here.remember(folder, OwnConnection(server_address(hub)).supervises())


def _joined(folder: Path, now: dt.datetime) -> bool:
    with Store.open(folder, now=now) as local:
        return hub_of(local) is not None


def _copy_and_join(
    server: Store, folder: Path, url: str, now: dt.datetime, step: Callable[[str], None]
) -> None:
    with Store.open(folder, now=now) as local:
        step("made")
        if not _hub_holds_events(server):
            # Already holding the rows: copied by a start that stopped before joining.
            with suppress(CollectionNotEmptyError):
                copy_collection(server, local, now)
        step("copied")
        _join(server, local, url)
        step("joined")


def _join(server: Store, local: Store, url: str) -> None:
    """Joined, and the history copied here stamped as the server's (``run.join``: one
    transaction, and nothing stamped twice)."""
    run.join(local, url, moved=_moved_history(server))
    local.flush_to_disk()


def _moved_history(server: Store) -> MovedHistory:
    """The person's history on ``server``, named as every computer of theirs names it."""
    with server.unit_of_work() as session:
        epoch, owner = session.execute(
            text(
                "SELECT (SELECT epoch::text FROM hub_epoch ORDER BY made_at LIMIT 1), current_user"
            )
        ).one()
    return MovedHistory.of(str(epoch), str(owner))


def _hub_holds_events(server: Store) -> bool:
    """Whether a computer of this person's already syncs with the server (their own events
    are all the session can see there)."""
    with server.unit_of_work() as session:
        return bool(session.execute(text("SELECT EXISTS (SELECT 1 FROM hub_events)")).scalar())


def _finish(folder: Path, hub: str, now: dt.datetime, step: Callable[[str], None]) -> Opened:
    local = Store.open(folder, now=now)
    try:
        # A server lost now: everything is here, and joined; the next sync sends it.
        with suppress(StoreError):
            run.sync(local, now)
        local.flush_to_disk()
        step("synced")
        done = Moved(hub, now, told=False)
        _note(folder, done)
    except BaseException:
        local.close()
        raise
    return Opened(local, done)


def _note(folder: Path, done: Moved) -> None:
    document = {"hub": done.hub, "at": done.at.isoformat(), "told": done.told}
    write_private_bytes(folder / MARKER, json.dumps(document).encode())
