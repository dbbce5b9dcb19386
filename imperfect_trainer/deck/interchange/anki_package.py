"""The person's notes out of an Anki package (``.apkg``) or collection package (``.colpkg``).

Three generations of package are read: ``collection.anki2`` (Anki 2.0 and genanki),
``collection.anki21`` (2.1, "support older Anki versions") and ``collection.anki21b`` (2.1.50
and later: the collection zstd-compressed, in schema 18, where note types and decks have tables
of their own). Newer packages also carry a ``collection.anki2`` that only says "please update";
the newest collection inside is the one read. The collection is opened in memory, read-only,
never written to disk. Review history and media files are not read.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import sys
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from imperfect_trainer.deck.interchange.import_plan import ImportFileError
from imperfect_trainer.deck.interchange.input_files import MAX_INPUT_BYTES

# Newest first: a package holds the newest its Anki could write, and older ones for old Ankis.
_COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
_FIELD_SEPARATOR = "\x1f"
_DEFAULT_DECK = 1
_SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class AnkiNote:
    note_id: int
    guid: str
    modified: dt.datetime
    tags: tuple[str, ...]
    fields: tuple[str, ...]
    note_type: str
    cloze: bool
    deck: str | None  # None: Anki's "Default" deck


@dataclass(frozen=True, slots=True)
class AnkiPackage:
    notes: list[AnkiNote]
    generation: str  # which collection inside was read, for the summary
    reviews: int  # answers in its history, none of which come along


def read_anki_package(path: Path, data: bytes) -> AnkiPackage:
    """Every note of the package ``data``, or ``ImportFileError`` saying what is wrong."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, UnicodeDecodeError, ValueError, EOFError, NotImplementedError):
        raise ImportFileError(
            path, None, None, "is not an Anki package (not a zip file); export it again from Anki"
        ) from None
    with archive:
        names = set(archive.namelist())
        member = next((name for name in _COLLECTIONS if name in names), None)
        if member is None:
            raise ImportFileError(
                path, None, None, "holds no Anki collection (no collection.anki2, .anki21 or "
                ".anki21b inside); export it again from Anki",
            )  # fmt: skip
        database = _unpacked(path, archive, member)
    with closing(_open(path, database)) as connection:
        try:
            notes = list(_notes(connection, schema_18=member.endswith("b")))
            reviews = connection.execute("SELECT count(*) FROM revlog").fetchone()[0]
        except (sqlite3.Error, ValueError, TypeError, OverflowError, OSError) as error:
            # Someone else's file: a missing table, a NULL or a number out of range.
            raise ImportFileError(
                path, None, None, f"holds a damaged Anki collection ({member}: {error})"
            ) from None
    if member == "collection.anki2" and _is_placeholder(notes):
        raise ImportFileError(
            path, None, None, "holds only Anki's note asking for a newer Anki; export it again"
        )
    generation = {
        "collection.anki21b": "Anki 2.1.50 or later",
        "collection.anki21": "Anki 2.1",
        "collection.anki2": "Anki 2.0 format",
    }[member]
    return AnkiPackage(notes, generation, int(reviews))


def _unpacked(path: Path, archive: zipfile.ZipFile, member: str) -> bytes:
    info = archive.getinfo(member)
    if info.file_size > MAX_INPUT_BYTES:
        raise ImportFileError(path, None, None, f"{member} is too large to import")
    try:
        packed = archive.read(member)
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        zlib.error,
        NotImplementedError,
        ValueError,
        RuntimeError,  # an encrypted member
    ) as error:
        raise ImportFileError(path, None, None, f"is damaged ({member}: {error})") from None
    if not member.endswith("b"):
        return packed
    if sys.version_info >= (3, 14):
        from compression import zstd
    else:
        from backports import zstd
    decompressor = zstd.ZstdDecompressor()
    try:
        database = decompressor.decompress(packed, max_length=MAX_INPUT_BYTES)
    except zstd.ZstdError as error:
        raise ImportFileError(path, None, None, f"is damaged ({member}: {error})") from None
    if not decompressor.eof:
        problem = "is too large to import" if not decompressor.needs_input else "is cut short"
        raise ImportFileError(path, None, None, f"{member} {problem}")
    return database


