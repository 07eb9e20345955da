"""Benchmark: the audio of the shipped posts, cold and warm.

    .venv/bin/python bench/audio.py

Prints the real-time factor (time / audio length) with an empty cache and with a warm one,
the time spent outside synthesis (joining, loudness, MP3, tags), the measured words a minute,
loudness and true peak of each file, and the peak memory of the process.

Each file is also measured from outside: its words a minute counting every spoken word
(numbers as said) over the MP3's own length, and its loudness and true peak by ffmpeg's
ebur128 filter on the MP3. `--no-presets` skips the slower and normal presets.

`--pace` instead speaks every sentence of the shipped posts at two length scales and fits the
Piper voice's pace (audio/rate.py PiperPace) by least squares, printing the figures and how
far each document's predicted speech time is from what the voice took.
"""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from accessible_pub.audio import SentenceCache, Tags, easy_read_script, post_script, speak  # noqa: E402
from accessible_pub.audio.speech_threads import SYNTHESIS_TIMER  # noqa: E402
from accessible_pub.config import AudioSettings  # noqa: E402
from accessible_pub.content import discover, load_posts  # noqa: E402
from accessible_pub.easyread import make_easy_read  # noqa: E402


def ffmpeg_ebur128(mp3: bytes) -> tuple[float, float, float]:
    """(integrated LUFS, true peak dBTP, seconds) of an MP3, by ffmpeg: another decoder and meter."""
    done = subprocess.run(
        [
            shutil.which("ffmpeg") or "ffmpeg",
            "-nostats",
            "-i",
            "pipe:0",
            "-af",
            "ebur128=peak=true",
            "-f",
            "null",
            "-",
        ],
        input=mp3,
        capture_output=True,
        check=True,
    )
    log = done.stderr.decode()
    summary = log[log.rindex("Summary:") :]
    lufs = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary)[1])
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)[1])
    frames = re.findall(r"\bt:\s*([\d.]+)", log)  # one line per 100 ms of audio
    seconds = float(frames[-1]) if frames else 0.0
    return lufs, peak, seconds


def every_word(lines) -> int:
    from accessible_pub.audio.rate import spoken_word_count
    from accessible_pub.audio.speech_text import spoken

    return sum(spoken_word_count(spoken(line.text)) for line in lines)


def documents():
    for path in discover(ROOT / "content"):
        for post in load_posts(path):
            tags = Tags(title=post.title, artist=post.author or "", album="bench", year=None)
            yield f"{post.slug}", post_script(post), tags
            yield f"{post.slug} (easy read)", easy_read_script(make_easy_read(post)), tags


def run(label: str, cache: SentenceCache, settings: AudioSettings, *, show: bool) -> float:
    synth_before = SYNTHESIS_TIMER.seconds
    started = time.perf_counter()
    audio = 0.0
    for name, lines, tags in documents():
        result = speak(lines, settings, cache, tags=tags)
        audio += result.duration_s
        if show:
            lufs, peak, seconds = ffmpeg_ebur128(result.mp3)
            seconds = seconds or result.duration_s
            print(
                f"  {name:50s} {result.duration_s:6.1f} s  manifest {result.words_per_minute:5.1f} wpm "
                f"{result.lufs:6.2f} LUFS {result.true_peak_dbtp:6.2f} dBTP | on the MP3: "
                f"{every_word(lines) / (seconds / 60):5.1f} wpm (every word)  "
                f"{lufs:6.2f} LUFS  {peak:6.2f} dBTP"
            )
    seconds = time.perf_counter() - started
    synth = SYNTHESIS_TIMER.seconds - synth_before
    print(
        f"{label}: {seconds:.2f} s for {audio:.0f} s of audio -> real-time factor {seconds / audio:.4f}; "
        f"synthesis {synth:.2f} s, outside synthesis {seconds - synth:.2f} s"
    )
    return seconds


def fit_pace(scales: tuple[float, ...] = (1.1, 1.6)) -> None:
    import numpy as np

    from accessible_pub.audio.assemble import plan_speech, speak_lines
    from accessible_pub.audio.engine_piper import PiperEngine, clauses
    from accessible_pub.audio.rate import _NOT_PHONEMES, _PAUSES, PiperPace, piper_speech_s
    from accessible_pub.audio.sentence_cache import WORK_RATE

    engine = PiperEngine.load()
    rows, named = [], []  # (scale, phonemes, pauses, runs, seconds), (document, scale)
    with tempfile.TemporaryDirectory() as tmp:
        cache = SentenceCache(Path(tmp))
        for name, lines, _ in documents():
            for scale in scales:
                speech = plan_speech(
                    lines, engine, cache, rate_preset="easy-read", pronunciations={}, rate=scale
                )
                for text, clip in zip(speech.texts, speak_lines(speech, cache).clips):
                    runs = [r for piece in clauses(text) for r in engine.voice.phonemize(piece) if r]
                    phonemes = sum(1 for r in runs for p in r if p not in _NOT_PHONEMES and p not in _PAUSES)
                    pauses = sum(1 for r in runs for p in r if p in _PAUSES)
                    rows.append((scale, phonemes, pauses, len(runs), clip.size / WORK_RATE, runs))
                    named.append((name, scale))
    scale, phonemes, pauses, runs, seconds = (np.array([r[i] for r in rows]) for i in range(5))
    gap = PiperPace.__dataclass_fields__["gap_s"].default
    design = np.c_[scale * phonemes, scale * pauses, phonemes, np.ones_like(scale)]
    coef, *_ = np.linalg.lstsq(design, seconds - gap * np.maximum(0, runs - 1), rcond=None)
    fitted = [round(float(c), 4) for c in coef]
    pace = PiperPace(phoneme_s=fitted[0], pause_s=fitted[1], phoneme_fixed_s=fitted[2], sentence_s=fitted[3])
    print(f"{len(rows)} sentences: {pace}")
    totals: dict[tuple[str, float], list[float]] = {}
    for (name, s), row in zip(named, rows):
        total = totals.setdefault((name, s), [0.0, 0.0])
        total[0] += row[4]
        total[1] += piper_speech_s(row[5], length_scale=s, pace=pace)
    for (name, s), (took, predicted) in totals.items():
        print(
            f"  {name:55s} at {s:.2f}: {took:6.1f} s spoken, {predicted:6.1f} s predicted "
            f"({predicted / took - 1:+.1%})"
        )


def main() -> None:
    if "--pace" in sys.argv:
        fit_pace()
        return
    settings = AudioSettings()
    with tempfile.TemporaryDirectory() as tmp:
        cache = SentenceCache(Path(tmp) / "speech")
        cold = run("cold (nothing cached)", cache, settings, show=True)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory after the cold build: {peak_mb:.0f} MB")
        warm = run("warm (documents cached)", cache, settings, show=False)
        print(f"warm / cold: {warm / cold:.2%}")
        for preset in () if "--no-presets" in sys.argv else ("slower", "normal"):
            spoken = [
                speak(lines, AudioSettings(rate=preset), cache, tags=tags).words_per_minute
                for _, lines, tags in documents()
            ]
            print(f"rate preset {preset}: {min(spoken):.0f}-{max(spoken):.0f} words a minute")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory with the slower preset too: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
