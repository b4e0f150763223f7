#!/usr/bin/env bash
# Catalog at size (issue 19): with ROWS backup rows (SERIALS servers x ROWS/SERIALS backups each), one serial's
# history (goal < 50 ms) and the fleet overview, newest good backup per server (goal < 1 s), on SQLite and on
# PostgreSQL (Debian's, started here in a temporary folder as the postgres user; skipped when not installed).
#   ROWS=1000000 SERIALS=10000 bench/catalog-size/run.sh
# Prints each figure, its ratio to a baseline of ROWS/100 rows measured in the same run, and its share of the goal.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rows="${ROWS:-1000000}" serials="${SERIALS:-10000}"
work="$(mktemp -d /tmp/ilobackup-catalog-size-XXXXXX)"; chmod 755 "$work"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
as_pg=(); [ "$(id -u)" = "0" ] && as_pg=(runuser -u postgres --)
cleanup() {
  if [ -f "$work/pg/data/postmaster.pid" ]; then "${as_pg[@]}" "$bin/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
dotnet build -c Release "$here/CatalogSize.csproj" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
mkdir -p "$work/sqlite"
pgargs=()
if [ -n "$bin" ] && [ -x "$bin/initdb" ]; then
  mkdir -p "$work/pg"; od -An -tx8 -N16 /dev/urandom | tr -d ' \n' >"$work/pg/password"; echo >>"$work/pg/password"
  [ ${#as_pg[@]} -eq 0 ] || chown -R postgres:postgres "$work/pg"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${as_pg[@]}" "$bin/initdb" -D "$work/pg/data" -U postgres --pwfile "$work/pg/password" -E UTF8 --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null
  # Default settings but for the port and socket: the figures are PostgreSQL as installed.
  "${as_pg[@]}" "$bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -o "-c listen_addresses=127.0.0.1 -p $port -k $work/pg" start >/dev/null
  for db in base size; do "${as_pg[@]}" "$bin/psql" -h "$work/pg" -p "$port" -U postgres -qc "CREATE DATABASE $db;" >/dev/null; done
  url="postgresql://postgres@127.0.0.1:$port"
  pgargs=(--pg "$url/size?password_file=$work/pg/password" --pg-baseline "$url/base?password_file=$work/pg/password")
else
  echo "PostgreSQL is not installed (apt-get install postgresql): SQLite only"
fi
dotnet "$here/bin/Release/net10.0/CatalogSize.dll" --rows "$rows" --serials "$serials" --sqlite "$work/sqlite" "${pgargs[@]}"
