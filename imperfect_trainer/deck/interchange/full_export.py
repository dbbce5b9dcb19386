"""The whole collection as one JSON file, and back.

The file holds every row of every table (built-in cards with their state and personal notes, own
cards, answers, journal entries, practice sessions, settings), one list per table, each row an
object keyed by column name. ``schema_version`` is the database schema those rows follow
(``store.SCHEMA_REVISION``); ``app_version`` is the version that wrote the file.

Importing goes only into an untouched collection (a folder just created), because merging two
histories of the same cards has no single right answer. The file is checked completely
(``export_checks``: types, ranges, card fields, references between rows) and the rows as
``check`` would find them before anything is kept; then the fresh
collection's rows are swapped for the file's in one transaction, so the result is exactly the
collection that was exported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

from imperfect_trainer.deck import settings_registry
from imperfect_trainer.deck.interchange.export_checks import (
    CollectionFileError,
    parse_collection_json,
)
from imperfect_trainer.deck.interchange.input_files import InputFileError, read_input_file
from imperfect_trainer.deck.srs.sm2 import START_EASINESS_HUNDREDTHS
from imperfect_trainer.deck.storage import health
from imperfect_trainer.deck.storage.collection_json import (
    collection_document,
    collection_tables,
    encoded,
)
from imperfect_trainer.deck.storage.models import Card, CardState, Setting
from imperfect_trainer.deck.storage.private_files import write_private_bytes
from imperfect_trainer.deck.storage.removal_statements import Removal
from imperfect_trainer.deck.store import SCHEMA_REVISION, Store

# The store's own bookkeeping setting (which shipped deck was last merged); a fresh collection
# has it, so it does not count as the person's data.
_DECK_FINGERPRINT_SETTING = settings_registry.DECK_FINGERPRINT


# How the person knows the tables whose rows are all theirs.
_TABLE_LABELS = {
    "reviews": "answers",
    "journal_entries": "journal entries",
    "practice_sessions": "practice sessions",
}


class CollectionNotEmptyError(Exception):
    """The collection to import into already holds the person's data."""


# ------------------------------------------------------------------------------------ export


def export_collection_json(store: Store, path: Path, now: dt.datetime) -> dict[str, int]:
    """Write every row of the collection to ``path``; return the row count of each table."""
    with store.unit_of_work() as session:
        document = collection_document(session, now, SCHEMA_REVISION)
    write_private_bytes(Path(path), encoded(document))
    return {table.name: len(document[table.name]) for table in collection_tables()}


# ------------------------------------------------------------------------------------ import


def import_collection_json(store: Store, path: Path) -> dict[str, int]:
    """Check ``path`` completely, then make ``store`` exactly the collection it holds.

    Raises ``CollectionFileError`` for any problem in the file and ``CollectionNotEmptyError``
    if the collection already holds the person's data; either way nothing is written.
    """
    path = Path(path)
    rows = parse_collection_json(path, _read(path))
    return _replace_rows(
        store, rows, path, f"imperfect-trainer --data-dir NEW-FOLDER import {path}"
    )


def copy_collection(source: Store, target: Store, now: dt.datetime) -> dict[str, int]:
    """Make ``target`` (an untouched collection, e.g. a trainee's new one on a programme's
    server) exactly ``source``: every row, ids and history kept, checked as an import is."""
    with source.unit_of_work() as session:
        document = collection_document(session, now, SCHEMA_REVISION)
    where = Path(str(source.file.where))
    rows = parse_collection_json(where, encoded(document))
    return _replace_rows(target, rows, where, "copy into a collection nobody has used yet")


def _replace_rows(
    store: Store, rows: dict[str, list[dict[str, Any]]], path: Path, instead: str
) -> dict[str, int]:
    with store.unit_of_work() as session:
        found = _persons_data(session)
        if found:
            if store.on_server:
                raise CollectionNotEmptyError(
                    f"your collection at {store.file.where} is already in use "
                    f"({', '.join(found)}); a whole collection only goes into an empty one"
                )
            raise CollectionNotEmptyError(
                f"{store.data_dir} already holds a collection in use ({', '.join(found)}); "
                f"a whole-collection import only goes into a new, empty folder, e.g. {instead}"
            )
        for table in reversed(collection_tables()):
            session.execute(Removal(delete(table)))
        for table in collection_tables():
            if rows[table.name]:
                session.execute(insert(table), rows[table.name])
        _check_as_check_would(path, rows, session)
    # The store keeps settings in memory from when it opened; they are now the file's.
    store.settings.reload()
    return {name: len(table_rows) for name, table_rows in rows.items()}


def _read(path: Path) -> bytes:
    try:
        return read_input_file(path)
    except InputFileError as error:
        raise CollectionFileError(path, "", error.problem) from None


def _check_as_check_would(
    path: Path, rows: Mapping[str, list[dict[str, Any]]], session: Session
) -> None:
    """What ``check`` would find in the rows just written (they are rolled back): a collection
    is never imported only to fail its first check."""
    connection = session.connection()
    for rule, count in health.rule_problems(connection):
        raise CollectionFileError(path, "", f"holds {count} {rule.description}")
    off = health.schedules_off_their_answers(connection)
    for index, row in enumerate(rows[CardState.__tablename__]):
        if row["card_id"] in off:
            raise CollectionFileError(
                path,
                f"card_states[{index}]",
                f"the schedule of {row['card_id']} is not what its answers lead to"
                + (f" (and {len(off) - 1} more)" if len(off) > 1 else ""),
            )


# ------------------------------------------------------------------------- untouched check


def _persons_data(session: Session) -> list[str]:
    """What in this collection is the person's doing; empty for a collection just created.

    A new collection holds only the shipped deck (cards, untouched states) and the store's
    bookkeeping setting; any row in any other table is the person's.
    """
    counts = {
        "own cards": select(func.count()).select_from(Card).where(Card.origin == "own"),
        "cards with a note or suspended": select(func.count())
        .select_from(Card)
        .where(or_(Card.personal_note.is_not(None), Card.suspended.is_(True))),
        "cards already practised": select(func.count())
        .select_from(CardState)
        .where(
            or_(
                CardState.repetitions != 0,
                CardState.easiness_hundredths != START_EASINESS_HUNDREDTHS,
                CardState.interval_days != 0,
                CardState.due_day.is_not(None),
                CardState.introduced_day.is_not(None),
                CardState.last_review_day.is_not(None),
                CardState.review_count != 0,
                CardState.lapses != 0,
            )
        ),
        "settings": select(func.count())
        .select_from(Setting)
        .where(Setting.key != _DECK_FINGERPRINT_SETTING),
    }
    special = {Card.__tablename__, CardState.__tablename__, Setting.__tablename__}
    for table in collection_tables():
        if table.name not in special:
            label = _TABLE_LABELS.get(table.name, f"rows in {table.name}")
            counts[label] = select(func.count()).select_from(table)
    found = []
    for label, query in counts.items():
        count = session.scalar(query) or 0
        if count:
            found.append(f"{count} {label}")
    return found
