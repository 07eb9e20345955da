"""One exception hierarchy for the whole package.

Library errors are converted into these at the boundary, so the CLI can print one clear
line (which post, what went wrong, the probable cause) and show a traceback only with --debug.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class AccessiblePubError(Exception):
    """Base class: every error this package means to raise."""


class ConfigError(AccessiblePubError):
    """The settings file has problems; all of them are listed in the message."""


class PostError(AccessiblePubError):
    """A post could not be loaded or built. The message names the file."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        self.reason = message
        super().__init__(f"{self.path}: {message}")


class EngineUnavailable(AccessiblePubError):
    """A speech engine cannot run here; the message says how to install or enable it."""


class SynthesisError(AccessiblePubError):
    """A speech engine was available but failed on some text."""


class RenderError(AccessiblePubError):
    """A PDF could not be rendered, or rendered with accessibility errors."""


class StepError(AccessiblePubError):
    """A festival-wide step (index, feed, zips, report) failed; the bundles built are kept."""

    def __init__(self, step: str, cause: str) -> None:
        self.step, self.cause = step, cause
        super().__init__(f"{step}: {cause}")


def probable_cause(exc: BaseException) -> str:
    """One line that says why, in words a festival's staff can act on."""
    if isinstance(exc, AccessiblePubError):
        return " ".join(str(exc).split())
    if isinstance(exc, OSError):
        where = exc.filename2 if isinstance(exc, IsADirectoryError) and exc.filename2 else exc.filename
        if isinstance(exc, PermissionError):
            return f"permission denied for {where}: is the folder read-only, or the file open elsewhere?"
        if isinstance(exc, IsADirectoryError):
            return f"{where} is a folder where a file should be: move it out of the way"
        if exc.errno == errno.ENOSPC:
            return f"the disk is full (writing {where})"
        if exc.errno == errno.EROFS:
            return f"{where} is on a read-only disk"
        return f"{exc.strerror or exc}" + (f" ({where})" if where else "")
    if isinstance(exc, MemoryError):
        return "out of memory: build with fewer jobs at once (--jobs 1)"
    return (
        f"internal error ({type(exc).__name__}: {' '.join(str(exc).split())}); "
        "please report it with the --debug output"
    )


@contextmanager
def festival_step(step: str) -> Iterator[None]:
    """Run one festival-wide step; any failure becomes a StepError that names it."""
    try:
        yield
    except StepError:
        raise
    except Exception as exc:
        raise StepError(step, probable_cause(exc)) from exc


class BuildLocked(AccessiblePubError):
    """Another build holds the output folder; the message gives its process id."""


class BuildStopped(BaseException):
    """The build was asked to stop (Ctrl-C): not a post's failure, so not an AccessiblePubError."""


# Set when a build is interrupted: threads speaking or rendering stop at their next step.
STOP = threading.Event()
