"""A picture for any word: a vendored emoji drawing when the match is confident,
otherwise a clean word card (or a name card) drawn with Pillow, or OpenAI's images
API when it is configured. Plain functions; the explorer's actions store the result.

Matching is deliberately strict (the benchmark in benchmarks/pictures.py measures it):
a wrong picture teaches a wrong meaning, a word card never does.
"""

from __future__ import annotations

import base64
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import lexicon
from lexicon import safety, wordnet

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = ROOT / "static" / "vendor" / "fonts" / "atkinson-hyperlegible"
ICON_STATIC_DIR = "vendor/fluent-emoji-flat"
PICTOGRAM_STATIC_DIR = "vendor/pictograms"

# Drawings a child is not shown even when the word matches (the word card is used).
UNSHOWN = {
    "cigarette",
    "coffin",
    "funeral urn",
    "bomb",
    "syringe",
    "drop of blood",
    "pill",
    "beer mug",
    "clinking beer mugs",
    "wine glass",
    "cocktail glass",
    "tumbler glass",
    "bottle with popping cork",
    "sake",
    "water pistol",
    "dagger",
    "kitchen knife",
    "crossed swords",
    "skull",
    "skull and crossbones",
    "pile of poo",
    "middle finger",
    "kiss mark",
    "kiss",
    "lipstick",
    "bikini",
    "briefs",
    "adhesive bandage",
    "razor",
    # pictograms of weapons and war
    "tank",
    "sword",
    "pistol",
    "rifle",
    "pills",
    "drug",
    "drugs",
    "marijuana",
    "weed",
    "blood",
    # Game Icons draws for games: its explosives, executions, alcohol, tobacco and underwear
    "bomber",
    "cigar",
    "detonator",
    "dynamite",
    "gibbet",
    "guillotine",
    "martini",
    "minefield",
    "molotov",
    "switchblade",
    "torpedo",
    "underwear",
    "carrion",
    "headshot",
    "slipknot",
    "booze",
    "apc",
    "battleship",
    "dreadnought",
    "cruiser",
    "ballista",
    "trebuchet",
    # Tabler's and Material Symbols' drugs, gambling and night life
    "bong",
    "cannabis",
    "xxx",
    "roulette",
    "casino",
    "nightlife",
    # words, not drawings: their only matches would be near misses ("beer" → "ginger root")
    "beer",
    "wine",
    "alcohol",
    "gun",
    "knife",
    "weapon",
}
# Groups whose drawings may be matched only by their exact name, never by a keyword.
NAME_ONLY_GROUPS = {"faces", "people"}


@dataclass(frozen=True)
class Emoji:
    hex: str
    emoji: str
    label: str
    tags: tuple[str, ...]
    group: str

    @property
    def is_pictogram(self) -> bool:
        return "/" in self.hex  # "mdi/city": a pictogram set and the icon's file

    @property
    def set_name(self) -> str:
        return self.hex.split("/")[0] if self.is_pictogram else "fluent-emoji-flat"

    @property
    def credit(self) -> str:
        return CREDITS.get(self.set_name, "")

    @property
    def static_path(self) -> str:
        if self.is_pictogram:
            return f"{PICTOGRAM_STATIC_DIR}/{self.hex}.svg"
        return f"{ICON_STATIC_DIR}/{self.hex}.svg"

    @property
    def audit_name(self) -> str:
        """How the hand audit names the drawing: the emoji's name, or "mdi:city"."""
        return self.emoji if self.is_pictogram else self.label


@dataclass(frozen=True)
class PictureMatch:
    emoji: Emoji
    how: str  # "name", "action", "kind of", "synonym", "keyword"
    via: str  # the form of the word that matched

    @property
    def description(self) -> str:
        return self.emoji.label


@lru_cache(maxsize=1)
def emoji_list() -> tuple[Emoji, ...]:
    rows = json.loads((DATA / "emoji_index.json").read_text())
    kept = []
    for row in rows:
        label = row["label"]
        if ":" in label or label in UNSHOWN or not safety.is_child_safe_text(label):
            continue  # variants ("person walking: facing right") and drawings we never show
        kept.append(Emoji(row["hex"], row["emoji"], label, tuple(row["tags"]), row["group"]))
    return tuple(kept)


