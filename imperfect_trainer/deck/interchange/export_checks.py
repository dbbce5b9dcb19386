"""What a whole-collection export must hold before any of it is imported: JSON of this app's
format and a schema it reads, every table's rows with every column of the right type and within
what a collection can hold, the cards' fields as every card's, the settings as the Settings
screen keeps them, and every reference between rows pointing at a row in the file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Column, Date, Integer, String, Table

from imperfect_trainer.deck import settings_registry
from imperfect_trainer.deck.content.cards import CardFieldError, card_from_fields
from imperfect_trainer.deck.settings_registry import SettingValueError
from imperfect_trainer.deck.srs.sm2 import (
    MAX_EASINESS_HUNDREDTHS,
    MAX_REPETITIONS,
    MAX_STATE_INTERVAL_DAYS,
    MIN_EASINESS_HUNDREDTHS,
)
from imperfect_trainer.deck.storage.collection_json import FORMAT, collection_tables
from imperfect_trainer.deck.storage.models import Card, CardState, Setting, UtcDateTime
from imperfect_trainer.deck.store import SCHEMA_REVISION

_HEADER_KEYS = ("format", "schema_version", "app_version", "exported_at")
# Older schemas whose rows this one takes unchanged: 0004 only let an answer's grade be empty,
# 0006 added a table of totals the triggers keep (never exported), 0007 a column a file from
# before it lacks (empty: no reflection set aside), 0008 changed only how a server numbers rows,
# and 0009 to 0013 only a server's rights and its sync tables.
_READABLE_SCHEMAS = frozenset(
    {SCHEMA_REVISION, "0012", "0011", "0010", "0009", "0008", "0007", "0006", "0005", "0003"}
)
_ADDED_LATER = frozenset({("card_states", "set_aside_day")})
_INT64 = range(-(2**63), 2**63)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The values the app writes in its "kind"-like columns (see models.py).
_CHOICES: dict[tuple[str, str], frozenset[str]] = {
    ("cards", "origin"): frozenset({"builtin", "own"}),
    ("practice_sessions", "kind"): frozenset({"daily", "debrief"}),
    ("journal_entries", "kind"): frozenset({"reflection", "debrief", "note"}),
}
# Row ids a collection numbers itself (on a server, the person's largest id plus one, in a
# 32-bit column): an id near the top would leave its next answer or entry without a number.
_NUMBERED = ("practice_sessions", "reviews", "journal_entries", "goals")
MAX_ROW_ID = 2_000_000_000
_AT_LEAST: dict[tuple[str, str], int] = {
    **{(table, "id"): 1 for table in _NUMBERED},
    ("card_states", "repetitions"): 0,
    ("card_states", "easiness_hundredths"): MIN_EASINESS_HUNDREDTHS,
    ("card_states", "interval_days"): 0,
    ("card_states", "review_count"): 0,
    ("card_states", "lapses"): 0,
    ("practice_sessions", "planned_seconds"): 0,
    ("reviews", "grade"): 0,
    ("reviews", "duration_ms"): 0,
}
_DAY_MS = 24 * 60 * 60 * 1000
# What no history of answers can exceed (sm2's bounds; a day's duration): a value past these
# would make the next answer's arithmetic or the statistics' sums overflow.
_AT_MOST: dict[tuple[str, str], int] = {
    **{(table, "id"): MAX_ROW_ID for table in _NUMBERED},
    ("reviews", "grade"): 5,
    ("reviews", "duration_ms"): _DAY_MS,
    ("practice_sessions", "planned_seconds"): _DAY_MS // 1000,
    **{
        (table, column): bound
        for table, columns, bound in (
            ("card_states", ("repetitions",), MAX_REPETITIONS),
            ("card_states", ("easiness_hundredths",), MAX_EASINESS_HUNDREDTHS),
            ("card_states", ("interval_days",), MAX_STATE_INTERVAL_DAYS),
            ("card_states", ("review_count", "lapses"), MAX_REPETITIONS),
            ("reviews", ("repetitions_before", "repetitions_after"), MAX_REPETITIONS),
            ("reviews", ("easiness_before", "easiness_after"), MAX_EASINESS_HUNDREDTHS),
            ("reviews", ("interval_before", "interval_after"), MAX_STATE_INTERVAL_DAYS),
        )
        for column in columns
    },
}
# Days a collection can hold, even one kept with a wrong clock.
_YEARS = range(1900, 4000)


class CollectionFileError(ValueError):
    """A collection file cannot be imported; the message names the file, where, and what."""

    def __init__(self, path: Path, where: str, message: str) -> None:
        self.path = path
        self.where = where
        self.message = message
        super().__init__(f"{path}, {where}: {message}" if where else f"{path}: {message}")


def parse_collection_json(path: Path, data: bytes) -> dict[str, list[dict[str, Any]]]:
    """Check a collection file's bytes; return each table's rows ready to insert."""
    document = _load(path, data)
    _check_header(path, document)
    expected = set(_HEADER_KEYS) | {table.name for table in collection_tables()}
    for key in document:
        if key not in expected:
            raise CollectionFileError(path, key, "unknown key")
    rows: dict[str, list[dict[str, Any]]] = {}
    for table in collection_tables():
        if table.name not in document:
            raise CollectionFileError(path, table.name, "missing")
        rows[table.name] = _table_rows(path, table, document[table.name])
    _check_cards(path, rows)
    _check_settings(path, rows)
    _check_references(path, rows)
    return rows


def _load(path: Path, data: bytes) -> dict[str, Any]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CollectionFileError(path, f"line {line}", "is not UTF-8 text") from None

    def reject_constant(name: str) -> object:
        raise ValueError(f"{name} is not a number JSON allows")

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        row = dict(pairs)
        if len(row) < len(pairs):
            twice = next(key for key, count in Counter(k for k, _ in pairs).items() if count > 1)
            raise ValueError(f"the key {twice!r} appears twice in one object")
        return row

    try:
        document = json.loads(text, parse_constant=reject_constant, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as error:
        raise CollectionFileError(
            path, f"line {error.lineno}, column {error.colno}", f"is not valid JSON ({error.msg})"
        ) from None
    except (ValueError, RecursionError) as error:
        raise CollectionFileError(path, "", f"is not usable JSON ({error})") from None
    if not isinstance(document, dict) or "format" not in document:
        raise CollectionFileError(
            path, "", "is not an Imperfect Trainer collection export (its “format” is missing)"
        )
    if document["format"] != FORMAT:
        raise CollectionFileError(
            path,
            "format",
            f"is not an Imperfect Trainer collection export (its “format” is "
            f"{json.dumps(document['format'])[:80]}, not “{FORMAT}”)",
        )
    return document


def _check_header(path: Path, document: Mapping[str, Any]) -> None:
    version = document.get("schema_version")
    if not isinstance(version, str):
        raise CollectionFileError(path, "schema_version", "missing or not text")
    if version not in _READABLE_SCHEMAS:
        newer = version > SCHEMA_REVISION
        raise CollectionFileError(
            path,
            "schema_version",
            f"the file follows database schema {version}, this version of Imperfect Trainer "
            f"uses {SCHEMA_REVISION}"
            + ("; it was written by a newer version" if newer else "; it is too old to import"),
        )
    if not isinstance(document.get("app_version"), str):
        raise CollectionFileError(path, "app_version", "missing or not text")
    exported_at = _Column("exported_at", "moment", nullable=False)
    _value(path, "exported_at", exported_at, document.get("exported_at"))


# ------------------------------------------------------------------------- rows and values


@dataclass(frozen=True, slots=True)
class _Column:
    name: str
    form: str  # "text", "int", "bool", "date" or "moment"
    nullable: bool


@cache
def _columns(table: Table) -> tuple[_Column, ...]:
    return tuple(_Column(c.name, _form(c), bool(c.nullable)) for c in table.columns)


def _form(column: Column[Any]) -> str:
    # UtcDateTime first: it is a TypeDecorator over DateTime, not a Date or String.
    forms: tuple[tuple[type[Any], str], ...] = (
        (UtcDateTime, "moment"),
        (Boolean, "bool"),
        (Integer, "int"),
        (Date, "date"),
        (String, "text"),
    )
    for kind, form in forms:
        if isinstance(column.type, kind):
            return form
    raise TypeError(f"{column.table.name}.{column.name}: no JSON form for {column.type!r}")


def _table_rows(path: Path, table: Table, value: object) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise CollectionFileError(path, table.name, "must be a list of rows")
    columns = _columns(table)
    names = [column.name for column in columns]
    keys = [column.name for column in table.primary_key.columns]
    seen: dict[tuple[Any, ...], int] = {}
    rows: list[dict[str, Any]] = []
    for index, raw in enumerate(value):
        where = f"{table.name}[{index}]"
        if not isinstance(raw, dict):
            raise CollectionFileError(path, where, "must be an object")
        for name in raw:
            if name not in names:
                raise CollectionFileError(path, f"{where}.{name}", "unknown field")
        row: dict[str, Any] = {}
        for column in columns:
            if column.name not in raw and (table.name, column.name) not in _ADDED_LATER:
                raise CollectionFileError(path, f"{where}.{column.name}", "missing")
            field = f"{where}.{column.name}"
            row[column.name] = _value(path, field, column, raw.get(column.name))
            _check_range(path, field, (table.name, column.name), row[column.name])
        key = tuple(row[name] for name in keys)
        if key in seen:
            raise CollectionFileError(
                path, f"{where}.{keys[0]}", f"the same as {table.name}[{seen[key]}]"
            )
        seen[key] = index
        rows.append(row)
    return rows


def _value(path: Path, where: str, column: _Column, value: object) -> object:
    if value is None:
        if column.nullable:
            return None
        raise CollectionFileError(path, where, "must not be null")
    checks: dict[str, Callable[[object], object]] = {
        "text": _text,
        "int": _int,
        "bool": _bool,
        "date": _date,
        "moment": _moment,
    }
    try:
        return checks[column.form](value)
    except (TypeError, ValueError) as error:
        raise CollectionFileError(path, where, str(error)) from None


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"must be text, not {_json_type(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains a lone surrogate escape, which is not text") from None
    return value


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"must be a whole number, not {_json_type(value)}")
    if value not in _INT64:
        raise ValueError(f"{value} is too large")
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"must be true or false, not {_json_type(value)}")
    return value


def _date(value: object) -> dt.date:
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError(f"must be a date like 2026-11-23, not {value!r}")
    day = dt.date.fromisoformat(value)
    if day.year not in _YEARS:
        raise ValueError(f"{value} is not a day a collection can hold")
    return day


def _moment(value: object) -> dt.datetime:
    if not isinstance(value, str):
        raise TypeError(f"must be a moment like 2026-11-23T07:30:00+00:00, not {value!r}")
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no UTC offset")
    return moment.astimezone(dt.UTC)


def _json_type(value: object) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "text"}
    names |= {list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def _check_range(path: Path, where: str, column: tuple[str, str], value: object) -> None:
    if value is None:
        return
    if column in _CHOICES and value not in _CHOICES[column]:
        choices = ", ".join(sorted(_CHOICES[column]))
        raise CollectionFileError(path, where, f"{value!r} is not one of: {choices}")
    if isinstance(value, int) and value < _AT_LEAST.get(column, value):
        raise CollectionFileError(path, where, f"{value} is below {_AT_LEAST[column]}")
    if isinstance(value, int) and value > _AT_MOST.get(column, value):
        raise CollectionFileError(path, where, f"{value} is above {_AT_MOST[column]}")
    if column == ("settings", "value"):
        try:
            json.loads(str(value))
        except ValueError:
            raise CollectionFileError(path, where, "is not JSON text") from None


def _check_settings(path: Path, rows: Mapping[str, list[dict[str, Any]]]) -> None:
    """Each setting by the same rules the Settings screen keeps (``settings_registry``)."""
    for index, row in enumerate(rows[Setting.__tablename__]):
        try:
            settings_registry.checked(row["key"], json.loads(row["value"]))
        except SettingValueError as error:
            raise CollectionFileError(path, f"settings[{index}]", str(error)) from None


def _check_cards(path: Path, rows: Mapping[str, list[dict[str, Any]]]) -> None:
    """The same field checks as every card, with the card's own source and section."""
    content_fields = ("id", "kind", "source", "section", "front", "back")
    for index, row in enumerate(rows[Card.__tablename__]):
        raw: dict[str, object] = {name: row[name] for name in content_fields}
        raw["tags"] = row["tags"].split()
        try:
            card_from_fields(raw, known_sources={row["source"]: {row["section"].strip()}})
        except CardFieldError as error:
            raise CollectionFileError(
                path, f"cards[{index}].{error.field}", error.message
            ) from None


def _check_references(path: Path, rows: Mapping[str, list[dict[str, Any]]]) -> None:
    """Every reference between rows points at a row in the file, as the database demands."""
    for table in collection_tables():
        for key in table.foreign_keys:
            column, target = key.parent, key.column
            targets = {row[target.name] for row in rows[target.table.name]}
            for index, row in enumerate(rows[table.name]):
                value = row[column.name]
                if value is not None and value not in targets:
                    raise CollectionFileError(
                        path,
                        f"{table.name}[{index}].{column.name}",
                        f"{value!r} is not in {target.table.name}",
                    )
    with_state = {row["card_id"] for row in rows[CardState.__tablename__]}
    for index, row in enumerate(rows[Card.__tablename__]):
        if row["id"] not in with_state:
            raise CollectionFileError(path, f"cards[{index}]", "has no card_states row")
