"""Plan one post's bundle: run every stage in memory and return the files and the manifest.

`make` runs the stages (easy read, audio, PDFs, checks) into one `Made`; then one small planner
per output (PDFs, audio, read-along book, easy-read text, talking books, braille, pictures, web
page, README) turns it into `BundleFile`s, and `plan_manifest` into the `BundleManifest`. Nothing
is written here; `pipeline.py` writes the `BundlePlan` in one step when it is complete.
This module imports the heavy engines (Piper, WeasyPrint, NumPy), so the pipeline imports it
only when a post really needs building.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from . import __version__
from .audio import AudioResult, PostAudio, SentenceCache, Tags, easy_read_script, post_script
from .audio.listen import WORDS_HEARD_WRONG_LIMIT, Hearing
from .audio.rate import FEWEST_WORDS_TO_TUNE, RATE_TARGETS
from .audio.script import Line
from .audio.speech_text import load_pronunciations
from .cache import BlobCache
from .readability.gate import check_easy_read_text
from .readability.rules import CheckResult
from .config import Settings, source_date
from .easyread import easy_read_for, to_markdown
from .easyread.data import WordData
from .easyread.facts import Fact, missing_facts
from .easyread.pictures import CREDIT as PICTURE_CREDIT
from .easyread.transforms import split_sentences
from .errors import RenderError
from .manifest import (
    SCHEMA,
    AudioFacts,
    AudioSection,
    BrailleFacts,
    BrailleFileFacts,
    BundleManifest,
    EasyReadFacts,
    EasyReadPdfFacts,
    FileKind,
    Generator,
    LargePrintFacts,
    MissingFact,
    PdfSection,
    PostFacts,
    ReadabilityFacts,
    TalkingBookFacts,
)
from .model import BulletList, Caption, EasyRead, Heading, Idea, Post, Scores
from .pdf import PdfResult, render_easy_read, render_large_print
from .pdf.qr import listen_url
from .publish import BundleFile
from .publish.braille import BrailleUnavailable, braille_file, easy_read_blocks, post_blocks
from .publish.daisy import BookInfo, book_identifier, talking_book
from .publish.epub import Clip, read_along_book
from .publish.pages import AudioEntry, Download, human_size, post_page
from .readability import score
from .styles import sheet
from .text import minutes_in_words

Progress = Callable[[str, str], None]  # (post slug, what is happening)

# The files the web page offers to download (the rest are for players, readers and editors).
_DOWNLOADS = (
    FileKind.EASY_READ_PDF,
    FileKind.LARGE_PRINT_PDF,
    FileKind.EASY_READ_AUDIO,
    FileKind.AUDIO,
    FileKind.READ_ALONG_BOOK,
    FileKind.EASY_READ_TALKING_BOOK,
    FileKind.TALKING_BOOK,
    FileKind.EASY_READ_BRAILLE,
    FileKind.BRAILLE,
)

VOICE_CREDITS = {
    "piper": "The audio was made with Piper text-to-speech and the en_US-joe-medium voice (CC0).",
    "espeak": "The audio was made with eSpeak NG text-to-speech (GPL-3.0).",
    "gtts": "The audio was made with Google Translate text-to-speech, through gTTS.",
}


def original_sentences(post: Post) -> list[str]:
    out: list[str] = []
    for block in post.blocks:
        if isinstance(block, (Heading, Caption)):
            continue
        out.extend(block.texts if isinstance(block, BulletList) else split_sentences(block.text))
    return out


@dataclass
class Context:
    settings: Settings
    cache: SentenceCache
    pronunciations: dict[str, str]
    styles_dir: Path
    pdf_cache: BlobCache

    @classmethod
    def for_settings(cls, settings: Settings) -> Context:
        return cls(
            settings=settings,
            cache=SentenceCache(settings.cache_dir / "speech" if settings.cache_dir else None),
            pronunciations=load_pronunciations(settings.content_dir / "pronunciations.toml"),
            styles_dir=settings.styles_dir,
            pdf_cache=BlobCache(settings.cache_dir / "pdf" if settings.cache_dir else None),
        )


def _chapters_json(result: AudioResult) -> bytes:
    """Podcasting 2.0 chapters (podcastindex.org JSON chapters format)."""
    chapters = [{"startTime": round(c.start, 3), "title": c.title} for c in result.chapters]
    return (
        json.dumps({"version": "1.2.0", "chapters": chapters}, indent=2, ensure_ascii=False) + "\n"
    ).encode()


def _headline_picture(easy: EasyRead) -> str | None:
    """The picture of the first idea after the introduction: it says what the post is about."""
    pictures = [b.picture for b in easy.blocks if isinstance(b, Idea) and b.picture and b.picture.path]
    chosen = pictures[1] if len(pictures) > 1 else (pictures[0] if pictures else None)
    return f"pictures/{chosen.name}.svg" if chosen else None


def _web_css(styles_dir: Path) -> bytes:
    path = sheet("web.css", styles_dir)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RenderError(f"style sheet {path} cannot be read ({exc.strerror or exc})") from exc


def _readme(post: Post, files: list[BundleFile], credits: list[str]) -> str:
    lines = [
        f"{post.title}",
        "",
        "This folder has the same writing in different ways.",
        "Choose the one that suits you.",
        "",
    ]
    for f in files:
        if f.kind not in (FileKind.PICTURE, FileKind.WEB_STYLE):
            lines.append(f"- {f.name}: {f.description}")
    if any(f.kind is FileKind.PICTURE for f in files):
        lines.append("- pictures/: the pictures shown beside the easy read words")
    lines += ["", "Open index.html in a web browser to see, hear and download everything.", "", *credits, ""]
    return "\n".join(lines)


def _listen_check(slug: str, original: AudioResult, easy: AudioResult) -> dict[str, Hearing]:
    """Each MP3 heard by the offline recogniser (`[audio] listen_check`), by file name."""
    import os

    from .audio.listen import Said, listen
    from .audio.speech_text import spoken

    out = {}
    for name, result in ((f"{slug}-easy-read.mp3", easy), (f"{slug}.mp3", original)):
        said = [Said(c.start, c.end, c.text) for c in result.cues]
        out[name] = listen(
            f"{slug}/{name}",
            result.mp3,
            said,
            meant_text={i: spoken(s.text, respell=False) for i, s in enumerate(said)},
            seconds=result.duration_s,
            threads=os.cpu_count() or 1,
        )
    return out


def _rate_warnings(preset: str, results: dict[str, AudioResult]) -> list[str]:
    """A file spoken outside its preset's words-a-minute range (every spoken word counted)."""
    low, high = RATE_TARGETS.get(preset, (0.0, float("inf")))
    return [
        f"the {name} is spoken at {r.words_per_minute:g} words a minute (the aim is {low:g} to {high:g}); "
        "check the voice and the rate setting"
        for name, r in results.items()
        if r.words >= FEWEST_WORDS_TO_TUNE and not low <= r.words_per_minute <= high
    ]