# A pictogram's category (its set's own) → the WordNet lexicographer files of the nouns it
# can picture, so "speaker" (a person talking) never gets a loudspeaker, nor "nuts" a bolt's nut.
PICTOGRAM_CATEGORIES = {
    "Animals": {5},
    "Animal": {5},
    "Baby": {6, 13},
    "Build": {6, 15},
    "Places": {6, 14, 15},
    "Clothes": {6},
    "Clothing": {6},
    "Foods": {13, 20, 27},
    "Food / Drink": {13, 27},  # food, not the place or the glass it comes in ("bar", "cup")
    "Hardware": {6},
    "Hardware / Tools": {6},
    "Health": {8, 6},
    "Medical / Hospital": {6, 8, 18},
    "Industry": {6, 15},
    "Life": {6},
    "Home Automation": {6, 15},
    "Makeups": {6},
    "Music": {6},
    "Peoples": {18, 14},
    "People / Family": {18, 14},
    "Account / User": {18, 14},
    "Sports": {4, 6},
    "Sport": {4, 6},
    "Travel": {6, 15, 17},
    "Weather": {19},  # weather, not the water it falls on ("lake")
    "Nature": {20, 17},
    "Agriculture": {20, 5, 6, 15},
    "Automotive": {6, 27},  # a car, the oil it runs on
    "Holiday": {6, 13},
    "Religion": {6, 10},  # a church, a bible
    "Science": {6},
    "Transportation + Flying": {6},
    "Transportation + Other": {6},
    "Transportation + Road": {6},
    "Transportation + Water": {6},
    # Health Icons
    "Body": {8},
    "People": {18},
    # Map icons: Temaki draws places and the things in them (a bench, a wall, a room);
    # Maki's icons for things are shop signs (a wrench for "hardware", a lamp for
    # "furniture"), so it pictures only places and communities (a town, a village).
    "Map things": {6, 14, 15, 17},
    "Map places": {14, 15, 17},
    # Material Symbols (its own categories; its "Travel" is the one above)
    "Household": {6},
    "Home": {6},
    "Maps": {15, 17},  # map signs: places, never what they stand for (a knife and fork, a traffic light)
    "Images": {6},
    "Audio & Video": {6, 10},
    # Tabler's one-word names that are things (its others are symbols: "table" is a grid of
    # data, "menu" three lines); Game Icons' are animals, things, food, plants and stuff
    # (a log, powder), never landscapes ("cape" is a cloak there).
    "Outline things": {6},
    "Game things": {5, 6, 13, 20, 27},
}
PICTOGRAM_SET_ORDER = ("mdi", "healthicons", "temaki", "maki")
# Tried only when no emoji and none of the sets above pictures a noun.
LAST_PICTOGRAM_SETS = ("material-symbols", "tabler", "game-icons")
# Sets whose licence asks for credit where the picture is shown (CC BY 3.0).
CREDITS = {"game-icons": "Picture: Game Icons (game-icons.net), CC BY 3.0"}


@lru_cache(maxsize=1)
def pictogram_list() -> tuple[Emoji, ...]:
    """Pictograms for nouns emoji lack: Material Design Icons (Apache-2.0), Health Icons (MIT),
    Temaki and Maki (CC0), in that order of preference, then the last-resort sets."""
    rows = json.loads((DATA / "pictogram_index.json").read_text())
    kept = []
    for row in rows:
        label = row["name"]
        if label in UNSHOWN or not (safety.is_child_safe_word(label) and safety.is_child_safe_text(label)):
            continue
        kept.append(Emoji(f"{row['set']}/{label}", f"{row['set']}:{row['icon']}", label, (), row["category"]))
    order = {name: i for i, name in enumerate(PICTOGRAM_SET_ORDER + LAST_PICTOGRAM_SETS)}
    return tuple(sorted(kept, key=lambda e: (order.get(e.set_name, 99), e.label)))


@lru_cache(maxsize=1)
def _pictograms_by_name() -> dict[str, list[Emoji]]:
    found: dict[str, list[Emoji]] = {}
    for pictogram in pictogram_list():
        found.setdefault(pictogram.label, []).append(pictogram)
    return found


