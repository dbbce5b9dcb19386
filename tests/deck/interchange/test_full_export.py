"""The whole collection to JSON and back: an exact round trip, and every bad file refused."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, update

from imperfect_trainer import __version__
from imperfect_trainer.cli import main
from imperfect_trainer.deck.interchange.csv_cards import import_cards_csv
from imperfect_trainer.deck.interchange.export_checks import CollectionFileError
from imperfect_trainer.deck.interchange.full_export import (
    CollectionNotEmptyError,
    export_collection_json,
    import_collection_json,
)
from imperfect_trainer.deck.storage.models import Card, DebriefSituation, Goal, JournalEntry
from imperfect_trainer.deck.store import SCHEMA_REVISION, Store
from tests.support.collection_rows import all_rows, cli_collection, store_rows
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends

Document = dict[str, Any]


def lived_in(store: Store, tmp_path: Path) -> None:
    """Some of everything: own cards, answers (one undone), a journal, notes, settings, goals."""
    cards = tmp_path / "own.csv"
    cards.write_text(
        "front,back,kind,tags,section\n"
        "I must reply tonight.,It can wait.,reframe,email evenings,Work\n"
        'Ünïcode — “quotes”,"Back\nover two lines",fact,,\n',
        encoding="utf-8",
    )
    import_cards_csv(store, cards, MORNING)
    session = store.answers.start_session(MORNING)
    practice = store.todays_practice(MORNING).cards
    moment = MORNING + dt.timedelta(microseconds=123_456)
    store.answer(practice[0].id, 2, now=moment, session_id=session, duration_ms=4000)
    undone = store.answer(practice[1].id, 5, now=moment, session_id=session, duration_ms=10)
    store.answers.undo(undone.review_id)
    store.answer(
        practice[2].id, 4, now=moment, session_id=session, reflection="Less than I feared."
    )
    store.answer(practice[0].id, 4, now=moment + dt.timedelta(minutes=2), session_id=session)
    store.answers.end_session(session, MORNING + dt.timedelta(minutes=5))
    store.set_setting("session_seconds", 420)
    store.set_setting("theme", "dark")
    with store.unit_of_work() as db:
        db.execute(update(Card).where(Card.id == practice[3].id).values(personal_note="Mine."))
        db.execute(update(Card).where(Card.id == practice[4].id).values(suspended=True))
        entry = db.scalar(
            insert(JournalEntry)
            .values(
                kind="debrief",
                session_id=session,
                practice_day=MORNING.date(),
                created_at=MORNING,
                updated_at=MORNING,
                text="A hard session.",
            )
            .returning(JournalEntry.id)
        )
        db.execute(insert(DebriefSituation).values(entry_id=entry, situation="late-client"))
        db.execute(
            insert(Goal).values(
                position=0,
                text="Leave on time.",
                striving="healthy",
                discussed_in_supervision=None,
                note="",
                created_at=MORNING,
                updated_at=MORNING,
                revisited_day=MORNING.date(),
            )
        )


@pytest.fixture
def exported(store: Store, tmp_path: Path) -> Path:
    lived_in(store, tmp_path)
    path = tmp_path / "collection.json"
    export_collection_json(store, path, MORNING)
    return path


def test_importing_into_a_new_folder_reproduces_every_row_of_every_table(
    store: Store, exported: Path, tmp_path: Path
) -> None:
    # Into a local collection: from a server's collection, that is the way back.
    with Store.open(tmp_path / "new", now=MORNING) as fresh:
        counts = import_collection_json(fresh, exported)
        assert fresh.setting("theme") == "dark"
        copy = store_rows(fresh)

    original = store_rows(store)
    assert copy == original
    assert all(original[table] for table in original), "every table took part"
    assert counts["reviews"] == 3
    with Store.open(tmp_path / "new", now=MORNING) as reopened:
        assert reopened.check().healthy
        assert reopened.last_merge.added == 0


def test_exporting_an_imported_collection_gives_the_same_file(
    exported: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again.json"
    with Store.open(tmp_path / "new", now=MORNING) as fresh:
        import_collection_json(fresh, exported)
        export_collection_json(fresh, again, MORNING)

    assert again.read_bytes() == exported.read_bytes()


def test_the_export_names_its_schema_and_app_version_and_is_private(exported: Path) -> None:
    document = json.loads(exported.read_text(encoding="utf-8"))

    assert document["schema_version"] == SCHEMA_REVISION
    assert document["app_version"] == __version__
    assert document["exported_at"] == "2026-11-23T07:30:00+00:00"
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    note = [card for card in document["cards"] if card["personal_note"]]
    assert [card["origin"] for card in note] == ["builtin"]


def test_a_collection_already_in_use_is_refused_and_left_alone(
    store: Store, exported: Path
) -> None:
    before = store_rows(store)

    with pytest.raises(CollectionNotEmptyError, match=r"only goes into .* empty") as raised:
        import_collection_json(store, exported)

    assert "3 answers" in str(raised.value)
    assert store_rows(store) == before


# ------------------------------------------------------------------------------- bad files


def _set(path: str, value: object) -> Callable[[Document], None]:
    """A change to one value, addressed like ``cards[1].front``."""

    def change(document: Document) -> None:
        *parents, last = path.replace("[", ".").replace("]", "").split(".")
        target: Any = document
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return change


def _drop(table: str) -> Callable[[Document], None]:
    return lambda document: document.pop(table)


def _copy_first_card(document: Document) -> None:
    document["cards"].append(dict(document["cards"][0]))


def _drop_first_state(document: Document) -> None:
    document["card_states"].pop(0)


def _lengthen_an_answered_schedule(document: Document) -> None:
    """A schedule a week longer than its card's answers lead to: what ``check`` reports."""
    answered = {row["card_id"] for row in document["reviews"]}
    state = next(row for row in document["card_states"] if row["card_id"] in answered)
    state["interval_days"] += 7


