"""The festival-wide files, written after the bundles: index page, podcast feed, zips.

They are made from the bundles' manifests, so they list exactly what is on disk. When no
bundle changed and every file is there, nothing is rewritten (a no-op build stays instant).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ..config import Settings
from ..easyread.pictures import CREDIT as PICTURE_CREDIT
from ..model import long_date
from ..styles import sheet
from .bundles import staging_dir, write_atomic
from .feed import podcast_feed
from .pages import IndexEntry, index_page
from .zips import zip_folders

SITE_FILES = ("index.html", "feed.xml", "site.css", "festival.zip")
# also in output/, written by every build: report.html and build.json (see report.py)
CREDITS = [
    "Audio: offline text-to-speech (each post's README names the voice).",
    PICTURE_CREDIT,
    "Made with accessible-pub.",
]


def read_manifests(output_dir: Path, slugs: list[str]) -> list[dict[str, Any]]:
    found = []
    for slug in slugs:
        try:
            found.append(json.loads((output_dir / slug / "manifest.json").read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return found


def _entry(manifest: dict[str, Any]) -> IndexEntry:
    post = manifest["post"]
    date = dt.date.fromisoformat(post["date"]) if post.get("date") else None
    picture = manifest.get("easy_read", {}).get("picture")
    return IndexEntry(
        title=post["title"],
        href=f"{post['slug']}/index.html",
        date=long_date(date) if date else None,
        date_iso=date.isoformat() if date else None,
        author=post.get("author"),
        summary=post.get("summary"),
        picture={"src": f"{post['slug']}/{picture}"} if picture else None,
    )


def _festival_readme(manifests: list[dict[str, Any]], festival: str) -> bytes:
    lines = [
        festival,
        "",
        "This zip file has every post of the festival in different ways:",
        "easy read, audio, large print, a read-along book,",
        "talking books for DAISY players and braille files (BRF).",
        "",
        "Open index.html in a web browser to choose a post.",
        "",
        "Posts:",
    ]
    lines += [f"- {m['post']['slug']}/: {m['post']['title']}" for m in manifests]
    lines += ["", *CREDITS, ""]
    return "\n".join(lines).encode()


def write_site(settings: Settings, slugs: list[str], changed: list[str]) -> list[Path]:
    """Write the index, feed and zips for the given bundles; returns the files written."""
    output = settings.output_dir
    written: list[Path] = []
    for slug in slugs:
        target = output / f"{slug}.zip"
        if (slug in changed or not target.exists()) and (output / slug / "manifest.json").is_file():
            write_atomic(target, zip_folders([(slug, output / slug)]), scratch=staging_dir(output))
            written.append(target)
    state = settings.cache_dir / "site-state.json" if settings.cache_dir else None
    listing = json.dumps([str(output.resolve()), sorted(slugs)])
    current = state is not None and state.exists() and state.read_text(encoding="utf-8") == listing
    if not changed and current and all((output / name).exists() for name in SITE_FILES):
        return written
    manifests = read_manifests(output, slugs)
    manifests.sort(key=lambda m: m["post"].get("date") or "", reverse=True)
    index = index_page(
        [_entry(m) for m in manifests], festival=settings.festival, credits=CREDITS, lang=settings.lang
    ).encode()
    feed = podcast_feed(manifests, festival=settings.festival, site_url=settings.site_url, lang=settings.lang)
    css = sheet("web.css", settings.styles_dir).read_bytes()
    for name, data in (("index.html", index), ("feed.xml", feed), ("site.css", css)):
        write_atomic(output / name, data, scratch=staging_dir(output))
        written.append(output / name)
    festival_zip = zip_folders(
        [(m["post"]["slug"], output / m["post"]["slug"]) for m in manifests],
        extra={
            "index.html": index,
            "feed.xml": feed,
            "site.css": css,
            "README.txt": _festival_readme(manifests, settings.festival),
        },
    )
    write_atomic(output / "festival.zip", festival_zip, scratch=staging_dir(output))
    if state is not None:
        write_atomic(state, listing.encode())  # in the cache, not in output/
    return [*written, output / "festival.zip"]
