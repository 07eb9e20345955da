"""Shared fixtures. Everything runs the real engines: Piper, WeasyPrint, LAME, ffmpeg."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from accessible_pub.config import Settings

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
STYLES = ROOT / "styles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FESTIVAL_POST = CONTENT / "2016-06-21-co-production-is-personal-and-political.txt"


@pytest.fixture(scope="session")
def speech_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One sentence cache for the whole run: the same sentence is synthesised once."""
    return tmp_path_factory.mktemp("speech-cache")


def make_settings(content: Path, output: Path, cache: Path, **changes: object) -> Settings:
    base = Settings(content_dir=content, output_dir=output, cache_dir=cache, styles_dir=STYLES)
    return base.with_overrides(**changes) if changes else base


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory: pytest.TempPathFactory, speech_cache: Path):
    """The shipped content/ built once, for the tests that inspect real bundles."""
    from accessible_pub.pipeline import build

    out = tmp_path_factory.mktemp("output")
    settings = make_settings(CONTENT, out, speech_cache)
    report = build(settings)
    return settings, report


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def replace(settings: Settings, **changes: object) -> Settings:
    return dataclasses.replace(settings, **changes)
