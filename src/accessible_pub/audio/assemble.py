"""The one place audio is put together: a document's sentences spoken (or read from the cache),
joined with pauses, made loud enough but never clipped, encoded, tagged, and every sentence
timed for captions.

Loudness: -16 LUFS integrated, true peak at or below the ceiling. Piper's raw output is
quieter than that and peaky, so a plain gain would clip: a look-ahead limiter holds the
peaks down and the gain is found again after limiting (shared/guides/audio.md). The pieces
live beside this module: the sentence cache (`sentence_cache.py`), the speech threads
(`speech_threads.py`), the signal maths (`dsp.py`) and the file formats (`encoding.py`).
"""

from __future__ import annotations

import threading
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial

import numpy as np

with warnings.catch_warnings():
    # pydub looks for ffmpeg when imported and warns on every build when it is missing; nothing
    # here needs it (lameenc writes the MP3), so exactly that warning is silenced, here only.
    warnings.filterwarnings("ignore", message="Couldn't find ffmpeg or avconv", category=RuntimeWarning)
    from pydub import AudioSegment

from ..config import AudioSettings
from ..errors import STOP, BuildStopped, SynthesisError
from ..memory import release_free_memory
from .dsp import heard_span, normalise_loudness, resample, true_peak
from .encoding import Tags, encode_loss, encode_to_target, tag_mp3, webvtt
from .engine import SpeechEngine
from .rate import RATE_TARGETS, speed_factor, spoken_word_count, wanted_speech_s, words_per_minute
from .result import AudioResult, Chapter, Cue, WordTiming
from .script import Line
from .sentence_cache import WORK_RATE, SentenceCache
from .speech_text import spoken
from .speech_threads import SYNTHESIS_TIMER, shared_threads
from .word_timings import place_words

# ---- a document's sentences, worked out once ---------------------------------------------


@dataclass
class DocumentSpeech:
    """A document's sentences for one engine: what is said for each line, at which of the
    engine's speeds, and its cache key, all worked out once; `todo` are the keys not in the
    cache when it was made, and `pending` those already handed to the speech threads."""

    engine: SpeechEngine
    rate: float  # the engine's own speed setting for the rate preset
    texts: tuple[str, ...]  # spoken text, one a line
    keys: tuple[str, ...]  # sentence cache key, one a line
    todo: dict[str, str]  # key -> spoken text
    pending: dict[str, Future[tuple[np.ndarray, Timed, float]]] = field(default_factory=dict)


Timed = tuple[WordTiming, ...] | None  # a sentence's spoken words and their times in its clip


def plan_speech(
    lines: Sequence[Line],
    engine: SpeechEngine,
    cache: SentenceCache,
    *,
    rate_preset: str,
    pronunciations: Mapping[str, str],
    rate: float | None = None,
    settings: AudioSettings | None = None,
) -> DocumentSpeech:
    """`rate`, when given, is the engine's speed setting to use instead of the preset's. With the
    document's `settings` (its pauses), a voice whose pace is measured starts at the setting
    expected to land in the preset's words-a-minute range, so it is spoken once."""
    texts = tuple(spoken(line.text, pronunciations) for line in lines)
    if rate is None:
        rate = engine.rate_parameter(rate_preset)
        if settings is not None:
            rate = _aimed_rate(lines, texts, engine, settings, rate_preset, start=rate)
    keys = tuple(cache.key(engine, text, rate=rate, sample_rate=WORK_RATE) for text in texts)
    words = engine.aligns_words
    todo = {key: text for key, text in zip(keys, texts, strict=True) if not cache.has(key, words=words)}
    return DocumentSpeech(engine=engine, rate=rate, texts=texts, keys=keys, todo=todo)


