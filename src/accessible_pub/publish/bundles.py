"""Writing bundles: plan every file in memory, then put the whole bundle in place at once.

A bundle is built in a staging folder beside `output/` (`.output.staging/`, on the same disk)
and swapped into `output/<slug>/` with renames, so `output/` only ever holds whole bundles: the
old one or the new one, never half of one. A crash between the two renames leaves the old
bundle in `.output.trash/`, and `recover` puts it back.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..manifest import MANIFEST, BundleManifest, FileEntry, FileKind, write_manifest


def staging_dir(output_dir: Path) -> Path:
    return output_dir.parent / f".{output_dir.name}.staging"


def trash_dir(output_dir: Path) -> Path:
    return output_dir.parent / f".{output_dir.name}.trash"


@dataclass(frozen=True)
class BundleFile:
    name: str
    kind: FileKind
    description: str  # plain words: what this file is for
    data: bytes


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_entries(files: list[BundleFile]) -> tuple[FileEntry, ...]:
    return tuple(
        FileEntry(
            path=f.name, kind=f.kind, description=f.description, bytes=len(f.data), sha256=sha256(f.data)
        )
        for f in files
    )


def current_umask() -> int:
    """The process umask, read without changing it (/proc on Linux); other threads may be
    creating files, so the set-and-restore dance is only the fallback."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def honour_umask(path: Path, *, folder: bool = False) -> None:
    """tempfile makes files 0600 and folders 0700 whatever the umask; a web server running as
    another user must read what we publish, so give them the modes open() and mkdir() would."""
    os.chmod(path, (0o777 if folder else 0o666) & ~current_umask())


def write_atomic(path: Path, data: bytes, *, scratch: Path | None = None) -> None:
    """Write a file so that it is either the old one or the whole new one.

    The new file is written in `scratch` (a folder on the same disk; default: beside it) and
    renamed into place. Files in `output/` are written in the staging folder, so a build killed
    mid-write leaves no partial file in `output/` (the next build clears the staging folder).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = scratch or path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        honour_umask(Path(tmp))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def recover(output_dir: Path) -> list[str]:
    """Put back bundles a killed build had moved aside; clear half-built ones."""
    restored = []
    trash = trash_dir(output_dir)
    if trash.is_dir():
        for moved in sorted(trash.iterdir()):
            slug = moved.name.split(".", 1)[0]
            target = output_dir / slug
            if not target.exists() and (moved / MANIFEST).is_file():
                os.replace(moved, target)
                restored.append(slug)
            else:
                shutil.rmtree(moved, ignore_errors=True)
    shutil.rmtree(staging_dir(output_dir), ignore_errors=True)
    return restored


def tidy(output_dir: Path) -> None:
    """After a build: the staging and trash folders go when they are empty, so a build that
    went well leaves nothing beside `output/`."""
    for folder in (staging_dir(output_dir), trash_dir(output_dir)):
        try:
            folder.rmdir()
        except OSError:
            pass  # not there, or it holds what the next build's `recover` clears


def write_bundle(output_dir: Path, slug: str, files: list[BundleFile], manifest: BundleManifest) -> Path:
    """Write a post's bundle aside, then swap it into `output_dir/slug` in one step."""
    staging_root = staging_dir(output_dir)
    staging_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=staging_root, prefix=f"{slug}."))
    try:
        honour_umask(staging, folder=True)
        for f in files:
            (staging / f.name).parent.mkdir(parents=True, exist_ok=True)
            (staging / f.name).write_bytes(f.data)
        write_manifest(staging, manifest.with_files(manifest_entries(files)))
        for path in staging.rglob("*"):
            if path.is_file():
                with open(path, "rb") as handle:
                    os.fsync(handle.fileno())
        target = output_dir / slug
        if target.exists():
            trash = trash_dir(output_dir)
            trash.mkdir(exist_ok=True)
            aside = trash / f"{slug}.{uuid.uuid4().hex}"
            os.replace(target, aside)
            os.replace(staging, target)
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.replace(staging, target)
        return target
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
