"""What a card is: its kinds, its fields, and the checks every card passes, whatever its origin."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class CardKind(StrEnum):
    REALITY = "reality"
    REFRAME = "reframe"
    SIGN = "sign"
    PRACTICE = "practice"
    REFLECTION = "reflection"
    FACT = "fact"
    DISCERN = "discern"

    @property
    def label(self) -> str:
        """The kind as the person sees it on a card."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    CardKind.REALITY: "Reality",
    CardKind.REFRAME: "Reframe",
    CardKind.SIGN: "Sign",
    CardKind.PRACTICE: "Practice",
    CardKind.REFLECTION: "Reflection",
    CardKind.FACT: "Fact",
    CardKind.DISCERN: "Healthy or perfectionist?",
}


@dataclass(frozen=True, slots=True)
class GradeWords:
    """What the 0–5 grade judges on a kind of card, and the words for each grade.

    The scale is always SM-2's (0–2 missed, 3–5 passed, 4 and up needs no repeat today); only
    the words change with what the card asks for: an answer to recall, a useful response to a
    situation or a harsh thought, or a judgement with its reason.
    """

    judges: str
    kinds: str
    words: tuple[str, str, str, str, str, str]

    def __getitem__(self, grade: int) -> str:
        return self.words[grade]

    def items(self) -> list[tuple[int, str]]:
        return list(enumerate(self.words))


# Perfectionists grade themselves harshly: the failing grades say "not yet", never "wrong".
RECALL_WORDS = GradeWords(
    "how well the answer came back",
    "Reality checks and facts",
    (
        "not yet",
        "missed it; it rang a bell",
        "missed it, then “of course”",
        "got there with effort",
        "right after a pause",
        "easy",
    ),
)
# A sign card's front can be named in more than one fitting way (a trait, a sign, an effect of
# anxiety), so it is graded as a response: did a fitting name come, not the one on the back.
RESPONSE_WORDS = GradeWords(
    "how readily a useful response came",
    "Reframes, practice and sign cards",
    (
        "nothing came",
        "only an unhelpful response",
        "close; the back made it click",
        "useful, with effort",
        "useful, after a pause",
        "useful, readily",
    ),
)
JUDGEMENT_WORDS = GradeWords(
    "whether your judgement and its reason matched",
    "“Healthy or perfectionist?” cards",
    (
        "couldn’t judge",
        "judged it the other way",
        "right call, not the reason",
        "right call, part of the reason",
        "call and reason, after a pause",
        "call and reason, readily",
    ),
)
# Reflections are not here: they are answered in writing, never graded.
_GRADE_WORDS = {
    CardKind.REALITY: RECALL_WORDS,
    CardKind.SIGN: RESPONSE_WORDS,
    CardKind.FACT: RECALL_WORDS,
    CardKind.REFRAME: RESPONSE_WORDS,
    CardKind.PRACTICE: RESPONSE_WORDS,
    CardKind.DISCERN: JUDGEMENT_WORDS,
}
GRADE_SCALES = (RECALL_WORDS, RESPONSE_WORDS, JUDGEMENT_WORDS)


def grade_words(kind: CardKind) -> GradeWords:
    """The grade words for a card of ``kind``. A reflection is never graded; an answer it was
    given before it had its own way (a grade in an older log) reads as recall."""
    return _GRADE_WORDS.get(kind, RECALL_WORDS)


OWN_SOURCE = "own"
CARD_ID = re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$")
TAG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_FRONT = 500
MAX_BACK = 2000
MAX_TAGS = 12


@dataclass(frozen=True, slots=True)
class CardContent:
    """A card's text and labels, as written in a deck file or by the person."""

    id: str
    kind: CardKind
    source: str
    section: str
    front: str
    back: str
    tags: tuple[str, ...]


class CardFieldError(ValueError):
    """One field of one card is wrong; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def card_from_fields(
    raw: Mapping[str, object], *, known_sources: Mapping[str, set[str]]
) -> CardContent:
    """Check a card's raw fields and build it, or raise ``CardFieldError`` naming the field.

    ``known_sources`` maps each source to its section headings; a section must be one of them.
    """
    expected = {"id", "kind", "source", "section", "front", "back", "tags"}
    unknown = sorted(set(raw) - expected)
    if unknown:
        raise CardFieldError(
            unknown[0], "unknown field (expected: " + ", ".join(sorted(expected)) + ")"
        )

    card_id = _text(raw, "id")
    if not CARD_ID.match(card_id):
        raise CardFieldError("id", f"{card_id!r} is not of the form kind.some-words (lowercase)")

    kind_text = _text(raw, "kind")
    try:
        kind = CardKind(kind_text)
    except ValueError:
        kinds = ", ".join(k.value for k in CardKind)
        raise CardFieldError("kind", f"unknown kind {kind_text!r} (one of: {kinds})") from None

    source = _text(raw, "source")
    if source not in known_sources:
        raise CardFieldError(
            "source", f"unknown source {source!r} (one of: {', '.join(sorted(known_sources))})"
        )
    section = _text(raw, "section")
    if section not in known_sources[source]:
        raise CardFieldError("section", f"{section!r} is not a heading of {source}")

    front = _text(raw, "front", limit=MAX_FRONT)
    back = _text(raw, "back", limit=MAX_BACK)
    tags = _tags(raw.get("tags", []))
    return CardContent(card_id, kind, source, section, front, back, tags)


def _text(raw: Mapping[str, object], field: str, *, limit: int = 200) -> str:
    if field not in raw:
        raise CardFieldError(field, "missing")
    value = raw[field]
    if not isinstance(value, str):
        raise CardFieldError(field, f"must be text, not {type(value).__name__}")
    value = value.strip()
    if not value:
        raise CardFieldError(field, "is empty")
    if len(value) > limit:
        raise CardFieldError(field, f"is {len(value)} characters long (at most {limit})")
    return value


def _tags(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise CardFieldError("tags", f"must be a list of words, not {type(value).__name__}")
    if len(value) > MAX_TAGS:
        raise CardFieldError("tags", f"has {len(value)} tags (at most {MAX_TAGS})")
    tags: list[str] = []
    for tag in value:
        if not isinstance(tag, str) or not TAG.match(tag):
            raise CardFieldError("tags", f"{tag!r} is not a lowercase-word-with-hyphens tag")
        if tag not in tags:
            tags.append(tag)
    return tuple(tags)


def front_key(front: str) -> str:
    """Fronts differing only in case or spacing are the same card to the person."""
    return " ".join(front.split()).casefold()


def own_card_id(front: str) -> str:
    """An own card's id: ``own.``, a slug of the front's first words, and a hash of the whole
    front. The same front always gives the same id; the hash keeps fronts that begin alike
    apart."""
    key = front_key(front)
    ascii_text = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode("ascii")
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:40].strip("-")
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    return f"{OWN_SOURCE}.{slug}-{digest}" if slug else f"{OWN_SOURCE}.{digest}"
