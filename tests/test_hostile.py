"""Hostile and broken posts (issue 20): links out of content/, stale festival files after a kill,
two builds at once, forged placeholders, unbounded posts, file modes, and fuzzing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accessible_pub.content import find_posts

from conftest import STYLES

GOOD_POST = (
    "---\ntitle: Garden day\ndate: 2026-03-01\n---\nWe meet in the garden on Tuesday. Everyone is welcome.\n"
)


def _config(folder: Path, content: Path, output: Path, cache: Path | None, extra: str = "") -> None:
    cache_line = f'cache_dir = "{cache}"\n' if cache else ""
    (folder / "accessible-pub.toml").write_text(
        f'content_dir = "{content}"\noutput_dir = "{output}"\n{cache_line}styles_dir = "{STYLES}"\n{extra}'
    )


def _cli(folder: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "accessible_pub.cli", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# ---- 1. links and special files in content/ -------------------------------------------------


def _hostile_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "sub").mkdir(parents=True)
    (content / "good.md").write_text(GOOD_POST)
    (tmp_path / "outside-post.md").write_text("---\ntitle: Outside secret\n---\nThe secret is here.\n")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "far.md").write_text("---\ntitle: Far away\n---\nWe are far away.\n")
    (content / "passwd.txt").symlink_to("/etc/passwd")
    (content / "linked.md").symlink_to("../outside-post.md")
    (content / "gone.md").symlink_to("no-such-file.md")
    (content / "sub" / "away").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    os.mkfifo(content / "pipe.md")
    return content


def test_links_out_of_content_pipes_and_dangling_links_are_skipped_with_a_reason(tmp_path: Path):
    content = _hostile_content(tmp_path)
    (content / "sub" / "inside.md").symlink_to("../good.md")  # a link that stays inside is read
    found = find_posts(content)
    assert [p.relative_to(content).as_posix() for p in found.posts] == ["good.md", "sub/inside.md"]
    reasons = {e.path.relative_to(content).as_posix(): e.reason for e in found.skipped}
    assert set(reasons) == {"passwd.txt", "linked.md", "gone.md", "pipe.md", "sub/away"}
    assert "outside the content folder" in reasons["passwd.txt"]
    assert "outside the content folder" in reasons["linked.md"]
    assert "does not exist" in reasons["gone.md"]
    assert "not a regular file" in reasons["pipe.md"]
    assert "folder outside" in reasons["sub/away"]
    for error in found.skipped:
        assert str(error).startswith(str(error.path)) and "\n" not in str(error)


def test_an_easy_read_file_linked_out_of_content_fails_its_post(tmp_path: Path):
    from accessible_pub.content import load_posts
    from accessible_pub.easyread import easy_read_for
    from accessible_pub.errors import PostError

    content = tmp_path / "content"
    content.mkdir()
    (content / "good.md").write_text(GOOD_POST)
    (content / "garden-day.easy.md").symlink_to("/etc/passwd")
    (post,) = load_posts(content / "good.md")
    with pytest.raises(PostError, match="outside the content folder") as caught:
        easy_read_for(post, content_dir=content)
    assert caught.value.path == content / "garden-day.easy.md"


def test_word_lists_and_pronunciations_linked_out_of_content_are_refused(tmp_path: Path):
    from accessible_pub.audio.speech_text import load_pronunciations
    from accessible_pub.easyread.data import word_data
    from accessible_pub.errors import ConfigError

    secret = tmp_path / "secret.tsv"
    secret.write_text("password\thunter2\n")
    content = tmp_path / "content"
    content.mkdir()
    (content / "plain-words.tsv").symlink_to(secret)
    (content / "pronunciations.toml").symlink_to(tmp_path / "secret.toml")
    (tmp_path / "secret.toml").write_text('password = "hunter two"\n')
    with pytest.raises(ConfigError, match="plain-words.tsv: is a link to a file outside the content folder"):
        word_data(content)
    with pytest.raises(ConfigError, match="pronunciations.toml: is a link to a file outside"):
        load_pronunciations(content / "pronunciations.toml")


@pytest.mark.slow
def test_a_build_publishes_nothing_from_links_out_of_content(tmp_path: Path, speech_cache: Path):
    content = _hostile_content(tmp_path)
    output = tmp_path / "output"
    _config(tmp_path, content, output, speech_cache)
    done = _cli(tmp_path, "build", "--quiet", "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert "1 built, 0 up to date, 0 failed" in done.stdout
    for name in ("passwd.txt", "linked.md", "gone.md", "pipe.md", "away"):
        lines = [line for line in done.stderr.splitlines() if name in line]
        assert len(lines) == 1 and lines[0].startswith("warning: "), (name, done.stderr)
    assert sorted(p.name for p in output.iterdir() if p.is_dir()) == ["garden-day"]
    for path in output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".md", ".txt", ".json", ".vtt"):
            text = path.read_text(encoding="utf-8")
            assert "root:x:0" not in text and "secret" not in text.lower(), path


# ---- 6. placeholders cannot be forged from post text ----------------------------------------


def _paragraph_post(*spans: tuple[str, str | None]):
    from accessible_pub.model import Paragraph, Post, Span

    return Post(
        title="T", slug="t", blocks=(Paragraph(tuple(Span(t, h) for t, h in spans)),), source=Path("t.md")
    )


def test_a_literal_placeholder_without_a_link_is_just_text():
    from accessible_pub.easyread import make_easy_read

    easy = make_easy_read(_paragraph_post(("We met in room ⟦3⟧ on Tuesday.", None)))
    assert any("⟦3⟧" in s for s in easy.sentences), easy.sentences


def test_a_literal_placeholder_beside_a_link_keeps_its_text_and_the_link_appears_once():
    from accessible_pub.easyread import make_easy_read

    easy = make_easy_read(
        _paragraph_post(
            ("Read ", None),
            ("our guide", "https://example.org/guide"),
            (" and then ⟦0⟧ and \U000f0000 on Tuesday.", None),
        )
    )
    text = " ".join(easy.sentences)
    assert text.count("[our guide](https://example.org/guide)") == 1, text
    assert "⟦0⟧" in text and "\U000f0000" not in text


# ---- 10. file modes follow the umask -------------------------------------------------------


@pytest.mark.parametrize(
    ("umask", "file_mode", "folder_mode"), [(0o022, 0o644, 0o755), (0o027, 0o640, 0o750)]
)
def test_bundles_and_site_files_honour_the_umask(
    tmp_path: Path, umask: int, file_mode: int, folder_mode: int
):
    from accessible_pub.publish import BundleFile, staging_dir, write_atomic, write_bundle
    from test_manifest import sample  # a whole typed manifest

    output = tmp_path / "output"
    output.mkdir()
    old = os.umask(umask)
    try:
        files = [BundleFile("a.txt", "x", "a", b"a"), BundleFile("pictures/b.svg", "picture", "b", b"<svg/>")]
        bundle = write_bundle(output, "post", files, sample())
        write_atomic(output / "feed.xml", b"<rss/>", scratch=staging_dir(output))
        write_bundle(output, "post", files, sample())  # the swap keeps the modes
    finally:
        os.umask(old)
    assert (bundle.stat().st_mode & 0o777) == folder_mode
    assert ((bundle / "pictures").stat().st_mode & 0o777) == folder_mode
    for path in (
        bundle / "a.txt",
        bundle / "pictures" / "b.svg",
        bundle / "manifest.json",
        output / "feed.xml",
    ):
        assert (path.stat().st_mode & 0o777) == file_mode, path


# ---- 5. one build at a time in an output folder ---------------------------------------------


def test_a_build_refuses_an_output_folder_another_build_holds(tmp_path: Path):
    from accessible_pub.errors import BuildLocked
    from accessible_pub.pipeline import build
    from accessible_pub.publish.lock import build_lock

    from conftest import make_settings

    content = tmp_path / "content"
    content.mkdir()
    (content / "good.md").write_text(GOOD_POST)
    settings = make_settings(content, tmp_path / "output", tmp_path / "cache")
    with build_lock(settings.output_dir):
        with pytest.raises(
            BuildLocked, match=rf"another build is running in this folder \(pid {os.getpid()}\)"
        ):
            build(settings)
    assert not (settings.output_dir / "garden-day").exists()


@pytest.mark.slow
def test_two_builds_at_once_the_second_refuses_and_a_killed_build_leaves_no_stale_lock(tmp_path: Path):
    import signal
    import time

    content = tmp_path / "content"
    content.mkdir()
    (content / "good.md").write_text(GOOD_POST)
    output = tmp_path / "output"
    _config(tmp_path, content, output, tmp_path / "cache")  # a cold cache: the first build is busy
    command = [sys.executable, "-m", "accessible_pub.cli", "build", "--quiet", "--jobs", "1"]
    first = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lock = tmp_path / ".output.lock"
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().strip() == str(first.pid)):
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.05)
    second = _cli(tmp_path, "build", "--quiet")
    assert first.poll() is None, "the first build ended before the second started"
    assert second.returncode == 2
    assert second.stderr.strip().splitlines() == [
        f"error: {output}: another build is running in this folder (pid {first.pid}); "
        "wait for it to finish, or build into another --output folder"
    ]
    first.send_signal(signal.SIGKILL)  # the kernel drops the lock; the file keeps the old pid
    first.communicate(timeout=30)
    assert lock.read_text().strip() == str(first.pid)
    third = _cli(tmp_path, "build", "--quiet")
    assert third.returncode == 0, third.stderr
    assert "1 built" in third.stdout


# ---- 4. the festival files follow the bundles on disk ---------------------------------------


def _festival_files_agree_with_bundles(output: Path) -> None:
    """Every enclosure's length is its file's size; every zip holds exactly its bundle."""
    import json
    import zipfile
    from xml.etree import ElementTree as ET

    slugs = sorted(p.name for p in output.iterdir() if p.is_dir())
    enclosures = ET.parse(output / "feed.xml").getroot().iter("enclosure")
    lengths = {e.get("url", "").split("/", 3)[-1]: int(e.get("length", "-1")) for e in enclosures}
    assert lengths and {Path(u).parts[0] for u in lengths} == set(slugs)
    for url, length in lengths.items():
        assert (output / url).stat().st_size == length, url
    with zipfile.ZipFile(output / "festival.zip") as festival:
        festival_names = set(festival.namelist())
        for slug in slugs:
            bundle = {p.relative_to(output).as_posix(): p for p in (output / slug).rglob("*") if p.is_file()}
            with zipfile.ZipFile(output / f"{slug}.zip") as archive:
                assert set(archive.namelist()) - {"SHA256SUMS.txt"} == set(bundle)
                for name, path in bundle.items():
                    assert archive.read(name) == path.read_bytes() == festival.read(name), name
            assert set(bundle) <= festival_names
            title = json.loads((output / slug / "manifest.json").read_text())["post"]["title"]
            assert title in (output / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_build_killed_between_a_bundle_swap_and_the_festival_files_is_repaired_by_the_next(
    tmp_path: Path, speech_cache: Path, monkeypatch: pytest.MonkeyPatch
):
    from accessible_pub.pipeline import build
    from accessible_pub.publish import site

    from conftest import make_settings

    content = tmp_path / "content"
    content.mkdir()
    (content / "one.md").write_text(GOOD_POST)
    (content / "two.md").write_text("---\ntitle: Tea and talk\n---\nWe drink tea and talk.\n")
    settings = make_settings(content, tmp_path / "output", speech_cache)
    output = settings.output_dir
    assert len(build(settings).built) == 2
    _festival_files_agree_with_bundles(output)
    old_zip = (output / "garden-day.zip").read_bytes()

    # an edit, then the build dies after the new bundle is in place but before the festival files
    (content / "one.md").write_text(GOOD_POST.replace("Everyone is welcome.", "Bring a friend with you."))

    def killed(*args: object, **kwargs: object) -> None:
        raise SystemExit("killed")

    monkeypatch.setattr(site, "write_site", killed)
    with pytest.raises(SystemExit):
        build(settings)
    monkeypatch.undo()
    assert (output / "garden-day.zip").read_bytes() == old_zip  # stale: the bundle is new
    # and a careless copy: the other post's zip swapped for a stale one, the feed cut short
    (output / "tea-and-talk.zip").write_bytes(old_zip)
    (output / "feed.xml").write_bytes((output / "feed.xml").read_bytes()[:200])

    again = build(settings)
    assert len(again.up_to_date) == 2 and not again.built  # nothing to rebuild ...
    _festival_files_agree_with_bundles(output)  # ... and yet the festival files are right again
    festival_files = (
        "index.html",
        "feed.xml",
        "site.css",
        "festival.zip",
        "garden-day.zip",
        "tea-and-talk.zip",
    )
    written = {name: (output / name).stat().st_mtime_ns for name in festival_files}
    build(settings)  # a no-op build leaves them alone
    assert {name: (output / name).stat().st_mtime_ns for name in festival_files} == written


# ---- 7. limits, and text processing that is linear whatever the punctuation ----------------


def test_limits_are_settings_and_refuse_a_post_with_one_line_naming_the_file(tmp_path: Path):
    from accessible_pub.config import settings_from_mapping
    from accessible_pub.content import load_posts
    from accessible_pub.errors import PostError

    limits = settings_from_mapping(
        {"limits": {"max_post_kb": 2, "max_words": 40, "max_sentence_words": 12}}
    ).limits
    cases = {
        "big.md": ("---\ntitle: Big\n---\n" + "We meet. " * 300, "posts over 2 KB are refused"),
        "long.md": ("---\ntitle: Long\n---\n" + "We meet in the garden. " * 10, "posts over 40 are refused"),
        "run-on.md": ("---\ntitle: Run on\n---\n" + "we meet in the garden " * 4, "a sentence of 20 words"),
    }
    for name, (text, expected) in cases.items():
        (tmp_path / name).write_text(text)
        with pytest.raises(PostError) as caught:
            load_posts(tmp_path / name, limits=limits)
        message = str(caught.value)
        assert expected in message and message.startswith(str(tmp_path / name)) and "\n" not in message
        assert "limits.max_" in message  # says which setting to raise
    (tmp_path / "fits.md").write_text("---\ntitle: Fits\n---\nWe meet in the garden. Everyone is welcome.\n")
    assert [p.slug for p in load_posts(tmp_path / "fits.md", limits=limits)] == ["fits"]


def test_the_default_limits_refuse_a_one_line_post_of_a_megabyte(tmp_path: Path):
    from accessible_pub.content import load_posts
    from accessible_pub.errors import PostError

    path = tmp_path / "huge.md"
    path.write_text("---\ntitle: Huge\n---\n" + "We meet in the garden on Tuesday. " * 30_000)
    with pytest.raises(PostError, match=r"the post has 210,000 words; posts over 10,000 are refused"):
        load_posts(path)


def test_unpunctuated_text_is_cut_into_bounded_sentences_at_word_boundaries():
    from accessible_pub.easyread import transforms

    words = "we meet in the garden on tuesday and everyone is welcome to come".split()
    text = " ".join(words[i % len(words)] for i in range(6000))  # 6,000 words, not one stop
    sentences = transforms.split_sentences(text)
    assert " ".join(sentences) == text  # nothing lost, nothing cut inside a word
    assert len(sentences) > 1 and max(len(s) for s in sentences) <= transforms._PIECE
    assert all(set(s.split()) <= set(words) for s in sentences)


def test_long_paragraphs_split_as_short_ones_do():
    from accessible_pub.easyread.transforms import split_sentences

    paragraph = "Dr. Smith met us at 2 p.m. on Tuesday. We grew beans, e.g. runner beans! Was it fun? Yes."
    many = " ".join([paragraph] * 80)  # about 7,000 characters: split in pieces before pysbd
    assert split_sentences(many) == split_sentences(paragraph) * 80


def test_a_split_that_gives_back_the_whole_sentence_ends():
    """This 57-word sentence without stops made split_long recurse until RecursionError."""
    from accessible_pub.easyread.transforms import split_long

    sentence = (
        "It does this by putting all the weight on the person and their personal choices This is why "
        "the words user led should be used with care If its all down to peoples choices then they can "
        "be seen as unable or unwilling to manage their lives The ill person can be left in bed all day."
    )
    pieces = split_long(sentence, max_words=15)  # no split point left: the sentence stays whole
    assert pieces and " ".join(pieces).count("personal choices") == 1


# ---- fuzz: loaders, simplifier and check on a fixed budget ---------------------------------

_PIECES = [
    "We meet in the garden on Tuesday.",
    "Everyone is welcome, e.g. friends and family!",
    "Dr. Smith said it was 2 p.m. at the library",
    "co-production",
    "[our guide](https://example.org/guide)",
    "<a href='javascript:alert(1)'>x</a>",
    "<script>alert(1)</script>",
    "⟦0⟧",
    "⟦3⟧",
    "\U000f0000",
    "\ue000",
    "**bold**",
    "_",
    "`code`",
    "\n\n",
    "\n## Heading\n",
    "\n- one\n- two\n",
    "\n    - deep\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "&amp; &#0; &#x110000;",
    "£5 50% 2:30pm 07700 900123 LS1 4AP 21/06/2016",
    "www.example.org",
    ";",
    " — ",
    "(aside",
    "\u202e\u200b\u0301",
    "🌱",
    "x" * 70,
    "WE SHOUT",
]


@pytest.mark.filterwarnings("ignore")
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pieces=st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=40)), min_size=1, max_size=25),
    title=st.one_of(st.just("Garden day"), st.text(max_size=30)),
    suffix=st.sampled_from([".md", ".txt", ".html", ".xml"]),
)
def test_fuzz_loaders_simplifier_and_check_raise_only_our_error(
    tmp_path: Path, pieces: list[str], title: str, suffix: str
):
    from accessible_pub.audio import easy_read_script, post_script
    from accessible_pub.audio.speech_text import spoken
    from accessible_pub.readability.gate import check_easy_read_text
    from accessible_pub.config import CheckSettings
    from accessible_pub.content import load_posts
    from accessible_pub.easyread import make_easy_read, to_markdown
    from accessible_pub.easyread.document import parse_easy_markdown
    from accessible_pub.errors import PostError

    body = " ".join(pieces).replace("<![", "< ![")  # marked sections in HTML: issue 20 item 2
    text = {
        ".md": f"---\ntitle: {json.dumps(title)}\n---\n{body}\n",
        ".txt": f"{title}\n\n{body}\n",
        ".html": f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p>"
        "</article></body></html>",
        ".xml": f"<rss><channel><item><title>{title}</title><description><![CDATA[{body}]]></description>"
        "</item></channel></rss>",
    }[suffix]
    path = tmp_path / f"post{suffix}"
    path.write_bytes(text.encode("utf-8", "replace"))
    try:
        posts = load_posts(path)
    except PostError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        return
    for post in posts:
        easy = make_easy_read(post)
        markdown = to_markdown(easy, slug=post.slug)
        again = parse_easy_markdown(tmp_path / "post.easy.md", markdown, links=post.links)
        assert again.sentences == easy.sentences or not easy.sentences
        result, _ = check_easy_read_text(markdown, CheckSettings())
        for line in (*post_script(post), *easy_read_script(easy)):
            spoken(line.text)
        assert not any(chr(c) in s for s in easy.sentences for c in (0xF0000, 0xF0001))  # no marker leaks
