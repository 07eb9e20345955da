"""The review desk: the real server (uvicorn on a free loopback port), Debian's Chromium driven by
Playwright, axe-core on every page and state, real builds (with the offline espeak voice, to keep
the module quick) and the file on disk as the truth."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import frontmatter
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from accessible_pub.easyread.document import body_fingerprint, read_easy_file
from accessible_pub.review.app import DeskOptions, make_app
from accessible_pub.review import desk
from accessible_pub.review.findings import find
from accessible_pub.review.serve import listen, server

from conftest import make_settings

AXE = Path(__file__).resolve().parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SLUG = "walk-and-talk-in-the-park"
POST = """---
title: Walk and talk in the park
date: 2016-07-20
author: Sam Lee
---
Every Friday we meet at the park gate for a gentle walk.

The walk takes about an hour and nobody is left behind. Afterwards we share a cup of tea in the
café and talk about how the week went, because peer support helps us feel less alone.

You do not need to book.
"""
OTHER = """---
title: A quiet morning
date: 2016-07-21
---
We sit in the garden and listen to the birds.
"""


# ---- the desk's file editing, without a browser ----------------------------------------------

DRAFT = """---
title: Walk
post: walk
reviewed_by: ''
reviewed_on: ''
---

# Walk

<!-- picture: meeting -->
We meet at the gate.
We walk for one hour.
**peer support** means help from people who have been through the same things.

## When

- Every Friday.
- At 10am.

We have tea after the walk; it is nice.
"""


def test_an_edit_rewrites_only_the_idea_it_is_about(tmp_path: Path):
    draft = desk.parse_draft(tmp_path / "walk.easy.md", DRAFT)
    assert [r.idea.sentences for r in draft.rows] == [
        ("We meet at the gate.", "We walk for one hour."),
        ("Every Friday.", "At 10am."),
        ("We have tea after the walk; it is nice.",),
    ]
    assert draft.headings == {1: "When"}
    # the same ideas as the build reads (parse_easy_markdown), in the same order
    path = tmp_path / "walk.easy.md"
    path.write_text(DRAFT)
    built = [b for b in read_easy_file(path).blocks if hasattr(b, "sentences")]
    assert [b.sentences for b in built] == [r.idea.sentences for r in draft.rows]
    unchanged = desk.with_idea(draft, 2, draft.rows[2].idea)
    assert unchanged == DRAFT
    split = desk.IdeaText(("We have tea after the walk.", "It is nice."))
    after = desk.with_idea(draft, 2, split)
    assert after.replace("We have tea after the walk.\nIt is nice.", "X") == DRAFT.replace(
        "We have tea after the walk; it is nice.", "X"
    )


_TYPED = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60)


@settings(max_examples=60, deadline=None)
@example(typed=["**gate** means a door"], index=0, word="", meaning="")
@example(typed=["- a\u2028b", "c\x85d"], index=1, word=" x\n", meaning="y..")
@given(typed=st.lists(_TYPED, min_size=1, max_size=4), index=st.integers(0, 2), word=_TYPED, meaning=_TYPED)
def test_whatever_is_typed_is_saved_as_typed_or_refused(tmp_path_factory, typed, index, word, meaning):
    """Any text a reviewer types either comes back from the file as typed (in that idea only,
    every other idea as it was) or is refused with a reason: it never breaks the file."""
    path = tmp_path_factory.getbasetemp() / "typed.easy.md"
    draft = desk.parse_draft(path, DRAFT)
    try:
        sentences = desk.clean_sentences("\n".join(typed))
        explanation = desk.clean_explanation(word, meaning)
    except desk.EditRefused:
        return
    new = desk.IdeaText(sentences, (explanation,) if explanation else ())
    text = desk.with_idea(draft, index, new)
    again = desk.parse_draft(path, text)
    assert len(again.rows) == len(draft.rows)
    assert again.rows[index].idea.sentences == sentences
    assert again.rows[index].idea.explanations == new.explanations
    for other in set(range(len(draft.rows))) - {index}:
        assert again.rows[other].idea == draft.rows[other].idea
    path.write_text(text, encoding="utf-8")
    read_easy_file(path)  # and the build reads it


def test_findings_are_in_plain_words_beside_their_sentence(tmp_path: Path):
    from accessible_pub.config import CheckSettings

    draft = desk.parse_draft(tmp_path / "walk.easy.md", DRAFT)
    found = find(draft, CheckSettings())
    said = found.lines[(2, "sentence", 0)]
    assert any(s.rule == "ER3" and s.must_fix and "semicolon" in s.words for s in said)
    assert found.errors >= 1
    assert not found.lines.get((0, "sentence", 0))


def test_each_idea_shows_the_sentences_of_the_post_it_came_from(tmp_path: Path):
    from accessible_pub.content import load_posts
    from accessible_pub.easyread import make_easy_read, to_markdown

    path = tmp_path / "2016-07-20-walk.md"
    path.write_text(POST)
    [post] = load_posts(path)
    draft = desk.parse_draft(tmp_path / "x.easy.md", to_markdown(make_easy_read(post), slug="x"))
    found = desk.originals_by_idea(post, draft)
    every = [s for index in sorted(found) for s in found[index]]
    assert every == [  # each sentence once, in order
        "Every Friday we meet at the park gate for a gentle walk.",
        "The walk takes about an hour and nobody is left behind.",
        "Afterwards we share a cup of tea in the café and talk about how the week went, because peer "
        "support helps us feel less alone.",
        "You do not need to book.",
    ]
    park = next(i for i, r in enumerate(draft.rows) if "park" in " ".join(r.idea.sentences))
    assert found[park][0].startswith("Every Friday")
    book = next(i for i, r in enumerate(draft.rows) if "book" in " ".join(r.idea.sentences))
    assert found[book] == ["You do not need to book."]


def test_every_rule_is_said_in_plain_words(tmp_path: Path):
    from accessible_pub.config import CheckSettings

    hard = """---
