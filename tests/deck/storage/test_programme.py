"""A programme's database: each person sees only their own rows, whatever they run against it;
a supervisor sees what their own trainees shared and nothing else; the schema is set up and
upgraded by its owner, and a session is refused or told to wait when it does not fit."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from imperfect_trainer.deck.storage import postgres_collection
from imperfect_trainer.deck.storage.programme import (
    SCHEMA_LOCK,
    ProgrammeError,
    add_supervisor,
    add_trainee,
    remove_person,
    upgrade_schema,
)
from imperfect_trainer.deck.storage.server_errors import (
    DatabaseTooNewError,
    ServerBusyError,
    ServerNotSetUpError,
    ServerSchemaBehindError,
)
from imperfect_trainer.deck.store import SCHEMA_REVISION, Store
from tests.support.moments import MORNING
from tests.support.postgres import Cluster, Programme, make_programme

# The module's name starts with a digit, so it is imported by name.
POSTGRES_TRIGGERS = importlib.import_module(
    "imperfect_trainer.deck.storage.migrations.versions.0006_section_totals"
).POSTGRES_TRIGGERS

pytestmark = pytest.mark.postgres

PERSONAL_TABLES = (
    "cards",
    "card_states",
    "practice_sessions",
    "reviews",
    "practice_days",
    "section_totals",
    "journal_entries",
    "settings",
    "debrief_situations",
    "goals",
)


def _practise(programme: Programme, name: str, folder: Path, *, shared: bool) -> None:
    """One morning's practice with a reflection, a goal and a debrief note, shared or not."""
    from imperfect_trainer.deck.features import goals, journal

    with Store.open_server(programme.address(name), folder, now=MORNING) as store:
        session = store.answers.start_session(MORNING)
        for card in store.todays_practice(MORNING).cards[:3]:
            store.answer(card.id, 4, now=MORNING, session_id=session, reflection=f"{name} reflects")
        store.answers.end_session(session, MORNING)
        goal_id = goals.add_goal(store, f"{name}'s goal", MORNING)
        if shared:
            entry = journal.entries(store)[0]
            journal.set_shared(store, entry.id, True)
            goals.set_shared(store, goal_id, True)


def _owners(connection: Any, table: str) -> set[str]:
    return {row[0] for row in connection.execute(f"SELECT DISTINCT owner::text FROM {table}")}


@pytest.fixture
def two_trainees(programme: Programme, tmp_path: Path) -> tuple[str, str]:
    first, second = programme.new_trainee(), programme.new_trainee()
    _practise(programme, first, tmp_path / "first", shared=True)
    _practise(programme, second, tmp_path / "second", shared=True)
    return first, second


def test_a_trainees_own_sql_reads_only_their_own_rows_in_every_table(
    programme: Programme, two_trainees: tuple[str, str]
) -> None:
    first, second = two_trainees
    with programme.connect(first) as connection:
        for table in PERSONAL_TABLES:
            assert _owners(connection, table) <= {first}, table
        assert _owners(connection, "reviews") == {first}
        # Not even by naming the other's rows, nor by writing them.
        assert connection.execute(
            "SELECT count(*) FROM journal_entries WHERE owner = %s", (second,)
        ).fetchone() == (0,)
        updated = connection.execute(
            "UPDATE card_states SET interval_days = 99 WHERE owner = %s", (second,)
        )
        assert updated.rowcount == 0
        import psycopg

        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(
                "INSERT INTO settings (owner, key, value) VALUES (%s, 'theme', '\"dark\"')",
                (second,),
            )
    with programme.connect(second) as connection:
        assert _owners(connection, "reviews") == {second}


