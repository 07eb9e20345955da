"""A saved blog page: keep the article, drop scripts, styles, navigation and comments.

The article is picked the way readability tools pick it: the post containers of Blogger
(`.post-body`) and WordPress (`.entry-content`) first, then `article`, `main` and so on; the
page furniture (navigation, sidebars, share bars, comments) is dropped from inside it.
Blogger posts are often `<div>`s and `<br>`s, not `<p>`s: a short bold line on its own is a
sub-heading, a picture's caption (Blogger's `tr-caption`, `<figcaption>`, WordPress'
`wp-caption-text`) is kept as a caption where the picture was.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterable
from pathlib import Path

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag
from bs4.builder import ParserRejectedMarkup
from bs4.element import NavigableString, PageElement

from ..errors import PostError
from ..model import Block, BulletList, Caption, Heading, Inline, Paragraph, Post, Span, plain
from .fields import (
    Byline,
    clean_inline,
    date_from_filename,
    normalise_spans,
    numbered_lists,
    NUMBERED,
    parse_byline,
    parse_date,
    slug_for,
    table_as_list,
)
from .language import post_language

_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "template",
    "button",
    "object",
    "embed",
    "video",
    "audio",
    "canvas",
    "link",
    "meta",
]
# Page furniture, by class or id. Only ever looked for *inside* the article, so the Blogger
# widget that holds the post (`div.widget.Blog`) is never mistaken for furniture.
_FURNITURE = re.compile(
    r"comment|share|sharing|sharedaddy|addtoany|social|related|sidebar|breadcrumb|widget|subscribe"
    r"|footer|menu|navigation|pager|post-labels|jp-relatedposts|reactions",
    re.IGNORECASE,
)
_ARTICLE_SELECTORS = [
    ".post-body",  # Blogger
    ".entry-content",  # WordPress
    "[itemprop~=articleBody]",
    "article",
    "main",
    "[role=main]",
    ".post",
    ".hentry",
]
_TITLE_SELECTORS = ".post-title, .entry-title, h1"
_DATE_SELECTORS = (
    "time[datetime], abbr.published, [itemprop=datePublished], .date-header, .published, .entry-date, time"
)
_BYLINE_SELECTORS = ".byline, .author, .post-author, [rel=author]"
_CAPTION_SELECTORS = ".tr-caption, figcaption, .wp-caption-text, .wp-element-caption, .caption"
_HEADING = re.compile(r"h[1-6]")
_BLOCK_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "blockquote",
    "div",
    "section",
    "header",
    "li",
    "figure",
    "table",
    "pre",
    "dl",
    "hr",
}
_BOLD = {"b", "strong"}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
MAX_HEADING_WORDS = 12
# html.parser gives up on a marked section it does not know ('<![CD' + newline + 'ATA[...').
_BAD_MARKED_SECTION = re.compile(r"<!\[(?!CDATA\[)")


def _soup(text: str) -> BeautifulSoup:
    text = _BAD_MARKED_SECTION.sub("&lt;![", text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
            return BeautifulSoup(text, "html.parser")
    except (ParserRejectedMarkup, AssertionError) as exc:
        raise ValueError("the HTML is too broken to read") from exc


def _inline(*nodes: PageElement) -> Inline:
    """The text and links of some neighbouring nodes, white space between them kept."""
    spans: list[Span] = []

    def walk(el: PageElement, href: str | None) -> None:
        if isinstance(el, NavigableString):
            if type(el) is NavigableString:  # not comments, CDATA or doctypes
                spans.append(Span(str(el), href))
            return
        if not isinstance(el, Tag) or el.name == "img":
            return
        if el.name == "br":
            spans.append(Span(" ", href))
            return
        link = el.get("href") if el.name == "a" else None
        target = str(link) if isinstance(link, str) and link.strip() else href
        for child in el.children:
            walk(child, target)

    for node in nodes:
        walk(node, None)
    return normalise_spans(spans)


def _is_bold(text_node: NavigableString, line_top: Tag | None) -> bool:
    for parent in text_node.parents:
        if parent is line_top:
            break
        if parent.name in _BOLD or _HEADING.fullmatch(parent.name or ""):
            return True
        style = parent.get("style")
        if isinstance(style, str) and _BOLD_STYLE.search(style):
            return True
    return False


def _title_like(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= MAX_HEADING_WORDS
        and not text.endswith((".", ",", ";", "…"))
        and any(c.isalpha() for c in text)
        and not NUMBERED.match(text)
    )


class _Lines:
    """Inline content between block elements, cut into lines at <br>: Blogger's paragraphs."""

    def __init__(self, out: list[Block]) -> None:
        self.out = out
        self.lines: list[list[PageElement]] = [[]]

    def add(self, node: PageElement) -> None:
        if isinstance(node, Tag) and node.name == "br":
            self.lines.append([])
        else:
            self.lines[-1].append(node)

    def flush(self, container: Tag | None) -> None:
        paragraph: list[tuple[Inline, bool]] = []
        for nodes in self.lines:
            spans = _inline(*nodes)
            if not spans:  # an empty line (two <br>s) ends a paragraph
                self._paragraph(paragraph)
                paragraph = []
                continue
            texts = [t for n in nodes for t in _texts(n)]
            bold = bool(texts) and all(_is_bold(t, container) for t in texts)
            paragraph.append((spans, bold))
        self._paragraph(paragraph)
        self.lines = [[]]

    def _paragraph(self, lines: list[tuple[Inline, bool]]) -> None:
        # A short bold line on its own, or directly before its text, is a sub-heading.
        while lines and lines[0][1] and _title_like(plain(lines[0][0])):
            self.out.append(Heading(level=2, spans=lines[0][0]))
            lines = lines[1:]
        if not lines:
            return
        if len(lines) > 1 and all(NUMBERED.match(plain(spans)) for spans, _ in lines):
            self.out.extend(Paragraph(spans=spans) for spans, _ in lines)  # one list: see numbered_lists
            return
        joined = [s for spans, _ in lines for s in (*spans, Span(" "))]
        if spans := normalise_spans(joined):
            self.out.append(Paragraph(spans=spans))


