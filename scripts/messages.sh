#!/usr/bin/env bash
# The message catalogues: extract msgids from code and templates, merge them into the
# Chinese and English catalogues, and compile those (docs/webapp.md, "Languages and translations").
#   scripts/messages.sh            extract + update + compile
#   scripts/messages.sh compile    compile only (the app also does this on first use)
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=${PYBABEL:-$(test -x .venv/bin/pybabel && echo .venv/bin/pybabel || echo pybabel)}
LOCALES=src/kuaibao/locales
POT=$(mktemp --suffix=.pot)  # the template is a step, not a file to keep
trap 'rm -f "$POT"' EXIT

if [[ "${1:-all}" != compile ]]; then
	"$PYBABEL" -q extract -F babel.cfg --no-location --sort-output --width 100 \
		--project kuaibao --copyright-holder "kuaibao contributors" -o "$POT" . >/dev/null
	# Dotted keys are the msgids: a similar key is no translation, and a key no code uses
	# any more is dead (keys built from data are listed in web/core/message_keys.py).
	# --ignore-pot-creation-date: the catalogues change only when a message does.
	"$PYBABEL" -q update -i "$POT" -d "$LOCALES" -D kuaibao --no-fuzzy-matching \
		--ignore-obsolete --ignore-pot-creation-date --width 100
fi
"$PYBABEL" compile -d "$LOCALES" -D kuaibao --statistics
