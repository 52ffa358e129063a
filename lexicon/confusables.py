"""Real words a dyslexic reader might say instead of the target word.

Why: the speech judge scores what the learner said against the target *and*
against its likely mix-ups.  If "dad" scores higher than "bad", the learner
probably flipped the b; that is worth telling them, kindly.  So the list
must hold the mistakes dyslexic readers really make, most likely first:

1. visual letter confusions in the spelling: b/d/p/q swaps ("bad" ->
   "dad", "pad"), the whole word reversed ("was" -> "saw", "on" -> "no"),
   two neighbouring letters swapped ("form" -> "from"), and the rotations
   m/w and n/u;
2. words that *sound* one step away: one phoneme swapped for a similar
   one (voicing pairs P/B, T/D, K/G, F/V, S/Z, TH/DH, SH/ZH, CH/JH; nasals
   M/N/NG; neighbouring short vowels IH/EH/AE/AH/AA/UH; L/R, W/R; a few
   other classic pairs like TH/F and IY/IH "ship"/"sheep"), or one
   consonant dropped or added in a cluster ("stop" -> "top", "top" ->
   "stop").

Candidates must be real, reasonably common words: in CMUdict, with a
wordfreq Zipf of at least :data:`MIN_ZIPF`, and ordinary dictionary words
(WordNet or the closed-class list, see
:func:`~lexicon.wordnet.is_dictionary_word`), which keeps out the
names and abbreviations that web-based word lists are full of.  Homophones of the target are
left out (the judge cannot tell "there" from "their" by sound, and
:func:`homophones` lists them), and so are plain inflections ("cats" for
"cat"), which are a different reading skill.  Rude words are never
suggested.

Speed: the first call builds a reverse index {phoneme sequence: words}
over CMUdict (~1 s); after that a lookup is a few hundred dict probes,
well under 5 ms.
"""

from __future__ import annotations

from functools import lru_cache

from .frequency import frequency_table
from .ipa import strip_stress
from .pronunciation import _cmu, phonemes
from .safety import is_child_safe_word
from .text import normalise
from .wordnet import is_dictionary_word, is_function_word

__all__ = ["INDEX_MIN_ZIPF", "MIN_ZIPF", "confusables", "homophones", "sound_neighbours"]

#: Default floor (Zipf) for suggested words.  Between 2.5 and 3.0 wordfreq
#: is mostly names, archaic and foreign words ("gib", "noh", "bade"), which
#: only add noise to the speech judge's comparisons; callers may lower it.
MIN_ZIPF = 3.0
#: The index holds words down to this Zipf, so ``min_zipf`` can go this low.
INDEX_MIN_ZIPF = 2.5

# Spelling-level confusions: (letter, letter) -> cost.  Lower = more likely.
_LETTER_SWAPS: dict[tuple[str, str], float] = {}


def _letter_pair(a: str, b: str, cost: float) -> None:
    _LETTER_SWAPS[(a, b)] = cost
    _LETTER_SWAPS[(b, a)] = cost


_letter_pair("b", "d", 0.0)  # mirror image: the classic reversal
_letter_pair("p", "q", 0.1)  # mirror image
_letter_pair("b", "p", 0.2)  # vertical flip
_letter_pair("d", "q", 0.2)  # vertical flip
_letter_pair("b", "q", 0.3)  # rotation
_letter_pair("d", "p", 0.3)  # rotation
_letter_pair("m", "w", 0.6)  # upside down
_letter_pair("n", "u", 0.6)  # upside down

_REVERSAL_COST = 0.05
_TRANSPOSE_COST = 0.5

# Sound-level confusions: cost of swapping one phoneme for another, added
# to 1.0 so that every sound confusion ranks after the letter ones.
_PHONE_SWAPS: dict[str, dict[str, float]] = {}


def _phone_pair(a: str, b: str, cost: float) -> None:
    _PHONE_SWAPS.setdefault(a, {})[b] = cost
    _PHONE_SWAPS.setdefault(b, {})[a] = cost


