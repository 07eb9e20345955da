"""One build at a time in an output folder.

A second build's start-up clean-up (`recover`) would delete the first one's work in progress,
so a build holds an exclusive `flock` on `.output.lock` beside the folder. The kernel drops the
lock when the process ends, however it ends: a killed build leaves no stale lock behind, only
the file with its old pid, which the next build overwrites.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import BuildLocked


def lock_path(output_dir: Path) -> Path:
    return output_dir.parent / f".{output_dir.name}.lock"


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        text = ""
    return text if text.isdigit() else "unknown"


@contextmanager
def build_lock(output_dir: Path) -> Iterator[None]:
    """Hold the output folder for this build, or raise BuildLocked naming the other build's pid."""
    path = lock_path(output_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(
                f"{output_dir}: another build is running in this folder (pid {_holder(fd)}); "
                "wait for it to finish, or build into another --output folder"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing drops the lock; the file stays (removing it would race a new build)
