"""The one place audio is put together: synthesise (cached), join with pauses, make it
loud enough but never clipped, encode MP3, tag it, and time every sentence for captions.

Loudness: -16 LUFS integrated, true peak at or below the ceiling. Piper's raw output is
quieter than that and peaky, so a plain gain would clip: a look-ahead limiter holds the
peaks down and the gain is found again after limiting (shared/guides/audio.md).
"""

from __future__ import annotations

import io
import math
import os
import threading
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import lameenc
import numpy as np

with warnings.catch_warnings():
    # pydub looks for ffmpeg when imported and warns on every build when it is missing; nothing
    # here needs it (lameenc writes the MP3), so exactly that warning is silenced, here only.
    warnings.filterwarnings("ignore", message="Couldn't find ffmpeg or avconv", category=RuntimeWarning)
    from pydub import AudioSegment

from ..cache import BlobCache, fingerprint
from ..config import AudioSettings
from ..errors import STOP, BuildStopped, SynthesisError
from ..memory import release_free_memory
from .dsp import CHUNK, k_weighted, moving_average, oversampled_peaks, resample, sliding_min
from .engine import SpeechEngine
from .measure import decode_mp3
from .script import Line
from .rate import RATE_TARGETS, speed_factor, spoken_word_count, words_per_minute
from .speech_text import spoken


@dataclass(frozen=True)
class Cue:
    start: float  # seconds, where the sentence is heard
    end: float
    text: str


@dataclass(frozen=True)
class Chapter:
    title: str
    start: float
    end: float


@dataclass
class AudioResult:
    mp3: bytes
    vtt: str
    cues: tuple[Cue, ...]
    chapters: tuple[Chapter, ...]
    duration_s: float
    words: int
    words_per_minute: float
    lufs: float
    true_peak_dbtp: float
    engine: str
    voice: str
    synthesised: int = 0  # sentences the engine spoke this time
    from_cache: int = 0  # sentences reused from the cache
    synthesis_seconds: float = 0.0
    fallback_reason: str = ""  # set when the fallback engine spoke instead
    speed_setting: float = 0.0  # the engine's rate setting chosen for this document (audio/rate.py)


@dataclass
class SentenceCache:
    """Synthesised sentences on disk, keyed by spoken text, engine, voice, rate and version."""

    root: Path | None

    def __post_init__(self) -> None:
        self.blobs = BlobCache(self.root)

    def key(self, engine: SpeechEngine, text: str, rate: float, sample_rate: int) -> str:
        parts: tuple[object, ...] = ("sentence", engine.voice_id, rate, sample_rate, text)
        if engine.longest_run and len(text) > engine.longest_run:
            parts += (engine.longest_run,)  # spoken in clauses: how long a run may be shapes its sound
        return fingerprint(*parts)

    def get(self, key: str) -> np.ndarray | None:
        data = self.blobs.get(key, ".f32")
        if data is None:
            return None
        return np.frombuffer(data, dtype="<f4")

    def put(self, key: str, samples: np.ndarray) -> None:
        self.blobs.put(key, ".f32", samples.astype("<f4").tobytes())


# Sentences are joined and normalised at the voice's own rate (Piper speaks at 22.05 kHz),
# which is 4x less work than at the output rate; the result is resampled once at the end.
WORK_RATE = 22050


def trim_silence(
    samples: np.ndarray, rate: int, *, threshold_db: float = -45.0, keep_s: float = 0.04
) -> np.ndarray:
    """Cut an engine's own leading and trailing silence, so pauses are ours and exact, and each
    caption starts where its sentence is heard."""
    if samples.size == 0:
        return samples
    window = max(1, int(rate * 0.01))
    frames = samples[: samples.size // window * window].reshape(-1, window)
    loud = np.flatnonzero(np.sqrt(np.mean(frames**2, axis=1)) > 10 ** (threshold_db / 20))
    if loud.size == 0:
        return samples[:0]
    keep = int(rate * keep_s)
    start = max(0, loud[0] * window - keep)
    end = min(samples.size, (loud[-1] + 1) * window + keep)
    return samples[start:end]


# ---- speaking sentences side by side ------------------------------------------------------


@dataclass
class _Timer:
    seconds: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, value: float) -> None:
        with self._lock:
            self.seconds += value