def _pictogram(
    forms: list[str], lexname: int | None, sets: tuple[str, ...] = PICTOGRAM_SET_ORDER
) -> PictureMatch | None:
    """A pictogram from ``sets`` named exactly the word (or its singular) whose category suits
    its main sense."""

    def suits(pictogram: Emoji) -> bool:
        return pictogram.set_name in sets and lexname in PICTOGRAM_CATEGORIES.get(pictogram.group, ())

    for form in forms:
        for pictogram in _pictograms_by_name().get(form, []):
            if suits(pictogram):
                return PictureMatch(pictogram, "pictogram", form)
    for synonym in _noun_synonyms(forms[0]):
        # another name for the word's main sense, when that is the name's own main sense
        # ("physician" → doctor, "woods" → forest; never "plate" → home, as in home plate)
        for pictogram in _pictograms_by_name().get(synonym, []):
            if suits(pictogram) and _same_sense(forms[0], pictogram):
                return PictureMatch(pictogram, "pictogram synonym", synonym)
    return None


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, list[Emoji]]]:
    by_name: dict[str, list[Emoji]] = {}
    by_action: dict[str, list[Emoji]] = {}
    by_head: dict[str, list[Emoji]] = {}
    by_tag: dict[str, list[Emoji]] = {}
    by_part: dict[str, list[Emoji]] = {}
    by_singular: dict[str, list[Emoji]] = {}
    for emoji in emoji_list():
        words = emoji.label.split()
        by_name.setdefault(emoji.label, []).append(emoji)
        if emoji.group == "nature" and len(words) == 2 and words[1] == "face":
            by_name.setdefault(words[0], []).append(emoji)  # "dog face" is a dog
        if words[0] in ("person", "man", "woman") and len(words) == 2 and words[1].endswith("ing"):
            # "person running" pictures "run"; the verb's dictionary form is the key.
            for base in wordnet.base_forms(words[1]).get("v", ()):
                by_action.setdefault(base, []).append(emoji)
        for part in _heads(emoji):
            if part in emoji.tags:
                by_part.setdefault(part, []).append(emoji)
        if len(words) == 1:
            for base in wordnet.base_forms(emoji.label).get("n", ()):
                if base != emoji.label:
                    by_singular.setdefault(base, []).append(emoji)  # "cherries" shows a cherry
        if emoji.group in NAME_ONLY_GROUPS:
            continue
        if len(words) == 2 and words[1] in emoji.tags:
            by_head.setdefault(words[1], []).append(emoji)  # "red apple" is an apple
        if len(words) == 3 and words[1] == "of" and words[2] in emoji.tags:
            by_head.setdefault(words[2], []).append(emoji)  # "glass of milk" shows milk
        if len(words) >= 3 and words[1] == "with" and words[0] in emoji.tags:
            by_head.setdefault(words[0], []).append(emoji)  # "cup with straw" is a cup
        for tag in emoji.tags:
            by_tag.setdefault(tag, []).append(emoji)
    # Other names for what the drawing shows, from WordNet's sense of its name: "bicycle"
    # is also a "bike", "automobile" a "car". Its own name (above) always wins.
    by_other_name: dict[str, list[Emoji]] = {}
    for emoji in emoji_list():
        if emoji.group in NAME_ONLY_GROUPS:
            continue
        for offset in _noun_offsets(emoji.label)[:1]:
            synset = wordnet._synset("n", offset)
            for other in synset.lemma_names if synset else ():
                if other != emoji.label and other not in by_name:
                    by_other_name.setdefault(other, []).append(emoji)
    index = {
        "name": by_name,
        "action": by_action,
        "head": by_head,
        "tag": by_tag,
        "other": by_other_name,
        "part": by_part,
    }
    for key, found in by_singular.items():
        by_name.setdefault(key, found)
    return index


_PREPOSITIONS = {"with", "of", "in", "on", "at", "and", "without", "for"}


def _heads(emoji: Emoji) -> set[str]:
    """The words of a drawing's name that say what is drawn: the last word of a compound
    ("maple leaf"), the word before a preposition ("glass of milk", "bridge at night"), and
    for weather and places what comes "with" it ("cloud with rain", "house with garden")."""
    words = emoji.label.split()
    if len(words) < 2:
        return set()
    at = next((i for i, word in enumerate(words) if word in _PREPOSITIONS), None)
    if at is None:
        return {words[-1]}
    heads = {words[at - 1]} if at > 0 else set()
    if words[at] == "with" and emoji.group in ("nature", "places"):
        heads.add(words[-1])
    return heads


def _main_pos(word: str) -> str | None:
    senses = wordnet.synsets(word)
    return senses[0].synset.pos if senses else None


# Which drawings can picture which kind of thing: WordNet's lexicographer file of the
# word's main sense (noun.animal = 5, noun.artifact = 6, noun.food = 13…) against the
# emoji's group, so "ball" (a toy) never gets "rice ball" (a food).
COMPATIBLE_GROUPS = {
    5: {"nature"},
    20: {"nature", "food"},
    13: {"food"},
    6: {"objects", "places", "activities"},
    10: {"objects"},
    15: {"places"},
    17: {"nature", "places"},
    19: {"nature", "places"},
    27: {"food", "nature", "objects"},
    4: {"activities"},
    11: {"activities"},
    18: {"people"},
    8: {"people"},
}


