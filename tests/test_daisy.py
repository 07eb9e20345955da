"""Talking books, braille files and QR codes in a real bundle: one post built once (real Piper,
WeasyPrint, LAME, liblouis), then checked with independent tools: ffmpeg decodes the MP3s, the
W3C DTDs (Debian's w3c-sgml-lib) validate the XHTML and SMIL, daisy-player opens the books,
zbarimg reads the QR codes on pdftoppm renders."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import termios
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pikepdf
import pytest

from accessible_pub.pdf.qr import listen_url, short_address
from accessible_pub.publish import braille
from accessible_pub.text import clock, timestamp

from conftest import CONTENT, make_settings
from helpers import decode_mp3

pytestmark = pytest.mark.slow

POST = CONTENT / "2016-07-04-come-to-our-peer-support-cafe.md"
SLUG = "come-to-our-peer-support-cafe"
SITE = "https://example.org/festival/"
DTDS = Path("/usr/share/xml/w3c-sgml-lib/schema/dtd")
XHTML = "{http://www.w3.org/1999/xhtml}"
BOOKS = (f"{SLUG}-daisy.zip", f"{SLUG}-easy-read-daisy.zip")


def _build(tmp: Path, cache: Path):
    from accessible_pub.pipeline import build

    content = tmp / "content"
    content.mkdir()
    shutil.copy(POST, content)
    settings = make_settings(content, tmp / "output", cache, site_url=SITE)
    report = build(settings)
    assert not report.failed, report
    return settings.output_dir / SLUG, report


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory, speech_cache: Path, shipped_build) -> Path:
    # after the suite's shipped build, whose caches hold this post's audio: only the PDFs (with
    # their QR codes), the talking books and the braille are new here
    return _build(tmp_path_factory.mktemp("daisy"), speech_cache)[0]


@pytest.fixture(scope="module")
def books(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for name in BOOKS:
        folder = tmp_path_factory.mktemp(name.removesuffix(".zip"))
        with zipfile.ZipFile(bundle / name) as archive:
            assert all("/" not in n for n in archive.namelist())  # the NCC at the top, as players look
            archive.extractall(folder)
        out[name] = folder
    return out


def _meta(ncc: ET.Element) -> dict[str, str]:
    return {m.get("name", ""): m.get("content", "") for m in ncc.iter(f"{XHTML}meta") if m.get("name")}


def _clips(folder: Path) -> list[tuple[str, float, float, str]]:
    """(SMIL file, clip begin, clip end, text src) of every clip, in the NCC's SMIL order."""
    out = []
    for smil in sorted(folder.glob("*.smil")):
        for par in ET.parse(smil).iter("par"):
            audio, text = par.find("audio"), par.find("text")
            assert audio is not None and text is not None
            assert audio.get("src") == "book.mp3"
            begin = float(re.fullmatch(r"npt=([\d.]+)s", audio.get("clip-begin", ""))[1])  # type: ignore[index]
            end = float(re.fullmatch(r"npt=([\d.]+)s", audio.get("clip-end", ""))[1])  # type: ignore[index]
            out.append((smil.name, begin, end, text.get("src", "")))
    return out


def _validate(path: Path, dtd: Path) -> None:
    from lxml import etree

    parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
    document = etree.parse(str(path), parser)
    schema = etree.DTD(str(dtd))
    assert schema.validate(document), (path.name, schema.error_log.filter_from_errors()[:3])


