"""A proxy in front of the test cluster's Unix socket that can lose one reply: the statement
goes to the server and is committed there, and the connection is cut before its reply reaches
the app, as a network lost at that moment would."""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path
from types import TracebackType

# The end of the server's reply to a statement: ReadyForQuery (libpq's protocol).
_READY = b"Z\x00\x00\x00\x05"


class LostReplyProxy:
    """Listens in ``folder`` as PostgreSQL would (``host=folder`` in a URL); forwards every
    connection to ``cluster_socket_dir``. After ``lose_reply_to(marker)``, the next statement
    whose text holds ``marker`` is passed on, its reply swallowed, and its connection cut."""

    def __init__(self, cluster_socket_dir: Path, folder: Path) -> None:
        self.folder = folder
        self._target = str(cluster_socket_dir / ".s.PGSQL.5432")
        self._marker: bytes | None = None
        self._lock = threading.Lock()
        self.lost = threading.Event()
        self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._open: list[socket.socket] = [self._listener]

    def lose_reply_to(self, marker: bytes) -> None:
        with self._lock:
            self._marker = marker

    def __enter__(self) -> LostReplyProxy:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._listener.bind(str(self.folder / ".s.PGSQL.5432"))
        self._listener.listen()
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for opened in list(self._open):
            _close(opened)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.connect(self._target)
            self._open += [client, server]
            swallowing = threading.Event()
            threading.Thread(
                target=self._to_server, args=(client, server, swallowing), daemon=True
            ).start()
            threading.Thread(
                target=self._to_client, args=(server, client, swallowing), daemon=True
            ).start()

    def _to_server(
        self, client: socket.socket, server: socket.socket, swallowing: threading.Event
    ) -> None:
        while data := _receive(client):
            with self._lock:
                if self._marker is not None and self._marker in data:
                    self._marker = None
                    swallowing.set()
            try:
                server.sendall(data)
            except OSError:
                break
        _close(server)

    def _to_client(
        self, server: socket.socket, client: socket.socket, swallowing: threading.Event
    ) -> None:
        while data := _receive(server):
            if swallowing.is_set():
                if _READY in data:
                    # The reply is complete (so the statement has finished on the server),
                    # and the app never sees it.
                    self.lost.set()
                    break
                continue
            try:
                client.sendall(data)
            except OSError:
                break
        _close(client)
        _close(server)


def _receive(connection: socket.socket) -> bytes:
    try:
        return connection.recv(65536)
    except OSError:
        return b""


def _close(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)
    connection.close()
