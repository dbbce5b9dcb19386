"""The command line's programme commands: ``server init|add-trainee|add-supervisor|remove``,
run by the programme database's owner."""

from __future__ import annotations

import argparse
import sys

from imperfect_trainer.cli.opening import APP_NAME
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
