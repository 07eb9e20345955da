"""Benchmark: how long `accessible-pub check` takes, and whether it scales linearly.

    .venv/bin/python bench/check.py

Prints the time to check the shipped content's easy-read texts, then 0.25, 0.5 and 1 MB of
easy-read text made from them, with the time per MB (flat = linear).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from accessible_pub.readability.gate import check_easy_read_text  # noqa: E402
from accessible_pub.config import CheckSettings  # noqa: E402
from accessible_pub.content import discover, load_posts  # noqa: E402
from accessible_pub.easyread import make_easy_read, to_markdown  # noqa: E402


def timed(text: str) -> float:
    started = time.perf_counter()
    check_easy_read_text(text, CheckSettings())
    return time.perf_counter() - started


def main() -> None:
    texts = [
        to_markdown(make_easy_read(post), slug=post.slug)
        for path in discover(ROOT / "content")
        for post in load_posts(path)
    ]
    timed(texts[0])  # load word lists and dictionaries once, as a real run does
    shipped = sum(timed(t) for t in texts)
    print(
        f"shipped content: {len(texts)} easy-read texts, {sum(map(len, texts)) / 1000:.1f} KB, "
        f"{shipped * 1000:.0f} ms"
    )
    body = "\n\n".join(t.split("---", 2)[2] for t in texts)
    for megabytes in (0.25, 0.5, 1.0):
        size = int(megabytes * 1_000_000)
        text = "---\ntitle: bench\n---\n" + (body * (size // len(body) + 1))[:size]
        seconds = timed(text)
        print(f"{megabytes:4.2f} MB: {seconds:6.2f} s  ({seconds / megabytes:5.2f} s per MB)")


if __name__ == "__main__":
    main()
