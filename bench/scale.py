"""Benchmark: builds at festival scale (issue "Robust, fast builds").

    .venv/bin/python bench/scale.py            # 1, 10 and 50 posts (about 20 minutes)
    .venv/bin/python bench/scale.py --quick    # 1, 3 and 6 posts

Posts are made from the shipped festival post (each copy with its own title, so every post is
the same size and time per post is comparable). Cold builds run with no cache at all, so every
post pays for its own synthesis and rendering. Prints time per post,
the no-op rebuild (a whole `accessible-pub build` process), a one-sentence-edit rebuild, the
speedup of two cores over one (`taskset -c 0` and `--jobs 1`), and the peak memory of each
cold build (the whole build: every process it runs).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from accessible_pub.content import discover  # noqa: E402


def make_posts(target: Path, count: int) -> None:
    target.mkdir(parents=True)
    shipped = [p for p in discover(ROOT / "content") if p.suffix == ".txt"]
    for i in range(count):
        source = shipped[i % len(shipped)]
        text = source.read_text(encoding="utf-8")
        name = f"post-{i:03d}-{source.name}"
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
        (target / name).write_text(text, encoding="utf-8")


def one_build(content: Path, output: Path, jobs: int, *, one_core: bool = False) -> tuple[float, float]:
    """Run one cold build (no cache) in a child process; returns (seconds, peak memory in MB).

    Peak memory is the build's whole footprint: the child's resident memory plus any process
    it starts, sampled every 20 ms (and never less than the kernel's own high-water mark)."""
    command = [sys.executable, __file__, "--child", str(content), str(output), str(jobs)]
    if one_core:
        command = ["taskset", "-c", "0", *command]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    seconds, peak = done.stdout.strip().splitlines()[-1].split()
    return float(seconds), float(peak)


def _tree_rss_kb(root: int) -> int:
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            if int(pid) == root or parent == root:
                with open(f"/proc/{pid}/status") as status:
                    total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
        except (OSError, StopIteration, ValueError):
            continue
    return total


def _child(content: Path, output: Path, jobs: int) -> None:
    import threading

    # The build as `run.sh build` installs it: without SciPy, which only the tests need. The
    # venv the tests share has it, and nltk (under textstat) imports scipy.stats whenever it
    # can: 65 MB that no real build carries (tests/test_robust.py builds without it too).
    sys.modules["scipy"] = None  # type: ignore[assignment]
    sys.path.insert(0, str(ROOT / "src"))
    from accessible_pub.config import Settings
    from accessible_pub.pipeline import build

    peak = [0]

    def watch() -> None:
        while True:
            peak[0] = max(peak[0], _tree_rss_kb(os.getpid()))
            time.sleep(0.02)

    threading.Thread(target=watch, daemon=True).start()
    settings = Settings(content_dir=content, output_dir=output, cache_dir=None, styles_dir=ROOT / "styles")
    started = time.perf_counter()
    report = build(settings, jobs=jobs)
    assert not report.failed, [o.reason for o in report.failed]
    seconds = time.perf_counter() - started
    high_water = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(seconds, max(peak[0], high_water) / 1024)


def cli_seconds(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "accessible-pub"), *args], cwd=cwd, check=True, capture_output=True
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    sizes = (1, 3, 6) if parser.parse_args().quick else (1, 10, 50)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        per_post = {}
        for n in sizes:
            make_posts(tmp / f"content-{n}", n)
            seconds, peak = one_build(tmp / f"content-{n}", tmp / f"out-{n}", cores)
            per_post[n] = seconds / n
            print(
                f"{n:3d} posts, cold, no cache, {cores} jobs: {seconds:7.1f} s  ({seconds / n:5.1f} s a post)"
                f"  peak memory {peak:5.0f} MB"
            )
        spread = max(per_post.values()) / min(per_post.values()) - 1
        print(
            f"time per post from {sizes[0]} to {sizes[-1]} posts varies by {spread:.0%} "
            "(slowest over fastest)"
        )

        big = sizes[-1]
        project = tmp / "project"
        project.mkdir()
        (project / "accessible-pub.toml").write_text(
            f'content_dir = "{tmp / f"content-{big}"}"\noutput_dir = "{tmp / f"out-{big}"}"\n'
            f'cache_dir = "{tmp / "cache"}"\nstyles_dir = "{ROOT / "styles"}"\n'
        )
        noop = min(cli_seconds(["build", "-q"], project) for _ in range(3))
        print(f"no-op rebuild of {big} posts (whole process): {noop:.2f} s")

        # one-sentence edit: needs a warm cache, as a real festival's second build has
        # (done on the middle-sized set: filling a cache for the largest one takes as long again)
        mid = sizes[1]
        (project / "accessible-pub.toml").write_text(
            f'content_dir = "{tmp / f"content-{mid}"}"\noutput_dir = "{tmp / f"out-{mid}"}"\n'
            f'cache_dir = "{tmp / "cache"}"\nstyles_dir = "{ROOT / "styles"}"\n'
        )
        cli_seconds(["build", "-q", "--force"], project)
        post = sorted((tmp / f"content-{mid}").iterdir())[0]
        post.write_text(
            post.read_text(encoding="utf-8").replace(
                "Choice is a cornerstone", "Choice is the cornerstone", 1
            ),
            encoding="utf-8",
        )
        edit = cli_seconds(["build", "-q"], project)
        print(f"rebuild after editing one sentence of one post (of {mid}): {edit:.2f} s")

        n = sizes[1]
        two, _ = one_build(tmp / f"content-{n}", tmp / "two-cores", 2)
        if shutil.which("taskset"):
            # --jobs 1 and taskset: one thread speaks, and ONNX runs each sentence on one core
            one, _ = one_build(tmp / f"content-{n}", tmp / "one-core", 1, one_core=True)
            print(f"{n} posts: 2 cores {two:.1f} s, 1 core {one:.1f} s -> speedup {one / two:.2f}x")
        else:
            print("taskset not found: no one-core comparison")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        _child(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
