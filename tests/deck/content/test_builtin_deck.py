"""The shipped deck files themselves: valid, complete, short, sound on the evidence, own words.

The TOML is read directly from the repository, so these checks do not depend on any loader.
The seed articles the cards were written from live outside the repository; committed digests
of their word runs stand in for them, so the copying checks also run where the seeds are absent.
The checks that need the seeds themselves are skipped when they are not there.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import statistics
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from imperfect_trainer.deck.content.cards import CardFieldError, CardKind, card_from_fields
from imperfect_trainer.deck.srs.scheduling import DEFAULT_NEW_CARDS_PER_DAY
from tests.support.paths import RESOURCES, SEEDS, TEST_DATA

DECKS = RESOURCES / "decks"
# Digests of every 8-word run of the seeds, and of every such run with one word dropped.
FINGERPRINT = TEST_DATA / "seed-shingles.txt"
NEAR_FINGERPRINT = TEST_DATA / "seed-near-shingles.txt"

PARADOX = "perfectionists-paradox"
GOALS = "same-page-goals"
BEYOND = "beyond-the-seeds"
SHINGLE = 8
SAFETY_TAG = "safety"
RISK_SECTION = "Beyond the seeds: where tolerance stops"
MIN_CARDS = 80
MIN_GOALS_CARDS = 6
MIN_CARDS_PER_SITUATION = 3
# Front and back together, so a card can be reviewed in about twenty seconds.
MAX_WORDS = 55
# The ceiling is not the target: one idea a card. Recall cards (reality, sign, fact) aim at
# 15–35 words; a fact's citation may take it a little over.
MAX_MEDIAN_WORDS = 40
MAX_RECALL_MEDIAN_WORDS = 36
MAX_RECALL_WORDS = 45
RECALL_KINDS = ("reality", "sign", "fact")
# A "Healthy or perfectionist?" back opens with its verdict so a person can grade themselves;
# "Neither" is the risk line's verdict (not messiness to tolerate: act today).
VERDICT = re.compile(r"^(?:Healthy|Perfectionist|It depends on|Neither)\b")
# Words in a discern front that give its verdict away.
CUE_WORDS = re.compile(
    r"\b(?:never|every|always|hollow|perfect(?:ly)?|flawless|at any cost)\b", re.IGNORECASE
)
# How the second edition overstated three findings.
EVIDENCE_OVERSTATED = re.compile(
    r"session-by-session"
    r"|treating perfectionism (?:itself )?reduced"
    r"|repaired[^.]*often strengthens"
    r"|Holden, C\. J\."
    r"|41\(3\)",
    re.IGNORECASE,
)
YES_NO_QUESTION = re.compile(r"^(?:Is|Are|Does|Do|Did|Can|Could|Has|Have|Was|Were)\b")
# Fronts sharing more than this share of their content words ask the same thing twice.
MAX_FRONT_OVERLAP = 0.6
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
# A quotation in curly quotes with its attribution to the article, before or after it:
# “What did I learn …?” (the article asks), or: the article cites “Holden, C. J. (2019) …”.
# Only such text may repeat the seeds' words, and only if it is their words exactly.
ATTRIBUTED_QUOTE = re.compile(
    r"\b[Tt]he article (?:asks|cites|gives|says|suggests)[^“”]{0,20}?“([^“”]+)”"
    r"|“([^“”]+)”[,.;:?!]?\s*\(the article(?: asks| suggests| says)?\)"
)
# An author (or authors) and a year: "Flückiger et al., 2018", "Tang & DeRubeis, 1999",
# "Holden & Jeanfreau (2021)", "Egan, Wade & Shafran, 2011".
NAME = r"[A-Z][^\s,()&;:]+(?: [A-Z][^\s,()&;:]+)?"
CITATION = re.compile(rf"{NAME}(?: et al\.)?(?:(?:,| &| and) {NAME})*,? \(?(?:19|20)\d\d\b")
# Volume, issue and page details: the citation, never the thing a fact card asks for.
CITATION_DETAIL = re.compile(r"\d+\s*\(\d+\)|\bpp?\.\s*\d|\bvol\.|\b\d{2,4}\s*[–-]\s*\d{2,4}\b")
ASKS_FOR_A_REFERENCE = re.compile(
    r"\b(?:which|what)\s+(?:\d{4}\s+)?(?:study|paper|article|meta-analysis|book|journal)\b"
    r"|\bwho\s+wrote\b",
    re.IGNORECASE,
)
# What the alliance research does not show, and the plan-dropping the deck no longer teaches.
OVERCLAIMS = re.compile(
    r"(?:relationship|alliance|presence|connection)s?\s+(?:trumps?|beats?|outweighs?|"
    r"matters?\s+more\s+than|counts?\s+for\s+more\s+than|over)\s+(?:\w+\s+)?techniques?"
    r"|(?:more|better|greater|stronger|more\s+reliably|more\s+healing)\s+than\s+"
    r"(?:any|the|specific|particular|precise)?\s*(?:techniques?|interventions?)\b"
    r"|techniques?\s+(?:doesn't|does\s+not|don't|do\s+not|hardly)\s+matter"
    r"|\b(?:let|letting)\s+the\s+plan\s+go|\bdrop(?:ping)?\s+the\s+plan"
    r"|\bset\s+the\s+plan\s+aside|\bput\s+the\s+(?:plan|agenda)\s+down"
    r"|perfectionist\s+brain\s+(?:interprets|reads|is)",
    re.IGNORECASE,
)
STOP_WORDS = frozenset(
    re.findall(
        r"\S+",
        "a an and are as at be but by can do does for from has have i i'm if in is it its it's"
        " me my not of on or so than that the their them they this to was when whenever with"
        " what which who you you're your",
    )
)


def _read_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


@cache
def sources() -> tuple[dict[str, Any], ...]:
    return tuple(_read_toml(RESOURCES / "sources.toml")["sources"])


@cache
def known_sources() -> dict[str, set[str]]:
    return {source["id"]: set(source["sections"]) for source in sources()}


@cache
def source_sections(source_id: str) -> tuple[str, ...]:
    (source,) = (s for s in sources() if s["id"] == source_id)
    return tuple(source["sections"])


@cache
def deck_files() -> tuple[Path, ...]:
    return tuple(sorted(DECKS.glob("*.toml")))


def raw_cards() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every card as written, with the name of the deck file it is in."""
    for path in deck_files():
        for raw in _read_toml(path).get("cards", []):
            yield path.name, raw


