"""The festival-wide files, written after the bundles: index page, podcast feed, zips.

They are made from the bundles' manifests, so they list exactly what is on disk. Each zip
carries, as its zip comment, a fingerprint of what it was made from (the manifests, which hold
every file's checksum, and the festival's settings); a build compares it with the bundles on
disk and rewrites only what disagrees. So a no-op build stays instant, and a build killed
between a bundle swap and these files leaves them stale only until the next build.
`festival.zip` is written last: its fingerprint vouches for the index and feed written before it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

from .. import __version__
from ..config import Settings
from ..manifest import MANIFEST, BundleManifest, read_manifest
from ..easyread.pictures import CREDIT as PICTURE_CREDIT
from ..errors import festival_step
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


def read_manifests(output_dir: Path, slugs: list[str]) -> list[BundleManifest]:
    """The manifests of these bundles that can be read (see `read_manifest`)."""
    return [m for slug in slugs if (m := read_manifest(output_dir / slug)) is not None]


def newest_first(manifests: list[BundleManifest]) -> list[BundleManifest]:
    return sorted(manifests, key=lambda m: m.post.date or dt.date.min, reverse=True)


def _entry(manifest: BundleManifest) -> IndexEntry:
    post, picture = manifest.post, manifest.easy_read.picture
    return IndexEntry(
        title=post.title,
        href=f"{post.slug}/index.html",
        date=long_date(post.date) if post.date else None,
        date_iso=post.date.isoformat() if post.date else None,
        author=post.author,
        summary=post.summary,
        picture={"src": f"{post.slug}/{picture}"} if picture else None,
    )


def _festival_readme(manifests: list[BundleManifest], festival: str) -> bytes:
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
    lines += [f"- {m.post.slug}/: {m.post.title}" for m in manifests]
    lines += ["", *CREDITS, ""]
    return "\n".join(lines).encode()


def _manifest_hash(bundle: Path) -> str | None:
    try:
        return hashlib.sha256((bundle / MANIFEST).read_bytes()).hexdigest()
    except OSError:
        return None


def _zip_fingerprint(path: Path) -> bytes | None:
    """The fingerprint a zip was written with, or None when it is missing or not a whole zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment
    except (OSError, zipfile.BadZipFile):
        return None


def _fingerprint(*parts: object) -> bytes:
    text = json.dumps(["accessible-pub", __version__, *parts], sort_keys=True, default=str)
    return b"accessible-pub " + hashlib.sha256(text.encode()).hexdigest().encode()


def write_site(settings: Settings, slugs: list[str]) -> list[Path]:
    """Write the index, feed and zips for the given bundles; returns the files written."""
    output = settings.output_dir
    scratch = staging_dir(output)
    written: list[Path] = []
    hashes: dict[str, str] = {}
    for slug in slugs:
        manifest_hash = _manifest_hash(output / slug)
        if manifest_hash is None:
            continue
        hashes[slug] = manifest_hash
        target = output / f"{slug}.zip"
        fingerprint = _fingerprint("post zip", manifest_hash)
        if _zip_fingerprint(target) != fingerprint:
            with festival_step(f"the zip of {slug}"):
                zipped = zip_folders([(slug, output / slug)], comment=fingerprint)
                write_atomic(target, zipped, scratch=scratch)
            written.append(target)
    with festival_step("the web style sheet"):
        css = sheet("web.css", settings.styles_dir).read_bytes()
    fingerprint = _fingerprint(
        "festival",
        sorted(hashes.items()),
        settings.festival,
        settings.site_url,
        settings.lang,
        hashlib.sha256(css).hexdigest(),
    )
    if _zip_fingerprint(output / "festival.zip") == fingerprint and all(
        (output / name).exists() for name in SITE_FILES
    ):
        return written
    manifests = newest_first(read_manifests(output, list(hashes)))
    with festival_step("the index page"):
        index = index_page(
            [_entry(m) for m in manifests], festival=settings.festival, credits=CREDITS, lang=settings.lang
        ).encode()
    with festival_step("the podcast feed"):
        feed = podcast_feed(
            manifests, festival=settings.festival, site_url=settings.site_url, lang=settings.lang
        )
    for step, name, data in (
        ("the index page", "index.html", index),
        ("the podcast feed", "feed.xml", feed),
        ("the web style sheet", "site.css", css),
    ):
        with festival_step(step):
            write_atomic(output / name, data, scratch=scratch)
        written.append(output / name)
    with festival_step("the festival zip"):
        festival_zip = zip_folders(
            [(m.post.slug, output / m.post.slug) for m in manifests],
            extra={
                "index.html": index,
                "feed.xml": feed,
                "site.css": css,
                "README.txt": _festival_readme(manifests, settings.festival),
            },
            comment=fingerprint,
        )
        write_atomic(output / "festival.zip", festival_zip, scratch=scratch)
    return [*written, output / "festival.zip"]
