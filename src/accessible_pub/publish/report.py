"""The build report staff read at a glance: `output/report.html`.

Made only from the bundles' manifests and the last build's record (`output/build.json`), so
`accessible-pub report` can write it again without rebuilding or touching any bundle.
Charts are inline SVG drawn here, each with a title, a description and a table of the same
numbers; the two series differ by pattern and label as well as colour.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from ..config import Settings
from .bundles import staging_dir, write_atomic
from .pages import templates

BUILD_RECORD = "build.json"
METRICS = (  # (key in the scores, label, largest value drawn, better when)
    ("flesch_reading_ease", "Reading ease (raw)", 100.0, "higher"),
    ("masked_flesch_reading_ease", "Reading ease, explained words masked", 100.0, "higher"),
    ("flesch_kincaid_grade", "School grade (raw)", 20.0, "lower"),
    ("masked_flesch_kincaid_grade", "School grade, explained words masked", 20.0, "lower"),
    ("words_per_sentence", "Words a sentence", 30.0, "lower"),
    ("hard_word_share", "Hard words (per cent)", 20.0, "lower"),
)


def build_record(report: Any) -> dict[str, Any]:
    """What the last build did, for the report: each post's status and one-line reasons."""
    return {
        "finished": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
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


def _value(scores: dict[str, Any] | None, key: str) -> float:
    if not scores:
        return 0.0
    value = float(scores.get(key) or 0.0)
    return value * 100 if key == "hard_word_share" else value


def chart(slug: str, original: dict[str, Any], easy: dict[str, Any] | None) -> Markup:
    """Grouped bars, original (solid) against easy read (striped), every bar labelled."""
    row, bar, left, plot_w = 76, 24, 10, 480
    height = row * len(METRICS) + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="760" height="{height}" '
        f'viewBox="0 0 760 {height}" aria-labelledby="chart-{slug}-title chart-{slug}-desc" '
        'font-family="sans-serif" font-size="19">',
        f'<title id="chart-{slug}-title">Readability of the original and the easy read version</title>',
        f'<desc id="chart-{slug}-desc">Bars for each measure: solid for the original, striped for '
        "the easy read version. The same numbers are in the table below.</desc>",
        f'<defs><pattern id="stripes-{slug}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        '<rect width="3" height="6" fill="#0b3d91"/></pattern></defs>',
    ]
    for i, (key, label, top, _) in enumerate(METRICS):
        y = 10 + i * row
        parts.append(f'<text x="0" y="{y + 16}" font-weight="bold">{escape(label)}</text>')
        for j, (name, scores, fill) in enumerate(
            (("Original", original, "#1a1a1a"), ("Easy read", easy, f"url(#stripes-{slug})"))
        ):
            value = _value(scores, key)
            width = max(1.0, min(value, top) / top * plot_w)
            by = y + 24 + j * bar
            parts.append(
                f'<rect x="{left}" y="{by}" width="{width:.1f}" height="{bar - 4}" '
                f'fill="{fill}" stroke="#000" stroke-width="1"/>'
            )
            parts.append(f'<text x="{left + width + 8:.1f}" y="{by + 16}">{name}: {value:g}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _minutes(seconds: float) -> str:
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def _post_row(manifest: dict[str, Any]) -> dict[str, Any]:
    post, read = manifest["post"], manifest["readability"]
    easy_file = next((f["path"] for f in manifest["files"] if f["kind"] == "easy-read-text"), None)
    findings = read.get("findings", [])
    by_rule: dict[str, int] = {}
    for f in findings:
        by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + 1
    rows = [
        {
            "label": label,
            "original": round(_value(read["original"], key), 1),
            "easy": round(_value(read.get("easy_read"), key), 1),
            "better": better,
        }
        for key, label, _, better in METRICS
    ]
    return {
        "slug": post["slug"],
        "title": post["title"],
        "date": post.get("date"),
        "easy_file": f"{post['slug']}/{easy_file}" if easy_file else None,
        "chart": chart(post["slug"], read["original"], read.get("easy_read")),
        "rows": rows,
        "findings": findings,
        "by_rule": sorted(by_rule.items()),
        "errors": read.get("easy_read_errors", 0),
        "warnings_count": read.get("easy_read_warnings", 0),
        "review": manifest["easy_read"],
        "audio": [
            {
                "name": name,
                "duration": _minutes(a["duration_s"]),
                "wpm": a["words_per_minute"],
                "lufs": a["lufs"],
                "peak": a["true_peak_dbtp"],
            }
            for name, a in (
                ("Easy read", manifest["audio"]["easy_read"]),
                ("Whole post", manifest["audio"]["original"]),
            )
        ],
        "pdf": [
            {"name": name, "pages": p["pages"], "smallest": p.get("smallest_text_pt")}
            for name, p in (
                ("Easy read", manifest["pdf"]["easy_read"]),
                ("Large print", manifest["pdf"]["large_print"]),
            )
        ],
        "facts_missing": manifest["easy_read"].get("facts_missing", []),
    }


def write_report(settings: Settings) -> Path:
    """Write output/report.html from what is on disk; returns its path."""
    output = settings.output_dir
    manifests = []
    for bundle in sorted(p for p in output.iterdir() if p.is_dir() and not p.name.startswith(".")):
        try:
            manifests.append(json.loads((bundle / "manifest.json").read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    try:
        record = json.loads((output / BUILD_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {"outcomes": [], "finished": None, "seconds": None}
    posts = [_post_row(m) for m in manifests]
    queue = sorted(
        (p for p in posts if not p["review"].get("reviewed") or p["review"].get("changed_since_review")),
        key=lambda p: (p["date"] or "", p["slug"]),
    )
    audio_seconds = sum(a["duration_s"] for m in manifests for a in m["audio"].values())
    totals = {
        "posts": len(manifests),
        "audio": f"{audio_seconds / 3600:.2f} hours ({round(audio_seconds / 60)} minutes)",
        "pages": sum(p["pages"] for m in manifests for p in m["pdf"].values()),
        "reviewed": sum(
            1
            for m in manifests
            if m["easy_read"].get("reviewed") and not m["easy_read"].get("changed_since_review")
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
        )
    )
    target = output / "report.html"
    write_atomic(target, html.encode(), scratch=staging_dir(settings.output_dir))
    return target


def save_build_record(settings: Settings, report: Any) -> None:
    write_atomic(
        settings.output_dir / BUILD_RECORD,
        (json.dumps(build_record(report), indent=2) + "\n").encode(),
        scratch=staging_dir(settings.output_dir),
    )


__all__ = ["save_build_record", "write_report"]
