"""The build report staff read at a glance: `output/report.html`.

Made only from the bundles' manifests and the last build's record (`output/build.json`), so
`accessible-pub report` can write it again without rebuilding or touching any bundle.
Charts are HTML bars drawn here (they reflow at 320 px), each named by its caption and followed
by a table of the same numbers; the two series differ by pattern and label as well as colour.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..audio.rate import EASY_READ_WPM, FEWEST_WORDS_TO_TUNE
from ..config import Settings, source_date
from ..manifest import BundleManifest, EasyReadFacts, FileKind, read_manifest
from ..model import BuildReport, Scores
from ..text import minutes_and_seconds
from .bundles import staging_dir, write_atomic
from .pages import templates

BUILD_RECORD = "build.json"
LISTEN_RECORD = "listen.json"  # written by `accessible-pub listen` (listening.py)
METRICS = (  # (key in the scores, label, largest value drawn, better when)
    ("flesch_reading_ease", "Reading ease (raw)", 100.0, "higher"),
    ("masked_flesch_reading_ease", "Reading ease, explained words masked", 100.0, "higher"),
    ("flesch_kincaid_grade", "School grade (raw)", 20.0, "lower"),
    ("masked_flesch_kincaid_grade", "School grade, explained words masked", 20.0, "lower"),
    ("words_per_sentence", "Words a sentence", 30.0, "lower"),
    ("hard_word_share", "Hard words (per cent)", 20.0, "lower"),
)


def build_record(report: BuildReport) -> dict[str, Any]:
    """What the last build did, for the report: each post's status and one-line reasons."""
    return {
        "finished": (source_date() or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0).isoformat(),
        "seconds": round(report.seconds, 2),
        "outcomes": [
            {
                "source": str(o.source),
                "slug": o.slug,
                "title": o.title,
                "status": o.status,
                "reason": o.reason,
                "warnings": list(o.warnings),
            }
            for o in report.outcomes
        ],
        "step_failures": list(report.step_failures),  # festival-wide steps: "the podcast feed: why"
    }


def _value(scores: Scores | None, key: str) -> float:
    if not scores:
        return 0.0
    value = float(getattr(scores, key) or 0.0)
    return value * 100 if key == "hard_word_share" else value


def chart(slug: str, *, original: Scores, easy: Scores | None) -> Markup:
    """Grouped bars, original (solid) against easy read (striped), every bar labelled.

    Drawn with HTML and CSS, not SVG: the labels are text at the page's own size and the bars
    take a share of the width, so at 320 px the chart reflows instead of shrinking its labels to
    7 px (a 760-unit-wide drawing scaled to the phone's width)."""
    measures = []
    for key, label, top, _ in METRICS:
        bars = []
        for name, scores, style in (("Original", original, "solid"), ("Easy read", easy, "striped")):
            value = _value(scores, key)
            share = max(0.5, min(value, top) / top * 100)
            bars.append(
                Markup('<p class="bar-value">{}: {}</p><div class="bar {}" style="width: {}%"></div>').format(
                    name, f"{value:g}", style, f"{share:.1f}"
                )
            )
        measures.append(
            Markup('<div class="measure"><p class="bar-label">{}</p>{}</div>').format(
                label, Markup("").join(bars)
            )
        )
    return Markup(
        '<div class="chart" id="chart-{}" role="img" aria-labelledby="chart-{}-caption">{}</div>'
    ).format(slug, slug, Markup("").join(measures))


