"""Benchmark: what timing each word costs, and how many sentences the voice times word by word.

    .venv/bin/python bench/word_timings.py [--rounds N]

Speaks the shipped posts and their easy reads cold (an empty sentence cache each time) with
Piper twice over, with word timings and without, in turns, and prints the cost in per cent,
of the process's CPU time (all its threads; on a shared machine the wall time mostly measures
the neighbours) and of the wall time; the lowest of the rounds counts. Loading the voice is timed apart, in
a fresh process each (patching the model for phoneme lengths imports `onnx`). Also prints the
share of sentences whose word times are estimates rather than the voice's own.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from accessible_pub.audio import SentenceCache, Tags, easy_read_script, post_script  # noqa: E402
from accessible_pub.audio.assemble import render  # noqa: E402
from accessible_pub.audio.engine_piper import PiperEngine  # noqa: E402
from accessible_pub.config import AudioSettings  # noqa: E402
from accessible_pub.content import discover, load_posts  # noqa: E402
from accessible_pub.easyread import make_easy_read  # noqa: E402

LOAD = """
import sys, time
sys.path.insert(0, {src!r})
started = time.perf_counter()
from accessible_pub.audio.engine_piper import PiperEngine
PiperEngine.load(word_timings={timed})
print(time.perf_counter() - started)
"""


def load_seconds(*, timed: bool) -> float:
    code = LOAD.format(src=str(ROOT / "src"), timed=timed)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


def documents() -> list[tuple[str, tuple, Tags]]:
    out = []
    for path in discover(ROOT / "content"):
        for post in load_posts(path):
            tags = Tags(title=post.title, artist=post.author or "", album="bench", year=None)
            out.append((post.slug, post_script(post), tags))
            out.append((f"{post.slug} (easy read)", easy_read_script(make_easy_read(post)), tags))
    return out


def cold(engine: PiperEngine, docs) -> tuple[float, float, float, list]:
    """CPU and wall seconds to speak every document with nothing cached, the audio's length,
    the results."""
    with tempfile.TemporaryDirectory() as tmp:
        cache = SentenceCache(Path(tmp))
        cpu, wall = time.process_time(), time.perf_counter()
        results = [render(lines, engine, AudioSettings(), cache, tags=tags) for _, lines, tags in docs]
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        return cpu, wall, sum(r.duration_s for r in results), results


def main() -> None:
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 2
    loads = {timed: min(load_seconds(timed=timed) for _ in range(2)) for timed in (False, True)}
    print(
        f"voice load, fresh process: {loads[False]:.2f} s without word timings, {loads[True]:.2f} s with",
        flush=True,
    )
    docs = documents()
    engines = {False: PiperEngine.load(word_timings=False), True: PiperEngine.load(word_timings=True)}
    best_cpu: dict[bool, float] = {False: float("inf"), True: float("inf")}
    best_wall = dict(best_cpu)
    results: list = []
    audio = 0.0
    for number in range(rounds):
        for timed in (False, True) if number % 2 == 0 else (True, False):
            cpu, wall, audio, made = cold(engines[timed], docs)
            best_cpu[timed], best_wall[timed] = min(best_cpu[timed], cpu), min(best_wall[timed], wall)
            results = made if timed else results
            state = "on " if timed else "off"
            print(f"  round {number + 1}, word timings {state}: CPU {cpu:.2f} s, wall {wall:.2f} s")
    print(f"cold speech of {len(docs)} documents ({audio:.0f} s of audio):")
    for label, best in (("CPU", best_cpu), ("wall", best_wall)):
        cost = best[True] / best[False] - 1
        without, with_ = best[False], best[True]
        print(f"  {label:4s} {without:8.2f} s without word timings, {with_:8.2f} s with: cost {cost:+.1%}")
    cues = [cue for result in results for cue in result.cues]
    estimated = sum(cue.words_estimated for cue in cues)
    words = sum(len(cue.words) for cue in cues)
    print(
        f"sentences timed word by word by the voice: {len(cues) - estimated} of {len(cues)} "
        f"({1 - estimated / max(1, len(cues)):.1%}); {words} printed words timed"
    )
    for name, result in zip((d[0] for d in docs), results, strict=True):
        unsure = [cue.text for cue in result.cues if cue.words_estimated]
        if unsure:
            print(f"  estimated in {name}: " + " | ".join(text[:60] for text in unsure))


if __name__ == "__main__":
    main()