title: Hard
---

# Hard

The group, which was set up by the council in the spring of last year with money from a trust, meets.
We meet on Friday; it is fun.
The cake was eaten by everybody.
The NHS gives us help (sometimes).
We have FREE TEA for three people and _really_ good cake.
It costs 50% less. We like it.
Our ubiquitous facilitator said hello.
"""
    draft = desk.parse_draft(tmp_path / "hard.easy.md", hard)
    found = find(draft, CheckSettings())
    said = [s for v in found.lines.values() for s in v] + found.whole_text
    rules = {s.rule for s in said}
    assert {"ER1", "ER3", "ER4", "ER5", "ER7", "ER8", "ER9", "ER10", "ER13"} <= rules, rules
    for s in said:  # plain words, never the rule's own terms
        assert not re.search(r"\bER\d|passive|acronym|masked|\(at most", s.words), s.words
        assert s.words.endswith((".", "?")), s.words


def test_typed_text_that_would_change_the_file_format_is_refused():
    assert desk.clean_sentences("One.\n\n  Two  words.\r\n") == ("One.", "Two words.")
    for bad in ("", "# A heading", "<!-- picture: money -->", "x" * 500):
        with pytest.raises(desk.EditRefused):
            desk.clean_sentences(bad)
    with pytest.raises(desk.EditRefused):
        desk.clean_explanation("**bold**", "a meaning")
    assert desk.clean_explanation("", "") is None


def test_marks_and_notes_live_in_the_front_matter_not_in_the_words(tmp_path: Path):
    draft = desk.parse_draft(tmp_path / "walk.easy.md", DRAFT)
    marked = desk.with_hard_mark(draft, "We walk for one hour.", "What is an hour?")
    assert body_fingerprint(frontmatter.parse(marked)[1]) == body_fingerprint(frontmatter.parse(DRAFT)[1])
    again = desk.parse_draft(draft.path, marked)
    assert desk.hard_marks(again) == [desk.HardMark("We walk for one hour.", "What is an hour?")]
    assert desk.with_hard_mark(again, "We walk for one hour.", None).count("hard_to_understand") == 0


def test_any_openmoji_symbol_can_be_found_by_word_and_used(tmp_path: Path):
    from accessible_pub.easyread import pictures
    from accessible_pub.errors import PostError

    found = pictures.search("walk")
    assert found[0].name == "1F6B6" and found[0].alt == "Person walking"
    assert all("tear" not in p.alt.lower() for p in pictures.search("tea"))  # whole words only
    path = tmp_path / "walk.easy.md"
    path.write_text(DRAFT.replace("<!-- picture: meeting -->", "<!-- picture: 1F6B6 -->"))
    first = next(b for b in read_easy_file(path).blocks if hasattr(b, "picture"))
    assert first.picture.alt == "Person walking" and first.picture.path.is_file()
    path.write_text(DRAFT.replace("<!-- picture: meeting -->", "<!-- picture: FFFFF -->"))
    with pytest.raises(PostError, match="no picture called 'FFFFF'"):
        read_easy_file(path)


def test_broken_files_are_listed_with_why_and_never_hide_the_others(tmp_path: Path):
    from accessible_pub.config import Settings
    from accessible_pub.errors import PostError
    from accessible_pub.review.store import Store

    content = tmp_path / "content"
    content.mkdir()
    (content / "2016-07-20-walk.md").write_text(POST)
    (content / "2016-07-21-quiet.md").write_text(OTHER)
    (content / "broken.md").write_text("---\ntitle: [unclosed\n---\nWords.\n")
    (content / "a-quiet-morning.easy.md").write_text("---\ntitle: [unclosed\n---\nWords.\n")
    store = Store(Settings(content_dir=content, cache_dir=None))
    entries = store.entries()
    assert [e.title for e in entries[:2]] == ["A quiet morning", "broken.md"]
    assert entries[0].state.startswith("The easy read file has a problem: ")
    assert entries[1].state.startswith("This post cannot be read: ") and not entries[1].slug
    assert entries[2].state == "No easy read yet"
    with pytest.raises(PostError, match="a-quiet-morning.easy.md"):
        store.draft("a-quiet-morning")


# ---- the real server, a real build and a real browser ----------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    """A festival folder with two small posts, built once (this fills the sentence cache)."""
    assert shutil.which("espeak-ng"), "espeak-ng is needed (apt-get install espeak-ng)"
    root = tmp_path_factory.mktemp("desk")
    content = root / "content"
    content.mkdir()
    (content / "2016-07-20-walk.md").write_text(POST)
    (content / "2016-07-21-quiet.md").write_text(OTHER)
    settings = make_settings(content, root / "output", root / "cache", audio__engine="espeak")
    from accessible_pub.pipeline import build

    assert not build(settings).failed
    return settings


def _serve(app):
    sock = listen("127.0.0.1", 0)
    running = server(app)
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not running.started:
        time.sleep(0.02)
    return running, thread, f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture(scope="module")
def desk_url(project):
    running, thread, url = _serve(make_app(project))
    yield url
    running.should_exit = True
    thread.join(timeout=10)


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


def _context(browser, **options):
    # axe is added as an inline script, which the desk's own policy forbids
    return browser.new_context(bypass_csp=True, **options)


def _no_axe_violations(page, state: str) -> None:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async (tags) => (await axe.run({runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => `${v.id}: ${v.nodes.map(n => n.target).join(' | ')}`)",
        AXE_TAGS,
    )
    assert violations == [], (state, violations)


def _reflows(page, state: str) -> None:
    """At 320 CSS pixels wide (also what 400 % zoom of a 1280 px window gives) nothing scrolls
    sideways, and no text is smaller than 18 px."""
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, (state, width)
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll(
                 'p, li, a, button, label, summary, textarea, input')]
             .filter(e => e.offsetParent !== null)
             .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )
    assert smallest >= 18, (state, smallest)
    page.set_viewport_size({"width": 1280, "height": 900})


def _go(page, control) -> None:
    """Press a link or button and wait for the page it leads to."""
    with page.expect_navigation():
        control.click()


def _listen(page, link) -> list:
    """What the "Listen" button plays: status, where the sound came from, its type and size."""
    return page.evaluate(
        "async (url) => { const r = await fetch(url); return [r.status, r.headers.get('x-recording'),"
        " r.headers.get('content-type'), (await r.arrayBuffer()).byteLength]; }",
        link.get_attribute("href"),
    )


def _easy(project) -> Path:
    return project.content_dir / f"{SLUG}.easy.md"


def _ensure_draft(project) -> None:
    """The flow test makes the draft with the desk's button; a test run alone makes it here."""
    from accessible_pub.review.store import Store

    if not _easy(project).is_file():
        Store(project).make_draft(SLUG)


