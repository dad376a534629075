#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a PostgreSQL database, in one transaction: either
# everything is restored or nothing is.
#
#   scripts/restore.sh [--replace] FILE DATABASE_URL
#
#   FILE          a backup written by scripts/backup.sh (pg_dump custom format)
#   DATABASE_URL  the database to restore into; create it first (createdb). It must be empty
#   --replace     restore over a database that already has tables, dropping what the backup holds
#                 first (pg_restore --clean). Stop the web server, worker and beat before using it
#
# Owners and privileges are not restored: the restored objects belong to the user in DATABASE_URL.
# Environment: PG_BIN (default /usr/lib/postgresql/15/bin when present).
set -euo pipefail

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

replace=false
args=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --replace) replace=true; shift ;;
    -h|--help) usage ;;
    -*) echo "Unknown option: $1" >&2; usage 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[[ ${#args[@]} -eq 2 ]] || usage 2
file=${args[0]} url=${args[1]}
[[ -r $file ]] || { echo "Cannot read $file." >&2; exit 2; }
[[ $url == postgres://* || $url == postgresql://* ]] || { echo "Give a PostgreSQL URL to restore into." >&2; exit 2; }

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
[[ -x $PG_BIN/pg_restore ]] || PG_BIN=$(dirname "$(command -v pg_restore || echo /missing/pg_restore)")
[[ -x $PG_BIN/pg_restore ]] || { echo "pg_restore not found (apt-get install postgresql-client-15)." >&2; exit 1; }

tables=$("$PG_BIN/psql" --no-psqlrc --no-password --tuples-only --no-align --dbname="$url" --command \
  "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
options=(--exit-on-error --single-transaction --no-owner --no-privileges --no-password)
if [[ $tables -gt 0 ]]; then
  if ! $replace; then
    echo "Refusing to restore: the database already has $tables tables. Restore into a new, empty database," >&2
    echo "or add --replace to drop and replace what the backup holds (stop the portal first)." >&2
    exit 3
  fi
  options+=(--clean --if-exists)
fi
"$PG_BIN/pg_restore" "${options[@]}" --dbname="$url" "$file"
echo "Restored $file."
