"""Write the golden files in tests/golden/ again from what the code makes today.

    .venv/bin/python scripts/regen_golden.py

Run it when a change to the easy-read text or the manifest is meant, look at `git diff
tests/golden/`, and commit the new files with the change. It builds the shipped posts once
(real speech: a few minutes from a cold cache).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    env = {**os.environ, "ACCESSIBLE_PUB_REGEN_GOLDEN": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_golden.py"],
        cwd=ROOT,
        env=env,
        check=False,
    )
    if done.returncode == 0:
        print("golden files written in tests/golden/: review them with `git diff tests/golden/`")
    sys.exit(done.returncode)
