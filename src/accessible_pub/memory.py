"""Keeping a long build's memory near what it uses (glibc only; no-ops elsewhere).

Freed memory in the C heap is not handed back to the system by itself: ONNX Runtime's
per-sentence tensors and NumPy's per-file arrays left a build holding hundreds of megabytes
it no longer used, and every thread that allocates gets a heap of its own. bench/scale.py
measures the effect.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from typing import Any

_M_ARENA_MAX = -8  # mallopt parameter number, from glibc's malloc.h


@cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def release_free_memory() -> None:
    """Give freed C-heap pages back to the system."""
    if (libc := _libc()) is not None:
        libc.malloc_trim(0)


def share_heaps(count: int) -> None:
    """At most `count` C heaps for all threads (glibc's default is 8 per core)."""
    if (libc := _libc()) is not None and hasattr(libc, "mallopt"):
        libc.mallopt(_M_ARENA_MAX, max(1, count))