def test_every_ncc_and_smil_link_resolves(books):
    for name, folder in books.items():
        ncc = ET.parse(folder / "ncc.html").getroot()
        body = ncc.find(f"{XHTML}body")
        assert body is not None
        headings = list(body)
        assert headings[0].tag == f"{XHTML}h1" and headings[0].get("class") == "title", name
        content_ids = {e.get("id") for e in ET.parse(folder / "content.html").iter() if e.get("id")}
        for heading in headings:
            [link] = heading.iter(f"{XHTML}a")
            smil_name, par_id = link.get("href", "").split("#")
            pars = {p.get("id") for p in ET.parse(folder / smil_name).iter("par")}
            assert par_id in pars, (name, link.get("href"))
        clips = _clips(folder)
        for _, _, _, src in clips:
            document, fragment = src.split("#")
            assert document == "content.html" and fragment in content_ids, (name, src)
        # every line of the text is spoken once, in order
        assert [src for *_, src in clips] == [f"content.html#t{n}" for n in range(1, len(clips) + 1)]


def test_documents_are_valid_xhtml_1_and_smil_1(books):
    assert DTDS.is_dir(), "the W3C DTDs are needed: apt-get install w3c-sgml-lib"
    for folder in books.values():
        for page in ("ncc.html", "content.html"):
            _validate(folder / page, DTDS / "REC-xhtml1-20020801" / "xhtml1-transitional.dtd")
        for smil in folder.glob("*.smil"):
            _validate(smil, DTDS / "REC-smil-19980615" / "smil10.dtd")


def test_clips_lie_within_the_mp3_and_together_are_all_of_it(books, bundle):
    for name, folder in books.items():
        mp3 = (folder / "book.mp3").read_bytes()
        samples, rate = decode_mp3(mp3)  # ffmpeg, not the library that measured it
        decoded = samples.size / rate
        clips = _clips(folder)
        assert all(0 <= begin < end <= decoded + 0.001 for _, begin, end, _ in clips), name
        assert all(a[2] == b[1] for a, b in zip(clips, clips[1:])), "clips are end to end"
        assert clips[0][1] == 0.0
        assert abs(sum(end - begin for _, begin, end, _ in clips) - decoded) <= 0.05, name
        # each clip holds its sentence as the captions time it
        vtt = (bundle / name.replace("-daisy.zip", ".vtt")).read_text()
        starts = [_seconds(m) for m in re.findall(r"^(\S+) --> ", vtt, flags=re.M)]
        assert len(starts) == len(clips)
        assert all(begin <= start < end for (_, begin, end, _), start in zip(clips, starts)), name
        assert mp3 == (bundle / name.replace("-daisy.zip", ".mp3")).read_bytes()  # the bundle's own MP3


def _seconds(stamp: str) -> float:
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def test_ncc_metadata_is_what_players_read(books, bundle):
    manifest = json.loads((bundle / "manifest.json").read_text())
    for name, folder in books.items():
        meta = _meta(ET.parse(folder / "ncc.html").getroot())
        clips = _clips(folder)
        total = sum(end - begin for _, begin, end, _ in clips)
        assert meta["ncc:totalTime"] == clock(total), name
        assert meta["dc:format"] == "Daisy 2.02" and meta["ncc:multimediaType"] == "audioFullText"
        assert meta["dc:language"] == "en" and meta["dc:date"] == "2016-07-04"
        assert meta["dc:creator"] == manifest["post"]["author"]
        assert meta["dc:title"].startswith(manifest["post"]["title"])
        assert meta["ncc:narrator"].startswith("en_US-joe-medium")
        assert meta["ncc:generator"].startswith("accessible-pub")
        assert meta["dc:identifier"].startswith("urn:uuid:")
        assert int(meta["ncc:files"]) == len(list(folder.iterdir()))
        headings = [
            e for e in ET.parse(folder / "ncc.html").iter() if re.fullmatch(rf"{re.escape(XHTML)}h\d", e.tag)
        ]
        assert int(meta["ncc:tocItems"]) == len(headings) > 1
        # each SMIL says where it starts in the book and how long it is
        elapsed = 0.0
        for smil in sorted(folder.glob("*.smil")):
            smil_meta = {m.get("name"): m.get("content") for m in ET.parse(smil).iter("meta")}
            mine = [end - begin for file, begin, end, _ in clips if file == smil.name]
            assert smil_meta["ncc:totalElapsedTime"] == timestamp(elapsed)
            assert abs(_seconds(smil_meta["ncc:timeInThisSmil"] or "") - sum(mine)) < 0.002
            elapsed += sum(mine)
    easy, whole = (_meta(ET.parse(books[n] / "ncc.html").getroot()) for n in (BOOKS[1], BOOKS[0]))
    assert easy["dc:identifier"] != whole["dc:identifier"]


