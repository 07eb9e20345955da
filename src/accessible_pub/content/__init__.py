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

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import LimitSettings
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
    """A name the loaders read (the checks on what the file really is are in `find_posts`)."""
    return (
        not path.name.startswith(".")
        and not path.name.endswith(EASY_READ_SUFFIX)
        and path.suffix.lower() in LOADERS
    )


@dataclass(frozen=True)
class Discovery:
    posts: list[Path]
    skipped: list[PostError]  # files that look like posts but are not read, each with why


def real_file_inside(path: Path, root: Path) -> str | None:
    """Why `path` must not be read as content from `root` (None: it is a regular file inside it).

    Posts come from pull requests: a link to /etc/passwd or to a file beside the folder would
    be published, so a link is followed only when its real path stays inside the folder.
    """
    try:
        info = path.lstat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISLNK(info.st_mode):
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):  # dangling, or a loop of links
            return "is a link to a file that does not exist; remove the link or copy the post in"
        if not real.is_relative_to(root.resolve()):
            return (
                "is a link to a file outside the content folder, which is never published; "
                "copy the post into the folder instead"
            )
        info = real.stat()
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a pipe, device or socket); only real files are read"
    return None


def _folder_link_problem(link: Path, root: Path) -> str | None:
    try:
        real = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return "is a link to a folder that does not exist; remove the link"
    if not real.is_relative_to(root.resolve()):
        return "is a link to a folder outside the content folder, which is never read; copy the posts in"
    return None  # a link to a folder inside: its posts are found under their real path


def _unreadable(exc: OSError) -> PostError:
    return PostError(exc.filename or "content", f"folder cannot be read ({exc.strerror or exc})")


def find_posts(content_dir: Path) -> Discovery:
    """Post files in a content folder, in a stable order (sub-folders included), and the
    files that are skipped with a reason (links out of the folder, pipes, devices)."""
    if not content_dir.is_dir():
        raise PostError(content_dir, "content folder not found")
    posts: list[Path] = []
    skipped: list[PostError] = []
    walk = os.walk(content_dir, followlinks=False, onerror=lambda exc: skipped.append(_unreadable(exc)))
    for folder, subfolders, names in walk:
        here = Path(folder)
        for name in subfolders:  # os.walk lists links to folders here and never enters them
            if (here / name).is_symlink() and not name.startswith("."):
                problem = _folder_link_problem(here / name, content_dir)
                if problem:
                    skipped.append(PostError(here / name, problem))
        for name in names:
            path = here / name
            if not is_post_file(path):
                continue
            problem = real_file_inside(path, content_dir)
            if problem:
                skipped.append(PostError(path, problem))
            else:
                posts.append(path)
    return Discovery(sorted(posts), sorted(skipped, key=lambda e: e.path))


def discover(content_dir: Path) -> list[Path]:
    """Post files in a content folder, in a stable order (sub-folders included)."""
    return find_posts(content_dir).posts


def load_posts(path: Path, *, limits: LimitSettings | None = None) -> list[Post]:
    """Load every post in one file. Raises PostError naming the file on any problem."""
    limits = limits or LimitSettings()
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise PostError(path, f"unsupported file type '{path.suffix}' (use .md, .txt, .html or a feed)")
    text = read_text(path, max_bytes=limits.max_post_kb * 1000)
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
        check_limits(posts[0], limits)
        return posts
    # A feed or blog export: one unreadable entry is skipped (and named), not the whole blog.
    readable: list[Post] = []
    refused: list[str] = []
    for post in posts:
        try:
            check_readable(post)
            check_limits(post, limits)
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


# Words between two stops (or a stop and the end of a block): linear, whatever the punctuation.
_STOPS = re.compile(r"[.!?]+(?=\s|$)")


def check_limits(post: Post, limits: LimitSettings) -> None:
    """A post longer than the limits is refused before any stage spends time or memory on it."""
    words = 0
    longest = 0
    for block in post.blocks:
        texts = block.texts if isinstance(block, BulletList) else (getattr(block, "text", ""),)
        for text in texts:
            for run in _STOPS.split(text):
                count = len(run.split())
                words += count
                longest = max(longest, count)
    if words > limits.max_words:
        raise PostError(
            post.source,
            f"the post has {words:,} words; posts over {limits.max_words:,} are refused "
            "(split it into several posts, or raise limits.max_words in the settings)",
        )
    if longest > limits.max_sentence_words:
        raise PostError(
            post.source,
            f"a sentence of {longest:,} words (over {limits.max_sentence_words}); is the punctuation "
            "missing? Add full stops, or raise limits.max_sentence_words in the settings",
        )


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
            "the post has no words to read (only symbols, numbers or emoji); "
            "check this is the post you meant",
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


__all__ = [
    "EASY_READ_SUFFIX",
    "MAX_POST_BYTES",
    "Discovery",
    "discover",
    "check_limits",
    "find_posts",
    "is_post_file",
    "load_posts",
    "real_file_inside",
]
