"""Setting up a training programme's database, and checking it before a person's session.

``server init`` (run by the database's owner) creates or upgrades the schema with the same
Alembic migrations as a local collection, inside one transaction that holds ``alembic_version``
locked; a person's app opening the database meanwhile waits to read it, so it sees the schema
either before or after the upgrade, never half-way, and is told if the wait is long. Not an
advisory lock: any trainee may take one of those and hold it, and everyone would wait; a table
a trainee may only read, a trainee can lock only in a way that lets everyone else read it.
``server add-trainee``, ``add-supervisor`` and ``remove`` create or grant the login roles and
keep the ``supervision`` pairs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from imperfect_trainer.deck.storage.collection_file import MIGRATIONS, known_revisions
from imperfect_trainer.deck.storage.server_errors import (
    DatabaseTooNewError,
    ServerNotSetUpError,
    ServerSchemaBehindError,
    error_from_postgres,
)
from imperfect_trainer.deck.storage.store_errors import StoreError

PEOPLE = "imperfect_trainer_people"
SUPERVISORS = "imperfect_trainer_supervisors"
SUMMARIES = "imperfect_trainer_summaries"
# A person's connections at most, unless the administrator set a limit of their own: the app
# holds up to five on each computer (a pool of two, two more at a peak, the answers' own), so
# two computers and a psql fit; one trainee cannot take every connection the server allows.
CONNECTION_LIMIT = 12
# pg_advisory_xact_lock's key for "the schema is being changed": two ``server init`` at once
# wait for each other (any fixed number of ours). People's sessions never take it.
SCHEMA_LOCK = 7_305_114_001
# How long ``server init`` waits for a table it must lock. While it waits, every person's session
# queues behind it: a trainee's transaction left open must not turn into everyone waiting.
INIT_LOCK_WAIT = "5s"


LOCK_NOT_AVAILABLE = "55P03"


class ProgrammeError(StoreError):
    """A programme command cannot do what was asked; nothing was changed."""

    advice = "nothing was changed"


@dataclass(frozen=True, slots=True)
class SessionCheck:
    login: str
    revision: str | None


def upgrade_schema(engine: Engine, where: str) -> tuple[str | None, str | None]:
    """Create or upgrade the programme's schema; returns the revisions before and after."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            connection.execute(text(f"SET LOCAL lock_timeout = '{INIT_LOCK_WAIT}'"))
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
            if connection.execute(text("SELECT to_regclass('alembic_version')")).scalar():
                connection.execute(text("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE"))
            before = _revision(connection)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            after = _revision(connection)
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) == LOCK_NOT_AVAILABLE:
            raise ProgrammeError(
                where,
                f"could not be upgraded: a session held a table for over {INIT_LOCK_WAIT}"
                f" ({_holders(engine)}); the others waited no longer than that",
                "nothing was changed; try again, or end that session"
                " (SELECT pg_terminate_backend(PID)) first",
            ) from error
        raise error_from_postgres(where, error) from error
    return before, after