@pytest.mark.slow  # a real build, a real server
def test_a_reviewer_checks_fixes_and_signs_off_a_post(project, desk_url, browser):
    from accessible_pub.pipeline import build

    context = _context(browser)
    page = context.new_page()
    page.goto(desk_url + "/")
    states = page.locator(".posts li").all_inner_texts()
    assert [s.split("\n")[-1] for s in states] == ["No easy read yet", "No easy read yet"]
    _no_axe_violations(page, "posts")
    _reflows(page, "posts")

    _go(page, page.get_by_role("link", name="Walk and talk in the park"))
    _no_axe_violations(page, "no draft yet")
    _go(page, page.get_by_role("button", name="Make an easy read draft to check"))
    assert _easy(project).is_file()
    assert "The easy read draft is ready to check." in page.inner_text("[role=status]")
    _no_axe_violations(page, "post")
    _reflows(page, "post")

    # the play button reads the last build's own recording of an unchanged sentence
    said = _listen(page, page.locator("#idea-2 a.listen").first)
    assert said[:3] == [200, "last build", "audio/wav"] and said[3] > 10_000
    # the rules' findings are beside the sentence they are about, in plain words
    assert page.locator(".findings li").count() >= 1
    page.get_by_text("What the blog post said for idea 2").click()
    assert "park gate" in page.locator("#idea-2 details.original").inner_text()

    # edit a sentence (and split another in two)
    _go(page, page.get_by_role("link", name="Change the words of idea 2"))
    _no_axe_violations(page, "edit")
    _reflows(page, "edit")
    box = page.get_by_label("The sentences")
    lines = box.input_value().split("\n")
    lines[0] = "On Fridays we meet at the gate of the park."
    box.fill("\n".join(lines))
    # add an explanation
    page.get_by_role("group", name="Explain another hard word").get_by_label("The hard word").fill("gate")
    page.get_by_role("group", name="Explain another hard word").get_by_label("What it means").fill(
        "a door in a fence"
    )
    _go(page, page.get_by_role("button", name="Save"))
    # said beside the idea, with what the checks now find in it
    assert re.match(r"Saved\. The checks found .+ in idea 2\.$", page.inner_text("#idea-2 [role=status]"))
    assert "On Fridays we meet at the gate of the park." in page.inner_text("#idea-2")
    assert "a door in a fence" in page.inner_text("#idea-2")
    assert page.locator("#idea-2 .sentence .hard-word").first.inner_text() == "gate"  # highlighted
    # the changed sentence is spoken now, by the build's engine
    said = _listen(page, page.locator("#idea-2 a.listen").first)
    assert said[:3] == [200, "spoken now", "audio/wav"] and said[3] > 10_000

    # change a picture: find it by word
    _go(page, page.get_by_role("link", name="Choose a picture for idea 2"))
    page.get_by_label("Find a picture by word").fill("walk")
    _go(page, page.get_by_role("button", name="Find"))
    _no_axe_violations(page, "picture search")
    _reflows(page, "picture search")
    choices = page.locator(".choices input[type=radio]")
    names = [choices.nth(i).get_attribute("value") for i in range(choices.count())]
    assert "auto" in names and "none" in names and len(names) >= 3
    picked = next(n for n in names if n not in ("auto", "none"))
    page.locator(f"#pick-{picked}").check()
    _go(page, page.get_by_role("button", name="Use this picture"))
    assert page.locator("#idea-2 img").get_attribute("src") == f"/pictures/{picked}.svg"
    # the generator's ideas wait for a person: an edited one has been looked at, and one press
    # says another is fine
    ideas = page.locator("section.idea").count()
    assert page.inner_text(".progress") == f"Ideas looked at: 1 of {ideas}"
    assert "written by the computer" not in page.inner_text("#idea-2")
    _go(page, page.get_by_role("button", name="This idea is fine (idea 3)"))
    assert page.inner_text(".progress") == f"Ideas looked at: 2 of {ideas}"
    page.goto(desk_url + "/")
    assert f"Draft — not checked yet (2 of {ideas} ideas looked at)" in page.inner_text(".posts")
    page.go_back()
    assert page.locator("#idea-3 .not-yet").count() == 0 and page.locator("#idea-4 .not-yet").count() == 1

    # mark a sentence hard to understand, then sign off: refused without a reason
    page.get_by_text("Hard to understand? Sentence 1 of idea 1").click()
    page.get_by_label("What is hard about it?").first.fill("Who is Sam?")
    _go(page, page.get_by_role("button", name="Mark it as hard to understand").first)
    assert "Who is Sam?" in page.inner_text("#idea-1")
    _no_axe_violations(page, "marked")
    page.get_by_label("Who checked it?").fill("Peer review group")
    _go(page, page.get_by_role("button", name="We have checked this"))
    assert "marked hard to understand" in page.inner_text("#sign-off-problem")
    _no_axe_violations(page, "sign-off refused")
    before = _easy(project).read_text()
    assert "reviewed_by: Peer review group" not in before
    page.get_by_label("Why you are signing it off").fill("We talked about Sam: he runs the walks.")
    _go(page, page.get_by_role("button", name="We have checked this"))
    assert "Signed off." in page.inner_text("[role=status]")
    _no_axe_violations(page, "signed off")

    # the file on disk is the truth: same front matter and fingerprint as `signoff` writes
    meta, body = frontmatter.parse(_easy(project).read_text())
    assert meta["reviewed_by"] == "Peer review group"
    assert meta["reviewed_text_sha256"] == body_fingerprint(body)
    assert meta["signed_off_despite"] == "We talked about Sam: he runs the walks."
    assert f"<!-- picture: {picked} -->" in body and "**gate** means a door in a fence." in body
    read = read_easy_file(_easy(project))
    assert read.reviewed and read.changed_since_review is False

    # the next build, the bundle's web page and the report show it
    assert not build(project).failed
    web = (project.output_dir / SLUG / "index.html").read_text()
    assert "On Fridays we meet at the gate of the park." in web
    assert "checked by Peer review group" in web
    manifest = json.loads((project.output_dir / SLUG / "manifest.json").read_text())
    assert manifest["easy_read"]["reviewed_by"] == "Peer review group"
    report = (project.output_dir / "report.html").read_text()
    assert re.search(r"signed off by reviewers: <strong>1 of 2</strong>", report)

    # and the list says so, the checked post last
    page.goto(desk_url + "/")
    states = page.locator(".posts li .state").all_inner_texts()
    assert states[-1].startswith("Checked by Peer review group on ")
    assert states[0] == "No easy read yet"
    # undo puts the file back as it was before the sign-off
    _go(page, page.get_by_role("link", name="Walk and talk in the park"))
    _go(page, page.get_by_role("button", name="Undo the last change"))
    assert "undone" in page.inner_text("[role=status]")
    assert "reviewed_by: Peer review group" not in _easy(project).read_text()
    context.close()


