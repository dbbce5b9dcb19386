"""A collection read as it is, without writing a byte (``Store.open_to_read``): what the
command line falls back on when the disk holding it is full."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from imperfect_trainer.cli import main
from imperfect_trainer.deck import settings_registry
from imperfect_trainer.deck.interchange.full_export import export_collection_json
from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME
from imperfect_trainer.deck.storage.instance_lock import InstanceLock
from imperfect_trainer.deck.storage.store_errors import DiskFullError
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING
from tests.support.small_disk import can_mount_a_small_disk

WAL = DATABASE_NAME + "-wal"


def _digests(folder: Path, *names: str) -> dict[str, str]:
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in names}


def _reviews_in_main_file_alone(folder: Path) -> int:
    uri = f"{(folder / DATABASE_NAME).as_uri()}?mode=ro&immutable=1"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        (count,) = connection.execute("SELECT count(*) FROM reviews").fetchone()
    return int(count)


@pytest.fixture
def answered(data_dir: Path, new_collection: Path) -> Path:
    """A closed collection holding three answers."""
    shutil.copytree(new_collection, data_dir)
    with Store.open(data_dir, now=MORNING) as store:
        for card in store.todays_practice(MORNING).cards[:3]:
            store.answer(card.id, 4, now=MORNING)
    return data_dir


@pytest.fixture
def answers_in_the_wal(tmp_path: Path, new_collection: Path) -> Path:
    """A collection as a crash leaves it: three answers committed to the WAL alone (the files
    copied while the app still had them open, so nothing was checkpointed)."""
    live = tmp_path / "live"
    shutil.copytree(new_collection, live)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    with Store.open(live, now=MORNING) as store:
        with store.file.quick_statements() as cursor:
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        for card in store.todays_practice(MORNING).cards[:3]:
            store.answer(card.id, 4, now=MORNING)
        for side in ("", "-wal", "-shm"):
            shutil.copyfile(live / (DATABASE_NAME + side), crashed / (DATABASE_NAME + side))
    return crashed


def test_answers_only_in_the_wal_are_all_read_and_exported_changing_no_byte(
    answers_in_the_wal: Path, tmp_path: Path
) -> None:
    folder = answers_in_the_wal
    assert _reviews_in_main_file_alone(folder) == 0  # the answers are in the WAL alone
    before = _digests(folder, DATABASE_NAME, WAL)
    with Store.open_to_read(folder) as store:
        assert store.stats(MORNING).reviews == 3
        counts = export_collection_json(store, tmp_path / "rescue.json", MORNING)
    assert counts["reviews"] == 3
    exported = json.loads((tmp_path / "rescue.json").read_text(encoding="utf-8"))
    assert len(exported["reviews"]) == 3
    assert _digests(folder, DATABASE_NAME, WAL) == before


def test_a_closed_collection_is_read_without_creating_or_changing_any_file(
    answered: Path,
) -> None:
    names = sorted(path.name for path in answered.iterdir())
    before = _digests(answered, DATABASE_NAME)
    with Store.open_to_read(answered) as store:
        assert store.stats(MORNING).reviews == 3
        assert store.check().healthy
    assert sorted(path.name for path in answered.iterdir()) == names  # no -wal, -shm or lock
    assert _digests(answered, DATABASE_NAME) == before


def test_a_collection_the_window_holds_is_read_as_the_window_writes_it(answered: Path) -> None:
    with (
        InstanceLock(answered),
        Store.open(answered, now=MORNING) as window,
        Store.open_to_read(answered) as rescue,
    ):
        assert rescue.stats(MORNING).reviews == 3
        card = window.todays_practice(MORNING).cards[0]
        window.answer(card.id, 5, now=MORNING)
        assert rescue.stats(MORNING).reviews == 4


def test_a_write_to_a_collection_opened_to_read_fails_saying_why(answered: Path) -> None:
    before = _digests(answered, DATABASE_NAME)
    with Store.open_to_read(answered) as store:
        with pytest.raises(DiskFullError, match="opened read-only because its disk is full"):
            store.set_setting(settings_registry.DECK_FINGERPRINT, "another deck")
        card = store.todays_practice(MORNING).cards[0]
        with pytest.raises(DiskFullError, match="opened read-only"):
            store.answer(card.id, 4, now=MORNING)
        with pytest.raises(DiskFullError, match="cannot be backed up"):
            store.backup(MORNING)
        assert store.stats(MORNING).reviews == 3
    assert _digests(answered, DATABASE_NAME) == before
    assert not (answered / "backups").exists() or not any((answered / "backups").iterdir())


def test_an_older_collection_is_refused_as_needing_room_to_update(data_dir: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from imperfect_trainer.deck.storage.collection_file import MIGRATIONS

    data_dir.mkdir()
    engine = create_engine(f"sqlite:///{data_dir / DATABASE_NAME}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    before = _digests(data_dir, DATABASE_NAME)
    with pytest.raises(DiskFullError, match=r"older version .*\(schema 0001\).*needs room"):
        Store.open_to_read(data_dir)
    assert _digests(data_dir, DATABASE_NAME) == before


# ------------------------------------------------------------------------ the command line


def _disk_full(*_args: object, **_kwargs: object) -> Store:
    raise DiskFullError(Path("collection.sqlite3"), "could not be written: the disk is full")


@pytest.mark.parametrize("command", [["stats", "--json"], ["check"], ["export", "rescue.json"]])
def test_a_reading_command_on_a_full_disk_reads_the_collection_and_says_so_once(
    answered: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    monkeypatch.setattr(Store, "open", _disk_full)
    if command[0] == "export":
        command = ["export", str(tmp_path / "rescue.json")]
    assert main(["--data-dir", str(answered), *command]) == 0
    said = capsys.readouterr()
    rescue_lines = [line for line in said.err.splitlines() if "opened read-only" in line]
    assert rescue_lines == [
        f"imperfect-trainer: the disk holding {answered / DATABASE_NAME} is full, so it was "
        "opened read-only and nothing in it was changed; free some space there to practise again"
    ]
    if command[0] == "stats":
        assert json.loads(said.out)["reviews"] == 3
    elif command[0] == "check":
        assert said.out.startswith("healthy:")
    else:
        exported = json.loads((tmp_path / "rescue.json").read_text(encoding="utf-8"))
        assert len(exported["reviews"]) == 3


@pytest.mark.parametrize("command", [["backup"], ["check", "--repair"]])
def test_a_writing_command_on_a_full_disk_still_stops_at_the_full_disk(
    answered: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    monkeypatch.setattr(Store, "open", _disk_full)
    assert main(["--data-dir", str(answered), *command]) == 2
    said = capsys.readouterr().err
    assert "the disk is full" in said
    assert "opened read-only" not in said


# ------------------------------------------------------------------------ a really full disk

# The window, practising when the disk fills: the folder's lock and two answers in the WAL.
_HOLDER = """
import datetime as dt
import sys
from pathlib import Path

