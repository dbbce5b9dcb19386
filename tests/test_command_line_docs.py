"""The man page and the bash completion a packager installs: written from the command line's
own parser, so they never describe commands that are gone or miss new ones."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from types import ModuleType

import pytest

from tests.support.paths import REPO


@pytest.fixture(scope="module")
def docs() -> Iterator[ModuleType]:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import command_line_docs

        yield command_line_docs
    finally:
        sys.path.remove(str(REPO / "scripts"))


def test_the_man_page_and_completion_are_up_to_date(docs: ModuleType) -> None:
    rewrite = "run scripts/command_line_docs.py after changing the command line"

    assert docs.MAN_PAGE.read_text("utf-8") == docs.man_page(), rewrite
    assert docs.COMPLETION.read_text("utf-8") == docs.completion(), rewrite


def test_the_man_page_names_every_command(docs: ModuleType) -> None:
    page = docs.MAN_PAGE.read_text("utf-8")

    for command in ("check", "backup", "restore", "import", "export", "report", "server"):
        assert f".B imperfect\\-trainer {command}" in page


@pytest.mark.skipif(shutil.which("groff") is None, reason="apt-get install groff-base")
def test_the_man_page_renders_without_a_warning(docs: ModuleType) -> None:
    done = subprocess.run(
        ["groff", "-man", "-ww", "-z", str(docs.MAN_PAGE)],
        capture_output=True,
        text=True,
        check=False,
        env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"},
    )

    assert (done.returncode, done.stderr) == (0, "")


def complete(docs: ModuleType, *words: str) -> list[str]:
    script = (
        f"source {docs.COMPLETION}; COMP_WORDS=(imperfect-trainer {' '.join(words)}); "
        "COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _imperfect_trainer; "
        "printf '%s\\n' \"${COMPREPLY[@]}\""
    )
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    return done.stdout.split()


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash completion needs bash")
@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (("ex",), ["export"]),
        (("--data-dir", "/tmp", "ch"), ["check"]),
        (("export", "--r"), ["--reviews"]),
        (("server", "add-"), ["add-trainee", "add-supervisor"]),
        (("export", "LICEN"), ["LICENSE"]),
    ],
)
def test_bash_completes_commands_options_and_files(
    docs: ModuleType, words: tuple[str, ...], offered: list[str]
) -> None:
    assert complete(docs, *words) == offered