@pytest.mark.slow  # a real build, a real server
def test_two_reviewers_saving_one_idea_do_not_lose_a_word(project, desk_url, browser):
    _ensure_draft(project)
    first, second = _context(browser), _context(browser)
    pages = [c.new_page() for c in (first, second)]
    for page in pages:
        page.goto(f"{desk_url}/posts/{SLUG}/ideas/1/edit")
    choosing = second.new_page()
    choosing.goto(f"{desk_url}/posts/{SLUG}/ideas/1/picture")
    pages[0].get_by_label("The sentences").fill("This is Sam's blog post, in easy words.")
    _go(pages[0], pages[0].get_by_role("button", name="Save"))
    assert "Saved." in pages[0].inner_text("[role=status]")
    pages[1].get_by_label("The sentences").fill("A second person's words.")
    _go(pages[1], pages[1].get_by_role("button", name="Save"))
    # refused, with the first person's text shown and the second's kept in the box
    assert "Someone else changed this idea" in pages[1].inner_text("[role=alert]")
    assert "This is Sam's blog post, in easy words." in pages[1].inner_text(".theirs")
    assert pages[1].get_by_label("The sentences").input_value() == "A second person's words."
    _no_axe_violations(pages[1], "conflict")
    text = _easy(project).read_text()
    assert "This is Sam's blog post, in easy words." in text and "A second person's words." not in text
    # a picture chosen for an idea someone changed meanwhile is refused too, showing their version
    choosing.locator("#pick-none").check()
    _go(choosing, choosing.get_by_role("button", name="Use this picture"))
    assert "Someone else changed this idea" in choosing.inner_text("[role=alert]")
    assert "This is Sam's blog post, in easy words." in choosing.inner_text(".theirs")
    _no_axe_violations(choosing, "picture refused")
    assert desk.read_draft(_easy(project)).rows[0].idea.picture != "none"
    # a change to another idea in between is not a conflict
    pages[0].goto(f"{desk_url}/posts/{SLUG}/ideas/1/edit")
    pages[1].goto(f"{desk_url}/posts/{SLUG}/ideas/3/edit")
    pages[0].get_by_label("The sentences").fill("This is Sam's blog post.")
    _go(pages[0], pages[0].get_by_role("button", name="Save"))
    box = pages[1].get_by_label("The sentences")
    box.fill(box.input_value() + "\nYou can just come along.")
    _go(pages[1], pages[1].get_by_role("button", name="Save"))
    assert "Saved." in pages[1].inner_text("[role=status]")
    text = _easy(project).read_text()
    assert "This is Sam's blog post.\n" in text and "You can just come along." in text
    first.close()
    second.close()


