"""On a programme's server, one trainee's own psql holds nothing another's work waits for, and
removes nothing but their own rows (migration 0009)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from imperfect_trainer.deck.features import goals, journal
from imperfect_trainer.deck.storage import postgres_collection
from imperfect_trainer.deck.storage import programme as programme_module
from imperfect_trainer.deck.storage.programme import SCHEMA_LOCK, ProgrammeError, upgrade_schema
from imperfect_trainer.deck.store import SCHEMA_REVISION, Store
from tests.support.moments import MORNING
from tests.support.postgres import Programme

pytestmark = pytest.mark.postgres

LOCK_MODES = (
    "ACCESS SHARE",
    "ROW SHARE",
    "ROW EXCLUSIVE",
    "SHARE UPDATE EXCLUSIVE",
    "SHARE",
    "SHARE ROW EXCLUSIVE",
    "EXCLUSIVE",
    "ACCESS EXCLUSIVE",
)
# The two modes PostgreSQL lets a reader and writer take: neither conflicts with reading,
# writing or locking rows.
HARMLESS = {"ACCESS SHARE", "ROW EXCLUSIVE"}


def _relations(connection: Any) -> list[str]:
    """Every table and view of the schema."""
    rows = connection.execute(
        "SELECT c.oid::regclass::text FROM pg_class AS c"
        " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'p', 'm')"
    ).fetchall()
    return sorted(row[0] for row in rows)


def _take_every_lock(connection: Any, others: str) -> dict[str, set[str]]:
    """Inside the connection's open transaction: every lock mode on every relation, the rows
    of every personal table for update (``others``' included, if it could see them), and the
    advisory lock ``server init`` takes. Returns the modes granted, by relation."""
    import psycopg

    granted: dict[str, set[str]] = {}
    for relation in _relations(connection):
        for mode in LOCK_MODES:
            try:
                with connection.transaction():
                    connection.execute(f"LOCK TABLE {relation} IN {mode} MODE NOWAIT")
                granted.setdefault(relation, set()).add(mode)
            except psycopg.errors.InsufficientPrivilege:
                pass
        for strength in ("UPDATE", "NO KEY UPDATE", "SHARE", "KEY SHARE"):
            try:
                with connection.transaction():
                    connection.execute(f"SELECT * FROM {relation} FOR {strength}")
                    seen = connection.execute(
                        f"SELECT count(*) FROM {relation} WHERE owner = %s", (others,)
                    ).fetchone()
                    assert seen == (0,), relation
            except (psycopg.errors.InsufficientPrivilege, psycopg.errors.UndefinedColumn):
                pass
            except psycopg.errors.WrongObjectType:  # the views: nothing to lock
                pass
    connection.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK,))
    # Their own rows written and held: a setting everyone has, answers, the per-day totals.
    connection.execute("UPDATE settings SET value = value")
    connection.execute("UPDATE card_states SET lapses = lapses")
    connection.execute("UPDATE reviews SET duration_ms = duration_ms")
    return granted


def _a_morning_of_work(programme: Programme, name: str, folder: Path) -> None:
    """A first open, answers, an undo, a reflection, a journal entry and a goal written and
    deleted, a setting changed: everything a person does that writes."""
    with Store.open_server(programme.address(name), folder, now=MORNING) as store:
        cards = store.todays_practice(MORNING).cards
        first = store.answer(cards[0].id, 4, now=MORNING, reflection="kept")
        undone = store.answer(cards[1].id, 2, now=MORNING, reflection="taken back")
        store.answers.undo(undone.review_id)
        entry = journal.add_free_entry(store, "a note", MORNING)
        journal.delete_entry(store, entry)
        goal = goals.add_goal(store, "a goal", MORNING)
        goals.delete_goal(store, goal)
        store.set_setting("new_cards_per_day", 5)
        assert [item.text for item in journal.entries(store)] == ["kept"]
        assert goals.list_goals(store) == []
        assert first.review_id == 1


def test_a_trainee_holding_every_lock_they_can_take_keeps_no_one_waiting(
    programme: Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    attacker, other = programme.new_trainee(), programme.new_trainee()
    with Store.open_server(
        programme.address(attacker), tmp_path / "attacker", now=MORNING
    ) as store:
        store.answer(store.todays_practice(MORNING).cards[0].id, 4, now=MORNING)
    # A wait longer than this on the other's side fails their work (ServerBusyError).
    monkeypatch.setattr(postgres_collection, "LOCK_TIMEOUT", "2s")
    with programme.connect(attacker) as connection:
        connection.execute("BEGIN")
        granted = _take_every_lock(connection, other)
        # the programme's own tables, the trigger-kept ones and the views included
        assert {"reviews", "section_totals", "alembic_version", "supervision"} <= granted.keys()
        assert all(modes <= HARMLESS for modes in granted.values()), granted
        _a_morning_of_work(programme, other, tmp_path / "other")
        connection.execute("ROLLBACK")
    with (
        programme.connect(attacker) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
        connection.transaction(),
    ):
        connection.execute("LOCK TABLE reviews IN ACCESS EXCLUSIVE MODE")


def test_a_trainee_removes_only_their_own_rows_whatever_they_send(
    programme: Programme, tmp_path: Path
) -> None:
    import psycopg

    attacker, other = programme.new_trainee(), programme.new_trainee()
    for name in (attacker, other):
        with Store.open_server(programme.address(name), tmp_path / name, now=MORNING) as store:
            store.answer(store.todays_practice(MORNING).cards[0].id, 4, now=MORNING)
            goals.add_goal(store, f"{name}'s goal", MORNING)
    with programme.connect(other) as connection:
        before = connection.execute(
            "SELECT (SELECT count(*) FROM reviews), (SELECT count(*) FROM goals),"
            " (SELECT count(*) FROM cards), (SELECT count(*) FROM practice_days)"
        ).fetchone()
    refused = (
        "DELETE FROM reviews",
        "TRUNCATE reviews",
        "UPDATE goals SET owner = %(other)s",
        "SELECT goals_remove()",
        "SET ROLE imperfect_trainer_removals",
        "INSERT INTO goals (owner, id, position, text, note, created_at, updated_at,"
        " revisited_day, removed) VALUES (%(other)s, 1, 1, '', '', now(), now(),"
        " current_date, true) ON CONFLICT (owner, id) DO UPDATE SET removed = true",
    )
    with programme.connect(attacker) as connection:
        for statement in refused:
            with pytest.raises(psycopg.Error):
                connection.execute(statement, {"other": other})
        # The removals' own setting pointed at the other, then the attacker's rows marked,
        # and every row the attacker can name by the other's key.
        connection.execute(
            "SELECT set_config('imperfect_trainer.removing_for', %s, false)", (other,)
        )
        for table in ("goals", "reviews", "cards", "practice_days"):
            marked = connection.execute(
                f"UPDATE {table} SET removed = true WHERE owner = %s", (other,)
            ).rowcount
            assert marked == 0
        connection.execute("UPDATE goals SET removed = true")
        connection.execute("UPDATE cards SET removed = true")
        assert connection.execute("SELECT count(*) FROM cards").fetchone() == (0,)
    with programme.connect(other) as connection:
        after = connection.execute(
            "SELECT (SELECT count(*) FROM reviews), (SELECT count(*) FROM goals),"
            " (SELECT count(*) FROM cards), (SELECT count(*) FROM practice_days)"
        ).fetchone()
    assert after == before


def test_server_init_waits_only_briefly_on_a_trainee_left_reading(
    programme: Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import create_engine

    trainee = programme.new_trainee()
    Store.open_server(programme.address(trainee), tmp_path / "t", now=MORNING).close()
    monkeypatch.setattr(programme_module, "INIT_LOCK_WAIT", "300ms")
    engine = create_engine(programme.owner_address().url)
    try:
        with programme.connect(trainee) as connection:
            connection.execute("BEGIN")
            # What the app reads when it opens, left open: ACCESS SHARE on the schema's version.
            connection.execute("SELECT * FROM alembic_version")
            with pytest.raises(ProgrammeError, match=rf"held a table.*{trainee}, PID \d+"):
                upgrade_schema(engine, programme.database)
            connection.execute("ROLLBACK")
        # Given up, init holds nothing: the next person opens at once, and init runs again.
        with Store.open_server(programme.address(trainee), tmp_path / "t", now=MORNING):
            pass
        assert upgrade_schema(engine, programme.database) == (SCHEMA_REVISION, SCHEMA_REVISION)
    finally:
        engine.dispose()
