"""Which collection a command works on: the data folder's, or one on a programme's server."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from imperfect_trainer.translation import _

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store

APP_NAME = "imperfect-trainer"
DATA_DIR_VARIABLE = "IMPERFECT_TRAINER_DATA_DIR"
DATABASE_VARIABLE = "IMPERFECT_TRAINER_DATABASE"


def default_data_dir() -> Path:
    """``$IMPERFECT_TRAINER_DATA_DIR``, else the platform's user data folder."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    # Imported here: most runs start from --data-dir or the variable above.
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def open_collection(
    data_dir: Path, database: str | None, now: dt.datetime, *, to_read: bool = False
) -> Store:
    """The local collection in ``data_dir``, or with ``database`` this person's collection on
    a programme's server (its JSON backups in a folder of ``data_dir``). A command that only
    reads (``to_read``) still gets the local collection when its disk is too full to open it:
    read-only, as it is, so that its answers can be exported to another disk."""
    from imperfect_trainer.deck.storage.store_errors import DiskFullError
    from imperfect_trainer.deck.store import Store

    if database is None:
        try:
            return Store.open(data_dir, now=now)
        except DiskFullError:
            if not to_read:
                raise
        store = Store.open_to_read(data_dir)
        print(
            _(
                "{app}: the disk holding {path} is full, so it was opened read-only and "
                "nothing in it was changed; free some space there to practise again"
            ).format(app=APP_NAME, path=store.path),
            file=sys.stderr,
        )
        return store
    from imperfect_trainer.deck.storage.server_address import server_address

    address = server_address(database)
    return Store.open_server(address, server_folder(data_dir, address.folder_name), now=now)


def server_folder(data_dir: Path, name: str) -> Path:
    return data_dir / "servers" / name


def open_own_collection(
    data_dir: Path, database: str | None, now: dt.datetime, *, to_read: bool = False
) -> Store:
    """The collection a command means: as ``open_collection``, except for a person whose
    window has moved their collection from the server at ``database`` to this computer
    (``move_over``): then the one here, which holds everything the server had and syncs with
    it (the server's rows no longer change). The first time, the person is told why, once.
    The commands move no one: before the first start of the window they work on the server."""
    if database is not None:
        from imperfect_trainer.deck import move_over

        folder = move_over.server_folder(data_dir, database)
        done = move_over.moved(folder)
        if done is not None:
            store = open_collection(folder, None, now, to_read=to_read)
            if not done.told:
                print(moved_words(done.hub, folder), file=sys.stderr)
                move_over.told(folder)
            return store
    return open_collection(data_dir, database, now, to_read=to_read)


def moved_words(hub: str, folder: Path) -> str:
    return _(
        "{app}: your collection on {hub} was moved to this computer ({folder}), every answer "
        "and entry with it, and it syncs with {hub}: you can practise offline too. "
        "--database URL now opens it here; the rows on the server were left as they were."
    ).format(app=APP_NAME, hub=hub, folder=folder)
