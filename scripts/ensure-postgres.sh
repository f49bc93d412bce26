#!/usr/bin/env bash
# The sync server's tests run on SQLite and on PostgreSQL. Machines of this kind run
# PostgreSQL on 127.0.0.1:5432 (trust auth); if it has stopped, start it again when we
# may, or say how. GLOSS_TEST_PG_ADMIN points the tests at another server.
set -euo pipefail
url="${GLOSS_TEST_PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}"
if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -d "$url"; then exit 0; fi
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "PostgreSQL is not answering: starting cluster $version/main..."
  if [ "$(id -u)" -eq 0 ]; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -d "$url" && exit 0
    sleep 1
  done
fi
cat >&2 <<MSG
The sync server's tests need PostgreSQL at $url (trust authentication),
and it is not answering. Start it (on Debian: sudo pg_ctlcluster <version> main start),
or set GLOSS_TEST_PG_ADMIN to a PostgreSQL URL whose user may create databases.
MSG
exit 1