for _a, _b in (
    ("P", "B"),
    ("T", "D"),
    ("K", "G"),
    ("F", "V"),
    ("S", "Z"),
    ("TH", "DH"),
    ("SH", "ZH"),
    ("CH", "JH"),
):
    _phone_pair(_a, _b, 0.0)  # voicing pairs: differ only in voice
_phone_pair("M", "N", 0.2)
_phone_pair("N", "NG", 0.2)
_phone_pair("M", "NG", 0.35)
_phone_pair("L", "R", 0.3)
_phone_pair("W", "R", 0.3)
# short vowels: neighbours in the mouth are the easiest to mix up
_phone_pair("IH", "EH", 0.25)
_phone_pair("EH", "AE", 0.25)
_phone_pair("AE", "AH", 0.3)
_phone_pair("AH", "AA", 0.3)
_phone_pair("AH", "UH", 0.3)
_phone_pair("IH", "AE", 0.4)
_phone_pair("EH", "AH", 0.4)
_phone_pair("AE", "AA", 0.4)
_phone_pair("IH", "AH", 0.45)
_phone_pair("IH", "UH", 0.5)
_phone_pair("EH", "AA", 0.5)
_phone_pair("AA", "UH", 0.5)
_phone_pair("IH", "AA", 0.55)
_phone_pair("EH", "UH", 0.55)
_phone_pair("AE", "UH", 0.55)
# other classic pairs
_phone_pair("IY", "IH", 0.35)  # sheep / ship
_phone_pair("UW", "UH", 0.4)  # pool / pull
_phone_pair("AA", "AO", 0.4)  # cot / caught
_phone_pair("EY", "EH", 0.5)  # late / let
_phone_pair("OW", "AO", 0.5)
_phone_pair("TH", "F", 0.4)  # think / fink
_phone_pair("DH", "V", 0.45)
_phone_pair("S", "SH", 0.45)  # sip / ship
_phone_pair("CH", "SH", 0.45)  # chip / ship
_phone_pair("T", "K", 0.6)
_phone_pair("D", "G", 0.6)

_SOUND_BASE = 1.0
_CLUSTER_COST = 1.7  # one consonant added or dropped in a cluster

_VOWELS = frozenset(
    ["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"]
)
# fmt: off
_CONSONANTS = (
    "B", "CH", "D", "DH", "F", "G", "HH", "JH", "K", "L", "M", "N",
    "NG", "P", "R", "S", "SH", "T", "TH", "V", "W", "Y", "Z", "ZH",
)
# fmt: on
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "est", "ly")
# Two-letter words are mostly abbreviations or note names in word lists
# ("re", "ti", "en"); only these, plus the closed-class words, are kept.
_SHORT_WORDS = frozenset(["ah", "ax", "go", "hi", "oh", "ok", "ow", "ox", "uh"])


@lru_cache(maxsize=1)
def _index() -> tuple[dict[tuple[str, ...], tuple[str, ...]], dict[str, float]]:
    """Build ({phonemes: words}, {word: zipf}) over common CMUdict words.

    Only alphabetic, child-safe words of two letters or more with Zipf >=
    INDEX_MIN_ZIPF are indexed, which keeps the index small (~44k words).  Words
    under one key are sorted most frequent first.
    """
    freq = frequency_table()
    by_sound: dict[tuple[str, ...], list[str]] = {}
    eligible: dict[str, float] = {}
    for word, prons in _cmu().items():
        if not word.isalpha():
            continue
        zipf = freq.get(word, 0.0)
        if zipf < INDEX_MIN_ZIPF or len(word) < 2 or not is_child_safe_word(word):
            continue
        eligible[word] = zipf
        for pron in prons:
            key = tuple(strip_stress(pron.split()))
            by_sound.setdefault(key, []).append(word)
    frozen = {
        key: tuple(sorted(set(words), key=lambda w: (-eligible[w], w))) for key, words in by_sound.items()
    }
    return frozen, eligible


