#!/usr/bin/env bash
# Redraws docs/qgis_dialog.png and docs/qgis_result.png with QGIS desktop under Xvfb: a fresh
# profile in Chinese with this folder's plugin installed, the 存量土地扫描 dialog on the sample
# county, then the scan run and its layers loaded with their stored styles.
#   qgis/screenshots.sh [ENGINE]      default: build/panhuo
# Needs qgis, xvfb (xvfb-run) and fonts-noto-cjk.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
engine="$(realpath "${1:-$root/build/panhuo}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
profile="$work/profiles/default"
mkdir -p "$profile/python/plugins" "$profile/QGIS"
cp -r "$root/qgis/panhuo" "$profile/python/plugins/"
cat > "$profile/QGIS/QGIS3.ini" <<INI
[PythonPlugins]
panhuo=true

[locale]
overrideFlag=true
userLocale=zh-Hans
globalLocale=zh-Hans

[Processing]
Configuration\\PANHUO_ENGINE=$engine

[qgis]
checkVersion=false
INI
PANHUO_SAMPLE="$root/datasets/sample_county.gpkg" PANHUO_SHOTS="$work" PANHUO_ENGINE="$engine" \
  timeout 300 xvfb-run -a -s "-screen 0 1600x1000x24" \
  qgis --profiles-path "$work" --noversioncheck --nologo --code "$root/qgis/screenshots.py" >/dev/null 2>&1 || true
[ -s "$work/dialog.png" ] && [ -s "$work/result.png" ] || { cat "$work/log.txt" 2>/dev/null; echo "screenshots: QGIS drew nothing" >&2; exit 1; }
cp "$work/dialog.png" "$root/docs/qgis_dialog.png"
cp "$work/result.png" "$root/docs/qgis_result.png"
echo "wrote docs/qgis_dialog.png docs/qgis_result.png"
