from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from accessible_pub.cli import main
from accessible_pub.pipeline import build

from conftest import CONTENT, STYLES, make_settings
from helpers import decode_mp3, pdf_char_sizes

pytestmark = pytest.mark.slow  # every test here builds the shipped posts or a bundle

SLUG = "co-production-is-personal-and-political"


def test_every_shipped_post_builds(shipped_build):
    settings, report = shipped_build
    assert not report.failed, [o.reason for o in report.failed]
    assert sorted(o.slug for o in report.built) == [
        "co-production-is-personal-and-political",
        "come-to-our-peer-support-cafe",
        "what-the-garden-group-gave-me",
    ]


def test_festival_bundle_has_files_people_recognise(shipped_build):
    settings, _ = shipped_build
    bundle = settings.output_dir / SLUG
    names = sorted(p.name for p in bundle.iterdir())
    for name in (
        f"{SLUG}-easy-read.pdf",
        f"{SLUG}-large-print.pdf",
        f"{SLUG}-easy-read.mp3",
        f"{SLUG}.mp3",
        f"{SLUG}-easy-read.md",
        "manifest.json",
    ):
        assert name in names


def test_festival_audio_decodes_and_lasts_over_a_minute(shipped_build):
    settings, _ = shipped_build
    for name in (f"{SLUG}.mp3", f"{SLUG}-easy-read.mp3"):
        samples, rate = decode_mp3((settings.output_dir / SLUG / name).read_bytes())
        assert samples.size / rate > 60


def test_festival_pdfs_have_no_character_under_16pt(shipped_build):
    settings, _ = shipped_build
    for name in (f"{SLUG}-large-print.pdf", f"{SLUG}-easy-read.pdf"):
        sizes = [s for _, s, _ in pdf_char_sizes((settings.output_dir / SLUG / name).read_bytes())]
        assert sizes and min(sizes) >= 16 - 0.01


def test_manifest_matches_the_files_byte_for_byte(shipped_build):
    settings, _ = shipped_build
    bundles = [p for p in settings.output_dir.iterdir() if p.is_dir()]
    assert len(bundles) == 3
    for bundle in bundles:
        manifest = json.loads((bundle / "manifest.json").read_text())
        listed = {f["path"] for f in manifest["files"]}
        on_disk = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()} - {
            "manifest.json"
        }
        assert listed == on_disk
        for entry in manifest["files"]:
            data = (bundle / entry["path"]).read_bytes()
            assert entry["bytes"] == len(data)
            assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert manifest["post"]["slug"] == bundle.name
        assert manifest["readability"]["original"]["sentences"] > 0
        assert manifest["readability"]["easy_read"]["sentences"] > 0


def test_manifest_records_measured_audio_and_readability(shipped_build):
    settings, _ = shipped_build
    manifest = json.loads((settings.output_dir / SLUG / "manifest.json").read_text())
    original, easy = manifest["readability"]["original"], manifest["readability"]["easy_read"]
    assert easy["words_per_sentence"] < original["words_per_sentence"]
    assert easy["flesch_reading_ease"] > original["flesch_reading_ease"]
    for audio in manifest["audio"].values():
        assert 120 < audio["words_per_minute"] < 175
        assert abs(audio["lufs"] + 16) <= 1


def _bad_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(CONTENT / "2016-07-11-what-the-garden-group-gave-me.html", content)
    (content / "empty.md").write_text("")
    (content / "latin1.txt").write_bytes("Caf\xe9 news\n\nWe met.".encode("latin-1"))
    (content / "no-title.md").write_text("---\nauthor: A\n---\nSome text.\n")
    (content / "broken.md").write_text("---\ntitle: [oops\n---\nText.\n")
    (content / "dupe.md").write_text("---\ntitle: What the garden group gave me\n---\nAgain.\n")
    return content


def test_bad_posts_fail_alone_with_one_line_each(tmp_path: Path, speech_cache: Path, monkeypatch):
    content = _bad_content(tmp_path)
    output = tmp_path / "output"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "accessible-pub.toml").write_text(
        f'content_dir = "{content}"\noutput_dir = "{output}"\ncache_dir = "{speech_cache}"\n'
        f'styles_dir = "{STYLES}"\n'
    )
    result = CliRunner().invoke(main, ["build", "--quiet"])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("failed:")]
    assert len(errors) == 5, result.output
    for name in ("empty.md", "latin1.txt", "no-title.md", "broken.md", "dupe.md"):
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert "Traceback" not in result.output
    assert (output / "what-the-garden-group-gave-me" / "manifest.json").is_file()
    assert "1 built, 0 up to date, 5 failed" in result.output


def test_a_failed_rebuild_keeps_the_last_good_bundle(tmp_path: Path, speech_cache: Path):
    content = tmp_path / "content"
    content.mkdir()
    post = content / "note.md"
    post.write_text("---\ntitle: A note\n---\nWe meet on Friday.\n")
    settings = make_settings(content, tmp_path / "output", speech_cache)
    assert not build(settings).failed
    bundle = settings.output_dir / "a-note"
    before = {p: p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    post.write_bytes(b"\xff\xfe broken")
    report = build(settings)
    assert len(report.failed) == 1 and "not UTF-8" in report.failed[0].reason
    assert {p: p.read_bytes() for p in bundle.rglob("*") if p.is_file()} == before
    assert not any(p.name.startswith(".") for p in settings.output_dir.iterdir())


def test_a_broken_word_list_fails_each_post_with_one_line_naming_it(tmp_path: Path, speech_cache: Path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("---\ntitle: A\n---\nWe meet on Monday.\n", encoding="utf-8")
    (content / "glossary.toml").write_text("[peer]\nforms = ['peers']\n", encoding="utf-8")  # no meaning
    report = build(make_settings(content, tmp_path / "out", speech_cache))
    [failed] = report.failed
    assert failed.reason.startswith(f"{content / 'a.md'}: ") and "\n" not in failed.reason
    assert f"{content / 'glossary.toml'}: [peer] needs a 'meaning" in failed.reason
    assert not (tmp_path / "out" / "a").exists()
