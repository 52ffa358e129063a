"""Connect learning's and mock tests' events to the reward actions (see RewardsConfig.ready)."""

from learning import events as learning_events
from mocktest import events as mocktest_events

from . import actions, rules


def on_attempt_judged(sender, *, attempt, progress, before, newly_mastered, **details):
    if not attempt.counts:
        return
    last = rules.last_session(attempt)
    actions.award_attempt_judged(attempt=attempt, before=before, last=last)
    for sound in rules.fixed_sounds(last.wrong_sounds if last else [], attempt.wrong_sounds):
        actions.award_sound_fixed(attempt=attempt, sound=sound)
    days = rules.kept_step(attempt, before)
    if days:
        actions.award_review_done(attempt=attempt, days=days)
    if newly_mastered:
        actions.award_word_mastered(attempt=attempt)


def on_level_completed(sender, *, learner, level, attempt=None, **details):
    actions.award_level_complete(learner=learner, level=level, attempt=attempt)


def on_mock_test_finished(sender, *, test, **details):
    if test.passed:
        actions.award_mock_test_passed(learner=test.learner, level=test.level)


def connect() -> None:
    learning_events.attempt_judged.connect(on_attempt_judged, dispatch_uid="rewards-attempt-judged")
    learning_events.level_completed.connect(on_level_completed, dispatch_uid="rewards-level-completed")
    mocktest_events.mock_test_finished.connect(on_mock_test_finished, dispatch_uid="rewards-mock-test")


def disconnect() -> None:
    """For the benchmark's baseline: judging with no rewards at all."""
    learning_events.attempt_judged.disconnect(dispatch_uid="rewards-attempt-judged")
    learning_events.level_completed.disconnect(dispatch_uid="rewards-level-completed")
    mocktest_events.mock_test_finished.disconnect(dispatch_uid="rewards-mock-test")
