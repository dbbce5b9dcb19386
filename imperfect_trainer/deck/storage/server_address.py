"""Where a programme's shared collection is: a PostgreSQL URL, checked before any connection.

The app stores no password: libpq finds it (``~/.pgpass``, a service file, ``PGPASSWORD``,
a client certificate), so a URL carrying one (as ``user:password@`` or ``?password=``) is refused
rather than kept in a shell history or a menu entry. A connection to another machine is
encrypted: without an ``sslmode`` in the URL it is made with ``sslmode=require``, and a mode that
may fall back to plain text (``allow``, ``prefer``) is refused; plain text only when the URL says
``sslmode=disable``.

"Another machine" is judged from what libpq will be given (the driver's own reading of the URL,
then libpq's environment variables): every server of a list must be a Unix socket or a loopback
address, and a ``hostaddr`` is where libpq connects whatever ``host`` says. A service file may
name any server, so a service is never taken for this computer (``sslmode=require`` is ignored
by libpq on a Unix socket, so a service naming one still works).
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import URL, make_url
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.exc import ArgumentError

from imperfect_trainer.deck.storage.store_errors import StoreError

DRIVER = "postgresql+psycopg"
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
_ENCRYPTED = {"require", "verify-ca", "verify-full"}
_MAY_FALL_BACK = {"allow", "prefer"}
# The driver's dialect, untyped in SQLAlchemy; only its reading of a URL is used.
_PSYCOPG_DIALECT: Any = PGDialect_psycopg


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
    except (ArgumentError, ValueError):
        raise ServerAddressError(_redacted(text), "is not a database URL") from None
    if url.get_backend_name() != "postgresql":
        raise ServerAddressError(
            _redacted(text), "is not a PostgreSQL URL (it should start with postgresql://)"
        )
    url = url.set(drivername=DRIVER)
    try:
        # What psycopg hands libpq for this URL: its hosts, ports and parameters.
        _, given = _PSYCOPG_DIALECT().create_connect_args(url)
    except ArgumentError as error:
        raise ServerAddressError(
            _redacted(text),
            f"lists servers and ports that do not pair up ({error})",
            "give each server its own port (host=db.example.org:5432,/run/postgresql:5432) "
            "or leave the ports out",
        ) from None
    where = _where(url, given)
    if url.password is not None or "password" in url.query:
        raise ServerAddressError(
            where,
            "holds a password, which the app never keeps",
            "remove it from the URL and put it in ~/.pgpass (or PGPASSWORD, a service file, a "
            "client certificate), which the PostgreSQL library reads itself",
        )
    mode = _one(given.get("sslmode")) or os.environ.get("PGSSLMODE")
    local = _is_local(given)
    if mode in _MAY_FALL_BACK and not local:
        raise ServerAddressError(
            where,
            f"asks for sslmode={mode}, which may send your answers and journal unencrypted",
            "use sslmode=require or verify-full; or, on a network you trust, say "
            "sslmode=disable to mean plain text",
        )
    if mode is None and not local:
        url = url.update_query_dict({"sslmode": "require"})
    return ServerAddress(url, where)


def _one(value: str | tuple[str, ...] | None) -> str | None:
    if isinstance(value, tuple):
        return value[-1] if value else None
    return value


def _given(given: Mapping[str, Any], name: str, variable: str) -> list[str]:
    """A libpq parameter as its comma-separated entries, the URL's or else the environment's."""
    value = _one(given.get(name)) or os.environ.get(variable)
    return [] if value is None else [part.strip() for part in str(value).split(",")]


def _is_local(given: Mapping[str, Any]) -> bool:
    """Whether every server libpq may try is this computer: a Unix socket or loopback."""
    if _one(given.get("service")) or "PGSERVICE" in os.environ:
        return False
    hosts = _given(given, "host", "PGHOST")
    addresses = _given(given, "hostaddr", "PGHOSTADDR")
    for index in range(max(len(hosts), len(addresses))):
        address = addresses[index] if index < len(addresses) else ""
        host = hosts[index] if index < len(hosts) else ""
        if address:
            if not _loopback(address):
                return False
        elif host and not (host.startswith(("/", "@")) or host in _LOCAL_HOSTS or _loopback(host)):
            return False
    return True


def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


def _where(url: URL, given: Mapping[str, Any]) -> str:
    user = url.username or os.environ.get("PGUSER") or "you"
    address = _one(given.get("hostaddr"))
    host = _one(given.get("host"))
    if address:
        place = address
    elif host and not all(part.startswith(("/", "@")) for part in host.split(",")):
        place = host
    else:
        place = _one(given.get("service")) or "this computer"
    if url.port:
        place = f"{place}:{url.port}"
    return f"{user}@{place}/{url.database or user}"


def _redacted(text: str) -> str:
    # A password never goes into a message.
    text = re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", text)
    return re.sub(r"([?&]password=)[^&]*", r"\1***", text)