def _setting(key: str, value: str) -> Callable[[Document], None]:
    """A setting stored as ``value`` (JSON text), put last among the settings rows."""

    def change(document: Document) -> None:
        rows = [row for row in document["settings"] if row["key"] != key]
        document["settings"] = [*rows, {"key": key, "value": value}]

    return change


BAD_CHANGES: dict[str, tuple[Callable[[Document], None], str, str]] = {
    "a newer schema": (_set("schema_version", "9999"), "schema_version", "newer version"),
    "an unknown top-level key": (_set("extras", []), "extras", "unknown key"),
    "a missing table": (_drop("reviews"), "reviews", "missing"),
    "a table that is no list": (_set("settings", {}), "settings", "list of rows"),
    "an empty front": (_set("cards[1].front", "  "), "cards[1].front", "is empty"),
    "an unknown kind": (_set("cards[2].kind", "wisdom"), "cards[2].kind", "unknown kind"),
    "an unknown origin": (_set("cards[0].origin", "web"), "cards[0].origin", "not one of"),
    "text for a number": (_set("reviews[0].grade", "5"), "reviews[0].grade", "whole number"),
    "a grade above 5": (_set("reviews[0].grade", 9), "reviews[0].grade", "above 5"),
    "a huge number": (_set("reviews[0].duration_ms", 2**70), "reviews[0].duration_ms", "large"),
    "a fraction": (_set("card_states[0].lapses", 1.5), "card_states[0].lapses", "whole number"),
    "a number for true/false": (_set("cards[0].retired", 0), "cards[0].retired", "true or false"),
    "a null where needed": (_set("cards[0].back", None), "cards[0].back", "must not be null"),
    "an unknown field": (_set("cards[0].colour", "red"), "cards[0].colour", "unknown field"),
    "a missing field": (
        lambda d: d["card_states"][3].pop("due_day"),
        "card_states[3].due_day",
        "missing",
    ),
    "a bad date": (
        _set("reviews[0].practice_day", "23/11/2026"),
        "reviews[0].practice_day",
        "date",
    ),
    "a moment without offset": (
        _set("reviews[0].reviewed_at", "2026-11-23T07:30:00"),
        "reviews[0].reviewed_at",
        "no UTC offset",
    ),
    "a lone surrogate": (_set("cards[0].front", "\ud800"), "cards[0].front", "surrogate"),
    "a duplicate id": (_copy_first_card, "cards[", "the same as cards[0]"),
    "a card without state": (_drop_first_state, "cards[", "no card_states row"),
    "a dangling reference": (
        _set("reviews[0].card_id", "fact.not-here"),
        "reviews[0].card_id",
        "not in cards",
    ),
    "a bad setting": (_set("settings[0].value", "{not json"), "settings[0].value", "JSON text"),
    "a rollover hour of text": (_setting("rollover_hour", '"abc"'), "settings[", "whole number"),
    "a rollover hour of 99": (_setting("rollover_hour", "99"), "settings[", "from 0 to 12"),
    "a negative practice length": (_setting("session_seconds", "-5"), "settings[", "from 60"),
    "an infinite daily limit": (_setting("new_cards_per_day", "1e999"), "settings[", "whole"),
    "an unknown setting": (_setting("colour", '"red"'), "settings[", "not a setting"),
    "an endless interval": (
        _set("card_states[0].interval_days", 2**62),
        "card_states[0].interval_days",
        "is above",
    ),
    "an endless interval in the log": (
        _set("reviews[0].interval_before", 2**62),
        "reviews[0].interval_before",
        "is above",
    ),
    # On a server each person numbers their own rows: an id at the top would leave none.
    "an answer numbered at the top": (
        _set("reviews[0].id", 2**31 - 1),
        "reviews[0].id",
        "is above 2000000000",
    ),
    "an answer numbered below one": (_set("reviews[0].id", 0), "reviews[0].id", "is below 1"),
    "a schedule its answers do not lead to": (
        _lengthen_an_answered_schedule,
        "card_states[",
        "not what its answers lead to",
    ),
    "a day past any calendar": (
        _set("card_states[0].due_day", "9999-12-31"),
        "card_states[0].due_day",
        "not a day",
    ),
}


