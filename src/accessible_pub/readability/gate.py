"""The readability gate: files in, findings and scores out (used by `accessible-pub check`).

Easy-read files (`*.easy.md`, `*-easy-read.md`) are checked with the easy-read profile;
original posts with the gentler `plain-english` profile.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from ..config import CheckSettings, LimitSettings
from ..content import EASY_READ_SUFFIX, load_posts
from ..content.fields import read_text
from ..easyread.data import WordData, word_data
from ..easyread.document import easy_lines
from ..easyread.transforms import split_sentences
from ..errors import AccessiblePubError
from ..model import BulletList, Caption, Heading
from .rules import CheckResult, Line, check_lines

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


def check_easy_read_text(
    text: str, settings: CheckSettings, *, words: WordData | None = None
) -> tuple[CheckResult, int]:
    """`words`: the festival's word lists and glossary (default: the package's own)."""
    words = words or word_data()
    sentences, explained = easy_lines(text)
    # a word the file explains is allowed, in any of the glossary's forms
    explained_all = set(explained)
    for word in explained:
        entry = words.glossary_entry(word)
        if entry:
            explained_all.update(entry.all_forms)
    lines = [Line(n, _SILENCE.sub("", t).strip(), p, c) for n, c, t, p in sentences]
    result = check_lines(lines, settings, explained=sorted(explained_all), words=words)
    silenced = _silenced_rules(text)
    kept = [f for f in result.findings if f.rule not in silenced.get(f.line, set())]
    count = len(result.findings) - len(kept)
    result.findings = kept
    return result, count


def check_post_file(
    path: Path,
    settings: CheckSettings,
    *,
    words: WordData | None = None,
    limits: LimitSettings | None = None,
) -> CheckResult:
    words = words or word_data()
    lines: list[Line] = []
    paragraph = 0
    for post in load_posts(path, limits=limits):
        for block in post.blocks:
            paragraph += 1
            if isinstance(block, (Heading, Caption)):
                continue
            texts = block.texts if isinstance(block, BulletList) else split_sentences(block.text)
            lines.extend(Line(0, t, paragraph) for t in texts)
    # line numbers of the source are not known after parsing: number the sentences instead
    lines = [dataclasses.replace(line, number=i) for i, line in enumerate(lines, start=1)]
    return check_lines(lines, plain_english(settings), explained=words.glossary_forms, words=words)


def check_paths(
    paths: list[Path],
    settings: CheckSettings,
    *,
    profile: str | None = None,
    words: WordData | None = None,
    limits: LimitSettings | None = None,
) -> list[FileReport]:
    """Each file checked by its profile; `limits` are the festival's (what one post may be)."""
    reports = []
    for path in paths:
        chosen = profile or ("easy-read" if is_easy_read_file(path) else "plain-english")
        try:
            if chosen == "easy-read":
                max_bytes = (limits or LimitSettings()).max_post_kb * 1000
                text = read_text(path, max_bytes=max_bytes)
                result, silenced = check_easy_read_text(text, settings, words=words)
                reports.append(FileReport(path, chosen, result, silenced))
            else:
                checked = check_post_file(path, settings, words=words, limits=limits)
                reports.append(FileReport(path, chosen, checked))
        except AccessiblePubError as exc:
            reports.append(FileReport(path, chosen, CheckResult(), error=str(exc)))
    return reports


def default_paths(content_dir: Path, output_dir: Path) -> list[Path]:
    edited = sorted(content_dir.glob(f"*{EASY_READ_SUFFIX}")) if content_dir.is_dir() else []
    generated = sorted(output_dir.glob("*/*-easy-read.md")) if output_dir.is_dir() else []
    return edited + generated


# ---- report formats --------------------------------------------------------------------------

JSON_SCHEMA_VERSION = 1


