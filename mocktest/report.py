"""The mistake report: a finished test's wrong words grouped by sound pattern, and what to practise next.

Each wrong word is placed in every pattern its mistakes show (a word can be in
two groups), from the judge's `wrong_sounds` and the word it heard instead.
"""

from dataclasses import dataclass, field

import speech
from learning.models import Word
from learning.rules import words_with_progress

from .models import MockTest, MockTestItem

# Short vowels and the letter a child knows them by.
SHORT_VOWELS = {"AE": "a", "EH": "e", "IH": "i", "AA": "o", "AO": "o", "AH": "u", "UH": "oo"}
SHORT_VOWEL_EXAMPLES = {"a": "cat", "e": "bed", "i": "sit", "o": "hot", "u": "cup", "oo": "book"}
VOICING_PAIRS = [{"P", "B"}, {"T", "D"}, {"K", "G"}, {"F", "V"}, {"S", "Z"}, {"CH", "JH"}, {"SH", "ZH"}]
TH_SOUNDS = {"TH", "DH"}
TH_LOOKALIKES = {"F", "V", "D", "T"}
MIRROR_LETTERS = set("pqbd")

# key: (title, tip) — the order here is the order groups with equal counts are listed in.
PATTERNS = {
    "bd": ("b/d swaps", "Make a bed with your fists, thumbs up: the b is on the left, the d on the right."),
    "pqbd": ("p/q/b/d mix-ups", "Check which way the letter faces, and whether its stick goes up or down."),
    "short_vowel": ("Short vowels", "Say the vowel on its own, then the whole word."),
    "voicing": (
        "Voiced and quiet sounds",
        "Touch your throat: b, d, g, v and z buzz; p, t, k, f and s don't.",
    ),
    "shch": ("sh/ch", "sh is long and quiet, like shhh. ch is short, like a sneeze: ch!"),
    "th": ("th sounds", "For th, put the tip of your tongue between your teeth and blow gently."),
    "blend": ("Blends: a sound left out", "Say each sound of the blend slowly, then join them together."),
    "reversal": (
        "Turned-around words",
        "Put your finger under the first letter and read from left to right.",
    ),
    "endings": ("Endings", "Look at the last letters, and say the end of the word clearly."),
    "other": ("Other sounds", "Listen to the word slowly, then say it one sound at a time."),
}
ORDER = list(PATTERNS)


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


def _bare(phone: str | None) -> str | None:
    return phone.rstrip("012") if phone else phone


def _short_vowel_key(a: str, b: str) -> str:
    letters = sorted({SHORT_VOWELS[a], SHORT_VOWELS[b]}, key=list(SHORT_VOWEL_EXAMPLES).index)
    return "short_vowel:" + "-".join(letters)


def _in_a_blend(phone: str, target_phones: tuple[str, ...]) -> bool:
    """A consonant with another consonant right beside it in the target word."""
    if phone in speech.VOWELS:
        return False
    for index, candidate in enumerate(target_phones):
        if candidate != phone:
            continue
        neighbours = target_phones[max(0, index - 1) : index] + target_phones[index + 1 : index + 2]
        if any(n not in speech.VOWELS for n in neighbours):
            return True
    return False


def _letter_patterns(target: str, heard: str) -> set[str]:
    """Letters swapped in spelling: bed/deb is b/d; pig/qig is p/q/b/d."""
    if not heard or len(heard) != len(target):
        return set()
    pairs = [{a, b} for a, b in zip(target, heard, strict=True) if a != b]
    if not pairs or not all(pair <= MIRROR_LETTERS for pair in pairs):
        return set()
    keys = set()
    for pair in pairs:
        if pair == {"b", "d"}:
            keys.add("bd")
        elif pair != {"p", "b"}:  # p/b is a voicing mistake, found from the sounds
            keys.add("pqbd")
    return keys


def _sound_pattern(difference: dict, target_phones: tuple[str, ...]) -> str:
    kind = difference.get("kind")
    expected, heard = _bare(difference.get("expected")), _bare(difference.get("heard"))
    at_end = difference.get("position") == "end"
    if kind == "swap" and expected and heard:
        pair = {expected, heard}
        if pair == {"B", "D"}:
            return "bd"
        if pair == {"P", "D"}:
            return "pqbd"
        if (
            expected in SHORT_VOWELS
            and heard in SHORT_VOWELS
            and SHORT_VOWELS[expected] != SHORT_VOWELS[heard]
        ):
            return _short_vowel_key(expected, heard)
        if pair in VOICING_PAIRS:
            return "voicing"
        if pair == {"SH", "CH"}:
            return "shch"
        if pair & TH_SOUNDS and pair - TH_SOUNDS <= TH_LOOKALIKES:
            return "th"
    if kind == "missing" and expected and _in_a_blend(expected, target_phones):
        return "blend"
    return "endings" if at_end else "other"


def patterns_for(item: MockTestItem) -> list[str]:
    """The pattern keys one wrong word shows, e.g. ["bd"] or ["short_vowel:e-i", "endings"]."""
    target, heard = item.word.text.lower(), (item.heard_as or "").strip().lower()
    if heard and speech.is_reversal(target, heard):
        return ["reversal"]
    keys = _letter_patterns(target, heard)
    differences = item.wrong_sounds or ([d.as_dict() for d in speech.compare(target, heard)] if heard else [])
    target_phones = tuple(_bare(p) for p in (item.word.phoneme_list or speech.phonemes(target)))
    for difference in differences:
        keys.add(_sound_pattern(difference, target_phones))
    if len(keys) > 1:
        keys.discard("other")
    return sorted(keys or {"other"}, key=_rank)


def _rank(key: str) -> int:
    return ORDER.index(key.split(":")[0])


def _describe(key: str) -> tuple[str, str]:
    base, _, detail = key.partition(":")
    title, tip = PATTERNS[base]
    if base == "short_vowel":
        letters = detail.split("-")
        if set(letters) == {"i", "e"}:
            letters = ["i", "e"]
        title = f"Short vowels: {letters[0]} and {letters[1]}"
        examples = ", ".join(f"{letter} as in {SHORT_VOWEL_EXAMPLES[letter]}" for letter in letters)
        tip = f"Listen for the sound in the middle: {examples}."
    return title, tip


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
    """The words missed in the test first, then the level's weakest words."""
    missed = [item.word for item in items if item.is_judged and not item.is_correct]
    limit = max(at_least, len(missed))
    chosen = {word.pk for word in missed}
    others = [word for word in words_with_progress(test.learner, test.level) if word.pk not in chosen]

    def weakness(word):
        progress = word.my_progress
        if progress is None:
            return (0, 0, word.position)
        return (1 if progress.is_mastered else 0, progress.best_score or 0, word.position)

    return (missed + sorted(others, key=weakness))[:limit]


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