def _tab_to(page, name: str, limit: int = 300) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        said = page.evaluate(
            "(e => (e.labels && e.labels.length ? e.labels[0].innerText : e.innerText) || '')"
            "(document.activeElement)"
        )
        if " ".join(said.split()).startswith(name):
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"focus on {name!r} cannot be seen"
            return
    raise AssertionError(f"{name!r} cannot be reached with the Tab key")


@pytest.mark.slow  # a real build, a real server
def test_the_whole_flow_works_from_the_keyboard(project, desk_url, browser):
    from accessible_pub.easyread.pictures import search

    context = _context(browser)
    page = context.new_page()
    page.goto(desk_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the main content"
    _tab_to(page, "A quiet morning")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/posts/a-quiet-morning$"))
    _tab_to(page, "Make an easy read draft")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"said=draft"))
    _tab_to(page, "Change the words of idea 2")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ideas/2/edit$"))
    _tab_to(page, "The sentences")
    page.keyboard.press("Control+A")
    page.keyboard.type("We sit in the garden.\nWe listen to the birds.")
    _tab_to(page, "The hard word")  # the first is the new one: this idea explains nothing yet
    page.keyboard.type("garden")
    _tab_to(page, "What it means")
    page.keyboard.type("a place with plants and grass")
    _tab_to(page, "Save")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"said=saved"))
    _tab_to(page, "Choose a picture for idea 2")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ideas/2/picture$"))
    _tab_to(page, "Find a picture by word")
    page.keyboard.type("bird")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"find=bird"))
    _tab_to(page, "Bird")
    page.keyboard.press("Space")
    _tab_to(page, "Use this picture")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"said=picture"))
    _tab_to(page, "Who checked it?")
    page.keyboard.type("Tuesday group")
    _tab_to(page, "We have checked this")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"said=signed"))
    meta, body = frontmatter.parse((project.content_dir / "a-quiet-morning.easy.md").read_text())
    assert meta["reviewed_by"] == "Tuesday group"
    assert "We sit in the garden.\nWe listen to the birds." in body
    assert "**garden** means a place with plants and grass." in body
    bird = next(p for p in search("bird") if p.alt == "Bird")
    assert f"<!-- picture: {bird.name} -->" in body
    context.close()