def test_a_trainee_cannot_read_the_supervisors_views(
    programme: Programme, two_trainees: tuple[str, str]
) -> None:
    import psycopg

    with (
        programme.connect(two_trainees[0]) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        connection.execute("SELECT * FROM supervision_journal")


def test_a_supervisor_reads_only_what_their_own_trainees_shared(
    programme: Programme, tmp_path: Path
) -> None:
    mine, private, someone_elses = (programme.new_trainee() for _ in range(3))
    _practise(programme, mine, tmp_path / "mine", shared=True)
    _practise(programme, private, tmp_path / "private", shared=False)
    _practise(programme, someone_elses, tmp_path / "else", shared=True)
    supervisor = programme.new_supervisor(mine, private)
    with programme.connect(supervisor) as connection:
        journal = connection.execute("SELECT trainee, text FROM supervision_journal").fetchall()
        assert journal == [(mine, f"{mine} reflects")]
        goals = connection.execute("SELECT trainee, text FROM supervision_goals").fetchall()
        assert goals == [(mine, f"{mine}'s goal")]
        days = connection.execute("SELECT trainee, answers FROM supervision_days").fetchall()
        assert sorted(days) == sorted([(mine, 3), (private, 3)])
        mastery = connection.execute("SELECT DISTINCT trainee FROM supervision_mastery").fetchall()
        assert sorted(mastery) == sorted([(mine,), (private,)])
        # The tables themselves show the supervisor only their own (empty) collection.
        for table in PERSONAL_TABLES:
            assert _owners(connection, table) <= {supervisor}, table


def test_removing_a_trainee_ends_their_supervision_and_their_access(
    programme: Programme, tmp_path: Path
) -> None:
    trainee = programme.new_trainee()
    _practise(programme, trainee, tmp_path / "t", shared=True)
    supervisor = programme.new_supervisor(trainee)
    engine = create_engine(programme.owner_address().url)
    try:
        assert remove_person(engine, programme.database, trainee) == 1
    finally:
        engine.dispose()
    with programme.connect(supervisor) as connection:
        assert connection.execute("SELECT * FROM supervision_journal").fetchall() == []
    with pytest.raises(ServerNotSetUpError, match="no longer"):
        Store.open_server(programme.address(trainee), tmp_path / "again", now=MORNING)


def test_a_supervisor_is_given_only_trainees_of_the_programme(programme: Programme) -> None:
    engine = create_engine(programme.owner_address().url)
    try:
        with pytest.raises(ProgrammeError, match="has no trainee nobody_here"):
            add_supervisor(engine, programme.database, "supervisor_x", ["nobody_here"])
    finally:
        engine.dispose()


def test_every_personal_table_is_forced_under_row_level_security(
    programme: Programme,
) -> None:
    with programme.cluster.connect(database=programme.database) as admin:
        rows = admin.execute(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class"
            " WHERE relname = ANY(%s)",
            (list(PERSONAL_TABLES),),
        ).fetchall()
    assert sorted(rows) == sorted((table, True, True) for table in PERSONAL_TABLES)


def test_server_init_again_changes_nothing(programme: Programme) -> None:
    engine = create_engine(programme.owner_address().url)
    try:
        assert upgrade_schema(engine, programme.database) == (SCHEMA_REVISION, SCHEMA_REVISION)
    finally:
        engine.dispose()


def test_a_login_that_reads_every_row_is_refused(programme: Programme, tmp_path: Path) -> None:
    with pytest.raises(ProgrammeError, match="reads every person's rows"):
        Store.open_server(programme.address("postgres"), tmp_path, now=MORNING)


@pytest.fixture
def spare_programme(postgres_cluster: Cluster) -> Programme:
    return make_programme(postgres_cluster, "trainer_spare")


def _set_revision(programme: Programme, revision: str) -> None:
    with programme.cluster.connect(database=programme.database) as admin:
        admin.execute("UPDATE alembic_version SET version_num = %s", (revision,))


def test_an_older_schema_is_refused_with_what_to_ask_for(
    spare_programme: Programme, tmp_path: Path
) -> None:
    trainee = spare_programme.new_trainee()
    _set_revision(spare_programme, "0003")
    with pytest.raises(ServerSchemaBehindError, match="server init"):
        Store.open_server(spare_programme.address(trainee), tmp_path, now=MORNING)


def test_a_newer_schema_is_refused(spare_programme: Programme, tmp_path: Path) -> None:
    trainee = spare_programme.new_trainee()
    _set_revision(spare_programme, "0999")
    with pytest.raises(DatabaseTooNewError, match="newer version"):
        Store.open_server(spare_programme.address(trainee), tmp_path, now=MORNING)


def test_a_database_without_a_programme_says_how_to_set_one_up(
    postgres_cluster: Cluster, tmp_path: Path
) -> None:
    with postgres_cluster.connect() as admin:
        admin.execute("DROP DATABASE IF EXISTS trainer_empty WITH (FORCE)")
        admin.execute("CREATE DATABASE trainer_empty")
        admin.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'plain_login')"
            " THEN CREATE ROLE plain_login LOGIN; END IF; END $$"
        )
    from imperfect_trainer.deck.storage.server_address import server_address

    address = server_address(postgres_cluster.url("plain_login", "trainer_empty"))
    with pytest.raises(ServerNotSetUpError, match="server init"):
        Store.open_server(address, tmp_path, now=MORNING)


