from __future__ import annotations

import http.server
import io
import threading
from pathlib import Path

import pikepdf
import pytest

from accessible_pub.config import PdfSettings
from accessible_pub.content import load_posts
from accessible_pub.easyread import make_easy_read
from accessible_pub.errors import RenderError
from accessible_pub.pdf import render_easy_read, render_html, render_large_print
from accessible_pub.pdf.fetcher import SafeFetcher
from accessible_pub.styles import sheet

from conftest import CONTENT, FESTIVAL_POST, STYLES
from helpers import pdf_char_sizes


def _large(post_file: Path, **settings: object):
    [post] = load_posts(post_file)
    return render_large_print(
        post,
        PdfSettings(**settings),
        styles_dir=STYLES,
        content_dir=CONTENT,
        festival="Co-Production Festival",
    )


@pytest.fixture(scope="module")
def festival_pdfs():
    [post] = load_posts(FESTIVAL_POST)
    large = _large(FESTIVAL_POST)
    easy = render_easy_read(
        make_easy_read(post),
        post,
        PdfSettings(),
        styles_dir=STYLES,
        content_dir=CONTENT,
        festival="Co-Production Festival",
    )
    return large, easy


@pytest.mark.slow
@pytest.mark.parametrize(("which", "minimum"), [(0, 18.0), (1, 16.0)])
def test_no_character_is_smaller_than_the_style_promises(festival_pdfs, which: int, minimum: float):
    chars = pdf_char_sizes(festival_pdfs[which].data)
    assert len(chars) > 1000
    small = [(c, s) for c, s, _ in chars if s < minimum - 0.01]
    assert not small, small[:5]


def test_giant_print_option(tmp_path: Path):
    giant = _large(CONTENT / "2016-07-04-come-to-our-peer-support-cafe.md", font_size_pt=24)
    assert min(s for _, s, _ in pdf_char_sizes(giant.data)) >= 24 - 0.01


@pytest.mark.slow
def test_low_vision_font_is_embedded_and_never_italic(festival_pdfs):
    for result in festival_pdfs:
        names = {f for _, _, f in pdf_char_sizes(result.data)}
        assert names and all("Atkinson-Hyperlegible" in n for n in names), names
        assert not any("Italic" in n or "Oblique" in n for n in names)
        with pikepdf.open(io.BytesIO(result.data)) as pdf:
            for page in pdf.pages:
                for font in page.Resources.Font.values():
                    descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                    assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.slow
def test_tagged_titled_and_in_english(festival_pdfs):
    for result in festival_pdfs:
        with pikepdf.open(io.BytesIO(result.data)) as pdf:
            root = pdf.Root
            assert "/StructTreeRoot" in root
            assert str(root.Lang).startswith("en")
            assert bool(root.MarkInfo.Marked)
            assert bool(root.ViewerPreferences.DisplayDocTitle)
            assert "Co-production is personal and political" in str(pdf.open_metadata().get("dc:title", ""))
            assert "/EmbeddedFiles" not in root.get("/Names", {})
            assert "/Outlines" in root  # bookmarks from the headings


@pytest.mark.slow
def test_page_numbers_say_page_n_of_m(festival_pdfs):
    import pdfplumber

    large, _ = festival_pdfs
    with pdfplumber.open(io.BytesIO(large.data)) as pdf:
        total = len(pdf.pages)
        assert total == large.pages >= 2
        for number, page in enumerate(pdf.pages, start=1):
            assert f"Page {number} of {total}" in (page.extract_text() or "")


def test_links_are_printed_as_plain_text():
    result = _large(CONTENT / "2016-07-04-come-to-our-peer-support-cafe.md")
    import pdfplumber

    with pdfplumber.open(io.BytesIO(result.data)) as pdf:
        text = " ".join(p.extract_text() or "" for p in pdf.pages)
    assert "www.coproductionfestival.org.uk/cafe" in text


# ---- untrusted input -----------------------------------------------------------------------


