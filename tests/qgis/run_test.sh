#!/bin/sh
# Runs test_provider.py headless with a Python that has QGIS's bindings (Debian's python3-qgis
# is for /usr/bin/python3, which another python3 first on the PATH may hide); exits 77, which
# CTest counts as skipped, where there is none.
here="$(cd "$(dirname "$0")" && pwd)"
for py in /usr/bin/python3 python3; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import qgis.core' >/dev/null 2>&1; then
    QT_QPA_PLATFORM=offscreen exec "$py" "$here/test_provider.py" "$@"
  fi
done
echo "QgisProvider: skipped: python3 -c 'import qgis' fails (Debian packages qgis, python3-qgis, qgis-providers)"
exit 77
