#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 with a database `test` for the
# store tests: start the local cluster if it is down, install it if it is missing.
# Tests still skip (printing why) when this cannot be done, e.g. without root.
set -uo pipefail
url_host=127.0.0.1
ready() { pg_isready -q -h "$url_host" -p 5432 >/dev/null 2>&1; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "kuaibao: installing PostgreSQL for the tests"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null || true
  fi
fi
if ! ready && command -v pg_ctlcluster >/dev/null 2>&1; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$version" ]; then
    $sudo pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do ready && break; sleep 0.5; done
  fi
fi
if ! ready; then
  echo "kuaibao: no PostgreSQL on $url_host:5432; PostgreSQL tests will be skipped" >&2
  exit 0
fi
# A database `test` reachable without a password (trust on loopback, as CI machines have).
if ! psql -h "$url_host" -U postgres -d test -c 'select 1' >/dev/null 2>&1; then
  $sudo -u postgres true 2>/dev/null || true
  su postgres -c "psql -q -c 'CREATE DATABASE test'" >/dev/null 2>&1 || true
fi
exit 0
