"""Where a programme's shared collection is: a PostgreSQL URL, checked before any connection.

The app stores no password: libpq finds it (``~/.pgpass``, a service file, ``PGPASSWORD``,
a client certificate), so a URL carrying one is refused rather than kept in a shell history or a
menu entry. A connection to another machine is encrypted: without an ``sslmode`` in the URL it
is made with ``sslmode=require``, and a mode that may fall back to plain text (``allow``,
``prefer``) is refused; plain text only when the URL says ``sslmode=disable``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from sqlalchemy import URL, make_url
from sqlalchemy.exc import ArgumentError

from imperfect_trainer.deck.storage.store_errors import StoreError

DRIVER = "postgresql+psycopg"
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
_ENCRYPTED = {"require", "verify-ca", "verify-full"}
_MAY_FALL_BACK = {"allow", "prefer"}


class ServerAddressError(StoreError):
    """The URL given for a programme's collection cannot be used as it is."""

    advice = "nothing was changed; give a URL like postgresql://NAME@SERVER/DATABASE"


@dataclass(frozen=True, slots=True)
class ServerAddress:
    url: URL
    # "alice@db.example.org/trainer": how messages and the backups folder name the collection.
    where: str
    # The role the session acts as (SET ROLE at connection), when not the login itself: the
    # benchmark's throwaway trainee, used through the programme owner's login.
    role: str | None = None

    @property
    def folder_name(self) -> str:
        """A file name for this collection's local folder (its JSON backups)."""
        return re.sub(r"[^A-Za-z0-9._-]+", "_", self.where).strip("_") or "server"


def server_address(text: str) -> ServerAddress:
    """Check ``text`` and return the URL to connect with; raises ``ServerAddressError``."""
    try:
        url = make_url(text)
    except ArgumentError:
        raise ServerAddressError(_redacted(text), "is not a database URL") from None
    if url.get_backend_name() != "postgresql":
        raise ServerAddressError(
            _redacted(text), "is not a PostgreSQL URL (it should start with postgresql://)"
        )
    url = url.set(drivername=DRIVER)
    where = _where(url)
    if url.password is not None:
        raise ServerAddressError(
            where,
            "holds a password, which the app never keeps",
            "remove it from the URL and put it in ~/.pgpass (or PGPASSWORD, a service file, a "
            "client certificate), which the PostgreSQL library reads itself",
        )
    query = dict(url.query)
    mode = _one(query.get("sslmode")) or os.environ.get("PGSSLMODE")
    if mode in _MAY_FALL_BACK and not _is_local(url):
        raise ServerAddressError(
            where,
            f"asks for sslmode={mode}, which may send your answers and journal unencrypted",
            "use sslmode=require or verify-full; or, on a network you trust, say "
            "sslmode=disable to mean plain text",
        )
    if mode is None and not _is_local(url):
        # Ignored by libpq for a Unix socket, so a service file naming one still works.
        url = url.update_query_dict({"sslmode": "require"})
    return ServerAddress(url, where)


def _one(value: str | tuple[str, ...] | None) -> str | None:
    if isinstance(value, tuple):
        return value[-1] if value else None
    return value


def _host(url: URL) -> str | None:
    return url.host or _one(url.query.get("host")) or os.environ.get("PGHOST")


def _is_local(url: URL) -> bool:
    host = _host(url)
    if host is None:
        # No host anywhere: libpq's default Unix socket, unless a service file names one.
        return _one(url.query.get("service")) is None and "PGSERVICE" not in os.environ
    return all(part.startswith("/") or part in _LOCAL_HOSTS for part in host.split(","))


def _where(url: URL) -> str:
    user = url.username or os.environ.get("PGUSER") or "you"
    host = url.host or _one(url.query.get("service")) or "this computer"
    if url.port:
        host = f"{host}:{url.port}"
    return f"{user}@{host}/{url.database or user}"


def _redacted(text: str) -> str:
    # A password never goes into a message.
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", text)
