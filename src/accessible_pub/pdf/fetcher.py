"""The only way a PDF may load anything: local files inside allowed folders, or data: URLs.

Posts are untrusted. WeasyPrint would fetch every URL a document names, `file://` and
`http://` included, and can copy a local file into the PDF (shared/guides/large-print.md).
This fetcher resolves `..` and symlinks first, then allows only files inside the content,
styles, font and picture folders, up to a size limit. Everything else is refused and noted.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


class SafeFetcher(URLFetcher):
    def __init__(self, allowed_roots: list[Path], *, max_bytes: int) -> None:
        super().__init__(timeout=5, allowed_protocols={"file", "data"}, allow_redirects=False)
        self.allowed_roots = [root.resolve() for root in allowed_roots if root.exists()]
        self.max_bytes = max_bytes
        self.refused: list[str] = []

    def _refuse(self, url: str, why: str) -> ValueError:
        shown = url if len(url) < 120 else url[:117] + "..."
        self.refused.append(f"{shown}: {why}")
        return ValueError(f"accessible-pub refused to load {shown}: {why}")

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            if len(url) > self.max_bytes * 4 // 3 + 100:
                raise self._refuse(url, "data URL is too large")
            return super().fetch(url, headers)
        if scheme != "file":
            raise self._refuse(url, f"'{scheme or 'relative'}' URLs are never fetched")
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise self._refuse(url, "file URLs on other hosts are never fetched")
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        except (OSError, RuntimeError):
            raise self._refuse(url, "no such file") from None
        if not any(path.is_relative_to(root) for root in self.allowed_roots):
            raise self._refuse(url, "outside the content, styles and font folders")
        if not path.is_file():
            raise self._refuse(url, "not a file")
        if path.stat().st_size > self.max_bytes:
            raise self._refuse(url, f"larger than {self.max_bytes} bytes")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime})