def _texts(node: PageElement) -> Iterable[NavigableString]:
    if isinstance(node, NavigableString):
        if type(node) is NavigableString and node.strip():
            yield node
    elif isinstance(node, Tag):
        for found in node.find_all(string=True):
            if type(found) is NavigableString and found.strip():
                yield found


_PICTURE_BOXES = {"tr-caption-container", "wp-caption", "wp-block-image"}


def _caption_of(box: Tag) -> Tag | None:
    """The caption of a picture box (Blogger's caption table, <figure>, WordPress' wp-caption), if
    `box` is one: a picture and its caption, and no other text."""
    if box.name != "figure" and not _PICTURE_BOXES & set(box.get("class") or []):
        return None
    caption = box.select_one(_CAPTION_SELECTORS)
    if caption is None:
        return None
    rest = len(box.get_text(" ", strip=True)) - len(caption.get_text(" ", strip=True))
    return caption if rest < 20 else None


def _table(table: Tag) -> list[Block]:
    rows: list[tuple[bool, list[Inline]]] = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        cells = [c for c in tr.find_all(["td", "th"], recursive=False)]
        rows.append((bool(cells) and all(c.name == "th" for c in cells), [_inline(c) for c in cells]))
    header = rows[0][1] if rows and rows[0][0] else None
    body = [cells for is_head, cells in (rows[1:] if header else rows)]
    listed = table_as_list(header, body)
    return [listed] if listed else []


def blocks_from_html(root: Tag) -> list[Block]:
    blocks: list[Block] = []

    def visit(el: Tag) -> None:
        lines = _Lines(blocks)
        for child in el.children:
            if not isinstance(child, Tag):
                lines.add(child)
                continue
            name = child.name
            caption = _caption_of(child)
            if name not in _BLOCK_TAGS and caption is None:
                lines.add(child)
                continue
            lines.flush(el)
            if caption is not None:
                if spans := _inline(caption):
                    blocks.append(Caption(spans=spans))
            elif _HEADING.fullmatch(name):
                if spans := _inline(child):
                    blocks.append(Heading(level=max(2, int(name[1])), spans=spans))
            elif name in ("ul", "ol"):
                items = tuple(s for li in child.find_all("li", recursive=False) if (s := _inline(li)))
                if items:
                    blocks.append(BulletList(items=items, ordered=name == "ol"))
            elif name == "table" and not child.find(["p", "div", "table", "ul", "ol"]):
                blocks.extend(_table(child))
            elif name == "table":
                for cell in child.find_all(["td", "th"]):
                    if cell.find_parent("table") is child:
                        visit(cell)  # a layout table: its cells are the page
            else:
                visit(child)
        lines.flush(el)

    visit(root)
    return numbered_lists(blocks)


