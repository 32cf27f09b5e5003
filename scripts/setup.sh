#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks for `npm start` and `npm test`, then the npm packages.
# Debian packages: chromium (the e2e browser), ripgrep (code-server's search, pre-seeded so nothing is
# downloaded), libkrb5-dev (headers for a native module of code-server), python3-numpy (the trainer's
# reference in the unit tests). Uses sudo only when not already root.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
python3 -c 'import numpy' >/dev/null 2>&1 || need+=(python3-numpy)
if [ ${#need[@]} -gt 0 ]; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  echo "== apt-get install ${need[*]} =="
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "== npm ci =="
npm ci --no-audit --no-fund
