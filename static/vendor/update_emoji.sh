#!/usr/bin/env bash
# Re-vendor the explorer's emoji drawings and annotations (see update_emoji.py).
# Needs npm at vendoring time only; installs into a temporary folder.
set -euo pipefail
EMOJIBASE_VERSION="17.0.0"        # emojibase-data (MIT)
FLUENT_FLAT_VERSION="1.2.6"       # @iconify-json/fluent-emoji-flat (MIT)
MDI_VERSION="1.2.3"               # @iconify-json/mdi (Apache-2.0), pictograms
HEALTHICONS_VERSION="1.2.13"      # @iconify-json/healthicons (MIT), pictograms
TEMAKI_VERSION="1.2.6"            # @iconify-json/temaki (CC0-1.0), pictograms
MAKI_VERSION="1.2.5"              # @iconify-json/maki (CC0-1.0), pictograms
MATERIAL_SYMBOLS_VERSION="1.2.98" # @iconify-json/material-symbols (Apache-2.0), pictograms
TABLER_VERSION="1.2.41"           # @iconify-json/tabler (MIT), pictograms
GAME_ICONS_VERSION="1.2.4"        # @iconify-json/game-icons (CC-BY-3.0), pictograms
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/emoji-update.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
npm install --silent --no-save --no-package-lock --prefix "$WORK" \
    "emojibase-data@$EMOJIBASE_VERSION" "@iconify-json/fluent-emoji-flat@$FLUENT_FLAT_VERSION" \
    "@iconify-json/mdi@$MDI_VERSION" "@iconify-json/healthicons@$HEALTHICONS_VERSION" \
    "@iconify-json/temaki@$TEMAKI_VERSION" "@iconify-json/maki@$MAKI_VERSION" \
    "@iconify-json/material-symbols@$MATERIAL_SYMBOLS_VERSION" "@iconify-json/tabler@$TABLER_VERSION" \
    "@iconify-json/game-icons@$GAME_ICONS_VERSION"
# The project's Python: the pictogram filter reads WordNet through lexicon/.
"${PYTHON:-$HERE/../../.venv/bin/python}" "$HERE/update_emoji.py" "$WORK/node_modules"