# File kinds of the talking books and braille files (publish/daisy.py, publish/braille.py)
TALKING_BOOK_KINDS = (FileKind.EASY_READ_TALKING_BOOK, FileKind.TALKING_BOOK)
BRAILLE_KINDS = (FileKind.EASY_READ_BRAILLE, FileKind.BRAILLE)


def _talking_books(
    post: Post,
    settings: Settings,
    post_lines: Sequence[Line],
    original_audio: AudioResult,
    easy_lines: Sequence[Line],
    easy_audio: AudioResult,
) -> tuple[list[BundleFile], dict[str, TalkingBookFacts], list[str]]:
    """DAISY 2.02 books of the easy read and of the whole post, from the audio just made."""
    files: list[BundleFile] = []
    facts: dict[str, TalkingBookFacts] = {}
    warnings: list[str] = []
    for which, lines, result, title, kind, name, label in (
        (
            "easy-read",
            easy_lines,
            easy_audio,
            f"{post.title} (easy read)",
            TALKING_BOOK_KINDS[0],
            f"{post.slug}-easy-read-daisy.zip",
            "Talking book for DAISY players: the easy read, read aloud",
        ),
        (
            "post",
            post_lines,
            original_audio,
            post.title,
            TALKING_BOOK_KINDS[1],
            f"{post.slug}-daisy.zip",
            "Talking book for DAISY players: the whole post, read aloud",
        ),
    ):
        info = BookInfo(
            title=title,
            identifier=book_identifier(post.slug, which),
            language=post.lang,
            creator=post.author or settings.festival,
            publisher=settings.festival,
            date=post.date,
            narrator=f"{result.voice.split(':')[-1]}, a computer voice ({result.engine})",
            generator=f"accessible-pub {__version__}",
        )
        try:
            book = talking_book(info, lines, result.cues, mp3=result.mp3)
        except ValueError as exc:  # never expected: the audio and its lines come from one script
            warnings.append(f"no {which} talking book was made: {exc}")
            continue
        description = (
            f"{label} ({minutes_in_words(result.duration_s)}): open this zip file in a DAISY player or app"
        )
        files.append(BundleFile(name, kind, description, book))
        facts[which.replace("-", "_")] = TalkingBookFacts(path=name, sentences=len(result.cues))
    return files, facts, warnings