from imperfect_trainer.deck import settings_registry
from imperfect_trainer.deck.storage.instance_lock import InstanceLock
from imperfect_trainer.deck.store import Store

data_dir, MORNING = Path(sys.argv[1]), dt.datetime.fromisoformat(sys.argv[2])
with InstanceLock(data_dir), Store.open(data_dir, now=MORNING) as store:
    store.file.driver().execute("PRAGMA wal_autocheckpoint=0")
    # A deck to merge: the next app to open the collection must write.
    store.set_setting(settings_registry.DECK_FINGERPRINT, "an older deck")
    for card in store.todays_practice(MORNING).cards[:2]:
        store.answer(card.id, 4, now=MORNING)
    print("holding", flush=True)
    sys.stdin.read()
"""
_FILL = "dd if=/dev/zero of=$DATA/../filler bs=4k 2>/dev/null"


def _on_a_full_disk(tmp_path: Path, collection: Path, steps: str) -> Path:
    """Run ``steps`` (sh) with ``collection`` copied to $DATA on a private tmpfs; $SNAPSHOT
    NAME copies its files to $OUT/NAME. Returns $OUT, which outlives the disk."""
    disk, out = tmp_path / "small-disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    script = f"""
        set -u
        DATA={disk}/data OUT={out}
        APP="{sys.executable} -m imperfect_trainer --data-dir $DATA"
        snapshot() {{ mkdir $OUT/$1 && cp $DATA/{DATABASE_NAME}* $OUT/$1/; }}
        mount -t tmpfs -o size=4m tmpfs {disk} || exit 90
        cp -a {collection} $DATA
        {steps}
    """
    ran = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, check=False
    )
    assert ran.returncode == 0, ran.stderr
    return out


def _unchanged(before: Path, after: Path) -> bool:
    """The collection and every answer its WAL holds are as they were. An open that failed for
    want of room may leave an empty WAL, or uncommitted bytes after its end, which no reader
    takes for answers."""
    wal_before = before / WAL
    wal_after = (after / WAL).read_bytes() if (after / WAL).exists() else b""
    return (before / DATABASE_NAME).read_bytes() == (after / DATABASE_NAME).read_bytes() and (
        wal_after.startswith(wal_before.read_bytes()) if wal_before.exists() else True
    )


def _said(out: Path, name: str) -> str:
    return (out / name).read_text(encoding="utf-8")


def _rescue_line(data_dir: Path) -> str:
    return (
        f"imperfect-trainer: the disk holding {data_dir / DATABASE_NAME} is full, so it was "
        "opened read-only and nothing in it was changed; free some space there to practise again"
    )


@pytest.mark.skipif(not can_mount_a_small_disk(), reason="needs a user namespace to mount")
def test_on_a_really_full_disk_stats_and_a_rescue_export_work_and_change_nothing(
    answered: Path, tmp_path: Path
) -> None:
    out = _on_a_full_disk(
        tmp_path,
        answered,
        f"""
        {_FILL}
        snapshot before
        $APP stats --json > $OUT/stats 2> $OUT/stats-said
        $APP export $OUT/rescue.json > /dev/null 2> $OUT/export-said
        snapshot after
        """,
    )
    assert json.loads(_said(out, "stats"))["reviews"] == 3
    assert len(json.loads(_said(out, "rescue.json"))["reviews"]) == 3
    rescue_line = _rescue_line(tmp_path / "small-disk" / "data")
    assert _said(out, "stats-said").splitlines() == [rescue_line]
    assert _said(out, "export-said").splitlines() == [rescue_line]
    assert _unchanged(out / "before", out / "after")


@pytest.mark.skipif(not can_mount_a_small_disk(), reason="needs a user namespace to mount")
def test_on_a_really_full_disk_the_answers_an_open_window_left_in_the_wal_are_exported(
    answered: Path, tmp_path: Path
) -> None:
    holder = tmp_path / "holder.py"
    holder.write_text(_HOLDER, encoding="utf-8")
    out = _on_a_full_disk(
        tmp_path,
        answered,
        f"""
        mkfifo $OUT/../hold $OUT/../held
        {sys.executable} {holder} $DATA {MORNING.isoformat()} < $OUT/../hold > $OUT/../held &
        exec 3> $OUT/../hold
        read ready < $OUT/../held
        {_FILL}
        snapshot before
        $APP export $OUT/rescue.json > /dev/null 2> $OUT/export-said
        snapshot after
        exec 3>&-
        wait
        """,
    )
    assert (out / "before" / WAL).stat().st_size > 0  # the window's answers are in the WAL
    assert _said(out, "export-said").splitlines() == [
        _rescue_line(tmp_path / "small-disk" / "data")
    ]
    assert len(json.loads(_said(out, "rescue.json"))["reviews"]) == 5
    assert _unchanged(out / "before", out / "after")


@pytest.mark.skipif(not can_mount_a_small_disk(), reason="needs a user namespace to mount")
def test_on_a_really_full_disk_a_wal_that_needs_room_to_read_is_refused_saying_so(
    answers_in_the_wal: Path, tmp_path: Path
) -> None:
    (answers_in_the_wal / (DATABASE_NAME + "-shm")).unlink()
    out = _on_a_full_disk(
        tmp_path,
        answers_in_the_wal,
        f"""
        {_FILL}
        snapshot before
        $APP export $OUT/rescue.json > /dev/null 2> $OUT/export-said
        echo $? > $OUT/code
        snapshot after
        """,
    )
    assert _said(out, "code").strip() == "2"
    assert not (out / "rescue.json").exists()
    assert _said(out, "export-said").splitlines() == [
        f"imperfect-trainer: {tmp_path}/small-disk/data/{DATABASE_NAME}: cannot be read: its "
        f"latest answers are still in {WAL}, which SQLite reads only with a little room on the "
        f"disk (for {DATABASE_NAME}-shm), and the disk is full; free some space on that disk, "
        "then try again; nothing was changed"
    ]
    assert _unchanged(out / "before", out / "after")
