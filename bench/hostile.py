"""Benchmark: unbounded posts (issue 20 item 7). Time and peak memory of a 1 MB one-line post
and a 1 MB post without punctuation, each in its own process:

- with the default limits: the post is refused (how fast, how much memory, the message);
- with the limits lifted: every text stage (after a warm-up post: the word lists load once) a build
  runs (load, easy read, both speech scripts, the easy-read check, the original's scores; not the
  audio or PDFs), at 0.25, 0.5 and 1 MB,
  with the CPU seconds per MB (flat = linear, whatever the punctuation; the wall-clock time
  also counts whatever else the machine is doing).

    .venv/bin/python bench/hostile.py [--sizes 0.25,0.5,1]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

FESTIVAL_POST = ROOT / "content" / "2016-06-21-co-production-is-personal-and-political.txt"


def _post_text(kind: str, size: int) -> str:
    """The festival post's sentences on one line, repeated to `size` bytes (no punctuation at
    all for "unpunctuated")."""
    body = " ".join(FESTIVAL_POST.read_text(encoding="utf-8").split("\n", 3)[-1].split())
    if kind == "unpunctuated":
        body = re.sub(r"[^\w\s]", "", body)
    head = "---\ntitle: A very long post\n---\n"
    line = (body + " ") * (size // len(body) + 1)
    return head + line[: size - len(head)].rsplit(" ", 1)[0] + "\n"


def _text_stages(path: Path, limits: object) -> str:
    from accessible_pub.audio import easy_read_script, post_script
    from accessible_pub.plan import original_sentences
    from accessible_pub.readability.gate import check_easy_read_text
    from accessible_pub.config import CheckSettings
    from accessible_pub.content import load_posts
    from accessible_pub.easyread import make_easy_read, to_markdown
    from accessible_pub.readability import score

    (post,) = load_posts(path, limits=limits)  # type: ignore[arg-type]
    easy = make_easy_read(post)
    lines = len(post_script(post)) + len(easy_read_script(easy))
    checked, _ = check_easy_read_text(to_markdown(easy, slug=post.slug), CheckSettings())
    score(original_sentences(post))
    return f"built the text: {len(easy.sentences):,} easy-read sentences, {lines:,} spoken lines"


def one(kind: str, megabytes: float, lifted: bool) -> dict[str, object]:
    """Run in a child process: one post, one measurement."""
    from accessible_pub.config import LimitSettings
    from accessible_pub.errors import PostError

    limits = LimitSettings()
    if lifted:
        limits = dataclasses.replace(limits, max_post_kb=10**6, max_words=10**9, max_sentence_words=10**9)
    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder) / "warm.md"  # word lists and dictionaries load once, as in a build
        warm.write_text("---\ntitle: Warm\n---\nWe meet in the garden. Everyone is welcome.\n")
        _text_stages(warm, limits)
        path = Path(folder) / f"{kind}.md"
        path.write_text(_post_text(kind, int(megabytes * 1_000_000)), encoding="utf-8")
        started, cpu = time.perf_counter(), time.process_time()
        try:
            outcome = _text_stages(path, limits)
        except PostError as exc:
            outcome = f"refused: {exc.reason}"
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb, "outcome": outcome}


def _child(kind: str, megabytes: float, lifted: bool) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(megabytes), "lifted" if lifted else "default"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--sizes", default="0.25,0.5,1", help="post sizes in MB, limits lifted")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, megabytes, mode = args.child
        print(json.dumps(one(kind, float(megabytes), mode == "lifted")))
        return
    for kind in ("one-line", "unpunctuated"):
        result = _child(kind, 1.0, lifted=False)
        print(
            f"{kind:12s} 1.00 MB, default limits: {result['seconds']:6.2f} s ({result['cpu']:.2f} s CPU), "
            f"peak {result['peak_mb']:5.0f} MB, {result['outcome']}"
        )
        for megabytes in (float(s) for s in args.sizes.split(",")):
            result = _child(kind, megabytes, lifted=True)
            print(
                f"{kind:12s} {megabytes:4.2f} MB, limits lifted:  {result['seconds']:6.2f} s, "
                f"{result['cpu']:6.2f} s CPU ({result['cpu'] / megabytes:5.1f} CPU s per MB), "
                f"peak {result['peak_mb']:5.0f} MB, "
                f"{result['outcome']}"
            )


if __name__ == "__main__":
    main()
