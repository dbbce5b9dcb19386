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
    """The collection a command means: as ``open_collection``, except that with ``database`` a
    trainee's collection is the one on this computer joined to that server (``move_over``),
    moved here first if it has not been; a supervisor's stays on the server. The first time
    it opens here, the person is told why, once."""
    if database is None:
        return open_collection(data_dir, None, now, to_read=to_read)
    from imperfect_trainer.deck import move_over

    opened = move_over.open_person(database, data_dir, now, lock=True)
    if opened.moved is not None:
        print(moved_words(opened.moved.hub, opened.store.data_dir), file=sys.stderr)
        move_over.told(opened.store.data_dir)
    return opened.store


def moved_words(hub: str, folder: Path) -> str:
    return _(
        "{app}: your collection on {hub} was moved to this computer ({folder}), every answer "
        "and entry with it, and it syncs with {hub}: you can practise offline too. "
        "--database URL now opens it here; the rows on the server were left as they were."
    ).format(app=APP_NAME, hub=hub, folder=folder)