SYNTHESIS_TIMER = _Timer()  # process-wide engine time: benchmarks and tests read it


@dataclass
class _Job:
    size: int  # characters of text: what the sentence costs in the voice's working memory
    future: Future[tuple[np.ndarray, float]]
    run: Callable[[], tuple[np.ndarray, float]]


class _SpeechThreads:
    """The threads that speak sentences, and the sentences waiting for them.

    The voice's working memory grows with the speech of a run (about 1.4 MB a character of
    text; Piper speaks long sentences clause by clause), so the runs in progress share a budget
    of characters. A free thread takes the first waiting sentence that fits what is left of it,
    looking a few places down the line, so a long sentence runs beside short ones instead of
    leaving a core idle until it fits. One longer than the whole budget runs alone.
    """

    LOOKAHEAD = 16  # how far down the line a free thread looks: earlier documents finish first

    def __init__(self, threads: int, budget: int) -> None:
        self.budget, self.used = budget, 0
        self._waiting: list[_Job] = []
        self._closed = False
        self._cond = threading.Condition()
        self._threads = [
            threading.Thread(target=self._work, name=f"speech_{number}", daemon=True)
            for number in range(threads)
        ]
        for thread in self._threads:
            thread.start()

    def submit(
        self, size: int, run: Callable[[], tuple[np.ndarray, float]]
    ) -> Future[tuple[np.ndarray, float]]:
        job = _Job(min(size, self.budget), Future(), run)
        with self._cond:
            self._waiting.append(job)
            self._cond.notify_all()
        return job.future

    def close(self) -> None:
        """No more sentences: the threads finish what is waiting, then end."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def finish(self) -> None:
        """Drop the sentences nobody will collect, then wait for those being spoken: a thread
        still inside the voice when Python exits aborts the process ("terminate called")."""
        with self._cond:
            for job in self._waiting:
                job.future.cancel()
            self._waiting.clear()
            self._closed = True
            self._cond.notify_all()
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout=120)  # one sentence, however loaded the machine

    def _take(self) -> _Job | None:
        self._waiting = [job for job in self._waiting if not job.future.cancelled()]
        for job in self._waiting[: self.LOOKAHEAD]:
            if self.used + job.size <= self.budget:
                self._waiting.remove(job)
                self.used += job.size
                return job
        return None

    def _work(self) -> None:
        while True:
            with self._cond:
                while (job := self._take()) is None:
                    if self._closed and not self._waiting:
                        return
                    self._cond.wait()
            try:
                if job.future.set_running_or_notify_cancel():
                    try:
                        job.future.set_result(job.run())
                    except BaseException as exc:  # BuildStopped too: the waiting post re-raises it
                        job.future.set_exception(exc)
            finally:
                with self._cond:
                    self.used -= job.size
                    self._cond.notify_all()


SPEECH_BUDGET = 300  # characters of text being spoken at once: ~1.4 MB of the voice's working memory each

_threads_lock = threading.Lock()
_threads: _SpeechThreads | None = None
_thread_count = max(1, os.cpu_count() or 1)


def set_speech_threads(count: int) -> None:
    """How many sentences are spoken at once in this process (`--jobs`; default: the cores)."""
    global _threads, _thread_count
    with _threads_lock:
        if count != _thread_count and _threads is not None:
            _threads.close()
            _threads = None
        _thread_count = max(1, count)


def finish_speaking() -> None:
    """End of a build: no sentence is left in the engine (the next build starts new threads).

    A document can hand a sentence to the threads that another document, spoken first, has
    already cached; nobody waits for that copy, so without this it could still be running."""
    global _threads
    with _threads_lock:
        threads, _threads = _threads, None
    if threads is not None:
        threads.finish()


def _speech_threads() -> _SpeechThreads:
    global _threads
    with _threads_lock:
        if _threads is None:
            _threads = _SpeechThreads(_thread_count, SPEECH_BUDGET)
        return _threads


@dataclass
class Spoken:
    clips: list[np.ndarray]  # one per line, at WORK_RATE
    synthesised: int  # sentences the engine spoke this time
    from_cache: int
    seconds: float  # engine time, summed over the threads
    rate: float = 0.0  # the engine's speed setting they were spoken at


def _speak_one(
    engine: SpeechEngine, text: str, rate: float, cache: SentenceCache, key: str
) -> tuple[np.ndarray, float]:
    if STOP.is_set():
        raise BuildStopped("the build was stopped")
    started = time.perf_counter()
    speech = engine.synthesize(text, rate=rate)
    samples = trim_silence(resample(speech.samples, speech.sample_rate, WORK_RATE), WORK_RATE)
    seconds = time.perf_counter() - started
    SYNTHESIS_TIMER.add(seconds)
    cache.put(key, samples)  # here, so a sentence spoken ahead is kept even if never asked for
    return samples, seconds


Pending = dict[str, "Future[tuple[np.ndarray, float]]"]


def _submit(
    engine: SpeechEngine, text: str, rate: float, cache: SentenceCache, key: str
) -> Future[tuple[np.ndarray, float]]:
    size = min(len(text), engine.longest_run or len(text))  # what one run holds at most
    return _speech_threads().submit(size, partial(_speak_one, engine, text, rate, cache, key))


def _uncached(
    lines: Sequence[Line],
    engine: SpeechEngine,
    cache: SentenceCache,
    rate: float,
    pronunciations: Mapping[str, str],
) -> tuple[list[str], dict[str, np.ndarray], dict[str, str]]:
    texts = [spoken(line.text, pronunciations) for line in lines]
    keys = [cache.key(engine, text, rate, WORK_RATE) for text in texts]
    found: dict[str, np.ndarray] = {}
    for key in dict.fromkeys(keys):
        if (samples := cache.get(key)) is not None:
            found[key] = samples
    todo = {key: text for key, text in zip(keys, texts, strict=True) if key not in found}
    return keys, found, todo


def start_speaking(
    lines: Sequence[Line],
    engine: SpeechEngine,
    cache: SentenceCache,
    *,
    rate_preset: str,
    pronunciations: Mapping[str, str],
    in_flight: Pending | None = None,
) -> Pending:
    """Hand a document's uncached sentences to the speech threads now, to be collected by
    `speak_lines` later: the engine keeps speaking while an earlier document is assembled.

    A sentence in `in_flight` (handed over for an earlier document of the same post, and not
    cached yet) is shared, not spoken again: an easy read keeps many of the post's sentences."""
    if not engine.parallel:
        return {}
    rate = engine.rate_parameter(rate_preset)
    _, _, todo = _uncached(lines, engine, cache, rate, pronunciations)
    earlier = in_flight or {}
    return {key: earlier.get(key) or _submit(engine, text, rate, cache, key) for key, text in todo.items()}


