"""Benchmark: PDF rendering time per page and per post (large print and easy read).

.venv/bin/python bench/pdf.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from accessible_pub.config import PdfSettings  # noqa: E402
from accessible_pub.content import discover, load_posts  # noqa: E402
from accessible_pub.easyread import make_easy_read  # noqa: E402
from accessible_pub.pdf import render_easy_read, render_large_print  # noqa: E402


def main() -> None:
    settings = PdfSettings()
    posts = [post for path in discover(ROOT / "content") for post in load_posts(path)]
    common = {"styles_dir": ROOT / "styles", "content_dir": ROOT / "content", "festival": "bench"}
    render_large_print(posts[0], settings, **common)  # warm up WeasyPrint and fonts, as a build does
    total_seconds = total_pages = 0.0
    for post in posts:
        started = time.perf_counter()
        large = render_large_print(post, settings, **common)
        middle = time.perf_counter()
        easy = render_easy_read(make_easy_read(post), post, settings, **common)
        done = time.perf_counter()
        total_seconds += done - started
        total_pages += large.pages + easy.pages
        print(
            f"{post.slug:45s} large print {large.pages} pages {middle - started:5.2f} s | "
            f"easy read {easy.pages} pages {done - middle:5.2f} s"
        )
    print(
        f"all: {total_pages:.0f} pages in {total_seconds:.2f} s -> "
        f"{total_seconds / total_pages * 1000:.0f} ms a page, "
        f"{total_seconds / len(posts):.2f} s a post"
    )


if __name__ == "__main__":
    main()
