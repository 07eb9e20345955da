"""Real blogs in: saved pages, scraped text and whole-blog exports, as the festival's sister blogs
produce them (fixtures under tests/fixtures/real, written after the real formats), and the
honest messages and warnings for posts that cannot be read as they are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from accessible_pub.audio.script import post_script
from accessible_pub.content import load_posts
from accessible_pub.content.fields import parse_byline
from accessible_pub.easyread import make_easy_read
from accessible_pub.errors import PostError
from accessible_pub.model import Block, BulletList, Caption, Heading, Paragraph, Post
from accessible_pub.pipeline import _load_all

from conftest import FIXTURES

REAL = FIXTURES / "real"


def _kinds(post: Post, kind: type) -> list[Block]:
    return [b for b in post.blocks if isinstance(b, kind)]


def _all_text(post: Post) -> str:
    return " ".join(" ".join(b.texts) if isinstance(b, BulletList) else b.text for b in post.blocks)


# ---- scraped text ---------------------------------------------------------------------------


def test_scraped_post_keeps_sub_headings_that_have_no_blank_line_after_them():
    [post] = load_posts(REAL / "2016-07-20-what-we-learned-in-leeds.txt")
    assert post.title == "What we learned at the Leeds event"
    assert post.date == dt.date(2016, 7, 20)
    assert [b.text for b in _kinds(post, Heading)] == [
        "Organisations big and small contributed",
        "Three things we agreed",
        "What happens next",
    ]
    paragraphs = [b.text for b in _kinds(post, Paragraph)]
    assert any(p.startswith("It wasn't until the end of the day") for p in paragraphs)
    assert not any("contributed It wasn't" in p for p in paragraphs)


def test_scraped_byline_with_two_people_and_their_organisation():
    [post] = load_posts(REAL / "2016-07-20-what-we-learned-in-leeds.txt")
    assert post.authors == ("Jim Leyland", "Ben Deutsch")
    assert post.author == "Jim Leyland and Ben Deutsch"
    assert post.author_role == "Touchstone, a Leeds charity for mental health and wellbeing"
    assert "By Jim" not in _all_text(post)


def test_scraped_captions_and_numbered_list():
    [post] = load_posts(REAL / "2016-07-20-what-we-learned-in-leeds.txt")
    assert [b.text for b in _kinds(post, Caption)] == [
        "Delegates at the Leeds event",
        "The afternoon session in the main hall",
    ]
    [agreed] = _kinds(post, BulletList)
    assert agreed.ordered and len(agreed.items) == 3
    assert agreed.texts[0] == "Meet again in the autumn, in a room that everyone can get to."
    for debris in ("Blog:", "comments", "Great day", "[image]"):
        assert debris not in _all_text(post)


def test_a_caption_is_spoken_as_a_picture_inside_its_chapter_and_left_out_of_the_easy_read():
    [post] = load_posts(REAL / "2016-07-20-what-we-learned-in-leeds.txt")
    script = post_script(post)
    chapters = [line.chapter for line in script if line.chapter]
    assert "Delegates at the Leeds event" not in chapters
    assert "Picture: Delegates at the Leeds event." in [line.text for line in script]
    easy = make_easy_read(post)
    assert not any("Delegates at the Leeds" in s for s in easy.sentences)


# ---- a saved Blogger page -------------------------------------------------------------------


def test_saved_blogger_page_reads_the_post_inside_the_blog_widget():
    [post] = load_posts(REAL / "2016-07-25-peer-support-in-wakefield.html")
    assert post.title == "Peer support in Wakefield: what the walking group taught us"
    assert post.date == dt.date(2016, 7, 25)
    assert post.authors == ("Maria Costa", "Dev Patel")
    assert post.author_role == "Wakefield Walking Group"
    assert post.tags == ("peer support",)
    assert post.lang == "en-GB"
    assert [b.text for b in _kinds(post, Heading)] == [
        "How it started",
        "What members told us",
        "What we want services to know",
    ]
    assert [b.text for b in _kinds(post, Caption)] == ["The walking group at Pugneys Country Park"]
    [told] = _kinds(post, BulletList)
    assert told.ordered and told.texts[0] == "A reason to get out of the house on a Saturday."
    assert [(s.text, s.href) for s in post.links] == [
        ("group page", "https://wakefieldwalkers.example.org/about")
    ]
    assert _kinds(post, Paragraph)[-1].text.endswith("on our group page.")


def test_saved_blogger_page_drops_the_page_furniture():
    [post] = load_posts(REAL / "2016-07-25-peer-support-in-wakefield.html")
    text = _all_text(post)
    for furniture in (
        "Co-Production Festival, July 2016",  # the blog's name in the header widget
        "Home",
        "Programme",
        "Posted by",
        "Email This",
        "Share to Twitter",
        "Labels",
        "Brilliant group",  # a comment
        "Post a Comment",
        "Newer Post",
        "Subscribe to",
        "Blog Archive",
        "About Me",
        "Powered by",
        "analytics",
    ):
        assert furniture not in text, furniture


def test_wordpress_page_with_entry_content_and_share_bar(tmp_path: Path):
    page = tmp_path / "2016-08-01-a-walk.html"
    page.write_text(
        """<!doctype html><html lang="en"><head><title>A walk | Voices</title></head><body>
        <header class="site-header"><p class="site-title">Voices</p></header>
        <article class="post-9 post type-post hentry">
          <header class="entry-header"><h1 class="entry-title">A walk by the canal</h1>
          <div class="entry-meta"><span class="posted-on"><time class="entry-date published"
            datetime="2016-08-01T10:00:00+00:00">1 August 2016</time></span>
            <span class="byline"> by <span class="author vcard"><a class="url fn n" href="/a/">Sue Smith</a>
            </span></span></div></header>
          <div class="entry-content">
          <p>We walked from Kirkstall to the city centre and talked all the way.</p>
          <p><strong>Who came</strong></p><p>Twelve of us, and two dogs.</p>
          <div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3>
            <ul><li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li></ul></div>
          <div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3><p>Another walk</p></div>
          </div></article>
        <div id="comments" class="comments-area"><p>Lovely!</p></div></body></html>""",
        encoding="utf-8",
    )
    [post] = load_posts(page)
    assert (post.title, post.date, post.authors) == (
        "A walk by the canal",
        dt.date(2016, 8, 1),
        ("Sue Smith",),
    )
    assert [b.text for b in _kinds(post, Heading)] == ["Who came"]
    assert "Twitter" not in _all_text(post) and "Related" not in _all_text(post)
    assert "Lovely" not in _all_text(post)


# ---- whole-blog exports ---------------------------------------------------------------------


def test_blogger_export_gives_the_published_posts_only():
    posts = load_posts(REAL / "blog-09-03-2016.xml")
    assert [p.title for p in posts] == [
        "Peer support in Wakefield",
        "Co-production is personal and political",
    ]
    wakefield, fisher = posts
    assert wakefield.date == dt.date(2016, 7, 25)
    assert wakefield.authors == ("Maria Costa", "Dev Patel")  # the byline in the post, not the account
    assert wakefield.tags == ("peer support", "Wakefield")
    assert [b.text for b in _kinds(wakefield, Heading)] == ["How it started"]
    assert "alert" not in _all_text(wakefield)
    assert (fisher.date, fisher.authors) == (dt.date(2016, 6, 21), ("Pamela Fisher",))
    assert fisher.author_role == "Senior Research Fellow, University of Leeds"
    assert fisher.slug == "co-production-is-personal-and-political"
    every = " ".join(_all_text(p) for p in posts)
    for skipped in ("Not ready to publish", "I joined last year", "b:skin", "Template"):
        assert skipped not in every


def test_blogger_takeout_export_status_and_type(tmp_path: Path):
    export = tmp_path / "feed.atom"
    export.write_text(
        """<?xml version='1.0' encoding='utf-8'?>