# Tried only when nothing else pictures a noun: possessions (noun.possession, 21: a gift,
# money) drawn among objects and activities, times (noun.time, 28: night) among places,
# communication (10: a medal) among activities, and containers and utensils (6: a cup, a
# pan) drawn with their food.
WIDER_GROUPS = {
    **COMPATIBLE_GROUPS,
    6: COMPATIBLE_GROUPS[6] | {"food"},
    10: COMPATIBLE_GROUPS[10] | {"activities"},
    21: {"objects", "activities"},
    28: {"places"},
}
BODY = 8  # noun.body


def _main_lexname(word: str) -> int | None:
    senses = wordnet.synsets(word)
    return senses[0].synset.lexname_id if senses and senses[0].synset.pos == "n" else None


def _noun_offsets(lemma: str) -> list[int]:
    line = wordnet._index_line("n", lemma.replace(" ", "_"))
    if line is None:
        return []
    try:
        return wordnet._parse_index(line)[1]
    except (IndexError, ValueError):
        return []


def _is_kind_of(label: str, word: str, depth: int = 4) -> bool:
    """True when WordNet files the drawing's name under the word ("soccer ball" is a ball)."""
    targets = set(_noun_offsets(word)[:3])
    frontier = _noun_offsets(label)[:2]
    for _ in range(depth):
        parents = []
        for offset in frontier:
            synset = wordnet._synset("n", offset)
            if synset is None:
                continue
            parents += [
                target for symbol, target, pos in synset.pointers if symbol in ("@", "@i") and pos == "n"
            ]
        if targets & set(parents):
            return True
        frontier = parents
    return False


def _modifier_describes(label: str) -> bool:
    """ "red apple", "new moon": the first word only describes, so the drawing is the thing."""
    senses = wordnet.synsets(label.split()[0])
    return bool(senses) and senses[0].synset.pos in ("a", "s")


def _fits(emoji: Emoji, lexname: int | None, groups: dict = COMPATIBLE_GROUPS, word: str = "") -> bool:
    if lexname is None or emoji.group not in groups.get(lexname, ()):
        return False
    if lexname == 6 and emoji.group == "food" and "food" not in COMPATIBLE_GROUPS[6]:
        # a thing drawn with food only when it holds food: a cup or a pan, never a "bar"
        return any(_is_kind_of(word, holder, 8) for holder in ("container", "utensil"))
    return True


def _forms(word: str) -> list[str]:
    """The word and its dictionary forms (cats → cat, mice → mouse), most literal first."""
    forms = [word]
    for pos in ("n", "v"):
        for base in wordnet.base_forms(word).get(pos, ()):
            if base not in forms:
                forms.append(base)
    for base in wordnet._exceptions("n").get(word, ()):
        # an irregular plural that is also an entry of its own ("teeth") still shows the thing
        if base not in forms:
            forms.append(base)
    return forms


def _same_sense(word: str, emoji: Emoji) -> bool:
    """A synonym counts only when the word's main sense IS the drawing's sense: "car" and
    "automobile" share one; "book" and "ledger" only share a rare sense of "book"."""
    senses = wordnet.synsets(word)
    offsets = _noun_offsets(emoji.label)
    return bool(senses and offsets) and senses[0].synset.offset == offsets[0]


def _noun_synonyms(word: str) -> list[str]:
    """Other names for the word's main sense when that sense is a thing ("car" → "automobile")."""
    senses = wordnet.synsets(word)
    if not senses or senses[0].synset.pos != "n":
        return []
    return [name for name in senses[0].synset.lemma_names if name != word]