def _screen(command: list[str], *, seconds: float) -> str:
    """What an ncurses program shows in a pseudo-terminal, then it is killed (daisy-player once
    spun at 100% CPU forever: it never outlives `seconds`)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    home = Path(os.environ.get("TMPDIR", "/tmp")) / f"daisy-player-home-{os.getpid()}"
    home.mkdir(exist_ok=True)
    env = {"PATH": os.environ["PATH"], "TERM": "xterm", "HOME": str(home), "LANG": "C.UTF-8"}
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True
    )
    os.close(slave)
    out = b""
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    out += os.read(master, 65536)
                except OSError:
                    break
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=10)
        os.close(master)
    return re.sub(r"\s+", " ", re.sub(r"\x1b[\[()][0-9;?]*[A-Za-z]?", " ", out.decode("utf-8", "replace")))


def test_daisy_player_opens_each_book(books):
    player = shutil.which("daisy-player")
    assert player, "daisy-player is needed: apt-get install daisy-player"
    # daisy-player will not start without a sound card; in a private mount namespace a
    # one-line /proc/asound/cards stands in for one (nothing is played: it is never told to)
    fake_card = (
        "mount -t tmpfs none /proc && mkdir /proc/asound && "
        "echo ' 0 [Dummy          ]: Dummy - Dummy' > /proc/asound/cards && "
        'exec timeout 15 daisy-player -i -d default:alsa "$0"'
    )
    for name, folder in books.items():
        screen = _screen(["unshare", "--mount", "sh", "-c", fake_card, str(folder)], seconds=5)
        meta = _meta(ET.parse(folder / "ncc.html").getroot())
        headings = [a.text or "" for a in ET.parse(folder / "ncc.html").iter(f"{XHTML}a")]
        assert "Daisy-player" in screen, screen[-500:]
        assert meta["dc:title"] in screen, (name, screen[-800:])
        for heading in headings:
            assert heading in screen, (name, heading, screen[-800:])
        shown = re.search(r"total length: (\d\d:\d\d:\d\d)", screen)
        assert shown, screen[-800:]
        assert abs(_seconds(shown[1]) - _seconds(meta["ncc:totalTime"])) <= 1


def test_bundle_lists_the_new_files_in_plain_words(bundle):
    manifest = json.loads((bundle / "manifest.json").read_text())
    kinds = {f["kind"]: f for f in manifest["files"]}
    for kind, path in (
        ("talking-book", f"{SLUG}-daisy.zip"),
        ("easy-read-talking-book", f"{SLUG}-easy-read-daisy.zip"),
        ("braille", f"{SLUG}.brf"),
        ("easy-read-braille", f"{SLUG}-easy-read.brf"),
    ):
        assert kinds[kind]["path"] == path and (bundle / path).is_file()
    readme = (bundle / "README.txt").read_text()
    page = (bundle / "index.html").read_text()
    for words in ("Talking book for DAISY players", "Braille file (BRF)"):
        assert words in readme and words in page
    assert f'href="{SLUG}.brf"' in page and f'href="{SLUG}-daisy.zip"' in page
    assert manifest["braille"]["post"]["grade"] == 2 and manifest["braille"]["easy_read"]["pages"] >= 1
    with zipfile.ZipFile(bundle.parent / f"{SLUG}.zip") as archive:
        names = set(archive.namelist())
    assert {f"{SLUG}/{SLUG}.brf", f"{SLUG}/{SLUG}-daisy.zip", f"{SLUG}/{SLUG}-easy-read-daisy.zip"} <= names
    with zipfile.ZipFile(bundle.parent / "festival.zip") as archive:
        festival_readme = archive.read("README.txt").decode()
    assert "talking books for DAISY players and braille files (BRF)" in festival_readme


def test_podcast_feed_is_unchanged(bundle):
    feed = (bundle.parent / "feed.xml").read_text()
    enclosures = re.findall(r'<enclosure url="([^"]+)"', feed)
    assert enclosures and all(url.endswith(".mp3") for url in enclosures)
    assert ".brf" not in feed and "daisy" not in feed


def test_each_pdf_has_a_qr_code_to_the_post_page(bundle, tmp_path):
    manifest = json.loads((bundle / "manifest.json").read_text())
    url = f"{SITE}{SLUG}/"
    assert manifest["listen_url"] == url
    for name, smallest in ((f"{SLUG}-large-print.pdf", 18.0), (f"{SLUG}-easy-read.pdf", 16.0)):
        pdf = bundle / name
        subprocess.run(
            ["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", pdf, tmp_path / "page"], check=True
        )
        [png] = tmp_path.glob("page*.png")
        read = subprocess.run(["zbarimg", "-q", "--raw", png], capture_output=True, text=True, timeout=60)
        assert read.stdout.strip() == url, (name, read.stdout, read.stderr)
        png.unlink()
        text = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", pdf, "-"], capture_output=True, text=True
        ).stdout
        flat = re.sub(r"\s+", "", text)
        assert "Scan this with your phone to listen" in re.sub(r"\s+", " ", text)
        assert re.sub(r"\s+", "", short_address(url)) in flat  # the address, however it wraps
        key = "large_print" if "large" in name else "easy_read"
        assert manifest["pdf"][key]["smallest_text_pt"] >= smallest - 0.01  # min sizes still hold
        with pikepdf.open(pdf) as document:
            figures = [alt for alt in _figure_alts(document.Root.StructTreeRoot)]
        assert any("QR code" in alt and short_address(url) in alt for alt in figures), figures


def _figure_alts(node) -> list[str]:
    found = []
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure" and "/Alt" in node:
            found.append(str(node.Alt))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary):
                found += _figure_alts(kid)
    return found


def test_without_liblouis_the_build_goes_on_without_braille(tmp_path, speech_cache, monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(
        braille.shutil, "which", lambda name: None if name == "lou_translate" else real_which(name)
    )
    folder, report = _build(tmp_path, speech_cache)  # audio and PDFs from the caches: quick
    [outcome] = report.outcomes
    assert outcome.status == "built"
    assert any("apt-get install liblouis-bin" in w for w in outcome.warnings), outcome.warnings
    assert not list(folder.glob("*.brf")) and (folder / f"{SLUG}-daisy.zip").is_file()
    assert json.loads((folder / "manifest.json").read_text())["braille"] is None


def test_no_qr_code_for_the_local_preview_address():
    assert listen_url("http://127.0.0.1:8000/", SLUG) is None
    assert listen_url("http://localhost/festival", SLUG) is None
    assert listen_url("", SLUG) is None
    assert listen_url("https://example.org/f", "a b/c") == "https://example.org/f/a%20b%2Fc/"
    assert short_address("https://www.example.org/f/slug/") == "example.org/f/slug"


def test_talking_books_are_the_same_bytes_every_build(bundle, tmp_path, speech_cache):
    again, _ = _build(tmp_path, speech_cache)
    for name in (*BOOKS, f"{SLUG}.brf", f"{SLUG}-easy-read.brf"):
        assert (again / name).read_bytes() == (bundle / name).read_bytes(), name


def test_mp3_length_is_read_from_its_frames(books):
    from accessible_pub.publish.daisy import mp3_seconds

    for folder in books.values():
        mp3 = (folder / "book.mp3").read_bytes()
        samples, rate = decode_mp3(mp3)
        assert abs(mp3_seconds(mp3) - samples.size / rate) < 0.03
