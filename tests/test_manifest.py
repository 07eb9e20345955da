"""The typed bundle manifest: written and read back as the same object, and a manifest this
version cannot read is refused with the key at fault, never half-read."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from accessible_pub.manifest import (
    SCHEMA,
    AudioFacts,
    AudioSection,
    BrailleFacts,
    BrailleFileFacts,
    BundleManifest,
    EasyReadFacts,
    EasyReadPdfFacts,
    FileEntry,
    FileKind,
    Generator,
    LargePrintFacts,
    MissingFact,
    PdfSection,
    PostFacts,
    ReadabilityFacts,
    TalkingBookFacts,
    manifest_json,
    parse_manifest,
    read_manifest,
    write_manifest,
)
from accessible_pub.model import Finding, Scores

SCORES = Scores(
    sentences=12,
    words=96,
    words_per_sentence=8.0,
    longest_sentence=14,
    sentences_over_15=0,
    sentences_over_20=0,
    flesch_reading_ease=88.5,
    flesch_kincaid_grade=3.1,
    masked_flesch_reading_ease=90.2,
    masked_flesch_kincaid_grade=2.8,
    hard_word_share=0.031,
)
SPOKEN = AudioFacts(
    words_heard_wrong=0.02,
    duration_s=61.25,
    words=150,
    words_per_minute=146.9,
    lufs=-16.02,
    true_peak_dbtp=-1.61,
    engine="piper",
    voice="piper:en_US-joe-medium",
    sentences=12,
    chapters=("Café", "How to book"),
    synthesised=12,
    from_cache=0,
    synthesis_seconds=8.5,
    speed_setting=1.05,
)


def sample() -> BundleManifest:
    return BundleManifest(
        schema=SCHEMA,
        generator=Generator(),
        post=PostFacts(
            title="Come to our café",
            slug="cafe",
            date=dt.date(2016, 7, 4),
            author="Sam and Ali",
            authors=("Sam", "Ali"),
            author_role=None,
            summary=None,
            tags=("event",),
            lang="en",
            source="content/cafe.md",
        ),
        easy_read=EasyReadFacts(
            origin="generated",
            reviewed=False,
            reviewed_by=None,
            reviewed_on=None,
            changed_since_review=None,
            facts_missing=(MissingFact(kind="time", value="2pm"),),
            picture="pictures/drink.svg",
        ),
        readability=ReadabilityFacts(
            original=SCORES,
            easy_read=dataclasses.replace(SCORES, smog=3.1),
            easy_read_errors=0,
            easy_read_warnings=1,
            silenced=0,
            findings=(Finding("ER7", "warning", 3, 1, "a long word", "participation", "say 'taking part'"),),
        ),
        audio=AudioSection(original=SPOKEN, easy_read=dataclasses.replace(SPOKEN, duration_s=70.0)),
        pdf=PdfSection(
            large_print=LargePrintFacts(
                pages=3, font_size_pt=18.0, smallest_text_pt=18.0, paper="A4", colours="black-on-white"
            ),
            easy_read=EasyReadPdfFacts(pages=4, font_size_pt=16.0, smallest_text_pt=16.0),
        ),
        listen_url="https://example.org/cafe/",
        talking_books={"easy_read": TalkingBookFacts(path="cafe-easy-read-daisy.zip", sentences=12)},
        braille=BrailleFacts(
            cells_per_line=40,
            lines_per_page=25,
            post=BrailleFileFacts(grade=2, pages=3),
            easy_read=BrailleFileFacts(grade=1, pages=4),
        ),
        warnings=("a warning",),
        inputs="f" * 64,
        files=(
            FileEntry(
                path="cafe-easy-read.mp3", kind=FileKind.EASY_READ_AUDIO, description="d", bytes=9, sha256="0"
            ),
            FileEntry(path="cafe.brf", kind=FileKind.BRAILLE, description="b", bytes=5, sha256="1"),
        ),
    )


def test_a_manifest_reads_back_as_the_same_object(tmp_path: Path) -> None:
    manifest = sample()
    write_manifest(tmp_path, manifest)
    assert read_manifest(tmp_path) == manifest
    assert manifest.file(FileKind.EASY_READ_AUDIO) is manifest.files[0]
    assert manifest.file(FileKind.AUDIO) is None


def test_on_disk_it_is_plain_json_with_the_keys_readers_know() -> None:
    data = json.loads(manifest_json(sample()))
    assert list(data) == [
        "schema",
        "generator",
        "post",
        "easy_read",
        "readability",
        "audio",
        "pdf",
        "listen_url",
        "talking_books",
        "braille",
        "warnings",
        "inputs",
        "files",
    ]
    assert data["braille"]["post"]["grade"] == 2 and data["talking_books"]["easy_read"]["sentences"] == 12
    assert data["post"]["authors"] == ["Sam", "Ali"] and data["audio"]["original"]["speed_setting"] == 1.05
    assert data["schema"] == SCHEMA and data["post"]["date"] == "2016-07-04"
    assert data["files"][0]["kind"] == "easy-read-audio"  # the kind's string, as before the enum
    assert data["readability"]["findings"][0]["rule"] == "ER7"
    assert "Café" in manifest_json(sample())  # UTF-8, not \\u escapes


def test_a_manifest_this_version_cannot_read_is_refused_with_the_key_named(tmp_path: Path) -> None:
    data = json.loads(manifest_json(sample()))
    data["audio"]["easy_read"]["duration_s"] = "long"
    try:
        parse_manifest(json.dumps(data))
    except ValueError as exc:
        assert "$.audio.easy_read.duration_s" in str(exc)
    else:
        raise AssertionError("a wrong value was read")
    for broken in (
        json.dumps({**json.loads(manifest_json(sample())), "schema": SCHEMA + 1}),  # a newer shape
        manifest_json(sample())[:200],  # half-written
        json.dumps({k: v for k, v in data.items() if k != "schema"}),  # from before the schema
    ):
        (tmp_path / "manifest.json").write_text(broken, encoding="utf-8")
        assert read_manifest(tmp_path) is None
    assert read_manifest(tmp_path / "no-such-bundle") is None


def test_every_file_kind_has_its_string() -> None:
    assert FileKind("easy-read-audio") is FileKind.EASY_READ_AUDIO
    assert len({kind.value for kind in FileKind}) == len(FileKind) == 18
    assert FileKind("easy-read-talking-book") is FileKind.EASY_READ_TALKING_BOOK
