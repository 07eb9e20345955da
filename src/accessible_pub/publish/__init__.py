"""Publishing: bundles written atomically (`bundles.py`), and what reaches people from them:
a web page per post and an index (`pages.py`), a read-along EPUB (`epub.py`), a podcast feed
(`feed.py`) and zip bundles (`zips.py`); `site.py` writes the festival-wide files after a build.
"""

from .bundles import BundleFile, recover, sha256, staging_dir, tidy, trash_dir, write_atomic, write_bundle

__all__ = [
    "BundleFile",
    "recover",
    "sha256",
    "staging_dir",
    "tidy",
    "trash_dir",
    "write_atomic",
    "write_bundle",
]
