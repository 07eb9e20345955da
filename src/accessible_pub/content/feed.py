"""A feed export (RSS or Atom, e.g. from Blogger or WordPress): one post per entry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


from ..errors import PostError
from ..model import Post
from .fields import clean_inline, slug_for
from . import exports
from .html import _soup, blocks_from_html


def load(path: Path, text: str) -> list[Post]:
    kind = exports.kind_of(text)
    if kind == "blogger":
        return exports.load_blogger(path, text)
    if kind == "wordpress":
        return exports.load_wordpress(path, text)
    import feedparser  # here, not at the top: its import compiles ~100 regexes, a no-op build needs none

    # Parse the text we already read: feedparser is never given a URL, so it never fetches.
    parsed = feedparser.parse(text, sanitize_html=True, resolve_relative_uris=False)
    if parsed.bozo and not parsed.entries:
        raise PostError(path, f"not a readable RSS or Atom feed ({parsed.get('bozo_exception')})")
    posts: list[Post] = []
    for number, entry in enumerate(parsed.entries, start=1):
        title = clean_inline(entry.get("title", ""))
        if not title:
            raise PostError(path, f"feed entry {number} has no title")
        html = ""
        if entry.get("content"):
            html = entry.content[0].get("value", "")
        html = html or entry.get("summary", "")
        blocks = blocks_from_html(_soup(f"<div>{html}</div>"))
        if not blocks:
            raise PostError(path, f"feed entry {number} ('{title}') has no text")
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        posts.append(
            Post(
                title=title,
                slug=slug_for(path, title),
                blocks=tuple(blocks),
                source=path,
                date=dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None,
                authors=tuple(
                    name for a in entry.get("authors", []) if (name := clean_inline(a.get("name", "")))
                ),
                tags=tuple(clean_inline(t.get("term", "")) for t in entry.get("tags", []) if t.get("term")),
            )
        )
    return posts
