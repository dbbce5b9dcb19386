"""The migrations: the models' schema exactly, upgrades that keep every answer, and the
totals their triggers keep."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from imperfect_trainer.deck.content.cards import CardContent, CardKind
from imperfect_trainer.deck.features.browser import reset_progress
from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME, MIGRATIONS
from imperfect_trainer.deck.store import SCHEMA_REVISION, Store
from tests.support.collection_rows import (
    all_rows,
    fetch_rows,
    run_sql,
    sections_counted_card_by_card,
    sections_kept,
)
from tests.support.moments import MORNING

NEXT_MORNING = MORNING + dt.timedelta(days=1)


pytestmark = pytest.mark.both_backends


def test_the_code_knows_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from imperfect_trainer.deck.storage import migrations

    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_REVISION


def test_the_migrations_build_exactly_the_models_schema(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from imperfect_trainer.deck.storage.models import Base

    if store.on_server:
        pytest.skip("a programme's schema adds owner columns (tests/deck/storage/test_programme)")
    engine = create_engine(f"sqlite:///{store.path}")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_upgrading_a_collection_with_answers_fills_the_per_day_totals(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / DATABASE_NAME
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.exec_driver_sql(
            "INSERT INTO cards (id, kind, source, section, front, back, tags, origin, position,"
            " retired, suspended, created_at, updated_at) VALUES ('own.a', 'fact', 'own',"
            " 'Mine', 'Front', 'Back', '', 'own', 1, 0, 0, '2026-11-01 08:00:00',"
            " '2026-11-01 08:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO card_states (card_id, repetitions, easiness_hundredths, interval_days,"
            " review_count, lapses) VALUES ('own.a', 0, 250, 0, 3, 0)"
        )
        for day, duration in (("2026-11-01", 4000), ("2026-11-01", 1000), ("2026-11-03", 500)):
            connection.exec_driver_sql(
                "INSERT INTO reviews (card_id, reviewed_at, practice_day, grade, duration_ms,"
                " drill, repetitions_before, easiness_before, interval_before,"
                " repetitions_after, easiness_after, interval_after)"
                f" VALUES ('own.a', '{day} 09:00:00', '{day}', 4, {duration}, 1, 0, 250, 0,"
                " 0, 250, 0)"
            )
    engine.dispose()
    with Store.open(data_dir, now=MORNING) as store:
        assert store.stats(MORNING).reviews == 3
        assert store.stats(MORNING).days_practised == 2
        assert store.stats(MORNING).minutes_practised == pytest.approx(5500 / 60_000)
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT * FROM practice_days ORDER BY day").fetchall() == [
            ("2026-11-01", 2, 5000),
            ("2026-11-03", 1, 500),
        ]
    raw.close()


def _schema_of_reviews(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as raw:
        rows = raw.execute(
            "SELECT type, name FROM sqlite_master WHERE tbl_name = 'reviews' AND sql IS NOT NULL"
        ).fetchall()
    raw.close()
    found: dict[str, list[str]] = {}
    for kind, name in rows:
        found.setdefault(kind, []).append(name)
    return {kind: sorted(names) for kind, names in found.items()}


def test_upgrading_to_written_reflections_keeps_every_answer_and_journal_link(
    data_dir: Path,
) -> None:
    data_dir.mkdir()
    path = data_dir / DATABASE_NAME
    engine = create_engine(f"sqlite:///{path}")
    engine_config = Config()
    engine_config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        engine_config.attributes["connection"] = connection
        command.upgrade(engine_config, "0003")
        connection.exec_driver_sql(
            "INSERT INTO cards (id, kind, source, section, front, back, tags, origin, position,"
            " retired, suspended, created_at, updated_at) VALUES ('own.why', 'reflection',"
            " 'own', 'Mine', 'Why do I replay sessions?', 'Be curious.', '', 'own', 1, 0, 0,"
            " '2026-11-01 08:00:00', '2026-11-01 08:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO card_states (card_id, repetitions, easiness_hundredths, interval_days,"
            " due_day, last_review_day, introduced_day, review_count, lapses)"
            " VALUES ('own.why', 1, 218, 1, '2026-11-04', '2026-11-03', '2026-11-01', 2, 0)"
        )
        for day, grade, before, after in (
            ("2026-11-01", 2, "0, 250, 0, NULL", "0, 218, 1, '2026-11-02'"),
            ("2026-11-03", 4, "0, 218, 1, '2026-11-02'", "1, 218, 1, '2026-11-04'"),
        ):
            connection.exec_driver_sql(
                "INSERT INTO reviews (card_id, reviewed_at, practice_day, grade, duration_ms,"
                " drill, repetitions_before, easiness_before, interval_before, due_before,"
                " repetitions_after, easiness_after, interval_after, due_after)"
                f" VALUES ('own.why', '{day} 09:00:00', '{day}', {grade}, 1000, 0, {before},"
                f" {after})"
            )
        connection.exec_driver_sql(
            "INSERT INTO journal_entries (kind, card_id, review_id, practice_day, created_at,"
            " updated_at, text) VALUES ('reflection', 'own.why', 2, '2026-11-03',"
            " '2026-11-03 09:00:00', '2026-11-03 09:00:00', 'Fear of being found out.')"
        )
    engine.dispose()
    rows_before = all_rows(path)
    schema_before = _schema_of_reviews(path)

    with Store.open(data_dir, now=MORNING) as store:
        rows_after = all_rows(path)
        for table in ("reviews", "practice_days"):
            assert rows_after[table] == rows_before[table], table
        # Migration 0005 adds "Share with my supervisor" to each entry, unticked.
        entries = rows_after["journal_entries"]
        assert [row[:-1] for row in entries] == rows_before["journal_entries"]
        assert [row[-1] for row in entries] == [0]
        # Migration 0007 adds the day a reflection was set aside: none.
        own_state = [row for row in rows_after["card_states"] if row[0] == "own.why"]
        assert [row[:-1] for row in own_state] == rows_before["card_states"]
        assert [row[-1] for row in own_state] == [None]
        assert _schema_of_reviews(path) == schema_before  # indexes and 0003's triggers
        assert schema_before["trigger"] == [
            "practice_days_after_delete",
            "practice_days_after_insert",
            "practice_days_after_update",
        ]
        assert store.check().healthy
        written = store.answers.record("own.why", None, now=MORNING, reflection="Less now.")
        assert store.card("own.why").due_day == MORNING.date() + dt.timedelta(days=7)
        assert store.stats(MORNING).reviews == 3  # the per-day totals still follow the log
        store.answers.undo(written.review_id)
        store.answers.undo(2)  # the old link still leads to its journal entry, which goes too
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(*) FROM journal_entries").fetchone() == (0,)
        assert raw.execute("SELECT answers FROM practice_days").fetchall() == [(1,)]
    raw.close()


def _per_day(store: Store, query: str) -> list[tuple[Any, ...]]:
    return [(str(day), *rest) for day, *rest in fetch_rows(store, query)]


def test_the_per_day_totals_follow_every_change_to_the_log(store: Store) -> None:
    by_log = (
        "SELECT practice_day, count(*), sum(duration_ms) FROM reviews"
        " GROUP BY practice_day ORDER BY 1"
    )
    totals = "SELECT day, answers, duration_ms FROM practice_days ORDER BY 1"
    first, second = store.todays_practice(MORNING).cards[:2]
    store.answer(first.id, 5, now=MORNING, duration_ms=4000)
    undone = store.answer(second.id, 2, now=MORNING, duration_ms=3000)
    store.answer(second.id, 4, now=NEXT_MORNING, duration_ms=1000)
    assert _per_day(store, totals) == _per_day(store, by_log)
    store.answers.undo(undone.review_id)
    assert _per_day(store, totals) == _per_day(store, by_log)
    assert store.stats(NEXT_MORNING).reviews == 2
    assert store.stats(NEXT_MORNING).minutes_practised == pytest.approx(5000 / 60_000)
    run_sql(store, "DELETE FROM cards WHERE id = :id", {"id": first.id})  # a cascade
    assert _per_day(store, totals) == _per_day(store, by_log)


def test_the_section_totals_follow_every_change_to_cards_and_schedules(store: Store) -> None:
    assert sections_kept(store) == sections_counted_card_by_card(store)
    own = [
        CardContent(f"fact.own-{i}", CardKind.FACT, "own", "Mine", "front", "back", ())
        for i in range(3)
    ]
    store.add_cards(own, MORNING)
    cards = store.todays_practice(MORNING).cards
    store.answer(cards[0].id, 5, now=MORNING)
    missed = store.answer(cards[1].id, 1, now=MORNING)
    store.answer(cards[2].id, 0, now=MORNING)
    assert sections_kept(store) == sections_counted_card_by_card(store)
    store.answers.undo(missed.review_id)
    assert sections_kept(store) == sections_counted_card_by_card(store)
    # Long settled, then hard: an interval past three weeks, then a low E-Factor.
    run_sql(
        store,
        "UPDATE card_states SET interval_days = 40, due_day = '2027-01-01'"
        " WHERE card_id = 'fact.own-0'",
    )
    run_sql(
        store,
        "UPDATE card_states SET easiness_hundredths = 140 WHERE card_id = :id",
        {"id": cards[2].id},
    )
    run_sql(store, "UPDATE cards SET section = 'Moved' WHERE id = 'fact.own-0'")
    run_sql(store, "UPDATE cards SET retired = TRUE WHERE id = 'fact.own-1'")
    run_sql(store, "UPDATE cards SET suspended = TRUE WHERE id = :id", {"id": cards[0].id})
    assert sections_kept(store) == sections_counted_card_by_card(store)
    assert sections_kept(store)["Moved"] == (1, 0, 1, 0)
    run_sql(store, "UPDATE cards SET retired = FALSE WHERE id = 'fact.own-1'")
    run_sql(store, "DELETE FROM cards WHERE id IN ('fact.own-0', 'fact.own-2')")  # a cascade
    run_sql(store, "DELETE FROM card_states WHERE card_id = :id", {"id": cards[1].id})
    assert sections_kept(store) == sections_counted_card_by_card(store)
    assert "Moved" not in sections_kept(store)  # a section left without cards goes
    reset_progress(store, [cards[0].id, cards[2].id], NEXT_MORNING)
    assert sections_kept(store) == sections_counted_card_by_card(store)
    # The repair gives the card without a schedule a new one, through the same triggers.
    assert store.safety.repair(NEXT_MORNING) == ["1 cards without a schedule"]
    assert sections_kept(store) == sections_counted_card_by_card(store)
    assert store.check().healthy
