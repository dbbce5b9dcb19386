"""Anki notes as the person's own cards: from a package, or from Anki's plain-text export.

Front and back come from a note's first two fields, its HTML reduced to text (``anki_text``);
a cloze note reads as its text with the deletions hidden, and on the back shown, with its second
field ("Back Extra") below. Pictures and sounds are named on the card, not copied. Tags are kept
as tags here (``Cardio::ECG`` becomes ``cardio-ecg``) and the note's deck becomes one more tag.
A note from one of our own exports (our note types) comes back with its kind and section.
Anki's review history is not carried over: the cards start here as new.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from imperfect_trainer.deck.content.cards import MAX_TAGS, CardKind, own_card_id
from imperfect_trainer.deck.interchange.anki_export import DECK_NAME
from imperfect_trainer.deck.interchange.anki_ids import anki_card_id
from imperfect_trainer.deck.interchange.anki_package import read_anki_package
from imperfect_trainer.deck.interchange.anki_text import (
    FieldText,
    cloze_back,
    cloze_front,
    field_text,
    has_cloze,
    plain_field_text,
)
from imperfect_trainer.deck.interchange.import_plan import (
    ImportFileError,
    ImportPlan,
    IncomingCard,
    plan_import,
)
from imperfect_trainer.deck.store import Store

_OUR_NOTE_TYPES = {f"{DECK_NAME}: {kind.label}": kind for kind in CardKind}
_SEPARATORS = {
    "tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":",
}  # fmt: skip
_HEADER = re.compile(r"#([a-z ]+):(.*)")


def history_remark(answers: int) -> str:
    """What becomes of the person's Anki history; ``answers`` when the file holds it."""
    count = f" ({answers} answer{'' if answers == 1 else 's'})" if answers else ""
    return (
        f"Your Anki review history{count} is not carried over: these cards start here as new, "
        "and Anki keeps its own."
    )


@dataclass
class _Note:
    """One note as either kind of file gives it."""

    where: str
    line: int | None
    fields: Sequence[str]
    html: bool
    note_type: str = ""
    cloze: bool = False
    tags: Sequence[str] = ()
    deck: str | None = None
    guid: str | None = None
    modified: dt.datetime | None = None


@dataclass
class _Notes:
    """What reading the notes gathered for the summary."""

    media: list[str] = field(default_factory=list)
    tags_left_out: list[str] = field(default_factory=list)


def plan_anki_package(store: Store, path: Path, data: bytes, kind: CardKind) -> ImportPlan:
    package = read_anki_package(path, data)
    if not package.notes:
        raise ImportFileError(path, None, None, "holds no notes")
    notes = [
        _Note(
            where=f"Anki note nid:{note.note_id}",
            line=None,
            fields=note.fields,
            html=True,
            note_type=note.note_type,
            cloze=note.cloze,
            tags=note.tags,
            deck=note.deck,
            guid=note.guid,
            modified=note.modified,
        )
        for note in package.notes
    ]
    plan = _plan(store, path, notes, kind)
    plan.remarks.insert(0, f"read {len(notes)} notes ({package.generation} package)")
    plan.remarks.append(history_remark(package.reviews))
    return plan


def looks_like_anki_text(data: bytes) -> bool:
    """Whether a file starts with the ``#key:value`` lines of Anki's plain-text export."""
    first = data.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip().lower()
    return _HEADER.fullmatch(first.decode("utf-8", "replace")) is not None


def plan_anki_text(store: Store, path: Path, data: bytes, kind: CardKind) -> ImportPlan:
    """Anki's "Notes in Plain Text" export, as Anki writes it."""
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(path, line, None, "is not UTF-8 text") from None
    lines = text.splitlines(keepends=True)
    headers: dict[str, str] = {}
    body_start = 0
    for number, raw in enumerate(lines):
        match = _HEADER.fullmatch(raw.rstrip("\r\n"))
        if match is None:
            break
        headers[match.group(1).strip().lower()] = match.group(2).strip()
        body_start = number + 1
    separator = _separator(path, headers.get("separator", "tab"))
    html = headers.get("html", "false").lower() == "true"
    columns = {
        name: _column(path, headers, f"{name} column")
        for name in ("guid", "notetype", "deck", "tags")
    }
    everyone_tags = headers.get("tags", "").split()
    reader = csv.reader(io.StringIO("".join(lines[body_start:]), newline=""), delimiter=separator)
    notes: list[_Note] = []
    while True:
        line = body_start + reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise ImportFileError(
                path, line, None, f"is not valid text export here ({error})"
            ) from None
        if not any(cell.strip() for cell in cells):
            continue

        def cell(name: str, cells: list[str] = cells) -> str | None:
            number = columns[name]
            return cells[number - 1] if number is not None and number <= len(cells) else None

        special = {number for number in columns.values() if number is not None}
        notes.append(
            _Note(
                where=f"line {line}",
                line=line,
                fields=[c for i, c in enumerate(cells, start=1) if i not in special],
                html=html,
                note_type=cell("notetype") or headers.get("notetype", ""),
                tags=[*everyone_tags, *(cell("tags") or "").split()],
                deck=cell("deck") or headers.get("deck"),
                guid=cell("guid"),
            )
        )
    if not notes:
        raise ImportFileError(path, None, None, "has no notes below its # lines")
    plan = _plan(store, path, notes, kind)
    plan.remarks.insert(0, f"read {len(notes)} notes (Anki's plain-text export)")
    if columns["guid"] is None:
        plan.remarks.append(
            "this export has no unique identifier column: a later import finds these cards "
            "by their fronts, and an export back to Anki adds them there as new notes "
            "(tick “Include unique identifier” when exporting from Anki)"
        )
    plan.remarks.append(history_remark(0))
    return plan