def _braille_files(
    post: Post, easy: EasyRead, settings: Settings
) -> tuple[list[BundleFile], BrailleFacts | None, str | None]:
    """BRF of the whole post (grade 2) and of the easy read (the grade settings choose)."""
    easy_grade = settings.braille.easy_read_grade
    if not post.lang.lower().startswith("en"):
        return (
            [],
            None,
            f"no braille file was made: braille tables are set up for English only, not '{post.lang}'",
        )
    try:
        post_brf, post_pages = braille_file(post_blocks(post), grade=2)
        easy_brf, easy_pages = braille_file(easy_read_blocks(easy), grade=easy_grade)
    except BrailleUnavailable as exc:
        return [], None, str(exc)
    files = [
        BundleFile(
            f"{post.slug}-easy-read.brf",
            BRAILLE_KINDS[0],
            f"Braille file (BRF) of the easy read: Unified English Braille grade {easy_grade}, "
            f"{easy_pages} braille pages",
            easy_brf,
        ),
        BundleFile(
            f"{post.slug}.brf",
            BRAILLE_KINDS[1],
            f"Braille file (BRF) of the whole post: Unified English Braille grade 2, "
            f"{post_pages} braille pages",
            post_brf,
        ),
    ]
    facts = BrailleFacts(
        cells_per_line=40,
        lines_per_page=25,
        post=BrailleFileFacts(grade=2, pages=post_pages),
        easy_read=BrailleFileFacts(grade=easy_grade, pages=easy_pages),
    )
    return files, facts, None


@dataclass(frozen=True)
class Made:
    """What the stages made of one post, in memory, before any file of its bundle is planned."""

    post: Post
    settings: Settings
    styles_dir: Path
    easy: EasyRead
    easy_md: str
    post_lines: tuple[Line, ...]
    easy_lines: tuple[Line, ...]
    original_audio: AudioResult
    easy_audio: AudioResult
    large: PdfResult
    easy_pdf: PdfResult
    lost: tuple[Fact, ...]  # key facts the easy read leaves out
    checked: CheckResult  # the easy-read rules on the easy-read text
    silenced: int
    original_scores: Scores
    heard: dict[str, Hearing]  # MP3 file name -> what the offline recogniser heard
    listen: str | None  # the address the PDFs' QR codes point to
    warnings: tuple[str, ...]  # what loading and making found

    @property
    def pictures(self) -> dict[str, Path]:
        return {
            b.picture.name: b.picture.path
            for b in self.easy.blocks
            if isinstance(b, Idea) and b.picture and b.picture.path
        }

    @property
    def credits(self) -> list[str]:
        engine, voice = self.easy_audio.engine, self.easy_audio.voice
        return [
            VOICE_CREDITS.get(engine, f"The audio was made with {voice}."),
            PICTURE_CREDIT,
            "The PDFs use the Atkinson Hyperlegible font (SIL Open Font License).",
        ]


@dataclass(frozen=True)
class Part:
    """What one planner adds to a bundle: its files, its warnings, and its manifest facts."""

    files: tuple[BundleFile, ...] = ()
    warnings: tuple[str, ...] = ()
    talking_books: Mapping[str, TalkingBookFacts] = field(default_factory=dict)
    braille: BrailleFacts | None = None


@dataclass(frozen=True)
class BundlePlan:
    """One post's whole bundle, planned: every file's bytes and the manifest. `publish` writes it."""

    slug: str
    files: tuple[BundleFile, ...]
    manifest: BundleManifest

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.manifest.warnings


