#!/usr/bin/env bash
# Builds the QGIS plugin zip (for Plugins → Manage and Install Plugins → Install from ZIP).
#   qgis/make_zip.sh [OUT.zip]      default: qgis/panhuo-<version>.zip
# Rebuilds the Chinese translation (i18n/panhuo_zh_CN.qm) from its .ts when lrelease is there
# (Debian: qttools5-dev-tools); otherwise the .qm in the folder is packed as it is.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="$(sed -n 's/^version=//p' "$here/panhuo/metadata.txt")"
out="${1:-$here/panhuo-$version.zip}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
lrelease_bin="$(command -v lrelease || true)"
[ -z "$lrelease_bin" ] && [ -x /usr/lib/qt5/bin/lrelease ] && lrelease_bin=/usr/lib/qt5/bin/lrelease
if [ -n "$lrelease_bin" ]; then
  "$lrelease_bin" -silent "$here/panhuo/i18n/panhuo_zh_CN.ts" -qm "$here/panhuo/i18n/panhuo_zh_CN.qm"
fi
[ -f "$here/panhuo/i18n/panhuo_zh_CN.qm" ] || { echo "make_zip: no i18n/panhuo_zh_CN.qm and no lrelease to build it" >&2; exit 1; }
rm -f "$out"
# every file of the folder but Python's caches, under panhuo/ as QGIS expects
(cd "$here" && python3 - "$out" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk("panhuo"):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if not name.endswith(".pyc"):
                z.write(os.path.join(root, name))
PY
)
echo "$out"
