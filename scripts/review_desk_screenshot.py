"""Take the README's picture of the review desk: docs/review-desk.png.

    .venv/bin/python scripts/review_desk_screenshot.py

It copies content/ to a scratch folder, makes the café post's draft there, starts the desk on a
free port and photographs one post in Debian's Chromium (nothing in content/ is changed).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from accessible_pub.config import Settings
from accessible_pub.review.app import make_app
from accessible_pub.review.serve import listen, server
from accessible_pub.review.store import Store

ROOT = Path(__file__).resolve().parent.parent
SLUG = "come-to-our-peer-support-cafe"


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        content = Path(scratch) / "content"
        shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("*.easy.md"))
        settings = Settings(content_dir=content, output_dir=Path(scratch) / "output", cache_dir=None)
        Store(settings).make_draft(SLUG)
        sock = listen("127.0.0.1", 0)
        running = server(make_app(settings))
        threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True).start()
        while not running.started:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/posts/{SLUG}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=["--headless"]
            )
            page = browser.new_page(viewport={"width": 1000, "height": 1450})
            page.goto(url)
            page.locator("#idea-2 details.original summary").click()
            page.evaluate("window.scrollTo(0, 0)")
            target = ROOT / "docs" / "review-desk.png"
            page.screenshot(path=str(target))
            browser.close()
        running.should_exit = True
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
