"""The learning rules, in one place: read-only questions about a learner's levels and words.

Every page and the mock test ask these functions; none of them re-implements
"mastered", "mock test open" or "unlocked". Nothing here writes.

"Mastered" as shown and as counted for the mock test is ``recommender.mastery``'s
rule (mastered once, last reading judged right, not yet due for review by FSRS),
computed by replaying the learner's judged attempts; ``WordProgress.first_mastered_at``
stays the record of the first time, for rewards and history.
"""

from dataclasses import dataclass

from django.db.models import Count

from recommender import mastery

from . import recommending
from .models import Level, Word, WordProgress


@dataclass(frozen=True)
class LevelState:
    level: Level
    total_words: int
    mastered_words: int
    is_open: bool
    review_words: int = 0  # mastered once, now "time to review"

    @property
    def percent_mastered(self) -> int:
        return round(100 * self.mastered_words / self.total_words) if self.total_words else 0

    @property
    def mock_test_open(self) -> bool:
        return self.is_open and self.total_words > 0 and Level.mock_test_opens_at(self.percent_mastered_exact)

    @property
    def percent_mastered_exact(self) -> float:
        return 100 * self.mastered_words / self.total_words if self.total_words else 0.0

    @property
    def opens_at_percent(self) -> int:
        return Level.MOCK_TEST_OPENS_AT_PERCENT

    @property
    def words_to_open_mock_test(self) -> int:
        """How many of the level's words must be mastered for its mock test to open."""
        return -(-self.total_words * Level.MOCK_TEST_OPENS_AT_PERCENT // 100)  # ceiling

    @property
    def words_needed_for_mock_test(self) -> int:
        """How many more words to master before the mock test opens."""
        return max(0, self.words_to_open_mock_test - self.mastered_words)

    @property
    def state(self) -> str:
        if not self.is_open:
            return "locked"
        if self.total_words and self.mastered_words == self.total_words:
            return "mastered"
        return "open"


def word_standings(learner) -> dict[int, str]:
    """Word id → ``mastery`` standing (new, learning, mastered, review) for every word."""
    return recommending.standings([learner.pk])[learner.pk]


def _counts(standings: dict[int, str], word_ids) -> tuple[int, int]:
    shown = [standings.get(word_id, mastery.NEW) for word_id in word_ids]
    return shown.count(mastery.MASTERED), shown.count(mastery.REVIEW)


def level_states(learner) -> list[LevelState]:
    """Every level with the learner's standing, in four queries whatever the number of levels."""
    open_ids = set(Level.objects.open_to(learner).values_list("pk", flat=True))
    levels = list(Level.objects.annotate(total=Count("words", distinct=True)).order_by("order"))
    standings, words_of = recommending.standings_and_levels(learner)
    states = []
    for level in levels:
        mastered, review = _counts(standings, words_of.get(level.pk, []))
        states.append(LevelState(level, level.total, mastered, level.pk in open_ids, review))
    return states


def level_state(learner, level: Level, *, standings: dict[int, str] | None = None) -> LevelState:
    """``standings`` (from ``word_standings``) saves replaying the history again on the same page."""
    word_ids = list(level.words.values_list("pk", flat=True))
    mastered, review = _counts(word_standings(learner) if standings is None else standings, word_ids)
    is_open = Level.objects.open_to(learner).filter(pk=level.pk).exists()
    return LevelState(level, len(word_ids), mastered, is_open, review)


def is_mock_test_open(learner, level: Level) -> bool:
    return level_state(learner, level).mock_test_open


def next_level(level: Level) -> Level | None:
    return Level.objects.filter(order__gt=level.order).order_by("order").first()


def words_with_progress(learner, level: Level, *, standings: dict[int, str] | None = None) -> list[Word]:
    """The level's words, each with `.my_progress` (or None) and `.standing` (``mastery``'s)."""
    words = list(level.words.order_by("position", "text"))
    progress = {p.word_id: p for p in WordProgress.objects.filter(learner=learner, word__level=level)}
    standings = word_standings(learner) if standings is None else standings
    for word in words:
        word.my_progress = progress.get(word.pk)
        word.standing = standings.get(word.pk, mastery.NEW)
    return words


def recommended_word(learner, level: Level, *, after: Word | None = None) -> Word | None:
    """What to practise next, focused on ``level``: the recommender's pick (see
    learning.recommending), with the reason in plain words as ``word.why``. Never a
    word of a locked level; never the word just practised when there is another."""
    picks = recommending.recommend(learner, level=level, after=after)
    if not picks:
        return None
    word = picks[0].word
    word.why = picks[0].reason
    return word


def recommended_words(learner, *, level: Level | None = None, limit: int = 5) -> list[Word]:
    """The best next words across the learner's open levels (or focused on one), each with ``.why``."""
    words = []
    for pick in recommending.recommend(learner, level=level, limit=limit):
        pick.word.why = pick.reason
        words.append(pick.word)
    return words


def continue_point(learner) -> tuple[Level | None, Word | None]:
    """Where a learner picks up: the highest open level that isn't mastered, and its next word."""
    states = [state for state in level_states(learner) if state.is_open]
    if not states:
        return None, None
    current = next((state for state in reversed(states) if state.state != "mastered"), states[-1])
    return current.level, recommended_word(learner, current.level)


# Apps above learning whose words may be spoken too (the explorer registers its check in
# AppConfig.ready), so learning never imports them. Each answers "may this text be spoken?".
_SPOKEN_WORD_SOURCES: list = []


def register_spoken_words(check) -> None:
    if check not in _SPOKEN_WORD_SOURCES:
        _SPOKEN_WORD_SOURCES.append(check)


def may_speak(text: str) -> bool:
    """Only curriculum words and words another app vouches for are spoken (read-only)."""
    return Word.objects.filter(text=text).exists() or any(check(text) for check in _SPOKEN_WORD_SOURCES)