def speak_lines(
    lines: Sequence[Line],
    engine: SpeechEngine,
    settings: AudioSettings,
    cache: SentenceCache,
    *,
    rate_preset: str,
    pronunciations: Mapping[str, str],
    pending: Pending | None = None,
    rate: float | None = None,
) -> Spoken:
    """Samples at WORK_RATE for each line: from the cache, or spoken several at a time.
    `rate`, when given, is the engine's speed setting to use instead of the preset's."""
    rate = engine.rate_parameter(rate_preset) if rate is None else rate
    keys, found, todo = _uncached(lines, engine, cache, rate, pronunciations)
    pending = pending or {}
    seconds = 0.0
    if not engine.parallel:
        for key, text in todo.items():
            found[key], took = _speak_one(engine, text, rate, cache, key)
            seconds += took
    else:
        futures = {
            key: pending.get(key) or _submit(engine, text, rate, cache, key) for key, text in todo.items()
        }
        try:
            for key, future in futures.items():
                found[key], took = future.result()
                seconds += took
        except BaseException:
            for future in futures.values():
                future.cancel()
            raise
    return Spoken(
        [found[key] for key in keys],
        synthesised=len(todo),
        from_cache=len(keys) - len(todo),
        seconds=seconds,
        rate=rate,
    )


