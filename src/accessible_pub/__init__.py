"""accessible-pub: festival posts in, accessible bundles out (easy read, audio, large print, web)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("accessible-pub")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