class CountingServer:
    def __init__(self) -> None:
        self.requests = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                outer.requests += 1
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"SECRET-FROM-NETWORK")

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_hostile_html_cannot_reach_files_or_the_network(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-LOCAL-FILE")
    content = tmp_path / "content"
    content.mkdir()
    (content / "escape").symlink_to(secret)
    server = CountingServer()
    try:
        html = f"""<!DOCTYPE html><html lang="en"><head><title>Hostile</title>
        <link rel="attachment" href="{secret.as_uri()}">
        <link rel="stylesheet" href="{server.url}style.css"></head><body><h1>Hostile</h1>
        <p>Text</p>
        <img src="file:///etc/passwd" alt="passwd"><img src="{server.url}x.png" alt="net">
        <img src="{(content / ".." / "secret.txt").as_posix()}" alt="dots">
        <img src="{(content / "escape").as_uri()}" alt="symlink"></body></html>"""
        result = render_html(
            html,
            stylesheet=sheet("large-print.css", None),
            settings=PdfSettings(),
            body_pt=18,
            allowed_roots=[content],
        )
    finally:
        server.close()
    assert server.requests == 0
    assert b"SECRET" not in result.data
    assert b"root:" not in result.data
    with pikepdf.open(io.BytesIO(result.data)) as pdf:
        assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
        assert not pdf.attachments
    assert len(result.warnings) >= 4 and all("refused to load" in w for w in result.warnings)


def test_fetcher_allows_files_inside_the_allowed_folders_only(tmp_path: Path):
    inside = tmp_path / "content" / "picture.svg"
    inside.parent.mkdir()
    inside.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    fetcher = SafeFetcher([tmp_path / "content"], max_bytes=1000)
    assert fetcher.fetch(inside.as_uri()).read().startswith(b"<svg")
    (tmp_path / "x").write_text("a file beside the content folder, not in it")
    with pytest.raises(ValueError, match="outside the content"):
        fetcher.fetch((tmp_path / "content" / ".." / "content" / ".." / "x").as_uri())
    with pytest.raises(ValueError, match="no such file"):
        fetcher.fetch((tmp_path / "content" / "missing.svg").as_uri())
    big = tmp_path / "content" / "big.png"
    big.write_bytes(b"0" * 2000)
    with pytest.raises(ValueError, match="larger"):
        fetcher.fetch(big.as_uri())


def test_a_skipped_heading_level_fails_the_render():
    html = """<!DOCTYPE html><html lang="en"><head><title>T</title></head><body>
    <h1>T</h1><h4>Skipped</h4><p>x</p><img src="data:image/png;base64,iVBORw0KGgo=" ></body></html>"""
    with pytest.raises(RenderError, match="accessibility errors"):
        render_html(
            html,
            stylesheet=sheet("large-print.css", None),
            settings=PdfSettings(),
            body_pt=18,
            allowed_roots=[],
        )


def _marked_content(pdf: pikepdf.Pdf):
    from accessible_pub.pdf.postprocess import _owned_mcids

    owned = _owned_mcids(pdf)
    for page in pdf.pages:
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) in ("BDC", "BMC"):
                tag = str(operands[0])
                mcid = (
                    int(operands[1].MCID)
                    if len(operands) > 1
                    and isinstance(operands[1], pikepdf.Dictionary)
                    and "/MCID" in operands[1]
                    else None
                )
                yield page, tag, mcid, mcid is not None and (page.obj.objgen, mcid) in owned


@pytest.mark.slow
def test_page_numbers_are_artifacts_and_nothing_is_left_untagged(festival_pdfs):
    for result in festival_pdfs:
        with pikepdf.open(io.BytesIO(result.data)) as pdf:
            marks = list(_marked_content(pdf))
            orphans = [(tag, mcid) for _, tag, mcid, owned in marks if mcid is not None and not owned]
            assert not orphans
            artifact_pages = {page.obj.objgen for page, tag, _, _ in marks if tag == "/Artifact"}
            assert artifact_pages == {page.obj.objgen for page in pdf.pages}  # a page number on each


def test_cream_paper_keeps_contrast_above_4_5():
    from accessible_pub.pdf import BACKGROUND

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for background in BACKGROUND.values():
        assert (luminance(background) + 0.05) / (0 + 0.05) >= 4.5
    cream = _large(
        CONTENT / "2016-07-04-come-to-our-peer-support-cafe.md", colours="black-on-cream", paper="Letter"
    )
    with pikepdf.open(io.BytesIO(cream.data)) as pdf:
        width, height = (float(v) for v in pdf.pages[0].MediaBox[2:])
        assert (round(width), round(height)) == (612, 792)  # US Letter in points