def _pause_ms(line: Line, settings: AudioSettings) -> int:
    return {
        "none": 0,
        "sentence": settings.pause_sentence_ms,
        "paragraph": settings.pause_paragraph_ms,
        "heading": settings.pause_heading_ms,
    }[line.pause_before]


def _to_segment(samples: np.ndarray, rate: int) -> AudioSegment:
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()
    return AudioSegment(data=pcm, sample_width=2, frame_rate=rate, channels=1)


LEAD_IN_MS, CLOSING_MS = 300, 700  # silence before the first sentence and after the last


def join_with_pauses(
    lines: Sequence[Line], clips: Sequence[np.ndarray], settings: AudioSettings, rate: int
) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Sentences and silences joined with pydub; returns samples and each line's (start, end)."""
    lead_in = AudioSegment.silent(duration=LEAD_IN_MS, frame_rate=rate)
    parts = [lead_in]
    position = len(lead_in.get_array_of_samples())
    spans = []
    for line, clip in zip(lines, clips, strict=True):
        pause = AudioSegment.silent(duration=_pause_ms(line, settings), frame_rate=rate)
        parts.append(pause)
        position += len(pause.get_array_of_samples())
        spans.append((position / rate, (position + len(clip)) / rate))
        parts.append(_to_segment(clip, rate))
        position += len(clip)
    parts.append(AudioSegment.silent(duration=CLOSING_MS, frame_rate=rate))
    joined = lead_in._spawn(b"".join(part.raw_data for part in parts))  # one copy, not one per part
    samples = np.frombuffer(joined.raw_data, dtype="<i2").astype(np.float32) / 32768.0
    return samples, spans


def true_peak(samples: np.ndarray, oversample: int = 4) -> float:
    """Peak of the signal after oversampling, as a linear value (ITU-R BS.1770 style)."""
    return max((float(block.max()) for _, block in oversampled_peaks(samples, oversample)), default=0.0)


def _limit_in_place(samples: np.ndarray, ceiling: float, rate: int) -> None:
    """Look-ahead limiter: smooth gain reduction so no (oversampled) peak passes the ceiling.

    Works on `samples` itself with two more arrays of its size, not six: an easy-read file of
    three minutes held about 90 MB here before."""
    need = np.empty(samples.size, dtype=np.float32)  # the gain each sample needs, at most 1
    for start, block in oversampled_peaks(samples, 2):
        np.divide(
            np.float32(ceiling), np.maximum(block, np.float32(1e-9)), out=need[start : start + block.size]
        )
    np.minimum(need, np.float32(1.0), out=need)
    if need.min() >= 1.0:
        return
    width = max(3, int(rate * 0.005) | 1)  # 5 ms look-ahead and release
    gain = moving_average(sliding_min(need, 2 * width + 1), width)
    np.minimum(gain, need, out=gain)
    del need
    samples *= gain


