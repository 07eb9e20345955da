"""What the audio of one document is: the MP3 and what was measured and timed in it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)  # start and end: named, never swapped
class WordTiming:
    text: str  # the word as printed (or, from an engine, as spoken)
    start: float  # seconds
    end: float


@dataclass(frozen=True, kw_only=True)  # start and end: named, never swapped
class Cue:
    start: float  # seconds, where the sentence is heard
    end: float
    text: str
    words: tuple[WordTiming, ...] = ()  # each printed word of `text`, where it is heard
    words_estimated: bool = False  # True: the voice gave no word times, they are spread by syllables


@dataclass(frozen=True, kw_only=True)
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
    words_estimated: int = 0  # sentences whose word timings are estimates (audio/word_timings.py)
