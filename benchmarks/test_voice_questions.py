"""The spoken-questions benchmark asks on-topic questions only, and scores a transcript by
what the tutor would make of it: the intent, and the word it would look up."""

from benchmarks.voice_questions import curriculum, questions, tally, understood


def test_it_takes_the_first_questions_of_each_on_topic_intent():
    chosen = questions(2)
    intents = [intent for intent, _, _ in chosen]
    assert "other" not in intents
    assert all(intents.count(intent) == 2 for intent in set(intents))
    assert {"say", "meaning", "progress"} <= set(intents)


def test_a_transcript_is_scored_by_what_the_tutor_makes_of_it():
    words = curriculum()
    assert "cat" in words
    assert understood("What does cat mean?", "meaning", "cat", words) == (True, True)
    assert understood("What does hat mean?", "meaning", "cat", words) == (True, False)
    assert understood("Thank you.", "progress", "", words) == (False, None)


def test_the_tally_counts_words_only_for_questions_that_name_one():
    results = [
        {"intent_ok": True, "word_ok": True},
        {"intent_ok": False, "word_ok": None},
        {"intent_ok": True, "word_ok": False},
    ]
    assert tally(results) == {"intent_pct": 66.7, "word_pct": 50.0, "n": 3}
