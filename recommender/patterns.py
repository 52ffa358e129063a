"""Sound and letter patterns: which ones a mistake shows, and which ones a word contains.

One vocabulary for the mock-test report, the mistake analysis after each attempt
and the learner model. A mistake's pattern comes from the judge's ``wrong_sounds``
and the word it heard instead; a word's patterns come from its spelling and
phonemes (ARPAbet), so a learner who misses /sh/ is steered to words with sh.
"""

from __future__ import annotations

from functools import lru_cache

import lexicon
import speech

# Short vowels and the letter a child knows them by.
SHORT_VOWELS = {"AE": "a", "EH": "e", "IH": "i", "AA": "o", "AO": "o", "AH": "u", "UH": "oo"}
SHORT_VOWEL_EXAMPLES = {"a": "cat", "e": "bed", "i": "sit", "o": "hot", "u": "cup", "oo": "book"}
VOICING_PAIRS = [{"P", "B"}, {"T", "D"}, {"K", "G"}, {"F", "V"}, {"S", "Z"}, {"CH", "JH"}, {"SH", "ZH"}]
VOICED = {"B", "D", "G", "V", "Z", "JH", "ZH"}
TH_SOUNDS = {"TH", "DH"}
TH_LOOKALIKES = {"F", "V", "D", "T"}
MIRROR_LETTERS = set("pqbd")
ENDINGS = ("s", "ed", "ing", "er", "y", "ly", "es")

# key: (title, tip, "found hard" phrase) — the order is the order equal groups are listed in.
PATTERNS = {
    "bd": (
        "b/d swaps",
        "Make a bed with your fists, thumbs up: the b is on the left, the d on the right.",
        "b and d",
    ),
    "pqbd": (
        "p/q/b/d mix-ups",
        "Check which way the letter faces, and whether its stick goes up or down.",
        "p, q, b and d",
    ),
    "short_vowel": ("Short vowels", "Say the vowel on its own, then the whole word.", "short vowels"),
    "voicing": (
        "Voiced and quiet sounds",
        "Touch your throat: b, d, g, v and z buzz; p, t, k, f and s don't.",
        "buzzing and quiet sounds",
    ),
    "shch": ("sh/ch", "sh is long and quiet, like shhh. ch is short, like a sneeze: ch!", "/sh/ and /ch/"),
    "th": ("th sounds", "For th, put the tip of your tongue between your teeth and blow gently.", "/th/"),
    "blend": (
        "Blends: a sound left out",
        "Say each sound of the blend slowly, then join them together.",
        "blends",
    ),
    "reversal": (
        "Turned-around words",
        "Put your finger under the first letter and read from left to right.",
        "words that turn around",
    ),
    "endings": ("Endings", "Look at the last letters, and say the end of the word clearly.", "word endings"),
    "other": ("Other sounds", "Listen to the word slowly, then say it one sound at a time.", "some sounds"),
}
ORDER = list(PATTERNS)
# The patterns a learner has a skill in (and a word can contain); "other" is no skill.
SKILLS = [key for key in ORDER if key != "other"]


def base(key: str) -> str:
    """ "short_vowel:e-i" → "short_vowel"."""
    return key.partition(":")[0]


def rank(key: str) -> int:
    return ORDER.index(base(key))


def bare(phone: str | None) -> str | None:
    return phone.rstrip("012") if phone else phone


def describe(key: str) -> tuple[str, str]:
    """A pattern's title and tip for learners, e.g. ("Short vowels: i and e", "Listen for…")."""
    title, tip, _ = PATTERNS[base(key)]
    if base(key) == "short_vowel" and ":" in key:
        letters = key.partition(":")[2].split("-")
        if set(letters) == {"i", "e"}:
            letters = ["i", "e"]
        title = f"Short vowels: {letters[0]} and {letters[1]}"
        examples = ", ".join(f"{letter} as in {SHORT_VOWEL_EXAMPLES[letter]}" for letter in letters)
        tip = f"Listen for the sound in the middle: {examples}."
    return title, tip


def found_hard(key: str) -> str:
    """The plain phrase for "You found … hard", e.g. "/sh/ and /ch/"."""
    if base(key) == "short_vowel" and ":" in key:
        letters = key.partition(":")[2].split("-")
        return f"the short {letters[0]} and {letters[1]} sounds"
    return PATTERNS[base(key)][2]


# --- What a mistake shows ----------------------------------------------------------


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
    expected, heard = bare(difference.get("expected")), bare(difference.get("heard"))
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


def mistake_patterns(target: str, heard: str, wrong_sounds: list[dict], phonemes: list[str]) -> list[str]:
    """The pattern keys one wrong reading shows, e.g. ["bd"] or ["short_vowel:e-i", "endings"]."""
    target, heard = target.lower(), (heard or "").strip().lower()
    if heard and speech.is_reversal(target, heard):
        return ["reversal"]
    keys = _letter_patterns(target, heard)
    differences = wrong_sounds or ([d.as_dict() for d in speech.compare(target, heard)] if heard else [])
    target_phones = tuple(bare(p) for p in (phonemes or speech.phonemes(target)))
    for difference in differences:
        keys.add(_sound_pattern(difference, target_phones))
    if len(keys) > 1:
        keys.discard("other")
    return sorted(keys or {"other"}, key=rank)


# --- What a word contains ----------------------------------------------------------


@lru_cache(maxsize=4096)
def word_patterns(text: str, phonemes: tuple[str, ...]) -> frozenset[str]:
    """The skills reading ``text`` needs, from its spelling and sounds (base keys of SKILLS)."""
    text = text.lower()
    phones = [bare(p) for p in phonemes]
    found = set()
    if "b" in text or "d" in text:
        found.add("bd")
    if "p" in text or "q" in text:
        found.add("pqbd")
    if any(p in SHORT_VOWELS for p in phones):
        found.add("short_vowel")
    if any(p in VOICED for p in phones):
        found.add("voicing")
    if "sh" in text or "ch" in text:
        found.add("shch")
    if "th" in text:
        found.add("th")
    if any(
        a not in speech.VOWELS and b not in speech.VOWELS for a, b in zip(phones, phones[1:], strict=False)
    ):
        found.add("blend")
    backwards = text[::-1]
    if len(text) > 1 and backwards != text and lexicon.is_dictionary_word(backwards):
        found.add("reversal")
    if text.endswith(ENDINGS) or (len(phones) > 1 and all(p not in speech.VOWELS for p in phones[-2:])):
        found.add("endings")
    return frozenset(found)
