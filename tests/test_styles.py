"""Style sheets are package data: the tool works from any folder, and a festival's own sheet
of the same name wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessible_pub.config import PdfSettings, Settings
from accessible_pub.content import load_posts
from accessible_pub.pdf import render_large_print
from accessible_pub.pipeline import shared_inputs
from accessible_pub.styles import PACKAGED_DIR, SHEETS, sheet

from conftest import CONTENT, ROOT


def test_every_sheet_is_inside_the_package():
    for name in SHEETS:
        assert (PACKAGED_DIR / name).is_file()
        assert PACKAGED_DIR.is_relative_to(ROOT / "src" / "accessible_pub")
    with pytest.raises(ValueError, match="unknown style sheet"):
        sheet("../../etc/passwd", None)


def test_a_festival_sheet_overrides_and_a_missing_one_falls_back(tmp_path: Path):
    own = tmp_path / "styles"
    own.mkdir()
    (own / "web.css").write_text("body { color: #000; }\n")
    assert sheet("web.css", own) == own / "web.css"
    assert sheet("large-print.css", own) == PACKAGED_DIR / "large-print.css"
    assert sheet("web.css", tmp_path / "no-such-folder") == PACKAGED_DIR / "web.css"


def test_the_fingerprint_follows_the_sheet_in_use(tmp_path: Path):
    own = tmp_path / "styles"
    plain = shared_inputs(Settings(content_dir=tmp_path, styles_dir=own))
    own.mkdir()
    assert shared_inputs(Settings(content_dir=tmp_path, styles_dir=own)) == plain  # empty folder: packaged
    (own / "easy-read.css").write_text((PACKAGED_DIR / "easy-read.css").read_text() + "\nh2 { margin: 0; }\n")
    assert shared_inputs(Settings(content_dir=tmp_path, styles_dir=own)) != plain


def test_a_pdf_renders_from_a_folder_outside_the_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # no styles/ here: the packaged sheets are used
    [post] = load_posts(CONTENT / "2016-07-04-come-to-our-peer-support-cafe.md")
    result = render_large_print(
        post,
        PdfSettings(),
        styles_dir=Settings().styles_dir,
        content_dir=CONTENT,
        festival="Co-Production Festival",
    )
    assert result.pages >= 1 and result.data.startswith(b"%PDF")