# A planner turns what was made (and the files planned before it) into part of the bundle.
Planner = Callable[[Made, Sequence[BundleFile]], Part]


def make(post: Post, ctx: Context, progress: Progress, *, words: WordData) -> Made:
    """Run every stage for one post: easy read, audio, PDFs, checks. Raises AccessiblePubError.

    `words`: the festival's word lists and glossary, loaded once for the whole build."""
    settings = ctx.settings
    slug = post.slug
    warnings: list[str] = list(post.warnings)  # what loading changed or left out

    year = post.date.year if post.date else None
    tags = Tags(
        title=post.title,
        artist=post.author or settings.festival,
        album=settings.festival,
        year=year,
        comment=post.summary or f"{post.title}, read aloud",
    )
    easy_tags = Tags(
        title=f"{post.title} (easy read)",
        artist=tags.artist,
        album=tags.album,
        year=year,
        comment=f"Easy read version of {post.title}, read aloud",
    )
    listen = listen_url(settings.site_url, slug)  # None: no QR code to a local preview address
    post_lines = post_script(post)
    # One helper thread beside the post's own: the easy read is written while the voice loads
    # and the post's own sentences are spoken, and the PDFs render while the audio is made.
    with (
        PostAudio(
            settings.audio, ctx.cache, pronunciations=ctx.pronunciations, transport=settings.gtts
        ) as audio,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"helper-{slug}") as helper,
    ):
        progress(slug, "easy read")
        easy_read = helper.submit(easy_read_for, post, content_dir=settings.content_dir, data=words)
        audio.add(post_lines, tags)  # needs nothing from the easy read
        easy = easy_read.result()
        easy_md = to_markdown(easy, slug=slug)
        easy_lines = easy_read_script(easy)
        audio.add(easy_lines, easy_tags)
        large_pdf = helper.submit(
            render_large_print,
            post,
            settings.pdf,
            styles_dir=ctx.styles_dir,
            content_dir=settings.content_dir,
            festival=settings.festival,
            cache=ctx.pdf_cache,
            listen_url=listen,
        )
        easy_read_pdf = helper.submit(
            render_easy_read,
            easy,
            post,
            settings.pdf,
            styles_dir=ctx.styles_dir,
            content_dir=settings.content_dir,
            festival=settings.festival,
            credits=(PICTURE_CREDIT,),
            cache=ctx.pdf_cache,
            listen_url=listen,
        )
        kept_whole = [s for b in easy.blocks if isinstance(b, Idea) for s in b.to_check]
        if kept_whole:
            warnings.append(
                f"the easy-read draft keeps {len(kept_whole)} long sentence(s) whole: the generator could "
                "not cut them safely; make them easy by hand (marked '<!-- check: -->' in the draft)"
            )
        lost = missing_facts(post, easy, data=words)
        if lost:
            warnings.append(
                "the easy-read version leaves out key facts: "
                + ", ".join(f"{f.value} ({f.kind})" for f in lost)
            )
        checked, silenced = check_easy_read_text(easy_md, settings.check, words=words)
        # the original is masked with the words the easy-read version explains: a like-for-like comparison
        explained: list[str] = []
        for explanation in easy.explanations:
            entry = words.glossary_entry(explanation.word)
            explained += entry.all_forms if entry else [explanation.word]
        original_scores = score(
            original_sentences(post), explained=explained, hard_zipf=settings.check.hard_word_zipf
        )

        progress(slug, "audio")
        original_audio, easy_audio = audio.results()
        warnings += _rate_warnings(
            settings.audio.rate, {"easy read audio": easy_audio, "audio of the whole post": original_audio}
        )
        heard = _listen_check(slug, original_audio, easy_audio) if settings.audio.listen_check else {}
        warnings += [
            f"the offline recogniser heard {h.wrong_share:.1%} of the words of {h.file} differently: "
            "run 'accessible-pub listen' to see which"
            for h in heard.values()
            if h.wrong_share > WORDS_HEARD_WRONG_LIMIT
        ]
        for result in (original_audio, easy_audio):
            if result.fallback_reason:
                warnings.append(
                    f"{settings.audio.engine} failed, whole file spoken by {result.engine}: "
                    f"{result.fallback_reason}"
                )

        progress(slug, "PDFs")
        large, easy_pdf = large_pdf.result(), easy_read_pdf.result()
    return Made(
        post=post,
        settings=settings,
        styles_dir=ctx.styles_dir,
        easy=easy,
        easy_md=easy_md,
        post_lines=tuple(post_lines),
        easy_lines=tuple(easy_lines),
        original_audio=original_audio,
        easy_audio=easy_audio,
        large=large,
        easy_pdf=easy_pdf,
        lost=tuple(lost),
        checked=checked,
        silenced=silenced,
        original_scores=original_scores,
        heard=heard,
        listen=listen,
        warnings=tuple(warnings),
    )


