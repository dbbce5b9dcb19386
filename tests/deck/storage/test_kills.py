"""The safety nets under real faults: the command is killed (SIGKILL) at each of its writes,
renames and flushes in turn, or its writes fail, through ``strace -e inject``; afterwards the
collection opens and holds everything it held, or everything the finished command promised.

Slow (a process per step) and Linux-only: marked ``faults``; ./run-tests installs strace.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from imperfect_trainer.deck.storage.backups import list_backups
from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME, verify_collection
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING
from tests.support.small_disk import can_mount_a_small_disk

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(
        shutil.which("strace") is None, reason="needs strace (./run-tests installs it)"
    ),
]

# Every call through which a command changes what is on disk, or makes it durable.
STEPS = "rename,renameat,renameat2,link,linkat,unlink,unlinkat,fsync,fdatasync,ftruncate"
LATER = MORNING + dt.timedelta(minutes=5)


def _run(data_dir: Path, *command: str, inject: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            "strace", "-f", "-qq", "-o", os.devnull, "-e", f"inject={inject}",
            sys.executable, "-m", "imperfect_trainer", "--data-dir", str(data_dir), *command,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip


def _answers(data_dir: Path) -> int:
    with Store.open(data_dir, now=LATER) as store:
        return store.stats(LATER).reviews


def _kept_copy_answers(data_dir: Path, scratch: Path) -> int:
    """Answers in the copy a restore kept aside (opened from a copy, so it stays untouched)."""
    (kept,) = [
        p for p in data_dir.iterdir() if ".before-restore-" in p.name and "-wal" not in p.name
    ]
    scratch.mkdir()
    shutil.copyfile(kept, scratch / DATABASE_NAME)
    wal = kept.with_name(kept.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, scratch / (DATABASE_NAME + "-wal"))
    return _answers(scratch)


@pytest.fixture
def lived_in(tmp_path: Path) -> tuple[Path, Path]:
    """A collection with two answers, a backup holding the first, and a pristine copy of both."""
    template = tmp_path / "template"
    with Store.open(template, now=MORNING) as store:
        cards = store.todays_practice(MORNING).cards
        store.answer(cards[0].id, 5, now=MORNING)
        backup = store.backup(MORNING)
        store.answer(cards[1].id, 4, now=MORNING)
    return template, backup.relative_to(template)


def test_a_restore_killed_at_any_step_loses_nothing(
    lived_in: tuple[Path, Path], tmp_path: Path
) -> None:
    template, backup = lived_in
    step = 0
    outcomes = set()
    while True:
        step += 1
        data_dir = tmp_path / f"run-{step}"
        shutil.copytree(template, data_dir)
        ran = _run(
            data_dir,
            "restore",
            str(data_dir / backup),
            inject=f"{STEPS}:signal=SIGKILL:when={step}",
        )
        answers = _answers(data_dir)
        if answers == 2:
            outcomes.add("as it was")
        else:
            assert answers == 1, f"killed at step {step}: {answers} answers"
            assert _kept_copy_answers(data_dir, tmp_path / f"kept-{step}") == 2
            outcomes.add("restored, the old one kept")
        if ran.returncode == 0:
            break
        assert step < 200, "the restore never finished"
    assert outcomes == {"as it was", "restored, the old one kept"}
    assert step > 10  # it really was cut at many points


def test_a_backup_killed_at_any_step_leaves_the_collection_and_only_whole_backups(
    lived_in: tuple[Path, Path], tmp_path: Path
) -> None:
    template, _ = lived_in
    step = 0
    while True:
        step += 1
        data_dir = tmp_path / f"run-{step}"
        shutil.copytree(template, data_dir)
        ran = _run(data_dir, "backup", inject=f"{STEPS}:signal=SIGKILL:when={step}")
        assert _answers(data_dir) == 2
        for backup in list_backups(data_dir):
            verify_collection(backup.path)  # anything listed as a backup is whole
        if ran.returncode == 0:
            break
        assert step < 200, "the backup never finished"
    assert len(list_backups(data_dir)) == 2


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        # Injected, a write's ENOSPC reaches SQLite on a disk with room; it calls it an I/O
        # error (the really full disk is the test below).
        ("pwrite64,write:error=ENOSPC:when=3+", "could not be written"),
        ("fsync,fdatasync:error=EIO", "could not be written"),
    ],
)
def test_a_restore_on_a_failing_disk_says_so_and_changes_nothing(
    lived_in: tuple[Path, Path], tmp_path: Path, fault: str, said: str
) -> None:
    template, backup = lived_in
    data_dir = tmp_path / "data"
    shutil.copytree(template, data_dir)
    ran = _run(data_dir, "restore", str(data_dir / backup), inject=fault)
    assert ran.returncode != 0
    assert said in ran.stderr
    assert "Traceback" not in ran.stderr
    leftovers = [p.name for p in data_dir.iterdir() if DATABASE_NAME + "." in p.name]
    assert leftovers == []  # no partial, no copy aside, no restore pending
    assert _answers(data_dir) == 2


@pytest.mark.skipif(not can_mount_a_small_disk(), reason="needs a user namespace to mount")
@pytest.mark.parametrize("command", ["restore", "backup", "import"])
def test_a_really_full_disk_is_named_and_changes_nothing(
    lived_in: tuple[Path, Path], tmp_path: Path, command: str
) -> None:
    template, backup = lived_in
    disk = tmp_path / "small-disk"
    disk.mkdir()
    cards = tmp_path / "cards.csv"
    cards.write_text(
        "front,back,kind\n"
        + "".join(f"Card {n} {'x' * 450},{'y' * 450},fact\n" for n in range(400)),
        encoding="utf-8",
    )
    arguments = {"restore": f"restore {disk}/data/{backup}", "import": f"import {cards}"}
    # A private tmpfs in a mount namespace, filled to within ~150 KB: room to open the
    # collection, none for a copy of it.
    script = f"""
        mount -t tmpfs -o size=4m tmpfs {disk} || exit 90
        cp -a {template} {disk}/data
        dd if=/dev/zero of={disk}/filler bs=4k 2>/dev/null
        truncate -s -150K {disk}/filler
        {sys.executable} -m imperfect_trainer --data-dir {disk}/data \
            {arguments.get(command, command)} 2> {tmp_path}/said.txt
        echo $? > {tmp_path}/code.txt
        rm {disk}/filler
        {sys.executable} -m imperfect_trainer --data-dir {disk}/data stats --json
    """
    ran = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, check=False
    )
    said = (tmp_path / "said.txt").read_text()
    assert (tmp_path / "code.txt").read_text().strip() != "0"
    assert "disk is full" in said
    assert "Traceback" not in said
    assert '"reviews": 2' in ran.stdout
    assert '"cards": ' in ran.stdout
