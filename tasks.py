#!/usr/bin/env python3
"""Set-up commands that need nothing but Python 3.11: ``python3 tasks.py run|test|i18n``.

``run``  creates ``.venv``, installs Claimwacht, compiles the catalogs and starts the bot.
``test`` does the same with the test extra, then runs ruff, the catalog check and every test
(``domain/`` under coverage, which must stay at or above 95 % of branches). Extra arguments
after ``test`` go to pytest; with pytest-xdist's ``-n`` the tests run without coverage.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
DOMAIN_COVERAGE_MIN = "95"


def _run(*args: str | Path) -> None:
    completed = subprocess.run([str(arg) for arg in args], cwd=ROOT, check=False)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def _install(extra: str) -> None:
    if not PYTHON.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    target = f".[{extra}]" if extra else "."
    # Reinstall only when the project definition changed (a stamp per extra).
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = VENV / f".installed-{extra or 'base'}"
    if not stamp.exists() or stamp.read_text() != digest:
        _run(PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target)
        stamp.write_text(digest)
    _run(PYTHON, "-m", "bot.catalogs", "compile")


def run() -> None:
    _install("")
    os.execv(PYTHON, [str(PYTHON), "-m", "bot"])


def test(pytest_args: list[str]) -> None:
    _install("test")
    _run(PYTHON, "-m", "ruff", "check", ".")
    _run(PYTHON, "-m", "bot.catalogs", "check")
    if _parallel(pytest_args):
        # Coverage does not follow pytest-xdist's worker processes (and following every
        # subprocess would also measure the bots the process tests start); the serial run,
        # which CI makes, checks coverage.
        print("pytest-xdist run: domain coverage is checked by the serial run", flush=True)
        _run(PYTHON, "-m", "pytest", *pytest_args)
        return
    _run(PYTHON, "-m", "coverage", "erase")
    _run(PYTHON, "-m", "coverage", "run", "-m", "pytest", *pytest_args)
    _run(PYTHON, "-m", "coverage", "report", f"--fail-under={DOMAIN_COVERAGE_MIN}")


def _parallel(pytest_args: list[str]) -> bool:
    """Whether pytest-xdist is asked to spread the tests (``-n 2``, ``-nauto``, ...)."""
    return any(
        arg == "-n" or (arg.startswith("-n") and arg[2:3].isalnum())
        or arg.startswith("--numprocesses")
        for arg in pytest_args
    )


def main(argv: list[str]) -> None:
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    if command == "run":
        run()
    elif command == "test":
        test(rest)
    elif command == "i18n":
        _install("test")
        _run(PYTHON, "-m", "bot.catalogs", "update")
        _run(PYTHON, "-m", "bot.catalogs", "compile")
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