# ---- one planner per output ----------------------------------------------------------------


def plan_pdfs(made: Made, planned: Sequence[BundleFile]) -> Part:
    """The easy-read PDF and the large-print PDF."""
    slug, easy_pdf, large = made.post.slug, made.easy_pdf, made.large
    files = (
        BundleFile(
            f"{slug}-easy-read.pdf",
            FileKind.EASY_READ_PDF,
            f"Easy read PDF to read or print, {easy_pdf.pages} pages",
            easy_pdf.data,
        ),
        BundleFile(
            f"{slug}-large-print.pdf",
            FileKind.LARGE_PRINT_PDF,
            f"Large print PDF ({made.settings.pdf.font_size_pt:g} point text), {large.pages} pages",
            large.data,
        ),
    )
    return Part(files=files, warnings=(*large.warnings, *easy_pdf.warnings))


def plan_audio(made: Made, planned: Sequence[BundleFile]) -> Part:
    """Each MP3 (the easy read's and the whole post's) with its captions and chapters."""
    slug, easy_audio, original_audio = made.post.slug, made.easy_audio, made.original_audio
    minutes_easy = minutes_in_words(easy_audio.duration_s)
    minutes_all = minutes_in_words(original_audio.duration_s)
    files = (
        BundleFile(
            f"{slug}-easy-read.mp3",
            FileKind.EASY_READ_AUDIO,
            f"Easy read audio (MP3), {minutes_easy}",
            easy_audio.mp3,
        ),
        BundleFile(
            f"{slug}-easy-read.vtt",
            FileKind.EASY_READ_CAPTIONS,
            "Captions for the easy read audio (WebVTT), sentence by sentence",
            easy_audio.vtt.encode(),
        ),
        BundleFile(
            f"{slug}-easy-read-chapters.json",
            FileKind.EASY_READ_CHAPTERS,
            "Chapters of the easy read audio, for podcast apps",
            _chapters_json(easy_audio),
        ),
        BundleFile(
            f"{slug}.mp3", FileKind.AUDIO, f"Audio of the whole post (MP3), {minutes_all}", original_audio.mp3
        ),
        BundleFile(
            f"{slug}.vtt",
            FileKind.CAPTIONS,
            "Captions for the audio of the whole post (WebVTT)",
            original_audio.vtt.encode(),
        ),
        BundleFile(
            f"{slug}-chapters.json",
            FileKind.CHAPTERS,
            "Chapters of the audio of the whole post, for podcast apps",
            _chapters_json(original_audio),
        ),
    )
    return Part(files=files)


def plan_read_along_book(made: Made, planned: Sequence[BundleFile]) -> Part:
    """The EPUB 3 read-along book: the easy read's words light up as they are spoken."""
    easy_audio = made.easy_audio
    book = read_along_book(
        made.post,
        made.easy,
        mp3=easy_audio.mp3,
        duration=easy_audio.duration_s,
        clips=[
            Clip(start=c.start, end=c.end, words=tuple((w.text, w.start, w.end) for w in c.words))
            for c in easy_audio.cues
        ],
        pictures=made.pictures,
        narrator=f"{easy_audio.engine} text-to-speech, voice {easy_audio.voice}",
    )
    return Part(
        files=(
            BundleFile(
                f"{made.post.slug}-easy-read.epub",
                FileKind.READ_ALONG_BOOK,
                "Read-along book (EPUB): the easy read words light up as they are spoken",
                book,
            ),
        )
    )


