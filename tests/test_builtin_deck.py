"""The shipped deck files themselves: valid, complete enough to drill, and in our own words.

The TOML is read directly from the repository, so these checks do not depend on any loader.
The seed articles the cards were written from live outside the repository; the checks that need
them are skipped when they are not there.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from imperfect_trainer.deck.cards import CardFieldError, CardKind, card_from_fields

RESOURCES = Path(__file__).parents[1] / "resources"
DECKS = RESOURCES / "decks"
SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
FINGERPRINT = Path(__file__).parent / "data" / "seed-shingles.txt"

PARADOX = "perfectionists-paradox"
GOALS = "same-page-goals"
SHINGLE = 8
MIN_CARDS = 80
MIN_GOALS_CARDS = 6
MIN_CARDS_PER_SITUATION = 3
# The situations the session debrief drills; each needs enough cards to draw on.
SITUATION_TAGS = (
    "late-client",
    "dropout-threat",
    "relapse",
    "rupture",
    "no-progress",
    "over-preparation",
    "rumination",
)
YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
# Typographic apostrophes and hyphens read as their plain forms.
SAME_CHARACTER = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"}
)


def _read_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


@cache
def known_sources() -> dict[str, set[str]]:
    sources: list[dict[str, Any]] = _read_toml(RESOURCES / "sources.toml")["sources"]
    return {source["id"]: set(source["sections"]) for source in sources}


@cache
def source_sections(source_id: str) -> tuple[str, ...]:
    sources: list[dict[str, Any]] = _read_toml(RESOURCES / "sources.toml")["sources"]
    (source,) = (s for s in sources if s["id"] == source_id)
    return tuple(source["sections"])


@cache
def deck_files() -> tuple[Path, ...]:
    return tuple(sorted(DECKS.glob("*.toml")))


def raw_cards() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every card as written, with the name of the deck file it is in."""
    for path in deck_files():
        for raw in _read_toml(path).get("cards", []):
            yield path.name, raw


def words(text: str) -> list[str]:
    """Lowercased words, punctuation dropped except apostrophes and hyphens inside a word."""
    return WORD.findall(text.translate(SAME_CHARACTER).lower())


def shingles(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + SHINGLE]) for i in range(len(found) - SHINGLE + 1)}


def shingle_digest(shingle: tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(shingle).encode()).hexdigest()[:16]


def seed_fingerprint(texts: dict[str, str]) -> list[str]:
    """Digests of every 8-word run of the seeds: enough to spot copying, not to rebuild text."""
    return sorted({shingle_digest(sh) for text in texts.values() for sh in shingles(text)})


@pytest.fixture(scope="module")
def seed_texts() -> dict[str, str]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (checks against them run only locally)")
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}
    if not texts:
        pytest.skip(f"no seed articles (*.txt) in {SEEDS}")
    return texts


# --- Checks on the deck files alone. -----------------------------------------------------------


def test_the_deck_folder_holds_deck_files() -> None:
    assert deck_files(), f"no *.toml deck files in {DECKS}"


def test_every_shipped_card_passes_the_card_checks() -> None:
    problems: list[str] = []
    for file_name, raw in raw_cards():
        try:
            card_from_fields(raw, known_sources=known_sources())
        except CardFieldError as error:
            problems.append(f"{file_name}: {raw.get('id', '<no id>')}: {error}")

    assert not problems, "cards that fail the checks:\n" + "\n".join(problems)


def test_the_deck_has_at_least_eighty_cards() -> None:
    count = sum(1 for _ in raw_cards())

    assert count >= MIN_CARDS, f"only {count} built-in cards"


def test_every_kind_of_card_is_in_the_deck() -> None:
    present = {raw.get("kind") for _, raw in raw_cards()}
    missing = sorted(kind.value for kind in CardKind if kind.value not in present)

    assert not missing, f"no built-in cards of kind: {', '.join(missing)}"


def test_card_ids_are_unique_across_all_deck_files() -> None:
    where: dict[str, list[str]] = {}
    for file_name, raw in raw_cards():
        where.setdefault(str(raw.get("id")), []).append(file_name)
    duplicates = {card_id: files for card_id, files in where.items() if len(files) > 1}

    assert not duplicates, f"card ids used more than once: {duplicates}"


