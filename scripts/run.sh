#!/usr/bin/env bash
# Set up everything accessible-pub needs on a Debian machine, then run one job.
#
#   bash scripts/run.sh build [ARGS...]   set up, then build content/ into output/
#   bash scripts/run.sh test  [ARGS...]   set up with the test tools, then run the tests
#   bash scripts/run.sh bench             set up, then print the benchmark figures
#
# Safe to run again: each step is skipped when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

job=${1:-build}
[ $# -gt 0 ] && shift

# Debian packages. Pango/HarfBuzz for WeasyPrint; espeak-ng for the offline fallback voice;
# python3-venv for the venv; liblouis-bin for the braille files. The tests also need ffmpeg (to
# decode MP3 with another decoder), Chromium (pages are tested in a real browser), epubcheck (with
# Java), npm (for axe-core), zbar-tools and poppler-utils (to read the QR codes on rendered PDF
# pages), daisy-player (to open the talking books) and w3c-sgml-lib (the XHTML and SMIL DTDs).
packages=(python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig espeak-ng liblouis-bin)
if [ "$job" = test ]; then
  packages+=(ffmpeg chromium epubcheck default-jre-headless zbar-tools poppler-utils daisy-player w3c-sgml-lib)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Python environment, reinstalled only when pyproject.toml changes.
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
extras="."
[ "$job" = test ] || [ "$job" = bench ] && extras=".[test]"
stamp=".venv/.accessible-pub-$(sha256sum pyproject.toml | cut -c1-16)-${extras//[^a-z]/}"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e "$extras"
  touch "$stamp"
fi

# axe-core for the accessibility checks in the browser tests, DAISY Ace for the read-along
# books. --ignore-scripts: Ace's optional Electron runner would download a browser; the
# Puppeteer runner uses Debian's Chromium instead.
if [ "$job" = test ] && { [ ! -f tests/js/node_modules/axe-core/axe.min.js ] \
  || [ ! -x tests/js/node_modules/.bin/ace-puppeteer ]; }; then
  npm ci --prefix tests/js --ignore-scripts --no-audit --no-fund --loglevel=error
fi

case "$job" in
  build) exec .venv/bin/accessible-pub build "$@" ;;
  test) exec .venv/bin/python -m pytest "$@" ;;
  bench) exec .venv/bin/python bench/build.py "$@" ;;
  *) echo "usage: bash scripts/run.sh build|test|bench [ARGS...]" >&2; exit 2 ;;
esac