def _separator(path: Path, value: str) -> str:
    separator = _SEPARATORS.get(value.lower(), value)
    if len(separator) != 1:
        raise ImportFileError(path, None, "#separator", f"unknown separator {value!r}")
    return separator


def _column(path: Path, headers: dict[str, str], key: str) -> int | None:
    value = headers.get(key)
    if value is None:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ImportFileError(path, None, f"#{key}", f"{value!r} is not a column number")
    return int(value)


def _plan(store: Store, path: Path, notes: list[_Note], kind: CardKind) -> ImportPlan:
    gathered = _Notes()
    incoming = [_incoming(note, gathered) for note in notes]

    def new_id(item: IncomingCard) -> str:
        return anki_card_id(item.front, item.guid) if item.guid else own_card_id(item.front)

    plan = plan_import(store, path, incoming, default_kind=kind, new_id=new_id)
    if gathered.media:
        shown = ", ".join(gathered.media[:10])
        more = f" and {len(gathered.media) - 10} more" if len(gathered.media) > 10 else ""
        plan.remarks.append(
            f"{len(gathered.media)} pictures and sounds are named on the cards but not "
            f"copied: {shown}{more}"
        )
    if gathered.tags_left_out:
        plan.remarks.append(
            "tags left out (more than 12 on a note, or no letters a-z): "
            + ", ".join(sorted(set(gathered.tags_left_out))[:10])
        )
    return plan


def _incoming(note: _Note, gathered: _Notes) -> IncomingCard:
    def text(value: str) -> str:
        reduced: FieldText = field_text(value) if note.html else plain_field_text(value)
        gathered.media.extend(name for name in reduced.media if name not in gathered.media)
        return reduced.text

    tags = _tags(note, gathered)
    base = IncomingCard(note.where, note.line, "", "", tags=tags, guid=note.guid or None)
    if not note.fields or not note.fields[0].strip():
        return _with(base, problem=("front", "the note's first field is empty"))
    first = note.fields[0]
    second = note.fields[1] if len(note.fields) > 1 else ""
    if "image-occlusion:" in first:
        return _with(base, problem=(None, "an image occlusion note: its picture stays in Anki"))
    our_kind = _OUR_NOTE_TYPES.get(note.note_type)
    if note.cloze or (not note.note_type and has_cloze(first)) or "cloze" in note.note_type.lower():
        front = text(cloze_front(first))
        back = "\n\n".join(part for part in (text(cloze_back(first)), text(second)) if part)
    else:
        if len(note.fields) < 2:
            return _with(base, problem=("back", "the note has one field; a card needs two"))
        front, back = text(first), text(second)
    section = text(note.fields[2]) if our_kind and len(note.fields) > 2 else None
    return IncomingCard(
        note.where,
        note.line,
        front,
        back,
        kind=our_kind,
        tags=tags,
        section=section or None,
        guid=note.guid or None,
        modified=note.modified,
    )


def _with(base: IncomingCard, *, problem: tuple[str | None, str]) -> IncomingCard:
    return IncomingCard(base.where, base.line, base.front, base.back, problem=problem)


def _tags(note: _Note, gathered: _Notes) -> tuple[str, ...]:
    deck = note.deck
    ours = deck is not None and (deck == DECK_NAME or deck.startswith(f"{DECK_NAME}::"))
    # Anki's "leech" is its scheduler's verdict on the history left behind, not the person's
    # word for the card; here it would only shame.
    kept = [tag for tag in note.tags if tag.casefold() != "leech"]
    named = [*kept] + ([deck] if deck and deck != "Default" and not ours else [])
    tags: list[str] = []
    for name in named:
        tag = anki_tag(name)
        if tag and tag not in tags and len(tags) < MAX_TAGS:
            tags.append(tag)
        elif not tag or (tag not in tags and len(tags) >= MAX_TAGS):
            gathered.tags_left_out.append(name)
    return tuple(tags)


def anki_tag(name: str) -> str:
    """An Anki tag or deck name as a tag here: ``Cardio::ECG_2`` becomes ``cardio-ecg-2``."""
    ascii_text = unicodedata.normalize("NFKD", name.casefold()).encode("ascii", "ignore")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.decode("ascii")))
