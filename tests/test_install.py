"""Works wherever its users are: `new`, settings checked like the flags, failures that say why,
`--strict`, and a quiet build."""

from __future__ import annotations

import dataclasses
import fnmatch
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from accessible_pub.cli import main
from accessible_pub.content import load_posts
from accessible_pub.config import Settings, settings_from_mapping
from accessible_pub.errors import ConfigError
from accessible_pub.publish.bundles import staging_dir, trash_dir
from accessible_pub.scaffold import EXAMPLE_POST, SETTINGS_FILE, WORKFLOW
from accessible_pub.styles import PACKAGED_DIR, SHEETS


def _every_setting(cls: type, prefix: str = "") -> list[str]:
    names = []
    for f in dataclasses.fields(cls):
        if f.name == "warnings":
            continue
        kind = f.default_factory if dataclasses.is_dataclass(f.default_factory) else None
        names += _every_setting(kind, f"{f.name}.") if kind else [f"{prefix}{f.name}"]
    return names


def test_new_writes_a_festival_folder_whose_settings_are_every_default(tmp_path: Path):
    folder = tmp_path / "myfestival"
    result = CliRunner().invoke(main, ["new", str(folder)])
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert written == sorted([SETTINGS_FILE, f"content/{EXAMPLE_POST}", ".gitignore", WORKFLOW])

    text = (folder / SETTINGS_FILE).read_text()
    data = tomllib.loads(text)
    for name in _every_setting(Settings):  # every setting is there, with a comment above it
        table, _, key = name.rpartition(".")
        assert key in (data[table] if table else data), name
        lines = text.splitlines()
        line = next(i for i, line in enumerate(lines) if line.startswith(f"{key} = "))
        assert lines[line - 1].startswith("# ") and len(lines[line - 1]) > 10, name
    assert settings_from_mapping(data) == Settings()
    assert {"festival", "audio.rate", "pdf.font_size_pt", "check.max_pages"} <= set(_every_setting(Settings))

    ignored = (folder / ".gitignore").read_text().splitlines()
    assert {"/output/", "/.output.*", "/.cache/accessible-pub/"} <= set(ignored)
    for beside in (staging_dir(Path("output")), trash_dir(Path("output"))):  # what a build leaves beside
        assert fnmatch.fnmatch(f"/{beside.as_posix()}", "/.output.*")
    steps = yaml.safe_load((folder / WORKFLOW).read_text())["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "accessible-pub build" in runs and "accessible-pub check --format github" in runs
    assert "Next: cd" in result.output
    [example] = load_posts(folder / "content" / EXAMPLE_POST)
    assert (example.title, example.author, str(example.date)) == (
        "Welcome to our festival",
        "The festival team",
        "2026-06-01",
    )


def test_new_with_styles_copies_the_packaged_sheets(tmp_path: Path):
    folder = tmp_path / "f"
    assert CliRunner().invoke(main, ["new", "--with-styles", str(folder)]).exit_code == 0
    for name in SHEETS:
        assert (folder / "styles" / name).read_bytes() == (PACKAGED_DIR / name).read_bytes()


def test_new_never_overwrites_and_then_writes_nothing(tmp_path: Path):
    folder = tmp_path / "f"
    (folder / "content").mkdir(parents=True)
    (folder / "content" / EXAMPLE_POST).write_text("my own words\n")
    (folder / "README.md").write_text("mine\n")
    result = CliRunner().invoke(main, ["new", str(folder)])
    assert result.exit_code == 2
    assert f"content/{EXAMPLE_POST}" in result.output and "nothing was written" in result.output
    assert "Traceback" not in result.output
    assert (folder / "content" / EXAMPLE_POST).read_text() == "my own words\n"
    assert sorted(p.name for p in folder.rglob("*")) == ["README.md", "content", EXAMPLE_POST]
    # a folder with other files in it is fine: new adds to it
    other = tmp_path / "g"
    other.mkdir()
    (other / "README.md").write_text("mine\n")
    assert CliRunner().invoke(main, ["new", str(other)]).exit_code == 0
    assert (other / "README.md").read_text() == "mine\n"
    (tmp_path / "a-file").write_text("")
    assert "is a file" in CliRunner().invoke(main, ["new", str(tmp_path / "a-file")]).output


def test_the_settings_file_has_the_flags_ranges_and_every_problem_is_reported(tmp_path: Path):
    path = tmp_path / "accessible-pub.toml"
    path.write_text(
        "[audio]\npause_sentence_ms = -500\nbitrate_kbps = 65\ntarget_lufs = 0\n"
        "[pdf]\nfont_size_pt = 2\neasy_read_font_size_pt = 12\n"
        "[check]\nsentence_words_warn = 30\n"
    )
    runner = CliRunner()
    result = runner.invoke(main, ["--config", str(path), "check", str(path)])
    assert result.exit_code == 2
    assert f"{path} has 6 problem(s)" in result.output
    for expected in (
        "audio.pause_sentence_ms: -500 is out of range (allowed: 0 to 5000)",
        "audio.bitrate_kbps: 65 is not one of 32, 40",
        "audio.target_lufs: 0 is out of range",
        "pdf.font_size_pt: 2 is out of range (allowed: 16 to 48)",
        "pdf.easy_read_font_size_pt: 12 is out of range (allowed: 14 to 48)",
        "check.sentence_words_warn (30) is more than check.sentence_words_error (20)",
    ):
        assert expected in result.output, expected
    # the flag takes the same range as the file
    flag = runner.invoke(main, ["build", "--font-size", "2"])
    assert flag.exit_code == 2 and "16<=x<=48" in flag.output
    # the edges are allowed
    ok = settings_from_mapping({"pdf": {"font_size_pt": 16, "easy_read_font_size_pt": 48}})
    assert ok.pdf.font_size_pt == 16.0
    with pytest.raises(ConfigError, match="pdf.font_size_pt: 48.5"):
        settings_from_mapping({"pdf": {"font_size_pt": 48.5}})


# ---- a build that fails says why, in one line, and keeps what it built ------------------------

GOOD = "---\ntitle: A note\n---\nWe meet on Friday.\nEveryone is welcome.\n"


def _festival(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, settings: str = "") -> Path:
    """A festival folder of one good post, with its settings file, as the working folder."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "note.md").write_text(GOOD)
    (tmp_path / "accessible-pub.toml").write_text(f'cache_dir = "{cache}"\n{settings}')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _failures(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("failed:")]


@pytest.mark.slow
def test_each_failure_names_its_stage_and_a_festival_step_failure_keeps_the_bundles(
    tmp_path: Path, speech_cache: Path, monkeypatch: pytest.MonkeyPatch
):
    folder = _festival(tmp_path, speech_cache, monkeypatch)
    (folder / "content" / "broken.md").write_text("---\ntitle: [oops\n---\nText.\n")
    (folder / "content" / "second.md").write_text("---\ntitle: Second\n---\nWe meet on Monday.\n")
    (folder / "content" / "second.easy.md").write_text("---\ntitle: [x\n---\n# Second\n\nHi.\n")
    (folder / "output" / "feed.xml").mkdir(parents=True)  # a folder where the feed must go
    (folder / "output" / "feed.xml" / "keep").write_text("")
    result = CliRunner().invoke(main, ["build", "--quiet"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    failed = _failures(result.output)
    assert len(failed) == 3, result.output
    assert any(
        "content/broken.md: reading the post failed: front matter is not valid YAML" in f for f in failed
    )
    assert any("content/second.md: easy read failed: content/second.easy.md:" in f for f in failed)
    assert any(
        "the podcast feed: output/feed.xml is a folder where a file should be" in f and "1 bundle(s)" in f
        for f in failed
    ), failed
    assert (folder / "output" / "a-note" / "manifest.json").is_file()  # the bundle built is kept
    assert (folder / "output" / "a-note.zip").is_file()
    assert "the podcast feed: output/feed.xml is a folder" in (folder / "output" / "report.html").read_text()
    assert "1 built, 0 up to date, 2 failed" in result.output

    # the audio stage: an engine that cannot answer (gTTS pointed at a port nobody listens on)
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    audio = tmp_path / "audio-fails"
    audio.mkdir()
    monkeypatch.chdir(audio)
    (audio / "content").mkdir()
    (audio / "content" / "note.md").write_text(GOOD)
    (audio / "accessible-pub.toml").write_text(
        f'[audio]\nengine = "gtts"\n[gtts]\nurl = "http://127.0.0.1:{port}/"\nretries = 0\ntimeout_s = 2\n'
    )
    result = CliRunner().invoke(main, ["build", "--quiet"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    [line] = _failures(result.output)
    assert line.startswith("failed: content/note.md: audio failed: gTTS failed: no answer"), line
    with_debug = CliRunner().invoke(main, ["--debug", "build", "--quiet"])
    assert "Traceback" in with_debug.output  # --debug shows where it came from


@pytest.mark.slow
def test_strict_makes_warnings_fail_the_build_even_when_up_to_date(
    tmp_path: Path, speech_cache: Path, monkeypatch: pytest.MonkeyPatch
):
    folder = _festival(tmp_path, speech_cache, monkeypatch)
    runner = CliRunner()
    clean = runner.invoke(main, ["build", "--strict"])
    assert clean.exit_code == 0, clean.output
    assert "warning:" not in clean.output
    # a reviewed easy-read file with a passive sentence: a rule warning (ER4)
    (folder / "content" / "a-note.easy.md").write_text(
        "---\ntitle: A note\n---\n# A note\n\nWe meet on Friday.\nThe tea is made by Sam.\n"
    )
    loose = runner.invoke(main, ["build"])
    assert loose.exit_code == 0, loose.output
    assert "warning: a-note: the easy-read text has 0 rule error(s) and 1 rule warning(s)" in loose.output
    for _ in range(2):  # built, then up to date: both fail
        strict = runner.invoke(main, ["build", "--strict"])
        assert strict.exit_code == 1, strict.output
        assert "strict: 1 warning(s) fail the build" in strict.output
    assert "1 up to date" in strict.output
    # an unknown setting is a warning too
    (folder / "content" / "a-note.easy.md").unlink()
    (folder / "accessible-pub.toml").write_text(
        (folder / "accessible-pub.toml").read_text() + 'colour = "red"\n'
    )
    assert runner.invoke(main, ["build"]).exit_code == 0
    unknown = runner.invoke(main, ["build", "--strict"])
    assert unknown.exit_code == 1 and "unknown setting 'colour'" in unknown.output


@pytest.mark.slow
def test_a_build_prints_no_ffmpeg_warning_and_leaves_nothing_beside_output(
    tmp_path: Path, speech_cache: Path, monkeypatch: pytest.MonkeyPatch
):
    import os
    import subprocess
    import sys

    folder = _festival(tmp_path, speech_cache, monkeypatch)
    bare = tmp_path / "bin"  # a PATH with no ffmpeg on it, as on most festival laptops
    bare.mkdir()
    env = {**os.environ, "PATH": str(bare)}
    control = subprocess.run(
        [sys.executable, "-c", "import pydub"], capture_output=True, text=True, env=env, timeout=60
    )
    assert "Couldn't find ffmpeg or avconv" in control.stderr  # without ffmpeg, pydub would warn
    done = subprocess.run(
        [sys.executable, "-m", "accessible_pub.cli", "build", "--force"],
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "1 built" in done.stdout
    assert "Warning" not in done.stderr and "ffmpeg" not in done.stderr, done.stderr
    beside = {p.name for p in folder.iterdir()}
    assert {".output.staging", ".output.trash"}.isdisjoint(beside), beside
    assert not [
        p for p in folder.iterdir() if p.is_dir() and not any(p.iterdir()) and p != bare
    ]  # no empty folder


def test_an_unforeseen_error_is_one_line_and_debug_shows_the_traceback(tmp_path: Path):
    post = tmp_path / "meeting.easy.md"
    post.write_text("---\ntitle: Meeting\n---\n# Meeting\n\nWe meet on Tuesday.\n")
    target = tmp_path / "no-such-folder" / "report.xml"  # check cannot write its report there
    result = CliRunner().invoke(main, ["check", "--format", "junit", "-o", str(target), str(post)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"error: No such file or directory ({target})"]
    debug = CliRunner().invoke(main, ["--debug", "check", "--format", "junit", "-o", str(target), str(post)])
    assert isinstance(debug.exception, FileNotFoundError)  # --debug lets it through, traceback and all


@pytest.mark.slow
def test_a_sentence_shared_by_the_post_and_its_easy_read_is_spoken_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from accessible_pub.audio import assemble
    from accessible_pub.pipeline import build

    spoken: list[str] = []
    speak = assemble._speak_one

    def counting(engine, text, rate, cache, key):  # type: ignore[no-untyped-def]
        spoken.append(text)
        return speak(engine, text, rate, cache, key)

    monkeypatch.setattr(assemble, "_speak_one", counting)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "note.md").write_text(GOOD)
    settings = Settings(
        content_dir=tmp_path / "content", output_dir=tmp_path / "output", cache_dir=tmp_path / "cache"
    )
    report = build(settings, jobs=2)
    assert not report.failed, [o.reason for o in report.failed]
    easy = (tmp_path / "output" / "a-note" / "a-note-easy-read.md").read_text()
    assert "We meet on Friday." in easy  # the easy read keeps the post's sentences...
    assert spoken and len(spoken) == len(set(spoken)), spoken  # ...and each is spoken once