@pytest.mark.slow  # a real build, a real server
def test_every_other_page_and_state_has_no_axe_violations(project, desk_url, browser):
    _ensure_draft(project)
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{desk_url}/posts/no-such-post")
    assert "There is no such post or idea here." in page.inner_text("main")
    _no_axe_violations(page, "not found")
    # a form whose token is not this session's is refused, and says so plainly
    page.goto(f"{desk_url}/posts/{SLUG}/ideas/1/edit")
    before = _easy(project).read_bytes()
    page.evaluate("document.querySelector('input[name=csrf]').value = 'forged'")
    _go(page, page.get_by_role("button", name="Save"))
    assert "This page was out of date" in page.inner_text("h1")
    assert _easy(project).read_bytes() == before
    _no_axe_violations(page, "out of date")
    # an edit made in a text editor after a desk's change: undo will not lose it
    page.goto(f"{desk_url}/posts/{SLUG}/ideas/1/edit")
    page.get_by_label("The sentences").fill("Sam wrote this blog post.")
    _go(page, page.get_by_role("button", name="Save"))
    _easy(project).write_text(_easy(project).read_text() + "\nAdded in a text editor.\n")
    _go(page, page.get_by_role("button", name="Undo the last change"))
    assert "undo could lose someone's work" in page.inner_text("[role=alert]")
    assert "Added in a text editor." in _easy(project).read_text()
    _no_axe_violations(page, "nothing undone")
    context.close()