def _open(path: Path, database: bytes) -> sqlite3.Connection:
    if not database.startswith(_SQLITE_HEADER) or len(database) < 100:
        raise ImportFileError(path, None, None, "holds a damaged Anki collection (not SQLite)")
    # Anki leaves its collection in WAL mode, which an in-memory copy cannot open; bytes 18 and
    # 19 of the header say "rollback journal" instead, as the file would after a checkpoint.
    image = bytearray(database)
    image[18:20] = b"\x01\x01"
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(bytes(image))
        # The file is someone else's: its views and triggers run nothing, and it is only read.
        connection.execute("PRAGMA trusted_schema = OFF")
        connection.execute("PRAGMA query_only = ON")
        connection.create_collation("unicase", _unicase)
    except sqlite3.Error as error:
        connection.close()
        raise ImportFileError(
            path, None, None, f"holds a damaged Anki collection ({error})"
        ) from None
    return connection


def _unicase(left: str, right: str) -> int:
    a, b = left.casefold(), right.casefold()
    return (a > b) - (a < b)


def _notes(connection: sqlite3.Connection, *, schema_18: bool) -> Iterator[AnkiNote]:
    note_types, decks = _note_types_and_decks(connection, schema_18=schema_18)
    # A note's deck is its first card's (a card in a filtered deck counts in its home deck).
    rows = connection.execute(
        "SELECT n.id, n.guid, n.mod, n.tags, n.flds, n.mid,"
        " (SELECT CASE WHEN c.odid != 0 THEN c.odid ELSE c.did END FROM cards c"
        "  WHERE c.nid = n.id ORDER BY c.ord LIMIT 1)"
        " FROM notes n ORDER BY n.id"
    )
    for note_id, guid, modified, tags, fields, type_id, deck_id in rows:
        name, cloze = note_types.get(type_id, ("", False))
        yield AnkiNote(
            note_id=int(note_id),
            guid=str(guid),
            modified=dt.datetime.fromtimestamp(int(modified), dt.UTC),
            tags=tuple(str(tags).split()),
            fields=tuple(str(fields).split(_FIELD_SEPARATOR)),
            note_type=name,
            cloze=cloze,
            deck=None if deck_id in (None, _DEFAULT_DECK) else decks.get(deck_id),
        )


def _note_types_and_decks(
    connection: sqlite3.Connection, *, schema_18: bool
) -> tuple[dict[int, tuple[str, bool]], dict[int, str]]:
    if schema_18:
        # NotetypeConfig's first field is its kind, 1 for cloze (written first, when not 0).
        note_types = {
            int(type_id): (str(name), bytes(config or b"").startswith(b"\x08\x01"))
            for type_id, name, config in connection.execute(
                "SELECT id, name, config FROM notetypes"
            )
        }
        # Schema 18 keeps a deck's levels apart with \x1f where Anki shows "::".
        decks = {
            int(deck_id): str(name).replace(_FIELD_SEPARATOR, "::")
            for deck_id, name in connection.execute("SELECT id, name FROM decks")
        }
        return note_types, decks
    models_json, decks_json = connection.execute("SELECT models, decks FROM col").fetchone()
    models = _objects(models_json)
    deck_rows = _objects(decks_json)
    return (
        {
            int(type_id): (str(model.get("name", "")), model.get("type") == 1)
            for type_id, model in models.items()
        },
        {int(deck_id): str(deck.get("name", "")) for deck_id, deck in deck_rows.items()},
    )


def _objects(text: object) -> dict[str, dict[str, object]]:
    """A JSON object of objects (``col.models``, ``col.decks``), or ValueError."""
    value = json.loads(text) if isinstance(text, str | bytes) and text else {}
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ValueError("its note types or decks are not readable")
    return value


def _is_placeholder(notes: list[AnkiNote]) -> bool:
    return len(notes) == 1 and notes[0].fields[0].startswith("Please update to the latest Anki")
