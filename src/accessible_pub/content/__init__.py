"""Loading posts: every supported file format in, `Post` objects out.

Formats, chosen by file name:
- `*.md` / `*.markdown`: Markdown with YAML front matter;
- `*.txt`: plain text, including text scraped from a blog page (debris is dropped);
- `*.html` / `*.htm`: a saved blog page (the article is kept, the page furniture dropped);
- `*.xml` / `*.rss` / `*.atom`: a feed (one post per entry), or a whole-blog export of Blogger
  or WordPress (one post per published post, see exports.py).
`*.easy.md` files are person-edited easy-read versions, not posts (see easyread.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..errors import PostError
from ..model import BulletList, Post
from . import feed, html, markdown, scraped
from .fields import MAX_POST_BYTES, read_text

Loader = Callable[[Path, str], list[Post]]

LOADERS: dict[str, Loader] = {
    ".md": markdown.load,
    ".markdown": markdown.load,
    ".txt": scraped.load,
    ".html": html.load,
    ".htm": html.load,
    ".xml": feed.load,
    ".rss": feed.load,
    ".atom": feed.load,
}
EASY_READ_SUFFIX = ".easy.md"


def is_post_file(path: Path) -> bool:
    return (
        path.is_file()
        and not path.name.startswith(".")
        and not path.name.endswith(EASY_READ_SUFFIX)
        and path.suffix.lower() in LOADERS
    )


def discover(content_dir: Path) -> list[Path]:
    """Post files in a content folder, in a stable order (sub-folders included)."""
    if not content_dir.is_dir():
        raise PostError(content_dir, "content folder not found")
    return sorted(p for p in content_dir.rglob("*") if is_post_file(p))


def load_posts(path: Path) -> list[Post]:
    """Load every post in one file. Raises PostError naming the file on any problem."""
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise PostError(path, f"unsupported file type '{path.suffix}' (use .md, .txt, .html or a feed)")
    text = read_text(path)
    try:
        posts = loader(path, text)
    except PostError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, RecursionError, AssertionError) as exc:
        # A loader bug or an input shape nobody foresaw: still one clear line naming the file,
        # in words (not an exception's name), with what the editor can do about it.
        detail = " ".join(str(exc).split())[:120]
        raise PostError(
            path,
            f"could not read this post{f' ({detail})' if detail else ''}; check that the file is a "
            "complete post (save it again from the blog, or copy its text into a .md file)",
        ) from exc
    if not posts:
        raise PostError(path, "no post found in this file; check that it is a post, a feed or a blog export")
    if len(posts) == 1:
        check_readable(posts[0])
        return posts
    # A feed or blog export: one unreadable entry is skipped (and named), not the whole blog.
    readable: list[Post] = []
    refused: list[str] = []
    for post in posts:
        try:
            check_readable(post)
        except PostError as exc:
            refused.append(f"'{post.title}': {exc.reason}")
        else:
            readable.append(post)
    if not readable:
        raise PostError(path, "no entry could be read: " + "; ".join(refused))
    if refused:
        note = "entries skipped in this file: " + "; ".join(refused)
        readable[0] = replace(readable[0], warnings=(*readable[0].warnings, note))
    return readable


_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
MAX_WORD = 60  # longer "words" are glued text or garbage; they overflow every page


def check_readable(post: Post) -> None:
    """A post must have English words to read, say and simplify; say so clearly when it has not."""
    words: list[str] = []
    for block in post.blocks:
        groups = block.items if isinstance(block, BulletList) else (block.spans,)
        for spans in groups:
            words += [
                w
                for span in spans
                if not span.href
                for w in span.text.split()
                if not w.lower().startswith(("http://", "https://", "www."))
            ]
    letters = "".join(_LETTER.findall(" ".join(words)))
    if not letters:
        raise PostError(
            post.source,
            "the post has no words to read (only symbols, numbers or emoji); check this is the post you meant",
        )
    if len(_LATIN.findall(letters)) < 0.6 * len(letters):
        raise PostError(
            post.source, "the post is not in English: the voice and the easy-read rules are for English text"
        )
    longest = max(words, key=len)
    if len(longest) > MAX_WORD:
        raise PostError(
            post.source,
            f"a 'word' of {len(longest)} characters ({longest[:20]}...); "
            "check for text pasted without spaces",
        )


__all__ = ["EASY_READ_SUFFIX", "MAX_POST_BYTES", "discover", "is_post_file", "load_posts"]
