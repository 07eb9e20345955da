"""`accessible-pub listen`: hear the built MP3s with the offline recogniser (audio/listen.py),
list each word heard differently, and keep the figures in `output/listen.json` for the report."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .audio.listen import Hearing, listen_to_bundle
from .config import Settings
from .errors import AccessiblePubError
from .manifest import MANIFEST
from .publish.bundles import staging_dir, write_atomic
from .publish.report import LISTEN_RECORD, read_listen_record


def bundles_to_hear(output: Path, posts: list[str]) -> list[Path]:
    """The built bundles, or those named (by slug, folder or post file name)."""
    found = sorted(p for p in output.iterdir() if (p / MANIFEST).is_file())
    if not posts:
        return found
    wanted = {Path(p).stem.split("-", 3)[-1] if Path(p).suffix else Path(p).name for p in posts}
    chosen = [b for b in found if b.name in wanted or any(b.name.endswith(w) for w in wanted)]
    missing = [w for w in wanted if not any(b.name == w or b.name.endswith(w) for b in chosen)]
    if missing:
        raise AccessiblePubError(
            f"no built bundle for {', '.join(sorted(missing))} in {output}: build it first"
        )
    return chosen


def listen_to_output(settings: Settings, posts: list[str]) -> list[Hearing]:
    output = settings.output_dir
    if not output.is_dir():
        raise AccessiblePubError(f"{output} not found: run 'accessible-pub build' first")
    hearings = [
        h
        for bundle in bundles_to_hear(output, posts)
        for h in listen_to_bundle(bundle, threads=os.cpu_count() or 1)
    ]
    record = read_listen_record(output)
    record.update({h.file: h.as_dict() for h in hearings})
    write_atomic(
        output / LISTEN_RECORD,
        (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode(),
        scratch=staging_dir(output),
    )
    return hearings
