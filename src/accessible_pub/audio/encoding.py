"""The finished file: MP3 at a constant bit rate (measured as a player decodes it, and encoded
again when the encoder moved it off the loudness target), ID3 tags with chapters in time order,
WebVTT captions."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import lameenc
import numpy as np

from ..config import AudioSettings
from ..text import timestamp
from .dsp import CHUNK, limit_in_place, integrated_loudness, true_peak
from .measure import decode_mp3
from .result import Chapter, Cue


@dataclass(kw_only=True)  # title, artist, album: three strings, always named
class Tags:
    title: str
    artist: str
    album: str
    year: int | None
    language: str = "eng"
    comment: str = ""
    extra: dict[str, str] = field(default_factory=dict)


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


# What LAME's encode takes off a voice's loudness, by bit rate (mono at 44.1 kHz; its low-pass
# removes the highs that K-weighting counts), in loudness units, measured on the shipped posts
# (bench/audio.py prints it). Loudness is aimed this much above the target before encoding,
# so the first encode lands on the target and is only verified; a rate not listed is corrected
# after measuring, with one more encode.
ENCODE_LOSS_LU = {64: 0.45}


def encode_loss(settings: AudioSettings) -> float:
    """Loudness units to add before encoding, so the MP3 measures the target."""
    return ENCODE_LOSS_LU.get(settings.bitrate_kbps, 0.0) if settings.sample_rate == 44100 else 0.0


def encode_to_target(samples: np.ndarray, rate: int, settings: AudioSettings) -> tuple[bytes, Heard]:
    """The MP3, and what it measures once decoded. The encoder changes loudness and peaks a
    little (see ENCODE_LOSS_LU: the caller aims above the target by that), so the file is
    measured, and when it misses the target by more than 0.2 LU or passes the ceiling, the
    gain is corrected and it is encoded again (at most twice: the limiter takes back part of
    each gain, so it closes in, within 0.2 LU)."""
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
        limit_in_place(samples, 10 ** ((settings.true_peak_dbtp - 0.1 - overshoot) / 20), rate)
        mp3 = encode_mp3(samples, settings)
        heard = measure_mp3(mp3)
    return mp3, heard


def webvtt(cues: Sequence[Cue]) -> str:
    blocks = ["WEBVTT"]
    for number, cue in enumerate(cues, start=1):
        text = cue.text.replace("-->", "→")
        blocks.append(f"{number}\n{timestamp(cue.start)} --> {timestamp(cue.end)}\n{text}")
    return "\n\n".join(blocks) + "\n"


def tag_mp3(mp3: bytes, tags: Tags, chapters: Sequence[Chapter]) -> bytes:
    from mutagen.id3 import CHAP, COMM, CTOC, ID3, TALB, TDRC, TIT2, TLAN, TPE1, TXXX, CTOCFlags, Frame

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
    table: list[Frame] = []  # the CTOC, then one CHAP a chapter
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