def _emoji_match(word: str, forms: list[str], lexname: int | None, groups: dict) -> PictureMatch | None:
    """The emoji steps of ``match`` for a noun (or a word WordNet lacks), drawings allowed by ``groups``."""
    index = _index()
    for form in forms:
        if form in index["name"]:
            return PictureMatch(index["name"][form][0], "name", form)
    for synonym in _noun_synonyms(word):
        for emoji in index["name"].get(synonym, []):
            if _fits(emoji, lexname, groups, word) and _same_sense(word, emoji):
                return PictureMatch(emoji, "synonym", synonym)
    for emoji in index["other"].get(word, []):
        if _fits(emoji, lexname, groups, word) and _same_sense(word, emoji):
            return PictureMatch(emoji, "synonym", word)
    for form in forms:
        kinds = [emoji for emoji in index["head"].get(form, []) if _fits(emoji, lexname, groups, form)]
        chosen = next((e for e in kinds if _is_kind_of(e.label, form)), None)
        chosen = chosen or next((e for e in kinds if _modifier_describes(e.label)), None)
        if chosen is None and len(kinds) == 1:
            chosen = kinds[0]
        if chosen is not None:
            return PictureMatch(chosen, "kind of", form)
    for form in forms:
        # A keyword names a kind of the thing drawn ("puppy" on the dog): WordNet must agree.
        for emoji in index["tag"].get(form, []):
            head = emoji.label.split()[-1]
            if not _fits(emoji, lexname, groups, form):
                continue
            names = {emoji.label, head, emoji.label.removesuffix(" face")}  # "dog face" is a dog
            if any(_is_kind_of(form, name, 2) or _is_kind_of(name, form, 3) for name in names):
                return PictureMatch(emoji, "keyword", form)
    if lexname == BODY and (pictogram := _pictogram(forms, lexname)):
        return pictogram  # the arm itself, not a "mechanical arm"; "speaking head" only without one
    for form in forms:
        # The word is part of the drawing's name and one of its keywords ("money bag",
        # "night with stars"): the shortest such name is the most about the word.
        parts = sorted(
            (e for e in index["part"].get(form, []) if _fits(e, lexname, groups, form)),
            key=lambda e: len(e.label),
        )
        if parts:
            return PictureMatch(parts[0], "part of name", form)
    return None


def match(word: str) -> PictureMatch | None:
    """A confident emoji for ``word`` or None. Strictest evidence first."""
    word = (lexicon.normalise(word) or "").lower()
    if not word or not safety.is_child_safe_word(word):
        return None
    index = _index()
    forms = _forms(word)
    if any(form in UNSHOWN for form in forms):
        return None
    pos = _main_pos(word)
    lexname = _main_lexname(word) if pos == "n" else None
    if pos == "v":
        # A doing word is pictured only by someone doing it: "watch" is not a wristwatch.
        for form in forms:
            if form in index["action"]:
                return PictureMatch(index["action"][form][0], "action", form)
        return None
    if pos not in ("n", None):
        return None  # describing words have no picture
    found = _emoji_match(word, forms, lexname, COMPATIBLE_GROUPS)
    if found is None and pos == "n":
        found = _pictogram(forms, lexname)
    if found is None and pos == "n":
        # Last resort, for nouns nothing above pictures: wider groups (a "gift", a
        # possession, is drawn among activities; a "cup" is drawn with its drink).
        found = _emoji_match(word, forms, lexname, WIDER_GROUPS)
    singular = next((form for form in forms[1:] if _main_pos(form) == "n"), None)
    if found is None and singular is not None and _main_lexname(singular) != lexname:
        # A plural whose own entry means something else ("shoes": someone's situation)
        # is pictured as its singular's main sense (a shoe).
        found = match(singular)
    if found is None and pos == "n":
        found = _pictogram(forms, lexname, LAST_PICTOGRAM_SETS)
    return found


# --- Names ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def first_names() -> dict[str, int]:
    """US Census 1990 first names (PyPI package ``names``, MIT), name → rank in its list."""
    import names as names_package

    folder = Path(names_package.__file__).resolve().parent
    ranks: dict[str, int] = {}
    for filename in ("dist.female.first", "dist.male.first"):
        for line in (folder / filename).read_text().splitlines():
            parts = line.split()
            if len(parts) >= 4:
                name, rank = parts[0].lower(), int(parts[3])
                ranks[name] = min(rank, ranks.get(name, rank))
    return ranks


# Names that are also everyday words count as names only when typed with a capital and
# common as names ("Rose", "Bill"), so "rose" the flower keeps its picture.
COMMON_NAME_RANK = 300


def is_name(typed: str) -> bool:
    key = typed.strip().lower()
    rank = first_names().get(key)
    if rank is None:
        return False
    if not lexicon.is_dictionary_word(key):
        return True
    return typed.strip()[:1].isupper() and rank <= COMMON_NAME_RANK


# --- Cards -------------------------------------------------------------------------

