"""What reaches people: web pages in a real browser with axe-core, the read-along book with
epubcheck, the podcast feed with feedparser, the zips, and the preview server."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import threading
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import pytest

from accessible_pub.publish.serve import make_server

pytestmark = pytest.mark.slow  # every test here builds the shipped posts or a bundle

AXE = Path(__file__).resolve().parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def site(shipped_build):
    settings, report = shipped_build
    assert not report.failed
    return settings.output_dir


@pytest.fixture(scope="module")
def served(site):
    server = make_server(site, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is needed for the browser tests (apt-get install chromium)"
    assert AXE.is_file(), "axe-core is needed: npm ci --prefix tests/js"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _pages(site: Path) -> list[str]:
    return ["index.html", "report.html"] + sorted(
        f"{p.parent.name}/index.html" for p in site.glob("*/index.html")
    )


def test_every_page_has_no_axe_violations(site, served, browser):
    pages = _pages(site)
    assert len(pages) == 5
    page = browser.new_page()
    for path in pages:
        page.goto(served + path)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            "async (tags) => (await axe.run({runOnly: {type: 'tag', values: tags}})).violations"
            ".map(v => `${v.id}: ${v.nodes.map(n => n.target).join(' | ')}`)",
            AXE_TAGS,
        )
        assert violations == [], (path, violations)
        assert page.evaluate("document.documentElement.lang") in ("en", "en-GB")  # the garden page says en-GB
    page.close()


def test_audio_players_load_in_the_browser(site, served, browser):
    page = browser.new_page()
    for path in _pages(site)[2:]:
        page.goto(served + path)
        durations = page.evaluate("""async () => Promise.all([...document.querySelectorAll('audio')].map(a =>
            new Promise(resolve => {
              if (a.readyState >= 1) return resolve(a.duration);
              a.addEventListener('loadedmetadata', () => resolve(a.duration), {once: true});
              a.addEventListener('error', () => resolve(-1), {once: true});
              a.load();
            })))""")
        assert len(durations) == 2 and all(d > 10 for d in durations), (path, durations)
        tracks = page.evaluate("[...document.querySelectorAll('track')].map(t => t.kind)")
        assert tracks == ["captions", "captions"]
    page.close()


def test_pages_work_from_the_keyboard(site, served, browser):
    page = browser.new_page()
    page.goto(served + _pages(site)[2])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.close()


def test_download_links_say_what_each_file_is_and_its_size(site):
    html = (site / "co-production-is-personal-and-political" / "index.html").read_text()
    assert re.search(r"Easy read PDF to read or print, \d+ pages, \d+ KB", html)
    assert re.search(r"Large print PDF \(18 point text\), \d+ pages, \d+ KB", html)
    assert re.search(r"Easy read audio \(MP3\), \d+ minutes, [\d.]+ MB", html)
    # one script, the page's own read-along (publish/templates/read-along.js); none from the post
    assert html.count("<script") == 1 and "<script>\n// Read along: the word being said" in html


def test_read_along_books_pass_epubcheck(site):
    books = sorted(site.glob("*/*-easy-read.epub"))
    assert len(books) == 3
    jar = Path("/usr/share/java/epubcheck.jar")
    command = ["java", "-jar", str(jar)] if jar.is_file() else [shutil.which("epubcheck") or "epubcheck"]
    for book in books:
        done = subprocess.run([*command, str(book)], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "0 fatals / 0 errors / 0 warnings" in done.stdout + done.stderr


def test_every_sentence_has_its_clip_in_the_media_overlay(site):
    book = next(site.glob("co-production-is-personal-and-political/*.epub"))
    with zipfile.ZipFile(book) as epub:
        assert (
            epub.namelist()[0] == "mimetype" and epub.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        )
        text = epub.read("EPUB/text.xhtml").decode()
        smil = ET.fromstring(epub.read("EPUB/overlay.smil"))
        opf = epub.read("EPUB/package.opf").decode()
    ids = re.findall(r'id="(s\d+)"', text)
    ns = {"s": "http://www.w3.org/ns/SMIL"}
    # each sentence: a par, or (timed word by word) a seq of one par a word
    sentences = list(smil.find("s:body/s:seq", ns))
    assert len(sentences) == len(ids) > 40

    def sentence_id(element: ET.Element) -> str:
        if element.tag == f"{{{ns['s']}}}par":
            return element.find("s:text", ns).get("src").split("#")[1]
        return element.get("{http://www.idpf.org/2007/ops}textref").split("#")[1]

    assert [sentence_id(e) for e in sentences] == ids
    assert sum(e.tag == f"{{{ns['s']}}}seq" for e in sentences) > 40  # the sentences, word by word
    pars = smil.findall(".//s:par", ns)
    starts = [p.find("s:audio", ns).get("clipBegin") for p in pars]
    assert starts == sorted(starts, key=lambda c: [float(x) for x in c.split(":")])
    assert "media:active-class" in opf and 'refines="#overlay"' in opf


def test_podcast_feed_parses_and_every_enclosure_is_exact(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 6  # easy read and the whole post, for each of 3 posts
    base = "http://127.0.0.1:8000/"
    for entry in feed.entries:
        [enclosure] = entry.enclosures
        assert enclosure.type == "audio/mpeg"
        local = site / enclosure.href.removeprefix(base)
        assert local.is_file() and local.stat().st_size == int(enclosure.length)
        assert re.fullmatch(r"\d\d:\d\d:\d\d", entry.itunes_duration)
    root = ET.parse(site / "feed.xml").getroot()
    ns = {"podcast": "https://podcastindex.org/namespace/1.0"}
    transcripts = root.findall(".//item/podcast:transcript", ns)
    chapters = root.findall(".//item/podcast:chapters", ns)
    assert len(transcripts) == len(chapters) == 6
    for element in transcripts:
        assert (site / element.get("url").removeprefix(base)).read_text().startswith("WEBVTT")
    for element in chapters:
        data = json.loads((site / element.get("url").removeprefix(base)).read_text())
        assert data["chapters"][0]["startTime"] == 0


def test_zips_hold_each_bundle_with_checksums_and_a_readme(site):
    slug = "come-to-our-peer-support-cafe"
    with zipfile.ZipFile(site / f"{slug}.zip") as archive:
        names = archive.namelist()
        assert f"{slug}/manifest.json" in names and f"{slug}/README.txt" in names
        sums = archive.read("SHA256SUMS.txt").decode().splitlines()
        for line in sums:
            digest, name = line.split("  ", 1)
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest
        readme = archive.read(f"{slug}/README.txt").decode()
        assert "OpenMoji" in readme and "Piper" in readme
    with zipfile.ZipFile(site / "festival.zip") as archive:
        names = archive.namelist()
        assert {"index.html", "feed.xml", "README.txt", "SHA256SUMS.txt"} <= set(names)
        for bundle in ("co-production-is-personal-and-political", slug, "what-the-garden-group-gave-me"):
            assert f"{bundle}/manifest.json" in names
        assert archive.testzip() is None


def test_preview_server_serves_output_on_loopback_only(site):
    import urllib.request

    server = make_server(site, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/feed.xml", timeout=10) as response:
            assert response.status == 200 and response.read().startswith(b"<?xml")
    finally:
        server.shutdown()
        server.server_close()


# ---- the build report ------------------------------------------------------------------------


def test_report_lists_every_post_with_the_manifests_numbers(site):
    html = (site / "report.html").read_text()
    for manifest_path in site.glob("*/manifest.json"):
        manifest = json.loads(manifest_path.read_text())
        assert f'href="{manifest["post"]["slug"]}/index.html">{manifest["post"]["title"]}' in html.replace(
            "&#39;", "'"
        )
        easy = manifest["readability"]["easy_read"]
        row = re.search(
            rf"Readability of {re.escape(manifest['post']['title'])}.*?Reading ease \(raw\)</th>"
            r"<td>([\d.]+)</td><td>([\d.]+)</td>",
            html.replace("&#39;", "'"),
            re.S,
        )
        assert row and float(row[2]) == round(easy["flesch_reading_ease"], 1)
        assert float(row[1]) == round(manifest["readability"]["original"]["flesch_reading_ease"], 1)
        for audio in manifest["audio"].values():
            assert f"<td>{audio['words_per_minute']}</td>" in html
    assert "Posts: <strong>3</strong>" in html
    assert html.count('class="chart"') == 3 and html.count('role="img" aria-labelledby="chart-') == 3


def test_report_command_touches_no_bundle(site, monkeypatch):
    from click.testing import CliRunner

    from accessible_pub.cli import main

    before = {
        p: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in site.rglob("*")
        if p.is_file() and p.name != "report.html"
    }
    (site / "report.html").unlink()
    result = CliRunner().invoke(main, ["report", "--output", str(site)])
    assert result.exit_code == 0, result.output
    assert (site / "report.html").is_file()
    after = {
        p: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in site.rglob("*")
        if p.is_file() and p.name != "report.html"
    }
    assert after == before


def test_an_easy_read_file_edited_after_sign_off_shows_as_changed(tmp_path, speech_cache, monkeypatch):
    from click.testing import CliRunner

    from accessible_pub.cli import main

    from conftest import STYLES

    content = tmp_path / "content"
    content.mkdir()
    (content / "note.md").write_text("---\ntitle: A note\ndate: 2016-07-01\n---\nWe meet on Friday.\n")
    (content / "other.md").write_text("---\ntitle: Another note\ndate: 2016-06-01\n---\nWe meet on Monday.\n")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "accessible-pub.toml").write_text(
        f'content_dir = "content"\noutput_dir = "output"\ncache_dir = "{speech_cache}"\n'
        f'styles_dir = "{STYLES}"\n'
    )
    runner = CliRunner()
    assert runner.invoke(main, ["simplify", "content/note.md"]).exit_code == 0
    signed = runner.invoke(
        main, ["signoff", "content/note.md", "--by", "Peer review group", "--on", "2016-07-05"]
    )
    assert signed.exit_code == 0, signed.output
    built = runner.invoke(main, ["build", "-q", "--jobs", "1"])
    assert built.exit_code == 0, built.output
    assert built.output.strip().endswith("report.html")
    html = (tmp_path / "output" / "report.html").read_text()
    queue = html.split('id="queue"')[1].split('id="per-post"')[0]
    assert "Another note" in queue and "A note<" not in queue  # signed off: not waiting
    assert "1 of 2" in html
    easy_file = content / "a-note.easy.md"
    easy_file.write_text(easy_file.read_text().replace("We meet on Friday.", "We meet on Friday at 2pm."))
    assert runner.invoke(main, ["build", "-q", "--jobs", "1"]).exit_code == 0
    html = (tmp_path / "output" / "report.html").read_text()
    queue = html.split('id="queue"')[1].split('id="per-post"')[0]
    assert "Changed since sign-off" in queue and "A note<" in queue
    assert queue.index("Another note") < queue.index("A note<")  # oldest first
    manifest = json.loads((tmp_path / "output" / "a-note" / "manifest.json").read_text())
    assert manifest["easy_read"]["reviewed"] and manifest["easy_read"]["changed_since_review"]