def as_json(reports: list[FileReport]) -> dict[str, object]:
    """Stable JSON (documented in docs/check-json.md); new keys may be added, none renamed."""
    return {
        "schema": JSON_SCHEMA_VERSION,
        "files": [
            {
                "path": str(r.path),
                "profile": r.profile,
                "error": r.error or None,
                "errors": len(r.result.errors),
                "warnings": len(r.result.warnings),
                "silenced": r.silenced,
                "scores": r.result.scores.as_dict() if r.result.scores else None,
                "findings": [f.as_dict() for f in r.result.findings],
            }
            for r in reports
        ],
    }


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(reports: list[FileReport]) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    out = []
    for r in reports:
        if r.error:
            out.append(f"::error file={_escape_property(str(r.path))},title=input::{_escape_data(r.error)}")
        for f in r.result.findings:
            level = "error" if f.severity == "error" else "warning"
            hint = f" ({f.suggestion})" if f.suggestion else ""
            out.append(
                f"::{level} file={_escape_property(str(r.path))},line={f.line},col={f.column},"
                f"title={_escape_property(f.rule)}::{_escape_data(f.message + hint)}"
            )
    return "\n".join(out)


def as_junit(reports: list[FileReport], *, strict: bool = False) -> str:
    """JUnit XML: a test suite per file, a test case per rule, failures for what fails the check."""
    from xml.etree import ElementTree as ET

    from .rules import RULE_IDS

    suites = ET.Element("testsuites", name="accessible-pub check")
    total_failures = 0
    for r in reports:
        suite = ET.SubElement(suites, "testsuite", name=str(r.path))
        failures = 0
        if r.error:
            case = ET.SubElement(suite, "testcase", classname=str(r.path), name="read")
            ET.SubElement(case, "error", message=r.error)
            failures += 1
        for rule in RULE_IDS:
            case = ET.SubElement(suite, "testcase", classname=str(r.path), name=rule)
            found = [f for f in r.result.findings if f.rule == rule]
            failing = [f for f in found if f.severity == "error" or strict]
            if failing:
                failures += 1
                body = "\n".join(f"{r.path}:{f.line}:{f.column}: {f.message}" for f in failing)
                ET.SubElement(case, "failure", message=failing[0].message, type=rule).text = body
            elif found:
                ET.SubElement(case, "system-out").text = "\n".join(
                    f"warning {r.path}:{f.line}:{f.column}: {f.message}" for f in found
                )
        suite.set("tests", str(len(suite)))
        suite.set("failures", str(failures))
        total_failures += failures
    suites.set("tests", str(sum(len(s) for s in suites)))
    suites.set("failures", str(total_failures))
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)


def as_text(reports: list[FileReport], *, colour: bool) -> str:
    def paint(text: str, tone: str) -> str:
        codes = {"red": "31", "yellow": "33", "dim": "2"}
        return f"\033[{codes[tone]}m{text}\033[0m" if colour else text

    out = []
    for r in reports:
        if r.error:
            out.append(paint(f"{r.error}", "red"))
            continue
        for f in r.result.findings:
            label = paint(f"{f.severity} {f.rule}", "red" if f.severity == "error" else "yellow")
            text = f" '{f.text}'" if f.text and len(f.text) <= 40 else ""
            out.append(f"{r.path}:{f.line}:{f.column}: {label}: {f.message}{text}")
            if f.suggestion:
                out.append(paint(f"    suggestion: {f.suggestion}", "dim"))
        s = r.result.scores
        if s:
            out.append(
                f"{r.path}: {r.profile}: {len(r.result.errors)} errors, {len(r.result.warnings)} warnings, "
                f"{r.silenced} silenced | {s.sentences} sentences, {s.words_per_sentence} words a sentence, "
                f"reading ease {s.flesch_reading_ease} ({s.masked_flesch_reading_ease} masked), grade "
                f"{s.flesch_kincaid_grade} ({s.masked_flesch_kincaid_grade} masked), hard words "
                f"{s.hard_word_share:.1%}" + (f", SMOG {s.smog}" if s.smog is not None else "")
            )
    return "\n".join(out)
