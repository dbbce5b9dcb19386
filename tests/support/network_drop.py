"""A practice on a programme's server over TCP whose network goes away mid-practice, run in a
network namespace of its own (``unshare -n``), so taking its network down touches nothing else.

    unshare -n python -m tests.support.network_drop SOCKET_DIR ROLE DATABASE DATA_DIR

Inside, a forwarder carries 127.0.0.1 to the test cluster's Unix socket (which the namespace
does not cut). One answer is given; then the namespace's only network device is taken down, as
when a laptop loses its wifi, and a second answer is tried; then the device comes back and the
second answer is given again. Prints one JSON line: what the failed answer raised and said, and
the answers the server logged.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from pathlib import Path

from imperfect_trainer.deck.storage.server_address import server_address
from imperfect_trainer.deck.store import Store
from tests.support.collection_rows import fetch_rows
from tests.support.moments import MORNING


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        return


def _forward(listener: socket.socket, server_socket: str) -> None:
    while True:
        client, _ = listener.accept()
        upstream = socket.socket(socket.AF_UNIX)
        upstream.connect(server_socket)
        threading.Thread(target=_pump, args=(client, upstream), daemon=True).start()
        threading.Thread(target=_pump, args=(upstream, client), daemon=True).start()


def _network(state: str) -> None:
    subprocess.run(["ip", "link", "set", "lo", state], check=True)


def main(socket_dir: str, role: str, database: str, data_dir: str) -> None:
    _network("up")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    server_socket = str(Path(socket_dir) / ".s.PGSQL.5432")
    threading.Thread(target=_forward, args=(listener, server_socket), daemon=True).start()

    address = server_address(f"postgresql://{role}@127.0.0.1:{port}/{database}")
    outcome: dict[str, object] = {}
    with Store.open_server(address, Path(data_dir), now=MORNING) as store:
        first, second = store.todays_practice(MORNING).cards[:2]
        store.answer(first.id, 4, now=MORNING)
        _network("down")
        try:
            store.answer(second.id, 5, now=MORNING)
        except Exception as error:  # what the window would show the person
            outcome["raised"] = [kind.__name__ for kind in type(error).__mro__]
            outcome["said"] = str(error)
        _network("up")
        store.answer(second.id, 5, now=MORNING)
        logged = fetch_rows(store, "SELECT card_id, grade FROM reviews ORDER BY id")
        outcome["logged"] = [list(row) for row in logged]
        outcome["expected"] = [[first.id, 4], [second.id, 5]]
    print(json.dumps(outcome), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
