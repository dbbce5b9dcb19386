"""Which Anki note is which card: the note's GUID kept inside the card's id, and back.

Anki knows a note again by its GUID. A card made from an Anki note carries that GUID in its id
(``own.<words of the front>-anki-<GUID in base 32>``), so a later import of the same note finds
the card even after its front was edited in Anki, and an export gives the note its own GUID
back, so Anki updates it instead of adding a copy. Every other card's note GUID is derived from
its id (``genanki.guid_for``), as the export has always done. Nothing else is stored: the id
travels with the card through backups, the JSON export and a programme's server.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import unicodedata

import genanki  # type: ignore[import-untyped]

from imperfect_trainer.deck.content.cards import OWN_SOURCE, front_key

_MARK = "-anki-"
_HASHED_MARK = "-ankih-"
_MAX_ID = 120  # the cards table's id column
_SLUG_WORDS = 40
_ENCODED = re.compile(r"-anki-([a-z2-7]+)$")


def anki_card_id(front: str, guid: str) -> str:
    """The id of an own card made from the Anki note ``guid`` whose front is ``front``."""
    encoded = base64.b32encode(guid.encode("utf-8")).decode("ascii").rstrip("=").lower()
    slug = _slug(front)
    room = _MAX_ID - len(OWN_SOURCE) - 1 - len(_MARK) - len(encoded)
    if room < 0 or not _plain(guid):
        # A GUID unlike Anki's own (ten printable characters) or genanki's; such a card is
        # found again by its front, and goes back to Anki under a GUID of its own.
        digest = hashlib.sha256(guid.encode("utf-8")).hexdigest()[:16]
        return f"{OWN_SOURCE}.{slug}{_HASHED_MARK}{digest}".replace(".-", ".")
    slug = slug[:room].strip("-")
    return f"{OWN_SOURCE}.{slug}{_MARK}{encoded}" if slug else f"{OWN_SOURCE}.anki-{encoded}"


def guid_in_card_id(card_id: str) -> str | None:
    """The GUID of the Anki note a card was made from, when its id carries one."""
    if card_id.startswith(f"{OWN_SOURCE}.anki-"):
        encoded = card_id.removeprefix(f"{OWN_SOURCE}.anki-")
    else:
        match = _ENCODED.search(card_id)
        if match is None:
            return None
        encoded = match.group(1)
    padded = encoded.upper() + "=" * (-len(encoded) % 8)
    try:
        guid = base64.b32decode(padded).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    # Anki's GUIDs are printable ASCII; anything else is an own card whose front happened to
    # end in the word "anki".
    return guid if _plain(guid) else None


def _plain(guid: str) -> bool:
    return bool(guid) and guid.isascii() and guid.isprintable() and " " not in guid


def note_guid(card_id: str) -> str:
    """The GUID of the Anki note an export writes for the card ``card_id``."""
    return guid_in_card_id(card_id) or str(genanki.guid_for(card_id))


def _slug(front: str) -> str:
    ascii_text = (
        unicodedata.normalize("NFKD", front_key(front)).encode("ascii", "ignore").decode("ascii")
    )
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:_SLUG_WORDS].strip("-")
