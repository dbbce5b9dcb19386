"""Anki notes in: packages and text exports built by the real Anki, re-imports that update,
and every bad file refused without a change."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from imperfect_trainer.cli import main
from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.content.deck_file import builtin_deck
from imperfect_trainer.deck.features.own_cards import own_card_draft, update_own_card
from imperfect_trainer.deck.interchange.card_files import plan_card_file
from imperfect_trainer.deck.interchange.import_plan import (
    ImportFileError,
    ImportPlan,
    ImportRefusedError,
    apply_plan,
)
from imperfect_trainer.deck.storage.models import Card
from imperfect_trainer.deck.store import Store
from tests.support.anki_notes import (
    PLAIN_FRONT,
    add_note,
    export_package,
    export_text,
    new_collection,
    person_collection,
)
from tests.support.collection_rows import store_rows
from tests.support.moments import MORNING

AF_FRONT = "What is AF? Atrial\nfibrillation"
CLOZE_FRONT = "The [pacemaker] sets the […]."
CLOZE_BACK = "The sinoatrial node sets the rate.\n\nBook p. 12"


def imported(store: Store, path: Path, kind: CardKind = CardKind.REALITY) -> ImportPlan:
    plan = plan_card_file(store, path, kind=kind)
    apply_plan(store, plan, MORNING, skip_refused=False)
    return plan


def own(store: Store) -> dict[str, tuple[str, CardKind, tuple[str, ...], str]]:
    """Each own card's front with its back, kind, tags and section."""
    with store.unit_of_work() as session:
        return {
            card.front: (card.back, CardKind(card.kind), tuple(card.tags.split()), card.section)
            for card in session.scalars(select(Card).where(Card.origin == "own"))
        }


EXPECTED = {
    AF_FRONT: (
        "An irregular rhythm\n[picture: ecg.png]\n[sound: beat.mp3]",
        CardKind.REALITY,
        ("cardio-ecg", "exam-2026", "medicine-cardio"),
        "My own cards",
    ),
    CLOZE_FRONT: (CLOZE_BACK, CardKind.REALITY, (), "My own cards"),
    PLAIN_FRONT: (
        "Worse sleep, lower mood.\nBoth ways.",
        CardKind.REALITY,
        ("psychiatry",),
        "My own cards",
    ),
}


@pytest.mark.parametrize(
    ("name", "legacy"),
    [
        ("notes.apkg", False),
        ("notes-legacy.apkg", True),
        ("all.colpkg", False),
        ("all-legacy.colpkg", True),
    ],
)
def test_an_anki_package_of_every_generation_becomes_own_cards(
    store: Store, tmp_path: Path, name: str, legacy: bool
) -> None:
    collection = person_collection(tmp_path / "anki")
    path = tmp_path / name
    if name.endswith(".apkg"):
        export_package(collection, path, legacy=legacy)
        collection.close()
    else:
        # Anki closes the collection to write the whole of it.
        collection.export_collection_package(str(path), include_media=True, legacy=legacy)

    plan = imported(store, path)

    assert own(store) == EXPECTED
    assert (len(plan.new), len(plan.updated), plan.unchanged, plan.refused) == (3, 0, 0, [])
    assert any("review history is not carried over" in remark for remark in plan.remarks)
    assert any("not copied: ecg.png, beat.mp3" in remark for remark in plan.remarks)
    assert all(store.card(card.id).is_new for _, card in plan.new)


def test_the_review_history_in_a_collection_package_is_counted_and_left_behind(
    store: Store, tmp_path: Path
) -> None:
    collection = person_collection(tmp_path / "anki")
    card = collection.get_card(collection.sched.get_queued_cards().cards[0].card.id)
    card.start_timer()
    collection.sched.answerCard(card, 3)  # Good
    path = tmp_path / "all.colpkg"
    collection.export_collection_package(str(path), include_media=False, legacy=False)

    plan = imported(store, path)

    assert "Your Anki review history (1 answer) is not carried over" in " ".join(plan.remarks)
    assert all(store.card(card.id).is_new for _, card in plan.new)


def test_the_kind_of_the_new_cards_is_the_persons_choice(store: Store, tmp_path: Path) -> None:
    collection = person_collection(tmp_path / "anki")
    path = export_package(collection, tmp_path / "notes.apkg")
    collection.close()

    imported(store, path, kind=CardKind.FACT)

    assert {kind for _, kind, _, _ in own(store).values()} == {CardKind.FACT}


