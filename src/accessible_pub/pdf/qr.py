"""From paper to audio: the QR code and short address a printed PDF carries to the post's page,
where its audio plays. Made with segno (pure Python, no image library) as a PNG of one pixel a
module, drawn without smoothing (`image-rendering: pixelated`), so it is sharp at any print size;
as SVG, its hundreds of little paths made measuring the PDF's text sizes slower.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote, urlsplit

import segno


@dataclass(frozen=True)
class Listen:
    """What a PDF prints to lead to the audio."""

    url: str  # what the QR code holds
    address: str  # the same, short, as people type it
    qr: str  # a data: URL of the QR code as PNG


def _is_local(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def listen_url(site_url: str, slug: str) -> str | None:
    """The post's page (its audio players come first) when `site_url` is where output/ is
    published; None for the local preview address (a QR code to 127.0.0.1 leads nowhere)."""
    parts = urlsplit(site_url.strip())
    if parts.scheme not in ("http", "https") or _is_local(parts.hostname or ""):
        return None
    return f"{site_url.strip().rstrip('/')}/{quote(slug, safe='')}/"


def short_address(url: str) -> str:
    """A web address as people type it: no scheme, no 'www.', no trailing slash."""
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url).rstrip("/")


@cache  # a warm build finds its cached PDF by the HTML, which holds the code: draw it once
def listen_box(url: str) -> Listen:
    # error correction M: a printed code still scans with a fold or a smudge across it
    code = segno.make(url, error="m", micro=False)
    return Listen(
        url=url,
        address=short_address(url),
        qr=code.png_data_uri(scale=1, border=4, dark="#000", light="#fff"),
    )
