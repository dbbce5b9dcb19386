"""The checks every card passes, whether it comes from a deck file or is written by the person."""

from __future__ import annotations

import pytest

from imperfect_trainer.deck.content.cards import (
    MAX_FRONT,
    RECALL_WORDS,
    RESPONSE_WORDS,
    CardContent,
    CardFieldError,
    CardKind,
    card_from_fields,
    grade_words,
)

KNOWN_SOURCES: dict[str, set[str]] = {
    "paradox": {"The Over-Preparation Trap", "Recognising the Signs"},
    "goals": {"Same page about goals"},
}


def valid_raw() -> dict[str, object]:
    return {
        "id": "practice.late-client-plan",
        "kind": "practice",
        "source": "paradox",
        "section": "The Over-Preparation Trap",
        "front": "A client arrives half an hour late and your plan no longer fits.",
        "back": "Drop the plan and ask what made today hard to get here.",
        "tags": ["late-client", "over-preparation"],
    }


def test_a_valid_card_is_accepted_with_its_fields_intact() -> None:
    card = card_from_fields(valid_raw(), known_sources=KNOWN_SOURCES)

    assert card == CardContent(
        id="practice.late-client-plan",
        kind=CardKind.PRACTICE,
        source="paradox",
        section="The Over-Preparation Trap",
        front="A client arrives half an hour late and your plan no longer fits.",
        back="Drop the plan and ask what made today hard to get here.",
        tags=("late-client", "over-preparation"),
    )


def test_surrounding_whitespace_is_trimmed_from_text_fields() -> None:
    raw = valid_raw() | {"front": "  Padded question?\n", "back": "\tPadded answer.  "}

    card = card_from_fields(raw, known_sources=KNOWN_SOURCES)

    assert card.front == "Padded question?"
    assert card.back == "Padded answer."


def test_a_card_without_tags_has_none_and_repeated_tags_count_once() -> None:
    untagged = valid_raw()
    del untagged["tags"]
    repeated = valid_raw() | {"tags": ["rupture", "relapse", "rupture"]}

    assert card_from_fields(untagged, known_sources=KNOWN_SOURCES).tags == ()
    assert card_from_fields(repeated, known_sources=KNOWN_SOURCES).tags == ("rupture", "relapse")


def test_a_front_exactly_at_the_length_limit_is_accepted() -> None:
    raw = valid_raw() | {"front": "x" * MAX_FRONT}

    assert card_from_fields(raw, known_sources=KNOWN_SOURCES).front == "x" * MAX_FRONT


def without(field: str) -> dict[str, object]:
    raw = valid_raw()
    del raw[field]
    return raw


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        pytest.param(without("front"), "front", id="missing-front"),
        pytest.param(without("id"), "id", id="missing-id"),
        pytest.param(valid_raw() | {"back": ""}, "back", id="empty-back"),
        pytest.param(valid_raw() | {"back": "   \n"}, "back", id="blank-back"),
        pytest.param(valid_raw() | {"front": 42}, "front", id="front-not-text"),
        pytest.param(valid_raw() | {"kind": "trivia"}, "kind", id="unknown-kind"),
        pytest.param(valid_raw() | {"kind": "Practice"}, "kind", id="kind-wrong-case"),
        pytest.param(valid_raw() | {"source": "elsewhere"}, "source", id="unknown-source"),
        pytest.param(
            valid_raw() | {"section": "Same page about goals"},
            "section",
            id="section-of-another-source",
        ),
        pytest.param(valid_raw() | {"section": "Made-up heading"}, "section", id="unknown-section"),
        pytest.param(valid_raw() | {"id": "no-dot-in-id"}, "id", id="id-without-dot"),
        pytest.param(valid_raw() | {"id": "Practice.Late"}, "id", id="id-uppercase"),
        pytest.param(valid_raw() | {"id": "practice.late client"}, "id", id="id-with-space"),
        pytest.param(valid_raw() | {"tags": "late-client"}, "tags", id="tags-not-a-list"),
        pytest.param(valid_raw() | {"tags": ["Late Client"]}, "tags", id="tag-with-space"),
        pytest.param(valid_raw() | {"tags": [7]}, "tags", id="tag-not-text"),
        pytest.param(valid_raw() | {"tags": ["-leading"]}, "tags", id="tag-leading-hyphen"),
        pytest.param(valid_raw() | {"notes": "extra"}, "notes", id="unknown-extra-field"),
        pytest.param(valid_raw() | {"front": "x" * (MAX_FRONT + 1)}, "front", id="front-too-long"),
    ],
)
def test_a_bad_field_is_rejected_and_named(raw: dict[str, object], field: str) -> None:
    with pytest.raises(CardFieldError) as caught:
        card_from_fields(raw, known_sources=KNOWN_SOURCES)

    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


def test_a_card_field_error_is_a_value_error_so_generic_handlers_catch_it() -> None:
    with pytest.raises(ValueError, match=r"^kind: unknown kind 'trivia'"):
        card_from_fields(valid_raw() | {"kind": "trivia"}, known_sources=KNOWN_SOURCES)


def test_the_discern_kind_asks_healthy_or_perfectionist() -> None:
    assert CardKind.DISCERN.label == "Healthy or perfectionist?"


def test_every_kind_has_a_distinct_non_empty_label() -> None:
    labels = [kind.label for kind in CardKind]

    assert all(label.strip() for label in labels)
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize("kind", list(CardKind))
def test_every_kind_is_accepted_by_its_written_name(kind: CardKind) -> None:
    raw = valid_raw() | {"kind": kind.value, "id": f"{kind.value}.some-card"}

    assert card_from_fields(raw, known_sources=KNOWN_SOURCES).kind is kind


def test_a_failing_recall_grade_says_not_yet_rather_than_wrong() -> None:
    failing = [RECALL_WORDS[grade] for grade in range(3)]

    assert failing[0] == "not yet"
    assert not any("wrong" in words for words in failing)


def test_a_sign_is_graded_on_whether_a_fitting_name_came_not_one_label() -> None:
    # The article names one pattern as a trait, a sign and an effect of anxiety: any fitting
    # name is a useful response, so signs share the reframes' and practice cards' scale.
    assert grade_words(CardKind.SIGN) is grade_words(CardKind.PRACTICE) is RESPONSE_WORDS
    assert "sign" in RESPONSE_WORDS.kinds
