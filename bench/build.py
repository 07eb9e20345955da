"""Benchmark: build the shipped content and print where the time goes.

    bash scripts/run.sh bench            (or: .venv/bin/python bench/build.py)

Prints, for a cold build (empty caches), a forced rebuild with the caches filled, and a
rebuild with nothing changed: the whole build time (wall and CPU), time spent in speech synthesis alone,
audio real-time factor, and the time outside synthesis (easy read, loudness, MP3, PDFs,
pages, book, bundles).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from accessible_pub.audio.speech_threads import SYNTHESIS_TIMER  # noqa: E402
from accessible_pub.config import Settings  # noqa: E402
from accessible_pub.pipeline import build  # noqa: E402


def _cpu_seconds() -> float:
    """CPU time of this process (every thread) and of the tools it ran: on a machine shared
    with other work, wall time says how busy the machine was as much as what the build cost."""
    own, tools = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + tools.ru_utime + tools.ru_stime


def run(label: str, settings: Settings, *, force: bool = False) -> None:
    synth_before = SYNTHESIS_TIMER.seconds
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    report = build(settings, force=force)
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    synth = SYNTHESIS_TIMER.seconds - synth_before
    audio_s = 0.0
    pdf_pages = 0
    import json

    for outcome in report.built + report.up_to_date:
        manifest = json.loads((outcome.bundle / "manifest.json").read_text())
        audio_s += sum(a["duration_s"] for a in manifest["audio"].values())
        pdf_pages += sum(p["pages"] for p in manifest["pdf"].values())
    print(
        f"{label}: {len(report.built)} built, {len(report.up_to_date)} up to date, "
        f"{len(report.failed)} failed"
    )
    print(f"  whole build          {seconds:8.2f} s")
    print(f"  CPU time             {cpu:8.2f} s  (all threads and tools)")
    print(f"  speech synthesis     {synth:8.2f} s")
    print(f"  outside synthesis    {seconds - synth:8.2f} s")
    print(f"  audio produced       {audio_s:8.1f} s  ({audio_s / 60:.1f} min)")
    print(f"  real-time factor     {seconds / max(audio_s, 1e-9):8.3f}  (whole build / audio length)")
    print(f"  synthesis RTF        {synth / max(audio_s, 1e-9):8.3f}  (synthesis / audio length)")
    print(f"  PDF pages            {pdf_pages:8d}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            content_dir=ROOT / "content",
            output_dir=Path(tmp) / "output",
            cache_dir=Path(tmp) / "cache",
            styles_dir=ROOT / "styles",
        )
        run("cold (empty caches)", settings)
        run("forced rebuild, caches filled", settings, force=True)
        run("nothing changed", settings)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory            {peak_mb:8.0f} MB")


if __name__ == "__main__":
    main()