def read_listen_record(output: Path) -> dict[str, dict[str, Any]]:
    """What the offline recogniser heard, by file ('slug/slug-easy-read.mp3')."""
    try:
        data = json.loads((output / LISTEN_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _post_row(manifest: BundleManifest, heard: dict[str, dict[str, Any]]) -> dict[str, Any]:
    post, read = manifest.post, manifest.readability
    easy_file = manifest.file(FileKind.EASY_READ_TEXT)
    by_rule: dict[str, int] = {}
    for f in read.findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    rows = [
        {
            "label": label,
            "original": round(_value(read.original, key), 1),
            "easy": round(_value(read.easy_read, key), 1),
            "better": better,
        }
        for key, label, _, better in METRICS
    ]
    return {
        "slug": post.slug,
        "title": post.title,
        "date": post.date.isoformat() if post.date else None,
        "easy_file": f"{post.slug}/{easy_file.path}" if easy_file else None,
        "chart": chart(post.slug, original=read.original, easy=read.easy_read),
        "rows": rows,
        "findings": read.findings,
        "by_rule": sorted(by_rule.items()),
        "errors": read.easy_read_errors,
        "warnings_count": read.easy_read_warnings,
        "review": manifest.easy_read,
        "audio": [
            {
                "name": name,
                "duration": minutes_and_seconds(a.duration_s),
                "wpm": a.words_per_minute,
                "wpm_off": not EASY_READ_WPM[0] <= a.words_per_minute <= EASY_READ_WPM[1]
                and a.words >= FEWEST_WORDS_TO_TUNE,
                "lufs": a.lufs,
                "peak": a.true_peak_dbtp,
                "heard_wrong": heard.get(f"{post.slug}/{file}", {}).get("wrong_share"),
            }
            for name, a, file in (
                ("Easy read", manifest.audio.easy_read, f"{post.slug}-easy-read.mp3"),
                ("Whole post", manifest.audio.original, f"{post.slug}.mp3"),
            )
        ],
        "pdf": [
            {"name": name, "pages": p.pages, "smallest": p.smallest_text_pt}
            for name, p in (("Easy read", manifest.pdf.easy_read), ("Large print", manifest.pdf.large_print))
        ],
        "facts_missing": manifest.easy_read.facts_missing,
    }


def _signed_off(review: EasyReadFacts) -> bool:
    return review.reviewed and not review.changed_since_review


def write_report(settings: Settings) -> Path:
    """Write output/report.html from what is on disk; returns its path."""
    output = settings.output_dir
    bundles = sorted(p for p in output.iterdir() if p.is_dir() and not p.name.startswith("."))
    manifests = [m for bundle in bundles if (m := read_manifest(bundle)) is not None]
    try:
        record = json.loads((output / BUILD_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {"outcomes": [], "finished": None, "seconds": None}
    heard = read_listen_record(output)
    posts = [_post_row(m, heard) for m in manifests]
    queue = sorted(
        (p for p in posts if not _signed_off(p["review"])),
        key=lambda p: (p["date"] or "", p["slug"]),
    )
    audio_seconds = sum(m.audio.original.duration_s + m.audio.easy_read.duration_s for m in manifests)
    totals = {
        "posts": len(manifests),
        "audio": f"{audio_seconds / 3600:.2f} hours ({round(audio_seconds / 60)} minutes)",
        "pages": sum(m.pdf.large_print.pages + m.pdf.easy_read.pages for m in manifests),
        "reviewed": sum(
            1 for m in manifests if m.easy_read.reviewed and not m.easy_read.changed_since_review
        ),
    }
    failures = [o for o in record["outcomes"] if o["status"] == "failed"]
    failures += [{"reason": step} for step in record.get("step_failures", [])]
    warnings = [(o.get("slug") or o["source"], w) for o in record["outcomes"] for w in o.get("warnings", [])]
    html = (
        templates()
        .get_template("report.html.j2")
        .render(
            lang=settings.lang,
            css="site.css",
            home="index.html",
            festival=settings.festival,
            posts=posts,
            queue=queue,
            totals=totals,
            failures=failures,
            warnings=warnings,
            record=record,
            wpm_range=f"{EASY_READ_WPM[0]:g} to {EASY_READ_WPM[1]:g}",
        )
    )
    target = output / "report.html"
    write_atomic(target, html.encode(), scratch=staging_dir(settings.output_dir))
    return target


def save_build_record(settings: Settings, report: BuildReport) -> None:
    write_atomic(
        settings.output_dir / BUILD_RECORD,
        (json.dumps(build_record(report), indent=2) + "\n").encode(),
        scratch=staging_dir(settings.output_dir),
    )


__all__ = ["save_build_record", "write_report"]