CARD_SIZE = (640, 400)
CREAM = (253, 246, 227)
INK = (34, 40, 49)
SYLLABLE_COLOURS = [(20, 80, 160), (170, 60, 20)]  # dark blue, dark rust: both ≥ 4.5:1 on cream
BORDER = (210, 190, 150)


def _font(size: int, bold: bool = True):
    from PIL import ImageFont

    weight = 700 if bold else 400
    return ImageFont.truetype(str(FONT_DIR / f"atkinson-hyperlegible-latin-{weight}-normal.woff2"), size)


def _fit(parts: list[str], max_width: int, start: int):
    """The largest font (down from ``start``) that fits the parts on one line."""
    size = start
    while size > 24:
        font = _font(size)
        if font.getlength("".join(parts)) <= max_width:
            return font
        size -= 6
    return _font(24)


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def word_card(word: str, syllables: list[str]) -> bytes:
    """The word in a clear font, syllables in alternating colours, on a cream card."""
    from PIL import Image, ImageDraw

    parts = [part for part in syllables if part] or [word]
    if "".join(parts).lower() != word.lower():
        parts = [word]
    image = Image.new("RGB", CARD_SIZE, CREAM)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, CARD_SIZE[0] - 8, CARD_SIZE[1] - 8), radius=28, outline=BORDER, width=6)
    font = _fit(parts, CARD_SIZE[0] - 100, 150)
    x = (CARD_SIZE[0] - font.getlength("".join(parts))) / 2
    y = CARD_SIZE[1] / 2 - 20
    for i, part in enumerate(parts):
        draw.text((x, y), part, font=font, fill=SYLLABLE_COLOURS[i % 2], anchor="ls")
        x += font.getlength(part)
    if len(parts) > 1:
        small = _font(44, bold=False)
        draw.text((CARD_SIZE[0] / 2, CARD_SIZE[1] - 70), " · ".join(parts), font=small, fill=INK, anchor="mm")
    return _png(image)


def name_card(name: str) -> bytes:
    """A name badge: "Hello, my name is" above the name, capitalised as names are."""
    from PIL import Image, ImageDraw

    shown = name.strip()[:1].upper() + name.strip()[1:].lower()
    image = Image.new("RGB", CARD_SIZE, CREAM)
    draw = ImageDraw.Draw(image)
    band = (36, 110, 90)
    draw.rounded_rectangle((8, 8, CARD_SIZE[0] - 8, CARD_SIZE[1] - 8), radius=28, fill=band)
    draw.rectangle((8, 120, CARD_SIZE[0] - 8, CARD_SIZE[1] - 60), fill=CREAM)
    draw.text((CARD_SIZE[0] / 2, 66), "Hello, my name is", font=_font(46), fill=CREAM, anchor="mm")
    font = _fit([shown], CARD_SIZE[0] - 100, 130)
    draw.text((CARD_SIZE[0] / 2, 220), shown, font=font, fill=INK, anchor="mm")
    draw.text(
        (CARD_SIZE[0] / 2, CARD_SIZE[1] - 34), "a name", font=_font(30, bold=False), fill=CREAM, anchor="mm"
    )
    return _png(image)


# --- OpenAI images (only with OPENAI_API_KEY) ------------------------------------------

PROMPT = (
    "A simple, friendly, child-safe picture for a children's reading app showing: {word}. "
    "Flat colours, one clear subject on a plain cream background, no text, no letters, "
    "nothing scary or violent."
)
_SAFE_PROMPT_WORD = re.compile(r"^[a-z][a-z'-]{0,39}$")


class PictureNotMade(Exception):
    pass


def draw_with_openai(
    word: str, *, api_key: str, model: str, base_url: str | None = None, http_client=None
) -> bytes:
    """One PNG from OpenAI's images API; ``http_client`` lets tests hand in a mock transport."""
    import openai

    if not _SAFE_PROMPT_WORD.match(word) or not safety.is_child_safe_word(word):
        raise PictureNotMade("not a word we draw")
    client = openai.OpenAI(
        api_key=api_key, base_url=base_url, http_client=http_client, max_retries=1, timeout=60
    )
    try:
        result = client.images.generate(model=model, prompt=PROMPT.format(word=word), size="1024x1024", n=1)
    except openai.OpenAIError as error:
        raise PictureNotMade(str(error)[:200]) from None
    data = result.data[0].b64_json if result.data else None
    if not data:
        raise PictureNotMade("the images API sent no picture")
    png = base64.b64decode(data)
    if not png.startswith(b"\x89PNG"):
        raise PictureNotMade("the images API sent something that is not a PNG")
    return png