def plan_easy_read_text(made: Made, planned: Sequence[BundleFile]) -> Part:
    """The easy-read words as Markdown, for editors and reviewers (and `check`)."""
    return Part(
        files=(
            BundleFile(
                f"{made.post.slug}-easy-read.md",
                FileKind.EASY_READ_TEXT,
                "The easy read words as plain text, for editors and reviewers",
                made.easy_md.encode(),
            ),
        )
    )


def plan_talking_books(made: Made, planned: Sequence[BundleFile]) -> Part:
    """DAISY talking books of the easy read and of the whole post."""
    files, facts, warnings = _talking_books(
        made.post, made.settings, made.post_lines, made.original_audio, made.easy_lines, made.easy_audio
    )
    return Part(files=tuple(files), warnings=tuple(warnings), talking_books=facts)


def plan_braille(made: Made, planned: Sequence[BundleFile]) -> Part:
    """Braille files (BRF) of the easy read and of the whole post, when liblouis is installed."""
    files, facts, warning = _braille_files(made.post, made.easy, made.settings)
    return Part(files=tuple(files), warnings=(warning,) if warning else (), braille=facts)


def plan_pictures(made: Made, planned: Sequence[BundleFile]) -> Part:
    """The pictures shown beside the easy-read words."""
    return Part(
        files=tuple(
            BundleFile(f"pictures/{name}.svg", FileKind.PICTURE, f"Picture: {name}", path.read_bytes())
            for name, path in sorted(made.pictures.items())
        )
    )


def plan_web_page(made: Made, planned: Sequence[BundleFile]) -> Part:
    """The post's web page (everything to see, hear and download) and its style sheet."""
    post, slug, easy_audio, original_audio = made.post, made.post.slug, made.easy_audio, made.original_audio
    downloads = [
        Download(href=f.name, label=f"{f.description}, {human_size(len(f.data))}")
        for f in planned
        if f.kind in _DOWNLOADS
    ]
    downloads.append(Download(href=f"../{slug}.zip", label="Everything for this post in one zip file"))
    audios = [
        AudioEntry(
            id="easy",
            label="Easy read, read aloud",
            src=f"{slug}-easy-read.mp3",
            vtt=f"{slug}-easy-read.vtt",
            seconds=easy_audio.duration_s,
            transcript=tuple(c.text for c in easy_audio.cues),
            captions=easy_audio.vtt,
            cues=easy_audio.cues,
        ),
        AudioEntry(
            id="whole",
            label="The whole post, read aloud",
            src=f"{slug}.mp3",
            vtt=f"{slug}.vtt",
            seconds=original_audio.duration_s,
            transcript=tuple(c.text for c in original_audio.cues),
            captions=original_audio.vtt,
            cues=original_audio.cues,
        ),
    ]
    page = post_page(
        post,
        made.easy,
        festival=made.settings.festival,
        audios=audios,
        downloads=downloads,
        picture_files={name: f"pictures/{name}.svg" for name in made.pictures},
        credits=made.credits,
    )
    return Part(
        files=(
            BundleFile(
                "index.html", FileKind.WEB_PAGE, "Web page with everything for this post", page.encode()
            ),
            BundleFile("site.css", FileKind.WEB_STYLE, "Style for the web page", _web_css(made.styles_dir)),
        )
    )


def plan_readme(made: Made, planned: Sequence[BundleFile]) -> Part:
    """README.txt: what each file planned before it is for, in plain words."""
    return Part(
        files=(
            BundleFile(
                "README.txt",
                FileKind.README,
                "What each file is for, in plain words",
                _readme(made.post, list(planned), made.credits).encode(),
            ),
        )
    )


# In bundle order: the web page offers the files planned before it, the README lists them all.
PLANNERS: tuple[Planner, ...] = (
    plan_pdfs,
    plan_audio,
    plan_read_along_book,
    plan_easy_read_text,
    plan_talking_books,
    plan_braille,
    plan_pictures,
    plan_web_page,
    plan_readme,
)