def _speak_one(
    engine: SpeechEngine, text: str, rate: float, cache: SentenceCache, key: str
) -> tuple[np.ndarray, Timed, float]:
    if STOP.is_set():
        raise BuildStopped("the build was stopped")
    started = time.perf_counter()
    speech = engine.synthesize(text, rate=rate)
    samples = resample(speech.samples, source=speech.sample_rate, target=WORK_RATE)
    first, end = heard_span(samples, WORK_RATE)
    samples = samples[first:end]
    words = _from_clip_start(speech.words, cut_s=first / WORK_RATE, length_s=samples.size / WORK_RATE)
    seconds = time.perf_counter() - started
    SYNTHESIS_TIMER.add(seconds)
    cache.put(key, samples, words)  # here, so a sentence spoken ahead is kept even if never asked for
    return samples, words, seconds


def _from_clip_start(words: Timed, *, cut_s: float, length_s: float) -> Timed:
    """Word times from the start of the trimmed clip (the engine's leading silence is cut)."""
    if words is None:
        return None
    return tuple(
        WordTiming(
            text=w.text,
            start=round(min(max(w.start - cut_s, 0.0), length_s), 3),
            end=round(min(max(w.end - cut_s, 0.0), length_s), 3),
        )
        for w in words
    )


def _submit(
    speech: DocumentSpeech, cache: SentenceCache, key: str, text: str
) -> Future[tuple[np.ndarray, Timed, float]]:
    engine = speech.engine
    size = min(len(text), engine.longest_run or len(text))  # what one run holds at most
    return shared_threads().submit(size, partial(_speak_one, engine, text, speech.rate, cache, key))


def start_speaking(speech: DocumentSpeech, cache: SentenceCache) -> None:
    """Hand a document's uncached sentences to the speech threads now, to be collected by
    `speak_lines` later: the engine keeps speaking while an earlier document is assembled."""
    if speech.engine.parallel:
        for key, text in speech.todo.items():
            if key not in speech.pending:
                speech.pending[key] = _submit(speech, cache, key, text)


def cancel_speaking(speech: DocumentSpeech) -> None:
    for future in speech.pending.values():
        future.cancel()  # does nothing to a sentence already spoken


@dataclass
class Spoken:
    clips: list[np.ndarray]  # one per line, at WORK_RATE
    synthesised: int  # sentences the engine spoke this time
    from_cache: int
    seconds: float  # engine time, summed over the threads
    rate: float = 0.0  # the engine's speed setting they were spoken at
    words: list[Timed] = field(default_factory=list)  # one per line: its spoken words, timed in its clip


def speak_lines(speech: DocumentSpeech, cache: SentenceCache) -> Spoken:
    """Samples at WORK_RATE for each line: from the cache, or spoken several at a time."""
    found: dict[str, np.ndarray] = {}
    timed: dict[str, Timed] = {}
    aligns = speech.engine.aligns_words
    for key in dict.fromkeys(speech.keys):
        if key not in speech.todo and (samples := cache.get(key)) is not None:
            timed[key] = cache.get_words(key)
            if timed[key] is not None or not aligns:
                found[key] = samples
    # (a sentence the cache lost since the plan was made is spoken again)
    todo = {key: text for key, text in zip(speech.keys, speech.texts, strict=True) if key not in found}
    seconds = 0.0
    if not speech.engine.parallel:
        for key, text in todo.items():
            found[key], timed[key], took = _speak_one(speech.engine, text, speech.rate, cache, key)
            seconds += took
    else:
        futures = {
            key: speech.pending.get(key) or _submit(speech, cache, key, text) for key, text in todo.items()
        }
        try:
            for key, future in futures.items():
                found[key], timed[key], took = future.result()
                seconds += took
        except BaseException:
            for future in futures.values():
                future.cancel()
            raise
    return Spoken(
        [found[key] for key in speech.keys],
        synthesised=len(todo),
        from_cache=len(speech.keys) - len(todo),
        seconds=seconds,
        rate=speech.rate,
        words=[timed[key] for key in speech.keys],
    )