def cards_of_kind(kind: CardKind) -> list[dict[str, Any]]:
    return [raw for _, raw in raw_cards() if raw.get("kind") == kind.value]


def words(text: str) -> list[str]:
    """Lowercased words, punctuation dropped except apostrophes and hyphens inside a word."""
    return WORD.findall(text.translate(SAME_CHARACTER).lower())


def own_passages(text: str) -> list[list[str]]:
    """The words of a card side outside attributed quotations, passage by passage: a run of
    words never spans a quotation that was taken out."""
    passages, start = [], 0
    for quote in ATTRIBUTED_QUOTE.finditer(text):
        passages.append(words(text[start : quote.start()]))
        start = quote.end()
    return [*passages, words(text[start:])]


def attributed_quotes(text: str) -> list[str]:
    return [quote.group(1) or quote.group(2) for quote in ATTRIBUTED_QUOTE.finditer(text)]


def runs(passage: list[str], length: int) -> Iterator[tuple[str, ...]]:
    for start in range(len(passage) - length + 1):
        yield tuple(passage[start : start + length])


def shingles(text: str) -> set[tuple[str, ...]]:
    return set(runs(words(text), SHINGLE))


def without(run: tuple[str, ...], index: int) -> tuple[str, ...]:
    return run[:index] + run[index + 1 :]


def shingle_digest(shingle: tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(shingle).encode()).hexdigest()[:16]


def near_digest(dropped: int, shorter: tuple[str, ...]) -> str:
    """A seed run with the word at ``dropped`` taken out; the position is part of the digest
    so that a swapped word is matched only at the place it was swapped."""
    return hashlib.sha256(f"{dropped}:{' '.join(shorter)}".encode()).hexdigest()[:12]


def seed_fingerprint(texts: dict[str, str]) -> list[str]:
    """Digests of every 8-word run of the seeds: enough to spot copying, not to rebuild text."""
    return sorted({shingle_digest(sh) for text in texts.values() for sh in shingles(text)})


def seed_near_fingerprint(texts: dict[str, str]) -> list[str]:
    """Digests of every 8-word run of the seeds with one word dropped, tagged by position."""
    return sorted(
        {
            near_digest(index, without(run, index))
            for text in texts.values()
            for run in shingles(text)
            for index in range(SHINGLE)
        }
    )


