"""What the explorer shows about a word, worked out from the lexicon in one go:
meaning, synonyms and an example (child-safe), syllables and sounds, the tricky
letters to highlight, and advice written from those features.

Plain functions: the explorer's actions store the result once per word.
"""

from __future__ import annotations

import re

import lexicon
from lexicon import safety, wordnet

REVERSIBLE = {
    "b": "b has its tummy on the right, like a bed: the headboard (the stick) comes first.",
    "d": "d has its tummy on the left: first the drum, then the drumstick.",
    "p": "p has its tummy at the top and its tail hanging down, like a pan held upside down.",
    "q": "q nearly always comes with u, and q-u says “kw”.",
}
DIGRAPHS = ["tch", "sh", "ch", "th", "ph", "wh", "ck", "ng", "qu"]
VOWEL_TEAMS = [
    "igh",
    "ai",
    "ay",
    "ee",
    "ea",
    "oa",
    "oo",
    "ou",
    "ow",
    "oi",
    "oy",
    "ie",
    "au",
    "aw",
    "ew",
    "ue",
]
SILENT_STARTS = {"kn": "k", "wr": "w", "gn": "g"}
SILENT_ENDS = {"mb": "b"}
MAGIC_E = re.compile(r"(?<![aeiou])([aeiou])([bcdfghjklmnpqrstvwxz])e$")
# The sound a vowel says when it "says its name" (CMUdict): a silent e is magic only then.
LONG_VOWELS = {"a": "EY", "e": "IY", "i": "AY", "o": "OW", "u": "UW"}


def _magic_e(word: str, phonemes: list[str]) -> str | None:
    """The vowel a final silent e makes long ("cake" → a), or None ("because", "have")."""
    found = MAGIC_E.search(word)
    if not found or len(word) <= 3:
        return None
    vowel = found.group(1)
    long_sound = LONG_VOWELS[vowel]
    if phonemes and long_sound not in phonemes and not (vowel == "u" and "Y" in phonemes):
        return None
    return vowel


RARE_ZIPF = 3.0


def _highlights(word: str, phonemes: list[str]) -> list[dict]:
    """One row per letter: the letter and what is tricky about it (empty list when nothing)."""
    letters = [{"letter": ch, "kinds": [], "group": i} for i, ch in enumerate(word)]
    for i, ch in enumerate(word):
        if ch in REVERSIBLE:
            letters[i]["kinds"].append("reversible")

    def mark(start: int, length: int, kind: str) -> None:
        for j in range(start, start + length):
            if kind not in letters[j]["kinds"]:
                letters[j]["kinds"].append(kind)
            if kind in ("digraph", "vowel-team"):
                letters[j]["group"] = letters[start]["group"]  # shown as one tile

    for team in DIGRAPHS:
        for found in re.finditer(team, word):
            mark(found.start(), len(team), "digraph")
    for team in VOWEL_TEAMS:
        for found in re.finditer(team, word):
            mark(found.start(), len(team), "vowel-team")
    if word[:2] in SILENT_STARTS:
        mark(0, 1, "silent")
    for end in SILENT_ENDS:
        if word.endswith(end):
            mark(len(word) - 1, 1, "silent")
    if "igh" in word:
        at = word.index("igh")
        mark(at + 1, 2, "silent")
    if _magic_e(word, phonemes):
        mark(len(word) - 1, 1, "silent")
    return letters


def _advice(
    word: str, syllables: list[str], sounds: list[list[str]], frequency: float, phonemes: list[str]
) -> list[str]:
    advice: list[str] = []
    if len(syllables) > 1:
        advice.append(f"Clap the {len(syllables)} syllables: {'-'.join(syllables)}.")
    vowel = _magic_e(word, phonemes)
    if vowel:
        advice.append(f"The e at the end is silent and makes the {vowel} say its name.")
    if word[:2] in SILENT_STARTS:
        advice.append(f"The {SILENT_STARTS[word[:2]]} at the start is silent: say “{word[1:]}”.")
    if word[-2:] in SILENT_ENDS:
        advice.append(f"The {SILENT_ENDS[word[-2:]]} at the end is silent.")
    if "igh" in word:
        advice.append("In “igh” the g and h are silent: it says the name of i.")
    seen_teams = []
    for team in DIGRAPHS:
        if team in word and not any(team in other for other in seen_teams):
            seen_teams.append(team)
            advice.append(f"“{team}” is two letters that make one sound.")
    for team in VOWEL_TEAMS:
        if team in word and team != "igh" and not any(team in other for other in seen_teams):
            seen_teams.append(team)
            advice.append(f"“{team}” is a vowel team: the two letters make one sound together.")
    for letter, tip in REVERSIBLE.items():
        if letter in word:
            advice.append(tip)
    if 0 < frequency < RARE_ZIPF:
        advice.append("This word is not very common: say it a few times and use it in a sentence.")
    chunks = ["".join(group) for group in sounds]
    if len(chunks) >= 4:
        advice.append(f"Say it slowly, one sound at a time: {' - '.join(chunks)}.")
    return advice[:6]


def _meaning(word: str) -> str:
    for sense in wordnet.synsets(word)[:3]:
        definition = sense.synset.definition.strip()
        if definition and safety.is_child_safe_text(definition):
            return definition[:1].upper() + definition[1:] + ("" if definition.endswith(".") else ".")
    return ""


def analyse(word: str) -> dict:
    """Everything the explorer page shows about ``word`` (already normalised), JSON-ready."""
    info = lexicon.lookup(word)
    syllables = list(info.syllables) or [word]
    sounds = [list(group) for group in lexicon.sound_spelling_groups(word)] if info.phonemes else []
    highlights = _highlights(word, list(info.phonemes))
    synonyms = [s for s in info.synonyms if safety.is_child_safe_word(s) and " " not in s][:5]
    example = info.example if info.example and safety.is_child_safe_text(info.example) else ""
    return {
        "word": word,
        "known": info.known,
        "meaning": _meaning(word) if info.known else "",
        "synonyms": synonyms,
        "example": example,
        "syllables": syllables,
        "sounds": sounds,
        "sound_spelling": info.sound_spelling,
        "phonemes": list(info.phonemes),
        "letters": highlights,
        "frequency": info.frequency,
        "advice": _advice(word, syllables, sounds, info.frequency, list(info.phonemes)),
    }
