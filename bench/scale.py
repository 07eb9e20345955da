"""Benchmark: builds at festival scale (issue "Robust, fast builds").

    .venv/bin/python bench/scale.py            # 1, 10 and 50 posts (about 20 minutes)
    .venv/bin/python bench/scale.py --quick    # 1, 3 and 6 posts

Posts are made from the shipped festival post (each copy with its own title, so every post is
the same size and time per post is comparable). Cold builds run with no cache at all, so every
post pays for its own synthesis and rendering. Prints time per post,
the no-op rebuild (a whole `accessible-pub build` process), a one-sentence-edit rebuild, the
speedup of two cores over one (`taskset -c 0`), and peak memory.
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
            text = text.replace("Co-production is personal and political",
                                f"Number {i}, co-production is personal and political", 1)
        (target / name).write_text(text, encoding="utf-8")


def one_build(content: Path, output: Path, cache: str, jobs: int) -> float:
    """Run one build in a child process (so taskset and memory apply to it alone)."""
    code = (
        "import sys, time; sys.path.insert(0, %r)\n"
        "from pathlib import Path\n"
        "from accessible_pub.config import Settings\n"
        "from accessible_pub.pipeline import build\n"
        "s = Settings(content_dir=Path(%r), output_dir=Path(%r), cache_dir=%s, styles_dir=Path(%r))\n"
        "t = time.perf_counter(); r = build(s, jobs=%d)\n"
        "assert not r.failed, [o.reason for o in r.failed]\n"
        "print(time.perf_counter() - t)\n"
    ) % (str(ROOT / "src"), str(content), str(output), cache, str(ROOT / "styles"), jobs)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def cli_seconds(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run([str(ROOT / ".venv" / "bin" / "accessible-pub"), *args], cwd=cwd, check=True,
                   capture_output=True)
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
            seconds = one_build(tmp / f"content-{n}", tmp / f"out-{n}", "None", cores)
            per_post[n] = seconds / n
            print(f"{n:3d} posts, cold, no cache, {cores} jobs: {seconds:7.1f} s  ({seconds / n:5.1f} s a post)")
        spread = max(per_post.values()) / min(per_post.values()) - 1
        print(f"time per post from {sizes[0]} to {sizes[-1]} posts varies by {spread:.0%}")

        big = sizes[-1]
        project = tmp / "project"
        project.mkdir()
        (project / "accessible-pub.toml").write_text(
            f'content_dir = "{tmp / f"content-{big}"}"\noutput_dir = "{tmp / f"out-{big}"}"\n'
            f'cache_dir = "{tmp / "cache"}"\nstyles_dir = "{ROOT / "styles"}"\n')
        noop = min(cli_seconds(["build", "-q"], project) for _ in range(3))
        print(f"no-op rebuild of {big} posts (whole process): {noop:.2f} s")

        # one-sentence edit: needs a warm cache, as a real festival's second build has
        # (done on the middle-sized set: filling a cache for the largest one takes as long again)
        mid = sizes[1]
        (project / "accessible-pub.toml").write_text(
            f'content_dir = "{tmp / f"content-{mid}"}"\noutput_dir = "{tmp / f"out-{mid}"}"\n'
            f'cache_dir = "{tmp / "cache"}"\nstyles_dir = "{ROOT / "styles"}"\n')
        cli_seconds(["build", "-q", "--force"], project)
        post = sorted((tmp / f"content-{mid}").iterdir())[0]
        post.write_text(post.read_text(encoding="utf-8").replace(
            "Choice is a cornerstone", "Choice is the cornerstone", 1), encoding="utf-8")
        edit = cli_seconds(["build", "-q"], project)
        print(f"rebuild after editing one sentence of one post (of {mid}): {edit:.2f} s")

        n = sizes[1]
        two = one_build(tmp / f"content-{n}", tmp / "two-cores", "None", 2)
        if shutil.which("taskset"):
            # ONNX Runtime pins its own pool threads to every core and so escapes taskset; holding
            # the build to one core also needs its thread count held to one
            code_one = ["taskset", "-c", "0", sys.executable, __file__, "--single", str(tmp / f"content-{n}"),
                        str(tmp / "one-core")]
            done = subprocess.run(code_one, capture_output=True, text=True, check=True,
                                  env={**os.environ, "ACCESSIBLE_PUB_THREADS": "1"})
            one = float(done.stdout.strip().splitlines()[-1])
            print(f"{n} posts: 2 cores {two:.1f} s, 1 core {one:.1f} s -> speedup {one / two:.2f}x")
        else:
            print("taskset not found: no one-core comparison")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of the largest build process: {children:.0f} MB")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--single":
        print(one_build(Path(sys.argv[2]), Path(sys.argv[3]), "None", 1))
    else:
        main()