def near_copies(text: str, exact: set[str], near: set[str]) -> list[str]:
    """Runs of ``text`` that are a seed's 8-word run with at most one word inserted, dropped or
    swapped, judged from the digests alone. Attributed quotations are left out."""
    found: list[str] = []
    for passage in own_passages(text):
        for run in runs(passage, SHINGLE - 1):
            if any(near_digest(i, run) in near for i in range(SHINGLE)):
                found.append(" ".join(run) + " (a seed run, one word dropped)")
        for run in runs(passage, SHINGLE):
            if shingle_digest(run) in exact:
                found.append(" ".join(run) + " (a seed run)")
            elif any(near_digest(i, without(run, i)) in near for i in range(SHINGLE)):
                found.append(" ".join(run) + " (a seed run, one word swapped)")
        for run in runs(passage, SHINGLE + 1):
            if any(shingle_digest(without(run, i)) in exact for i in range(SHINGLE + 1)):
                found.append(" ".join(run) + " (a seed run, one word inserted)")
    return found


def deck_near_copies(exact: set[str], near: set[str]) -> list[str]:
    return [
        f"{raw.get('id')} ({side}): {copy}"
        for _, raw in raw_cards()
        for side in ("front", "back")
        for copy in near_copies(str(raw.get(side, "")), exact, near)
    ]


def content_words(text: str) -> set[str]:
    return {word for word in words(text) if word not in STOP_WORDS}


def read_digests(path: Path) -> set[str]:
    return set(path.read_text(encoding="utf-8").split())


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


@pytest.mark.parametrize("source_id", [PARADOX, GOALS, BEYOND])
def test_every_heading_of_every_source_has_a_card(source_id: str) -> None:
    covered = {raw.get("section") for _, raw in raw_cards() if raw.get("source") == source_id}
    uncovered = [section for section in source_sections(source_id) if section not in covered]

    assert not uncovered, f"sections of {source_id} with no card:\n" + "\n".join(uncovered)


def test_every_card_names_a_heading_of_its_own_source() -> None:
    misplaced = [
        f"{raw.get('id')}: {raw.get('section')!r} is not a heading of {raw.get('source')}"
        for _, raw in raw_cards()
        if raw.get("section") not in known_sources().get(str(raw.get("source")), set())
    ]

    assert not misplaced, "\n".join(misplaced)


def test_the_same_page_goals_piece_has_enough_cards() -> None:
    count = sum(1 for _, raw in raw_cards() if raw.get("source") == GOALS)

    assert count >= MIN_GOALS_CARDS, f"only {count} cards from {GOALS}"


def test_what_goes_beyond_the_seeds_is_labelled_so_and_names_its_references() -> None:
    (beyond,) = (source for source in sources() if source["id"] == BEYOND)
    unlabelled = [s for s in beyond["sections"] if not s.startswith("Beyond the seeds")]

    assert beyond["title"].startswith("Beyond the seeds")
    assert not unlabelled, f"headings that hide they go beyond the seeds: {unlabelled}"
    assert all(YEAR.search(reference) for reference in beyond["references"])
    assert len(beyond["references"]) >= 3


def test_every_card_can_be_read_in_twenty_seconds() -> None:
    long_cards = [
        f"{raw.get('id')}: {count} words"
        for _, raw in raw_cards()
        if (count := len(words(str(raw.get("front", "")))) + len(words(str(raw.get("back", "")))))
        > MAX_WORDS
    ]

    assert not long_cards, f"cards over {MAX_WORDS} words, front and back:\n" + "\n".join(
        long_cards
    )


def _word_count(raw: dict[str, Any]) -> int:
    return len(words(str(raw.get("front", "")))) + len(words(str(raw.get("back", ""))))


def test_cards_hold_one_idea_so_the_ceiling_is_not_the_target() -> None:
    counts = [_word_count(raw) for _, raw in raw_cards()]

    assert statistics.median(counts) <= MAX_MEDIAN_WORDS


