#!/usr/bin/env bash
# Fetch the web app's third-party JavaScript (htmx) from the npm registry.
# Vendored files are not committed (see .gitignore); pages work without them, htmx only
# enhances plain forms and links. Idempotent: does nothing when the file is present.
set -euo pipefail
HTMX_VERSION="2.0.4"
here=$(cd "$(dirname "$0")" && pwd)
target="$here/../src/kuaibao/web/static/vendor/htmx.min.js"
[ -s "$target" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
  echo "kuaibao: npm not found; the web app runs without htmx (install npm and run $0)" >&2
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "htmx.org@$HTMX_VERSION" >/dev/null && tar -xzf htmx.org-*.tgz)
mkdir -p "$(dirname "$target")"
cp "$tmp/package/dist/htmx.min.js" "$target"
echo "kuaibao: fetched htmx $HTMX_VERSION into src/kuaibao/web/static/vendor/"