# ---- one document's file ------------------------------------------------------------------


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


def _chapters(lines: Sequence[Line], spans: Sequence[tuple[float, float]], total: float) -> list[Chapter]:
    starts = [(line.chapter, max(0.0, span[0] - 0.3)) for line, span in zip(lines, spans) if line.chapter]
    if starts:
        starts[0] = (starts[0][0], 0.0)
    return [
        Chapter(title=title or "", start=start, end=starts[i + 1][1] if i + 1 < len(starts) else total)
        for i, (title, start) in enumerate(starts)
    ]


def render(
    lines: Sequence[Line],
    engine: SpeechEngine,
    settings: AudioSettings,
    cache: SentenceCache,
    *,
    tags: Tags,
    rate_preset: str | None = None,
    pronunciations: Mapping[str, str] | None = None,
    speech: DocumentSpeech | None = None,
) -> AudioResult:
    """The whole audio of one document. `speech`: its sentences as planned (and perhaps begun)
    for this engine by `plan_speech`; planned here when not given."""
    if not lines:
        raise SynthesisError("there is no text to speak")
    preset, pronunciations = rate_preset or settings.rate, pronunciations or {}
    if speech is None or speech.engine is not engine:
        speech = plan_speech(
            lines, engine, cache, rate_preset=preset, pronunciations=pronunciations, settings=settings
        )
    said = speak_lines(speech, cache)
    if (better := _tuned_rate(lines, said, engine, settings, preset, pronunciations)) is not None:
        first = said
        retimed = plan_speech(
            lines, engine, cache, rate_preset=preset, pronunciations=pronunciations, rate=better
        )
        said = speak_lines(retimed, cache)
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


def _aimed_rate(
    lines: Sequence[Line],
    texts: Sequence[str],
    engine: SpeechEngine,
    settings: AudioSettings,
    preset: str,
    *,
    start: float,
) -> float:
    """The speed setting expected to put the document in the middle of its preset's range, from
    the voice's measured pace (`start` when the engine cannot tell). Twice round, since the gaps
    between clauses do not scale with the setting."""
    wanted = wanted_speech_s(
        words=sum(spoken_word_count(text) for text in texts),
        pause_s=_pauses_s(lines, settings),
        target=RATE_TARGETS[preset],
    )
    rate = start
    for _ in range(2):
        expected = [engine.expected_seconds(text, rate=rate) for text in texts]
        if wanted is None or None in expected:
            return rate
        better = engine.rate_for_speed(rate, sum(s or 0.0 for s in expected) / wanted)
        if better is None or better == rate:
            break
        rate = better
    return rate


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
    samples = normalise_loudness(  # aimed above the target by what the encoder will take off
        samples,
        WORK_RATE,
        target_lufs=settings.target_lufs + encode_loss(settings),
        ceiling_dbtp=settings.true_peak_dbtp,
    )
    rate = settings.sample_rate
    samples = resample(samples, source=WORK_RATE, target=rate)
    peak = true_peak(samples, oversample=2)
    ceiling = 10 ** (settings.true_peak_dbtp / 20)
    if peak > ceiling:  # resampling can lift a peak a hair; never let it past the ceiling
        samples *= np.float32(ceiling / peak)
    encoded, heard = encode_to_target(samples, rate, settings)
    duration = heard.seconds
    say = partial(spoken, pronunciations=pronunciations)
    cues = tuple(_cue(line, span, timed, say) for line, span, timed in zip(lines, spans, said.words))
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
        words_estimated=sum(cue.words_estimated for cue in cues),
    )


def _cue(line: Line, span: tuple[float, float], said: Timed, say: Callable[[str], str]) -> Cue:
    """A sentence's caption, with each printed word where it is heard."""
    start, end = span
    words, estimated = place_words(line.text, said, start=start, end=end, say=say)
    return Cue(start=start, end=end, text=line.text, words=words, words_estimated=estimated)