def plan_manifest(made: Made, parts: Sequence[Part]) -> BundleManifest:
    """The bundle's manifest: the post, what was measured, and every warning (files are added on writing)."""
    post, easy, slug, settings = made.post, made.easy, made.post.slug, made.settings
    large, easy_pdf, heard = made.large, made.easy_pdf, made.heard
    checked = made.checked

    def heard_wrong(file: str) -> float | None:
        return round(heard[file].wrong_share, 4) if file in heard else None

    talking: dict[str, TalkingBookFacts] = {}
    for part in parts:
        talking.update(part.talking_books)
    return BundleManifest(
        schema=SCHEMA,
        generator=Generator(),
        post=PostFacts(
            title=post.title,
            slug=slug,
            date=post.date,
            author=post.author,
            authors=tuple(post.authors),
            author_role=post.author_role,
            summary=post.summary,
            tags=tuple(post.tags),
            lang=post.lang,
            source=str(post.source),
        ),
        easy_read=EasyReadFacts(
            origin=easy.origin,
            reviewed=easy.reviewed,
            reviewed_by=easy.reviewed_by,
            reviewed_on=easy.reviewed_on,
            changed_since_review=easy.changed_since_review,
            facts_missing=tuple(MissingFact(kind=f.kind, value=f.value) for f in made.lost),
            picture=_headline_picture(easy),
        ),
        readability=ReadabilityFacts(
            original=made.original_scores,
            easy_read=checked.scores,
            easy_read_errors=len(checked.errors),
            easy_read_warnings=len(checked.warnings),
            silenced=made.silenced,
            findings=tuple(checked.findings),
        ),
        audio=AudioSection(
            original=audio_facts(made.original_audio, heard_wrong=heard_wrong(f"{slug}.mp3")),
            easy_read=audio_facts(made.easy_audio, heard_wrong=heard_wrong(f"{slug}-easy-read.mp3")),
        ),
        pdf=PdfSection(
            large_print=LargePrintFacts(
                pages=large.pages,
                font_size_pt=settings.pdf.font_size_pt,
                smallest_text_pt=large.smallest_pt,
                paper=settings.pdf.paper,
                colours=settings.pdf.colours,
            ),
            easy_read=EasyReadPdfFacts(
                pages=easy_pdf.pages,
                font_size_pt=settings.pdf.easy_read_font_size_pt,
                smallest_text_pt=easy_pdf.smallest_pt,
            ),
        ),
        listen_url=made.listen,
        talking_books=talking,
        braille=next((p.braille for p in parts if p.braille is not None), None),
        warnings=(*made.warnings, *(w for part in parts for w in part.warnings)),
    )


def plan_bundle(made: Made, planners: Sequence[Planner] = PLANNERS) -> BundlePlan:
    """Every planner in turn, then the manifest: the bundle, whole, in memory."""
    parts: list[Part] = []
    files: list[BundleFile] = []
    for planner in planners:
        part = planner(made, tuple(files))
        taken = {f.name for f in files} & {f.name for f in part.files}
        if taken:  # two planners writing one file: the second would silently replace the first
            raise RenderError(f"{planner.__name__} plans {', '.join(sorted(taken))} again")
        parts.append(part)
        files += part.files
    return BundlePlan(slug=made.post.slug, files=tuple(files), manifest=plan_manifest(made, parts))


def plan_post(post: Post, ctx: Context, progress: Progress, *, words: WordData) -> BundlePlan:
    """Everything a post's bundle holds, in memory. Raises AccessiblePubError on failure."""
    return plan_bundle(make(post, ctx, progress, words=words))


def audio_facts(result: AudioResult, *, heard_wrong: float | None = None) -> AudioFacts:
    measured = source_date() is None
    return AudioFacts(
        words_heard_wrong=heard_wrong,
        duration_s=result.duration_s,
        words=result.words,
        words_per_minute=result.words_per_minute,
        lufs=result.lufs,
        true_peak_dbtp=result.true_peak_dbtp,
        engine=result.engine,
        voice=result.voice,
        sentences=len(result.cues),
        chapters=tuple(c.title for c in result.chapters),
        # how this build made the audio (time taken; which post spoke a shared sentence first)
        # differs from build to build: a reproducible build (SOURCE_DATE_EPOCH) records none of it
        synthesised=result.synthesised if measured else 0,
        from_cache=result.from_cache if measured else 0,
        synthesis_seconds=result.synthesis_seconds if measured else 0.0,
        speed_setting=result.speed_setting,
    )
