"""The podcast feed: RSS 2.0 with the tags podcast apps read (iTunes and Podcasting 2.0).

One episode per audio file (the easy-read version and the whole post), each with an enclosure
(URL, exact length in bytes, type), its duration, a WebVTT transcript and JSON chapters.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree as ET

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("itunes", ITUNES)
ET.register_namespace("podcast", PODCAST)
ET.register_namespace("atom", ATOM)


def _duration(seconds: float) -> str:
    whole = int(round(seconds))
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _url(base: str, slug: str, name: str) -> str:
    return f"{base.rstrip('/')}/{quote(slug)}/{quote(name)}"


def podcast_feed(manifests: list[dict[str, Any]], *, festival: str, site_url: str, lang: str = "en") -> bytes:
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
    for manifest in sorted(manifests, key=lambda m: m["post"].get("date") or "", reverse=True):
        post = manifest["post"]
        files = {f["kind"]: f for f in manifest["files"]}
        slug = post["slug"]
        for kind, captions, chapters, label, audio_key in (
            ("easy-read-audio", "easy-read-captions", "easy-read-chapters", " (easy read)", "easy_read"),
            ("audio", "captions", "chapters", "", "original"),
        ):
            if kind not in files:
                continue
            audio = files[kind]
            item = ET.SubElement(channel, "item")
            ET.SubElement(item, "title").text = f"{post['title']}{label}"
            ET.SubElement(item, "link").text = _url(site_url, slug, "index.html")
            ET.SubElement(
                item, "guid", {"isPermaLink": "false"}
            ).text = f"{slug}/{audio['path']}#{audio['sha256'][:12]}"
            ET.SubElement(item, "description").text = post.get("summary") or f"{post['title']}, read aloud."
            if post.get("date"):
                day = dt.datetime.fromisoformat(post["date"]).replace(tzinfo=dt.timezone.utc)
                ET.SubElement(item, "pubDate").text = email.utils.format_datetime(day)
            if post.get("author"):
                ET.SubElement(item, f"{{{ITUNES}}}author").text = post["author"]
            ET.SubElement(
                item,
                "enclosure",
                {
                    "url": _url(site_url, slug, audio["path"]),
                    "length": str(audio["bytes"]),
                    "type": "audio/mpeg",
                },
            )
            seconds = manifest["audio"][audio_key]["duration_s"]
            ET.SubElement(item, f"{{{ITUNES}}}duration").text = _duration(seconds)
            if captions in files:
                ET.SubElement(
                    item,
                    f"{{{PODCAST}}}transcript",
                    {
                        "url": _url(site_url, slug, files[captions]["path"]),
                        "type": "text/vtt",
                        "language": post.get("lang") or lang,
                        "rel": "captions",
                    },
                )
            if chapters in files:
                ET.SubElement(
                    item,
                    f"{{{PODCAST}}}chapters",
                    {
                        "url": _url(site_url, slug, files[chapters]["path"]),
                        "type": "application/json+chapters",
                    },
                )
    ET.indent(rss)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"
