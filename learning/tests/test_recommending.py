"""The best next word, seen from the pages: reasons, locked levels, reviews, the model artefact."""

import io
import json
import logging
from dataclasses import replace
from datetime import timedelta

import numpy as np
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import recommender
from learning import recommending
from learning.actions import apply_judgement
from learning.models import PracticeAttempt, Word
from learning.rules import level_state, recommended_word, recommended_words
from learning.tests.factories import LevelFactory, WordFactory
from learning.tests.test_rules import attempt_for, judged, say

pytestmark = pytest.mark.django_db


@pytest.fixture
def levels():
    one = LevelFactory(order=1, title="Short a")
    for position, (text, phonemes) in enumerate(
        [("cat", "K AE1 T"), ("map", "M AE1 P"), ("bag", "B AE1 G"), ("dad", "D AE1 D")]
    ):
        WordFactory(level=one, text=text, position=position, phonemes=phonemes, difficulty=2.5)
    two = LevelFactory(order=2, title="Digraphs")
    for position, text in enumerate(["ship", "chip", "shop"]):
        WordFactory(level=two, text=text, position=position, difficulty=3.5)
    return one, two


@pytest.fixture
def no_model(settings, tmp_path):
    settings.RECOMMENDER_MODEL_PATH = tmp_path / "missing.json"


@pytest.fixture
def tiny_model(settings, tmp_path, levels):
    """A model trained in the test on a few simulated learners: no dependence on a committed file."""
    settings.RECOMMENDER_MODEL_PATH = tmp_path / "model.json"
    call_command("train_recommender", learners=6, attempts=20, seed=1, stdout=io.StringIO())
    return settings.RECOMMENDER_MODEL_PATH


def age_attempts(learner, days):
    earlier = timezone.now() - timedelta(days=days)
    PracticeAttempt.objects.filter(learner=learner).update(judged_at=earlier, created_at=earlier)


def test_it_never_recommends_a_word_from_a_locked_level(alice, levels, tiny_model):
    one, two = levels
    for word in one.words.all():
        say(alice, word, 95)
    picks = recommended_words(alice, limit=10)
    assert picks and all(word.level_id == one.pk for word in picks)
    assert recommended_word(alice, two) is None  # level two is locked for alice


def test_it_falls_back_to_the_rule_based_order_when_the_model_is_missing(alice, levels, no_model, caplog):
    recommending._load.cache_clear()
    with caplog.at_level(logging.WARNING):
        word = recommended_word(alice, levels[0])
    assert word.text == "cat" and word.why == "The next word in this level."
    assert "rule-based order" in caplog.text


def test_it_falls_back_when_the_model_is_stale(alice, levels, tiny_model, caplog):
    data = json.loads(tiny_model.read_text())
    data["features"] = data["features"][:-1]
    tiny_model.write_text(json.dumps(data))
    recommending._load.cache_clear()
    with caplog.at_level(logging.WARNING):
        assert recommended_word(alice, levels[0]).why == "The next word in this level."
    assert "can't be used" in caplog.text


def test_it_falls_back_when_the_artefact_has_no_word_table(alice, levels, tiny_model, caplog):
    data = json.loads(tiny_model.read_text())  # an artefact as saved before word ratings
    data["version"] = 1
    del data["word_ratings"]
    data["features"].remove("word_rating")
    tiny_model.write_text(json.dumps(data))
    recommending._load.cache_clear()
    with caplog.at_level(logging.WARNING):
        assert recommended_word(alice, levels[0]).why == "The next word in this level."
    assert "can't be used" in caplog.text and "version 1" in caplog.text


def test_the_command_saves_a_model_with_its_features_version_and_metrics(tiny_model):
    saved = json.loads(tiny_model.read_text())
    assert saved["version"] == recommender.model.FORMAT_VERSION == 2
    assert len(saved["features"]) == len(saved["coef"]) == len(recommender.FEATURES)
    assert "simulated learners" in saved["trained_on"] and "auc" in saved["metrics"]
    # Nobody has read a real word yet: no word is rated (the simulated words' table stays behind).
    assert saved["word_ratings"] == {} and "from 0 real first readings" in saved["trained_on"]


def test_the_command_rates_real_words_from_real_first_readings(alice, bob, levels, settings, tmp_path):
    one, _ = levels
    for learner in (alice, bob):
        say(learner, one.words.get(text="dad"), 30)
        say(learner, one.words.get(text="cat"), 95)
    settings.RECOMMENDER_MODEL_PATH = tmp_path / "model.json"
    call_command("train_recommender", learners=6, attempts=20, seed=1, stdout=io.StringIO())
    ratings = json.loads(settings.RECOMMENDER_MODEL_PATH.read_text())["word_ratings"]
    assert set(ratings) == {"dad", "cat"}  # words nobody read are not in the table: rated 0
    assert ratings["dad"] > 0 > ratings["cat"]


def test_a_word_other_learners_found_much_harder_waits(alice, levels, settings, tmp_path):
    """The page's features read the artefact's word table: here the model knows nothing else."""
    one, _ = levels
    for _ in range(4):
        say(alice, one.words.get(text="cat"), 95)
        say(alice, one.words.get(text="map"), 95)  # eight readings: the model is used
    n = len(recommender.FEATURES)
    coef = np.zeros(n)
    coef[recommender.FEATURES.index("word_rating")] = -1.0
    model = recommender.LearnerModel(tuple(recommender.FEATURES), np.zeros(n), np.ones(n), coef, np.log(3))
    settings.RECOMMENDER_MODEL_PATH = tmp_path / "model.json"
    model.save(settings.RECOMMENDER_MODEL_PATH)
    assert recommended_word(alice, one).text == "bag"  # bag and dad alike: curriculum order
    replace(model, word_ratings={"bag": 4.0}).save(settings.RECOMMENDER_MODEL_PATH)
    recommending._load.cache_clear()
    assert recommended_word(alice, one).text == "dad"