# ---- refusals: nothing is written -------------------------------------------------------------


def _opener():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))


def _status(opener, url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.mark.slow  # a real build, a real server
def test_unsafe_requests_are_refused_and_write_nothing(project, desk_url):
    _ensure_draft(project)
    opener = _opener()
    status, html = _status(opener, f"{desk_url}/posts/{SLUG}/ideas/1/edit")
    assert status == 200
    fields = dict(re.findall(r'name="(csrf|version|idea_version)" value="([^"]+)"', html))
    before = _easy(project).read_bytes()
    url = f"{desk_url}/posts/{SLUG}/ideas/1"

    def post(form: dict, target: str = url, **headers: str) -> int:
        return _status(opener, target, urllib.parse.urlencode(form).encode(), headers)[0]

    assert post({**fields, "csrf": "", "sentences": "Changed."}) == 403
    assert (
        post({"version": fields["version"], "idea_version": fields["idea_version"], "sentences": "X."}) == 403
    )
    assert _status(_opener(), url, urllib.parse.urlencode({**fields, "sentences": "X."}).encode())[0] == 403
    for bad in ("..%2F..%2Fetc%2Fpasswd", "..", "Walk", "a%00b"):
        assert post({**fields, "sentences": "Changed."}, f"{desk_url}/posts/{bad}/ideas/1") in (403, 404)
        assert _status(opener, f"{desk_url}/posts/{bad}")[0] == 404
    assert _status(opener, f"{desk_url}/pictures/..%2F..%2Fpasswd.svg")[0] == 404
    assert post({**fields, "sentences": "Changed. " * 20_000}) == 413
    assert post({**fields, "sentences": "# A heading"}) == 400
    pictures = f"{url}/picture"
    assert post({**fields, "picture": "../../../etc/passwd"}, pictures) == 400
    assert post({**fields, "picture": "1F6B6 -->\nEvil"}, pictures) == 400
    assert post(fields, pictures) == 400  # nothing chosen: nothing changed
    assert post({**fields, "sentences": "Changed."}, Host="evil.example") == 400  # DNS rebinding
    assert _easy(project).read_bytes() == before
    # escaped everywhere: a sentence with markup shows as text
    assert post({**fields, "sentences": "<script>alert(1)</script> is text."}) == 200
    _, page = _status(opener, f"{desk_url}/posts/{SLUG}")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.slow  # a real build, a real server
def test_on_a_network_the_desk_asks_for_the_passphrase(project, browser):
    running, thread, url = _serve(
        make_app(project, DeskOptions(passphrase="cake-and-tea", loopback_only=False))
    )
    try:
        opener = _opener()
        status, html = _status(opener, url + "/")
        assert status == 200 and "Sign in to the review desk" in html  # redirected to sign in
        context = _context(browser)
        page = context.new_page()
        page.goto(url + "/")
        page.get_by_label("The passphrase you were given").fill("not it")
        with page.expect_navigation() as answer:
            page.get_by_role("button", name="Sign in").click()
        assert answer.value.status == 403
        assert "That passphrase is not right." in page.inner_text("[role=alert]")
        _no_axe_violations(page, "sign in refused")
        context.close()
        assert _status(opener, f"{url}/posts/{SLUG}")[1].count("Sign in to the review desk") == 1
        token = re.search(r'name="csrf" value="([^"]+)"', html)[1]
        right = urllib.parse.urlencode({"csrf": token, "passphrase": "cake-and-tea"}).encode()
        status, html = _status(opener, url + "/sign-in", right)
        assert status == 200 and "Posts to check" in html
    finally:
        running.should_exit = True
        thread.join(timeout=10)
    # a restarted desk still knows the reviewer (no time limits, no lost page)
    running, thread, url = _serve(
        make_app(project, DeskOptions(passphrase="cake-and-tea", loopback_only=False))
    )
    try:
        status, html = _status(opener, url + "/")
        assert status == 200 and "Posts to check" in html
    finally:
        running.should_exit = True
        thread.join(timeout=10)


@pytest.mark.slow  # a real build, a real server
def test_review_command_prints_the_address_and_a_passphrase_for_a_network(project):
    command = [sys.executable, "-m", "accessible_pub.cli", "review", "--host", "0.0.0.0", "--port", "0"]
    with subprocess.Popen(
        [*command, "--content", str(project.content_dir)], stdout=subprocess.PIPE, text=True
    ) as running:
        try:
            lines = [running.stdout.readline(), running.stdout.readline()]
        finally:
            running.terminate()
    assert re.match(r"Review desk: open http://\S+:\d+/ on a computer on this network", lines[0])
    assert re.match(r"Passphrase: [0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}", lines[1])


@pytest.mark.slow  # a real build, a real server
def test_review_command_says_clearly_when_the_port_is_taken(project):
    from click.testing import CliRunner

    from accessible_pub.cli import main

    taken = listen("127.0.0.1", 0)
    try:
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(main, ["review", "--port", port, "--content", str(project.content_dir)])
    finally:
        taken.close()
    assert result.exit_code == 2 and f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output