@pytest.mark.parametrize(
    ("name", "html", "everything"),
    [("notes.txt", True, True), ("notes-plain.txt", False, False), ("renamed.csv", True, True)],
)
def test_ankis_plain_text_export_is_imported_as_anki_wrote_it(
    store: Store, tmp_path: Path, name: str, html: bool, everything: bool
) -> None:
    collection = person_collection(tmp_path / "anki")
    path = export_text(collection, tmp_path / name, html=html, everything=everything)
    collection.close()
    assert path.read_text(encoding="utf-8").startswith("#separator:tab\n")

    plan = imported(store, path)

    cards = own(store)
    assert (len(plan.new), plan.refused) == (3, [])
    if html:
        assert cards == EXPECTED
    else:
        # Without HTML Anki writes each field on one line, and no decks.
        assert cards[CLOZE_FRONT][0] == "The sinoatrial node sets the rate.\n\nBook p. 12"
        assert cards["What is AF? Atrial fibrillation"][2] == ("cardio-ecg", "exam-2026")
        assert plan.new[0][0] == "line 4"
        assert "no unique identifier column" in " ".join(plan.remarks)


def test_importing_the_same_package_again_changes_nothing(store: Store, tmp_path: Path) -> None:
    collection = person_collection(tmp_path / "anki")
    path = export_package(collection, tmp_path / "notes.apkg")
    text = export_text(collection, tmp_path / "notes.txt")
    collection.close()
    imported(store, path)
    before = store_rows(store)

    again = imported(store, path)
    as_text = imported(store, text)

    assert (len(again.new), len(again.updated), again.unchanged) == (0, 0, 3)
    assert (len(as_text.new), len(as_text.updated), as_text.unchanged) == (0, 0, 3)
    assert store_rows(store) == before


def test_notes_edited_in_anki_update_their_cards_which_keep_their_history(
    store: Store, tmp_path: Path
) -> None:
    collection = person_collection(tmp_path / "anki")
    path = export_package(collection, tmp_path / "notes.apkg")
    imported(store, path)
    af_id = next(card_id for card_id in _own_ids(store) if "what-is-af" in card_id)
    store.answer(af_id, 4, now=MORNING, duration_ms=900)
    note = collection.get_note(collection.find_notes('"deck:Medicine::Cardio"')[0])
    note.fields[0] = "What is AF, in a word?"
    note.tags.append("edited")
    collection.update_note(note)
    add_note(collection, "Basic", ["A new one", "Its back"])
    later = export_package(collection, tmp_path / "later.apkg")
    collection.close()

    plan = imported(store, later)

    assert [card.front for _, card in plan.new] == ["A new one"]
    [(where, edit)] = plan.updated
    assert where == f"Anki note nid:{note.id}"
    assert edit.content.id == af_id  # found by the note's GUID although its front changed
    card = store.card(af_id)
    assert card.front == "What is AF, in a word?"
    assert "edited" in card.tags
    assert not card.is_new
    assert plan.unchanged == 2


def test_a_card_edited_here_after_its_last_edit_in_anki_keeps_the_edit(
    store: Store, tmp_path: Path
) -> None:
    collection = person_collection(tmp_path / "anki")
    path = export_package(collection, tmp_path / "notes.apkg")
    collection.close()
    imported(store, path)
    af_id = next(card_id for card_id in _own_ids(store) if "what-is-af" in card_id)
    draft = own_card_draft(store, af_id)
    edited_here = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    update_own_card(store, af_id, replace(draft, back="Mine now"), edited_here)

    plan = imported(store, path)

    assert plan.updated == []
    [kept] = plan.kept
    assert kept.card_id == af_id
    assert "edited here" in kept.reason
    assert store.card(af_id).back == "Mine now"


def _own_ids(store: Store) -> list[str]:
    with store.unit_of_work() as session:
        return list(session.scalars(select(Card.id).where(Card.origin == "own")))


