"""A bundle's `manifest.json`, typed: what the bundle holds and what was measured in it.

`plan.py` makes one, `publish/bundles.py` writes it with the bundle, and everything that reads
a bundle afterwards (the up-to-date check, the index, the podcast feed, the build report) reads
it back with `read_manifest`: one shape, checked on the way in, instead of string keys in every
reader. On disk it is plain JSON with the same keys as before it was typed, plus `schema`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

import msgspec

from . import __version__
from .model import Finding, Scores

# The shape's version: raised when a key changes meaning or goes, so an old reader skips a
# manifest it would misread (and a build rebuilds the bundle) instead of guessing.
SCHEMA = 1
MANIFEST = "manifest.json"


class FileKind(StrEnum):
    """What a file in a bundle is for. The values are the `kind` strings on disk."""

    EASY_READ_PDF = "easy-read-pdf"
    LARGE_PRINT_PDF = "large-print-pdf"
    EASY_READ_AUDIO = "easy-read-audio"
    EASY_READ_CAPTIONS = "easy-read-captions"
    EASY_READ_CHAPTERS = "easy-read-chapters"
    AUDIO = "audio"  # the whole post, read aloud
    CAPTIONS = "captions"
    CHAPTERS = "chapters"
    READ_ALONG_BOOK = "read-along-book"
    EASY_READ_TEXT = "easy-read-text"
    PICTURE = "picture"
    WEB_PAGE = "web-page"
    WEB_STYLE = "web-style"
    README = "readme"
    EASY_READ_TALKING_BOOK = "easy-read-talking-book"  # DAISY 2.02 (publish/daisy.py)
    TALKING_BOOK = "talking-book"
    EASY_READ_BRAILLE = "easy-read-braille"  # BRF (publish/braille.py)
    BRAILLE = "braille"


@dataclass(frozen=True)
class Generator:
    name: str = "accessible-pub"
    version: str = __version__


@dataclass(frozen=True)
class PostFacts:
    title: str
    slug: str
    date: dt.date | None
    author: str | None  # every name in `authors`, joined
    authors: tuple[str, ...]
    author_role: str | None
    summary: str | None
    tags: tuple[str, ...]
    lang: str
    source: str


@dataclass(frozen=True)
class MissingFact:
    kind: str
    value: str


@dataclass(frozen=True)
class EasyReadFacts:
    origin: str  # "generated" or the person-edited file it was read from
    reviewed: bool
    reviewed_by: str | None
    reviewed_on: dt.date | None
    changed_since_review: bool | None
    facts_missing: tuple[MissingFact, ...]
    picture: str | None  # the headline picture, relative to the bundle


@dataclass(frozen=True)
class ReadabilityFacts:
    original: Scores
    easy_read: Scores | None
    easy_read_errors: int
    easy_read_warnings: int
    silenced: int  # findings silenced by comments in the easy-read file
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class AudioFacts:
    words_heard_wrong: float | None  # share, when `[audio] listen_check` heard the file
    duration_s: float
    words: int
    words_per_minute: float
    lufs: float
    true_peak_dbtp: float
    engine: str
    voice: str
    sentences: int
    chapters: tuple[str, ...]
    synthesised: int
    from_cache: int
    synthesis_seconds: float
    speed_setting: float  # the engine's rate setting chosen for this file (audio/rate.py)


@dataclass(frozen=True)
class AudioSection:
    original: AudioFacts
    easy_read: AudioFacts


@dataclass(frozen=True)
class LargePrintFacts:
    pages: int
    font_size_pt: float
    smallest_text_pt: float
    paper: str
    colours: str


@dataclass(frozen=True)
class EasyReadPdfFacts:
    pages: int
    font_size_pt: float
    smallest_text_pt: float


@dataclass(frozen=True)
class PdfSection:
    large_print: LargePrintFacts
    easy_read: EasyReadPdfFacts


@dataclass(frozen=True)
class TalkingBookFacts:
    path: str
    sentences: int


@dataclass(frozen=True)
class BrailleFileFacts:
    grade: int
    pages: int


@dataclass(frozen=True)
class BrailleFacts:
    cells_per_line: int
    lines_per_page: int
    post: BrailleFileFacts
    easy_read: BrailleFileFacts


@dataclass(frozen=True)
class FileEntry:
    path: str  # relative to the bundle
    kind: FileKind
    description: str
    bytes: int
    sha256: str


@dataclass(frozen=True)
class BundleManifest:
    schema: int
    generator: Generator
    post: PostFacts
    easy_read: EasyReadFacts
    readability: ReadabilityFacts
    audio: AudioSection
    pdf: PdfSection
    listen_url: str | None  # where each PDF's QR code leads; None without a published site_url
    talking_books: dict[str, TalkingBookFacts]  # "easy_read" and "post", those that were made
    braille: BrailleFacts | None  # None when no braille file was made
    warnings: tuple[str, ...]
    inputs: str = ""  # fingerprint of everything that shaped the bundle (pipeline.post_inputs)
    files: tuple[FileEntry, ...] = ()

    def file(self, kind: FileKind) -> FileEntry | None:
        """The bundle's first file of this kind (each kind but pictures has one)."""
        return next((f for f in self.files if f.kind is kind), None)

    def with_files(self, files: tuple[FileEntry, ...]) -> BundleManifest:
        return replace(self, files=files)


def manifest_json(manifest: BundleManifest) -> str:
    """The manifest as it is written: indented UTF-8 JSON, keys in the order of the fields."""
    return json.dumps(msgspec.to_builtins(manifest), indent=2, ensure_ascii=False) + "\n"


def write_manifest(bundle_dir: Path, manifest: BundleManifest) -> Path:
    """Write `bundle_dir/manifest.json`. The bundle is written in a staging folder and swapped into
    place whole (`publish/bundles.py`), so this plain write is atomic where it matters."""
    path = bundle_dir / MANIFEST
    path.write_text(manifest_json(manifest), encoding="utf-8")
    return path


def parse_manifest(text: str) -> BundleManifest:
    """A manifest from its JSON; ValueError (naming the key) when it is not one of this schema."""
    try:
        data = json.loads(text)
        manifest = msgspec.convert(data, BundleManifest)
    except (ValueError, msgspec.ValidationError) as exc:  # ValidationError is a ValueError too
        raise ValueError(f"not a bundle manifest ({exc})") from exc
    if manifest.schema != SCHEMA:
        raise ValueError(f"manifest schema {manifest.schema}, this version reads {SCHEMA}")
    return manifest


def read_manifest(bundle_dir: Path) -> BundleManifest | None:
    """The manifest of the bundle in `bundle_dir`, or None when there is none this version can
    read (missing, half-written by a killed build, or from another schema): such a bundle is
    rebuilt, and left out of the index until it is."""
    try:
        return parse_manifest((bundle_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
