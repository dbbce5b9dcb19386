"""The person's own cards in and out of CSV files, and the review log out.

A cards file has a header row naming its columns (``front, back, kind, tags, section``; ``tags``
and ``section`` may be left out) and one card per row, RFC 4180 quoting. It may be UTF-8 with or
without a byte-order mark (spreadsheets add one), with commas or tabs between cells, told apart
by the header line. Tags are separated by spaces or commas inside their cell.

Every row is checked (with the same field checks as every other card,
``cards.card_from_fields``) and compared with the collection before anything is written
(``import_plan``): a row whose front is already an own card's updates that card. A file that is
not a cards file at all stops at once with an ``ImportFileError`` naming the file, the line and
the field; refused rows are all listed, and nothing is imported while there are any, unless the
person chooses to import the rest.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path

from sqlalchemy import select

from imperfect_trainer.deck.content.cards import MAX_BACK, MAX_FRONT, CardKind
from imperfect_trainer.deck.interchange.import_plan import (
    DEFAULT_SECTION,
    ImportPlan,
    IncomingCard,
    apply_plan,
    plan_import,
)
from imperfect_trainer.deck.interchange.import_plan import (
    ImportFileError as ImportFileError,  # still importable from here, where it began
)
from imperfect_trainer.deck.interchange.input_files import InputFileError, read_input_file
from imperfect_trainer.deck.storage.models import Card, Review
from imperfect_trainer.deck.storage.private_files import write_private_file
from imperfect_trainer.deck.store import Store

COLUMNS = ("front", "back", "kind", "tags", "section")
REQUIRED_COLUMNS = ("front", "back", "kind")
REVIEW_COLUMNS = (
    "card_id",
    "front",
    "reviewed_at",
    "practice_day",
    "grade",
    "duration_ms",
    "drill",
)

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ZIP_MAGIC = b"PK\x03\x04"
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}
# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(…) can send
# the cell's neighbours anywhere). Exports put an apostrophe before such a cell, as spreadsheets
# themselves do for text; the import takes it off again, so the round trip is exact.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TEXT_MARK = "'"
# A kind may be written as its name ("discern") or as the card shows it ("Healthy or
# perfectionist?"), in any case.
_KINDS_BY_NAME = {kind.value: kind for kind in CardKind} | {
    kind.label.casefold(): kind for kind in CardKind
}


# ------------------------------------------------------------------------------------ import


def plan_cards_csv(store: Store, path: Path) -> ImportPlan:
    """What importing the cards file ``path`` would do; nothing is written."""
    path = Path(path)
    # Every row names its kind, so the default is never used.
    return plan_import(store, path, read_cards_csv(path, _read(path)), default_kind=CardKind.FACT)


def import_cards_csv(
    store: Store, path: Path, now: dt.datetime, *, skip_refused: bool = False
) -> ImportPlan:
    """Add the file's new cards and update the changed ones, all in one transaction; with any
    row refused (unless ``skip_refused``) nothing, through ``ImportRefusedError``."""
    plan = plan_cards_csv(store, path)
    apply_plan(store, plan, now, skip_refused=skip_refused)
    return plan


def read_cards_csv(path: Path, data: bytes) -> list[IncomingCard]:
    """A cards file's rows as incoming cards, or ``ImportFileError`` for a file that is not a
    cards file (its encoding, its CSV, its header, or no rows at all)."""
    text = _decode(path, data)
    delimiter = _delimiter(text)
    records = _records(path, text, delimiter)
    header = _header(path, next(records, None), delimiter)
    cards: list[IncomingCard] = []
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, and the empty rows spreadsheets leave at the end
        cards.append(_incoming(line, header, cells))
    if not cards:
        raise ImportFileError(path, None, None, "has no cards below the header row")
    return cards


def _read(path: Path) -> bytes:
    try:
        return read_input_file(path)
    except InputFileError as error:
        raise ImportFileError(path, None, None, error.problem) from None


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(_UTF16_BOMS):
        raise ImportFileError(
            path, None, None, "is UTF-16 text; save it as CSV in UTF-8 (“CSV UTF-8”)"
        )
    if data.startswith(_ZIP_MAGIC):
        raise ImportFileError(
            path, None, None, "looks like a spreadsheet (.xlsx or .ods); save it as CSV"
        )
    try:
        return data.removeprefix(_UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start + (len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0)
        line = data[:start].count(b"\n") + 1
        raise ImportFileError(
            path, line, None, "is not UTF-8 text; save it as CSV in UTF-8 (“CSV UTF-8”)"
        ) from None


def _delimiter(text: str) -> str:
    header_line = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    return "\t" if header_line.count("\t") > header_line.count(",") else ","


def _records(path: Path, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on (a quoted cell may span several lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if str(error).startswith("field larger than field limit"):
                # Quoted or not, no card field is anywhere near as long.
                raise ImportFileError(
                    path,
                    line,
                    None,
                    f"has a cell of more than {csv.field_size_limit():,} characters; a card's "
                    f"front is at most {MAX_FRONT:,} characters and its back {MAX_BACK:,}",
                ) from None
            raise ImportFileError(
                path,
                line,
                None,
                f"is not valid CSV from here ({error}); a cell holding commas, quotes or line "
                "breaks must be in double quotes, with quotes inside it doubled",
            ) from None
        yield line, cells


def _header(path: Path, record: tuple[int, list[str]] | None, delimiter: str) -> list[str]:
    expected = ", ".join(COLUMNS)
    if record is None:
        raise ImportFileError(
            path, None, None, f"is empty; its first line must name the columns: {expected}"
        )
    line, cells = record
    names = [cell.strip().casefold() for cell in cells]
    if delimiter == "," and len(names) == 1 and ";" in names[0]:
        raise ImportFileError(
            path,
            line,
            None,
            "the columns are separated by semicolons; save the file with commas or tabs",
        )
    for number, name in enumerate(names, start=1):
        if name not in COLUMNS:
            field = name or f"column {number}"
            raise ImportFileError(path, line, field, f"unknown column (expected: {expected})")
        if names.index(name) != number - 1:
            raise ImportFileError(path, line, name, "column named twice")
    for name in REQUIRED_COLUMNS:
        if name not in names:
            raise ImportFileError(path, line, name, f"column missing (expected: {expected})")
    return names


def _incoming(line: int, header: Sequence[str], cells: list[str]) -> IncomingCard:
    where = f"line {line}"
    fields, problem = _row_fields(header, cells)
    if problem is not None:
        return IncomingCard(where, line, "", "", problem=problem)
    kind_text = fields["kind"].strip()
    kind = _KINDS_BY_NAME.get(kind_text.casefold())
    if kind is None:
        kinds = ", ".join(k.value for k in CardKind)
        problem = ("kind", f"unknown kind {kind_text!r} (one of: {kinds})")
    return IncomingCard(
        where,
        line,
        fields["front"],
        fields["back"],
        kind=kind,
        # A column left out leaves a card already here as it is.
        tags=_tags(fields["tags"]) if "tags" in fields else None,
        section=(fields["section"].strip() or DEFAULT_SECTION) if "section" in fields else None,
        problem=problem,
    )


def _tags(cell: str) -> tuple[str, ...]:
    return tuple(tag for tag in re.split(r"[\s,]+", cell.casefold()) if tag)


def _row_fields(
    header: Sequence[str], cells: list[str]
) -> tuple[dict[str, str], tuple[str, str] | None]:
    if len(cells) > len(header):
        return {}, (
            f"column {len(header) + 1}",
            f"the row has {_cells(len(cells))} but the header names {len(header)} columns "
            "(a cell holding a comma must be in double quotes)",
        )
    if len(cells) < len(header):
        return {}, (
            header[len(cells)],
            f"missing: the row has {_cells(len(cells))} but the header names {len(header)} columns",
        )
    fields = {name: _from_spreadsheet(cell) for name, cell in zip(header, cells, strict=True)}
    for name, value in fields.items():
        control = next((c for c in value if _is_control(c)), None)
        if control is not None:
            return fields, (name, f"contains the control character U+{ord(control):04X}")
    return fields, None


def _for_spreadsheet(cell: str) -> str:
    return _TEXT_MARK + cell if cell.startswith((*_FORMULA_STARTS, _TEXT_MARK)) else cell


def _from_spreadsheet(cell: str) -> str:
    marked = cell.startswith(_TEXT_MARK) and cell[1:].startswith((*_FORMULA_STARTS, _TEXT_MARK))
    return cell[1:] if marked else cell


def _cells(count: int) -> str:
    return "1 cell" if count == 1 else f"{count} cells"


def _is_control(character: str) -> bool:
    return unicodedata.category(character) == "Cc" and character not in _ALLOWED_CONTROLS


# ------------------------------------------------------------------------------------ export


def export_own_cards_csv(store: Store, path: Path) -> int:
    """Write the person's own cards to ``path`` in the import format; return how many."""
    with store.unit_of_work() as session:
        rows = [
            (card.front, card.back, card.kind, card.tags, card.section)
            for card in session.scalars(
                select(Card).where(Card.origin == "own").order_by(Card.position)
            )
        ]
    _write_csv(Path(path), COLUMNS, rows)
    return len(rows)


def export_reviews_csv(store: Store, path: Path) -> int:
    """Write every answer, oldest first, to ``path``; return how many."""
    with store.unit_of_work() as session:
        rows = [
            (
                review.card_id,
                front,
                review.reviewed_at.isoformat(),
                review.practice_day.isoformat(),
                "" if review.grade is None else str(review.grade),  # a written reflection
                str(review.duration_ms),
                "true" if review.drill else "false",
            )
            for review, front in session.execute(
                select(Review, Card.front).join(Card).order_by(Review.reviewed_at, Review.id)
            )
        ]
    _write_csv(Path(path), REVIEW_COLUMNS, rows)
    return len(rows)


def _write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    def write(temp: Path) -> None:
        # With a byte-order mark, Excel reads the file as UTF-8 instead of the system's code
        # page; the importer (and every other reader we know) skips it.
        with temp.open("w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(header)
            writer.writerows([_for_spreadsheet(cell) for cell in row] for row in rows)

    write_private_file(path, write)
