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

    python static/vendor/update_emoji.py /path/to/node_modules
"""

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT_SVG = ROOT / "static" / "vendor" / "fluent-emoji-flat"
OUT_INDEX = ROOT / "dynamic" / "data" / "emoji_index.json"
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


if __name__ == "__main__":
    main(Path(sys.argv[1]))