def test_opening_during_an_upgrade_waits_and_says_so_when_it_lasts(
    programme: Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trainee = programme.new_trainee()
    monkeypatch.setattr(postgres_collection, "LOCK_TIMEOUT", "200ms")
    with programme.connect(programme.owner) as upgrading, upgrading.transaction():
        upgrading.execute("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(ServerBusyError, match="being upgraded"):
            Store.open_server(programme.address(trainee), tmp_path, now=MORNING)
    with Store.open_server(programme.address(trainee), tmp_path, now=MORNING) as store:
        assert store.stats(MORNING).cards > 0


def test_the_per_day_totals_are_each_persons_own(
    programme: Programme, two_trainees: tuple[str, str], tmp_path: Path
) -> None:
    first, _ = two_trainees
    later = MORNING + dt.timedelta(days=1)
    with Store.open_server(programme.address(first), tmp_path / "first", now=later) as store:
        assert store.stats(later).reviews == 3
        assert store.stats(later).days_practised == 1


def test_an_answer_reaches_the_servers_disk_when_flushed(
    programme: Programme, tmp_path: Path
) -> None:
    # Commits return before the server's WAL flush (as the local collection's return before its
    # fsync); flushing after the next card is shown waits for it.
    with Store.open_server(programme.address(programme.new_trainee()), tmp_path) as store:
        card = store.todays_practice(MORNING).cards[0]
        store.answer(card.id, 4, now=MORNING)
        with store.file.engine.connect() as connection:
            written = connection.execute(text("SELECT pg_current_wal_insert_lsn()")).scalar()
        store.flush_to_disk()
        with store.file.engine.connect() as connection:
            flushed = connection.execute(
                text("SELECT pg_current_wal_flush_lsn() >= CAST(:written AS pg_lsn)"),
                {"written": str(written)},
            ).scalar()
        assert flushed is True


def _sections(connection: Any) -> set[tuple[Any, ...]]:
    return set(
        connection.execute("SELECT section, cards, new_cards, settled, hard FROM section_totals")
    )


def _sections_counted(connection: Any) -> set[tuple[Any, ...]]:
    return set(
        connection.execute(
            "SELECT c.section, count(*), count(*) FILTER (WHERE s.due_day IS NULL),"
            " count(*) FILTER (WHERE s.interval_days >= 21),"
            " count(*) FILTER (WHERE s.interval_days < 21"
            " AND (s.easiness_hundredths < 200 OR s.lapses >= 2))"
            " FROM cards AS c JOIN card_states AS s ON s.card_id = c.id"
            " WHERE NOT c.retired GROUP BY c.section"
        )
    )


def test_upgrading_a_programme_counts_each_trainees_own_section_totals(
    spare_programme: Programme, tmp_path: Path
) -> None:
    first, second = spare_programme.new_trainee(), spare_programme.new_trainee()
    _practise(spare_programme, first, tmp_path / "first", shared=False)
    _practise(spare_programme, second, tmp_path / "second", shared=False)
    with spare_programme.connect(first) as connection:
        connection.execute("UPDATE card_states SET interval_days = 30 WHERE due_day IS NOT NULL")
        connection.execute("UPDATE cards SET retired = true WHERE id = (SELECT min(id) FROM cards)")
    # The programme as migration 0005 left it, with both trainees' practice in it.
    with spare_programme.cluster.connect(database=spare_programme.database) as admin:
        for name in (*POSTGRES_TRIGGERS, *(f"{table}_remove" for table in PERSONAL_TABLES)):
            admin.execute(f"DROP FUNCTION {name}() CASCADE")
        admin.execute("DROP TABLE section_totals")
        admin.execute("DROP INDEX ix_cards_sections")
        # and before 0007's day a reflection was set aside
        admin.execute("DROP INDEX ix_card_states_set_aside")
        admin.execute("ALTER TABLE card_states DROP COLUMN set_aside_day")
    _set_revision(spare_programme, "0005")
    engine = create_engine(spare_programme.owner_address().url)
    try:
        assert upgrade_schema(engine, spare_programme.database) == ("0005", SCHEMA_REVISION)
    finally:
        engine.dispose()
    for trainee in (first, second):
        with spare_programme.connect(trainee) as connection:
            assert _sections(connection) == _sections_counted(connection)
            assert {row[0] for row in _sections(connection)}
            assert _owners(connection, "section_totals") == {trainee}
    with spare_programme.connect(first) as connection:
        assert sum(row[3] for row in _sections(connection)) == 3  # the three answered cards
    with spare_programme.cluster.connect(database=spare_programme.database) as admin:
        forced = admin.execute(
            "SELECT relname FROM pg_class WHERE relforcerowsecurity AND relname = ANY(%s)",
            (list(PERSONAL_TABLES),),
        ).fetchall()
    assert sorted(row[0] for row in forced) == sorted(PERSONAL_TABLES)


# ------------------------------------------------------------------ one trainee, the others


def _schema_functions(connection: Any) -> Any:
    """Every function outside PostgreSQL's own schemas: its signature, whether it runs with
    its owner's rights, its settings, and whether it returns a trigger."""
    return connection.execute(
        "SELECT p.oid::regprocedure::text, p.prosecdef, p.proconfig,"
        " p.prorettype = 'trigger'::regtype FROM pg_proc AS p"
        " JOIN pg_namespace AS n ON n.oid = p.pronamespace"
        " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
        " AND n.nspname NOT LIKE 'pg_toast%'"
    ).fetchall()


SEARCH_PATH = "search_path=pg_catalog, public, pg_temp"


def test_a_trainees_own_sql_can_call_no_function_and_move_no_counter_of_the_schema(
    programme: Programme, two_trainees: tuple[str, str]
) -> None:
    import psycopg

    attacker = two_trainees[0]
    with programme.connect(attacker) as connection:
        functions = _schema_functions(connection)
        assert functions
        for signature, definer, settings, trigger in functions:
            # Only the removals' run with their (own, login-less) role's rights (0009).
            assert definer == signature.endswith("_remove()"), signature
            assert trigger, signature
            # The numbering names its table by schema instead, once per row (0009).
            pinned = None if signature.endswith("_next_id()") else [SEARCH_PATH]
            assert settings == pinned, signature
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(f"SELECT {signature.replace('()', '')}()")
        sequences = connection.execute(
            "SELECT c.oid::regclass::text FROM pg_class AS c WHERE c.relkind = 'S'"
        ).fetchall()
        for (sequence,) in sequences:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute("SELECT setval(%s, 2147483647)", (sequence,))
        assert sequences == []
        with pytest.raises(psycopg.errors.UndefinedFunction):
            connection.execute(
                "SELECT imperfect_trainer_ids_at_least('reviews_id_seq', 2147483647)"
            )
        # No function of the trainee's own can join the schema's.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(
                "CREATE FUNCTION public.now() RETURNS int AS 'SELECT 1' LANGUAGE sql"
            )


def test_one_trainee_taking_the_largest_ids_leaves_the_others_answering(
    programme: Programme, tmp_path: Path
) -> None:
    import psycopg

    attacker, other = programme.new_trainee(), programme.new_trainee()
    _practise(programme, attacker, tmp_path / "attacker", shared=False)
    _practise(programme, other, tmp_path / "other-before", shared=False)
    last = 2**31 - 1
    with programme.connect(attacker) as connection:
        # What issue 23 found one trainee could do to everyone's numbering.
        for attack in (
            *(
                f"SELECT imperfect_trainer_ids_at_least('{table}_id_seq', {last})"
                for table in ("practice_sessions", "reviews", "journal_entries", "goals")
            ),
            "SELECT nextval('reviews_id_seq') FROM generate_series(1, 100000)",
        ):
            with contextlib.suppress(psycopg.Error):
                connection.execute(attack)
        connection.execute(
            "INSERT INTO practice_sessions (id, kind, practice_day, started_at, planned_seconds)"
            " VALUES (%s, 'daily', current_date, now(), 300)",
            (last,),
        )
        connection.execute(
            "INSERT INTO reviews (id, card_id, reviewed_at, practice_day, grade, duration_ms,"
            " drill, repetitions_before, easiness_before, interval_before, repetitions_after,"
            " easiness_after, interval_after)"
            " SELECT %s, card_id, now(), current_date, 4, 0, true, 0, 250, 0, 0, 250, 0"
            " FROM card_states LIMIT 1",
            (last,),
        )
        connection.execute(
            "INSERT INTO journal_entries (id, kind, practice_day, created_at, updated_at, text)"
            " VALUES (%s, 'debrief', current_date, now(), now(), 'mine')",
            (last,),
        )
        connection.execute(
            "INSERT INTO goals (id, position, text, note, created_at, updated_at, revisited_day)"
            " VALUES (%s, 9, 'mine', '', now(), now(), current_date)",
            (last,),
        )
        # A temporary table standing in for the catalog or the schema's own tables.
        connection.execute("CREATE TEMPORARY TABLE pg_sequences (last_value bigint)")
        connection.execute("CREATE TEMPORARY TABLE reviews (id int, owner name)")
    # The other trainee's answers, reflections, session and goal are all saved.
    _practise(programme, other, tmp_path / "other-after", shared=False)
    with programme.connect(other) as connection:
        assert connection.execute("SELECT count(*), max(id) FROM reviews").fetchone() == (6, 6)
        assert connection.execute("SELECT count(*) FROM goals").fetchone() == (2,)
    # Only the attacker's own next row has no number left.
    with (
        programme.connect(attacker) as connection,
        pytest.raises(psycopg.errors.NumericValueOutOfRange),
    ):
        connection.execute(
            "INSERT INTO goals (position, text, note, created_at, updated_at, revisited_day)"
            " VALUES (10, 'mine', '', now(), now(), current_date)"
        )


def test_a_trainee_holding_every_lock_they_may_take_leaves_the_others_opening(
    programme: Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    attacker, other = programme.new_trainee(), programme.new_trainee()
    monkeypatch.setattr(postgres_collection, "LOCK_TIMEOUT", "200ms")
    with programme.connect(attacker) as connection, connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
        connection.execute("SELECT version_num FROM alembic_version")
        for mode in ("SHARE", "EXCLUSIVE", "ACCESS EXCLUSIVE"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), connection.transaction():
                connection.execute(f"LOCK TABLE alembic_version, supervision IN {mode} MODE")
        with Store.open_server(programme.address(other), tmp_path, now=MORNING) as store:
            card = store.todays_practice(MORNING).cards[0]
            store.answer(card.id, 4, now=MORNING)


# (how the role is made, given the programme's owner; what the refusal says it is)
UNSUITABLE_ROLES = {
    "a group": ("CREATE ROLE {name} NOLOGIN", "cannot log in"),
    "a superuser": ("CREATE ROLE {name} LOGIN SUPERUSER", "reads every person's rows"),
    "a role bypassing row security": ("CREATE ROLE {name} LOGIN BYPASSRLS", "every person's"),
    "a role that makes roles": ("CREATE ROLE {name} LOGIN CREATEROLE", "grant roles"),
    "a member of the owner": ("CREATE ROLE {name} LOGIN IN ROLE {owner}", "owner"),
    "a reader of the views": (
        "CREATE ROLE {name} LOGIN IN ROLE imperfect_trainer_summaries",
        "every person's rows",
    ),
}


@pytest.mark.parametrize("kind", list(UNSUITABLE_ROLES))
def test_a_role_that_is_no_single_person_is_refused_as_a_trainee(
    programme: Programme, kind: str
) -> None:
    make, says = UNSUITABLE_ROLES[kind]
    name = f"unsuitable_{os.getpid()}_{list(UNSUITABLE_ROLES).index(kind)}"
    with programme.cluster.connect(database=programme.database) as admin:
        admin.execute(f"DROP ROLE IF EXISTS {name}")
        admin.execute(make.format(name=name, owner=programme.owner))
    engine = create_engine(programme.owner_address().url)
    try:
        with pytest.raises(ProgrammeError, match=says) as raised:
            add_trainee(engine, programme.database, name)
    finally:
        engine.dispose()
    assert "nothing was changed" in str(raised.value)
    with programme.cluster.connect(database=programme.database) as admin:
        granted = admin.execute(
            "SELECT pg_has_role(%s, 'imperfect_trainer_people', 'MEMBER')", (name,)
        ).fetchone()
        admin.execute(f"DROP ROLE {name}")
    assert granted == (kind == "a superuser",)  # a superuser is a member of every role


@pytest.mark.parametrize(
    "name",
    [
        "imperfect_trainer_people",
        "imperfect_trainer_supervisors",
        "imperfect_trainer_summaries",
        "pg_read_all_data",
        "postgres",
    ],
)
def test_the_programmes_and_postgresqls_own_roles_are_refused_as_trainees(
    programme: Programme, name: str
) -> None:
    engine = create_engine(programme.owner_address().url)
    try:
        with pytest.raises(ProgrammeError, match=f"cannot give {name} a collection"):
            add_trainee(engine, programme.database, name)
        with pytest.raises(ProgrammeError, match="the programme's owner"):
            add_trainee(engine, programme.database, programme.owner)
    finally:
        engine.dispose()


def test_a_supervisor_is_not_made_a_trainee_again(programme: Programme) -> None:
    supervisor = programme.new_supervisor(programme.new_trainee())
    with pytest.raises(ProgrammeError, match="supervisor already"):
        programme.new_trainee(supervisor)


def _start_on_two_computers_at_once(programme: Programme, name: str, folder: Path) -> list[str]:
    """Opens ``name``'s collection from two threads released together; their failures."""
    import threading

    ready = threading.Barrier(2)
    failures: list[str] = []

    def open_on(computer: str) -> None:
        ready.wait(timeout=30)
        try:
            with Store.open_server(
                programme.address(name), folder / computer, now=MORNING
            ) as store:
                store.stats(MORNING)
        except Exception as error:  # told in the test's own thread
            failures.append(repr(error))

    computers = [threading.Thread(target=open_on, args=(c,)) for c in ("home", "clinic")]
    for computer in computers:
        computer.start()
    for computer in computers:
        computer.join(timeout=120)
    return failures


def test_a_new_trainee_starting_on_two_computers_at_once_gets_one_collection(
    programme: Programme, tmp_path: Path
) -> None:
    for start in range(4):
        name = programme.new_trainee()
        assert _start_on_two_computers_at_once(programme, name, tmp_path / str(start)) == []
        with programme.connect(name) as connection:
            cards, states = connection.execute(
                "SELECT (SELECT count(*) FROM cards), (SELECT count(*) FROM card_states)"
            ).fetchone()
        assert cards == states > 0


def test_one_trainee_taking_every_connection_they_may_leaves_the_others_opening(
    programme: Programme, tmp_path: Path
) -> None:
    import psycopg

    from imperfect_trainer.deck.storage.programme import CONNECTION_LIMIT

    attacker, other = programme.new_trainee(), programme.new_trainee()
    held = [programme.connect(attacker) for _ in range(CONNECTION_LIMIT)]
    try:
        with pytest.raises(psycopg.OperationalError, match="too many connections for role"):
            programme.connect(attacker)
        with Store.open_server(programme.address(other), tmp_path, now=MORNING) as store:
            assert store.stats(MORNING).cards > 0
    finally:
        for connection in held:
            connection.close()
