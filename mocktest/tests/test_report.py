"""The mistake report groups wrong words by sound pattern and says what to practise next."""

import pytest

from learning.tests.test_rules import master, say
from mocktest.actions import apply_item_judgement, finish_mock_test
from mocktest.models import MockTestItem
from mocktest.report import build_report

from .sittings import TEN_WORDS, judged, make_level, missing, say_item, sit_test, swap

pytestmark = pytest.mark.django_db

WORDS = [
    "bed",
    "dig",
    "bun",
    "pig",
    "pan",
    "sit",
    "cat",
    "ship",
    "thin",
    "stop",
    "was",
    "hat",
    "mop",
    "fish",
    "dog",
]

# What the judge heard for each missed word (the rest are said right).
PLAN = {
    "bed": judged("not_quite", heard_as="dead", wrong_sounds=[swap("B", "D")]),
    "dig": judged("not_quite", heard_as="big", wrong_sounds=[swap("D", "B")]),
    "bun": judged("not_quite", heard_as="dun"),  # no sounds given: worked out from the word heard
    "pig": judged("not_quite", heard_as="big", wrong_sounds=[swap("P", "B")]),
    "pan": judged("not_quite", heard_as="dan", wrong_sounds=[swap("P", "D")]),
    "sit": judged("not_quite", heard_as="set", wrong_sounds=[swap("IH", "EH", "middle")]),
    "cat": judged("not_quite", heard_as="cut", wrong_sounds=[swap("AE", "AH", "middle")]),
    "ship": judged("not_quite", heard_as="chip", wrong_sounds=[swap("SH", "CH")]),
    "thin": judged("not_quite", heard_as="fin", wrong_sounds=[swap("TH", "F")]),
    "stop": judged("not_quite", heard_as="top", wrong_sounds=[missing("S")]),
    "was": judged("not_quite", heard_as="saw", wrong_sounds=[swap("W", "S"), swap("Z", "AO", "end")]),
    "hat": judged("not_quite", heard_as="ham", wrong_sounds=[swap("T", "M", "end")]),
    "mop": judged("not_quite", heard_as="nop", wrong_sounds=[swap("M", "N")]),
    "fish": judged("unclear"),  # asked again, never a mistake...
}


@pytest.fixture
def report(alice):
    level = make_level(1, WORDS, size=len(WORDS))
    master(alice, level, len(WORDS))
    test = sit_test(alice, level, right=len(WORDS), plan=PLAN)
    fish = MockTestItem.objects.get(test=test, word__text="fish")  # ...said again, and right this time
    say_item(fish)
    apply_item_judgement(fish.pk, judged("correct"))
    finish_mock_test(test.pk)
    test.refresh_from_db()
    assert (test.status, test.correct_count) == ("finished", 2)
    return build_report(test)


def summaries(report) -> dict[str, list[str]]:
    return {group.summary: group.words for group in report.groups}


def test_it_groups_mistakes_by_sound_pattern(report):
    assert summaries(report) == {
        "b/d swaps in 3 words": ["bed", "dig", "bun"],
        "p/q/b/d mix-ups in 1 word": ["pan"],
        "Short vowels: i and e in 1 word": ["sit"],
        "Short vowels: a and u in 1 word": ["cat"],
        "Voiced and quiet sounds in 1 word": ["pig"],
        "sh/ch in 1 word": ["ship"],
        "th sounds in 1 word": ["thin"],
        "Blends: a sound left out in 1 word": ["stop"],
        "Turned-around words: 1": ["was"],
        "Endings in 1 word": ["hat"],
        "Other sounds in 1 word": ["mop"],
    }
    assert report.groups[0].key == "bd"  # the biggest group first
    assert all(group.tip for group in report.groups)


def test_it_orders_words_by_the_test_not_by_the_alphabet(report):
    bd = report.groups[0]
    positions = {item.word.text: item.position for item in report.items}
    assert bd.words == sorted(bd.words, key=positions.get)


def test_it_recommends_the_missed_words_first_then_the_recommenders_picks(alice):
    level = make_level(1, TEN_WORDS, size=3)
    for word in level.words.all():
        say(alice, word, 99)
    test = sit_test(alice, level, right=2)
    report = build_report(test)
    missed = [item.word.text for item in report.wrong_items]
    recommended = [w.text for w in report.recommended]
    assert len(missed) == 1
    assert recommended[0] == missed[0]
    assert len(recommended) == 5 == len(set(recommended))
    assert set(recommended) <= set(TEN_WORDS)
    assert all(w.why for w in report.recommended[1:])


def test_a_word_said_right_is_in_no_group(alice):
    level = make_level(1, ["dog", "fish"], size=2)
    master(alice, level, 2)
    test = sit_test(alice, level, right=2)
    report = build_report(test)
    assert report.groups == [] and report.wrong_items == []
