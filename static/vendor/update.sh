#!/usr/bin/env bash
# Re-vendor the front-end assets in static/vendor/ from the npm registry.
#
# Needs npm and tar at vendoring time only; the app itself never runs Node and
# never loads anything from a CDN. Idempotent: every run wipes and rewrites the
# directories listed below, so running it twice with the same pins gives the
# same files. To upgrade, change a pin, run this, check the site, commit.
#
#   bash static/vendor/update.sh
set -euo pipefail

# ---- pinned versions -------------------------------------------------------
HTMX_VERSION="2.0.11"        # htmx.org  (stay on 2.x: 4.x is a breaking major)
CHARTJS_VERSION="4.6.1"      # chart.js  (4.x)
LEXEND_VERSION="5.3.0"       # @fontsource/lexend
ATKINSON_VERSION="5.3.0"     # @fontsource/atkinson-hyperlegible
OPENDYSLEXIC_VERSION="5.3.0" # @fontsource/opendyslexic
FLUENT_EMOJI_VERSION="1.2.6" # @iconify-json/fluent-emoji-flat (badge pictures)
# Only the badge pictures we use (rewards/badges.py, rewards templates).
FLUENT_EMOJI_ICONS="speaking-head star books trophy fire waving-hand sparkles glowing-star snowflake seedling"
# Font weights to copy (latin subset, normal style, woff2 only).
LEXEND_WEIGHTS="400 600 700"
ATKINSON_WEIGHTS="400 700"
OPENDYSLEXIC_WEIGHTS="400 700"
# ----------------------------------------------------------------------------

VENDOR_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATIC_DIR="$(dirname "$VENDOR_DIR")"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/vendor-update.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# fetch SPEC NAME: npm pack SPEC into $WORK and unpack it into $WORK/NAME
fetch() {
    local spec="$1" name="$2" tgz
    tgz="$(cd "$WORK" && npm pack --silent "$spec" 2>/dev/null | tail -n 1)"
    [ -f "$WORK/$tgz" ] || { echo "npm pack $spec failed" >&2; exit 1; }
    mkdir -p "$WORK/$name"
    tar -xzf "$WORK/$tgz" -C "$WORK/$name" --strip-components=1
    echo "fetched $spec" >&2
}

# copy SRC DEST_DIR: copy one file, failing loudly if it is missing
copy() {
    [ -f "$1" ] || { echo "missing in package: $1" >&2; exit 1; }
    install -D -m 0644 "$1" "$2/$(basename "$1")"
}

# fonts PKG_NAME FAMILY_SLUG WEIGHTS
fonts() {
    local pkg="$1" slug="$2" weights="$3" w
    local dest="$VENDOR_DIR/fonts/$slug"
    rm -rf "$dest"
    for w in $weights; do
        copy "$WORK/$pkg/files/$slug-latin-$w-normal.woff2" "$dest"
    done
    copy "$WORK/$pkg/LICENSE" "$dest"
}

fetch "htmx.org@$HTMX_VERSION" htmx
fetch "chart.js@$CHARTJS_VERSION" chartjs
fetch "@fontsource/lexend@$LEXEND_VERSION" lexend
fetch "@fontsource/atkinson-hyperlegible@$ATKINSON_VERSION" atkinson
fetch "@fontsource/opendyslexic@$OPENDYSLEXIC_VERSION" opendyslexic
fetch "@iconify-json/fluent-emoji-flat@$FLUENT_EMOJI_VERSION" fluentemoji

# htmx
rm -rf "$VENDOR_DIR/htmx"
copy "$WORK/htmx/dist/htmx.min.js" "$VENDOR_DIR/htmx"
copy "$WORK/htmx/LICENSE" "$VENDOR_DIR/htmx"

# Chart.js (UMD build; exposes window.Chart)
rm -rf "$VENDOR_DIR/chartjs"
copy "$WORK/chartjs/dist/chart.umd.min.js" "$VENDOR_DIR/chartjs"
copy "$WORK/chartjs/LICENSE.md" "$VENDOR_DIR/chartjs"
# The build ends with "//# sourceMappingURL=chart.umd.min.js.map". We do not
# ship the ~1 MB map, and ManifestStaticFilesStorage (collectstatic) fails on
# a sourceMappingURL pointing at a missing file, so drop that comment.
sed -i '/^\/\/# sourceMappingURL=/d' "$VENDOR_DIR/chartjs/chart.umd.min.js"

# Fonts
fonts lexend lexend "$LEXEND_WEIGHTS"
fonts atkinson atkinson-hyperlegible "$ATKINSON_WEIGHTS"
fonts opendyslexic opendyslexic "$OPENDYSLEXIC_WEIGHTS"

# Fluent Emoji Flat: the set ships as one IconifyJSON file; write each icon we use as an SVG.
rm -rf "$VENDOR_DIR/fluent-emoji"
mkdir -p "$VENDOR_DIR/fluent-emoji"
python3 - "$WORK/fluentemoji/icons.json" "$VENDOR_DIR/fluent-emoji" $FLUENT_EMOJI_ICONS <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
for name in sys.argv[3:]:
    icon = data["icons"][name]
    width, height = icon.get("width", data.get("width", 16)), icon.get("height", data.get("height", 16))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}">{icon["body"]}</svg>\n')
    open(f"{sys.argv[2]}/{name}.svg", "w").write(svg)
PY
printf 'Fluent Emoji Flat (Microsoft Corporation), MIT licence:\nhttps://github.com/microsoft/fluentui-emoji/blob/main/LICENSE\nIconifyJSON packaging: @iconify-json/fluent-emoji-flat %s (MIT).\n' \
    "$FLUENT_EMOJI_VERSION" > "$VENDOR_DIR/fluent-emoji/LICENSE"

# ---- checks ----------------------------------------------------------------
fail=0
grep -q "version:\"$HTMX_VERSION\"" "$VENDOR_DIR/htmx/htmx.min.js" \
    || { echo "htmx.min.js does not carry version $HTMX_VERSION" >&2; fail=1; }
head -c 200 "$VENDOR_DIR/chartjs/chart.umd.min.js" | grep -q "Chart.js v$CHARTJS_VERSION" \
    || { echo "chart.umd.min.js banner is not v$CHARTJS_VERSION" >&2; fail=1; }
while IFS= read -r f; do
    [ "$(head -c 4 "$f")" = "wOF2" ] || { echo "not a woff2 file: $f" >&2; fail=1; }
done < <(find "$VENDOR_DIR/fonts" -name '*.woff2')
# Every url() in static/css/fonts.css must point at a file that exists.
if [ -f "$STATIC_DIR/css/fonts.css" ]; then
    while IFS= read -r url; do
        [ -f "$STATIC_DIR/css/$url" ] || { echo "fonts.css references missing $url" >&2; fail=1; }
    done < <(grep -o 'url("[^"]*")' "$STATIC_DIR/css/fonts.css" | sed 's/^url("//; s/")$//')
fi
[ "$fail" = 0 ] || exit 1

echo "vendored into $VENDOR_DIR:" >&2
(cd "$VENDOR_DIR" && find htmx chartjs fonts fluent-emoji -type f | sort | xargs ls -l) >&2
