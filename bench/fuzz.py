"""Fuzz: mutated posts through every text stage of a build, counting crashes (issue 20).

    .venv/bin/python bench/fuzz.py [--posts 10000] [--seed 1]

Each post is a window of a real post (the shipped content and the odd-post fixtures), mutated
the ways web text and careless editors break things (cut, doubled and swapped pieces, stray
Markdown and HTML, CDATA, placeholders, private-use and control characters, right-to-left and
combining marks, huge words, no punctuation), saved under a random post suffix, then loaded and
taken through the easy read, its Markdown and back, the check, both speech scripts and the
spoken text, the facts and the scores: everything but the audio and PDF engines.

A *crash* is any exception but our PostError (one clear line naming the file). Prints the
crashes per 10,000 posts (target 0) and one example of each kind of crash.
"""

from __future__ import annotations

import argparse
import random
import warnings
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from accessible_pub.errors import PostError  # noqa: E402

SUFFIXES = (".md", ".txt", ".html", ".xml")
DEBRIS = (
    "⟦0⟧",
    "⟦3⟧",
    "\U000f0000",
    "\U000f0007",
    "\ue000",
    "<![CD\nATA[x]]>",
    "<![CDATA[",
    "]]>",
    "<script>alert(1)</script>",
    "<a href='javascript:alert(1)'>x</a>",
    "<p>",
    "</div>",
    "<!--",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "[link](",
    "](http://x)",
    "[a](https://example.org/a)",
    "**",
    "_",
    "`",
    "```",
    "\n---\n",
    "\n# ",
    "\n## ",
    "\n- ",
    "\n1. ",
    "\n    - ",
    "\n> ",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "\n\n",
    "\r\n",
    "\t",
    "\x0b",
    "\x0c",
    "\u200b",
    "\u202e",
    "\u0301\u0301\u0301",
    "\ufeff",
    "\ud7ff",
    "e.g.",
    "Dr.",
    "p.m.",
    "...",
    "?!",
    ";",
    " - ",
    " — ",
    "(",
    ")",
    "£5",
    "50%",
    "2:30pm",
    "07700 900123",
    "LS1 4AP",
    "21/06/2016",
    "www.example.org",
    "http://",
    "title: x",
    "date: 2016-02-31",
    "lang: fr",
    "slug: ../x",
    "🌱",
    "نلتقي",
    "x" * 70,
    "A" * 30,
)


_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Festival</title>
<item><title>{title}</title><pubDate>Tue, 21 Jun 2016 09:00:00 GMT</pubDate>
<description><![CDATA[{body}]]></description></item>
<item><title>Second</title><description>We meet on Tuesday. Everyone is welcome.</description></item>
</channel></rss>
"""


def _read(paths: list[Path]) -> list[tuple[str, str]]:
    return [(p.suffix, p.read_bytes().decode("utf-8", "replace")) for p in paths if p.suffix in SUFFIXES]


def seeds() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(suffix, text) of good posts (the shipped ones and a feed made from one), and of the
    odd-post fixtures (most of them refused as they are)."""
    good = _read(sorted((ROOT / "content").glob("*.*")))
    page = next(text for suffix, text in good if suffix == ".txt")
    title, body = page.split("\n", 1)
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n")[:12])
    good.append((".xml", _FEED.format(title=title, body=paragraphs)))
    return good, _read(sorted((ROOT / "tests" / "fixtures" / "odd").iterdir()))


def mutate(text: str, rng: random.Random) -> str:
    """A window of `text` (its head kept: the title and front matter) with a few random edits."""
    if len(text) > 1500:
        keep = rng.choice((300, 500, 800))
        start = rng.randrange(keep, len(text) - 500)
        text = text[:keep] + text[start : start + rng.randrange(200, 1500)]
    for _ in range(rng.randrange(1, 6)):
        at = rng.randrange(0, len(text) + 1)
        roll = rng.random()
        if roll < 0.35:
            text = text[:at] + rng.choice(DEBRIS) + text[at:]
        elif roll < 0.5:
            low = 0 if rng.random() < 0.05 else 0x20  # now and then a NUL or a control character
            text = text[:at] + chr(rng.randrange(low, 0x3000)) + text[at:]
        elif roll < 0.6:
            text = text[:at] + text[at + rng.randrange(1, 200) :]
        elif roll < 0.7:
            end = min(len(text), at + rng.randrange(1, 300))
            text = text[:end] + text[at:end] * rng.randrange(1, 4) + text[end:]
        elif roll < 0.76:
            text = "".join(c for c in text if c not in ".!?")  # no punctuation at all
        elif roll < 0.8:
            text = text.upper()
        elif roll < 0.88:
            cut = rng.randrange(0, len(text) + 1)
            text = text[:at] + text[cut:] + text[at:cut]  # pieces swapped
        else:
            text = text.replace(" ", rng.choice(("", "  ", "\n", "\u00a0")), rng.randrange(1, 50))
    return text


def text_stages(path: Path) -> int:
    """Everything a build does with a post's text. Raises PostError for refused posts."""
    from accessible_pub.audio import easy_read_script, post_script
    from accessible_pub.audio.speech_text import spoken
    from accessible_pub.plan import original_sentences
    from accessible_pub.readability.gate import check_easy_read_text
    from accessible_pub.config import CheckSettings
    from accessible_pub.content import load_posts
    from accessible_pub.easyread import make_easy_read, to_markdown
    from accessible_pub.easyread.document import parse_easy_markdown
    from accessible_pub.easyread.facts import missing_facts
    from accessible_pub.readability import score

    lines = 0
    for post in load_posts(path):
        easy = make_easy_read(post)
        text = to_markdown(easy, slug=post.slug)
        parse_easy_markdown(path.with_suffix(".easy.md"), text, links=post.links)
        check_easy_read_text(text, CheckSettings())
        for line in (*post_script(post), *easy_read_script(easy)):
            spoken(line.text)
            lines += 1
        missing_facts(post, easy)
        score(original_sentences(post))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    warnings.simplefilter("ignore")  # BeautifulSoup's advice on XML pasted into a page
    good, odd = seeds()
    crashes: Counter[str] = Counter()
    examples: dict[str, tuple[str, str]] = {}
    refused = built = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        for n in range(args.posts):
            suffix, seed = rng.choice(good if rng.random() < 0.85 else odd)
            suffix = suffix if rng.random() < 0.85 else rng.choice(SUFFIXES)  # now and then misnamed
            text = mutate(seed, rng)
            path = Path(folder) / f"post-{n}{suffix}"
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
            try:
                text_stages(path)
                built += 1
            except PostError:
                refused += 1
            except Exception as exc:  # a crash: what this benchmark counts
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                kind = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
                crashes[kind] += 1
                examples.setdefault(kind, (path.suffix, text[:300]))
            path.unlink()
    seconds = time.perf_counter() - started
    total = sum(crashes.values())
    print(
        f"{args.posts} mutated posts in {seconds:.0f} s: {built} went through every text stage, "
        f"{refused} refused with a clear line, {total} crashed "
        f"= {total * 10_000 / args.posts:.1f} crashes per 10,000 posts"
    )
    for kind, count in crashes.most_common():
        suffix, sample = examples[kind]
        print(f"  {count:5d} x {kind}  e.g. {suffix} {sample!r}")


if __name__ == "__main__":
    main()
