"""One exception hierarchy for the whole package.

Library errors are converted into these at the boundary, so the CLI can print one clear
line (which post, what went wrong, the probable cause) and show a traceback only with --debug.
"""

from __future__ import annotations

import threading

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


class BuildLocked(AccessiblePubError):
    """Another build holds the output folder; the message gives its process id."""


class BuildStopped(BaseException):
    """The build was asked to stop (Ctrl-C): not a post's failure, so not an AccessiblePubError."""


# Set when a build is interrupted: threads speaking or rendering stop at their next step.
STOP = threading.Event()
