#!/usr/bin/env bash
# Installs what jointplan needs on a fresh Debian machine; installs nothing that is already there.
#   Tools/setup.sh          GLPK's and SQLite's headers and libraries (libglpk-dev, libsqlite3-dev), needed to build
#   Tools/setup.sh --test   also what the test suite uses: glpsol (glpk-utils) to cross-check exported
#                           models, Python's icalendar to parse the .ics files, Chromium to render report.html
set -euo pipefail

packages=()
[ -f /usr/include/glpk.h ] || packages+=(libglpk-dev)
[ -f /usr/include/sqlite3.h ] || packages+=(libsqlite3-dev)   # GRDB (the intake workspace) links SQLite
if [ "${1:-}" = "--test" ]; then
  command -v glpsol >/dev/null 2>&1 || packages+=(glpk-utils)
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
fi

if [ ${#packages[@]} -gt 0 ]; then
  echo "setup: installing ${packages[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

if [ "${1:-}" = "--test" ]; then
  python3 -c 'import icalendar' 2>/dev/null || python3 -m pip install -q icalendar
fi
command -v swift >/dev/null 2>&1 || { echo "setup: swift (6.x) is not on PATH" >&2; exit 1; }
