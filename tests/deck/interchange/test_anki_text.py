"""An Anki field as a card here reads it, and which Anki note a card came from."""

from __future__ import annotations

import genanki  # type: ignore[import-untyped]
import pytest

from imperfect_trainer.deck.content.cards import CARD_ID, own_card_id
from imperfect_trainer.deck.interchange.anki_ids import anki_card_id, guid_in_card_id, note_guid
from imperfect_trainer.deck.interchange.anki_text import cloze_back, cloze_front, field_text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("What is <b>AF</b>?&nbsp;Atrial<br>fibrillation", "What is AF? Atrial\nfibrillation"),
        ("<div>One</div><div>Two</div>", "One\nTwo"),
        ("<div>One</div><div><br></div><div>Two</div>", "One\n\nTwo"),
        ("<ul><li>a</li><li>b &lt;c&gt;</li></ul>", "• a\n• b <c>"),
        ("A<script>alert(1)</script><style>p{}</style> B", "A B"),
        ("Line\n  broken   in\tsource", "Line broken in source"),
        ('<img src="heart.png"> [sound:beat.mp3]', "[picture: heart.png] [sound: beat.mp3]"),
        ("Is &lt;b&gt;this&lt;/b&gt; bold &amp; brave?", "Is <b>this</b> bold & brave?"),
    ],
)
def test_html_reads_as_the_text_a_browser_shows(html: str, text: str) -> None:
    assert field_text(html).text == text


def test_pictures_and_sounds_are_named_once_each() -> None:
    media = field_text('<img src="a.png"><img src="a.png">[sound:b.mp3]').media

    assert media == ["a.png", "b.mp3"]


@pytest.mark.parametrize(
    ("cloze", "front", "back"),
    [
        ("The {{c1::SA node::pacemaker}} sets the {{c2::rate}}.", "The [pacemaker] sets the […].",
         "The SA node sets the rate."),
        ("{{c1::outer {{c2::inner}} end}} after", "[…] after", "outer inner end after"),
        ("{{c1::a::b::c}}", "[b::c]", "a"),
        ("Unclosed {{c1::deletion", "Unclosed {{c1::deletion", "Unclosed {{c1::deletion"),
    ],
)  # fmt: skip
def test_a_cloze_hides_its_deletions_on_the_front_and_shows_them_on_the_back(
    cloze: str, front: str, back: str
) -> None:
    assert (cloze_front(cloze), cloze_back(cloze)) == (front, back)


@pytest.mark.parametrize(
    "guid", ["K_^h-Nybba", "NzaKwZ=wwx", "a" * 36, "e[V7=,qYOF", "x" * 90, "ü-nicode"]
)
def test_a_card_from_an_anki_note_carries_the_notes_guid_in_a_valid_id(guid: str) -> None:
    card_id = anki_card_id("What is AF? Atrial fibrillation", guid)

    assert CARD_ID.match(card_id)
    assert len(card_id) <= 120
    if len(guid) < 60 and guid.isascii():
        assert guid_in_card_id(card_id) == guid
        assert note_guid(card_id) == guid  # exported back under its own GUID
        assert card_id.startswith("own.what-is-af-atrial-fibrillation-anki-")
    else:
        assert guid_in_card_id(card_id) is None


def test_other_cards_keep_the_guid_the_export_always_gave_them() -> None:
    for card_id in (
        "fact.sleep-and-mood",
        own_card_id("Learn anki"),
        "own.learn-anki-abc234def567",
    ):
        assert guid_in_card_id(card_id) is None
        assert note_guid(card_id) == genanki.guid_for(card_id)
