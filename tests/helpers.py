"""Measuring real output: decode MP3 with ffmpeg, read PDFs with pdfplumber and pikepdf."""

from __future__ import annotations

import io
import math
import shutil
import subprocess

import numpy as np


def decode_mp3(data: bytes) -> tuple[np.ndarray, int]:
    """Decode with ffmpeg (a separate decoder from the LAME encoder that wrote the file)."""
    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "ffmpeg is needed to decode MP3 in tests (apt-get install ffmpeg)"
    done = subprocess.run(
        [ffmpeg, "-v", "error", "-i", "pipe:0", "-f", "s16le", "-ac", "1", "-ar", "44100", "pipe:1"],
        input=data,
        capture_output=True,
        check=True,
        timeout=120,
    )
    samples = np.frombuffer(done.stdout, dtype="<i2").astype(np.float64) / 32768.0
    return samples, 44100


def loudness(samples: np.ndarray, rate: int) -> float:
    import pyloudnorm

    return float(pyloudnorm.Meter(rate).integrated_loudness(samples))


def true_peak_dbtp(samples: np.ndarray) -> float:
    from scipy.signal import resample_poly

    peak = float(np.max(np.abs(resample_poly(samples, 4, 1))))
    return 20 * math.log10(max(peak, 1e-12))


def pdf_char_sizes(data: bytes) -> list[tuple[str, float, str]]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [(c["text"], float(c["size"]), c["fontname"]) for page in pdf.pages for c in page.chars]


_BITRATES_MPEG1_L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
_BITRATES_MPEG2_L3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
_RATES = {3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000]}


def mp3_frames(data: bytes) -> list[tuple[int, int, int]]:
    """(bitrate kbps, sample rate, channel mode) of every MPEG audio frame, walking the stream."""
    pos = 0
    if data[:3] == b"ID3":
        size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]
        pos = 10 + size
    frames = []
    while pos + 4 <= len(data):
        b1, b2, b3 = data[pos + 1], data[pos + 2], data[pos + 3]
        if data[pos] != 0xFF or (b1 & 0xE0) != 0xE0:
            break
        version = (b1 >> 3) & 3
        table = _BITRATES_MPEG1_L3 if version == 3 else _BITRATES_MPEG2_L3
        kbps = table[b2 >> 4]
        rate = _RATES[version][(b2 >> 2) & 3]
        padding = (b2 >> 1) & 1
        samples = 1152 if version == 3 else 576
        length = samples // 8 * kbps * 1000 // rate + padding
        frames.append((kbps, rate, b3 >> 6))
        pos += length
    return frames