def _target_sounds(key: str) -> list[tuple[str, ...]]:
    """All pronunciations of the target (CMUdict), or the espeak guess."""
    prons = _cmu().get(key)
    if prons:
        return [tuple(strip_stress(p.split())) for p in prons]
    guess = phonemes(key)
    return [tuple(guess)] if guess else []


def _letter_candidates(word: str) -> dict[str, float]:
    out: dict[str, float] = {}

    def offer(candidate: str, cost: float) -> None:
        if candidate != word and cost < out.get(candidate, 99.0):
            out[candidate] = cost

    rev = word[::-1]
    offer(rev, _REVERSAL_COST)
    for i, ch in enumerate(word):
        for (a, b), cost in _LETTER_SWAPS.items():
            if a == ch:
                offer(word[:i] + b + word[i + 1 :], cost)
    # all b<->d flipped at once: "bid" -> "dib"
    flipped = word.translate(str.maketrans("bd", "db"))
    if flipped != word:
        offer(flipped, 0.05)
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            offer(word[:i] + word[i + 1] + word[i] + word[i + 2 :], _TRANSPOSE_COST)
    return out


def _is_consonant(phone: str) -> bool:
    return phone not in _VOWELS


def _sound_candidates(sounds: list[tuple[str, ...]]) -> dict[tuple[str, ...], float]:
    """Phoneme sequences one similar-sound step away from any pronunciation."""
    out: dict[tuple[str, ...], float] = {}

    def offer(seq: tuple[str, ...], cost: float) -> None:
        if cost < out.get(seq, 99.0):
            out[seq] = cost

    for pron in sounds:
        n = len(pron)
        for i, phone in enumerate(pron):
            for other, cost in _PHONE_SWAPS.get(phone, {}).items():
                offer(pron[:i] + (other,) + pron[i + 1 :], _SOUND_BASE + cost)
        # drop one consonant that sits next to another consonant:
        # "stop" -> "top", "sand" -> "sad"
        for i, phone in enumerate(pron):
            if not _is_consonant(phone) or n < 3:
                continue
            left = i > 0 and _is_consonant(pron[i - 1])
            right = i + 1 < n and _is_consonant(pron[i + 1])
            if left or right:
                offer(pron[:i] + pron[i + 1 :], _CLUSTER_COST)
        # add one consonant next to a consonant: "top" -> "stop"
        for i in range(n + 1):
            left = i > 0 and _is_consonant(pron[i - 1])
            right = i < n and _is_consonant(pron[i])
            if not (left or right):
                continue
            for c in _CONSONANTS:
                if (i > 0 and pron[i - 1] == c) or (i < n and pron[i] == c):
                    continue
                offer(pron[:i] + (c,) + pron[i:], _CLUSTER_COST)
    for pron in sounds:
        out.pop(pron, None)
    return out


