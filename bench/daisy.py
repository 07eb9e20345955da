"""Benchmark: what the talking books, braille files and QR codes cost per post.

    .venv/bin/python bench/daisy.py

For each shipped post, with its audio already made (that cost is the audio's, not theirs):
the two DAISY books, the two BRF files (one lou_translate run each), and the QR code on the two
PDFs, cold (the PDFs rendered, with and without the QR code) and warm (the PDF cache filled:
only the QR code is drawn again to find the cached PDF). Talking books and BRFs are not cached:
they cost the same in a cold and a warm build. A post that is up to date costs nothing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from accessible_pub.audio import PostAudio, SentenceCache, Tags, easy_read_script, post_script  # noqa: E402
from accessible_pub.cache import BlobCache  # noqa: E402
from accessible_pub.config import AudioSettings, PdfSettings  # noqa: E402
from accessible_pub.content import load_posts  # noqa: E402
from accessible_pub.easyread import easy_read_for  # noqa: E402
from accessible_pub.pdf import render_easy_read, render_large_print  # noqa: E402
from accessible_pub.pdf.qr import listen_url  # noqa: E402
from accessible_pub.publish.braille import braille_file, easy_read_blocks, post_blocks  # noqa: E402
from accessible_pub.publish.daisy import BookInfo, book_identifier, talking_book  # noqa: E402

CONTENT = ROOT / "content"
SITE = "https://example.org/festival/"


def timed(run, repeat: int = 5) -> float:
    """Median seconds of `repeat` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def pdfs(post, easy, *, listen: str | None, cache: BlobCache) -> None:
    common = {"styles_dir": ROOT / "styles", "content_dir": CONTENT, "festival": "Festival", "cache": cache}
    render_large_print(post, PdfSettings(), listen_url=listen, **common)
    render_easy_read(easy, post, PdfSettings(), listen_url=listen, **common)


def measure(post, cache: SentenceCache, tmp: Path) -> list[float]:
    """Seconds for: DAISY x2, BRF x2, PDFs cold, PDFs + QR cold, the QR's extra cost warm."""
    easy = easy_read_for(post, content_dir=CONTENT)
    lines = (post_script(post), easy_read_script(easy))
    with PostAudio(AudioSettings(), cache) as audio:
        for document in lines:
            audio.add(document, Tags(title=post.title, artist="a", album="b", year=None))
        results = audio.results()

    def books() -> None:
        for which, document, result in zip(("post", "easy-read"), lines, results):
            info = BookInfo(
                title=post.title,
                identifier=book_identifier(post.slug, which),
                language="en",
                creator=post.author or "",
                publisher="Festival",
                date=post.date,
                narrator=result.voice,
                generator="bench",
            )
            talking_book(info, document, result.cues, mp3=result.mp3)

    def brfs() -> None:
        braille_file(post_blocks(post), grade=2)
        braille_file(easy_read_blocks(easy), grade=2)

    listen = listen_url(SITE, post.slug)
    plain_pdfs = timed(lambda: pdfs(post, easy, listen=None, cache=BlobCache(None)), repeat=3)
    qr_pdfs = timed(lambda: pdfs(post, easy, listen=listen, cache=BlobCache(None)), repeat=3)
    warm_cache, warm_plain = BlobCache(tmp / f"pdf-{post.slug}"), BlobCache(tmp / f"pdf-plain-{post.slug}")
    pdfs(post, easy, listen=listen, cache=warm_cache)
    pdfs(post, easy, listen=None, cache=warm_plain)
    warm = timed(lambda: pdfs(post, easy, listen=listen, cache=warm_cache))
    warm_without = timed(lambda: pdfs(post, easy, listen=None, cache=warm_plain))
    return [timed(books), timed(brfs), plain_pdfs, qr_pdfs, warm - warm_without]


def main() -> None:
    posts = [p for path in sorted(CONTENT.glob("20*")) if ".easy." not in path.name for p in load_posts(path)]
    print(f"{'post':42} {'DAISY x2':>9} {'BRF x2':>8} {'PDFs':>8} {'PDFs+QR':>8} {'QR warm':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        cache = SentenceCache(Path(tmp) / "speech")
        totals = [0.0] * 5
        for post in posts:
            row = measure(post, cache, Path(tmp))
            totals = [t + r for t, r in zip(totals, row)]
            print(f"{post.slug[:42]:42} " + " ".join(f"{v:8.3f}s" for v in row))
    mean = [v / len(posts) for v in totals]
    print(f"{'mean per post':42} " + " ".join(f"{v:8.3f}s" for v in mean))
    print("new outputs per post (DAISY + BRF + what the QR code adds to the PDFs):")
    print(
        f"  cold build {mean[0] + mean[1] + mean[3] - mean[2]:.3f} s   "
        f"warm build {mean[0] + mean[1] + mean[4]:.3f} s"
    )


if __name__ == "__main__":
    main()