def test_a_mastered_word_comes_back_for_review_when_due(alice, levels, no_model):
    one, _ = levels
    cat = one.words.get(text="cat")
    say(alice, cat, 95)
    say(alice, one.words.get(text="map"), 40)
    age_attempts(alice, 20)  # three weeks without practice: cat's recall is well below 90 %
    word = recommended_word(alice, one)
    assert word == cat and "remember" in word.why


def test_it_shows_the_reason_on_the_level_and_practice_pages(client, alice, levels, no_model):
    one, _ = levels
    client.force_login(alice)
    page = client.get(reverse("learning:level", args=[1])).content.decode()
    assert "Practise next: cat" in page and "The next word in this level." in page
    page = client.get(reverse("learning:practice", args=[one.words.get(text="cat").pk])).content.decode()
    assert "Next word: map" in page and "data-why" in page


def test_it_reminds_a_learner_of_the_pattern_they_found_hard(client, alice, levels, no_model):
    one, _ = levels
    attempt = attempt_for(alice, one.words.get(text="dad"))
    apply_judgement(attempt.pk, judged("not_quite", 30, heard_as="bab"))
    assert [t.key for t in recommending.mistake_profile(alice)] == ["bd"]
    bag = one.words.get(text="bag")
    assert recommending.reminder_for(alice, bag) == "You found b and d hard last time."
    client.force_login(alice)
    page = client.get(reverse("learning:attempt", args=[attempt.pk])).content.decode()
    assert "Next word:" in page and "data-why" in page  # the verdict is in: the result offers the next word
    dashboard = client.get(reverse("progress:dashboard")).content.decode()
    assert "b/d swaps" in dashboard and "missed 1 time" in dashboard


def test_a_mastered_word_whose_review_failed_or_fell_due_is_shown_as_time_to_review(client, alice, levels):
    one, _ = levels
    cat, map_, bag = (one.words.get(text=text) for text in ("cat", "map", "bag"))
    say(alice, cat, 95)
    say(alice, map_, 95)
    say(alice, map_, 30)  # mastered once, then read wrong: not shown as mastered any more
    client.force_login(alice)
    page = client.get(reverse("learning:level", args=[1])).content.decode()
    assert "1 of 4 words mastered" in page
    assert page.count("Time to review") == 1 and "1 word to review" in page
    history = client.get(reverse("learning:history", args=[map_.pk])).content.decode()
    assert "time to review (first mastered on" in history
    assert "time to review" not in client.get(reverse("learning:history", args=[cat.pk])).content.decode()
    say(alice, bag, 95)
    age_attempts(alice, 20)  # three weeks away: FSRS says cat and bag have faded below 90 %
    state = level_state(alice, one)
    assert (state.mastered_words, state.review_words) == (0, 3)
    assert not state.mock_test_open


def test_the_curriculum_is_read_once_until_staff_change_it(
    alice, levels, no_model, django_assert_num_queries
):
    one, _ = levels
    words, _ = recommending.curriculum()
    with django_assert_num_queries(0):
        again, _ = recommending.curriculum()  # the process's copy
    assert again is words
    new = WordFactory(level=one, text="van", position=9)  # staff add a word: every process reads again
    assert new.pk in {word.pk for word in recommending.curriculum()[0]}
    new.delete()
    assert new.pk not in {word.pk for word in recommending.curriculum()[0]}


def test_a_learners_replay_is_kept_until_a_new_verdict(alice, levels, no_model, django_assert_num_queries):
    one, _ = levels
    cat = one.words.get(text="cat")
    say(alice, cat, 95)
    _, table = recommending.curriculum()
    first = recommending.replay([alice.pk], table)
    first.seen[:] = 0  # the caller's own copy: changing it changes nothing kept
    with django_assert_num_queries(1):  # only the mark of alice's attempts
        again = recommending.replay([alice.pk], table)
    assert again.seen.sum() == 1
    assert recommending.standings([alice.pk])[alice.pk][cat.pk] == "mastered"
    say(alice, cat, 30)  # a new verdict: replayed afresh
    assert recommending.standings([alice.pk])[alice.pk][cat.pk] == "review"


def test_a_recommended_word_is_the_callers_own_copy(alice, levels, no_model):
    one, _ = levels
    word = recommended_word(alice, one)
    word.why = "changed by one page"
    shared = next(w for w in recommending.curriculum()[0] if w.pk == word.pk)
    assert not hasattr(shared, "why")


def test_a_change_no_signal_sees_shows_within_a_minute(alice, levels, no_model, monkeypatch):
    one, _ = levels
    recommending.curriculum()
    Word.objects.filter(text="cat").update(text="cot")  # no signal: a bulk update
    assert "cot" not in {w.text for w in recommending.curriculum()[0]}
    clock = recommending.time.monotonic() + recommending.CURRICULUM_MEMO_SECONDS + 1
    monkeypatch.setattr(recommending.time, "monotonic", lambda: clock)
    assert "cot" in {w.text for w in recommending.curriculum()[0]}