def test_a_hostile_post_is_rendered_as_text(tmp_path: Path):
    post_file = tmp_path / "hostile.md"
    post_file.write_text(
        "---\ntitle: Hostile\n---\n"
        "![secret](file:///etc/passwd)\n\n"
        '<img src="file:///etc/passwd"><link rel="attachment" href="file:///etc/passwd">\n\n'
        "A <b>bold</b> claim with [a link](file:///etc/passwd) and <script>alert(1)</script>.\n"
    )
    [post] = load_posts(post_file)
    result = render_large_print(
        post, PdfSettings(), styles_dir=STYLES, content_dir=tmp_path, festival="Festival"
    )
    assert b"root:" not in result.data
    import pdfplumber

    with pdfplumber.open(io.BytesIO(result.data)) as pdf:
        text = " ".join(p.extract_text() or "" for p in pdf.pages)
    assert "A bold claim with" in text  # inline HTML tags are dropped, their words kept
    assert "alert(1)" in text  # a script is only ever words on a page
    assert "file:///etc/passwd" in text  # a file: link or image is printed, never fetched


@pytest.mark.slow
def test_easy_read_pictures_sit_left_of_their_words_with_alt_text(festival_pdfs):
    import pdfplumber

    [post] = load_posts(FESTIVAL_POST)
    easy = make_easy_read(post)
    result = render_easy_read(
        easy,
        post,
        PdfSettings(),
        styles_dir=STYLES,
        content_dir=CONTENT,
        festival="Co-Production Festival",
        credits=("Pictures: OpenMoji, CC BY-SA 4.0",),
    )
    assert not result.warnings
    with pdfplumber.open(io.BytesIO(result.data)) as pdf:
        text = " ".join(p.extract_text() or "" for p in pdf.pages)
        assert "OpenMoji" in text and "CC BY-SA 4.0" in text
        words_by_page = [p.extract_words() for p in pdf.pages]
    cm = 72 / 2.54
    px = 0.75  # WeasyPrint writes layout boxes in CSS pixels
    with pikepdf.open(io.BytesIO(result.data)) as pdf:
        pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        alts = []
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            if isinstance(element, pikepdf.Dictionary):
                if element.get("/S") == "/Figure":
                    alts.append(str(element.get("/Alt", "")))
                    x0, top, x1, bottom = (float(v) * px for v in element.A.BBox)
                    assert x1 - x0 >= 2.5 * cm - 0.5  # at least 2.5 cm wide
                    beside = [
                        w
                        for w in words_by_page[pages[element.Pg.objgen]]
                        if w["top"] < bottom and w["bottom"] > top
                    ]
                    assert beside and all(w["x0"] > x1 for w in beside)  # words on its right
                kids = element.get("/K")
                if isinstance(kids, pikepdf.Array):
                    stack.extend(kids)
                elif isinstance(kids, pikepdf.Dictionary):
                    stack.append(kids)
        ideas = sum(1 for b in easy.blocks if getattr(b, "picture", None))
        assert len(alts) == ideas and all(alts)


def test_a_new_weasyprint_renders_again_and_rebuilds_the_bundles(tmp_path: Path, monkeypatch):
    from accessible_pub import pdf
    from accessible_pub.cache import BlobCache, package_version
    from accessible_pub.config import Settings
    from accessible_pub.pipeline import shared_inputs

    html = """<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><h1>T</h1>
    <p>Words.</p></body></html>"""
    cache = BlobCache(tmp_path / "pdf")

    def render() -> None:
        options = {"stylesheet": sheet("large-print.css", None), "settings": PdfSettings(), "body_pt": 18}
        render_html(html, allowed_roots=[], cache=cache, **options)  # type: ignore[arg-type]

    render()
    before, inputs = pdf.RENDERS[0], shared_inputs(Settings(content_dir=CONTENT))
    render()
    assert pdf.RENDERS[0] == before  # the same libraries: from the cache

    def newer(package: str) -> str:
        return "999.0" if package == "weasyprint" else package_version(package)

    monkeypatch.setattr("accessible_pub.pdf.package_version", newer)
    monkeypatch.setattr("accessible_pub.pipeline.package_version", newer)
    render()
    assert pdf.RENDERS[0] == before + 1
    assert shared_inputs(Settings(content_dir=CONTENT)) != inputs
