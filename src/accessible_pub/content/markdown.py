"""Markdown with YAML front matter (title, date, author, summary, slug, tags)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..errors import PostError
from ..model import Block, BulletList, Heading, Inline, Paragraph, Post, Span
from .fields import (
    byline_field,
    checked_slug,
    clean_inline,
    date_from_filename,
    normalise_spans,
    parse_date,
    slug_for,
    table_as_list,
)
from .html import blocks_from_fragment
from .language import post_language

# CommonMark plus tables (GitHub style): a table is read out row by row, not as pipes.
# maxNesting bounds the parser's recursion; past it markdown-it drops the rest of the post, so a
# post that reaches it gets a warning (lists nest two levels per list: 19 levels of list fit).
MAX_NESTING = 40
_md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
_FENCE = re.compile(r"^(?:---|\.\.\.)\s*$")


def split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    lines = text.lstrip("\ufeff").splitlines()
    if lines and lines[0].strip() == "---" and not any(_FENCE.match(line) for line in lines[1:]):
        raise PostError(
            path,
            "the front matter starting with '---' on line 1 has no closing '---' line; "
            "add one after the last 'key: value' line",
        )
    try:
        meta, body = frontmatter.parse(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise PostError(
            path, f"front matter is not valid YAML{where}; check the lines between '---'"
        ) from exc
    except ValueError as exc:  # YAML reads 2016-13-45 as a date, and the calendar refuses it
        raise PostError(
            path,
            f"a date in the front matter does not exist ({exc}); write it as 2016-06-21, "
            "or in quotes if it is not a date",
        ) from exc
    if not isinstance(meta, dict):
        raise PostError(path, "front matter must be 'key: value' lines")
    return meta, body


def _text_field(path: Path, meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        kind = {"list": "a list", "dict": "a group of 'key: value' lines", "bool": "yes or no"}.get(
            type(value).__name__, "a date or number"
        )
        raise PostError(path, f"front matter '{key}' should be text, not {kind}; put it in quotes")
    return clean_inline(value) or None


def _date_field(path: Path, meta: dict[str, Any]) -> dt.date | None:
    value = meta.get("date")
    if value is None:
        return date_from_filename(path)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and (parsed := parse_date(value)):
        return parsed
    raise PostError(path, f"front matter 'date' {value!r} is not a date (write it as 2016-06-21)")


def _tags_field(path: Path, meta: dict[str, Any]) -> tuple[str, ...]:
    value = meta.get("tags", ())
    if isinstance(value, str):
        value = [t for t in value.split(",")]
    if not isinstance(value, (list, tuple)) or not all(isinstance(t, (str, int)) for t in value):
        raise PostError(path, "front matter 'tags' should be a list of words")
    return tuple(clean_inline(str(t)) for t in value if str(t).strip())


def _inline(token: Token) -> Inline:
    spans: list[Span] = []
    href: str | None = None
    for child in token.children or []:
        if child.type == "link_open":
            href = str(child.attrs.get("href", "")) or None
        elif child.type == "link_close":
            href = None
        elif child.type in ("text", "code_inline"):
            spans.append(Span(child.content, href))
        elif child.type in ("softbreak", "hardbreak"):
            spans.append(Span(" ", href))
        elif child.type == "image":
            continue  # pictures come from the picture map, never from a post's URLs
    return normalise_spans(spans)


def blocks_from_markdown(body: str) -> tuple[list[Block], str | None, list[str]]:
    """Blocks of a Markdown body, the text of its first level-1 heading (a title), and warnings
    about anything that could not be kept as it was."""
    tokens = _md.parse(body)
    blocks: list[Block] = []
    warnings: list[str] = []
    first_h1: str | None = None
    list_stack: list[tuple[bool, list[Inline]]] = []
    item_parts: list[list[Inline]] = []
    table: list[tuple[bool, list[Inline]]] | None = None  # rows: (is the header, cells)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            level = int(tok.tag[1])
            spans = _inline(tokens[i + 1])
            text = "".join(s.text for s in spans)
            if level == 1 and first_h1 is None and not blocks:
                first_h1 = text
            elif spans:
                blocks.append(Heading(level=max(2, level), spans=spans))
            i += 3
            continue
        if tok.type == "table_open":
            table = []
        elif tok.type == "tr_open" and table is not None:
            table.append((tokens[i - 1].type == "thead_open", []))
        elif tok.type == "inline" and table is not None and table:
            table[-1][1].append(_inline(tok))
        elif tok.type == "table_close" and table is not None:
            header = next((cells for is_head, cells in table if is_head), None)
            rows = [cells for is_head, cells in table if not is_head]
            if listed := table_as_list(header, rows):
                blocks.append(listed)
            table = None
        elif tok.type == "html_block":
            found, dropped = blocks_from_fragment(tok.content)
            blocks.extend(found)
            if dropped:
                where = f"line {tok.map[0] + 1}: " if tok.map else ""
                warnings.append(f"{where}HTML in the post ({', '.join(dropped)}) was left out")
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            list_stack.append((tok.type == "ordered_list_open", []))
        elif tok.type == "list_item_open":
            item_parts.append([])
        elif tok.type == "list_item_close":
            parts = item_parts.pop()
            item: Inline = tuple(s for part in parts for s in (part + (Span(" "),)))[:-1] if parts else ()
            if item and list_stack:
                list_stack[-1][1].append(normalise_spans(list(item)))
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            ordered, items = list_stack.pop()
            if list_stack and item_parts:  # a nested list: its items join the parent item
                item_parts[-1].extend(items)
            elif items:
                blocks.append(BulletList(items=tuple(items), ordered=ordered))
        elif tok.type == "inline" and tokens[i - 1].type == "paragraph_open":
            spans = _inline(tok)
            if item_parts:
                item_parts[-1].append(spans)
            elif spans:
                blocks.append(Paragraph(spans=spans))
        i += 1
    if tokens and max(t.level for t in tokens) >= MAX_NESTING - 1:
        deepest = next((t for t in tokens if t.level >= MAX_NESTING - 1 and t.map), None)
        where = f" from line {deepest.map[0] + 1}" if deepest and deepest.map else ""
        warnings.append(
            f"lists or quotes are nested more than {MAX_NESTING // 2 - 1} levels deep: the text{where} "
            "on was left out; use fewer levels"
        )
    return blocks, first_h1, warnings


def _authors_field(path: Path, meta: dict[str, Any]) -> tuple[tuple[str, ...], str | None]:
    """'author: A and B, Role', or 'authors: [A, B]' (feeds and front matter can list several)."""
    role = _text_field(path, meta, "author_role")
    value = meta.get("authors", meta.get("author"))
    if value is None:
        return (), role
    if isinstance(value, (list, tuple)):
        if not all(isinstance(v, str) for v in value):
            raise PostError(path, "front matter 'authors' should be a list of names")
        return tuple(n for v in value if (n := clean_inline(v))), role
    text = _text_field(path, meta, "authors" if "authors" in meta else "author")
    if not text:
        return (), role
    byline = byline_field(text)
    return byline.authors, role or byline.role


def load(path: Path, text: str) -> list[Post]:
    meta, body = split_front_matter(path, text)
    blocks, first_h1, warnings = blocks_from_markdown(body)
    title = _text_field(path, meta, "title") or first_h1
    if not title:
        raise PostError(path, "no title: add 'title: ...' to the front matter or start with '# Title'")
    authors, role = _authors_field(path, meta)
    slug_text = _text_field(path, meta, "slug")
    slug = checked_slug(path, slug_text) if slug_text else slug_for(path, title)
    if not blocks:
        raise PostError(path, "the post has a title but no text; write the post below the front matter")
    lang, lang_warnings = post_language(path, declared=meta.get("lang"), blocks=blocks)
    return [
        Post(
            title=title,
            slug=slug,
            blocks=tuple(blocks),
            source=path,
            date=_date_field(path, meta),
            authors=authors,
            author_role=role,
            summary=_text_field(path, meta, "summary"),
            tags=_tags_field(path, meta),
            lang=lang,
            warnings=(*lang_warnings, *warnings),
        )
    ]
