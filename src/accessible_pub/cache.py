"""A small on-disk cache of blobs, keyed by a fingerprint of everything that made them.

Keys always include the package version, and whatever settings, engine and voice shaped the
result (Pelican's cache went stale when settings changed; ours cannot, by construction).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from . import __version__


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def fingerprint(*parts: Any) -> str:
    """A stable key for any mix of dataclasses, mappings, sequences, bytes and scalars."""
    blob = json.dumps([__version__, *(_plain(p) for p in parts)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


@cache
def package_version(package: str) -> str:
    """An installed package's version, or "missing": keys name the versions of the libraries
    that shape a result (Piper for speech, WeasyPrint and pikepdf for PDFs)."""
    try:
        return version(package)
    except PackageNotFoundError:
        return "missing"


@dataclasses.dataclass
class BlobCache:
    root: Path | None  # None: a cache that keeps nothing

    def path(self, key: str, *, suffix: str) -> Path:
        assert self.root is not None
        return self.root / key[:2] / f"{key}{suffix}"

    def has(self, key: str, *, suffix: str) -> bool:
        return self.root is not None and self.path(key, suffix=suffix).is_file()

    def get(self, key: str, *, suffix: str) -> bytes | None:
        if self.root is None:
            return None
        try:
            return self.path(key, suffix=suffix).read_bytes()
        except OSError:
            return None

    def put(self, key: str, data: bytes, *, suffix: str) -> None:
        if self.root is None:
            return
        target = self.path(key, suffix=suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
