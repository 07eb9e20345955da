"""Word timings: when each printed word is heard, from Piper's phoneme timings (audio/word_timings.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from accessible_pub.audio import SentenceCache, Tags
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
    cache = SentenceCache(tmp_path_factory.mktemp("cache"))
    return render(LINES, PiperEngine.load(), AudioSettings(), cache, tags=TAGS), cache


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
    slower = render(LINES, PiperEngine.load(), AudioSettings(rate="slower"), cache, tags=TAGS)
    assert slower.speed_setting > result.speed_setting
    normal_word = result.cues[2].words[2]
    slower_word = slower.cues[2].words[2]
    assert slower_word.text == normal_word.text == "welcome,"
    ratio = (slower_word.end - slower_word.start) / (normal_word.end - normal_word.start)
    assert ratio == pytest.approx(slower.speed_setting / result.speed_setting, rel=0.25)
