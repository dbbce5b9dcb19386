"""What can go wrong with a programme's server, told apart, each with what to do about it.

PostgreSQL names the kind of failure in its SQLSTATE; failures before a session exists (the
server is down, the name is unknown) come from libpq without one, and are told apart by the
words libpq uses. Every message names the server (``alice@db.example.org/trainer``), never a
password.
"""

from __future__ import annotations

from imperfect_trainer.deck.storage.store_errors import (
    DatabaseAccessError,
    DatabaseTooNewError,
    DiskFullError,
    StoreError,
)


class ServerUnreachableError(StoreError):
    """The server cannot be reached, or went away (restarted, network dropped)."""

    advice = (
        "check your network and that the programme's server is running, then try again; "
        "what you had saved is safe on the server"
    )


class ServerEndedSessionError(ServerUnreachableError):
    """The server ended this connection itself (restarted, or an administrator ended it): a new
    one may well be let in at once, unlike a network that has gone quiet."""


class ServerLoginError(StoreError):
    """The server refused the login: password, user name, or no entry for this computer."""

    advice = (
        "check the user name, and the password in ~/.pgpass (or PGPASSWORD); "
        "the programme's administrator can tell you which applies"
    )


class ServerTlsError(StoreError):
    """The server and the app disagree on encryption."""

    advice = (
        "the server asks for an encrypted connection: use sslmode=require (or verify-full) "
        "in the URL, and ask the programme's administrator for its certificate if needed"
    )


class ServerNotSetUpError(StoreError):
    """The database is reachable but holds no programme (or not one this person may use)."""

    advice = (
        "ask the programme's administrator to run "
        "imperfect-trainer --database URL server init, and to add you as a trainee"
    )


class ServerSchemaBehindError(StoreError):
    """The programme's schema is older than this app."""

    advice = (
        "ask the programme's administrator to run imperfect-trainer --database URL server init "
        "(it upgrades the schema); nothing was changed"
    )


class ServerBusyError(StoreError):
    """The schema is being upgraded right now, or the server asks to wait."""

    advice = "try again in a minute; nothing was changed"


class PostgresDriverMissingError(StoreError):
    """psycopg, the PostgreSQL driver, is not installed."""

    advice = (
        "install the PostgreSQL support: pip install 'imperfect-trainer[postgres]' "
        "(from a clone: .venv/bin/pip install -e '.[postgres]')"
    )


# SQLSTATE classes and codes (https://www.postgresql.org/docs/15/errcodes-appendix.html).
_LOGIN = {"28P01", "28000"}
_NOT_THERE = {"3D000"}  # the database does not exist
_NO_PRIVILEGE = {"42501"}
_UNDEFINED_TABLE = {"42P01"}
_ENDED = {"57P01", "57P02"}  # admin_shutdown, crash_shutdown
_GONE = {"57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004"}
_FULL = {"53100"}
_LOCK_TIMEOUT = {"55P03"}


def error_from_postgres(where: str, error: BaseException) -> StoreError:
    """The ``StoreError`` that says what PostgreSQL's (or SQLAlchemy's wrapped) error means."""
    original = getattr(error, "orig", None) or error
    code = getattr(original, "sqlstate", None)
    message = str(original).strip().splitlines()[0] if str(original).strip() else ""
    lowered = str(original).lower()
    if "no pg_hba.conf entry" in lowered and ("no encryption" in lowered or "ssl off" in lowered):
        return ServerTlsError(where, "refused a connection without encryption")
    if "password authentication failed" in lowered:
        return ServerLoginError(where, "did not accept the password")
    if "no password supplied" in lowered or "fe_sendauth" in lowered:
        return ServerLoginError(where, "asks for a password, and none was found")
    if "no pg_hba.conf entry" in lowered:
        return ServerLoginError(where, "has no entry letting this login in from this computer")
    if code in _LOGIN or "authentication failed" in lowered:
        return ServerLoginError(where, "refused the login")
    if "ssl" in lowered and ("not support" in lowered or "required" in lowered):
        return ServerTlsError(where, "does not offer the encryption the URL asks for")
    if "permission denied for database" in lowered:
        return ServerNotSetUpError(
            where, "does not let this login in (not, or no longer, a member)"
        )
    if code in _NOT_THERE or ("database" in lowered and "does not exist" in lowered):
        return ServerNotSetUpError(where, "has no such database")
    if code in _FULL:
        return DiskFullError(where, "could not be written: the server's disk is full")
    if code in _LOCK_TIMEOUT:
        return ServerBusyError(where, "is being upgraded by its administrator")
    if code in _NO_PRIVILEGE:
        return DatabaseAccessError(
            where,
            "does not let this login use the programme's collection",
            ServerNotSetUpError.advice,
        )
    if code in _UNDEFINED_TABLE:
        return ServerNotSetUpError(where, "holds no Imperfect Trainer programme")
    if "could not translate host name" in lowered or "name or service not known" in lowered:
        return ServerUnreachableError(where, "names a server that cannot be found")
    if code in _ENDED or (code is None and "server closed the connection" in lowered):
        return ServerEndedSessionError(where, "ended the connection (" + _short(message) + ")")
    if code in _GONE or (code is None and _looks_gone(lowered)):
        return ServerUnreachableError(where, "cannot be reached (" + _short(message) + ")")
    if code == "57P04" or code == "57014":
        return ServerUnreachableError(where, "stopped the request (" + _short(message) + ")")
    return StoreError(where, _short(message) or type(original).__name__)


def _looks_gone(lowered: str) -> bool:
    return any(
        words in lowered
        for words in (
            "connection refused",
            "no such file or directory",
            "server closed the connection",
            "terminating connection",
            "connection is closed",
            "the connection is lost",
            "connection timed out",
            "timeout expired",
            "consuming input failed",
            "could not receive data",
            "could not send data",
            "connection failed",
            "connection to server",
            "is the server running",
            "bad connection",
        )
    )


def _short(message: str) -> str:
    # libpq prefixes "connection failed: connection to server at ... failed:"; keep the reason.
    reason = message.rsplit("failed:", 1)[-1].strip() if "failed:" in message else message
    return reason[:200]


__all__ = [
    "DatabaseTooNewError",
    "PostgresDriverMissingError",
    "ServerBusyError",
    "ServerEndedSessionError",
    "ServerLoginError",
    "ServerNotSetUpError",
    "ServerSchemaBehindError",
    "ServerTlsError",
    "ServerUnreachableError",
    "error_from_postgres",
]
