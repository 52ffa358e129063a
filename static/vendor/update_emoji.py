"""Vendor the explorer's offline pictures: emoji annotations and their drawings.

Reads two npm packages from a node_modules folder (install them at build time with
``bash static/vendor/update_emoji.sh``, which runs this) and writes:

* ``static/vendor/fluent-emoji-flat/<hexcode>.svg``: one drawing per emoji we may show
  (@iconify-json/fluent-emoji-flat, MIT, Microsoft's Fluent Emoji), plus its LICENSE;
* ``dynamic/data/emoji_index.json``: each kept emoji's English name and keywords
  (emojibase-data, MIT; its names and keywords are Unicode CLDR annotations,
  Unicode License v3).

Only the groups a word can be a picture of are kept (people and activities, animals
and plants, food, places and transport, things); faces, symbols, flags and skin-tone
variants are left out, which keeps the drawings at a few MB.

It also vendors **pictograms** for the common nouns emoji lack (city, table, mother…):

* ``static/vendor/pictograms/mdi/<name>.svg`` from Material Design Icons
  (``@iconify-json/mdi``, Apache-2.0, Pictogrammers), with its LICENSE, drawn in one dark
  teal instead of black. (IconPark's multicolour set was tried and left out: its one-word
  names too often mean something else, e.g. "gate" is a Japanese torii, "belt" a strip.)
* ``static/vendor/pictograms/{healthicons,temaki,maki}/``: Health Icons (MIT), Temaki and Maki
  (CC0), and as a last tier ``{material-symbols,tabler,game-icons}/``: Material Symbols
  (Apache-2.0), Tabler (MIT) and Game Icons (CC BY 3.0, credited under each picture);
* ``dynamic/data/pictogram_index.json``: each kept icon's set, name and category.

Only icons a word can match are kept: a one-word name that is a WordNet noun, in a
category of real things (no arrows, charts, editing, brands, games or weapons).

    .venv/bin/python static/vendor/update_emoji.py /path/to/node_modules
"""

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUT_SVG = ROOT / "static" / "vendor" / "fluent-emoji-flat"
OUT_INDEX = ROOT / "dynamic" / "data" / "emoji_index.json"
OUT_PICTOGRAMS = ROOT / "static" / "vendor" / "pictograms"
OUT_PICTOGRAM_INDEX = ROOT / "dynamic" / "data" / "pictogram_index.json"
# Iconify set → the categories of real things whose icons we keep. Anything else (arrows,
# charts, text, UI, brands, games and weapons) is left out.
PICTOGRAM_SETS = {
    "mdi": {
        "Account / User",
        "Agriculture",
        "Animal",
        "Automotive",
        "Clothing",
        "Food / Drink",
        "Holiday",
        "Home Automation",
        "Medical / Hospital",
        "Music",
        "Nature",
        "People / Family",
        "Places",
        "Religion",
        "Science",
        "Sport",
        "Transportation + Flying",
        "Transportation + Other",
        "Transportation + Road",
        "Transportation + Water",
        "Weather",
        "Hardware / Tools",
    },
    # Health Icons (MIT): body parts, people by role, places. Not its symbols, devices,
    # conditions or medicines.
    "healthicons": {"Body", "People", "Places"},
    # Temaki and Maki (CC0): map icons of places and the things in them. Neither set has
    # categories, so every icon is a candidate under one category named after the set;
    # dynamic/pictures.py says which kinds of word each may picture.
    "temaki": None,
    "maki": None,
    # Tried last, for the nouns none of the above draws (a desk, a barrel, a river): Material
    # Symbols (Apache-2.0) in its categories of things and places, Tabler (MIT) and Game Icons
    # (CC BY 3.0: credited under each picture). Tabler's and Game Icons' sets have no
    # categories; dynamic/pictures.py says which kinds of word each may picture.
    "material-symbols": {"Household", "Home", "Travel", "Maps", "Images", "Audio & Video"},
    "tabler": None,
    "game-icons": None,
}
SET_CATEGORY = {
    "temaki": "Map things",
    "maki": "Map places",
    "tabler": "Outline things",
    "game-icons": "Game things",
}
# Never vendored: parts of the body a children's reading app does not draw.
SKIPPED = {"anus", "penis", "vagina", "prostate", "testicles", "breasts", "colon"}
# Licence texts the package doesn't ship and Debian's common-licenses lacks (MIT needs its notice).
MIT_TEXT = """MIT License

Copyright (c) {holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""
MIT_HOLDERS = {
    "healthicons": "2021 Resolve to Save Lives",  # github.com/resolvetosavelives/healthicons LICENSE
    "tabler": "2020-2024 Paweł Kuna",  # github.com/tabler/tabler-icons LICENSE
}
# CC BY 3.0 asks for credit: the explorer shows it under each picture from the set
# (dynamic.pictures.CREDITS), and the set's LICENSE file says so.
CC_BY_TEXT = """Creative Commons Attribution 3.0 Unported (CC BY 3.0)
https://creativecommons.org/licenses/by/3.0/

