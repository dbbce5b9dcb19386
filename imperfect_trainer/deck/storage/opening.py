"""The collection file in a data folder made ready for ``Store.open``, before any connection.

A file we cannot use is reported and left exactly as it is: it is looked at read-only (no lock,
no WAL file) before anything may write to it. A restore that was decided but cut short is
finished first, so the file looked at is the one the person chose.
"""

from __future__ import annotations

from pathlib import Path

from imperfect_trainer.deck.storage.collection_file import (
    DATABASE_NAME,
    create_collection,
    inspect_collection,
    secure_data_dir,
)
from imperfect_trainer.deck.storage.restore import finish_pending_restore
from imperfect_trainer.deck.storage.store_errors import check_sqlite_version


def ready_to_open(data_dir: Path, new_revision: str) -> str | None:
    """The schema revision of the collection in ``data_dir`` (None: a file not yet ours),
    creating it at ``new_revision`` when there is none."""
    path = data_dir / DATABASE_NAME
    check_sqlite_version(path)
    secure_data_dir(data_dir)
    finish_pending_restore(data_dir)
    if path.exists() or path.is_symlink():
        return inspect_collection(path)
    create_collection(path)
    return new_revision
