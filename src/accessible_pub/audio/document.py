"""Speaking a whole document: from the document cache, or by the engine with a fallback.

`speak` renders a whole document with the configured engine. If that engine fails and a
fallback is configured, the *whole* document is spoken again by the fallback, so a listener
never hears two voices in one file.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence

from ..cache import BlobCache, fingerprint
from ..config import AudioSettings, GttsSettings
from ..errors import EngineUnavailable, SynthesisError
from .assemble import DocumentSpeech, cancel_speaking, plan_speech, render, start_speaking
from .encoding import Tags
from .engines import engine_for, engine_identity
from .result import AudioResult, Chapter, Cue, WordTiming
from .script import Line
from .sentence_cache import SentenceCache
from .speech_text import spoken


def _stored(documents: BlobCache, key: str, n_lines: int) -> AudioResult | None:
    mp3, meta = documents.get(key, suffix=".mp3"), documents.get(key, suffix=".json")
    if mp3 is None or meta is None:
        return None
    fields = json.loads(meta)
    fields["cues"] = tuple(
        Cue(**{**c, "words": tuple(WordTiming(**w) for w in c.get("words", ()))}) for c in fields["cues"]
    )
    fields["chapters"] = tuple(Chapter(**c) for c in fields["chapters"])
    fields.update(mp3=mp3, synthesised=0, from_cache=n_lines, synthesis_seconds=0.0)
    return AudioResult(**fields)


def _store(documents: BlobCache, key: str, result: AudioResult) -> None:
    meta = {f.name: getattr(result, f.name) for f in dataclasses.fields(result) if f.name != "mp3"}
    meta["cues"] = [dataclasses.asdict(c) for c in result.cues]
    meta["chapters"] = [dataclasses.asdict(c) for c in result.chapters]
    documents.put(key, result.mp3, suffix=".mp3")
    documents.put(key, json.dumps(meta).encode(), suffix=".json")


# Raised when what a stored document holds changes: 2 = figures measured on the MP3, the rate
# tuned per document; 3 = each caption's words timed; 4 = also the rate aimed from the voice's
# pace and loudness aimed for the encoder (two branches raised it to 3 at once).
DOCUMENT_FORMAT = 4


def _document_key(
    lines: Sequence[Line],
    settings: AudioSettings,
    transport: GttsSettings,
    tags: Tags,
    pronunciations: Mapping[str, str] | None,
) -> str:
    # listen_check decides whether the file is checked afterwards; it never changes the sound
    sound = dataclasses.replace(settings, listen_check=False)
    identity = engine_identity(settings.engine)
    # what is said, not only what is printed: a new speech rule must not reuse the old sound
    said = tuple(spoken(line.text, pronunciations) for line in lines)
    return fingerprint(
        f"audio-{DOCUMENT_FORMAT}",
        identity,
        sound,
        transport.shaping(),
        lines,
        said,
        tags,
        pronunciations or {},
    )


def _documents(sentence_cache: SentenceCache) -> BlobCache:
    return BlobCache(sentence_cache.root.parent / "audio" if sentence_cache.root else None)


def speak(
    lines: Sequence[Line],
    settings: AudioSettings,
    sentence_cache: SentenceCache,
    *,
    tags: Tags,
    pronunciations: Mapping[str, str] | None = None,
    speech: DocumentSpeech | None = None,
    transport: GttsSettings | None = None,
) -> AudioResult:
    """The whole audio of a document, from the document cache when nothing that shapes it changed.
    `transport` says how an online engine reaches its service (it never shapes the sound)."""
    transport = transport or GttsSettings()
    documents = _documents(sentence_cache)
    key = _document_key(lines, settings, transport, tags, pronunciations)
    if (cached := _stored(documents, key, len(lines))) is not None:
        return cached
    try:
        engine = engine_for(settings.engine, transport)
        result = render(
            lines, engine, settings, sentence_cache, tags=tags, pronunciations=pronunciations, speech=speech
        )
    except (EngineUnavailable, SynthesisError) as exc:
        if not settings.fallback or settings.fallback == settings.engine:
            raise
        fallback = engine_for(settings.fallback, transport)
        result = render(lines, fallback, settings, sentence_cache, tags=tags, pronunciations=pronunciations)
        result.fallback_reason = str(exc)
        return result  # a fallback is retried next time, not remembered
    _store(documents, key, result)
    return result


class PostAudio:
    """A post's documents on their way to audio.

    `add` hands a document's uncached sentences to the speech threads at once, so the post's
    own audio is spoken while its easy read is still being written, and the easy read is
    spoken while the post's audio is assembled: a single post keeps every core busy. `results`
    gives each document's audio in the order added. Leaving the `with` block after a failure
    cancels the sentences no document will now collect.
    """

    def __init__(
        self,
        settings: AudioSettings,
        sentence_cache: SentenceCache,
        *,
        pronunciations: Mapping[str, str] | None = None,
        transport: GttsSettings | None = None,
    ) -> None:
        self.settings, self.sentence_cache = settings, sentence_cache
        self.transport = transport or GttsSettings()
        self.pronunciations = pronunciations or {}
        self._documents: list[tuple[Sequence[Line], Tags, DocumentSpeech | None]] = []

    def add(self, lines: Sequence[Line], tags: Tags) -> None:
        speech: DocumentSpeech | None = None
        key, stored = (
            _document_key(lines, self.settings, self.transport, tags, self.pronunciations),
            _documents(self.sentence_cache),
        )
        if not (
            stored.has(key, suffix=".mp3") and stored.has(key, suffix=".json")
        ):  # `results` reads it when it is there
            try:
                engine = engine_for(self.settings.engine, self.transport)
            except EngineUnavailable:
                pass  # `results` says so, or falls back
            else:
                speech = plan_speech(
                    lines,
                    engine,
                    self.sentence_cache,
                    rate_preset=self.settings.rate,
                    pronunciations=self.pronunciations,
                    settings=self.settings,
                )
                # A sentence this post already handed over for an earlier document is shared, not
                # spoken twice (an easy read keeps many of the post's sentences); a post's
                # documents are collected or cancelled together.
                for _, _, earlier in self._documents:
                    if earlier is not None:
                        for shared in earlier.pending.keys() & speech.todo.keys():
                            speech.pending.setdefault(shared, earlier.pending[shared])
                start_speaking(speech, self.sentence_cache)
        self._documents.append((lines, tags, speech))

    def results(self) -> list[AudioResult]:
        return [
            speak(
                lines,
                self.settings,
                self.sentence_cache,
                tags=tags,
                pronunciations=self.pronunciations,
                speech=speech,
                transport=self.transport,
            )
            for lines, tags, speech in self._documents
        ]

    def __enter__(self) -> PostAudio:
        return self

    def __exit__(self, *exc: object) -> None:
        for _, _, speech in self._documents:
            if speech is not None:
                cancel_speaking(speech)