@pytest.mark.parametrize("problem", list(BAD_CHANGES))
def test_a_bad_file_is_refused_naming_the_place_and_nothing_is_written(
    exported: Path, tmp_path: Path, problem: str
) -> None:
    change, where, fragment = BAD_CHANGES[problem]
    document = json.loads(exported.read_text(encoding="utf-8"))
    change(document)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")

    with Store.open(tmp_path / "new", now=MORNING) as fresh:
        before = all_rows(fresh.path)
        with pytest.raises(CollectionFileError) as raised:
            import_collection_json(fresh, bad)
        assert all_rows(fresh.path) == before

    assert raised.value.where.startswith(where)
    assert fragment in raised.value.message
    assert str(raised.value).startswith(f"{bad}, {raised.value.where}: ")


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_only_a_saved_file_is_read_and_never_waited_on(
    store: Store, tmp_path: Path, kind: str
) -> None:
    path = {"device": Path("/dev/zero"), "folder": tmp_path}.get(kind, tmp_path / "pipe.json")
    if kind == "fifo":
        os.mkfifo(path)  # with no writer, a plain open() would wait forever
    with pytest.raises(CollectionFileError, match=r"not a saved file|is a folder"):
        import_collection_json(store, path)


def test_the_command_line_exports_and_imports_a_whole_collection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "everything.json"
    old, new = str(tmp_path / "old"), str(tmp_path / "new")

    assert main(["--data-dir", old, "export", str(path)]) == 0
    assert main(["--data-dir", new, "import", str(path)]) == 0
    assert main(["--data-dir", new, "import", str(path)]) == 0  # still untouched: nothing done

    assert all_rows(Path(old) / "collection.sqlite3") == all_rows(Path(new) / "collection.sqlite3")
    assert "imported" in capsys.readouterr().out


def test_the_command_line_refuses_to_import_over_a_collection_in_use(
    store: Store, exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*cli_collection(store), "import", str(exported)]) == 1

    assert "nothing was imported" in capsys.readouterr().err
