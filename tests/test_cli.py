from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from accessible_pub.cli import main

CLEAN = "---\ntitle: Meeting\n---\n# Meeting\n\nWe meet on Tuesday.\nEveryone is welcome.\n"
DIRTY = (
    "---\ntitle: Meeting\n---\n# Meeting\n\n"
    "We meet on Tuesday; the meeting is in the big room at the back of the library building "
    "near the station (bring a friend).\n"
)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "meeting.easy.md"
    path.write_text(text)
    return path


def test_check_exit_codes(tmp_path: Path):
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(_write(tmp_path, CLEAN))]).exit_code == 0
    dirty = runner.invoke(main, ["check", str(_write(tmp_path, DIRTY))])
    assert dirty.exit_code == 1
    assert "meeting.easy.md:6:" in dirty.output and "ER3" in dirty.output and "ER10" in dirty.output
    missing = runner.invoke(main, ["check", str(tmp_path / "nope.easy.md")])
    assert missing.exit_code == 2


def test_check_json_is_parseable(tmp_path: Path):
    result = CliRunner().invoke(main, ["check", "--format", "json", str(_write(tmp_path, DIRTY))])
    [report] = json.loads(result.output)["files"]
    assert {f["rule"] for f in report["findings"]} >= {"ER1", "ER3", "ER10"}
    assert report["scores"]["sentences"] == 1


def test_inline_comment_silences_one_rule_on_one_line(tmp_path: Path):
    text = DIRTY.rstrip("\n") + " <!-- accessible-pub: allow ER10 -->\n"
    result = CliRunner().invoke(main, ["check", "--format", "json", str(_write(tmp_path, text))])
    [report] = json.loads(result.output)["files"]
    assert "ER10" not in {f["rule"] for f in report["findings"]}
    assert report["silenced"] == 1


def test_simplify_writes_a_draft_and_never_overwrites(tmp_path: Path):
    post = tmp_path / "2016-01-01-a.md"
    post.write_text("---\ntitle: A day out\n---\nIn order to assist individuals, we commence at ten.\n")
    runner = CliRunner()
    first = runner.invoke(main, ["simplify", str(post)])
    assert first.exit_code == 0, first.output
    draft = tmp_path / "a-day-out.easy.md"
    assert "To help people, we start at 10." in draft.read_text()
    draft.write_text(draft.read_text() + "\nA person's edit.\n")
    second = runner.invoke(main, ["simplify", str(post)])
    assert second.exit_code == 0
    assert "A person's edit." in draft.read_text()


def test_help_is_there_for_every_command():
    runner = CliRunner()
    for command in ([], ["new"], ["build"], ["check"], ["simplify"], ["signoff"], ["report"], ["serve"]):
        result = runner.invoke(main, [*command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_bad_settings_are_all_reported_at_once(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "accessible-pub.toml").write_text(
        'colour = "red"\n[audio]\nrate = "fast"\n[pdf]\nfont_size_pt = "big"\n'
    )
    result = CliRunner().invoke(main, ["check", str(_write(tmp_path, CLEAN))])
    assert result.exit_code == 2
    assert "2 problem(s)" in result.output
    assert "audio.rate: 'fast' is not one of" in result.output
    assert "pdf.font_size_pt: expected a number" in result.output


def test_github_annotations(tmp_path: Path):
    result = CliRunner().invoke(main, ["check", "--format", "github", str(_write(tmp_path, DIRTY))])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert any(
        line.startswith("::error file=") and ",line=6,col=" in line and "title=ER3::" in line
        for line in lines
    ), lines
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)


def test_junit_xml_parses_and_counts_failures(tmp_path: Path):
    from xml.etree import ElementTree as ET

    report = tmp_path / "report.xml"
    result = CliRunner().invoke(
        main, ["check", "--format", "junit", "-o", str(report), str(_write(tmp_path, DIRTY))]
    )
    assert result.exit_code == 1
    root = ET.parse(report).getroot()
    assert root.tag == "testsuites"
    failed = {case.get("name") for case in root.iter("testcase") if case.find("failure") is not None}
    assert {"ER1", "ER3", "ER10"} <= failed
    assert int(root.get("failures")) == len(failed)
    clean = tmp_path / "clean.xml"
    CliRunner().invoke(main, ["check", "--format", "junit", "-o", str(clean), str(_write(tmp_path, CLEAN))])
    assert ET.parse(clean).getroot().get("failures") == "0"


@pytest.mark.slow
def test_check_never_touches_the_network(tmp_path: Path):
    import os
    import subprocess
    import sys

    path = _write(tmp_path, DIRTY)
    probe = (
        "import socket\n"
        "def refuse(*a, **k): raise SystemExit('network used')\n"
        "socket.socket.connect = refuse; socket.create_connection = refuse; socket.getaddrinfo = refuse\n"
        "from accessible_pub.cli import main\n"
        f"main(['check', '--format', 'json', {str(path)!r}])\n"
    )
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "none")}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1, done.stderr  # the rule failures, not 'network used'
    assert json.loads(done.stdout)["files"][0]["errors"] >= 3


def test_check_and_simplify_use_the_festival_limits(tmp_path: Path, monkeypatch):
    # a festival that lowers [limits] is obeyed by every command that reads posts, not only build
    monkeypatch.chdir(tmp_path)
    (tmp_path / "accessible-pub.toml").write_text("[limits]\nmax_words = 20\n")
    post = tmp_path / "2016-07-11-long.md"
    post.write_text("---\ntitle: Long\n---\n" + "We meet in the garden. " * 10)
    runner = CliRunner()
    checked = runner.invoke(main, ["check", str(post)])
    assert checked.exit_code == 2 and "limits.max_words" in checked.output
    simplified = runner.invoke(main, ["simplify", str(post)])
    assert simplified.exit_code != 0 and "limits.max_words" in simplified.output
    assert not (tmp_path / "2016-07-11-long.easy.md").exists()
