"""Reading the built-in deck: ``resources/sources.toml`` and ``resources/decks/*.toml``.

Everything is checked before anything is used, so a broken file stops the load with a message
naming the file, the card (its id, or the line of its ``[[cards]]`` header) and the field.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources.abc import Traversable

from imperfect_trainer.deck.content.cards import CardContent, CardFieldError, card_from_fields
from imperfect_trainer.resource_files import resource_root

_CARDS_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*cards[ \t]*\]\]", re.MULTILINE)


class DeckFileError(ValueError):
    """A deck file could not be used; the message names the file, the card and the field."""

    def __init__(self, path: str, message: str, *, where: str = "", field: str = "") -> None:
        self.path = path
        self.where = where
        self.field = field
        parts = [path]
        if where:
            parts.append(where)
        if field:
            parts.append(f"field {field!r}")
        super().__init__(", ".join(parts) + f": {message}")


@dataclass(frozen=True, slots=True)
class Source:
    """A piece the deck is drawn from, with its headings in reading order."""

    id: str
    title: str
    sections: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Deck:
    sources: dict[str, Source]
    cards: tuple[CardContent, ...]
    # Changes whenever any shipped file changes, so a start-up can skip an unchanged merge.
    fingerprint: str


@dataclass(frozen=True, slots=True)
class MergeReport:
    """What merging a deck into a collection did."""

    added: int = 0
    updated: int = 0
    retired: int = 0


def builtin_deck() -> Deck:
    """The deck shipped with the app."""
    return load_deck(*_builtin_files())


def builtin_fingerprint() -> str:
    """The shipped deck's fingerprint from its bytes alone, without parsing or checking it:
    an unchanged deck (every start but the first after an update) is then never parsed."""
    sources_file, deck_files = _builtin_files()
    digest = hashlib.sha256(_read(sources_file))
    for deck_file in deck_files:
        digest.update(deck_file.name.encode() + b"\0" + _read(deck_file))
    return digest.hexdigest()


def _builtin_files() -> tuple[Traversable, list[Traversable]]:
    root = resource_root()
    deck_files = sorted(
        (f for f in root.joinpath("decks").iterdir() if f.name.endswith(".toml")),
        key=lambda f: f.name,
    )
    return root.joinpath("sources.toml"), deck_files


def load_deck(sources_file: Traversable, deck_files: Sequence[Traversable]) -> Deck:
    """Read and check a sources file and deck files, or raise ``DeckFileError``."""
    digest = hashlib.sha256()
    sources_bytes = _read(sources_file)
    digest.update(sources_bytes)
    sources = _parse_sources(_display_name(sources_file), sources_bytes)
    known = {source.id: set(source.sections) for source in sources.values()}

    cards: list[CardContent] = []
    first_seen: dict[str, str] = {}
    for deck_file in deck_files:
        data = _read(deck_file)
        digest.update(deck_file.name.encode() + b"\0" + data)
        name = _display_name(deck_file)
        for card in _parse_cards(name, data, known):
            if card.id in first_seen:
                raise DeckFileError(
                    name,
                    f"duplicate id, already used in {first_seen[card.id]}",
                    where=f"card {card.id!r}",
                    field="id",
                )
            first_seen[card.id] = name
            cards.append(card)
    if not cards:
        raise DeckFileError(_display_name(sources_file), "no deck files with cards were found")
    return Deck(sources, tuple(cards), digest.hexdigest())


def _display_name(file: Traversable) -> str:
    return str(file)


def _read(file: Traversable) -> bytes:
    try:
        return file.read_bytes()
    except OSError as error:
        raise DeckFileError(_display_name(file), f"cannot be read ({error.strerror})") from error


def _parse_toml(name: str, data: bytes) -> dict[str, object]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DeckFileError(name, "is not UTF-8 text", where=f"line {line}") from error
    try:
        import tomllib  # only when the deck changed: an unchanged deck is never parsed

        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DeckFileError(name, f"is not valid TOML ({error})") from error


def _parse_sources(name: str, data: bytes) -> dict[str, Source]:
    document = _parse_toml(name, data)
    entries = document.get("sources")
    if not isinstance(entries, list) or not entries:
        raise DeckFileError(name, "needs at least one [[sources]] table", field="sources")
    sources: dict[str, Source] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"source #{number}"
        if not isinstance(entry, dict):
            raise DeckFileError(name, "must be a table", where=where)
        source_id, title = entry.get("id"), entry.get("title")
        sections = entry.get("sections")
        if not isinstance(source_id, str) or not source_id:
            raise DeckFileError(name, "missing or not text", where=where, field="id")
        if not isinstance(title, str) or not title:
            raise DeckFileError(name, "missing or not text", where=where, field="title")
        if (
            not isinstance(sections, list)
            or not sections
            or not all(isinstance(s, str) and s for s in sections)
        ):
            raise DeckFileError(name, "must be a list of headings", where=where, field="sections")
        if source_id in sources:
            raise DeckFileError(name, f"duplicate source {source_id!r}", where=where, field="id")
        sources[source_id] = Source(source_id, title, tuple(sections))
    return sources


def _parse_cards(name: str, data: bytes, known: dict[str, set[str]]) -> list[CardContent]:
    document = _parse_toml(name, data)
    unknown = sorted(set(document) - {"cards"})
    if unknown:
        raise DeckFileError(name, "unknown top-level key (only [[cards]] tables)", field=unknown[0])
    entries = document.get("cards", [])
    if not isinstance(entries, list):
        raise DeckFileError(name, "cards must be [[cards]] tables", field="cards")
    header_lines = _header_lines(data)
    cards: list[CardContent] = []
    for index, entry in enumerate(entries):
        line = header_lines[index] if index < len(header_lines) else None
        where = f"card #{index + 1}" + (f" (line {line})" if line else "")
        if not isinstance(entry, dict):
            raise DeckFileError(name, "must be a table", where=where)
        raw_id = entry.get("id")
        if isinstance(raw_id, str) and raw_id.strip():
            where = f"card {raw_id.strip()!r}" + (f" (line {line})" if line else "")
        try:
            card = card_from_fields(entry, known_sources=known)
        except CardFieldError as error:
            raise DeckFileError(name, error.message, where=where, field=error.field) from error
        # The kind prefix keeps built-in ids apart from the person's own cards ("own.…").
        if card.id.split(".", 1)[0] != card.kind.value:
            raise DeckFileError(
                name, f"must start with its kind, {card.kind.value!r}", where=where, field="id"
            )
        cards.append(card)
    return cards


def _header_lines(data: bytes) -> list[int]:
    text = data.decode("utf-8")
    return [text.count("\n", 0, match.start()) + 1 for match in _CARDS_HEADER.finditer(text)]
