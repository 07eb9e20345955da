"""The habits CI holds the code to: ruff's lint rules, ruff's formatting and mypy over `src/`.

They run from the test environment (`ruff` and `mypy` are in the `test` extra), so CI checks
exactly what a developer's `bash scripts/run.sh test` checks.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )


def test_ruff_finds_nothing_to_fix() -> None:
    done = _run("ruff", "check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_code_is_formatted_as_ruff_formats_it() -> None:
    done = _run("ruff", "format", "--check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow  # about 20 s from a cold cache: the types of NumPy, pikepdf, bs4 and rich are read
def test_mypy_finds_no_type_errors() -> None:
    done = _run("mypy", "src")
    assert done.returncode == 0, done.stdout + done.stderr


def test_lines_are_at_most_110_characters() -> None:
    """E501 is selected in pyproject.toml, so a long line fails `ruff check` (checked here, not assumed)."""
    long_line = "x = " + repr("a" * 120) + "\n"
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--stdin-filename", "src/long.py", "-"],
        cwd=ROOT,
        input=long_line,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1 and "E501" in done.stdout, done.stdout + done.stderr
