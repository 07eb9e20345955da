"""Installed as a wheel, in a fresh virtual environment, run from a folder outside the checkout:
`new`, `build`, `check`, `report`, `simplify`, `signoff` and `serve` all work.

The slowest test (about two minutes, most of it pip unpacking the dependencies): it is the one
that proves the package carries everything it needs (templates, style sheets, word lists).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def _run(*args: str | Path, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, the installed tool's folder of commands)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy, so the build leaves nothing in the checkout
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    # the test environment has the build backend (setuptools, the `test` extra): no download
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        work,
        source,
        cwd=work,
    )
    [wheel] = work.glob("accessible_pub-*.whl")
    venv = work / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work)
    python = venv / "bin" / "python"
    # `pip install the.whl`, dependencies resolved from the configured index as a user's would be;
    # --no-compile: byte-compiling 600 MB of dependencies is most of the time and proves nothing
    _run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-compile", wheel, cwd=work)
    return wheel, venv / "bin"


def test_the_wheel_holds_the_templates_style_sheets_and_data(installed: tuple[Path, Path]):
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    package = ROOT / "src" / "accessible_pub"
    expected = [
        *package.glob("styles/*.css"),
        *package.glob("pdf/templates/*"),
        *package.glob("publish/templates/*"),
        *(p for p in package.glob("data/*") if p.is_file()),
    ]
    assert len(expected) > 12
    missing = [
        str(p.relative_to(package.parent))
        for p in expected
        if str(p.relative_to(package.parent)) not in names
    ]
    assert not missing
    assert not any(name.startswith(("tests/", "content/", "styles/")) for name in names)


def test_new_build_check_report_signoff_and_serve_from_a_folder_outside_the_checkout(
    installed: tuple[Path, Path], tmp_path: Path
):
    _, bin_dir = installed
    tool = bin_dir / "accessible-pub"
    where = _run(
        bin_dir / "python", "-c", "import accessible_pub; print(accessible_pub.__file__)", cwd=tmp_path
    )
    assert not Path(where.stdout.strip()).is_relative_to(ROOT)  # the installed copy, not the checkout

    _run(tool, "new", "myfestival", cwd=tmp_path)
    festival = tmp_path / "myfestival"
    built = _run(tool, "build", cwd=festival)
    assert "1 built, 0 up to date, 0 failed" in built.stdout
    assert "Warning" not in built.stderr and "Traceback" not in built.stderr, built.stderr
    [bundle] = [p for p in (festival / "output").iterdir() if p.is_dir()]
    manifest = json.loads((bundle / "manifest.json").read_text())
    kinds = {f["kind"] for f in manifest["files"]}
    assert {"easy-read-pdf", "large-print-pdf", "easy-read-audio", "read-along-book", "web-page"} <= kinds
    assert (festival / "output" / "index.html").is_file() and (festival / "output" / "feed.xml").is_file()

    checked = _run(tool, "check", "--format", "json", cwd=festival)
    assert json.loads(checked.stdout)["files"][0]["errors"] == 0
    assert "report.html" in _run(tool, "report", cwd=festival).stdout
    post = next((festival / "content").glob("*.md"))
    _run(tool, "simplify", post, cwd=festival)
    signed = _run(tool, "signoff", post, "--by", "Peer review group", cwd=festival)
    assert "signed off" in signed.stdout
    assert "reviewed_by: Peer review group" in next((festival / "content").glob("*.easy.md")).read_text()
    again = _run(tool, "build", cwd=festival)  # the reviewed file is picked up
    assert "1 built" in again.stdout

    with subprocess.Popen(
        [str(tool), "serve", "--port", "0"],
        cwd=festival,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as server:
        try:
            assert server.stdout is not None
            line = server.stdout.readline()  # "Serving output at http://127.0.0.1:PORT/ (Ctrl-C to stop)"
            url = line.split(" at ", 1)[1].split()[0]
            with urllib.request.urlopen(url + "index.html", timeout=30) as answer:
                assert answer.status == 200 and "Welcome to our festival" in answer.read().decode()
        finally:
            server.terminate()
