"""The line where tolerating imperfection stops: risk, and the standards that protect clients.

The deck teaches a clinician to tolerate uncertainty and not rush to fix. These checks keep the
cards that draw the line from being lost or softened in a later edition: minimal pairs that set
messiness to tolerate beside risk to act on today, boundary clauses on the tolerance cards that
could be carried into a risk situation, and the standards that are not to be held lightly.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.deck.content.test_builtin_deck import RISK_SECTION, SAFETY_TAG, raw_cards

# (messiness to tolerate, risk to act on today): the two cards of a pair differ in one detail.
MINIMAL_PAIRS = (
    ("practice.client-asks-whats-the-point", "practice.client-mentions-a-plan"),
    ("reality.missed-session-means-i-failed", "reality.missed-session-after-risk-was-raised"),
    ("practice.parent-shouted-at-children", "practice.parent-says-partner-hit-child"),
    ("discern.staying-with-voiced-hopelessness", "discern.holding-back-after-a-hint-of-suicide"),
)
# Tolerance advice that could be generalised to a risk situation, each with its boundary.
BOUNDED_TOLERANCE = (
    "reality.good-work-prevents-setbacks",
    "reframe.should-have-seen-the-relapse",
    "reflection.remaining-with-client-pain",
    "reality.progress-should-be-steady",
    "reality.effective-therapists-avoid-mess",
    "practice.third-relapse-in-addiction",
    "practice.client-improves-then-slides",
    "practice.open-with-not-knowing",
    "practice.session-veers-off-topic",
    "practice.client-goes-quiet-after-comment",
)
# The opening vignette's client is chronically depressed, late and intoxicated: a risk situation.
VIGNETTE_CARDS = (
    "practice.late-intoxicated-client-threatens-to-quit",
    "practice.client-has-been-drinking",
)
# What acting on risk means: at least three of these, said plainly on the card.
ACTIONS = {
    "ask": re.compile(r"\bask", re.IGNORECASE),
    "assess": re.compile(r"\bassess|\bintent, plan and means|\bplans? and means", re.IGNORECASE),
    "safety plan": re.compile(r"\bsafety plan|\bprocedure", re.IGNORECASE),
    "consult": re.compile(r"\bconsult|\bsupervisor|\bcolleague", re.IGNORECASE),
    "record": re.compile(r"\brecord", re.IGNORECASE),
}
ACTS_ON_RISK = re.compile(
    r"\bact\b|\bask\b|\bassess\b|\bcheck\b|comes first|\bfollow", re.IGNORECASE
)
TODAY = re.compile(r"\btoday\b|\bsame day\b|\bnow\b", re.IGNORECASE)
RISK = re.compile(r"\brisk\b|\bsuicid|\bunsafe\b|\bend(?:ing)? their life\b", re.IGNORECASE)


def card(card_id: str) -> dict[str, Any]:
    found = [raw for _, raw in raw_cards() if raw.get("id") == card_id]
    assert found, f"the deck has no card {card_id}"
    return found[0]


@pytest.mark.parametrize(("tolerate", "act"), MINIMAL_PAIRS)
def test_each_minimal_pair_sets_messiness_beside_risk_and_says_what_to_do_today(
    tolerate: str, act: str
) -> None:
    calm, urgent = card(tolerate), card(act)
    actions = [name for name, said in ACTIONS.items() if said.search(urgent["back"])]

    assert calm["kind"] == urgent["kind"]
    assert TODAY.search(urgent["back"]), f"{act} does not say to act today"
    assert len(actions) >= 3, f"{act} names only {actions} of what acting on risk means"
    # The tolerant side still checks: staying with hopelessness follows asking about it.
    assert RISK.search(calm["front"] + " " + calm["back"]), f"{tolerate} never mentions risk"


def test_the_minimal_pairs_come_in_three_kinds_and_are_introduced_together() -> None:
    order = [str(raw.get("id")) for _, raw in raw_cards()]
    kinds = {card(tolerate)["kind"] for tolerate, _ in MINIMAL_PAIRS}

    assert {"discern", "practice", "reality"} <= kinds
    for tolerate, act in MINIMAL_PAIRS:
        assert order.index(act) == order.index(tolerate) + 1, f"{tolerate} / {act} apart"


def test_the_risk_line_is_labelled_beyond_the_seeds_and_tagged_safety() -> None:
    risk_line = [raw for _, raw in raw_cards() if raw.get("section") == RISK_SECTION]
    untagged = [raw["id"] for raw in risk_line if SAFETY_TAG not in raw.get("tags", [])]

    assert len(risk_line) >= 2 * len(MINIMAL_PAIRS) + 1
    assert {raw["source"] for raw in risk_line} == {"beyond-the-seeds"}
    assert not untagged, f"risk-line cards without the {SAFETY_TAG!r} tag: {untagged}"


@pytest.mark.parametrize("card_id", BOUNDED_TOLERANCE)
def test_tolerance_that_could_meet_risk_says_where_it_stops(card_id: str) -> None:
    back = card(card_id)["back"]

    assert RISK.search(back), f"{card_id} tolerates without a word on risk"
    assert ACTS_ON_RISK.search(back), f"{card_id} names risk but not what to do about it"


@pytest.mark.parametrize("card_id", VIGNETTE_CARDS)
def test_the_intoxicated_client_cards_check_suicidal_thoughts_and_capacity(card_id: str) -> None:
    back = card(card_id)["back"]

    assert re.search(r"\brisk(?: first)?, including suicidal thoughts", back)
    assert "capacity" in back


def test_the_opening_vignette_keeps_its_clients_chronic_depression() -> None:
    assert "chronic depression" in card(VIGNETTE_CARDS[0])["front"]


def test_no_card_asks_only_for_a_vague_safety_check() -> None:
    # "Check safety" let a reader skip asking about suicidal thoughts; say what to check.
    vague = [
        str(raw.get("id"))
        for _, raw in raw_cards()
        if re.search(r"\bcheck(?:ing)? safety\b", str(raw.get("back")), re.IGNORECASE)
    ]

    assert not vague, f"cards that say 'check safety' without naming risk: {vague}"


@pytest.mark.parametrize(
    "card_id", ["discern.bounded-prep-time", "practice.experiment-on-preparation-time"]
)
def test_a_preparation_limit_always_covers_risk_information(card_id: str) -> None:
    raw = card(card_id)
    text = f"{raw['front']} {raw['back']}"

    assert "risk information" in text
    assert "limit is the point" not in text
    assert "fifteen minutes" not in text


def test_zero_tolerance_is_the_healthy_standard_where_it_protects_clients() -> None:
    protects = card("discern.zero-breaches-of-confidentiality-and-boundaries")
    perfectionist = card("discern.never-make-a-mistake")

    assert all(
        word in protects["front"] for word in ("confidentiality", "boundaries", "risk", "records")
    )
    assert protects["back"].startswith("Healthy")
    assert perfectionist["back"].startswith("Perfectionist")


def test_consultation_about_risk_is_told_apart_from_reassurance_seeking() -> None:
    reassurance = card("discern.emailing-supervisor-after-most-sessions")
    consultation = card("discern.phoning-supervisor-about-a-plan")

    assert reassurance["back"].startswith("Perfectionist")
    assert consultation["back"].startswith("Healthy, and required")


def test_an_error_that_reached_a_client_is_told_reported_and_recorded() -> None:
    back = card("practice.letter-sent-to-wrong-address")["back"]

    for duty in ("tell the client", "report", "duty of candour", "record"):
        assert duty in back


def test_a_small_slip_is_the_clinicians_call_but_an_error_that_reached_a_client_is_told() -> None:
    back = card("reframe.must-hide-imperfections")["back"]

    assert "useful to share" in back
    assert "always told" in back


@pytest.mark.parametrize(
    "card_id",
    [
        "reflection.unspoken-risk-worry",
        "reflection.mistake-not-yet-told",
        "reflection.rupture-we-repaired",
    ],
)
def test_supervision_has_prompts_for_what_is_hardest_to_bring(card_id: str) -> None:
    raw = card(card_id)

    assert raw["kind"] == "reflection"
    assert raw["section"] == "Beyond the seeds: same page in supervision"