def _holders(engine: Engine) -> str:
    """Who holds a lock on the programme's tables, from ``pg_stat_activity`` (for the owner)."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT DISTINCT a.usename, a.pid FROM pg_locks AS l"
                    " JOIN pg_stat_activity AS a ON a.pid = l.pid"
                    " WHERE l.granted AND l.relation IS NOT NULL AND a.pid <> pg_backend_pid()"
                    " AND a.datname = current_database() ORDER BY a.pid"
                )
            ).all()
    except DBAPIError:
        return "who, the server would not say"
    return ", ".join(f"{name}, PID {pid}" for name, pid in rows) or "since let go"


def check_session(connection: Connection, where: str, wanted: str) -> SessionCheck:
    """Before a person's collection is used: the login may see only its own rows (not a
    superuser), and the schema is the one this app knows, waiting out an upgrade."""
    login, bypasses = connection.execute(
        text(
            "SELECT current_user::text, rolsuper OR rolbypassrls FROM pg_roles"
            " WHERE rolname = current_user"
        )
    ).one()
    if bypasses:
        raise ProgrammeError(
            where,
            f"is opened as {login}, a role that reads every person's rows",
            "open your collection with your own login (server add-trainee NAME makes one); "
            "nothing was changed",
        )
    revision = _revision(connection)
    if revision is None:
        raise ServerNotSetUpError(where, "holds no Imperfect Trainer programme yet")
    if revision not in known_revisions():
        raise DatabaseTooNewError(
            where, f"was set up by a newer version of Imperfect Trainer (schema {revision})"
        )
    if revision != wanted:
        raise ServerSchemaBehindError(
            where, f"uses an older schema ({revision}) than this app ({wanted})"
        )
    member = connection.execute(
        text("SELECT pg_has_role(current_user, :people, 'MEMBER')"), {"people": PEOPLE}
    ).scalar()
    if not member:
        raise ServerNotSetUpError(where, f"has not added {login} to the programme")
    return SessionCheck(login, revision)


def _revision(connection: Connection) -> str | None:
    if connection.execute(text("SELECT to_regclass('alembic_version')")).scalar() is None:
        return None
    value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if value is None else str(value)


# ------------------------------------------------------------------------------- people


def add_trainee(engine: Engine, where: str, name: str) -> bool:
    """Create the login role ``name`` (or use the existing one) and give it a collection.
    Returns whether the role was created."""
    with _programme_transaction(engine, where) as connection:
        created = _ensure_login(connection, where, name)
        if _is_member(connection, name, SUPERVISORS):
            raise ProgrammeError(
                where,
                f"has {name} as a supervisor already (with a collection of their own)",
                "nothing was changed; a supervisor practises with the same login",
            )
        connection.execute(text(f"GRANT {PEOPLE} TO {_quoted(connection, name)}"))
    return created


def add_supervisor(engine: Engine, where: str, name: str, trainees: Sequence[str]) -> bool:
    """Make ``name`` a supervisor of ``trainees`` (each already a trainee of the programme).
    A supervisor has a collection of their own too. Returns whether the role was created."""
    with _programme_transaction(engine, where) as connection:
        for trainee in trainees:
            if not _is_person(connection, trainee):
                raise ProgrammeError(
                    where,
                    f"has no trainee {trainee}",
                    f"add them first with: server add-trainee {trainee}; nothing was changed",
                )
        created = _ensure_login(connection, where, name)
        quoted = _quoted(connection, name)
        connection.execute(text(f"GRANT {PEOPLE}, {SUPERVISORS} TO {quoted}"))
        for trainee in trainees:
            connection.execute(
                text(
                    "INSERT INTO supervision (supervisor, trainee) VALUES (:s, :t)"
                    " ON CONFLICT DO NOTHING"
                ),
                {"s": name, "t": trainee},
            )
    return created


def remove_person(engine: Engine, where: str, name: str) -> int:
    """Take ``name`` out of the programme: no more collection, no supervision either way.
    The login role and the rows of their collection stay (adding them again gives them back;
    the programme's administrator deletes a role with DROP ROLE). Returns the pairs removed."""
    with _programme_transaction(engine, where) as connection:
        if not _role_exists(connection, name):
            raise ProgrammeError(where, f"has no login role {name}")
        removed = connection.execute(
            text("DELETE FROM supervision WHERE supervisor = :n OR trainee = :n"), {"n": name}
        ).rowcount
        quoted = _quoted(connection, name)
        for group in (PEOPLE, SUPERVISORS):
            if connection.execute(
                text("SELECT pg_has_role(:n, :g, 'MEMBER')"), {"n": name, "g": group}
            ).scalar():
                connection.execute(text(f"REVOKE {group} FROM {quoted}"))
    return int(removed)


@contextmanager
def _programme_transaction(engine: Engine, where: str) -> Iterator[Connection]:
    try:
        with engine.begin() as connection:
            if _revision(connection) is None:
                raise ServerNotSetUpError(where, "holds no programme yet: run server init first")
            yield connection
    except DBAPIError as error:
        raise error_from_postgres(where, error) from error


def _quoted(connection: Connection, name: str) -> str:
    return str(connection.dialect.identifier_preparer.quote_identifier(name))


def _role_exists(connection: Connection, name: str) -> bool:
    return bool(
        connection.execute(
            text("SELECT count(*) FROM pg_roles WHERE rolname = :n"), {"n": name}
        ).scalar()
    )


def _is_member(connection: Connection, name: str, group: str) -> bool:
    """Granted ``group`` (pg_has_role would say yes for a superuser too)."""
    return bool(
        connection.execute(
            text(
                "SELECT count(*) FROM pg_auth_members AS m JOIN pg_roles AS r ON r.oid = m.member"
                " WHERE r.rolname = :n AND m.roleid = to_regrole(:g)"
            ),
            {"n": name, "g": group},
        ).scalar()
    )


def _is_person(connection: Connection, name: str) -> bool:
    return _role_exists(connection, name) and bool(
        connection.execute(
            text("SELECT pg_has_role(:n, :g, 'MEMBER')"), {"n": name, "g": PEOPLE}
        ).scalar()
    )


# What makes an existing role no person of the programme: (the check, what it is).
_UNSUITABLE = (
    ("NOT r.rolcanlogin", "a role that cannot log in (a group, or one of PostgreSQL's own)"),
    ("r.rolsuper OR r.rolbypassrls", "a role that reads every person's rows"),
    (
        "pg_has_role(r.oid, (SELECT datdba FROM pg_database WHERE datname = current_database()),"
        " 'MEMBER') OR pg_has_role(r.oid, (SELECT relowner FROM pg_class"
        " WHERE oid = 'alembic_version'::regclass), 'MEMBER')",
        "the programme's owner, or acts as the owner",
    ),
    (
        "r.rolcreaterole",
        "a role that can create and grant roles (so could give itself every person's rows)",
    ),
    (f"pg_has_role(r.oid, '{SUMMARIES}', 'MEMBER')", "a role that reads every person's rows"),
)


def _ensure_login(connection: Connection, where: str, name: str) -> bool:
    """A login role ``name`` suited to be one person of the programme, made if need be; refuses
    the programme's own roles, PostgreSQL's, and any role that could read others' rows."""
    if not name or len(name.encode()) > 63:
        raise ProgrammeError(name or "(empty)", "is not a login name PostgreSQL accepts")
    if name in (PEOPLE, SUPERVISORS, SUMMARIES) or name.startswith("pg_"):
        raise _unsuitable(where, name, "one of the programme's or PostgreSQL's own roles")
    quoted = _quoted(connection, name)
    if not _role_exists(connection, name):
        connection.execute(text(f"CREATE ROLE {quoted} LOGIN CONNECTION LIMIT {CONNECTION_LIMIT}"))
        return True
    for check, what in _UNSUITABLE:
        if connection.execute(
            text(f"SELECT {check} FROM pg_roles AS r WHERE r.rolname = :n"), {"n": name}
        ).scalar():
            raise _unsuitable(where, name, what)
    if connection.execute(
        text("SELECT rolconnlimit < 0 FROM pg_roles WHERE rolname = :n"), {"n": name}
    ).scalar():
        connection.execute(text(f"ALTER ROLE {quoted} CONNECTION LIMIT {CONNECTION_LIMIT}"))
    return False


def _unsuitable(where: str, name: str, what: str) -> ProgrammeError:
    return ProgrammeError(
        where,
        f"cannot give {name} a collection: {name} is {what}",
        "nothing was changed; each person needs a login role of their own "
        "(server add-trainee NEW-NAME creates one)",
    )
