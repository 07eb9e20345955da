"""The readability gate: files in, findings and scores out (used by `accessible-pub check`).

Easy-read files (`*.easy.md`, `*-easy-read.md`) are checked with the easy-read profile;
original posts with the gentler `plain-english` profile.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from .config import CheckSettings
from .content import EASY_READ_SUFFIX, load_posts
from .content.fields import read_text
from .easyread.data import word_data
from .easyread.document import easy_lines
from .easyread.transforms import split_sentences
from .errors import AccessiblePubError
from .model import BulletList, Heading
from .readability import CheckResult, Line, check_lines

PROFILES = ("easy-read", "plain-english")
_SILENCE = re.compile(r"<!--\s*accessible-pub:\s*allow\s+([A-Z0-9, -]+?)\s*-->")


def plain_english(settings: CheckSettings) -> CheckSettings:
    """Gentler limits for original posts: flag only what hurts most readers."""
    return dataclasses.replace(
        settings,
        sentence_words_warn=25,
        sentence_words_error=35,
        mean_sentence_words=20,
        paragraph_sentences=8,
        min_masked_fre=50,
        max_masked_grade=10,
        disabled_rules=tuple({*settings.disabled_rules, "ER5", "ER7", "ER9"}),
    )


def is_easy_read_file(path: Path) -> bool:
    return path.name.endswith(EASY_READ_SUFFIX) or path.name.endswith("-easy-read.md")


@dataclass
class FileReport:
    path: Path
    profile: str
    result: CheckResult
    silenced: int = 0
    error: str = ""  # the file could not be read at all


def _silenced_rules(text: str) -> dict[int, set[str]]:
    """`<!-- accessible-pub: allow ER1 -->` at the end of a line silences ER1 on that line."""
    out: dict[int, set[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if m := _SILENCE.search(line):
            out[number] = {r.strip() for r in m[1].split(",") if r.strip()}
    return out


def check_easy_read_text(text: str, settings: CheckSettings) -> tuple[CheckResult, int]:
    sentences, explained = easy_lines(text)
    # a word the file explains is allowed, in any of the glossary's forms
    explained_all = set(explained)
    for word in explained:
        entry = word_data().glossary_entry(word)
        if entry:
            explained_all.update(entry.all_forms)
    lines = [Line(n, _SILENCE.sub("", t).strip(), p, c) for n, c, t, p in sentences]
    result = check_lines(lines, settings, explained=sorted(explained_all))
    silenced = _silenced_rules(text)
    kept = [f for f in result.findings if f.rule not in silenced.get(f.line, set())]
    count = len(result.findings) - len(kept)
    result.findings = kept
    return result, count


def check_post_file(path: Path, settings: CheckSettings) -> CheckResult:
    lines: list[Line] = []
    paragraph = 0
    for post in load_posts(path):
        for block in post.blocks:
            paragraph += 1
            if isinstance(block, Heading):
                continue
            texts = block.texts if isinstance(block, BulletList) else split_sentences(block.text)
            lines.extend(Line(0, t, paragraph) for t in texts)
    # line numbers of the source are not known after parsing: number the sentences instead
    lines = [dataclasses.replace(line, number=i) for i, line in enumerate(lines, start=1)]
    return check_lines(lines, plain_english(settings), explained=word_data().glossary_forms)


def check_paths(paths: list[Path], settings: CheckSettings, *, profile: str | None = None) -> list[FileReport]:
    reports = []
    for path in paths:
        chosen = profile or ("easy-read" if is_easy_read_file(path) else "plain-english")
        try:
            if chosen == "easy-read":
                result, silenced = check_easy_read_text(read_text(path), settings)
                reports.append(FileReport(path, chosen, result, silenced))
            else:
                reports.append(FileReport(path, chosen, check_post_file(path, settings)))
        except AccessiblePubError as exc:
            reports.append(FileReport(path, chosen, CheckResult(), error=str(exc)))
    return reports


def default_paths(content_dir: Path, output_dir: Path) -> list[Path]:
    edited = sorted(content_dir.glob(f"*{EASY_READ_SUFFIX}")) if content_dir.is_dir() else []
    generated = sorted(output_dir.glob("*/*-easy-read.md")) if output_dir.is_dir() else []
    return edited + generated
