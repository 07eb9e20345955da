"""The style sheets of every output, shipped inside the package.

A festival can override any of them: a sheet of the same name in its own styles folder
(`styles/` in the festival folder, or `styles_dir` in the settings) is used instead, and a
sheet it does not override comes from here. So the tool works from any folder, installed
or not, and cache keys follow whichever sheet was used (its bytes are part of every key).
"""

from __future__ import annotations

from pathlib import Path

PACKAGED_DIR = Path(__file__).resolve().parent
SHEETS = ("web.css", "large-print.css", "easy-read.css")


def sheet(name: str, override_dir: Path | None) -> Path:
    """The style sheet to use: the festival's own when it has one, else the packaged one."""
    if name not in SHEETS:
        raise ValueError(f"unknown style sheet {name!r} (one of {', '.join(SHEETS)})")
    if override_dir is not None and (override_dir / name).is_file():
        return override_dir / name
    return PACKAGED_DIR / name


def sheets_in_use(override_dir: Path | None) -> list[tuple[str, bytes]]:
    """(name, bytes) of every sheet a build would use: what shapes every bundle's look."""
    return [(name, sheet(name, override_dir).read_bytes()) for name in SHEETS]
