"""What the wheel ships: every package of the app and its translations, and not the benchmark."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch

from tests.support.paths import PACKAGE, REPO, RESOURCES

BENCH = "imperfect_trainer.bench"


def _listed_packages() -> set[str]:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    return set(pyproject["tool"]["setuptools"]["packages"])


def _package_folders() -> set[str]:
    return {
        ".".join(init.parent.relative_to(PACKAGE.parent).parts)
        for init in PACKAGE.rglob("__init__.py")
    }


def test_the_wheel_ships_every_package_of_the_app() -> None:
    app = {name for name in _package_folders() if not name.startswith(BENCH)}

    assert app - _listed_packages() == set()
    assert {"imperfect_trainer.cli", "imperfect_trainer.ui"} <= app


def test_the_wheel_leaves_the_benchmark_out() -> None:
    assert BENCH in _package_folders()
    assert {name for name in _listed_packages() if name.startswith(BENCH)} == set()


def test_the_wheel_ships_every_compiled_translation() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["imperfect_trainer.resources"]
    catalogues = [path.relative_to(RESOURCES).as_posix() for path in RESOURCES.rglob("*.mo")]

    assert catalogues
    assert [path for path in catalogues if not any(fnmatch(path, p) for p in patterns)] == []
