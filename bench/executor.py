"""Benchmark: the same cold build on this computer's threads and on a Dask LocalCluster.

    .venv/bin/python bench/executor.py             # 10 posts (about 15 minutes on 2 cores)
    .venv/bin/python bench/executor.py --posts 3   # a quicker look

Posts are copies of the three shipped ones, each with its own title (so its own slug). Each
build runs cold (no cache) in a child process, with the default voice (Piper). `local` is
`--executor local --jobs <cores>`; `dask` starts a LocalCluster of <cores> worker processes with
one thread each, then builds with `--executor dask://...`. Prints wall time, CPU time (every
process of the build: for `dask` the scheduler, nannies and workers too) and peak memory (the
resident memory of the whole process tree, sampled every 20 ms). Both builds use the same
SOURCE_DATE_EPOCH; the table says how many files of the two output folders differ (Piper's
voice varies a little from one synthesis to the next, so the MP3s and what holds them do).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

EPOCH = "1467331200"  # 2016-07-01


def make_posts(target: Path, count: int) -> None:
    from accessible_pub.content import discover

    target.mkdir(parents=True)
    shipped = discover(ROOT / "content")
    for i in range(count):
        source = shipped[i % len(shipped)]
        text = source.read_text(encoding="utf-8")
        if source.suffix == ".md":
            text = text.replace("title: ", f"title: Number {i}, ", 1)
        elif source.suffix == ".html":
            text = text.replace("<h1>", f"<h1>Number {i}, ", 1)
        else:  # the scraped festival post: its title is the line after the date
            text = text.replace(
                "Co-production is personal and political",
                f"Number {i}, co-production is personal and political",
                1,
            )
        (target / f"post-{i:03d}-{source.name}").write_text(text, encoding="utf-8")
    (target / "pronunciations.toml").write_bytes((ROOT / "content" / "pronunciations.toml").read_bytes())


def _descendants_rss_kb(root: int) -> int:
    """Resident memory of `root` and every process below it (LocalCluster: nannies and workers)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                parents[int(pid)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{pid}/status") as status:
                rss[int(pid)] = next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
        except (OSError, StopIteration, ValueError):
            continue

    def below(pid: int) -> bool:
        while pid > 1:
            if pid == root:
                return True
            pid = parents.get(pid, 0)
        return False

    return sum(kb for pid, kb in rss.items() if below(pid))


def _child(content: Path, output: Path, executor: str, cores: int) -> None:
    import threading

    sys.modules["scipy"] = None  # type: ignore[assignment]  # (as bench/scale.py: no real build has it)
    from accessible_pub.config import Settings
    from accessible_pub.pipeline import build

    peak = [0]

    def watch() -> None:
        while True:
            peak[0] = max(peak[0], _descendants_rss_kb(os.getpid()))
            time.sleep(0.02)

    threading.Thread(target=watch, daemon=True).start()
    settings = Settings(content_dir=content, output_dir=output, cache_dir=None, styles_dir=ROOT / "styles")
    cluster = None
    if executor == "dask":
        import logging

        from distributed import LocalCluster

        cluster = LocalCluster(
            n_workers=cores,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: never a clash with another cluster
            silence_logs=logging.CRITICAL,
        )
        executor = cluster.scheduler_address.replace("tcp://", "dask://")
    started = time.perf_counter()
    report = build(settings, jobs=cores, executor=executor)
    seconds = time.perf_counter() - started
    assert not report.failed, [o.reason for o in report.failed]
    if cluster is not None:
        cluster.close()
    print(seconds, peak[0] / 1024)


def one_build(content: Path, output: Path, executor: str, cores: int) -> tuple[float, float, float]:
    """(wall seconds of the build, CPU seconds of every process, peak memory in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(content), str(output), executor, str(cores)],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    if done.returncode:
        raise SystemExit(f"the {executor} build failed:\n{done.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    seconds, peak = done.stdout.strip().splitlines()[-1].split()
    return float(seconds), cpu, float(peak)


def _differing(a: Path, b: Path) -> int:
    files = {p.relative_to(a) for p in a.rglob("*") if p.is_file()} | {
        p.relative_to(b) for p in b.rglob("*") if p.is_file()
    }
    return sum(
        1
        for f in files
        if not f.name.startswith("build")
        and (not (a / f).is_file() or not (b / f).is_file() or (a / f).read_bytes() != (b / f).read_bytes())
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10)
    count = parser.parse_args().posts
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        make_posts(tmp / "content", count)
        rows = []
        for executor in ("local", "dask"):
            seconds, cpu, peak = one_build(tmp / "content", tmp / f"out-{executor}", executor, cores)
            rows.append((executor, seconds, cpu, peak))
        print(f"{count} posts, cold (no cache), Piper, {cores} cores")
        print(f"{'executor':<34} {'wall s':>8} {'s a post':>9} {'CPU s':>8} {'peak MB':>8}")
        labels = {"local": f"local ({cores} threads)", "dask": f"dask LocalCluster ({cores}x1 thread)"}
        for executor, seconds, cpu, peak in rows:
            print(f"{labels[executor]:<34} {seconds:8.1f} {seconds / count:9.1f} {cpu:8.1f} {peak:8.0f}")
        differing = _differing(tmp / "out-local", tmp / "out-dask")
        print(f"files differing between the two output folders: {differing}")


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        _child(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4], int(sys.argv[5]))
    else:
        main()