def blocks_from_fragment(text: str) -> tuple[list[Block], list[str]]:
    """Blocks of an HTML fragment (a raw HTML block in Markdown), and what had to be left out."""
    soup = _soup(text)
    dropped = sorted({f"<{t.name}>" for t in soup.find_all([*_DROP_TAGS, "img"])})
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    return blocks_from_html(soup), dropped


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        content = tag.get("content") if isinstance(tag, Tag) else None
        if isinstance(content, str) and content.strip():
            return clean_inline(content)
    return None


def _nearest(article: Tag, selectors: str) -> Tag | None:
    """The first match inside the article, else in its nearest ancestor that has one."""
    for scope in [article, *article.parents]:
        if isinstance(scope, Tag) and (found := scope.select_one(selectors)):
            return found
    return None


def _date_of(tag: Tag) -> dt.date | None:
    for attr in ("datetime", "title", "content"):
        value = tag.get(attr)
        if isinstance(value, str) and (day := parse_date(value.strip()[:10])):
            return day
    return parse_date(tag.get_text(" ", strip=True))


def _pick_article(soup: BeautifulSoup) -> tuple[Tag, list[str]]:
    for selector in _ARTICLE_SELECTORS:
        found = [t for t in soup.select(selector) if not t.find_parent(class_="comments")]
        # a .post-body nested inside another match is the same post
        outer = [t for t in found if not any(o is not t and t in o.descendants for o in found)]
        if outer:
            extra = [f"the page holds {len(outer)} posts; only the first was read"] if len(outer) > 1 else []
            return outer[0], extra
    return soup.body or soup, []


def load(path: Path, text: str) -> list[Post]:
    soup = _soup(text)
    page_title = soup.title.get_text(" ", strip=True) if soup.title else None
    meta_title = _meta(soup, "og:title")
    meta_author = _meta(soup, "author", "article:author")
    meta_date = _meta(soup, "article:published_time", "date")
    meta_summary = _meta(soup, "description", "og:description")
    lang = soup.html.get("lang") if soup.html else None

    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    root, notes = _pick_article(soup)

    title_tag = _nearest(root, _TITLE_SELECTORS)
    title = (
        (title_tag.get_text(" ", strip=True) if isinstance(title_tag, Tag) else None)
        or meta_title
        or page_title
    )
    if isinstance(title_tag, Tag):
        title_tag.decompose()
    if not title:
        raise PostError(
            path,
            "no title: the page has no <h1> and no <title>; "
            "save the post's own page, not the blog's home page",
        )
    title = clean_inline(title)

    date = None
    if (near := _nearest(root, _DATE_SELECTORS)) is not None:
        date = _date_of(near)
        if root in near.parents:
            near.decompose()
    date = date or (parse_date(meta_date[:10]) if meta_date else None) or date_from_filename(path)

    labels = _nearest(root, ".post-labels, .tags-links, .cat-links")
    tags = [clean_inline(a.get_text(" ")) for a in labels.find_all("a")] if labels else []
    byline = Byline((meta_author,)) if meta_author else None
    byline_tag = _nearest(root, _BYLINE_SELECTORS)
    if isinstance(byline_tag, Tag):
        said = re.sub(r"^posted\s+by\s+", "", clean_inline(byline_tag.get_text(" ", strip=True)), flags=re.I)
        byline = parse_byline(said) or parse_byline("By " + said) or byline
        if root in byline_tag.parents:
            byline_tag.decompose()

    for tag in root.find_all(True):
        if tag.decomposed:
            continue
        marks = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")])
        if marks.strip() and _FURNITURE.search(marks):
            tag.decompose()

    blocks = blocks_from_html(root)
    if blocks and isinstance(blocks[0], Paragraph) and (found := parse_byline(blocks[0].text)):
        byline = found
        blocks = blocks[1:]
    if not blocks:
        raise PostError(
            path,
            "the page has a title but no article text; "
            "save the post's own page, or copy its text into a .txt file",
        )
    post_lang, lang_notes = post_language(path, declared=lang, blocks=blocks, trusted=False)
    return [
        Post(
            title=title,
            slug=slug_for(path, title),
            blocks=tuple(blocks),
            source=path,
            date=date,
            authors=byline.authors if byline else (),
            author_role=byline.role if byline else None,
            summary=meta_summary,
            tags=tuple(dict.fromkeys(t for t in tags if t)),
            lang=post_lang,
            warnings=(*lang_notes, *notes),
        )
    ]
