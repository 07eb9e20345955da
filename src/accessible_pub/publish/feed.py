"""The podcast feed: RSS 2.0 with the tags podcast apps read (iTunes and Podcasting 2.0).

One episode per audio file (the easy-read version and the whole post), each with an enclosure
(URL, exact length in bytes, type), its duration, a WebVTT transcript and JSON chapters.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from urllib.parse import quote
from xml.etree import ElementTree as ET

from ..manifest import BundleManifest, FileKind
from ..text import clock

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("itunes", ITUNES)
ET.register_namespace("podcast", PODCAST)
ET.register_namespace("atom", ATOM)


def _url(base: str, slug: str, name: str) -> str:
    return f"{base.rstrip('/')}/{quote(slug)}/{quote(name)}"


def podcast_feed(manifests: list[BundleManifest], *, festival: str, site_url: str, lang: str = "en") -> bytes:
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = f"{festival} (easy read and audio)"
    ET.SubElement(channel, "link").text = site_url
    ET.SubElement(
        channel, "description"
    ).text = f"Posts from the {festival}, read aloud: each in easy read and in full."
    ET.SubElement(channel, "language").text = lang
    ET.SubElement(
        channel,
        f"{{{ATOM}}}link",
        {"href": f"{site_url.rstrip('/')}/feed.xml", "rel": "self", "type": "application/rss+xml"},
    )
    ET.SubElement(channel, f"{{{ITUNES}}}author").text = festival
    ET.SubElement(channel, f"{{{ITUNES}}}explicit").text = "false"
    ET.SubElement(channel, f"{{{ITUNES}}}category", {"text": "Health & Fitness"})
    for manifest in sorted(manifests, key=lambda m: m.post.date or dt.date.min, reverse=True):
        post = manifest.post
        for kind, captions, chapters, label, audio in (
            (
                FileKind.EASY_READ_AUDIO,
                FileKind.EASY_READ_CAPTIONS,
                FileKind.EASY_READ_CHAPTERS,
                " (easy read)",
                manifest.audio.easy_read,
            ),
            (FileKind.AUDIO, FileKind.CAPTIONS, FileKind.CHAPTERS, "", manifest.audio.original),
        ):
            mp3 = manifest.file(kind)
            if mp3 is None:
                continue
            item = ET.SubElement(channel, "item")
            ET.SubElement(item, "title").text = f"{post.title}{label}"
            ET.SubElement(item, "link").text = _url(site_url, post.slug, "index.html")
            ET.SubElement(
                item, "guid", {"isPermaLink": "false"}
            ).text = f"{post.slug}/{mp3.path}#{mp3.sha256[:12]}"
            ET.SubElement(item, "description").text = post.summary or f"{post.title}, read aloud."
            if post.date:
                day = dt.datetime.combine(post.date, dt.time(), tzinfo=dt.timezone.utc)
                ET.SubElement(item, "pubDate").text = email.utils.format_datetime(day)
            if post.author:
                ET.SubElement(item, f"{{{ITUNES}}}author").text = post.author
            ET.SubElement(
                item,
                "enclosure",
                {"url": _url(site_url, post.slug, mp3.path), "length": str(mp3.bytes), "type": "audio/mpeg"},
            )
            ET.SubElement(item, f"{{{ITUNES}}}duration").text = clock(audio.duration_s)
            if (transcript := manifest.file(captions)) is not None:
                ET.SubElement(
                    item,
                    f"{{{PODCAST}}}transcript",
                    {
                        "url": _url(site_url, post.slug, transcript.path),
                        "type": "text/vtt",
                        "language": post.lang or lang,
                        "rel": "captions",
                    },
                )
            if (marks := manifest.file(chapters)) is not None:
                ET.SubElement(
                    item,
                    f"{{{PODCAST}}}chapters",
                    {"url": _url(site_url, post.slug, marks.path), "type": "application/json+chapters"},
                )
    ET.indent(rss)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"
