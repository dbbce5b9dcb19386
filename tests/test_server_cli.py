"""The command line with --database: a programme set up as its owner would, then every command
on a trainee's server collection, and a local collection copied onto the server."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from imperfect_trainer.cli import main
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING
from tests.support.postgres import Cluster, Programme, make_programme

pytestmark = pytest.mark.postgres


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_programme_is_set_up_and_people_added_from_the_command_line(
    postgres_cluster: Cluster, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fresh = make_programme(postgres_cluster, "trainer_cli")
    ada, sam = f"ada_{os.getpid()}", f"sam_{os.getpid()}"  # roles outlive a database
    owner = postgres_cluster.url(fresh.owner, fresh.database)
    code, out, _ = _run(capsys, "--database", owner, "server", "init")
    assert code == 0
    assert "up to date" in out
    code, out, _ = _run(capsys, "--database", owner, "server", "add-trainee", ada)
    assert code == 0
    assert f"\\password {ada}" in out  # a new login, told how to give it a password
    code, out, _ = _run(
        capsys, "--database", owner, "server", "add-supervisor", sam, "--trainee", ada
    )
    assert code == 0
    assert out.startswith(f"{sam} supervises {ada}")
    code, _, err = _run(
        capsys, "--database", owner, "server", "add-supervisor", sam, "--trainee", "nobody"
    )
    assert code == 2
    assert "add-trainee nobody" in err
    trainee = postgres_cluster.url(ada, fresh.database)
    base = ["--data-dir", str(tmp_path), "--database", trainee]
    code, out, _ = _run(capsys, *base, "stats", "--json")
    assert code == 0
    assert json.loads(out)["cards"] > 0
    code, out, _ = _run(capsys, "--database", owner, "server", "remove", ada)
    assert code == 0
    assert "kept" in out
    code, _, err = _run(capsys, "--data-dir", str(tmp_path), "--database", trainee, "stats")
    assert code == 2
    assert "no longer" in err


# The report draws its PDF with Qt: the QApplication is the test's own, not a bare
# QGuiApplication the command would make (which the window's tests after it could not use).
@pytest.mark.usefixtures("qapp")
def test_every_command_works_on_a_trainees_server_collection(
    programme: Programme, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    name = programme.new_trainee()
    url = programme.cluster.url(name, programme.database)
    base = ["--data-dir", str(tmp_path), "--database", url]
    with Store.open_server(programme.address(name), tmp_path / "s", now=MORNING) as store:
        card = store.todays_practice(MORNING).cards[0]
        store.answer(card.id, 4, now=MORNING, reflection="Good enough was good enough.")
    assert _run(capsys, *base, "check")[0] == 0
    code, out, _ = _run(capsys, *base, "backup")
    assert code == 0
    backup = Path(out.split("backup written: ")[1].split(" (")[0])
    assert backup.suffix == ".json"
    assert json.loads(backup.read_text())["reviews"][0]["card_id"] == card.id
    export = tmp_path / "mine.json"
    assert _run(capsys, *base, "export", str(export))[0] == 0
    assert _run(capsys, *base, "export", str(tmp_path / "answers.csv"), "--reviews")[0] == 0
    assert _run(capsys, *base, "report", str(tmp_path / "report.pdf"))[0] == 0
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    # Into a second, untouched collection, exactly; not into one in use.
    other = programme.cluster.url(programme.new_trainee(), programme.database)
    other_base = ["--data-dir", str(tmp_path / "other"), "--database", other]
    assert _run(capsys, *other_base, "import", str(export))[0] == 0
    again = tmp_path / "again.json"
    assert _run(capsys, *other_base, "export", str(again))[0] == 0
    assert _rows(again) == _rows(export)
    code, _, err = _run(capsys, *other_base, "import", str(export))
    assert code == 1
    assert "already in use" in err
    code, _, err = _run(capsys, *base, "restore", str(backup))
    assert code == 2
    assert "import one into an empty collection" in err


def _rows(path: Path) -> dict[str, object]:
    document = json.loads(path.read_text())
    return {key: value for key, value in document.items() if key != "exported_at"}


def test_copy_to_is_replaced_by_join_and_copies_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    local_dir = tmp_path / "local"
    with Store.open(local_dir, now=MORNING):
        pass
    before = sorted(p.name for p in local_dir.iterdir())
    code, out, err = _run(
        capsys, "--data-dir", str(local_dir), "copy-to", "postgresql://ana@db.example.org/t"
    )
    assert code == 2
    assert "join URL" in err
    assert "nothing was copied" in err
    assert out == ""
    # No server reached, no folder for it made, the collection as it was.
    assert sorted(p.name for p in local_dir.iterdir()) == before


def test_a_password_in_the_url_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "--database", "postgresql://a:pw@db.example.org/t", "stats")
    assert code == 2
    assert "~/.pgpass" in err
    assert "pw@" not in err
