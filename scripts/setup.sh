#!/usr/bin/env bash
# Install everything jdgen needs on Debian (bookworm) into ./.venv.
#
#   bash scripts/setup.sh          system libraries for PDFs, then jdgen with its pdf extra
#   bash scripts/setup.sh --test   also the test tools: poppler-utils, Chromium, test extras,
#                                  and the HTML validators (Java, Node's npm, tests/validators)
#
# System packages are installed with apt-get (as root, or through sudo). Python
# packages go into a virtual environment in .venv, pinned by scripts/constraints.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
[[ "${1:-}" == "--test" ]] && with_tests=1

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-inter)
if (( with_tests )); then
  # poppler-utils: pdftotext/pdfdetach in PDF tests. chromium + libatomic1: browser tests.
  # git: the pre-commit hook tests run the real pre-commit in a git repository.
  packages+=(poppler-utils chromium libatomic1 git)
  # The HTML validators (tests/test_validators.py): the Nu Html Checker runs on Java, and
  # npm installs it and axe-core. Debian's packages only where there is none already (a
  # Node or Java from elsewhere stays as it is).
  command -v npm >/dev/null || packages+=(nodejs npm)
  command -v java >/dev/null || packages+=(default-jre-headless)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if (( ${#missing[@]} )); then
  if ! command -v apt-get >/dev/null; then
    echo "setup: please install these system packages: ${missing[*]}" >&2
    exit 2
  fi
  sudo=""
  (( EUID == 0 )) || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
[[ -x .venv/bin/python ]] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
extras="[pdf]"
(( with_tests )) && extras="[pdf,test]"
.venv/bin/python -m pip install -q -c scripts/constraints.txt -e ".${extras}"
if (( with_tests )); then
  # The versions pinned in tests/validators/package-lock.json. --ignore-scripts: vnu-jar's
  # install script would download a Java; the one above runs it.
  npm ci --ignore-scripts --no-audit --no-fund --prefix tests/validators >/dev/null
fi