def test_refused_notes_are_all_named_and_nothing_is_imported_unless_the_rest_is_chosen(
    store: Store, tmp_path: Path
) -> None:
    collection = new_collection(tmp_path / "anki")
    empty_back = add_note(collection, "Basic", ["No back yet", ""])
    add_note(collection, "Basic", ["Fine", "Fine back"])
    too_long = add_note(collection, "Basic", ["x" * 501, "Back"])
    add_note(collection, "Basic", ["fine", "Same front, other case"], deck="Other")
    path = export_package(collection, tmp_path / "notes.apkg")
    collection.close()
    before = store_rows(store)

    plan = plan_card_file(store, path)
    with pytest.raises(ImportRefusedError):
        apply_plan(store, plan, MORNING, skip_refused=False)

    assert store_rows(store) == before
    assert [(r.where, r.field) for r in plan.refused] == [
        (f"Anki note nid:{empty_back}", "back"),
        (f"Anki note nid:{too_long}", "front"),
        (plan.refused[2].where, "front"),
    ]
    assert "is empty" in plan.refused[0].reason
    assert "at most 500" in plan.refused[1].reason
    assert "already at Anki note nid:" in plan.refused[2].reason
    apply_plan(store, plan, MORNING, skip_refused=True)
    assert list(own(store)) == ["Fine"]


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _placeholder_collection() -> bytes:
    connection = sqlite3.connect(":memory:")
    connection.executescript(
        "CREATE TABLE col (models TEXT, decks TEXT);"
        "INSERT INTO col VALUES ('{}', '{}');"
        "CREATE TABLE notes (id, guid, mid, mod, tags, flds);"
        "CREATE TABLE cards (id, nid, did, odid, ord);"
        "CREATE TABLE revlog (id);"
        "INSERT INTO notes VALUES (1, 'g', 1, 0, '', 'Please update to the latest Anki version"
        ", then import the .colpkg/.apkg file again.\x1f');"
    )
    data = connection.serialize()
    connection.close()
    return data


BAD_PACKAGES = {
    "not a zip": (lambda p: _written(p, b"not a zip at all"), "not a zip file"),
    "no collection": (lambda p: _zip(p, {"media": b"{}"}), "holds no Anki collection"),
    "not SQLite": (lambda p: _zip(p, {"collection.anki2": b"garbage" * 30}), "not SQLite"),
    "bad zstd": (lambda p: _zip(p, {"collection.anki21b": b"\x28\xb5\x2f\xfdgarbage"}), "damaged"),
    "only the placeholder": (
        lambda p: _zip(p, {"collection.anki2": _placeholder_collection()}),
        "asking for a newer Anki",
    ),
}


@pytest.mark.parametrize("problem", list(BAD_PACKAGES))
def test_a_bad_package_is_refused_naming_it_and_nothing_is_written(
    store: Store, tmp_path: Path, problem: str
) -> None:
    make, fragment = BAD_PACKAGES[problem]
    path = make(tmp_path / "bad.apkg")
    before = store_rows(store)

    with pytest.raises(ImportFileError) as raised:
        plan_card_file(store, path)

    assert fragment in str(raised.value)
    assert str(raised.value).startswith(str(path))
    assert store_rows(store) == before


def test_the_command_line_shows_the_plan_before_and_after_and_a_dry_run_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    collection = person_collection(tmp_path / "anki")
    path = export_package(collection, tmp_path / "notes.apkg")
    collection.close()
    data = ["--data-dir", str(tmp_path / "data")]

    assert main([*data, "import", str(path), "--dry-run"]) == 0
    dry = capsys.readouterr().out
    assert main([*data, "stats", "--json"]) == 0
    assert f'"cards": {len(builtin_deck().cards)},' in capsys.readouterr().out
    assert main([*data, "import", str(path), "--kind", "fact"]) == 0
    real = capsys.readouterr().out

    assert dry.startswith(f"{path}: 3 new, 0 updated, 0 unchanged, 0 refused\n")
    assert "dry run: nothing was changed" in dry
    assert "review history is not carried over" in dry
    assert real.splitlines()[:-1] == dry.splitlines()[:-1]
    assert real.splitlines()[-1] == "imported: 3 new, 0 updated"
    assert main([*data, "import", str(path)]) == 0
    assert f"{path}: 0 new, 0 updated, 3 unchanged, 0 refused" in capsys.readouterr().out