def test_every_section_of_the_paradox_article_has_a_card() -> None:
    covered = {raw.get("section") for _, raw in raw_cards() if raw.get("source") == PARADOX}
    uncovered = [section for section in source_sections(PARADOX) if section not in covered]

    assert not uncovered, "sections with no card:\n" + "\n".join(uncovered)


def test_the_same_page_goals_piece_has_enough_cards() -> None:
    count = sum(1 for _, raw in raw_cards() if raw.get("source") == GOALS)

    assert count >= MIN_GOALS_CARDS, f"only {count} cards from {GOALS}"


def test_every_fact_card_answer_names_a_year() -> None:
    yearless = [
        str(raw.get("id"))
        for _, raw in raw_cards()
        if raw.get("kind") == CardKind.FACT.value and not YEAR.search(str(raw.get("back", "")))
    ]

    assert not yearless, f"fact cards whose back gives no year: {', '.join(yearless)}"


@pytest.mark.parametrize("tag", SITUATION_TAGS)
def test_each_debrief_situation_has_enough_cards_to_drill(tag: str) -> None:
    tagged = [str(raw.get("id")) for _, raw in raw_cards() if tag in raw.get("tags", [])]

    assert len(tagged) >= MIN_CARDS_PER_SITUATION, f"{tag!r} is only on: {tagged}"


# --- Checks against the seed articles. ---------------------------------------------------------


def test_every_paradox_heading_is_a_line_of_the_seed_article(seed_texts: dict[str, str]) -> None:
    if PARADOX not in seed_texts:
        pytest.skip(f"{PARADOX}.txt is not among the seeds in {SEEDS}")
    lines = {line.strip() for line in seed_texts[PARADOX].splitlines()}
    absent = [heading for heading in source_sections(PARADOX) if heading not in lines]

    assert not absent, "headings not found verbatim in the seed:\n" + "\n".join(absent)


def test_no_card_copies_eight_consecutive_words_from_a_seed(seed_texts: dict[str, str]) -> None:
    seed_shingles: dict[tuple[str, ...], str] = {}
    for name, text in seed_texts.items():
        for shingle in shingles(text):
            seed_shingles.setdefault(shingle, name)

    copied: list[str] = []
    for _, raw in raw_cards():
        for side in ("front", "back"):
            for shingle in sorted(shingles(str(raw.get(side, "")))):
                if shingle in seed_shingles:
                    copied.append(
                        f"{raw.get('id')} ({side}): {' '.join(shingle)!r}"
                        f" is in {seed_shingles[shingle]}"
                    )

    assert not copied, f"runs of {SHINGLE}+ words copied from a seed:\n" + "\n".join(copied)


def test_no_card_copies_a_run_of_the_seeds_even_without_them() -> None:
    # CI may not have ../shared/seeds; the committed digests of their 8-word runs stand in.
    fingerprint = set(FINGERPRINT.read_text(encoding="utf-8").split())
    copied = [
        f"{raw.get('id')} ({side}): {' '.join(shingle)!r}"
        for _, raw in raw_cards()
        for side in ("front", "back")
        for shingle in sorted(shingles(str(raw.get(side, ""))))
        if shingle_digest(shingle) in fingerprint
    ]
    assert len(fingerprint) > 1000
    assert not copied, f"runs of {SHINGLE}+ words copied from a seed:\n" + "\n".join(copied)


def test_the_committed_seed_fingerprint_is_up_to_date(seed_texts: dict[str, str]) -> None:
    assert FINGERPRINT.read_text(encoding="utf-8").split() == seed_fingerprint(seed_texts), (
        "the seeds changed: run `python -m tests.test_builtin_deck` to write the fingerprint again"
    )


def test_the_word_splitting_treats_typographic_and_plain_text_alike() -> None:
    # Curly and straight apostrophes must match, and dashes between words must separate them,
    # or a copied passage could slip through the check above.
    assert words("Isn’t it—perhaps—the therapist's “right” move?") == [
        "isn't",
        "it",
        "perhaps",
        "the",
        "therapist's",
        "right",
        "move",
    ]
    assert words("Over-preparation, again.") == ["over-preparation", "again"]


if __name__ == "__main__":
    seeds = {path.stem: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}
    FINGERPRINT.write_text("\n".join(seed_fingerprint(seeds)) + "\n", encoding="utf-8")
