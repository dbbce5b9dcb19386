"""The deck loader refuses broken files with a message naming the file, the card and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imperfect_trainer.deck.content.deck_file import Deck, DeckFileError, builtin_deck, load_deck

SOURCES = """
[[sources]]
id = "perfectionists-paradox"
title = "The Paradox"
sections = ["The Over-Preparation Trap", "Recognising the Signs"]
"""

GOOD_CARD = """
[[cards]]
id = "reframe.good-enough-plan"
kind = "reframe"
source = "perfectionists-paradox"
section = "The Over-Preparation Trap"
front = "I must plan every minute."
back = "A loose plan leaves room for the client."
tags = ["over-preparation"]
"""


def _load(tmp_path: Path, *decks: str) -> Deck:
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES, encoding="utf-8")
    files = []
    for number, deck in enumerate(decks):
        path = tmp_path / f"deck{number}.toml"
        path.write_text(deck, encoding="utf-8")
        files.append(path)
    return load_deck(sources, files)


def test_a_valid_deck_loads_its_cards(tmp_path: Path) -> None:
    deck = _load(tmp_path, GOOD_CARD)
    assert [card.id for card in deck.cards] == ["reframe.good-enough-plan"]


def test_a_toml_syntax_error_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(DeckFileError) as caught:
        _load(tmp_path, GOOD_CARD + "\n[[cards]\nid = ")
    assert "deck0.toml" in str(caught.value)
    assert "not valid TOML" in str(caught.value)


def test_a_missing_field_names_the_card_and_the_field(tmp_path: Path) -> None:
    broken = GOOD_CARD.replace('back = "A loose plan leaves room for the client."\n', "")
    with pytest.raises(DeckFileError) as caught:
        _load(tmp_path, broken)
    error = caught.value
    assert error.field == "back"
    assert "reframe.good-enough-plan" in error.where
    assert "deck0.toml" in str(error)


def test_a_card_without_an_id_is_named_by_its_line(tmp_path: Path) -> None:
    broken = GOOD_CARD + GOOD_CARD.replace('id = "reframe.good-enough-plan"\n', "")
    with pytest.raises(DeckFileError) as caught:
        _load(tmp_path, broken)
    second_header = [n for n, line in enumerate(broken.splitlines(), 1) if line == "[[cards]]"][1]
    assert caught.value.field == "id"
    assert f"line {second_header}" in caught.value.where


def test_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DeckFileError) as caught:
        _load(tmp_path, GOOD_CARD.replace('kind = "reframe"', 'kind = "riddle"'))
    assert caught.value.field == "kind"
    assert "riddle" in str(caught.value)


def test_a_section_that_is_not_a_heading_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DeckFileError) as caught:
        _load(tmp_path, GOOD_CARD.replace("The Over-Preparation Trap", "Some Other Heading"))
    assert caught.value.field == "section"


def test_a_duplicate_id_across_files_names_both_files(tmp_path: Path) -> None:
    with pytest.raises(DeckFileError) as caught:
        _load(tmp_path, GOOD_CARD, GOOD_CARD)
    message = str(caught.value)
    assert caught.value.field == "id"
    assert "deck1.toml" in message
    assert "deck0.toml" in message


def test_an_id_must_start_with_its_kind(tmp_path: Path) -> None:
    with pytest.raises(DeckFileError) as caught:
        _load(tmp_path, GOOD_CARD.replace('kind = "reframe"', 'kind = "sign"'))
    assert caught.value.field == "id"


def test_a_file_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES, encoding="utf-8")
    deck = tmp_path / "latin.toml"
    deck.write_bytes(GOOD_CARD.encode() + b"\n# caf\xe9\n")
    with pytest.raises(DeckFileError) as caught:
        load_deck(sources, [deck])
    assert "latin.toml" in str(caught.value)
    assert "UTF-8" in str(caught.value)


def test_the_shipped_deck_loads_and_its_fingerprint_is_stable() -> None:
    first, second = builtin_deck(), builtin_deck()
    assert len(first.cards) >= 80
    assert first.fingerprint == second.fingerprint


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.binary(max_size=600),
        st.text(max_size=600).map(str.encode),
        st.lists(st.sampled_from(GOOD_CARD.splitlines(keepends=True)), max_size=30).map(
            lambda lines: "".join(lines).encode()
        ),
    )
)
def test_any_bytes_give_a_deck_or_a_clear_error(tmp_path: Path, data: bytes) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES, encoding="utf-8")
    deck_path = tmp_path / "fuzzed.toml"
    deck_path.write_bytes(data)
    outcome: Deck | DeckFileError
    try:
        outcome = load_deck(sources, [deck_path])
    except DeckFileError as error:
        outcome = error
    if isinstance(outcome, DeckFileError):
        assert "fuzzed.toml" in str(outcome) or "sources.toml" in str(outcome)
    else:
        assert all(card.front and card.back for card in outcome.cards)
