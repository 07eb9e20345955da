from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from accessible_pub.content import discover, load_posts
from accessible_pub.errors import PostError
from accessible_pub.model import BulletList, Heading, Paragraph

from conftest import CONTENT, FESTIVAL_POST


def test_festival_post_is_read_from_its_scraped_text():
    [post] = load_posts(FESTIVAL_POST)
    assert post.title == "Co-production is personal and political"
    assert post.date == dt.date(2016, 6, 21)
    assert post.author == "Pamela Fisher"
    assert post.author_role == "Senior Research Fellow, University of Leeds"
    paragraphs = [b for b in post.blocks if isinstance(b, Paragraph)]
    assert len(post.blocks) == len(paragraphs) == 4
    assert paragraphs[0].text.startswith("Co-production involves a redistribution of power.")
    assert paragraphs[-1].text.endswith("in which those choices are made.")
    body = " ".join(p.text for p in paragraphs)
    for debris in ("Co-Production Festival, July 2016", "Blog:", "comment", "Tuesday 21 June"):
        assert debris not in body


# The scraped festival post exactly as the festival published it (shared/festival-posts/).
FESTIVAL_POST_SHA256 = "0576efa7531c4cadea3f6e6816c27a3b896f92cdb9da88113c9727294c7cfcb7"


def test_festival_post_is_shipped_unchanged():
    assert hashlib.sha256(FESTIVAL_POST.read_bytes()).hexdigest() == FESTIVAL_POST_SHA256
    shared = Path(__file__).resolve().parents[2] / "shared" / "festival-posts" / FESTIVAL_POST.name
    if shared.exists():  # CI lays shared/ beside the clone; a lone checkout may lack it
        assert FESTIVAL_POST.read_bytes() == shared.read_bytes()


def test_markdown_event_notice_keeps_headings_lists_and_links():
    [post] = load_posts(CONTENT / "2016-07-04-come-to-our-peer-support-cafe.md")
    assert post.title == "Come to our peer support café"
    assert post.date == dt.date(2016, 7, 4)
    assert post.tags == ("event", "peer support", "cafe")
    headings = [b.text for b in post.blocks if isinstance(b, Heading)]
    assert headings == ["When and where", "What will happen", "How to book"]
    [details] = [b for b in post.blocks if isinstance(b, BulletList)]
    assert details.texts[1] == "Time: 2pm to 4:30pm"
    assert [(s.text, s.href) for s in post.links] == [
        ("booking page", "https://www.coproductionfestival.org.uk/cafe")
    ]


def test_html_page_keeps_the_article_and_drops_the_page_furniture():
    [post] = load_posts(CONTENT / "2016-07-11-what-the-garden-group-gave-me.html")
    assert post.title == "What the garden group gave me"
    assert post.author == "Sam Okafor"
    assert post.date == dt.date(2016, 7, 11)
    text = " ".join(getattr(b, "text", " ".join(getattr(b, "texts", ()))) for b in post.blocks)
    for furniture in ("analytics", "Events", "Lovely post", "©", "2 comments"):
        assert furniture not in text
    assert [b.text for b in post.blocks if isinstance(b, Heading)] == ["The first morning", "What changed"]
    assert post.links[0].href == "https://www.coproductionfestival.org.uk/garden"


def test_feed_export_gives_one_post_per_entry(tmp_path: Path):
    feed = tmp_path / "export.xml"
    feed.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>
        <item><title>First</title><pubDate>Tue, 21 Jun 2016 10:00:00 GMT</pubDate>
        <description>&lt;p&gt;We met.&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</description></item>
        <item><title>Second</title><description>&lt;ul&gt;&lt;li&gt;One&lt;/li&gt;&lt;li&gt;Two&lt;/li&gt;&lt;/ul&gt;</description></item>
        </channel></rss>""",
        encoding="utf-8",
    )
    first, second = load_posts(feed)
    assert (first.title, first.date) == ("First", dt.date(2016, 6, 21))
    assert [b.text for b in first.blocks] == ["We met."]
    assert isinstance(second.blocks[0], BulletList) and second.blocks[0].texts == ("One", "Two")


def test_discover_skips_easy_read_files_and_other_files(tmp_path: Path):
    (tmp_path / "a.md").write_text("# A\n\ntext\n")
    (tmp_path / "a.easy.md").write_text("# A\n\ntext\n")
    (tmp_path / "pronunciations.toml").write_text("")
    (tmp_path / "notes.docx").write_bytes(b"x")
    assert [p.name for p in discover(tmp_path)] == ["a.md"]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("empty.md", b"", "empty"),
        ("blank.txt", b"  \n\n \t\n", "empty"),
        ("latin1.md", "---\ntitle: Caf\xe9\n---\nText".encode("latin-1"), "not UTF-8"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("notitle.md", b"---\nauthor: Someone\n---\nJust text.\n", "no title"),
        ("broken.md", b"---\ntitle: [unclosed\n---\nText\n", "front matter is not valid YAML"),
        ("wrongtype.md", b"---\ntitle: A\ndate: [1, 2]\n---\nText\n", "not a date"),
        ("badslug.md", b"---\ntitle: A\nslug: ../../etc\n---\nText\n", "slug"),
        ("onlytitle.md", b"# Just a title\n", "no text"),
    ],
)
def test_bad_input_gets_one_clear_error_naming_the_file(
    tmp_path: Path, name: str, data: bytes, expected: str
):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PostError) as caught:
        load_posts(path)
    message = str(caught.value)
    assert message.startswith(str(path)), message
    assert expected in message
    assert "\n" not in message


def test_plain_text_without_blog_furniture(tmp_path: Path):
    path = tmp_path / "note.txt"
    path.write_text("Our next meeting\n\nWe meet on Friday.\n\n- Bring a friend\n- Bring a snack\n")
    [post] = load_posts(path)
    assert post.title == "Our next meeting"
    assert isinstance(post.blocks[1], BulletList)
    assert post.blocks[1].texts == ("Bring a friend", "Bring a snack")