<feed xmlns='http://www.w3.org/2005/Atom' xmlns:blogger='http://schemas.google.com/blogger/2018'>
  <id>tag:blogger.com,1999:blog-42</id><title>Voices</title>
  <entry><id>tag:blogger.com,1999:blog-42.post-1</id><blogger:type>POST</blogger:type>
    <blogger:status>LIVE</blogger:status>
    <author><name>Sam Okafor</name><blogger:type>BLOGGER</blogger:type></author>
    <title>Seeds in spring</title>
    <content type='html'>&lt;p&gt;We sowed beans and peas in the rain.&lt;/p&gt;</content>
    <blogger:created>2017-03-01T10:00:00.000Z</blogger:created><published>2017-03-02T09:00:00Z</published>
    <category scheme='tag:blogger.com,1999:blog-42' term='garden'/>
    <blogger:filename>/2017/03/seeds.html</blogger:filename></entry>
  <entry><id>tag:blogger.com,1999:blog-42.post-2</id><blogger:type>POST</blogger:type>
    <blogger:status>DRAFT</blogger:status><title>Half written</title>
    <content type='html'>not yet</content></entry>
  <entry><id>tag:blogger.com,1999:blog-42.post-3</id><blogger:type>POST</blogger:type>
    <blogger:status>SOFT_TRASHED</blogger:status><title>Binned</title>
    <content type='html'>gone</content></entry>
  <entry><id>tag:blogger.com,1999:blog-42.page-4</id><blogger:type>PAGE</blogger:type>
    <blogger:status>LIVE</blogger:status><title>Contact</title>
    <content type='html'>Write to us.</content></entry>
  <entry><id>tag:blogger.com,1999:blog-42.post-1.comment-5</id><blogger:type>COMMENT</blogger:type>
    <blogger:status>LIVE</blogger:status><blogger:parent>tag:blogger.com,1999:blog-42.post-1</blogger:parent>
    <title></title><content type='html'>Nice beans</content></entry>
