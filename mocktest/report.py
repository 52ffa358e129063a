"""The mistake report: a finished test's wrong words grouped by sound pattern, and what to practise next.

Each wrong word is placed in every pattern its mistakes show (a word can be in
two groups), from the judge's `wrong_sounds` and the word it heard instead.
"""

from dataclasses import dataclass, field

import recommender
from learning.models import Word
from learning.rules import recommended_words as best_next_words

from .models import MockTest, MockTestItem


@dataclass
class Mistake:
    word: str
    heard_as: str


@dataclass
class MistakeGroup:
    key: str
    title: str
    tip: str
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.mistakes)

    @property
    def words(self) -> list[str]:
        return [mistake.word for mistake in self.mistakes]

    @property
    def summary(self) -> str:
        """e.g. "b/d swaps in 3 words"."""
        plural = "" if self.count == 1 else "s"
        if self.title.endswith("words"):
            return f"{self.title}: {self.count}"
        return f"{self.title} in {self.count} word{plural}"


def patterns_for(item: MockTestItem) -> list[str]:
    """The pattern keys one wrong word shows, e.g. ["bd"] or ["short_vowel:e-i", "endings"]."""
    return recommender.mistake_patterns(
        item.word.text, item.heard_as, item.wrong_sounds, item.word.phoneme_list
    )


_rank = recommender.patterns.rank
_describe = recommender.describe


def group_mistakes(items: list[MockTestItem]) -> list[MistakeGroup]:
    """Wrong words grouped by sound pattern, the biggest group first."""
    groups: dict[str, MistakeGroup] = {}
    for item in items:
        if not item.is_judged or item.is_correct:
            continue
        for key in patterns_for(item):
            if key not in groups:
                groups[key] = MistakeGroup(key, *_describe(key))
            groups[key].mistakes.append(Mistake(item.word.text, item.heard_as))
    return sorted(groups.values(), key=lambda group: (-group.count, _rank(group.key), group.key))


def recommended_words(test: MockTest, items: list[MockTestItem], *, at_least: int = 5) -> list[Word]:
    """The words missed in the test first, then the recommender's next words for the level."""
    missed = [item.word for item in items if item.is_judged and not item.is_correct]
    limit = max(at_least, len(missed))
    chosen = {word.pk for word in missed}
    others = [
        word
        for word in best_next_words(test.learner, level=test.level, limit=limit + len(chosen))
        if word.pk not in chosen
    ]
    return (missed + others)[:limit]


@dataclass
class TestReport:
    test: MockTest
    items: list[MockTestItem]
    groups: list[MistakeGroup]
    recommended: list[Word]

    @property
    def wrong_items(self) -> list[MockTestItem]:
        return [item for item in self.items if item.is_judged and not item.is_correct]

    @property
    def right_items(self) -> list[MockTestItem]:
        return [item for item in self.items if item.is_correct]


def build_report(test: MockTest, items: list[MockTestItem] | None = None) -> TestReport:
    """Everything the result and report pages show below the score, in a handful of queries."""
    if items is None:
        items = list(test.items.select_related("word").order_by("position"))
    return TestReport(test, items, group_mistakes(items), recommended_words(test, items))
