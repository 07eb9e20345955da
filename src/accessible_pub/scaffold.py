"""`accessible-pub new DIR`: a festival folder that builds as it is, like `mkdocs new`.

It holds the settings file (every setting with its default, made from the settings
dataclasses so it cannot drift), one example post, a `.gitignore` and a GitHub Actions
workflow that builds and checks. Nothing that exists is ever overwritten: when any file is
already there, nothing is written at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .config import Settings, settings_file_text
from .errors import AccessiblePubError
from .styles import PACKAGED_DIR, SHEETS

SETTINGS_FILE = "accessible-pub.toml"
EXAMPLE_POST = "welcome-to-our-festival.md"
WORKFLOW = ".github/workflows/accessible-pub.yml"

_EXAMPLE = """\
---
title: Welcome to our festival  # the post's title, as people will see it
date: 2026-06-01  # when it was written (year-month-day)
author: The festival team  # who wrote it
summary: An example post. Put your own posts beside it.
tags: [welcome]
---

This is an example post.
Put your own posts in this folder.

We turn each post into easy read, audio and large print.
People can read it, listen to it or print it.

Delete this post when you have added your own.
"""

# GitHub Actions: build every post, then check the easy-read text (annotations on the lines).
_WORKFLOW = """\
# Builds the accessible bundles and checks the easy-read text on every push.
name: accessible-pub
on:
  push:
  pull_request:
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Libraries the PDFs need
        run: |
          sudo apt-get update
          sudo apt-get install -y --no-install-recommends \\
            libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig
      - name: Install accessible-pub
        # or: pip install "git+https://URL-OF-ACCESSIBLE-PUB" (where your copy of the tool lives)
        run: pip install "accessible-pub=={version}"
      - name: Keep spoken sentences between builds
        uses: actions/cache@v4
        with:
          path: {cache}
          key: accessible-pub-${{{{ hashFiles('{settings}', '{content}/**') }}}}
          restore-keys: accessible-pub-
      - name: Build
        run: accessible-pub build
      - name: Check the easy-read text
        run: accessible-pub check --format github
      - name: Keep the bundles
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: accessible-pub-output
          path: {output}/
"""


@dataclass(frozen=True)
class NewFile:
    path: str  # relative to the festival folder
    data: bytes


def festival_files(*, with_styles: bool = False) -> list[NewFile]:
    """What `new` writes, in memory."""
    defaults = Settings()
    output = defaults.output_dir.as_posix()
    # the build's own files beside output/ (.output.staging, .output.trash, ...) share one pattern
    beside = f"/.{defaults.output_dir.name}.*"
    ignored = [f"/{output}/", beside]
    if defaults.cache_dir is not None:
        ignored.append(f"/{defaults.cache_dir.as_posix()}/")
    workflow = _WORKFLOW.format(
        version=__version__,
        cache=defaults.cache_dir.as_posix() if defaults.cache_dir else ".cache",
        settings=SETTINGS_FILE,
        content=defaults.content_dir.as_posix(),
        output=output,
    )
    files = [
        NewFile(SETTINGS_FILE, settings_file_text().encode()),
        NewFile(f"{defaults.content_dir.as_posix()}/{EXAMPLE_POST}", _EXAMPLE.encode()),
        NewFile(
            ".gitignore", ("# made by accessible-pub: built files\n" + "\n".join(ignored) + "\n").encode()
        ),
        NewFile(WORKFLOW, workflow.encode()),
    ]
    if with_styles:
        styles = defaults.styles_dir.as_posix()
        files += [NewFile(f"{styles}/{name}", (PACKAGED_DIR / name).read_bytes()) for name in SHEETS]
    return files


def create_festival(folder: Path, *, with_styles: bool = False) -> list[Path]:
    """Write a new festival folder; returns the files written. Raises if anything would be
    overwritten, before writing anything."""
    if folder.exists() and not folder.is_dir():
        raise AccessiblePubError(f"{folder} is a file, not a folder")
    planned = festival_files(with_styles=with_styles)
    there = [f.path for f in planned if (folder / f.path).exists() or (folder / f.path).is_symlink()]
    if there:
        raise AccessiblePubError(
            f"{folder} already has {', '.join(there)}: nothing was written "
            "(accessible-pub new never overwrites; choose a new folder)"
        )
    written = []
    for f in planned:
        target = folder / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(target, "xb") as handle:  # "x": fails rather than overwrite, even in a race
                handle.write(f.data)
        except OSError as exc:
            raise AccessiblePubError(f"{target} could not be written ({exc.strerror or exc})") from exc
        written.append(target)
    return written
