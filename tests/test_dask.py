"""`build --executor dask://HOST:PORT` on a real Dask cluster (distributed.LocalCluster, two worker
processes): the same bundles byte for byte as a local build, a worker killed mid-build, and a
scheduler that is not there. The cluster tests speak with eSpeak NG, whose voice (unlike Piper's)
gives the same samples every time, so two builds with separate caches can be compared byte for byte.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import signal
import socket
import threading
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from accessible_pub.cli import main
from accessible_pub.config import ConfigError, source_date
from accessible_pub.pipeline import build
from accessible_pub.publish.zips import add_to_zip

from conftest import make_settings

EPOCH = "1467331200"  # 2016-07-01 00:00:00 UTC

POSTS = {
    "cafe-open.md": (
        "---\ntitle: The cafe is open\ndate: 2016-07-04\nauthor: Festival Team\n---\n\n"
        "Our peer support cafe is open on Wednesday afternoon. Everyone is welcome.\n\n"
        "## Where\n\nWe meet in the Light Room at the library. There is tea and cake.\n"
    ),
    "garden-day.md": (
        "---\ntitle: A day in the garden\ndate: 2016-07-11\nauthor: Sam\n---\n\n"
        "The garden group meets every Monday. We grow beans and talk about our week.\n\n"
        "It helps me to be outside with other people.\n"
    ),
}
SLUGS = sorted(["the-cafe-is-open", "a-day-in-the-garden"])
REPORT_FILES = {"build.json", "report.html"}


def _content(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in POSTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- fast: the executor flag and the reproducible date ----------------------------------------


def test_a_scheduler_that_is_not_there_is_one_line_and_a_failed_exit(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = _content(tmp_path / "content")
    address = f"dask://127.0.0.1:{_free_port()}"  # nothing listens there
    started = time.monotonic()
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--content",
            str(content),
            "--output",
            str(tmp_path / "out"),
            "--executor",
            address,
        ],
    )
    took = time.monotonic() - started
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and address in lines[0], result.output
    assert "Traceback" not in result.output and "dask scheduler" in lines[0]
    assert took < 20, f"took {took:.1f} s to give up"
    assert not list((tmp_path / "out").glob("*/manifest.json")), "nothing was built"


def test_a_mistyped_executor_is_refused_before_anything_is_built(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = _content(tmp_path / "content")
    result = CliRunner().invoke(
        main,
        ["build", "--content", str(content), "--output", str(tmp_path / "out"), "--executor", "dask"],
    )
    assert result.exit_code == 2
    assert "use 'local' or 'dask://HOST:PORT'" in result.output and "Traceback" not in result.output


def test_source_date_epoch_dates_zip_entries_and_a_bad_one_is_refused(monkeypatch):
    def entry_time() -> tuple[int, ...]:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            add_to_zip(archive, "a.txt", "words", compress=True)
        return zipfile.ZipFile(out).infolist()[0].date_time

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_date() is None
    assert entry_time() == (2016, 1, 1, 0, 0, 0)  # unset: the fixed date it always had
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1467376245")  # 2016-07-01 12:30:45 UTC
    assert source_date() == dt.datetime(2016, 7, 1, 12, 30, 45, tzinfo=dt.timezone.utc)
    assert entry_time() == (2016, 7, 1, 12, 30, 44)  # zip times count in steps of two seconds
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert entry_time() == (1980, 1, 1, 0, 0, 0)  # zip dates start in 1980
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH='yesterday' is not a whole number"):
        source_date()


# ---- slow: a real cluster ------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: never a clash with another cluster
        silence_logs=logging.CRITICAL,
    ) as running:
        yield running


def _address(cluster: LocalCluster) -> str:
    return cluster.scheduler_address.replace("tcp://", "dask://")


@pytest.mark.slow
def test_a_cluster_build_is_byte_for_byte_a_local_build(tmp_path: Path, monkeypatch, cluster):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    content = _content(tmp_path / "content")
    trees = {}
    for executor in ("local", _address(cluster)):
        name = "local" if executor == "local" else "dask"
        # separate caches: every sentence is spoken and every PDF rendered again on the workers
        settings = make_settings(
            content, tmp_path / f"out-{name}", tmp_path / f"cache-{name}", audio__engine="espeak"
        )
        report = build(settings, executor=executor)
        assert not report.failed, [o.reason for o in report.failed]
        assert sorted(o.slug for o in report.built) == SLUGS
        # the build report is the record of one build (how long it took): every other file is compared
        trees[name] = {k: v for k, v in _tree(settings.output_dir).items() if k not in REPORT_FILES}
    assert sorted(trees["dask"]) == sorted(trees["local"])
    different = [name for name in trees["local"] if trees["local"][name] != trees["dask"][name]]
    assert different == []
    assert any(name.endswith("-easy-read.mp3") for name in trees["local"])
    book = zipfile.ZipFile(io.BytesIO(trees["local"][f"{SLUGS[0]}/{SLUGS[0]}-easy-read.epub"]))
    assert {i.date_time for i in book.infolist()} == {(2016, 7, 1, 0, 0, 0)}  # SOURCE_DATE_EPOCH
    assert b"2016-07-01T00:00:00Z" in book.read("EPUB/package.opf")


@pytest.mark.slow
def test_a_worker_killed_mid_build_loses_no_bundle(tmp_path: Path, cluster):
    content = _content(tmp_path / "content")
    settings = make_settings(content, tmp_path / "out", tmp_path / "cache", audio__engine="espeak")
    killed: list[str] = []
    building = threading.Event()

    def kill_a_busy_worker() -> None:
        with Client(cluster.scheduler_address, set_as_default=False) as watcher:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not killed and building.is_set():
                for worker, keys in watcher.processing().items():
                    if any(str(k).startswith("accessible-pub-") for k in keys):
                        pid = watcher.run(os.getpid, workers=[worker])[worker]
                        os.kill(pid, signal.SIGKILL)  # the worker process dies holding the post
                        killed.append(worker)
                        break
                time.sleep(0.05)

    building.set()
    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    try:
        report = build(settings, executor=_address(cluster))
    finally:
        building.clear()
        killer.join()
    assert killed, "no worker was busy with a post to kill"
    assert not report.failed, [o.reason for o in report.failed]
    assert sorted(o.slug for o in report.built) == SLUGS
    for slug in SLUGS:  # whole bundles: every file the manifest lists is there, with its size
        manifest = json.loads((settings.output_dir / slug / "manifest.json").read_text())
        for entry in manifest["files"]:
            assert (settings.output_dir / slug / entry["path"]).stat().st_size == entry["bytes"]