def _is_inflection(a: str, b: str) -> bool:
    """True for plain inflections of each other: "cat"/"cats", "hop"/"hopped"."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not long_.startswith(short[:-1] if short.endswith("e") else short):
        return False
    for suffix in _INFLECTIONS:
        if long_ in (short + suffix, short + short[-1:] + suffix):
            return True
        if short.endswith("e") and long_ == short[:-1] + suffix:
            return True
        if short.endswith("y") and long_ == short[:-1] + "i" + suffix:
            return True
    return False


def _is_rival(word: str, key: str, same_sound: set[str], eligible: dict[str, float], min_zipf: float) -> bool:
    """A common real word other than ``key`` that sounds different and is not just
    one of its inflections ("bad" -> "dad", not "bads" or a homophone)."""
    if word == key or word in same_sound or eligible.get(word, 0.0) < min_zipf:
        return False
    if _is_inflection(word, key):
        return False
    return is_dictionary_word(word) is not False  # None: WordNet missing


@lru_cache(maxsize=4096)
def _confusables(key: str, min_zipf: float) -> tuple[str, ...]:
    by_sound, eligible = _index()
    sounds = _target_sounds(key)
    same_sound = {w for s in sounds for w in by_sound.get(s, ())}
    costs: dict[str, float] = {}

    def consider(word: str, cost: float) -> None:
        if not _is_rival(word, key, same_sound, eligible, min_zipf):
            return
        if len(word) <= 2 and word not in _SHORT_WORDS and not is_function_word(word):
            return
        if cost < costs.get(word, 99.0):
            costs[word] = cost

    for word, cost in _letter_candidates(key).items():
        consider(word, cost)
    for seq, cost in _sound_candidates(sounds).items():
        for word in by_sound.get(seq, ()):
            consider(word, cost)
    ranked = sorted(costs, key=lambda w: (round(costs[w], 2), -eligible[w], w))
    return tuple(ranked)


def confusables(word: object, limit: int = 8, *, min_zipf: float = MIN_ZIPF) -> list[str]:
    """Common real words a dyslexic reader may say instead of ``word``.

    Letter reversals and b/d/p/q swaps first, then one-sound swaps by how
    similar the sounds are, then a consonant dropped/added in a cluster;
    ties go to the more frequent word.  ``[]`` for invalid input.

    >>> confusables("bad")[:2]
    ['dad', 'dab']
    """
    key = normalise(word)
    if key is None or limit <= 0:
        return []
    return list(_confusables(key, float(min_zipf))[:limit])


def homophones(word: object, *, min_zipf: float = MIN_ZIPF) -> list[str]:
    """Common words said exactly like ``word`` ("there" -> ["their"];
    "they're" is left out as it is not purely alphabetic).

    The speech judge should accept these as a correct reading, since no
    recogniser can tell them apart.
    """
    key = normalise(word)
    if key is None:
        return []
    by_sound, eligible = _index()
    out: list[str] = []
    for sound in _target_sounds(key):
        for w in by_sound.get(sound, ()):
            if w != key and w not in out and eligible[w] >= min_zipf and is_dictionary_word(w) is not False:
                out.append(w)
    return out


def _one_edit(pron: tuple[str, ...], phones: frozenset[str]) -> set[tuple[str, ...]]:
    """Sequences one sound away: any sound changed, dropped or added, or two swapped."""
    out: set[tuple[str, ...]] = set()
    n = len(pron)
    for i in range(n):
        out.add(pron[:i] + pron[i + 1 :])
        for other in phones:
            out.add(pron[:i] + (other,) + pron[i + 1 :])
        for j in range(i + 1, n):
            swapped = list(pron)
            swapped[i], swapped[j] = swapped[j], swapped[i]
            out.add(tuple(swapped))
    for i in range(n + 1):
        for other in phones:
            out.add(pron[:i] + (other,) + pron[i:])
    return out


@lru_cache(maxsize=4096)
def _sound_neighbours(key: str, min_zipf: float) -> tuple[str, ...]:
    by_sound, eligible = _index()
    sounds = _target_sounds(key)
    same_sound = {w for s in sounds for w in by_sound.get(s, ())}
    phones = frozenset(p for seq in by_sound for p in seq)
    found: set[str] = set()
    for pron in sounds:
        for seq in _one_edit(pron, phones):
            for word in by_sound.get(seq, ()):
                if len(word) > 2 and _is_rival(word, key, same_sound, eligible, min_zipf):
                    found.add(word)
    return tuple(sorted(found, key=lambda w: (-eligible[w], w)))


def sound_neighbours(word: object, limit: int = 20, *, min_zipf: float = MIN_ZIPF) -> list[str]:
    """Common words one sound away from ``word``, most frequent first.

    Wider than :func:`confusables`: *any* sound changed, dropped, added or two
    sounds swapped ("fish" -> "dish", "wish", "fit"; "spot" -> "stop"), because a
    learner's misreading is not always a similar sound, and the speech judge must
    have the word they really said among its candidates.

    >>> "dish" in sound_neighbours("fish")
    True
    """
    key = normalise(word)
    if key is None or limit <= 0:
        return []
    return list(_sound_neighbours(key, float(min_zipf))[:limit])
