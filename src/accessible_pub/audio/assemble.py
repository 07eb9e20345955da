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
from .script import Line
from ..readability import words
from .speech_text import links_to_words, spoken


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
) -> Spoken:
    """Samples at WORK_RATE for each line: from the cache, or spoken several at a time."""
    rate = engine.rate_parameter(rate_preset)
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
        [found[key] for key in keys], synthesised=len(todo), from_cache=len(keys) - len(todo), seconds=seconds
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


def join_with_pauses(
    lines: Sequence[Line], clips: Sequence[np.ndarray], settings: AudioSettings, rate: int
) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Sentences and silences joined with pydub; returns samples and each line's (start, end)."""
    lead_in = AudioSegment.silent(duration=300, frame_rate=rate)
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
    parts.append(AudioSegment.silent(duration=700, frame_rate=rate))
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
    if chapters:
        id3.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text=tags.title)],
            )
        )
    for cid, chapter in zip(ids, chapters):
        id3.add(
            CHAP(
                element_id=cid,
                start_time=int(chapter.start * 1000),
                end_time=int(chapter.end * 1000),
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    buffer = io.BytesIO()
    id3.save(buffer, v2_version=4)
    return buffer.getvalue() + mp3


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
    said = speak_lines(
        lines,
        engine,
        settings,
        cache,
        rate_preset=rate_preset or settings.rate,
        pronunciations=pronunciations or {},
        pending=pending,
    )
    with _ASSEMBLY_LOCK:
        try:
            return _assemble(lines, said, engine, settings, tags)
        finally:
            release_free_memory()


# One document is assembled at a time: joining, limiting, resampling and encoding a long file
# takes a few copies of it, and the speech threads keep the cores busy meanwhile.
_ASSEMBLY_LOCK = threading.Lock()


def _assemble(
    lines: Sequence[Line], said: Spoken, engine: SpeechEngine, settings: AudioSettings, tags: Tags
) -> AudioResult:
    samples, spans = join_with_pauses(lines, said.clips, settings, WORK_RATE)
    said.clips.clear()  # the joined copy is all that is needed now
    samples = normalise_loudness(
        samples, WORK_RATE, target_lufs=settings.target_lufs, ceiling_dbtp=settings.true_peak_dbtp
    )
    loudness = integrated_loudness(samples, WORK_RATE)
    rate = settings.sample_rate
    samples = resample(samples, WORK_RATE, rate)
    peak = true_peak(samples, oversample=2)
    ceiling = 10 ** (settings.true_peak_dbtp / 20)
    if peak > ceiling:  # resampling can lift a peak a hair; never let it past the ceiling
        samples *= np.float32(ceiling / peak)
        peak = ceiling
    duration = samples.size / rate
    cues = tuple(Cue(start, end, line.text) for line, (start, end) in zip(lines, spans))
    chapters = tuple(_chapters(lines, spans, duration))
    mp3 = tag_mp3(encode_mp3(samples, settings), tags, chapters)
    n_words = sum(len(words(links_to_words(line.text))) for line in lines)
    return AudioResult(
        mp3=mp3,
        vtt=webvtt(cues),
        cues=cues,
        chapters=chapters,
        duration_s=round(duration, 3),
        words=n_words,
        words_per_minute=round(n_words / (duration / 60), 1),
        lufs=round(float(loudness), 2),
        true_peak_dbtp=round(20 * math.log10(max(peak, 1e-9)), 2),
        engine=engine.name,
        voice=engine.voice_id,
        synthesised=said.synthesised,
        from_cache=said.from_cache,
        synthesis_seconds=round(said.seconds, 3),
    )