</feed>""",
        encoding="utf-8",
    )
    [post] = load_posts(export)
    assert (post.title, post.date, post.authors, post.tags) == (
        "Seeds in spring",
        dt.date(2017, 3, 2),
        ("Sam Okafor",),
        ("garden",),
    )


def test_wordpress_export_gives_one_post_per_published_post():
    posts = load_posts(REAL / "sisterblog.wordpress.2016-09-03.xml")
    assert [p.title for p in posts] == ["Our summer of listening", "Why we pay people for their time"]
    summer, pay = posts
    assert summer.date == dt.date(2016, 7, 28)
    assert summer.authors == ("Jim Leyland", "Ben Deutsch")  # Co-Authors Plus, display names
    assert summer.tags == ("Events", "co-production")
    assert summer.summary == "Six listening sessions, and what people told us."
    assert [b.text for b in _kinds(summer, Heading)] == ["What people told us"]
    told, sessions = _kinds(summer, BulletList)
    assert told.ordered and told.texts[-1] == "Pay people for their time."
    assert sessions.texts == ("Place: Chapeltown; Date: 12 July", "Place: Armley; Date: 19 July")
    assert [b.text for b in _kinds(summer, Caption)] == ["The Armley session at the community centre"]
    assert _kinds(summer, Paragraph)[0].text.startswith("This summer we held six listening sessions")
    assert (pay.authors, pay.tags) == (("Ben Deutsch",), ())
    assert [b.text for b in _kinds(pay, Heading)] == ["Time is worth something"]
    every = " ".join(_all_text(p) for p in posts)
    for skipped in ("Not finished yet", "We are a Leeds charity", "I came to the Armley one"):
        assert skipped not in every


def test_export_with_entities_is_refused_in_one_line(tmp_path: Path):
    export = tmp_path / "bomb.xml"
    export.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&b;</title>'
        "</item></channel></rss>",
        encoding="utf-8",
    )
    with pytest.raises(PostError) as caught:
        load_posts(export)
    assert str(caught.value).startswith(str(export)) and "entities" in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("line", "authors", "role"),
    [
        (
            "By Pamela Fisher, Senior Research Fellow, University of Leeds",
            ("Pamela Fisher",),
            "Senior Research Fellow, University of Leeds",
        ),
        (
            "By Jim Leyland and Ben Deutsch of Touchstone, a Leeds charity",
            ("Jim Leyland", "Ben Deutsch"),
            "Touchstone, a Leeds charity",
        ),
        ("By Anna Smith, Ben Jones and Cara Lee", ("Anna Smith", "Ben Jones", "Cara Lee"), None),
        (
            "By Pamela Fisher, Research and Development Lead",
            ("Pamela Fisher",),
            "Research and Development Lead",
        ),
        ("By the Leeds Survivor Led Crisis Service", ("the Leeds Survivor Led Crisis Service",), None),
        ("By Jim Leyland & Ben Deutsch", ("Jim Leyland", "Ben Deutsch"), None),
        # a byline written as a sentence: the full stop is not part of the name or role
        ("By Sam Jones.", ("Sam Jones",), None),
        ("By Sam Jones, Peer Worker.", ("Sam Jones",), "Peer Worker"),
        ("By J. K. Smith.", ("J. K. Smith",), None),
    ],
)
def test_bylines(line: str, authors: tuple[str, ...], role: str | None):
    byline = parse_byline(line)
    assert byline is not None and (byline.authors, byline.role) == (authors, role)


@pytest.mark.parametrize("line", ["By the end of the day we were tired.", "by bus and train we came"])
def test_sentences_starting_with_by_are_not_bylines(line: str):
    assert parse_byline(line) is None


def test_markdown_front_matter_lists_several_authors(tmp_path: Path):
    path = tmp_path / "two.md"
    path.write_text("---\ntitle: Two voices\nauthors: [Ann Lee, Bo Chan]\n---\nWe wrote this together.\n")
    [post] = load_posts(path)
    assert post.authors == ("Ann Lee", "Bo Chan") and post.author == "Ann Lee and Bo Chan"
    path.write_text("---\ntitle: Two voices\nauthor: Ann Lee and Bo Chan, Mind in Leeds\n---\nWe wrote it.\n")
    [post] = load_posts(path)
    assert (post.authors, post.author_role) == (("Ann Lee", "Bo Chan"), "Mind in Leeds")


# ---- broken input: one clear line, the other posts still load (issue 20 items 2 and 8) -------


def test_malformed_marked_section_in_html_does_not_stop_the_other_posts(tmp_path: Path):
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<html><body><h1>Broken page</h1><p>We met on Friday at the garden.</p><![CD\nATA[x]]></body></html>",
        encoding="utf-8",
    )
    good = tmp_path / "good.md"
    good.write_text("# Good\n\nThis one is fine.\n")
    posts, failed = _load_all([bad, good])
    assert "Good" in [p.title for p in posts]
    for outcome in failed:  # loading it is fine too; failing must be one line naming the file
        assert outcome.reason.startswith(str(bad)) and "\n" not in outcome.reason
    if not failed:
        assert "Broken page" in [p.title for p in posts]


def test_utf16_text_with_a_byte_order_mark_is_read(tmp_path: Path):
    path = tmp_path / "word.txt"
    path.write_bytes("Saved from Word\n\nWe meet on Friday at the café.\n".encode("utf-16"))
    [post] = load_posts(path)
    assert post.title == "Saved from Word"
    assert post.blocks[0].text == "We meet on Friday at the café."  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"---\ntitle: A walk\ndate: 2016-06-21\n\nWe walked.\n", "no closing '---'"),
        (
            b"---\ntitle: A walk\ndate: 2016-13-45\n---\nWe walked.\n",
            "date in the front matter does not exist",
        ),
        (b"---\ntitle: A walk\ndate: 2016-02-30\n---\nWe walked.\n", "write it as 2016-06-21"),
        ("a\x00b".encode("utf-16-le"), "binary"),  # no byte-order mark: not text we can tell
    ],
)
def test_front_matter_mistakes_say_what_to_fix(tmp_path: Path, data: bytes, expected: str):
    path = tmp_path / "post.md"
    path.write_bytes(data)
    with pytest.raises(PostError) as caught:
        load_posts(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and expected in message and "\n" not in message
    for internal in ("ValueError", "internal error", "Traceback", "Error:"):
        assert internal not in message


def test_no_message_reads_as_internals(tmp_path: Path):
    odd = [
        ("x.html", "<html><body><h1>T</h1><![CD\nATA[x]]>" + "<p>text</p>" * 3),
        ("y.md", "---\ntitle: T\ndate: 2016-99-99\n---\nText here.\n"),
        ("z.xml", "<rss><channel><item><title>T</title>"),
        ("w.xml", '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'),
    ]
    for name, text in odd:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        try:
            load_posts(path)
        except PostError as exc:
            assert "ValueError" not in str(exc) and "internal error" not in str(exc), str(exc)
            assert "\n" not in str(exc)


# ---- content that must not vanish silently (issue 20 item 9) --------------------------------


def test_markdown_table_is_read_row_by_row(tmp_path: Path):
    path = tmp_path / "times.md"
    path.write_text(
        "# Café times\n\nCome along:\n\n| Day | Time | Where |\n|---|---|---|\n"
        "| Monday | 2pm | [The hub](https://example.org/hub) |\n| Friday | 10am | Library |\n"
    )
    [post] = load_posts(path)
    [table] = _kinds(post, BulletList)
    assert table.texts == (
        "Day: Monday; Time: 2pm; Where: The hub",
        "Day: Friday; Time: 10am; Where: Library",
    )
    assert "|" not in _all_text(post)
    assert [(s.text, s.href) for s in post.links] == [("The hub", "https://example.org/hub")]


def test_raw_html_block_keeps_its_text_and_warns_about_what_was_left_out(tmp_path: Path):
    path = tmp_path / "html.md"
    path.write_text(
        '# With HTML\n\nBefore.\n\n<div class="box">\n<p>Booking opens on Monday.</p>\n'
        '<iframe src="https://video.example/x"></iframe>\n</div>\n\nAfter.\n'
    )
    [post] = load_posts(path)
    assert "Booking opens on Monday." in _all_text(post)
    assert any("<iframe>" in w and "left out" in w for w in post.warnings), post.warnings


def test_deeply_nested_lists_keep_their_text_or_warn(tmp_path: Path):
    path = tmp_path / "deep.md"
    twelve = "\n".join("  " * i + f"- level {i}" for i in range(12))
    path.write_text(f"# Deep\n\n{twelve}\n\nAfter the list.\n")
    [post] = load_posts(path)
    for i in range(12):
        assert f"level {i}" in _all_text(post)
    assert "After the list." in _all_text(post) and not post.warnings

    thirty = "\n".join("  " * i + f"- level {i}" for i in range(30))
    path.write_text(f"# Deep\n\n{thirty}\n\nAfter the list.\n")
    [post] = load_posts(path)
    assert any("nested" in w and "left out" in w for w in post.warnings), post.warnings


FRENCH = (
    "Nous nous retrouvons chaque mardi au jardin partagé. Tout le monde est bienvenu, et le thé est "
    "gratuit. Les membres du groupe choisissent ensemble ce qu'ils vont planter cette année."
)


def test_a_post_in_french_is_refused_not_read_by_the_english_voice(tmp_path: Path):
    path = tmp_path / "jardin.md"
    path.write_text(f"---\ntitle: Le jardin\n---\n{FRENCH}\n")
    with pytest.raises(PostError) as caught:
        load_posts(path)
    assert "French" in str(caught.value) and "English" in str(caught.value)

    path.write_text(f"---\ntitle: Le jardin\nlang: fr\n---\n{FRENCH}\n")
    with pytest.raises(PostError) as caught:
        load_posts(path)
    assert "marked as French (lang: fr)" in str(caught.value)


def test_english_with_a_few_welsh_words_is_built(tmp_path: Path):
    path = tmp_path / "welsh.md"
    path.write_text(
        "---\ntitle: Croeso\n---\nWe said bore da to everyone at the door. Croeso means welcome, "
        "and we felt welcome all day. Diolch to the volunteers who made the tea and the cakes.\n"
    )
    [post] = load_posts(path)
    assert post.lang == "en"


def test_lang_is_checked_as_a_language_tag(tmp_path: Path):
    page = tmp_path / "inject.html"
    page.write_text(
        """<html lang='en"><script>alert(10)</script>'><body>"""
        "<h1>T</h1><p>We met at the garden.</p></body></html>",
        encoding="utf-8",
    )
    [post] = load_posts(page)
    assert post.lang == "en"
    assert any("not a language tag" in w for w in post.warnings)
    md = tmp_path / "gb.md"
    md.write_text("---\ntitle: T\nlang: en-gb\n---\nWe met at the garden.\n")
    [post] = load_posts(md)
    assert (post.lang, post.warnings) == ("en-GB", ())


def test_a_french_post_on_a_blog_whose_template_says_english_is_refused(tmp_path: Path):
    page = tmp_path / "jardin.html"
    page.write_text(
        f'<html lang="en"><body><article><h1>Le jardin</h1><p>{FRENCH}</p></article></body></html>'
    )
    with pytest.raises(PostError, match="French"):
        load_posts(page)


@pytest.mark.parametrize(
    "line",
    [
        "By 2020, we had grown to thirty members.",
        "By Sunday, everyone was tired.",
        "By then, we knew.",
        "By then, we had grown.",
    ],
)
def test_paragraphs_that_open_with_by_are_kept_as_text(line: str):
    assert parse_byline(line) is None


def test_one_unreadable_entry_does_not_cost_the_rest_of_the_export(tmp_path: Path):
    export = tmp_path / "export.xml"
    long_word = "x" * 80
    export.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>
        <item><title>Good</title><description>&lt;p&gt;We met at the garden.&lt;/p&gt;</description></item>
        <item><title>Glued</title><description>&lt;p&gt;"""
        + long_word
        + """&lt;/p&gt;</description></item>
        <item><title>Le jardin</title><description>&lt;p&gt;"""
        + FRENCH
        + """&lt;/p&gt;</description></item>
        </channel></rss>""",
        encoding="utf-8",
    )
    [good] = load_posts(export)
    assert good.title == "Good"
    note = " ".join(good.warnings)
    assert "'Glued'" in note and "'Le jardin'" in note and "French" in note


