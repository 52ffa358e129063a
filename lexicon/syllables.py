"""Split a written word into syllables ("but-ter-fly") from how it is said.

Why: chunking a long word into syllables is one of the core reading
strategies taught to dyslexic learners, so the chunks must be right, and
the number of chunks must be the number of beats the learner hears.

For words in CMUdict the split comes from the phonemes:

1. every vowel phoneme is the nucleus of one syllable (so the count is
   CMUdict's);
2. the consonant sounds between two nuclei go to the next syllable as far
   as they make an English onset ("maximal onset": a-pron, mon-ster,
   ex-tra has S T R), except that a stressed short vowel (the a of cat, e,
   i, u, the o of hot) keeps one consonant, since English syllables never
   end in a stressed short vowel: hap-py, but-ter-fly, el-e-phant, fam-i-ly,
   lem-on, riv-er (while ti-ger, ta-ble, pa-per, o-pen, be-gin keep the
   consonant in front, and so do "-tion", "-cial", "-sion": na-tion); after
   a short vowel an s before p, t or k stays behind (dis-cus-sion,
   mis-take; but de-scribe); an r spelled with the vowel before it starts
   the syllable of a following "ee" sound (his-to-ry, ma-rine);
3. the breaks are carried back to the letters through an alignment of
   graphemes to phonemes (:mod:`lexicon.alignment`): a doubled consonant
   is split (hap-py, ap-ply, ac-cept), a grapheme is never cut ("x" in
   tax-i, "ck" in pick-le), a silent vowel letter stays with the syllable
   before it (love-ly, busi-ness) and a silent consonant goes with the one
   after it (cas-tle, of-ten); "le" after a consonant is a syllable of its
   own (ta-ble, ap-ple), a silent final e belongs to its syllable (cake);
4. words made of parts keep the parts whole when the parts are said the
   same on their own (checked against CMUdict): the endings -ing, -ed,
   -es, -ly, -ment, -ness, -ful, -less, -ship, -ist, -al after -ion, the
   -er/-est of adjectives and the -er of agent nouns (jump-ing, bak-ing,
   want-ed, voic-es, quick-ly, nation-al, fast-er, teach-er, with a
   doubled consonant split as usual: run-ning, big-ger; but pa-per, wa-ter,
   cor-ner), the prefixes dis-, mis-, un- (dis-ease, un-til) and compounds
   of two common words (birth-day, with-out, up-on).

When CMUdict has several pronunciations the one whose spelling lines up
best is used, and an ER spelled "r"/"re" straight after a vowel at the end
of a word is no written syllable of its own: "fire", "tired", "hour" are
one chunk, not "fi-re".  Words whose pronunciation does not line up with
their spelling at all (abbreviations: "mr", "tv") use the fall-back below.

Words outside CMUdict (names, made-up decoding words) fall back to pyphen
(the LibreOffice/TeX en_US hyphenation patterns) re-split with simple
phonics rules towards the espeak-ng syllable count:

* vowel groups (a, e, i, o, u, and y when it is not a consonant) are the
  syllable nuclei; a silent final e, a silent "-ed"/"-es" and vowel pairs
  that are usually said as one sound are merged away when there are too
  many nuclei; vowel pairs that are often split ("i-a", "e-o", "o-i" ...)
  are split when there are too few;
* between two nuclei: one consonant goes to the next syllable (ti-ger),
  two are split (rab-bit) unless they make a digraph (fa-ther) or an
  l/r blend (se-cret); with three or more, a blend starts the next
  syllable (chil-dren); a consonant + "le" ending stays together
  (ta-ble); "x" and "ck" stay on the left (ex-it, pick-le).

If the rules cannot reach that count either, pyphen's answer is kept,
since a slightly wrong break beats a nonsensical one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .alignment import Unit, align
from .ipa import ARPABET_VOWELS
from .pronunciation import cmu_pronunciations, phonemes_with_stress
from .text import normalise

__all__ = ["syllable_count", "syllables"]

_VOWELS = frozenset("aeiou")
_VOWEL_LETTERS = frozenset("aeiouy")
_DIGRAPHS = frozenset({"sh", "ch", "th", "ph", "wh", "gh", "ck", "ng", "qu"})
_LEFT_DIGRAPHS = frozenset({"ck", "ng", "gh"})  # stay with the syllable before
# fmt: off
_BLENDS = frozenset({
    "bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "sc", "sk", "sl", "sm", "sn",
    "sp", "st", "sw", "tr", "tw", "wr", "scr", "spl", "spr", "str", "squ", "thr", "shr", "chr", "sch",
})
_LR_BLENDS = frozenset({"bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "tr"})
# Vowel pairs that are most often said as two syllables, best first.
_HIATUS = (
    "ia", "io", "eo", "iu", "ua", "uo", "oe", "ue", "ui", "ea", "oi", "ie",
    "ei", "eu", "ao", "oa", "ya", "yo", "yi", "ai", "au", "ee", "oo", "ou",
)
# fmt: on


@lru_cache(maxsize=1)
def _hyphenator() -> Any:
    """The en_US pyphen dictionary, loaded once (~0.1 s)."""
    import pyphen

    return pyphen.Pyphen(lang="en_US")


def _is_vowel(word: str, i: int) -> bool:
    """Is letter ``i`` acting as a vowel?  Handles y, qu- and gu-."""
    ch = word[i]
    if ch in _VOWELS:
        if ch == "u" and i > 0 and word[i - 1] == "q":
            return False  # "qu" is K W
        # "guess", "guide": a u between g and another vowel is silent
        return not (
            ch == "u"
            and i > 0
            and word[i - 1] == "g"
            and i + 1 < len(word)
            and word[i + 1] in _VOWELS
            and i + 2 < len(word)
        )
    if ch == "y" and i > 0:  # word-initial y is a consonant: "yes"
        nxt = word[i + 1] if i + 1 < len(word) else ""
        # "beyond": consonant; "gym", "day", "flying": vowel
        return nxt not in _VOWELS or nxt == "i"
    return False


def _vowel_groups(word: str) -> list[list[int]]:
    """Runs of vowel letters as [start, end) index pairs."""
    groups: list[list[int]] = []
    for i in range(len(word)):
        if _is_vowel(word, i):
            if groups and groups[-1][1] == i:
                groups[-1][1] = i + 1
            else:
                groups.append([i, i + 1])
    return groups


def _reduce(word: str, groups: list[list[int]], target: int) -> list[list[int]]:
    """Drop nuclei that are usually silent until we reach ``target``."""
    groups = [g[:] for g in groups]
    n = len(word)

    def last_is(start: int, text: str) -> bool:
        return start == n - len(text) and word.endswith(text)

    if len(groups) > target and len(groups) > 1:
        g = groups[-1]
        # silent final e: "cake", "smile" (but not "table", "be")
        if (
            g == [n - 1, n]
            and word[-1] == "e"
            and n >= 3
            and word[-2] not in _VOWELS
            and not (word[-2] == "l" and word[-3] not in _VOWELS)
        ):
            groups.pop()
    if len(groups) > target and len(groups) > 1:
        g = groups[-1]
        # silent -ed / -es: "baked", "cakes" (but "wanted", "boxes")
        if (
            last_is(g[0], "ed")
            and n >= 4
            and word[-3] not in "td"
            or last_is(g[0], "es")
            and n >= 4
            and word[-3] not in "sxzhc"
        ):
            groups.pop()
    while len(groups) > target:
        # merge the closest pair of nuclei (fewest consonants between)
        best = min(range(len(groups) - 1), key=lambda k: groups[k + 1][0] - groups[k][1])
        groups[best][1] = groups[best + 1][1]
        del groups[best + 1]
    return groups


def _expand(word: str, groups: list[list[int]], target: int) -> list[list[int]]:
    """Split vowel pairs that are often two syllables ("li-on", "i-de-a")."""
    groups = [g[:] for g in groups]
    while len(groups) < target:
        done = False
        for pair in _HIATUS:
            for k, (start, end) in enumerate(groups):
                for i in range(start, end - 1):
                    if word[i : i + 2] == pair:
                        groups[k : k + 1] = [[start, i + 1], [i + 1, end]]
                        done = True
                        break
                if done:
                    break
            if done:
                break
        if not done:
            return groups
    return groups


def _onset_size(word: str, cluster: str, is_last: bool, next_end: int) -> int:
    """How many letters of the consonant ``cluster`` start the next syllable."""
    n = len(cluster)
    if n == 0:
        return 0
    # consonant + "le" at the end: "ta-ble", "lit-tle", "pick-le"
    if is_last and word.endswith("le") and next_end == len(word):
        if cluster.endswith("ck"):
            return 0
        return 1
    if n == 1:
        return 0 if cluster == "x" else 1
    if n == 2:
        if cluster in _LEFT_DIGRAPHS:
            return 0
        if cluster in _DIGRAPHS or cluster in _LR_BLENDS:
            return 2
        return 1
    # three or more: longest blend or digraph at the end (max 3 letters)
    for size in (3, 2):
        tail = cluster[-size:]
        if tail in _BLENDS or tail in _DIGRAPHS:
            if tail in _LEFT_DIGRAPHS:
                continue
            return size
    return 1


def _rule_split(word: str, target: int, hints: tuple[int, ...] = ()) -> list[str] | None:
    """Split ``word`` into ``target`` syllables with phonics rules, or None.

    ``hints`` are pyphen's break positions: wherever one falls between the
    same two vowel nuclei we keep it, so the rules only fill in the breaks
    pyphen missed (it never leaves a one-letter piece at either end, e.g.
    "a-way", "o-pen").
    """
    groups = _vowel_groups(word)
    if not groups:
        return None
    if len(groups) > target:
        groups = _reduce(word, groups, target)
    elif len(groups) < target:
        groups = _expand(word, groups, target)
    if len(groups) != target:
        return None
    cuts: list[int] = []
    for k in range(len(groups) - 1):
        left_end = groups[k][1]
        right_start = groups[k + 1][0]
        hinted = [h for h in hints if left_end <= h <= right_start]
        if hinted:
            cuts.append(hinted[0])
            continue
        cluster = word[left_end:right_start]
        is_last = k == len(groups) - 2
        take = _onset_size(word, cluster, is_last, len(word) if is_last else groups[k + 1][1])
        cuts.append(right_start - take)
    pieces: list[str] = []
    prev = 0
    for cut in cuts:
        pieces.append(word[prev:cut])
        prev = cut
    pieces.append(word[prev:])
    if any(not p for p in pieces):
        return None
    return pieces


def _spelling_split(part: str) -> list[str]:
    """Syllables of a word CMUdict lacks: pyphen, re-split by phonics rules."""
    if not part:
        return []
    pieces = _hyphenator().inserted(part).split("-")
    pieces = [p for p in pieces if p]
    prons = cmu_pronunciations(part)
    if prons:
        counts = [sum(ph[-1].isdigit() for ph in p) for p in prons]
    else:
        guess = phonemes_with_stress(part)
        counts = [sum(ph[-1].isdigit() for ph in guess)] if guess else []
    counts = [c for c in counts if c > 0]
    if not counts or len(pieces) in counts:
        return _fix_le(pieces)
    # Aim for CMUdict's first pronunciation; keep pyphen if rules fail.
    hints: list[int] = []
    pos = 0
    for piece in pieces[:-1]:
        pos += len(piece)
        hints.append(pos)
    return _fix_le(_rule_split(part, counts[0], tuple(hints)) or pieces)


def _fix_le(pieces: list[str]) -> list[str]:
    """Move the consonant before a final "le" into it: "tab-le" -> "ta-ble".

    Pyphen sometimes breaks consonant-le words the other way; phonics
    teaches the consonant-le syllable as one chunk ("ta-ble", "jun-gle").
    "ck" stays on the left ("pick-le").
    """
    if len(pieces) < 2 or pieces[-1] != "le":
        return pieces
    prev = pieces[-2]
    if len(prev) < 2 or prev[-1] in _VOWELS or prev[-1] == "y" or prev.endswith("ck"):
        return pieces
    if not any(_is_vowel(prev, i) for i in range(len(prev) - 1)):
        return pieces
    return [*pieces[:-2], prev[:-1], prev[-1] + "le"]


# --------------------------------------------------------------------------
# from phonemes

# Consonant clusters that can start an English syllable (CMUdict symbols).
# fmt: off
_ONSETS = frozenset(
    {(c,) for c in ("B", "CH", "D", "DH", "F", "G", "HH", "JH", "K", "L", "M", "N", "P", "R", "S", "SH",
                    "T", "TH", "V", "W", "Y", "Z", "ZH")}
    | {tuple(x.split()) for x in (
        "P R", "P L", "B R", "B L", "T R", "D R", "K R", "K L", "G R", "G L", "F R", "F L", "TH R",
        "SH R", "S P", "S T", "S K", "S M", "S N", "S L", "S W", "T W", "D W", "K W", "G W", "TH W",
        "P Y", "B Y", "K Y", "G Y", "F Y", "V Y", "M Y", "HH Y",
        "S P R", "S P L", "S T R", "S K R", "S K W", "S K Y", "S P Y",
    )}
)
# Endings that keep their own chunk after the word they extend, with how they
# are said and which bases they attach to ("any", "adjective", "verb").
_SUFFIXES: tuple[tuple[str, tuple[tuple[str, ...], ...], str], ...] = (
    ("ing", (("IH", "NG"),), "any"),
    ("ed", (("IH", "D"), ("AH", "D")), "any"),
    ("es", (("IH", "Z"), ("AH", "Z")), "any"),
    ("est", (("AH", "S", "T"), ("IH", "S", "T")), "adjective"),
    ("er", (("ER",),), "adjective"),
    ("er", (("ER",),), "verb"),
    ("al", (("AH", "L"),), "ion"),
    ("ist", (("IH", "S", "T"), ("AH", "S", "T")), "any"),
    ("ly", (("L", "IY"),), "any"),
    ("ship", (("SH", "IH", "P"),), "any"),
    ("ment", (("M", "AH", "N", "T"),), "any"),
    ("ness", (("N", "AH", "S"), ("N", "IH", "S")), "any"),
    ("ful", (("F", "AH", "L"),), "any"),
    ("less", (("L", "AH", "S"),), "any"),
)
# Prefixes whose consonant stays with them, with how they start the word.
_PREFIXES = (
    ("dis", ("D", "IH", "S")),
    ("dis", ("D", "IH", "Z")),
    ("mis", ("M", "IH", "S")),
    ("un", ("AH", "N")),
)
# fmt: on
_SHORT_VOWELS = frozenset({"AE", "EH", "IH", "AH", "UH"})
# Graphemes CMUdict's ER is spelled with ("her", "bird", "fur", "word", "dollar").
_R_GRAPHEMES = frozenset({"er", "ir", "ur", "or", "ar", "ear", "our", "yr"})
#: An alignment dearer than this (plus a little per letter) is not trusted:
#: the pronunciation does not fit the spelling (abbreviations, "mr").
_MAX_ALIGN_COST = 2.5
_MAX_ALIGN_COST_PER_LETTER = 0.3
#: Preference for CMUdict's first pronunciations, per place in its list.
_LATER_PRONUNCIATION_COST = 0.3
#: A base must be about as common as the word it explains (Zipf points):
#: "write" for "writer", "fast" for "faster" (1.0 for adjectives), not
#: "aft" for "after".
_BASE_ZIPF_MARGIN = 0.5
#: Both halves of a compound must be at least this common (Zipf); halves of
#: two letters must be very common.
_COMPOUND_MIN_ZIPF = 3.5
_COMPOUND_SHORT_ZIPF = 5.0


def _bare(phone: str) -> str:
    return phone.rstrip("012")


def _is_vowel_phone(phone: str) -> bool:
    return _bare(phone) in ARPABET_VOWELS


def _is_short_stressed(phone: str, letters: str, following: str, before: str = "") -> bool:
    """A stressed short vowel, which cannot end a syllable (cat, bed, sit, cup, hot).

    Before R, CMUdict writes the "ear" of "se-ri-ous" as IH, the "oor" of
    "ju-ry" as UH and the "or" of "sto-ry" as AO: those are long.
    """
    if not phone.endswith(("1", "2")):
        return False
    bare = _bare(phone)
    if _bare(following) == "R" and (bare in ("UH", "AO") or (bare == "IH" and letters[0] == "e")):
        return False
    # the o of "hot", and the a of "what", "qual-i-ty", "wash"
    if bare in _SHORT_VOWELS or (bare == "AO" and letters == "o"):
        return True
    return bare == "AA" and (letters == "o" or (letters == "a" and before == "W"))


def _stress(phone: str) -> int:
    """0 unstressed, 1 secondary, 2 primary."""
    return {"1": 2, "2": 1}.get(phone[-1:], 0)


def _phonetic_onset_size(cluster: tuple[str, ...]) -> int:
    """How many of the consonants between two vowels may start the next syllable."""
    for size in range(len(cluster), 0, -1):
        if tuple(_bare(p) for p in cluster[-size:]) in _ONSETS:
            return size
    return 0


def _splits_in_two(word: str, unit: Unit, *, at_end: bool = False) -> bool:
    """A grapheme a syllable break may cut in two: a doubled consonant ("pp",
    "ll", also "ssi" of "mis-sion") or "cq" ("ac-quire"); after a short vowel
    also "dg", "xc", "sc" ("bud-get", "ex-cite", "dis-ci-pline")."""
    letters = word[unit.start : unit.end]
    if len(letters) < 2:
        return False
    if letters[0] == letters[1] and letters[0] not in _VOWEL_LETTERS or letters == "cq":
        return True
    return at_end and letters in ("dg", "xc", "sc")


def _letter_cut(word: str, phones: tuple[str, ...], units: tuple[Unit, ...], phone_index: int) -> int:
    """Where between letters the syllable starting at ``phone_index`` begins."""
    k = next(i for i, u in enumerate(units) if u.p_start <= phone_index < u.p_end)
    unit = units[k]
    if phone_index > unit.p_start:
        # the break falls inside one grapheme: split a doubled letter
        # ("ac-cept") or "qu" ("liq-uid"), otherwise keep the grapheme whole
        # on the left ("tax-i")
        if _splits_in_two(word, unit, at_end=True) or word[unit.start : unit.end] == "qu":
            return unit.start + 1  # "liq-uid"
        return unit.end
    cut = unit.start
    # silent consonant letters just before a vowel letter go with the next
    # syllable ("cas-tle", "lis-ten"); other silent letters stay behind
    # ("love-ly", "busi-ness", "christ-mas", "is-land")
    j = k - 1
    while (
        j >= 0
        and units[j].silent
        and not _VOWEL_LETTERS & set(word[units[j].start : units[j].end])
        and (word[cut] in _VOWEL_LETTERS or word[cut:] in ("le", "les", "led"))
    ):
        cut = units[j].start
        j -= 1
    if cut == unit.start and _splits_in_two(word, unit):
        return cut + 1  # "ap-ply", "bal-loon", "mis-sion"
    before = next((u for u in reversed(units[:k]) if u.end == cut), None)
    if (
        before is not None
        and not before.silent
        and before.end - before.start == 2
        and _splits_in_two(word, before, at_end=True)
    ):
        # "hap-py", "but-ter", "bud-get", "ap-pli-ca-tion": the doubled letter
        # is shared when what follows could start a syllable after its sound
        # (but "penn-syl-va-nia": N S cannot)
        onset = phones[before.p_start : before.p_end][-1:] + phones[unit.p_start : phone_index + 1]
        consonants = tuple(_bare(p) for p in onset if not _is_vowel_phone(p))
        if word[cut] in _VOWEL_LETTERS or consonants in _ONSETS:
            return cut - 1
    return cut


def _pron_heads(word: str) -> list[tuple[str, ...]]:
    return [tuple(_bare(p) for p in pron) for pron in cmu_pronunciations(word)]


def _base_fits(base: str, word: str, kind: str) -> bool:
    """May ``word`` be read as ``base`` + an ending of this kind?"""
    if kind == "any":
        return True
    if kind == "ion":
        return base.endswith("ion")  # "nation-al", "region-al" (but "dig-i-tal", "per-son-al")
    from .frequency import frequency
    from .wordnet import is_lemma

    margin = 1.0 if kind == "adjective" else _BASE_ZIPF_MARGIN
    if frequency(base) < frequency(word) - margin:
        return False  # "after" is not "aft" + er
    if kind == "adjective":  # "faster", not "offer" (a word of its own)
        return is_lemma(base, "a") and not is_lemma(word, "n") and not is_lemma(word, "v")
    # an agent noun ("writer", "teacher"), not a verb or adjective of its own
    # ("offer", "corner", "former")
    return is_lemma(base, "v") and not is_lemma(word, "v") and not is_lemma(word, "a")


def _suffix_cut(word: str, phones: tuple[str, ...]) -> tuple[int, tuple[str, ...]] | None:
    """The letter position before an ending that keeps its own chunk, and
    the sounds before it.

    Only when the word without the ending is a word said the same way
    (CMUdict), so "jumping" -> jump-ing, "baking" -> bak-ing, "voices" ->
    voic-es, "writers" -> writ-ers, "quickly" -> quick-ly, but "paper" and
    "water" are not pap-er and wat-er.  A consonant doubled before the
    ending is split ("running" -> run-ning); one that belongs to the word
    is not ("telling" -> tell-ing, "smaller" -> small-er).
    """
    bare = tuple(_bare(p) for p in phones)
    if word.endswith("s") and not word.endswith(("ss", "es")) and bare[-1] in ("S", "Z"):
        word, bare = word[:-1], bare[:-1]  # "writers" is split like "writer"
    for ending, sounds, kind in _SUFFIXES:
        said = next((s for s in sounds if bare[-len(s) :] == s), None)
        if not word.endswith(ending) or said is None:
            continue
        stem = word[: -len(ending)]
        head = bare[: -len(said)]
        options = [(stem, len(stem))]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWEL_LETTERS:
            options.append((stem[:-1], len(stem) - 1))  # "runn" + ing
        options.append((stem + "e", len(stem)))  # "bak" + ing
        if stem.endswith("i"):
            options.append((stem[:-1] + "y", len(stem)))  # "happi" + ly
        # the word without its ending must be said the same (not so for "-al":
        # "nation" has EY, "national" AE)
        fits = [
            (base, cut)
            for base, cut in options
            if len(base) >= 2 and (kind == "ion" or head in _pron_heads(base))
        ]
        fits = [(base, cut) for base, cut in fits if _base_fits(base, word, kind)]
        if fits:
            from .frequency import frequency

            # the commonest reading: "ship" + ping, not the name "Shipp"
            return max(fits, key=lambda fit: frequency(fit[0]))[1], head
    return None


def _compound_cut(word: str, phones: tuple[str, ...]) -> tuple[int, int] | None:
    """(letter position, vowels before it) where a compound joins two common words.

    "birthday" = birth + day, "without" = with + out, "itself" = it + self:
    only when the two words said one after the other are the word's own
    sounds, vowel for vowel ("carpet" is not car + pet).  Parts of two
    letters must be very common ("up-on", "in-to").  The commonest pair wins.
    """
    from .frequency import frequency
    from .wordnet import is_dictionary_word

    bare = tuple(_bare(p) for p in phones)
    total = sum(_bare(p) in ARPABET_VOWELS for p in bare)
    best: tuple[float, int, int] | None = None
    for cut in range(2, len(word) - 1):
        left, right = word[:cut], word[cut:]
        zipf = min(frequency(left), frequency(right))
        if zipf < _COMPOUND_MIN_ZIPF or (min(len(left), len(right)) < 3 and zipf < _COMPOUND_SHORT_ZIPF):
            continue
        if is_dictionary_word(left) is False or is_dictionary_word(right) is False:
            continue  # "scott" + "ish": names and web words are not parts
        for head in _pron_heads(left):
            if bare[: len(head)] == head and bare[len(head) :] in _pron_heads(right):
                vowels = sum(p in ARPABET_VOWELS for p in head)
                # the second word keeps its stress: not "fact" + "or", "form" + "at"
                stress = max((_stress(p) for p in phones[len(head) :]), default=0)
                stressed = stress == 2 if len(right) < 3 else stress > 0
                if 0 < vowels < total and stressed and (best is None or zipf > best[0]):
                    best = (zipf, cut, vowels)
    return None if best is None else (best[1], best[2])


def _split_aligned(word: str, phones: tuple[str, ...], units: tuple[Unit, ...]) -> list[str] | None:
    nuclei = [i for i, p in enumerate(phones) if _is_vowel_phone(p)]
    if len(nuclei) <= 1:
        return [word] if nuclei else None
    unit_of = {}
    for k, unit in enumerate(units):
        for i in range(unit.p_start, unit.p_end):
            unit_of[i] = k
    cuts: list[int | None] = []  # one per pair of vowels; None: same written syllable
    for left, right in zip(nuclei, nuclei[1:], strict=False):
        nucleus = units[unit_of[right]]
        if unit_of[left] == unit_of[right] or (
            right == left + 1
            and word[nucleus.start : nucleus.end] in ("r", "re")
            and word[nucleus.end :] in ("", "d", "s")
        ):
            # one grapheme spells both vowels, or the word ends in an ER
            # spelled only "r"/"re" ("fire", "tired"): one written syllable
            cuts.append(None)
            continue
        cluster = phones[left + 1 : right]
        onset = _phonetic_onset_size(cluster)
        left_unit = units[unit_of[left]]
        vowel_letters = word[left_unit.start : left_unit.end]
        if (
            not cluster
            and vowel_letters in _R_GRAPHEMES
            and left_unit.p_end - left_unit.p_start == 1
            and (_bare(phones[right]) == "IY" or (left == nuclei[0] and _stress(phones[right])))
            and word[left_unit.end : left_unit.end + 1] != "r"
        ):
            # CMUdict's ER before an "ee" sound, or as the first vowel before a
            # stressed one: the r starts the next syllable, "his-to-ry",
            # "ma-rine", "di-rec-tion" (but "gen-er-al", "op-er-a-tion")
            cuts.append(left_unit.end - 1)
            continue
        if onset and onset == len(cluster):
            first = units[unit_of[left + 1]]
            right_letters = word[nucleus.start : nucleus.end]
            if first.end - first.start >= 2 and word[first.end - 1] in "ie":
                pass  # "ti", "ci", "ssi" start "-tion", "-cial", "-sion": they stay in front
            elif (
                right_letters == "le"
                and onset == 1
                and first.end == nucleus.start
                and (first.end - first.start == 1 or _splits_in_two(word, first))
            ):
                pass  # consonant + le: "cou-ple", "trou-ble" (but "pick-le", "cas-tle", "mus-cle")
            elif _is_short_stressed(
                phones[left], vowel_letters, cluster[0], _bare(phones[left - 1]) if left else ""
            ) and _stress(phones[left]) >= _stress(phones[right]):
                onset -= 1  # "hap-py", "lem-on" (but "de-cide": the next vowel is stronger)
            elif (
                onset >= 2
                and _bare(cluster[0]) == "S"
                and _bare(cluster[1]) in ("P", "T", "K")
                and _bare(phones[left]) in _SHORT_VOWELS
                and not (left == nuclei[0] and word.startswith(("de", "re", "pre", "be")))
            ):
                onset -= 1  # "dis-cus-sion", "mis-take", "reg-is-ter" (but "de-scribe")
        cuts.append(_letter_cut(word, phones, units, right - onset))
    compound = _compound_cut(word, phones)
    if compound is not None and cuts[compound[1] - 1] is not None:
        cuts[compound[1] - 1] = compound[0]
    # a prefix keeps its consonant: "dis-ease", "mis-take", "un-u-su-al"
    for prefix, sounds in _PREFIXES:
        if (
            word.startswith(prefix)
            and tuple(_bare(p) for p in phones[: len(sounds)]) == sounds
            and cuts[0] is not None
        ):
            if len(word) > len(prefix) + 1 and cuts[0] != len(prefix):
                cuts[0] = len(prefix)
            break
    # endings, from the last one in: "re-peat-ed-ly" = repeated + ly, repeat + ed
    real = [i for i, c in enumerate(cuts) if c is not None]
    stem, sounds = word, phones
    while real:
        found = _suffix_cut(stem, sounds)
        if found is None:
            break
        cut, base_sounds = found
        cuts[real.pop()] = cut
        stem, sounds = word[:cut], base_sounds
    bounds = [0, *(c for c in cuts if c is not None), len(word)]
    if any(a >= b for a, b in zip(bounds, bounds[1:], strict=False)):
        return None
    return [word[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _phonetic_split(part: str) -> list[str] | None:
    """Syllables from CMUdict's phonemes, or None when the word is not there
    or no pronunciation lines up with the spelling."""
    best: tuple[float, tuple[str, ...], tuple[Unit, ...]] | None = None
    for rank, pron in enumerate(cmu_pronunciations(part)):
        found = align(part, tuple(pron))
        if found is None:
            continue
        units, cost = found
        score = cost + _LATER_PRONUNCIATION_COST * rank
        if best is None or score < best[0]:
            best = (score, tuple(pron), units)
    if best is None or best[0] > _MAX_ALIGN_COST + _MAX_ALIGN_COST_PER_LETTER * len(part):
        return None
    return _split_aligned(part, best[1], best[2])


@lru_cache(maxsize=8192)
def _syllables(key: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in key.split("-"):
        if part:
            out.extend(_phonetic_split(part) or _spelling_split(part))
    return tuple(out)


def syllables(word: object) -> list[str]:
    """Written syllables of ``word``: "butterfly" -> ["but", "ter", "fly"].

    The pieces join back to the (normalised) word, hyphens excepted.  When
    the word is in CMUdict the number of pieces matches one of its
    pronunciations.  ``[]`` for invalid input.
    """
    key = normalise(word)
    if key is None:
        return []
    return list(_syllables(key))


def syllable_count(word: object) -> int:
    """Number of written syllables (see :func:`syllables`)."""
    return len(syllables(word))
