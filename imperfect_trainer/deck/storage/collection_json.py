"""Every row of a collection as one JSON document: what ``export FILE.json`` writes and what a
server collection's backup is (``postgres_collection``). ``interchange/full_export`` reads it
back, checked.

Rows are the models' columns only, so a server collection's ``owner`` never travels: the
document is the person's collection, whoever held it.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table, select
from sqlalchemy.orm import Session

from imperfect_trainer import __version__
from imperfect_trainer.deck.storage.models import DERIVED_TABLES, Base

FORMAT = "imperfect-trainer collection"


@cache
def collection_tables() -> tuple[Table, ...]:
    """Every table, parents before children (the order rows can be inserted in), but not the
    ones the database derives from others (triggers rebuild them as the rows go in)."""
    return tuple(t for t in Base.metadata.sorted_tables if t.name not in DERIVED_TABLES)


def collection_document(
    reader: Connection | Session, now: dt.datetime, schema_version: str
) -> dict[str, Any]:
    """The header and every table's rows, in primary-key order, read in ``reader``'s
    transaction (one consistent moment)."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "schema_version": schema_version,
        "app_version": __version__,
        "exported_at": now.astimezone(dt.UTC).isoformat(),
    }
    for table in collection_tables():
        rows = reader.execute(select(table).order_by(*table.primary_key.columns))
        document[table.name] = [
            {name: _to_json(value) for name, value in row._mapping.items()} for row in rows
        ]
    return document


def encoded(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _to_json(value: object) -> object:
    if isinstance(value, dt.date):  # datetimes too: both as ISO 8601, moments with +00:00
        return value.isoformat()
    return value