@pytest.mark.slow
def test_a_scraped_post_with_captions_and_two_writers_builds(tmp_path: Path, speech_cache: Path):
    import json
    import shutil

    import pdfplumber

    from accessible_pub.pipeline import build

    from conftest import make_settings

    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(REAL / "2016-07-20-what-we-learned-in-leeds.txt", content)
    report = build(make_settings(content, tmp_path / "out", speech_cache))
    assert not report.failed, [o.reason for o in report.failed]
    bundle = tmp_path / "out" / "what-we-learned-at-the-leeds-event"
    slug = bundle.name
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["post"]["authors"] == ["Jim Leyland", "Ben Deutsch"]
    chapters = json.loads((bundle / f"{slug}-chapters.json").read_text())["chapters"]
    assert [c["title"] for c in chapters] == [
        "What we learned at the Leeds event",
        "Organisations big and small contributed",
        "Three things we agreed",
        "What happens next",
    ]
    captions = (bundle / f"{slug}.vtt").read_text()
    assert "Picture: Delegates at the Leeds event." in captions
    assert "By Jim Leyland and Ben Deutsch, Touchstone" in captions
    with pdfplumber.open(bundle / f"{slug}-large-print.pdf") as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert "Picture: Delegates at the Leeds event." in text


# ---- fuzz: any HTML inside an export entry, any text as a scraped post ----------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_HTMLISH = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<b>",
            "</b>",
            "<br />",
            "<ol>",
            "<li>",
            "</ol>",
            "<table>",
            "<tr>",
            "<td>",
            "<th>",
            "</table>",
            '<div class="tr-caption">',
            "</div>",
            "<figure>",
            "<figcaption>",
            "<![CD\nATA[",
            "]]>",
            "<!-- c -->",
            "\n\n",
            "\n",
            "By Ann Lee and Bo Chan, Mind",
            "1. ",
            "Photo: ",
            "We met. ",
            "Short title",
            "&amp;",
            "<h2>",
            "</h2>",
            "<img src=x>",
            "|a|b|\n|-|-|\n|1|2|\n",
        ]
    )
    | st.text(max_size=30),
    max_size=40,
).map("".join)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_HTMLISH, title=st.text(max_size=20), wordpress=st.booleans())
def test_any_entry_html_in_an_export_loads_or_fails_with_our_error(
    tmp_path: Path, body: str, title: str, wordpress: bool
):
    path = tmp_path / "export.xml"
    if wordpress:
        xml = (
            '<?xml version="1.0"?>'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
            f"<title>{_escape(title)}</title><content:encoded>{_escape(body)}</content:encoded>"
            "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>"
        )
    else:
        xml = (
            "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry>"
            "<category scheme='http://schemas.google.com/g/2005#kind' "
            "term='http://schemas.google.com/blogger/2008/kind#post'/>"
            f"<title>{_escape(title)}</title><content type='html'>{_escape(body)}</content></entry></feed>"
        )
    path.write_text(xml, encoding="utf-8", errors="replace")
    try:
        posts = load_posts(path)
    except PostError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
    else:
        assert posts and all(p.title and p.slug and p.blocks for p in posts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_HTMLISH, suffix=st.sampled_from([".txt", ".html", ".md"]))
def test_any_mix_of_blog_shapes_loads_or_fails_with_our_error(tmp_path: Path, body: str, suffix: str):
    path = tmp_path / f"post{suffix}"
    path.write_text("A title\n\n" + body, encoding="utf-8", errors="replace")
    try:
        posts = load_posts(path)
    except PostError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
    else:
        assert posts and all(p.title and p.blocks for p in posts)


def test_a_page_byline_ending_in_a_full_stop_names_the_author(tmp_path: Path):
    page = tmp_path / "2016-07-11-garden.html"
    page.write_text(
        "<html lang='en'><body><article><h1>Come to the garden</h1><p>By Sam Jones.</p>"
        "<p>The garden group meets on Tuesday. Everyone is welcome to come along.</p></article></body></html>"
    )
    [post] = load_posts(page)
    assert post.authors == ("Sam Jones",)