def test_recall_cards_are_short_enough_to_recall_whole() -> None:
    recall = [raw for _, raw in raw_cards() if raw.get("kind") in RECALL_KINDS]
    long_cards = [
        f"{raw.get('id')}: {count} words"
        for raw in recall
        if (count := _word_count(raw)) > MAX_RECALL_WORDS
    ]

    assert statistics.median(_word_count(raw) for raw in recall) <= MAX_RECALL_MEDIAN_WORDS
    assert not long_cards, "recall cards to split or shorten:\n" + "\n".join(long_cards)


def test_every_discern_back_opens_with_its_verdict() -> None:
    unjudged = [
        f"{raw.get('id')}: {str(raw.get('back'))[:40]!r}"
        for raw in cards_of_kind(CardKind.DISCERN)
        if not VERDICT.match(str(raw.get("back", "")))
    ]

    assert not unjudged, "discern backs that do not start with the verdict:\n" + "\n".join(unjudged)


def test_no_discern_front_gives_its_verdict_away() -> None:
    cued = [
        f"{raw.get('id')}: {match.group(0)!r}"
        for raw in cards_of_kind(CardKind.DISCERN)
        if (match := CUE_WORDS.search(str(raw.get("front", ""))))
    ]

    assert not cued, "discern fronts with a word that answers them:\n" + "\n".join(cued)


def test_no_card_repeats_the_second_editions_overstated_evidence() -> None:
    overstated = [
        f"{raw.get('id')} ({side}): {match.group(0)!r}"
        for _, raw in raw_cards()
        for side in ("front", "back")
        if (match := EVIDENCE_OVERSTATED.search(str(raw.get(side, ""))))
    ]

    assert not overstated, "\n".join(overstated)


def test_no_fact_front_is_a_yes_or_no_question() -> None:
    yes_no = [
        str(raw.get("id"))
        for raw in cards_of_kind(CardKind.FACT)
        if YES_NO_QUESTION.match(str(raw.get("front", "")))
    ]

    assert not yes_no, f"fact fronts whose answer is yes or no: {yes_no}"


def test_the_efficacy_card_gives_the_trials_and_their_limits() -> None:
    (trials,) = (raw for raw in cards_of_kind(CardKind.FACT) if "Galloway" in str(raw.get("back")))

    assert "15 trials" in trials["back"]
    assert "few against another treatment" in trials["back"]


def test_seed_cards_that_carry_a_standard_cbt_tool_say_so_in_their_tags() -> None:
    # The section names the article's idea; the tag keeps the statistics from crediting the
    # article with a CBT tool (a named thinking trap, a responsibility pie) it does not contain.
    untagged = [
        str(raw.get("id"))
        for raw in cards_of_kind(CardKind.REFRAME)
        if raw.get("source") != BEYOND and "cbt-tool" not in raw.get("tags", [])
    ]

    assert not untagged, f"reframes naming a thinking trap without the cbt-tool tag: {untagged}"


def test_reflections_anchor_to_one_client_this_week() -> None:
    anchored = [
        raw
        for raw in cards_of_kind(CardKind.REFLECTION)
        if "one client this week" in str(raw.get("front", ""))
    ]

    assert len(anchored) >= 5


def test_no_two_cards_ask_nearly_the_same_question() -> None:
    fronts = [(str(raw["id"]), content_words(str(raw.get("front", "")))) for _, raw in raw_cards()]
    alike = [
        f"{first} / {second}: {len(a & b) / len(a | b):.2f}"
        for (first, a), (second, b) in itertools.combinations(fronts, 2)
        if a and b and len(a & b) / len(a | b) > MAX_FRONT_OVERLAP
    ]

    assert not alike, "fronts that ask the same thing:\n" + "\n".join(alike)


def test_every_fact_card_answer_names_a_year() -> None:
    yearless = [
        str(raw.get("id"))
        for raw in cards_of_kind(CardKind.FACT)
        if not YEAR.search(str(raw.get("back", "")))
    ]

    assert not yearless, f"fact cards whose back gives no year: {', '.join(yearless)}"


def test_every_fact_card_cites_its_authors_and_year_on_the_back() -> None:
    uncited = [
        str(raw.get("id"))
        for raw in cards_of_kind(CardKind.FACT)
        if not CITATION.search(str(raw.get("back", "")))
    ]

    assert not uncited, f"fact cards with no (author, year) on the back: {', '.join(uncited)}"


