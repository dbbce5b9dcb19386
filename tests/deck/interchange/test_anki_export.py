"""The deck as an Anki package: every card inside, stable ids, and (if Anki is here) it imports."""

from __future__ import annotations

import datetime as dt
import html
import json
import sqlite3
import stat
import zipfile
from contextlib import closing
from pathlib import Path
from typing import Any

import genanki  # type: ignore[import-untyped]
import pytest
from sqlalchemy import update

from imperfect_trainer.cli import main
from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.content.deck_file import builtin_deck
from imperfect_trainer.deck.interchange.anki_export import (
    RETIRED_TAG,
    deck_id,
    export_apkg,
    model_for,
    stable_id,
)
from imperfect_trainer.deck.interchange.csv_cards import import_cards_csv
from imperfect_trainer.deck.storage.models import Card
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends

FIELD_SEPARATOR = "\x1f"


def add_own_cards(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "own.csv"
    path.write_text(
        "front,back,kind,tags\n"
        '"Is <b>this</b> bold & brave?","Line one\nline two",reflection,mine evenings\n',
        encoding="utf-8",
    )
    import_cards_csv(store, path, MORNING)


def package_contents(path: Path, tmp_path: Path) -> dict[str, Any]:
    """The notes, cards, note types and decks inside an .apkg, read with plain SQLite."""
    with zipfile.ZipFile(path) as archive:
        assert set(archive.namelist()) == {"collection.anki2", "media"}
        assert json.loads(archive.read("media")) == {}
        database = tmp_path / f"{path.stem}.anki2"
        database.write_bytes(archive.read("collection.anki2"))
    with closing(sqlite3.connect(database)) as connection:
        notes = connection.execute("SELECT id, guid, mid, tags, flds FROM notes").fetchall()
        cards = connection.execute("SELECT nid, did FROM cards").fetchall()
        models_json, decks_json = connection.execute("SELECT models, decks FROM col").fetchone()
    return {
        "notes": {
            guid: {"mid": mid, "tags": tags.split(), "fields": fields.split(FIELD_SEPARATOR)}
            for _nid, guid, mid, tags, fields in notes
        },
        "note_ids": [nid for nid, *_ in notes],
        "cards": cards,
        "models": {int(key): model for key, model in json.loads(models_json).items()},
        "decks": {int(key): deck for key, deck in json.loads(decks_json).items()},
    }


def test_every_deck_card_and_own_card_is_one_note_with_one_card(
    store: Store, tmp_path: Path
) -> None:
    add_own_cards(store, tmp_path)
    path = tmp_path / "deck.apkg"

    count = export_apkg(store, path, MORNING).notes

    contents = package_contents(path, tmp_path)
    shipped = builtin_deck().cards
    assert count == len(shipped) + 1 == len(contents["notes"]) == len(contents["cards"])
    reflections = stable_id("deck/reflections")
    assert {did for _, did in contents["cards"]} == {deck_id(), reflections}
    assert contents["decks"][deck_id()]["name"] == "Imperfect Trainer"
    assert contents["decks"][reflections]["name"] == "Imperfect Trainer::Reflections"
    for card in shipped:
        note = contents["notes"][genanki.guid_for(card.id)]
        assert note["mid"] == stable_id(f"model/{card.kind.value}")
        assert note["tags"] == list(card.tags)
        assert note["fields"][0] == html.escape(card.front, quote=False)
        assert note["fields"][2] == html.escape(card.section, quote=False)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_card_text_is_escaped_as_html_with_line_breaks_kept(store: Store, tmp_path: Path) -> None:
    add_own_cards(store, tmp_path)
    path = tmp_path / "deck.apkg"
    export_apkg(store, path, MORNING)

    [own] = [
        note
        for note in package_contents(path, tmp_path)["notes"].values()
        if note["tags"] == ["mine", "evenings"]
    ]

    assert own["fields"][:2] == [
        "Is &lt;b&gt;this&lt;/b&gt; bold &amp; brave?",
        "Line one<br>line two",
    ]


def test_each_kind_has_its_own_note_type_showing_the_kind_on_the_card(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "deck.apkg"
    export_apkg(store, path, MORNING)

    models = package_contents(path, tmp_path)["models"]
    used = {CardKind(card.kind) for card in builtin_deck().cards}
    assert len({stable_id(f"model/{kind.value}") for kind in CardKind}) == len(CardKind)
    for kind in used:
        model = models[stable_id(f"model/{kind.value}")]
        assert kind.label in model["name"]
        assert html.escape(kind.label) in model["tmpls"][0]["qfmt"]
        assert [field["name"] for field in model["flds"]] == ["Front", "Back", "Section"]


def test_ids_and_guids_stay_the_same_from_one_export_to_the_next(
    store: Store, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    export_apkg(store, first, MORNING)
    export_apkg(store, second, MORNING + dt.timedelta(days=30))

    one, two = package_contents(first, tmp_path), package_contents(second, tmp_path)

    assert one["notes"] == two["notes"]
    assert one["models"].keys() == two["models"].keys()
    assert one["decks"].keys() == two["decks"].keys()
    assert model_for(CardKind.FACT).model_id == model_for(CardKind.FACT).model_id


def test_retired_cards_go_tagged_into_the_retired_subdeck(store: Store, tmp_path: Path) -> None:
    retired = builtin_deck().cards[0].id
    with store.unit_of_work() as session:
        session.execute(update(Card).where(Card.id == retired).values(retired=True))
    path = tmp_path / "deck.apkg"

    written = export_apkg(store, path, MORNING)

    contents = package_contents(path, tmp_path)
    note = contents["notes"][genanki.guid_for(retired)]
    assert note["tags"][-1] == RETIRED_TAG
    assert written.retired == 1
    assert contents["decks"][stable_id("deck/retired")]["name"] == "Imperfect Trainer::Retired"


def test_reflections_may_be_left_out(store: Store, tmp_path: Path) -> None:
    add_own_cards(store, tmp_path)
    path = tmp_path / "deck.apkg"

    written = export_apkg(store, path, MORNING, reflections=False)

    reflection = stable_id(f"model/{CardKind.REFLECTION.value}")
    notes = package_contents(path, tmp_path)["notes"].values()
    assert written.reflections_left_out == 1 + sum(
        card.kind is CardKind.REFLECTION for card in builtin_deck().cards
    )
    assert all(note["mid"] != reflection for note in notes)
    assert len(notes) == written.notes


def test_each_note_carries_its_cards_last_change_here_unless_anki_edits_are_overwritten(
    store: Store, tmp_path: Path
) -> None:
    add_own_cards(store, tmp_path)  # at MORNING
    later = MORNING + dt.timedelta(days=3)
    path = tmp_path / "deck.apkg"

    export_apkg(store, path, later)
    kept = _note_times(path)
    export_apkg(store, path, later, overwrite_anki_edits=True)
    overwriting = _note_times(path)

    assert set(kept.values()) == {int(MORNING.timestamp())}
    assert set(overwriting.values()) == {int(later.timestamp())}


def _note_times(path: Path) -> dict[str, int]:
    with zipfile.ZipFile(path) as archive:
        data = archive.read("collection.anki2")
    with closing(sqlite3.connect(":memory:")) as connection:
        connection.deserialize(data)
        return dict(connection.execute("SELECT guid, mod FROM notes").fetchall())


def test_the_export_leaves_no_copy_of_the_cards_in_the_temporary_folder(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr("tempfile.tempdir", None)

    export_apkg(store, tmp_path / "deck.apkg", MORNING)

    assert list(scratch.iterdir()) == []


def test_the_command_line_writes_an_anki_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deck.apkg"

    assert main(["--data-dir", str(tmp_path / "data"), "export", str(path)]) == 0

    assert zipfile.is_zipfile(path)
    out = capsys.readouterr().out
    assert f"cards for Anki to {path}" in out
    assert "keep Anki's edit (--overwrite-anki-edits to replace them)" in out


def test_the_command_line_leaves_reflections_out_and_overwrites_anki_edits_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deck.apkg"
    data = ["--data-dir", str(tmp_path / "data")]

    assert main([*data, "export", str(path), "--no-reflections", "--overwrite-anki-edits"]) == 0

    out = capsys.readouterr().out
    reflections = sum(card.kind is CardKind.REFLECTION for card in builtin_deck().cards)
    assert f"reflections left out: {reflections}" in out
    assert "keep Anki's edit" not in out
    assert len(package_contents(path, tmp_path)["notes"]) == len(builtin_deck().cards) - reflections


def test_anki_imports_the_package_and_a_second_import_adds_no_copies(
    store: Store, tmp_path: Path
) -> None:
    anki_collection = pytest.importorskip("anki.collection")
    add_own_cards(store, tmp_path)
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    count = export_apkg(store, first, MORNING).notes
    export_apkg(store, second, MORNING + dt.timedelta(days=1))

    (tmp_path / "anki").mkdir()
    collection = anki_collection.Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        options = anki_collection.ImportAnkiPackageOptions(with_scheduling=False)
        for package in (first, second):
            collection.import_anki_package(
                anki_collection.ImportAnkiPackageRequest(package_path=str(package), options=options)
            )
        assert collection.note_count() == count
        assert collection.card_count() == count
        [note_id] = collection.find_notes("tag:mine")
        note = collection.get_note(note_id)
        assert note.note_type()["name"] == "Imperfect Trainer: Reflection"
        card = note.cards()[0]
        assert "Reflection" in card.question()
        assert "Line one<br>line two" in card.answer()
    finally:
        collection.close()


def test_our_own_package_imports_back_unchanged_with_kinds_and_sections(
    store: Store, tmp_path: Path
) -> None:
    from imperfect_trainer.deck.interchange.card_files import plan_card_file

    add_own_cards(store, tmp_path)
    path = tmp_path / "deck.apkg"
    written = export_apkg(store, path, MORNING)

    plan = plan_card_file(store, path)

    assert (len(plan.new), len(plan.updated), plan.unchanged) == (0, 0, written.notes)
    assert (plan.kept, plan.refused) == ([], [])
    assert "Anki 2.0 format package" in plan.remarks[0]
    with Store.open(tmp_path / "elsewhere", now=MORNING) as other:
        [(_, card)] = [
            item
            for item in plan_card_file(other, path).new
            if item[1].kind is CardKind.REFLECTION and "bold" in item[1].front
        ]
        assert (card.front, card.back, card.tags) == (
            "Is <b>this</b> bold & brave?",
            "Line one\nline two",
            ("mine", "evenings"),
        )
