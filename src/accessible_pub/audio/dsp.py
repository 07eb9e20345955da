"""The signal processing that assembly needs, block by block, with NumPy and soxr only.

SciPy had all of it, but `scipy.signal` imports most of SciPy on the way (stats, optimize,
sparse...): about 100 MB of a build's memory and 0.8 s of its start, for four functions.
What is here instead: resampling by soxr (a well-kept resampling library); the K-weighting
of ITU-R BS.1770 as its impulse response applied by FFT; and a sliding minimum and a moving
average for the limiter. Tests check each against SciPy and pyloudnorm.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import cache

import numpy as np
import soxr

CHUNK = 1 << 18  # samples per block: memory stays flat however long the file


def resample(samples: np.ndarray, *, source: int, target: int) -> np.ndarray:
    """float32 at `target` Hz. soxr streams through the file, so blocks join seamlessly.
    (The rates are keyword-only: two numbers side by side are easily swapped.)"""
    samples = samples.astype(np.float32, copy=False)
    if source == target or samples.size == 0:
        return samples
    return soxr.resample(samples, source, target, quality="HQ").astype(np.float32, copy=False)


def _row_max(rows: np.ndarray) -> np.ndarray:
    """The largest value of each row, column against column: NumPy's `max(axis=1)` over rows of
    two or four values runs 10-30 times slower (it was half of a build's assembly time)."""
    out = rows[:, 0].copy()
    for column in range(1, rows.shape[1]):
        np.maximum(out, rows[:, column], out=out)
    return out


def oversampled_peaks(samples: np.ndarray, factor: int) -> Iterator[tuple[int, np.ndarray]]:
    """(start, peaks) block by block: for each sample from `start`, the largest magnitude among
    its `factor` oversampled points (the true peak of ITU-R BS.1770, sample by sample)."""
    stream = soxr.ResampleStream(1.0, float(factor), 1, dtype="float32", quality="HQ")
    carry = np.zeros(0, dtype=np.float32)
    done = 0  # input samples whose peaks have been given
    for start in range(0, samples.size, CHUNK):
        last = start + CHUNK >= samples.size
        up = np.abs(
            stream.resample_chunk(samples[start : start + CHUNK].astype(np.float32, copy=False), last=last)
        )
        up = np.concatenate([carry, up]) if carry.size else up
        whole = samples.size - done if last else up.size // factor
        if up.size < whole * factor:  # the stream's last few points, when it gave fewer
            up = np.pad(up, (0, whole * factor - up.size))
        yield done, _row_max(up[: whole * factor].reshape(whole, factor))
        carry, done = up[whole * factor :], done + whole


def _windows(values: np.ndarray, half: int) -> Iterator[tuple[slice, np.ndarray]]:
    """Block by block: where the block's results go, and its values with `half` more on each side
    (the ends repeat the edge value), so a centred window of 2 * half + 1 sees all it needs."""
    for start in range(0, values.size, CHUNK):
        stop = min(values.size, start + CHUNK)
        lo, hi = max(0, start - half), min(values.size, stop + half)
        yield (
            slice(start, stop),
            np.pad(values[lo:hi], (half - (start - lo), half - (hi - stop)), mode="edge"),
        )


def sliding_min(values: np.ndarray, size: int) -> np.ndarray:
    """The minimum over a centred window of `size` (odd) samples; the ends repeat the edge value.
    Van Herk and Gil-Werman's method: a running minimum forwards and backwards within blocks of
    `size`, so the cost does not grow with the window."""
    out = np.empty_like(values)
    for where, piece in _windows(values, size // 2):
        blocks = np.pad(piece, (0, -piece.size % size), mode="edge").reshape(-1, size)
        forwards = np.minimum.accumulate(blocks, axis=1).ravel()
        backwards = np.minimum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].ravel()
        count = where.stop - where.start  # window [i, i + size - 1] of the piece is centred on i
        np.minimum(backwards[:count], forwards[size - 1 : size - 1 + count], out=out[where])
    return out


def moving_average(values: np.ndarray, size: int) -> np.ndarray:
    """The mean over a centred window of `size` (odd) samples; the ends repeat the edge value."""
    out = np.empty_like(values)
    for where, piece in _windows(values, size // 2):
        sums = np.concatenate([[0.0], np.cumsum(piece, dtype=np.float64)])
        out[where] = (sums[size:] - sums[:-size]) / size
    return out


def _biquad(kind: str, fc: float, q: float, gain_db: float, rate: int) -> tuple[float, ...]:
    """One RBJ-cookbook section (the K-weighting of ITU-R BS.1770, as pyloudnorm designs it):
    b0, b1, b2, a1, a2, with a0 = 1."""
    a = 10 ** (gain_db / 40)
    w0 = 2 * math.pi * fc / rate
    alpha, cos = math.sin(w0) / (2 * q), math.cos(w0)
    if kind == "high_shelf":
        b = [
            a * ((a + 1) + (a - 1) * cos + 2 * math.sqrt(a) * alpha),
            -2 * a * ((a - 1) + (a + 1) * cos),
            a * ((a + 1) + (a - 1) * cos - 2 * math.sqrt(a) * alpha),
        ]
        den = [
            (a + 1) - (a - 1) * cos + 2 * math.sqrt(a) * alpha,
            2 * ((a - 1) - (a + 1) * cos),
            (a + 1) - (a - 1) * cos - 2 * math.sqrt(a) * alpha,
        ]
    else:  # high pass
        b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
        den = [1 + alpha, -2 * cos, 1 - alpha]
    return (*(x / den[0] for x in b), den[1] / den[0], den[2] / den[0])


@cache
def _k_weighting_response(rate: int) -> np.ndarray:
    """The K-weighting filter's impulse response, 0.2 s long: its slowest part (the 38 Hz high
    pass) has decayed below 1e-15 by then at any rate, so the cut changes nothing."""
    response = np.zeros(int(rate * 0.2))
    response[0] = 1.0
    for b0, b1, b2, a1, a2 in (
        _biquad("high_shelf", 1500.0, 1 / math.sqrt(2), 4.0, rate),
        _biquad("high_pass", 38.0, 0.5, 0.0, rate),
    ):
        x = response.tolist()
        y, s1, s2 = [], 0.0, 0.0
        for value in x:  # direct form II transposed, as the filter runs
            out = b0 * value + s1
            s1, s2 = b1 * value - a1 * out + s2, b2 * value - a2 * out
            y.append(out)
        response = np.array(y)
    return response


def k_weighted(samples: np.ndarray, rate: int) -> Iterator[np.ndarray]:
    """The signal through the K-weighting filter (float64), in consecutive blocks: FFT
    convolution with overlap-add."""
    taps = _k_weighting_response(rate)
    size = 1 << math.ceil(math.log2(8 * taps.size))
    step = size - taps.size + 1
    spectrum = np.fft.rfft(taps, size)
    tail = np.zeros(taps.size - 1)
    for start in range(0, samples.size, step):
        block = samples[start : start + step].astype(np.float64)
        out = np.fft.irfft(np.fft.rfft(block, size) * spectrum, size)[: block.size + taps.size - 1]
        out[: tail.size] += tail
        tail = out[block.size :]
        yield out[: block.size]


# ---- loudness, peaks and silence, for assembly ---------------------------------------------


def trim_silence(
    samples: np.ndarray, rate: int, *, threshold_db: float = -45.0, keep_s: float = 0.04
) -> np.ndarray:
    """Cut an engine's own leading and trailing silence, so pauses are ours and exact, and each
    caption starts where its sentence is heard."""
    start, end = heard_span(samples, rate, threshold_db=threshold_db, keep_s=keep_s)
    return samples[start:end]


def heard_span(
    samples: np.ndarray, rate: int, *, threshold_db: float = -45.0, keep_s: float = 0.04
) -> tuple[int, int]:
    """Where `trim_silence` cuts: the first and past-the-last sample it keeps."""
    if samples.size == 0:
        return 0, 0
    window = max(1, int(rate * 0.01))
    frames = samples[: samples.size // window * window].reshape(-1, window)
    loud = np.flatnonzero(np.sqrt(np.mean(frames**2, axis=1)) > 10 ** (threshold_db / 20))
    if loud.size == 0:
        return 0, 0
    keep = int(rate * keep_s)
    return max(0, int(loud[0]) * window - keep), min(samples.size, (int(loud[-1]) + 1) * window + keep)


def true_peak(samples: np.ndarray, oversample: int = 4) -> float:
    """Peak of the signal after oversampling, as a linear value (ITU-R BS.1770 style)."""
    return max((float(block.max()) for _, block in oversampled_peaks(samples, oversample)), default=0.0)


def limit_in_place(samples: np.ndarray, ceiling: float, rate: int, *, oversample: int = 2) -> None:
    """Look-ahead limiter: smooth gain reduction so no (oversampled) peak passes the ceiling.

    Works on `samples` itself with two more arrays of its size, not six: an easy-read file of
    three minutes held about 90 MB here before."""
    need = np.empty(samples.size, dtype=np.float32)  # the gain each sample needs, at most 1
    for start, block in oversampled_peaks(samples, oversample):
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
    # Peaks between samples are looked for as finely as the output file's true peak will be
    # measured (2x its rate), or resampling finds them and the file is turned down again.
    oversample = max(2, round(88200 / rate))
    out = samples.astype(np.float32, copy=False)
    for _ in range(6):  # the limiter takes back part of each gain: close in (each round ~0.2 s)
        loudness = integrated_loudness(out, rate)
        if not math.isfinite(loudness):
            return out  # silence: nothing to normalise
        if abs(loudness - target_lufs) < 0.1:
            break
        out *= np.float32(10 ** ((target_lufs - loudness) / 20))
        limit_in_place(out, ceiling, rate, oversample=oversample)
    return out
