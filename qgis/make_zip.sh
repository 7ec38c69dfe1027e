#!/usr/bin/env bash
# Builds the QGIS plugin zip (for Plugins → Manage and Install Plugins → Install from ZIP).
#   qgis/make_zip.sh [OUT.zip]      default: qgis/panhuo-<version>.zip
# The Chinese translation (i18n/panhuo_zh_CN.qm) is rebuilt from its .ts into the zip when
# lrelease is there (Debian: qttools5-dev-tools); otherwise the .qm of the folder is packed.
# The folder itself is left as it is.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="$(sed -n 's/^version=//p' "$here/panhuo/metadata.txt")"
out="${1:-$here/panhuo-$version.zip}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
# every file of the folder but Python's caches, under panhuo/ as QGIS expects
python3 -c 'import shutil, sys; shutil.copytree(sys.argv[1], sys.argv[2], ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))' \
  "$here/panhuo" "$stage/panhuo"
lrelease_bin="$(command -v lrelease || true)"
[ -z "$lrelease_bin" ] && [ -x /usr/lib/qt5/bin/lrelease ] && lrelease_bin=/usr/lib/qt5/bin/lrelease
if [ -n "$lrelease_bin" ]; then
  "$lrelease_bin" -silent "$stage/panhuo/i18n/panhuo_zh_CN.ts" -qm "$stage/panhuo/i18n/panhuo_zh_CN.qm"
fi
[ -f "$stage/panhuo/i18n/panhuo_zh_CN.qm" ] || { echo "make_zip: no i18n/panhuo_zh_CN.qm and no lrelease to build it" >&2; exit 1; }
rm -f "$out"
(cd "$stage" && python3 - "$out" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk("panhuo"):
        dirs.sort()
        for name in sorted(files):
            z.write(os.path.join(root, name))
PY
)
echo "$out"
