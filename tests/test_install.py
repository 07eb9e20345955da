"""Works wherever its users are: `new`, settings checked like the flags, failures that say why,
`--strict`, and a quiet build."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from accessible_pub.cli import main
from accessible_pub.config import AudioSettings, CheckSettings, PdfSettings, Settings, settings_from_mapping
from accessible_pub.errors import ConfigError
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
    assert (
        len(_every_setting(Settings))
        == sum(len(dataclasses.fields(c)) for c in (AudioSettings, PdfSettings, CheckSettings))
        + len(dataclasses.fields(Settings))
        - 4
    )  # three tables and `warnings` are not settings

    ignored = (folder / ".gitignore").read_text().splitlines()
    assert {"/output/", "/.output.staging/", "/.cache/accessible-pub/"} <= set(ignored)
    steps = yaml.safe_load((folder / WORKFLOW).read_text())["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "accessible-pub build" in runs and "accessible-pub check --format github" in runs
    assert "Next: cd" in result.output


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