The icons are by Lorc, Delapouite and the other contributors listed at https://game-icons.net,
used unchanged except for their colour. The explorer credits the set under every picture it shows from it.
"""
MONOCHROME_COLOUR = "#1f5a73"  # dark teal: mdi icons are drawn in currentColor
# emojibase groups: 0 smileys & emotion, 1 people & body, 2 components, 3 animals & nature,
# 4 food & drink, 5 travel & places, 6 activities, 7 objects, 8 symbols, 9 flags.
KEPT_GROUPS = {0, 1, 3, 4, 5, 6, 7}
GROUP_NAMES = {0: "faces", 1: "people", 3: "nature", 4: "food", 5: "places", 6: "activities", 7: "objects"}


def main(node_modules: Path) -> None:
    emoji = json.loads((node_modules / "emojibase-data" / "en" / "data.json").read_text())
    iconify = node_modules / "@iconify-json" / "fluent-emoji-flat"
    icons = json.loads((iconify / "icons.json").read_text())
    chars = json.loads((iconify / "chars.json").read_text())
    width, height = icons.get("width", 16), icons.get("height", 16)

    if OUT_SVG.exists():
        shutil.rmtree(OUT_SVG)
    OUT_SVG.mkdir(parents=True)
    index = []
    for entry in emoji:
        if entry.get("group") not in KEPT_GROUPS:
            continue
        hexcode = entry["hexcode"].lower()
        name = chars.get(hexcode) or chars.get(hexcode.replace("-fe0f", ""))
        icon = icons["icons"].get(name) if name else None
        if icon is None:
            continue  # no drawing: never offer a picture we cannot show
        w, h = icon.get("width", width), icon.get("height", height)
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w * 8}" '
            f'height="{h * 8}">{icon["body"]}</svg>'
        )
        (OUT_SVG / f"{hexcode}.svg").write_text(svg)
        index.append(
            {
                "hex": hexcode,
                "emoji": entry["emoji"],
                "label": entry["label"],
                "tags": entry.get("tags", []),
                "group": GROUP_NAMES[entry["group"]],
            }
        )
    shutil.copy(node_modules / "emojibase-data" / "LICENSE", OUT_INDEX.parent / "EMOJIBASE-LICENSE")
    licence = iconify / "LICENSE"
    (OUT_SVG / "LICENSE").write_text(
        licence.read_text()
        if licence.exists()
        else "Fluent Emoji (c) Microsoft Corporation, MIT licence: "
        "https://github.com/microsoft/fluentui-emoji/blob/main/LICENSE\n"
        "Packaged for npm as @iconify-json/fluent-emoji-flat (MIT).\n"
    )
    OUT_INDEX.write_text(json.dumps(index, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
    print(f"kept {len(index)} emoji with drawings", file=sys.stderr)
    vendor_pictograms(node_modules)


def _pictogram_names(icons: dict, aliases: dict, categories: dict[str, str]) -> dict[str, str]:
    """word → icon name for the icons we keep: one-word names that are WordNet nouns."""
    from dynamic import pictures
    from lexicon import wordnet

    kept: dict[str, str] = {}
    for name in sorted(set(icons) | set(aliases)):
        base = name.removesuffix("-one")
        if not base.isalpha() or not base.islower() or (base != name and base in icons):
            continue
        if base in SKIPPED or base in pictures.UNSHOWN:
            continue
        target = name
        while target not in icons and target in aliases:
            target = aliases[target]["parent"]
        category = categories.get(name) or categories.get(target)
        if target not in icons or category is None:
            continue
        if not wordnet.is_lemma(base, "n") or _is_weapon(base):
            continue
        if category == "Game things" and pictures._main_lexname(base) not in pictures.PICTOGRAM_CATEGORIES[category]:
            continue  # Game Icons' acts and feelings (a decapitation, despair) are never wanted
        kept.setdefault(base, name)
    return kept


def _is_weapon(word: str) -> bool:
    """Game Icons draws many weapons under plain names ("rifle", "mace"): WordNet files them
    under weapon or weaponry, and none is vendored."""
    from dynamic import pictures

    return any(pictures._is_kind_of(word, kind, 8) for kind in ("weapon", "weaponry", "ammunition"))


def vendor_pictograms(node_modules: Path) -> None:
    if OUT_PICTOGRAMS.exists():
        shutil.rmtree(OUT_PICTOGRAMS)
    rows = []
    for prefix, wanted in PICTOGRAM_SETS.items():
        folder = node_modules / "@iconify-json" / prefix
        data = json.loads((folder / "icons.json").read_text())
        metadata = json.loads((folder / "metadata.json").read_text())
        info = json.loads((folder / "info.json").read_text())
        icons, aliases = data["icons"], data.get("aliases", {})
        if wanted is None:
            categories = dict.fromkeys(set(icons) | set(aliases), SET_CATEGORY[prefix])
        else:
            categories = {
                name: category
                for category, names in metadata.get("categories", {}).items()
                if category in wanted
                for name in names
            }
        out = OUT_PICTOGRAMS / prefix
        out.mkdir(parents=True)
        for word, name in sorted(_pictogram_names(icons, aliases, categories).items()):
            target = name
            while target not in icons:
                target = aliases[target]["parent"]
            icon = icons[target]
            w, h = icon.get("width", data.get("width", 16)), icon.get("height", data.get("height", 16))
            colour = "" if info.get("palette") else f' color="{MONOCHROME_COLOUR}"'
            (out / f"{word}.svg").write_text(
                f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="256" '
                f'height="256"{colour}>{icon["body"]}</svg>'
            )
            category = categories.get(name) or categories.get(target)
            rows.append({"set": prefix, "name": word, "icon": name, "category": category})
        licence = info["license"]
        (out / "LICENSE").write_text(
            f"{info['name']} {info.get('version', '')} by {info['author']['name']} "
            f"({info['author'].get('url', '')})\n"
            f"Licence: {licence['title']} ({licence['spdx']}), {licence['url']}\n"
            f"Packaged for npm as @iconify-json/{prefix} {json.loads((folder / 'package.json').read_text())['version']}.\n"
            + (
                "Icons drawn in currentColor are written here in " + MONOCHROME_COLOUR + ".\n"
                if not info.get("palette")
                else ""
            )
        )
        full_text = Path("/usr/share/common-licenses") / licence["spdx"]  # Debian's copy of the text
        if prefix in MIT_HOLDERS:
            text = MIT_TEXT.format(holder=MIT_HOLDERS[prefix])
        elif licence["spdx"] == "CC-BY-3.0":
            text = CC_BY_TEXT
        else:
            text = full_text.read_text() if full_text.exists() else ""
        if text:
            (out / "LICENSE").write_text((out / "LICENSE").read_text() + "\n" + text)
    OUT_PICTOGRAM_INDEX.write_text(json.dumps(rows, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
    print(f"kept {len(rows)} pictograms", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