def test_every_fact_card_asks_for_a_finding_not_a_reference() -> None:
    asking_for_references = [
        f"{raw.get('id')}: {raw.get('front')!r}"
        for raw in cards_of_kind(CardKind.FACT)
        if CITATION_DETAIL.search(str(raw.get("front", "")))
        or ASKS_FOR_A_REFERENCE.search(str(raw.get("front", "")))
    ]

    assert not asking_for_references, "fronts that ask for a citation:\n" + "\n".join(
        asking_for_references
    )


def test_every_fact_card_back_states_a_finding_beside_its_citation() -> None:
    # Take away the parts in brackets, the citations and the numbers: a finding must remain.
    def finding(back: str) -> list[str]:
        plain = CITATION.sub(" ", re.sub(r"\([^()]*\)", " ", back))
        return [word for word in words(plain) if not word.isdigit()]

    thin = [
        f"{raw.get('id')}: {' '.join(found)!r}"
        for raw in cards_of_kind(CardKind.FACT)
        if len(found := finding(str(raw.get("back", "")))) < 10
    ]

    assert not thin, "fact cards whose back is little more than a citation:\n" + "\n".join(thin)


def test_no_card_claims_what_the_evidence_does_not_show() -> None:
    claims = [
        f"{raw.get('id')} ({side}): {match.group(0)!r}"
        for _, raw in raw_cards()
        for side in ("front", "back")
        if (match := OVERCLAIMS.search(str(raw.get(side, ""))))
    ]

    assert not claims, "cards that set relationship against technique, or drop the plan:\n" + (
        "\n".join(claims)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Relationship trumps technique.",
        "The alliance matters more than any technique.",
        "It predicts outcome more reliably than specific techniques.",
        "Let the plan go and follow the client.",
        "The perfectionist brain interprets uncertainty as threat.",
    ],
)
def test_the_overclaim_guard_recognises_the_first_editions_phrasings(text: str) -> None:
    assert OVERCLAIMS.search(text)


def test_every_reframe_names_its_thinking_trap_and_asks_a_question() -> None:
    # A reframe teaches the skill (name the trap, question the evidence) rather than handing
    # over a slogan the reader cannot check.
    sloganeering = [
        str(raw.get("id"))
        for raw in cards_of_kind(CardKind.REFRAME)
        if "trap" not in str(raw.get("back", "")).lower() or "?" not in str(raw.get("back", ""))
    ]

    assert not sloganeering, f"reframes that name no trap or ask nothing: {sloganeering}"


def test_the_seed_decks_come_first_so_new_cards_start_with_the_article() -> None:
    # New cards are introduced in deck order: file by file, card by card. Only the safety cards
    # (where tolerance stops, the standards that protect clients) from beyond the seeds sit
    # among the article's, beside the tolerance cards they bound, so they are met early.
    cards = [raw for _, raw in raw_cards()]
    last_seed_card = max(i for i, raw in enumerate(cards) if raw.get("source") != BEYOND)
    early = [
        str(raw.get("id"))
        for raw in cards[:last_seed_card]
        if raw.get("source") == BEYOND and SAFETY_TAG not in raw.get("tags", [])
    ]

    assert cards[0].get("source") == PARADOX
    assert not early, f"cards beyond the seeds introduced among the article's: {early}"


def test_a_new_person_meets_the_risk_line_on_their_first_day() -> None:
    first_day = [raw for _, raw in raw_cards()][:DEFAULT_NEW_CARDS_PER_DAY]
    risk_line = [str(raw.get("id")) for raw in first_day if raw.get("section") == RISK_SECTION]

    assert len(risk_line) >= 2, f"the first day's new cards hold only {risk_line} on risk"


@pytest.mark.parametrize("tag", SITUATION_TAGS)
def test_each_debrief_situation_has_enough_cards_to_drill(tag: str) -> None:
    tagged = [str(raw.get("id")) for _, raw in raw_cards() if tag in raw.get("tags", [])]

    assert len(tagged) >= MIN_CARDS_PER_SITUATION, f"{tag!r} is only on: {tagged}"


# --- Own words: the near-copy check, from the committed digests. --------------------------------

SAMPLE_SEED = "the quick brown fox jumps over the lazy sleeping dog by the river"


def _sample_fingerprints() -> tuple[set[str], set[str]]:
    texts = {"sample": SAMPLE_SEED}
    return set(seed_fingerprint(texts)), set(seed_near_fingerprint(texts))


