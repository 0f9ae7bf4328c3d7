#!/usr/bin/env bash
# Refresh the gettext catalogs after changing translatable text in templates or code:
# extract every message into jdgen/locale/jdgen.pot, then merge it into each language's
# .po file. New messages arrive untranslated; translate them (tests fail until you do).
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel=.venv/bin/pybabel
$pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 --no-location --sort-output \
  --project jdgen --copyright-holder "The jdgen developers" -o jdgen/locale/jdgen.pot .
for po in jdgen/locale/*/LC_MESSAGES/jdgen.po; do
  $pybabel update --no-fuzzy-matching --ignore-obsolete -i jdgen/locale/jdgen.pot -o "$po" \
    -l "$(basename "$(dirname "$(dirname "$po")")")"
done
