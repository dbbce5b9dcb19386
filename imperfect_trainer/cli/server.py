"""The command line's programme commands: ``server init|add-trainee|add-supervisor|remove``
(run by the programme database's owner) and ``copy-to URL`` (a trainee joining a programme
brings their local collection along, every row)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from imperfect_trainer.cli.opening import APP_NAME, open_collection
from imperfect_trainer.translation import _


def run_server_command(database: str, args: argparse.Namespace) -> int:
    from imperfect_trainer.deck.storage import programme
    from imperfect_trainer.deck.storage.postgres_collection import make_server_engine
    from imperfect_trainer.deck.storage.server_address import server_address
    from imperfect_trainer.deck.storage.store_errors import StoreError

    try:
        address = server_address(database)
        engine = make_server_engine(address)
        where = address.where
        try:
            if args.action == "init":
                before, after = programme.upgrade_schema(engine, where)
                if before == after:
                    print(
                        _("{where}: the programme's schema is up to date ({after})").format(
                            where=where, after=after
                        )
                    )
                elif before is None:
                    print(
                        _("{where}: the programme's schema is set up ({after})").format(
                            where=where, after=after
                        )
                    )
                else:
                    print(
                        _(
                            "{where}: the programme's schema is upgraded from {before} to {after}"
                        ).format(where=where, before=before, after=after)
                    )
            elif args.action == "add-trainee":
                created = programme.add_trainee(engine, where, args.name)
                print(
                    _("{name} is a trainee of {where}").format(name=args.name, where=where)
                    + _login_note(args.name, created)
                )
            elif args.action == "add-supervisor":
                created = programme.add_supervisor(engine, where, args.name, args.trainees)
                print(
                    _("{name} supervises {trainees} in {where}").format(
                        name=args.name, trainees=", ".join(args.trainees), where=where
                    )
                    + _login_note(args.name, created)
                )
            else:
                pairs = programme.remove_person(engine, where, args.name)
                print(
                    _(
                        "{name} is no longer in the programme at {where} ({pairs} supervision "
                        "pairs ended); their login role and their collection's rows are kept: "
                        "server add-trainee {name} gives them back"
                    ).format(name=args.name, where=where, pairs=pairs)
                )
        finally:
            engine.dispose()
    except StoreError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 2
    return 0


def _login_note(name: str, created: bool) -> str:
    if not created:
        return ""
    return _(
        "; the new login {name} has no password: set one with psql's \\password {name}, "
        "or let them in with a client certificate"
    ).format(name=name)


def copy_to_server(data_dir: Path, url: str) -> int:
    """The local collection in ``data_dir``, every row, into the person's (empty) collection
    on the server at ``url``; the local one is left as it is."""
    from imperfect_trainer.deck.interchange.full_export import (
        CollectionNotEmptyError,
        copy_collection,
    )
    from imperfect_trainer.deck.storage.collection_file import secure_data_dir
    from imperfect_trainer.deck.storage.store_errors import StoreError

    now = dt.datetime.now().astimezone()
    try:
        secure_data_dir(data_dir)
        with (
            open_collection(data_dir, None, now) as local,
            open_collection(data_dir, url, now) as server,
        ):
            counts = copy_collection(local, server, now)
            where = server.file.where
    except CollectionNotEmptyError as error:
        print(
            _("{app}: {error}; nothing was copied").format(app=APP_NAME, error=error),
            file=sys.stderr,
        )
        return 1
    except StoreError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 2
    print(
        _("copied {folder} to {where}: {tables}").format(
            folder=data_dir,
            where=where,
            tables=", ".join(f"{count} {table}" for table, count in counts.items()),
        )
    )
    return 0
