#!/usr/bin/env bash
# A local PostgreSQL for the server's storage tests, on loopback only. Idempotent: installs Debian's
# postgresql when missing, starts the first cluster, creates the role and database `formacoop`.
# Prints the line that exports DATABASE_URL: `eval "$(bash scripts/ci-postgres.sh)"`.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "== installing postgresql" >&2
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >/dev/null
fi

cluster=main
version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1 || true)
if [ -z "$version" ]; then
  # Installed without a cluster (or the cluster was dropped): make one with the installed server.
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_createcluster "$version" "$cluster" >&2
fi
conf=/etc/postgresql/$version/$cluster
changed=0
# Loopback only: nothing on the network reaches the test database.
if ! grep -q "^listen_addresses = '127.0.0.1'" "$conf/postgresql.conf"; then
  echo "listen_addresses = '127.0.0.1'" >>"$conf/postgresql.conf"
  changed=1
fi
# The concurrency tests open a pool per server; 100 connections is Debian's default, keep headroom.
if ! grep -q '^max_connections = 200' "$conf/postgresql.conf"; then
  echo 'max_connections = 200' >>"$conf/postgresql.conf"
  changed=1
fi

status=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}')
if [ "$status" != "online" ]; then
  pg_ctlcluster "$version" "$cluster" start >&2
elif [ "$changed" = 1 ]; then
  # The package's own start (on install) ran before these settings: apply them.
  pg_ctlcluster "$version" "$cluster" restart >&2
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 >&2

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtA $*"; }
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = 'formacoop'\"")" != "1" ]; then
  psql_admin "-c \"CREATE ROLE formacoop LOGIN PASSWORD 'formacoop'\"" >&2
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = 'formacoop'\"")" != "1" ]; then
  psql_admin "-c \"CREATE DATABASE formacoop OWNER formacoop\"" >&2
fi

echo "export DATABASE_URL=postgres://formacoop:formacoop@127.0.0.1:5432/formacoop"