@pytest.mark.parametrize(
    "card",
    [
        "As they say, the quick brown fox jumps over the lazy sleeping dog.",
        "As they say, the quick brown fox leaps over the lazy sleeping dog.",
        "As they say, the quick brown fox jumps right over the lazy sleeping dog.",
        "As they say, the quick brown fox jumps over lazy sleeping dog.",
        "As they say, brown fox jumps over the lazy sleeping, indeed.",
        "“The quick brown fox jumps over the lazy sleeping dog” — they say so.",
    ],
)
def test_a_seed_run_with_one_word_inserted_dropped_or_swapped_is_a_copy(card: str) -> None:
    assert near_copies(card, *_sample_fingerprints())


@pytest.mark.parametrize(
    "card",
    [
        "A quick brown fox leaped across the lazy dog asleep by the river.",
        "The quick red fox jumps over a lazy sleeping dog.",
        "“The quick brown fox jumps over the lazy sleeping dog” (the article asks) and I agree.",
        "As the article says: “the quick brown fox jumps over the lazy sleeping dog”.",
    ],
)
def test_own_words_and_an_attributed_quotation_are_not_copies(card: str) -> None:
    assert not near_copies(card, *_sample_fingerprints())


def test_no_card_copies_a_run_of_the_seeds_even_with_one_word_changed() -> None:
    # CI may not have ../shared/seeds; the committed digests of their runs stand in.
    exact, near = read_digests(FINGERPRINT), read_digests(NEAR_FINGERPRINT)
    copied = deck_near_copies(exact, near)

    assert len(exact) > 1000
    assert len(near) > 7 * len(exact)
    assert not copied, (
        f"runs of {SHINGLE} seed words, give or take one, in the cards:\n" + "\n".join(copied)
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


# --- Checks against the seed articles. ---------------------------------------------------------


def test_every_paradox_heading_is_a_line_of_the_seed_article(seed_texts: dict[str, str]) -> None:
    if PARADOX not in seed_texts:
        pytest.skip(f"{PARADOX}.txt is not among the seeds in {SEEDS}")
    lines = {line.strip() for line in seed_texts[PARADOX].splitlines()}
    absent = [heading for heading in source_sections(PARADOX) if heading not in lines]

    assert not absent, "headings not found verbatim in the seed:\n" + "\n".join(absent)


def test_no_card_copies_a_run_of_a_seed_even_with_one_word_changed(
    seed_texts: dict[str, str],
) -> None:
    copied = deck_near_copies(
        set(seed_fingerprint(seed_texts)), set(seed_near_fingerprint(seed_texts))
    )

    assert not copied, (
        f"runs of {SHINGLE} seed words, give or take one, in the cards:\n" + "\n".join(copied)
    )


def test_every_attributed_quotation_is_the_articles_own_words(seed_texts: dict[str, str]) -> None:
    seed_words = [f" {' '.join(words(text))} " for text in seed_texts.values()]

    def verbatim(quote: str) -> bool:
        # An ellipsis marks words left out; each piece on either side must be the seed's own.
        pieces = [f" {' '.join(words(piece))} " for piece in quote.split("…") if words(piece)]
        return any(all(piece in text for piece in pieces) for text in seed_words)

    misquoted = [
        f"{raw.get('id')} ({side}): {quote!r}"
        for _, raw in raw_cards()
        for side in ("front", "back")
        for quote in attributed_quotes(str(raw.get(side, "")))
        if not verbatim(quote)
    ]

    assert not misquoted, "quotations not found word for word in a seed:\n" + "\n".join(misquoted)


def test_the_committed_seed_fingerprints_are_up_to_date(seed_texts: dict[str, str]) -> None:
    rewrite = "the seeds changed: run `python -m tests.test_builtin_deck` to write them again"
    assert FINGERPRINT.read_text(encoding="utf-8").split() == seed_fingerprint(seed_texts), rewrite
    assert NEAR_FINGERPRINT.read_text(encoding="utf-8").split() == seed_near_fingerprint(
        seed_texts
    ), rewrite


if __name__ == "__main__":
    seeds = {path.stem: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}
    FINGERPRINT.write_text("\n".join(seed_fingerprint(seeds)) + "\n", encoding="utf-8")
    NEAR_FINGERPRINT.write_text("\n".join(seed_near_fingerprint(seeds)) + "\n", encoding="utf-8")
