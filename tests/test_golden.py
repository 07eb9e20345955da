"""Golden output for the three shipped posts: their easy-read text, and the shape of a bundle's
manifest (every key and the type of its value, and which files a bundle holds).

A change to the simplifier or the manifest shows up here as a readable diff. When the change
is meant, write the golden files again and commit them with it:

    .venv/bin/python scripts/regen_golden.py

(it runs this file with ACCESSIBLE_PUB_REGEN_GOLDEN=1, which writes instead of comparing).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from accessible_pub.content import discover, load_posts
from accessible_pub.easyread import easy_read_for, to_markdown
from conftest import CONTENT

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("ACCESSIBLE_PUB_REGEN_GOLDEN") == "1"
SHIPPED = [path.name for path in discover(CONTENT)]


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"{path} is missing: run `python scripts/regen_golden.py`"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file; if that is meant, regenerate it"


def test_the_three_posts_are_shipped() -> None:
    assert len(SHIPPED) == 3


@pytest.mark.parametrize("name", SHIPPED)
def test_easy_read_text_matches_the_golden_file(name: str) -> None:
    [post] = load_posts(CONTENT / name)
    text = to_markdown(easy_read_for(post, content_dir=CONTENT), slug=post.slug)
    _compare(f"{post.slug}.easy.md", text)


def shape(value: Any) -> Any:
    """Keys and value types, not values: durations and byte counts differ from voice to voice."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        kinds = []
        for item in value:  # the distinct shapes a list holds, in first-seen order
            if (kind := shape(item)) not in kinds:
                kinds.append(kind)
        return kinds
    return type(value).__name__


def _file_list(manifest: dict[str, Any]) -> list[str]:
    slug = manifest["post"]["slug"]
    return [f"{f['kind']}: {f['path'].replace(slug, '<slug>')}" for f in manifest["files"]]


@pytest.mark.slow
def test_manifest_shape_matches_the_golden_file(shipped_build) -> None:
    settings, report = shipped_build
    assert len(report.built) == 3, [o.reason for o in report.failed]
    shapes, files = {}, {}
    for outcome in sorted(report.built, key=lambda o: o.slug or ""):
        manifest = json.loads((outcome.bundle / "manifest.json").read_text(encoding="utf-8"))
        shapes[outcome.slug] = shape(manifest)
        # picture names come from the easy-read text: golden above; kinds and names are here
        files[outcome.slug] = [re.sub(r"pictures/.*\.svg", "pictures/*.svg", f) for f in _file_list(manifest)]
    _compare("manifest-shape.json", json.dumps({"shape": shapes, "files": files}, indent=2) + "\n")