def integrated_loudness(samples: np.ndarray, rate: int) -> float:
    """Gated loudness in LUFS (ITU-R BS.1770-4, mono), filtered block by block.

    Gives pyloudnorm's figure without its float64 copies of the whole file: the K-weighted
    energy of each 100 ms step is all that is kept, and 400 ms blocks are sums of four steps.
    """
    hop = round(rate * 0.1)
    if samples.size < 4 * hop:
        return -math.inf
    energy = np.zeros(-(-samples.size // hop))
    at = 0
    for block in k_weighted(samples, rate):
        steps = np.arange(at, at + block.size) // hop
        energy += np.bincount(steps, weights=np.square(block), minlength=energy.size)[: energy.size]
        at += block.size
    n_blocks = int(round((samples.size / rate - 0.4) / 0.1)) + 1
    z = np.array([energy[j : j + 4].sum() for j in range(n_blocks)]) / (4 * hop)
    with np.errstate(divide="ignore"):
        block_lufs = -0.691 + 10 * np.log10(z)
    gated = z[block_lufs >= -70.0]
    if gated.size == 0:
        return -math.inf
    relative = -0.691 + 10 * math.log10(gated.mean()) - 10.0
    gated = z[(block_lufs > relative) & (block_lufs > -70.0)]
    return -0.691 + 10 * math.log10(gated.mean()) if gated.size else -math.inf


def normalise_loudness(
    samples: np.ndarray, rate: int, *, target_lufs: float, ceiling_dbtp: float
) -> np.ndarray:
    """Gain to the target loudness, limiting the peaks that the gain pushes over the ceiling.
    A float32 `samples` is changed in place (the caller's joined file is not needed after)."""
    ceiling = 10 ** ((ceiling_dbtp - 0.3) / 20)  # a little headroom for resampling and MP3
    out = samples.astype(np.float32, copy=False)
    for _ in range(3):
        loudness = integrated_loudness(out, rate)
        if not math.isfinite(loudness):
            return out  # silence: nothing to normalise
        if abs(loudness - target_lufs) < 0.15:
            break
        out *= np.float32(10 ** ((target_lufs - loudness) / 20))
        _limit_in_place(out, ceiling, rate)
    return out


def encode_mp3(samples: np.ndarray, settings: AudioSettings) -> bytes:
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(settings.bitrate_kbps)  # constant bit rate: exact seeking for chapters
    encoder.set_in_sample_rate(settings.sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(7)  # LAME's fast mode: speech at 64 kbps sounds the same and encodes 2x faster
    mp3 = bytearray()
    for start in range(0, samples.size, CHUNK):  # block by block: no whole-file int16 copy
        block = np.clip(samples[start : start + CHUNK], -1.0, 1.0) * 32767
        mp3 += encoder.encode(block.astype("<i2").tobytes())
    return bytes(mp3 + encoder.flush())


@dataclass(frozen=True)
class Heard:
    """An encoded MP3 as a player decodes it."""

    lufs: float
    true_peak_dbtp: float
    seconds: float


def measure_mp3(mp3: bytes) -> Heard:
    samples, rate = decode_mp3(mp3)
    peak = true_peak(samples, oversample=4)
    return Heard(
        lufs=integrated_loudness(samples, rate),
        true_peak_dbtp=20 * math.log10(max(peak, 1e-9)),
        seconds=samples.size / rate,
    )


def encode_to_target(samples: np.ndarray, rate: int, settings: AudioSettings) -> tuple[bytes, Heard]:
    """The MP3, and what it measures once decoded. The encoder changes loudness and peaks a
    little (about -0.45 LU at 64 kb/s), so the file is measured, and when it misses the target
    by more than 0.2 LU or passes the ceiling, the gain is corrected and it is encoded again
    (at most twice: the limiter takes back part of each gain, so it closes in, within 0.2 LU)."""
    mp3 = encode_mp3(samples, settings)
    heard = measure_mp3(mp3)
    for _ in range(2):
        off = settings.target_lufs - heard.lufs
        over = heard.true_peak_dbtp - settings.true_peak_dbtp
        if not math.isfinite(heard.lufs) or (abs(off) <= 0.2 and over <= 0):
            break
        # What the encoder does to the peaks is allowed for in the limiter's ceiling: at 64 kb/s
        # it lowers them (its low-pass filter), and a ceiling left as it was would limit
        # the gain away.
        overshoot = heard.true_peak_dbtp - 20 * math.log10(max(true_peak(samples, 2), 1e-9))
        overshoot = min(1.0, max(-1.0, overshoot))
        samples *= np.float32(10 ** (off / 20))
        _limit_in_place(samples, 10 ** ((settings.true_peak_dbtp - 0.1 - overshoot) / 20), rate)
        mp3 = encode_mp3(samples, settings)
        heard = measure_mp3(mp3)
    return mp3, heard


def timestamp(seconds: float) -> str:
    """HH:MM:SS.mmm: a WebVTT timestamp, and a SMIL full clock value too."""
    ms = int(round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def webvtt(cues: Sequence[Cue]) -> str:
    blocks = ["WEBVTT"]
    for number, cue in enumerate(cues, start=1):
        text = cue.text.replace("-->", "→")
        blocks.append(f"{number}\n{timestamp(cue.start)} --> {timestamp(cue.end)}\n{text}")
    return "\n\n".join(blocks) + "\n"


def _chapters(lines: Sequence[Line], spans: Sequence[tuple[float, float]], total: float) -> list[Chapter]:
    starts = [(line.chapter, max(0.0, span[0] - 0.3)) for line, span in zip(lines, spans) if line.chapter]
    if starts:
        starts[0] = (starts[0][0], 0.0)
    return [
        Chapter(title=title or "", start=start, end=starts[i + 1][1] if i + 1 < len(starts) else total)
        for i, (title, start) in enumerate(starts)
    ]


@dataclass
class Tags:
    title: str
    artist: str
    album: str
    year: int | None
    language: str = "eng"
    comment: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def tag_mp3(mp3: bytes, tags: Tags, chapters: Sequence[Chapter]) -> bytes:
    from mutagen.id3 import CHAP, COMM, CTOC, ID3, TALB, TDRC, TIT2, TLAN, TPE1, TXXX, CTOCFlags

    id3 = ID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TPE1(encoding=3, text=tags.artist))
    id3.add(TALB(encoding=3, text=tags.album))
    if tags.year:
        id3.add(TDRC(encoding=3, text=str(tags.year)))
    id3.add(TLAN(encoding=3, text=tags.language))
    if tags.comment:
        id3.add(COMM(encoding=3, lang=tags.language, desc="", text=tags.comment))
    for key, value in tags.extra.items():
        id3.add(TXXX(encoding=3, desc=key, text=value))
    ids = [f"chp{i}" for i in range(len(chapters))]
    table = []
    if chapters:
        table.append(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text=tags.title)],
            )
        )
    for cid, chapter in zip(ids, chapters):
        table.append(
            CHAP(
                element_id=cid,
                start_time=int(chapter.start * 1000),
                end_time=int(chapter.end * 1000),
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    return _id3_in_order([*id3.values(), *table]) + mp3


def _id3_in_order(frames: Sequence[Any]) -> bytes:
    """An ID3v2.4 tag holding `frames` in the order given. mutagen sorts frames by size when
    it saves a tag, which put short chapter titles first; players that read CHAP frames without
    the CTOC (ffmpeg's among them) list chapters in the order they are written, so each frame
    is made by mutagen on its own and the tag is put together here."""
    from mutagen.id3 import ID3

    body = b""
    for frame in frames:
        single = ID3()
        single.add(frame)
        buffer = io.BytesIO()
        single.save(buffer, v2_version=4, padding=lambda _: 0)
        body += buffer.getvalue()[10:]  # the frame without its tag's 10-byte header
    size = bytes((len(body) >> shift) & 0x7F for shift in (21, 14, 7, 0))  # "synchsafe"
    return b"ID3\x04\x00\x00" + size + body


def render(
    lines: Sequence[Line],
    engine: SpeechEngine,
    settings: AudioSettings,
    cache: SentenceCache,
    *,
    tags: Tags,
    rate_preset: str | None = None,
    pronunciations: Mapping[str, str] | None = None,
    pending: Pending | None = None,
) -> AudioResult:
    """The whole audio of one document."""
    if not lines:
        raise SynthesisError("there is no text to speak")
    preset, pronunciations = rate_preset or settings.rate, pronunciations or {}
    said = speak_lines(
        lines, engine, settings, cache, rate_preset=preset, pronunciations=pronunciations, pending=pending
    )
    if (better := _tuned_rate(lines, said, engine, settings, preset, pronunciations)) is not None:
        first = said
        said = speak_lines(
            lines, engine, settings, cache, rate_preset=preset, pronunciations=pronunciations, rate=better
        )
        said.synthesised += first.synthesised
        said.seconds += first.seconds
    with _ASSEMBLY_LOCK:
        try:
            return _assemble(lines, said, engine, settings, tags, pronunciations)
        finally:
            release_free_memory()


def spoken_words(lines: Sequence[Line], pronunciations: Mapping[str, str]) -> int:
    """Every word the listener hears, numbers counted as said (audio/rate.py)."""
    return sum(spoken_word_count(spoken(line.text, pronunciations)) for line in lines)


def _pauses_s(lines: Sequence[Line], settings: AudioSettings) -> float:
    return (LEAD_IN_MS + CLOSING_MS + sum(_pause_ms(line, settings) for line in lines)) / 1000


def _tuned_rate(
    lines: Sequence[Line],
    said: Spoken,
    engine: SpeechEngine,
    settings: AudioSettings,
    preset: str,
    pronunciations: Mapping[str, str],
) -> float | None:
    """The speed setting that brings this document into its preset's words-a-minute range,
    from how fast the voice spoke it; None when it is in range (or cannot be tuned)."""
    factor = speed_factor(
        words=spoken_words(lines, pronunciations),
        speech_s=sum(clip.size for clip in said.clips) / WORK_RATE,
        pause_s=_pauses_s(lines, settings),
        target=RATE_TARGETS[preset],
    )
    if factor is None:
        return None
    better = engine.rate_for_speed(said.rate, factor)
    return better if better is not None and better != said.rate else None


# One document is assembled at a time: joining, limiting, resampling and encoding a long file
# takes a few copies of it, and the speech threads keep the cores busy meanwhile.
_ASSEMBLY_LOCK = threading.Lock()


def _assemble(
    lines: Sequence[Line],
    said: Spoken,
    engine: SpeechEngine,
    settings: AudioSettings,
    tags: Tags,
    pronunciations: Mapping[str, str],
) -> AudioResult:
    samples, spans = join_with_pauses(lines, said.clips, settings, WORK_RATE)
    said.clips.clear()  # the joined copy is all that is needed now
    samples = normalise_loudness(
        samples, WORK_RATE, target_lufs=settings.target_lufs, ceiling_dbtp=settings.true_peak_dbtp
    )
    rate = settings.sample_rate
    samples = resample(samples, WORK_RATE, rate)
    peak = true_peak(samples, oversample=2)
    ceiling = 10 ** (settings.true_peak_dbtp / 20)
    if peak > ceiling:  # resampling can lift a peak a hair; never let it past the ceiling
        samples *= np.float32(ceiling / peak)
    encoded, heard = encode_to_target(samples, rate, settings)
    duration = heard.seconds
    cues = tuple(Cue(start, end, line.text) for line, (start, end) in zip(lines, spans))
    chapters = tuple(_chapters(lines, spans, duration))
    mp3 = tag_mp3(encoded, tags, chapters)
    n_words = spoken_words(lines, pronunciations)
    return AudioResult(
        mp3=mp3,
        vtt=webvtt(cues),
        cues=cues,
        chapters=chapters,
        duration_s=round(duration, 3),
        words=n_words,
        words_per_minute=words_per_minute(n_words, duration),
        lufs=round(heard.lufs, 2),
        true_peak_dbtp=round(heard.true_peak_dbtp, 2),
        engine=engine.name,
        voice=engine.voice_id,
        synthesised=said.synthesised,
        from_cache=said.from_cache,
        synthesis_seconds=round(said.seconds, 3),
        speed_setting=said.rate,
    )
