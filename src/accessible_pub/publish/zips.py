"""Zip bundles: one per post and one for the whole festival, each with checksums.

Zips are made the same way every time (fixed dates, sorted names), so an unchanged bundle gives
a byte-identical zip. Audio and PDFs are already compressed and are stored as they are.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from ..config import source_date

FIXED_TIME = (2016, 1, 1, 0, 0, 0)  # the same input always gives the same bytes
_STORED = {".mp3", ".pdf", ".epub", ".zip", ".png", ".jpg"}


def add_to_zip(archive: zipfile.ZipFile, name: str, data: bytes | str, *, compress: bool) -> None:
    """One entry, the same way every time: fixed date, plain permissions (zips, EPUBs, DAISY books)."""
    info = zipfile.ZipInfo(name, date_time=zip_time())
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def zip_time() -> tuple[int, int, int, int, int, int]:
    """SOURCE_DATE_EPOCH when it is set (zip dates start in 1980), else the fixed date."""
    when = source_date()
    if when is None:
        return FIXED_TIME
    if when.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    add_to_zip(archive, name, data, compress=Path(name).suffix not in _STORED)  # already compressed


def zip_folders(
    folders: list[tuple[str, Path]], extra: dict[str, bytes] | None = None, *, comment: bytes = b""
) -> bytes:
    """Zip each (name in the zip, folder) with a checksums file; `extra` adds top-level files;
    `comment` is the zip comment (site.py keeps the fingerprint of the bundles there)."""
    out = io.BytesIO()
    sums: list[str] = []
    with zipfile.ZipFile(out, "w") as archive:
        archive.comment = comment
        for name, data in sorted((extra or {}).items()):
            _add(archive, name, data)
            sums.append(f"{hashlib.sha256(data).hexdigest()}  {name}")
        for prefix, folder in folders:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                name = (
                    f"{prefix}/{path.relative_to(folder).as_posix()}"
                    if prefix
                    else path.relative_to(folder).as_posix()
                )
                data = path.read_bytes()
                _add(archive, name, data)
                sums.append(f"{hashlib.sha256(data).hexdigest()}  {name}")
        _add(archive, "SHA256SUMS.txt", ("\n".join(sums) + "\n").encode())
    return out.getvalue()