def test_the_command_line_names_every_refused_note_and_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    collection = new_collection(tmp_path / "anki")
    empty = add_note(collection, "Basic", ["No back yet", ""])
    add_note(collection, "Basic", ["Fine", "Back"])
    path = export_package(collection, tmp_path / "notes.apkg")
    collection.close()
    data = ["--data-dir", str(tmp_path / "data")]

    assert main([*data, "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}, Anki note nid:{empty}, field 'back': is empty" in err
    assert "nothing was imported; 1 card is refused" in err
    assert "--skip-refused" in err
    assert main([*data, "import", str(path), "--skip-refused"]) == 0
    assert "imported: 1 new, 0 updated, 1 refused left out" in capsys.readouterr().out


# ------------------------------------------------ files the real Anki wrote, read without Anki

ANKI_FILES = Path(__file__).parent / "anki_files"


@pytest.mark.parametrize("name", ["person.apkg", "person.txt"])
def test_files_written_by_anki_become_own_cards_without_anki_installed(
    store: Store, name: str
) -> None:
    plan = imported(store, ANKI_FILES / name)

    assert own(store) == EXPECTED
    assert (len(plan.new), plan.refused) == (3, [])


TEXT_HEADERS = "#separator:tab\n#html:true\n"
BAD_TEXTS: dict[str, tuple[str | bytes, int | None, str | None, str]] = {
    "an unknown separator": ("#separator:dots\nA\tB\n", None, "#separator", "unknown separator"),
    "a bad column number": (
        TEXT_HEADERS + "#tags column:x\nA\tB\n", None, "#tags column", "not a column"
    ),
    "not UTF-8": (TEXT_HEADERS.encode() + b"Caf\xe9\tB\n", 3, None, "not UTF-8"),
    "no notes": (TEXT_HEADERS, None, None, "no notes"),
}  # fmt: skip


@pytest.mark.parametrize("problem", list(BAD_TEXTS))
def test_a_bad_text_export_is_refused_naming_where_and_nothing_is_written(
    store: Store, tmp_path: Path, problem: str
) -> None:
    content, line, field, fragment = BAD_TEXTS[problem]
    path = tmp_path / "notes.txt"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = store_rows(store)

    with pytest.raises(ImportFileError) as raised:
        plan_card_file(store, path)

    assert (raised.value.line, raised.value.field) == (line, field)
    assert fragment in raised.value.message
    assert store_rows(store) == before


def test_ankis_leech_tag_is_left_behind_with_the_history(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(TEXT_HEADERS + "#tags column:3\nFront\tBack\tleech Hard::One\n", "utf-8")

    [(_, card)] = plan_card_file(store, path).new

    assert card.tags == ("hard-one",)


def test_a_text_note_with_one_field_is_refused_by_its_line(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(TEXT_HEADERS + "Front\tBack\nOnly a front\n", encoding="utf-8")

    plan = plan_card_file(store, path)

    assert [(r.where, r.field) for r in plan.refused] == [("line 4", "back")]
    assert len(plan.new) == 1


def _planned_or_refused_clearly(store: Store, path: Path, data: bytes) -> None:
    path.write_bytes(data)
    before = store_rows(store)
    refused: ImportFileError | None = None
    try:
        plan = plan_card_file(store, path)
    except ImportFileError as error:
        refused = error
    assert store_rows(store) == before
    if refused is not None:
        assert str(refused).startswith(str(path))
    else:
        assert plan.changes + plan.unchanged + len(plan.kept) + len(plan.refused) > 0


_TEXT_CHARACTERS = st.sampled_from(list('#:\t\n"<>/{}c1 abtrue=-séparatoz'))


def test_any_text_file_is_planned_or_refused_clearly(tmp_path: Path) -> None:
    with Store.open(tmp_path / "data", now=MORNING) as store:

        @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(
            st.one_of(
                st.binary(max_size=300),
                st.text(_TEXT_CHARACTERS, max_size=300).map(lambda t: (TEXT_HEADERS + t).encode()),
            )
        )
        def plan_once(data: bytes) -> None:
            _planned_or_refused_clearly(store, tmp_path / "notes.txt", data)

        plan_once()


def test_a_damaged_package_is_planned_or_refused_clearly(tmp_path: Path) -> None:
    original = (ANKI_FILES / "person.apkg").read_bytes()
    with Store.open(tmp_path / "data", now=MORNING) as store:

        @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(st.integers(0, len(original) - 1), st.binary(min_size=1, max_size=64))
        def plan_once(position: int, noise: bytes) -> None:
            damaged = original[:position] + noise + original[position + len(noise) :]
            _planned_or_refused_clearly(store, tmp_path / "person.apkg", damaged)

        plan_once()
